//! The JSON twins in `templates/` (made by `examples/to_json.rs`) import to the same design as
//! their YAML originals: short and long forms, and the two parsers, mean the same thing.

use serde_json::Value;

/// The design as JSON with every list sorted by id (the twins list keys in another order).
fn canonical(text: &str, params: &[(String, String)]) -> Value {
    let doc = vpc_cfn::import(text, params).unwrap().document;
    let mut v = serde_json::to_value(&doc).unwrap();
    for (_, list) in v.as_object_mut().unwrap().iter_mut() {
        if let Value::Array(items) = list {
            items.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
        }
    }
    v
}

#[test]
fn yaml_and_json_twins_import_to_the_same_design() {
    let params = [
        ("Project".to_owned(), "p".to_owned()),
        ("Stage".to_owned(), "prod".to_owned()),
    ];
    for name in ["sam-public-subnet", "dual-stack", "endpoints-rds", "outside"] {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/templates/");
        let yaml = std::fs::read_to_string(format!("{dir}{name}.yaml")).unwrap();
        let json = std::fs::read_to_string(format!("{dir}{name}.json")).unwrap();
        let p: Vec<(String, String)> = params
            .iter()
            .filter(|(k, _)| yaml.contains(&format!("  {k}:\n")))
            .cloned()
            .collect();
        assert_eq!(canonical(&yaml, &p), canonical(&json, &p), "{name}");
    }
}
