//! Newtype ids: a `SubnetId` cannot be passed where a `SgId` is meant.
//!
//! Ids are the user's own names for components (`orders-fn`, `private-a`), unique across
//! the whole document, and they are what the CLI and the canvas print.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(s: impl Into<String>) -> Self { $name(s.into()) }
            pub fn as_str(&self) -> &str { &self.0 }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(&self.0) }
        }
        impl From<&str> for $name {
            fn from(s: &str) -> Self { $name(s.to_owned()) }
        }
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str { &self.0 }
        }
    };
}

id_type! {
    /// Any component, when its kind does not matter (hops, findings, diagnostics).
    ComponentId
}

macro_rules! id_types {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        id_type! { $(#[$doc])* $name }
        impl From<$name> for ComponentId {
            fn from(id: $name) -> Self { ComponentId(id.0) }
        }
        impl From<&$name> for ComponentId {
            fn from(id: &$name) -> Self { ComponentId(id.0.clone()) }
        }
    )*};
}

id_types! {
    VpcId,
    SubnetId,
    RouteTableId,
    IgwId,
    EigwId,
    NatId,
    PeeringId,
    EndpointId,
    SgId,
    NaclId,
    FunctionId,
    DatabaseId,
    DataStoreId,
    InstanceId,
    ServiceNodeId,
}
