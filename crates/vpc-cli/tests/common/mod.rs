//! Helpers shared by the integration tests (each test file is its own crate and uses a part).
#![allow(dead_code)]

pub mod corpus;
