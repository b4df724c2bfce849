//! The browser entry point (Trunk builds this binary to WebAssembly).

fn main() {
    vpc_playground::start();
}
