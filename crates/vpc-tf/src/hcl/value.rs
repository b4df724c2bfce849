//! Terraform values as JSON values: numbers, strings, bools, lists (arrays; sets are sorted
//! arrays), maps and objects (objects), and `null` (also what an unknown value becomes).

use serde_json::{Number, Value};

/// A number as Terraform prints it: whole numbers without a fraction.
pub fn num(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Value::Number(Number::from(n as i64))
    } else {
        Number::from_f64(n).map(Value::Number).unwrap_or(Value::Null)
    }
}

/// A number, or a string that holds one (Terraform converts `"3"` to 3 where a number is
/// expected).
pub fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|n| n.is_finite()),
        _ => None,
    }
}

/// A primitive as a string (Terraform's automatic conversion); other values as JSON.
pub fn to_display(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

/// A value as Terraform's console prints it, on one line (`"10.0.0.0/16"`, `["a", "b"]`).
pub fn render(v: &Value) -> String {
    match v {
        Value::String(s) => Value::String(s.clone()).to_string(),
        Value::Array(a) => format!("[{}]", a.iter().map(render).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{k} = {}", render(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => to_display(other),
    }
}

pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

/// Terraform's `==`: numbers by value (1 == 1.0), everything else structurally.
pub fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| equal(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
}

pub use crate::config::as_bool;

/// A stand-in for a value outside the configuration: an output of a module that was not
/// expanded (`"module.sg.security_group_id"`), or a variable given no value (`"var.name"`).
/// Where a bool, number or collection is needed it counts as unknown.
pub fn is_placeholder(v: &Value) -> bool {
    matches!(v, Value::String(s) if (s.starts_with("module.") || s.starts_with("var.")) && !s.contains(char::is_whitespace))
}

/// Most elements (strings, numbers, list and object members) one value may hold: values built
/// from locals that repeat each other can double at each step.
pub const MAX_VALUE_NODES: usize = 1_000_000;

/// Most elements all resources' values may hold together.
pub const MAX_TOTAL_NODES: usize = 5_000_000;

/// Whether `v` holds more than [`MAX_VALUE_NODES`] elements (counting stops there).
pub fn too_large(v: &Value) -> bool {
    nodes(v, MAX_VALUE_NODES) > MAX_VALUE_NODES
}

/// How many elements `v` holds, counting no further than just past `cap`.
pub fn nodes(v: &Value, cap: usize) -> usize {
    fn count(v: &Value, n: &mut usize, cap: usize) {
        *n += 1;
        if *n > cap {
            return;
        }
        match v {
            Value::Array(a) => a.iter().for_each(|x| count(x, n, cap)),
            Value::Object(m) => m.values().for_each(|x| count(x, n, cap)),
            _ => {}
        }
    }
    let mut n = 0;
    count(v, &mut n, cap);
    n
}
