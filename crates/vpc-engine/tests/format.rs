//! The design format: the starter design loads and survives an export round trip.

use vpc_engine::model::{load, LoadErrorKind};

const STARTER: &str = include_str!("../../../designs/starter.json");

#[test]
fn starter_design_loads_and_round_trips_through_export() {
    let doc = load(STARTER).expect("starter design loads");
    assert_eq!(doc.functions.len(), 1);
    let again = load(&doc.to_export_json()).expect("exported design loads");
    assert_eq!(doc, again);
}

#[test]
fn syntax_error_reports_line_and_column() {
    let err = load("{\n  \"vpcs\": [,]\n}").unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::Syntax(_)), "{err:?}");
    assert_eq!((err.line, err.column), (Some(2), Some(12)));
}

#[test]
fn wrong_shape_names_the_field_and_position() {
    let err = load("{\"schema_version\": 1, \"vpcs\": [{\"id\": 5}]}").unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::Shape(_)), "{err:?}");
    assert!(err.line.is_some());
}

#[test]
fn future_version_is_refused_not_half_read() {
    let err = load("{\"schema_version\": 99}").unwrap_err();
    assert_eq!(err.kind, LoadErrorKind::FutureVersion { found: 99 });
}
