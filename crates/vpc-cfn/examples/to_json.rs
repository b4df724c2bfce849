//! Prints a YAML template as JSON with every short-form tag in its long form (`!Ref X` as
//! `{"Ref": "X"}`): how the JSON twins in `tests/templates/` were made from the YAML ones.
//!
//! `cargo run -p vpc-cfn --example to_json -- tests/templates/dual-stack.yaml`

use serde_json::{Map, Value};
use vpc_cfn::tree::{parse, Kind, Node};

fn json(n: &Node) -> Value {
    match &n.kind {
        Kind::Null => Value::Null,
        Kind::Bool(b) => Value::Bool(*b),
        Kind::Str(s) => Value::String(s.clone()),
        Kind::Seq(items) => Value::Array(items.iter().map(json).collect()),
        Kind::Map(entries) => Value::Object(entries.iter().map(|(k, v)| (k.clone(), json(v))).collect::<Map<_, _>>()),
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: to_json TEMPLATE.yaml");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2)
    });
    match parse(&text) {
        Ok(node) => println!("{}", serde_json::to_string_pretty(&json(&node)).expect("JSON")),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2)
        }
    }
}
