//! Terraform's built-in functions that network code uses, as a table from name to Rust
//! function over JSON values. `try` and `can` are not here: they evaluate their arguments
//! lazily and live in `expr.rs`.
//!
//! Each function returns `Err(message)` for wrong arguments; the caller adds the file, line and
//! column of the call and the function's name. Results follow the examples of Terraform's
//! function documentation (see the table test in `tests`).

use super::value::{as_f64, num, to_display, type_name};
use ipnet::IpNet;
use serde_json::{Map, Value};
use std::net::IpAddr;

pub type Function = fn(&[Value]) -> Result<Value, String>;

/// Most elements a function may build (`range`, `setproduct`), so that hostile input cannot
/// exhaust memory.
const MAX_ELEMENTS: usize = 100_000;

pub fn lookup_fn(name: &str) -> Option<Function> {
    let f: Function = match name {
        "cidrsubnet" => cidrsubnet,
        "cidrsubnets" => cidrsubnets,
        "cidrhost" => cidrhost,
        "cidrnetmask" => cidrnetmask,
        "element" => element,
        "length" => length,
        "slice" => slice,
        "concat" => concat,
        "merge" => merge,
        "lookup" => lookup,
        "zipmap" => zipmap,
        "flatten" => flatten,
        "distinct" => distinct,
        "keys" => keys,
        "values" => values,
        "tolist" => tolist,
        "toset" => toset,
        "tomap" => tomap,
        "format" => format,
        "formatlist" => formatlist,
        "join" => join,
        "split" => split,
        "replace" => replace,
        "regex" => regex,
        "regexall" => regexall,
        "coalesce" => coalesce,
        "coalescelist" => coalescelist,
        "min" => min,
        "max" => max,
        "range" => range,
        "contains" => contains,
        "lower" => |a| str_map(a, |s| s.to_lowercase()),
        "upper" => |a| str_map(a, |s| s.to_uppercase()),
        "trimspace" => |a| str_map(a, |s| s.trim().to_string()),
        "title" => |a| str_map(a, title),
        "tostring" => tostring,
        "tonumber" => tonumber,
        "tobool" => tobool,
        "jsonencode" => jsonencode,
        "jsondecode" => jsondecode,
        "compact" => compact,
        "index" => index,
        "one" => one,
        "sort" => sort,
        "reverse" => reverse,
        "substr" => substr,
        "startswith" => |a| str2_test(a, |s, p| s.starts_with(p)),
        "endswith" => |a| str2_test(a, |s, p| s.ends_with(p)),
        "strcontains" => |a| str2_test(a, |s, p| s.contains(p)),
        "trimprefix" => |a| str2_map(a, |s, p| s.strip_prefix(p).unwrap_or(s).to_string()),
        "trimsuffix" => |a| str2_map(a, |s, p| s.strip_suffix(p).unwrap_or(s).to_string()),
        "trim" => |a| str2_map(a, |s, p| s.trim_matches(|c| p.contains(c)).to_string()),
        "alltrue" => |a| bool_fold(a, true),
        "anytrue" => |a| bool_fold(a, false),
        "sum" => sum,
        "chunklist" => chunklist,
        "setproduct" => setproduct,
        "setunion" => setunion,
        "setintersection" => setintersection,
        "setsubtract" => setsubtract,
        "abs" => |a| num_map(a, f64::abs),
        "ceil" => |a| num_map(a, f64::ceil),
        "floor" => |a| num_map(a, f64::floor),
        "signum" => |a| num_map(a, f64::signum),
        "pow" => pow,
        "parseint" => parseint,
        _ => return None,
    };
    Some(f)
}

// ---- argument helpers ----

fn arity(args: &[Value], n: usize) -> Result<(), String> {
    if args.len() == n {
        Ok(())
    } else {
        Err(format!(
            "takes {n} argument{}, {} given",
            if n == 1 { "" } else { "s" },
            args.len()
        ))
    }
}

fn arg_str(args: &[Value], i: usize) -> Result<String, String> {
    match args.get(i) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => Ok(to_display(v)),
        Some(v) => Err(format!("argument {} must be a string, not {}", i + 1, type_name(v))),
        None => Err(format!("argument {} (a string) is missing", i + 1)),
    }
}

fn arg_num(args: &[Value], i: usize) -> Result<f64, String> {
    match args.get(i) {
        Some(v) => as_f64(v).ok_or_else(|| format!("argument {} must be a number, not {}", i + 1, type_name(v))),
        None => Err(format!("argument {} (a number) is missing", i + 1)),
    }
}

fn arg_int(args: &[Value], i: usize) -> Result<i64, String> {
    let n = arg_num(args, i)?;
    if n.fract() != 0.0 || !n.is_finite() || n.abs() > 9.0e15 {
        return Err(format!("argument {} must be a whole number, not {n}", i + 1));
    }
    Ok(n as i64)
}

fn arg_list(args: &[Value], i: usize) -> Result<Vec<Value>, String> {
    match args.get(i) {
        Some(v) => as_list(v).ok_or_else(|| format!("argument {} must be a list, not {}", i + 1, type_name(v))),
        None => Err(format!("argument {} (a list) is missing", i + 1)),
    }
}

fn arg_map(args: &[Value], i: usize) -> Result<Map<String, Value>, String> {
    match args.get(i) {
        Some(Value::Object(m)) => Ok(m.clone()),
        Some(v) => Err(format!(
            "argument {} must be a map or object, not {}",
            i + 1,
            type_name(v)
        )),
        None => Err(format!("argument {} (a map) is missing", i + 1)),
    }
}

fn as_list(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::Array(a) => Some(a.clone()),
        _ => None,
    }
}

fn strings(v: &[Value]) -> Value {
    Value::Array(v.to_vec())
}

fn str_map(args: &[Value], f: fn(&str) -> String) -> Result<Value, String> {
    arity(args, 1)?;
    Ok(Value::String(f(&arg_str(args, 0)?)))
}

fn str2_map(args: &[Value], f: fn(&str, &str) -> String) -> Result<Value, String> {
    arity(args, 2)?;
    Ok(Value::String(f(&arg_str(args, 0)?, &arg_str(args, 1)?)))
}

fn str2_test(args: &[Value], f: fn(&str, &str) -> bool) -> Result<Value, String> {
    arity(args, 2)?;
    Ok(Value::Bool(f(&arg_str(args, 0)?, &arg_str(args, 1)?)))
}

fn num_map(args: &[Value], f: fn(f64) -> f64) -> Result<Value, String> {
    arity(args, 1)?;
    Ok(num(f(arg_num(args, 0)?)))
}

fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = !c.is_alphanumeric();
    }
    out
}

/// Set semantics: distinct elements; Terraform orders a set of strings lexically.
fn set_of(mut items: Vec<Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::with_capacity(items.len());
    for v in items.drain(..) {
        if !out.iter().any(|o| super::value::equal(o, &v)) {
            out.push(v);
        }
    }
    if out.iter().all(Value::is_string) {
        out.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    } else if out.iter().all(Value::is_number) {
        out.sort_by(|a, b| as_f64(a).partial_cmp(&as_f64(b)).unwrap_or(std::cmp::Ordering::Equal));
    }
    out
}

// ---- IP networks ----

fn parse_prefix(s: &str) -> Result<IpNet, String> {
    s.parse::<IpNet>()
        .map(|n| n.trunc())
        .map_err(|_| format!("invalid CIDR address `{s}`: write it as address/prefix length, e.g. 10.0.0.0/16"))
}

fn bits_of(addr: IpAddr) -> (u128, u8) {
    match addr {
        IpAddr::V4(a) => (u32::from(a) as u128, 32),
        IpAddr::V6(a) => (u128::from(a), 128),
    }
}

fn addr_of(bits: u128, width: u8) -> IpAddr {
    if width == 32 {
        IpAddr::V4((bits as u32).into())
    } else {
        IpAddr::V6(bits.into())
    }
}

/// The subnet `netnum` of `newbits` more bits within `net`.
fn subnet(net: IpNet, newbits: i64, netnum: i64) -> Result<IpNet, String> {
    let (base, width) = bits_of(net.network());
    let plen = net.prefix_len() as i64;
    if newbits < 0 {
        return Err(format!("newbits must not be negative, {newbits} given"));
    }
    let newlen = plen + newbits;
    if newlen > width as i64 {
        return Err(format!(
            "insufficient address space to extend prefix of {plen} by {newbits}: the result would be longer than /{width}"
        ));
    }
    if netnum < 0 || (newbits < 127 && (netnum as u128) >= (1u128 << newbits)) {
        return Err(format!(
            "prefix extension of {newbits} does not accommodate a subnet numbered {netnum}"
        ));
    }
    let shift = width as i64 - newlen;
    let bits = if shift >= 128 {
        base
    } else {
        base | ((netnum as u128) << shift)
    };
    IpNet::new(addr_of(bits, width), newlen as u8).map_err(|e| e.to_string())
}

fn cidrsubnet(args: &[Value]) -> Result<Value, String> {
    arity(args, 3)?;
    let net = parse_prefix(&arg_str(args, 0)?)?;
    Ok(Value::String(
        subnet(net, arg_int(args, 1)?, arg_int(args, 2)?)?.to_string(),
    ))
}

fn cidrsubnets(args: &[Value]) -> Result<Value, String> {
    let net = parse_prefix(&arg_str(args, 0)?)?;
    let (base, width) = bits_of(net.network());
    let plen = net.prefix_len() as i64;
    // The next free address, relative to the prefix's start (u128 + overflow flag for /0).
    let mut next: u128 = 0;
    let total_bits = width as i64 - plen;
    let mut out = Vec::new();
    for i in 1..args.len() {
        let newbits = arg_int(args, i)?;
        if newbits < 1 || plen + newbits > width as i64 {
            return Err(format!(
                "argument {}: would extend prefix to {} bits, which is too long for an IPv{} address",
                i + 1,
                plen + newbits,
                if width == 32 { 4 } else { 6 }
            ));
        }
        let size_bits = total_bits - newbits; // host bits of the new subnet
        let size: u128 = 1u128 << size_bits.min(127);
        // align `next` up to the subnet size
        let start = next.div_ceil(size) * size;
        if total_bits < 128 && start >= (1u128 << total_bits) {
            return Err(format!(
                "not enough remaining address space for a subnet with a prefix of {} bits",
                plen + newbits
            ));
        }
        let sub = IpNet::new(addr_of(base | start, width), (plen + newbits) as u8).map_err(|e| e.to_string())?;
        out.push(Value::String(sub.to_string()));
        next = start + size;
    }
    Ok(Value::Array(out))
}

fn cidrhost(args: &[Value]) -> Result<Value, String> {
    arity(args, 2)?;
    let net = parse_prefix(&arg_str(args, 0)?)?;
    let hostnum = arg_int(args, 1)?;
    let (base, width) = bits_of(net.network());
    let host_bits = width - net.prefix_len();
    let count: u128 = if host_bits >= 128 {
        u128::MAX
    } else {
        1u128 << host_bits
    };
    let offset: u128 = if hostnum >= 0 {
        hostnum as u128
    } else {
        match count.checked_sub(hostnum.unsigned_abs() as u128) {
            Some(o) => o,
            None => {
                return Err(format!(
                    "prefix of {} does not accommodate a host numbered {hostnum}",
                    net.prefix_len()
                ))
            }
        }
    };
    if offset >= count {
        return Err(format!(
            "prefix of {} does not accommodate a host numbered {hostnum}",
            net.prefix_len()
        ));
    }
    Ok(Value::String(addr_of(base | offset, width).to_string()))
}

fn cidrnetmask(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    match parse_prefix(&arg_str(args, 0)?)? {
        IpNet::V4(n) => Ok(Value::String(n.netmask().to_string())),
        IpNet::V6(_) => Err("only IPv4 prefixes have a netmask".into()),
    }
}

// ---- collections ----

fn element(args: &[Value]) -> Result<Value, String> {
    arity(args, 2)?;
    let list = arg_list(args, 0)?;
    let i = arg_int(args, 1)?;
    if list.is_empty() {
        return Err("cannot use element function with an empty list".into());
    }
    // Terraform (since 1.5) counts a negative index from the end.
    let n = list.len() as i64;
    Ok(list[i.rem_euclid(n) as usize].clone())
}

fn length(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    match &args[0] {
        Value::Array(a) => Ok(num(a.len() as f64)),
        Value::Object(m) => Ok(num(m.len() as f64)),
        Value::String(s) => Ok(num(s.chars().count() as f64)),
        v => Err(format!("argument must be a string, list or map, not {}", type_name(v))),
    }
}

fn slice(args: &[Value]) -> Result<Value, String> {
    arity(args, 3)?;
    let list = arg_list(args, 0)?;
    let (s, e) = (arg_int(args, 1)?, arg_int(args, 2)?);
    if s < 0 || e > list.len() as i64 || s > e {
        return Err(format!(
            "the indices {s} and {e} are out of range for a list of {} elements",
            list.len()
        ));
    }
    Ok(strings(&list[s as usize..e as usize]))
}

fn concat(args: &[Value]) -> Result<Value, String> {
    let mut out = Vec::new();
    for i in 0..args.len() {
        out.extend(arg_list(args, i)?);
    }
    Ok(Value::Array(out))
}

fn merge(args: &[Value]) -> Result<Value, String> {
    let mut out = Map::new();
    for (i, a) in args.iter().enumerate() {
        match a {
            Value::Null => {}
            Value::Object(m) => out.extend(m.clone()),
            v => {
                return Err(format!(
                    "argument {} must be a map or object, not {}",
                    i + 1,
                    type_name(v)
                ))
            }
        }
    }
    Ok(Value::Object(out))
}

fn lookup(args: &[Value]) -> Result<Value, String> {
    if args.len() != 2 && args.len() != 3 {
        return Err(format!("takes 2 or 3 arguments, {} given", args.len()));
    }
    let map = arg_map(args, 0)?;
    let key = arg_str(args, 1)?;
    match map.get(&key) {
        Some(v) => Ok(v.clone()),
        None => args
            .get(2)
            .cloned()
            .ok_or_else(|| format!("the given key `{key}` is not in the map and no default was given")),
    }
}

fn zipmap(args: &[Value]) -> Result<Value, String> {
    arity(args, 2)?;
    let (k, v) = (arg_list(args, 0)?, arg_list(args, 1)?);
    if k.len() != v.len() {
        return Err(format!(
            "the keys list has {} elements but the values list has {}",
            k.len(),
            v.len()
        ));
    }
    let mut out = Map::new();
    for (i, (k, v)) in k.iter().zip(v).enumerate() {
        let key = match k {
            Value::String(_) | Value::Number(_) | Value::Bool(_) => to_display(k),
            other => return Err(format!("key {} must be a string, not {}", i, type_name(other))),
        };
        out.insert(key, v);
    }
    Ok(Value::Object(out))
}

fn flatten(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    fn go(v: &[Value], out: &mut Vec<Value>) {
        for x in v {
            match x {
                Value::Array(a) => go(a, out),
                other => out.push(other.clone()),
            }
        }
    }
    let mut out = Vec::new();
    go(&arg_list(args, 0)?, &mut out);
    Ok(Value::Array(out))
}

fn distinct(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    let mut out: Vec<Value> = Vec::new();
    for v in arg_list(args, 0)? {
        if !out.iter().any(|o| super::value::equal(o, &v)) {
            out.push(v);
        }
    }
    Ok(Value::Array(out))
}

fn sorted_entries(m: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut e: Vec<_> = m.iter().collect();
    e.sort_by(|a, b| a.0.cmp(b.0));
    e
}

fn keys(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    let m = arg_map(args, 0)?;
    Ok(Value::Array(
        sorted_entries(&m)
            .into_iter()
            .map(|(k, _)| Value::String(k.clone()))
            .collect(),
    ))
}

fn values(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    let m = arg_map(args, 0)?;
    Ok(Value::Array(
        sorted_entries(&m).into_iter().map(|(_, v)| v.clone()).collect(),
    ))
}

fn tolist(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    Ok(Value::Array(arg_list(args, 0)?))
}

fn toset(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    Ok(Value::Array(set_of(arg_list(args, 0)?)))
}

fn tomap(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    Ok(Value::Object(arg_map(args, 0)?))
}

fn tostring(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    match &args[0] {
        Value::Null => Ok(Value::Null),
        v @ (Value::String(_) | Value::Number(_) | Value::Bool(_)) => Ok(Value::String(to_display(v))),
        v => Err(format!("cannot convert {} to string", type_name(v))),
    }
}

fn tonumber(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    match &args[0] {
        Value::Null => Ok(Value::Null),
        v => as_f64(v)
            .map(num)
            .ok_or_else(|| format!("cannot convert {} to number", super::value::render(v))),
    }
}

fn tobool(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    match &args[0] {
        Value::Null => Ok(Value::Null),
        Value::Bool(b) => Ok(Value::Bool(*b)),
        Value::String(s) if s == "true" => Ok(Value::Bool(true)),
        Value::String(s) if s == "false" => Ok(Value::Bool(false)),
        v => Err(format!("cannot convert {} to bool", super::value::render(v))),
    }
}

fn jsonencode(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    Ok(Value::String(args[0].to_string()))
}

fn jsondecode(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    serde_json::from_str(&arg_str(args, 0)?).map_err(|e| format!("the string is not valid JSON: {e}"))
}

fn compact(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    Ok(Value::Array(
        arg_list(args, 0)?
            .into_iter()
            .filter(|v| !v.is_null() && v.as_str() != Some(""))
            .collect(),
    ))
}

fn index(args: &[Value]) -> Result<Value, String> {
    arity(args, 2)?;
    let list = arg_list(args, 0)?;
    list.iter()
        .position(|v| super::value::equal(v, &args[1]))
        .map(|i| num(i as f64))
        .ok_or_else(|| "item not found".to_string())
}

fn one(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    let list = arg_list(args, 0)?;
    match list.len() {
        0 => Ok(Value::Null),
        1 => Ok(list[0].clone()),
        n => Err(format!(
            "must be a list, set, or tuple value with either zero or one elements, not {n}"
        )),
    }
}

fn sort(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    let mut list = arg_list(args, 0)?;
    let mut keys = Vec::with_capacity(list.len());
    for v in &list {
        match v {
            Value::String(_) | Value::Number(_) | Value::Bool(_) => keys.push(to_display(v)),
            other => return Err(format!("sort takes a list of strings, not of {}", type_name(other))),
        }
    }
    let mut idx: Vec<usize> = (0..list.len()).collect();
    idx.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
    list = idx.into_iter().map(|i| Value::String(keys[i].clone())).collect();
    Ok(Value::Array(list))
}

fn reverse(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    let mut l = arg_list(args, 0)?;
    l.reverse();
    Ok(Value::Array(l))
}

fn contains(args: &[Value]) -> Result<Value, String> {
    arity(args, 2)?;
    Ok(Value::Bool(
        arg_list(args, 0)?.iter().any(|v| super::value::equal(v, &args[1])),
    ))
}

fn coalesce(args: &[Value]) -> Result<Value, String> {
    args.iter()
        .find(|v| !v.is_null() && v.as_str() != Some(""))
        .cloned()
        .ok_or_else(|| "no non-null, non-empty-string arguments".to_string())
}

fn coalescelist(args: &[Value]) -> Result<Value, String> {
    for i in 0..args.len() {
        if !args[i].is_null() && !arg_list(args, i)?.is_empty() {
            return Ok(args[i].clone());
        }
    }
    Err("no non-null arguments".into())
}

fn min(args: &[Value]) -> Result<Value, String> {
    num_fold(args, f64::min)
}

fn max(args: &[Value]) -> Result<Value, String> {
    num_fold(args, f64::max)
}

fn num_fold(args: &[Value], f: fn(f64, f64) -> f64) -> Result<Value, String> {
    if args.is_empty() {
        return Err("must have at least one argument".into());
    }
    let mut acc = arg_num(args, 0)?;
    for i in 1..args.len() {
        acc = f(acc, arg_num(args, i)?);
    }
    Ok(num(acc))
}

fn sum(args: &[Value]) -> Result<Value, String> {
    arity(args, 1)?;
    let list = arg_list(args, 0)?;
    if list.is_empty() {
        return Err("cannot sum an empty list".into());
    }
    let mut acc = 0.0;
    for (i, v) in list.iter().enumerate() {
        acc += as_f64(v).ok_or_else(|| format!("element {i} is {}, not a number", type_name(v)))?;
    }
    Ok(num(acc))
}

fn pow(args: &[Value]) -> Result<Value, String> {
    arity(args, 2)?;
    Ok(num(arg_num(args, 0)?.powf(arg_num(args, 1)?)))
}

fn parseint(args: &[Value]) -> Result<Value, String> {
    arity(args, 2)?;
    let (s, base) = (arg_str(args, 0)?, arg_int(args, 1)?);
    if !(2..=62).contains(&base) {
        return Err(format!(
            "base must be a whole number between 2 and 62 inclusive, not {base}"
        ));
    }
    if base > 36 {
        return Err("bases above 36 are not supported by this importer".into());
    }
    i64::from_str_radix(&s, base as u32)
        .map(|n| num(n as f64))
        .map_err(|_| format!("cannot parse `{s}` as a base {base} integer"))
}

fn bool_fold(args: &[Value], all: bool) -> Result<Value, String> {
    arity(args, 1)?;
    let mut acc = all;
    for v in arg_list(args, 0)? {
        let b = match &v {
            Value::Bool(b) => *b,
            Value::String(s) if s == "true" => true,
            Value::String(s) if s == "false" => false,
            other => return Err(format!("elements must be booleans, not {}", type_name(other))),
        };
        acc = if all { acc && b } else { acc || b };
    }
    Ok(Value::Bool(acc))
}

fn range(args: &[Value]) -> Result<Value, String> {
    let (start, end, step) = match args.len() {
        1 => (0.0, arg_num(args, 0)?, 1.0),
        2 => {
            let (s, e) = (arg_num(args, 0)?, arg_num(args, 1)?);
            (s, e, if s > e { -1.0 } else { 1.0 })
        }
        3 => (arg_num(args, 0)?, arg_num(args, 1)?, arg_num(args, 2)?),
        n => return Err(format!("takes 1 to 3 arguments, {n} given")),
    };
    if step == 0.0 {
        return Err("step must not be zero".into());
    }
    if (end > start && step < 0.0) || (end < start && step > 0.0) {
        return Err("step must be positive when the start is less than the limit, negative otherwise".into());
    }
    let n = ((end - start) / step).ceil();
    if !n.is_finite() || n > MAX_ELEMENTS as f64 {
        return Err(format!("more than {MAX_ELEMENTS} elements"));
    }
    Ok(Value::Array(
        (0..n.max(0.0) as usize).map(|i| num(start + step * i as f64)).collect(),
    ))
}

fn chunklist(args: &[Value]) -> Result<Value, String> {
    arity(args, 2)?;
    let list = arg_list(args, 0)?;
    let size = arg_int(args, 1)?;
    if size < 0 {
        return Err("the size argument must be positive".into());
    }
    if list.is_empty() {
        return Ok(Value::Array(vec![]));
    }
    if size == 0 {
        return Ok(Value::Array(vec![Value::Array(list)]));
    }
    Ok(Value::Array(
        list.chunks(size as usize).map(|c| Value::Array(c.to_vec())).collect(),
    ))
}

fn setproduct(args: &[Value]) -> Result<Value, String> {
    if args.len() < 2 {
        return Err("at least two arguments are required".into());
    }
    let mut acc: Vec<Vec<Value>> = vec![vec![]];
    for i in 0..args.len() {
        let list = arg_list(args, i)?;
        if acc.len().saturating_mul(list.len()) > MAX_ELEMENTS {
            return Err(format!("more than {MAX_ELEMENTS} combinations"));
        }
        acc = acc
            .into_iter()
            .flat_map(|prefix| {
                list.iter().map(move |v| {
                    let mut p = prefix.clone();
                    p.push(v.clone());
                    p
                })
            })
            .collect();
    }
    Ok(Value::Array(acc.into_iter().map(Value::Array).collect()))
}

fn setunion(args: &[Value]) -> Result<Value, String> {
    let mut all = Vec::new();
    for i in 0..args.len() {
        all.extend(arg_list(args, i)?);
    }
    Ok(Value::Array(set_of(all)))
}

fn setintersection(args: &[Value]) -> Result<Value, String> {
    let mut acc = set_of(arg_list(args, 0)?);
    for i in 1..args.len() {
        let other = arg_list(args, i)?;
        acc.retain(|v| other.iter().any(|o| super::value::equal(o, v)));
    }
    Ok(Value::Array(acc))
}

fn setsubtract(args: &[Value]) -> Result<Value, String> {
    arity(args, 2)?;
    let other = arg_list(args, 1)?;
    let mut acc = set_of(arg_list(args, 0)?);
    acc.retain(|v| !other.iter().any(|o| super::value::equal(o, v)));
    Ok(Value::Array(acc))
}

// ---- strings ----

fn join(args: &[Value]) -> Result<Value, String> {
    if args.len() < 2 {
        return Err(format!(
            "takes a separator and at least one list, {} arguments given",
            args.len()
        ));
    }
    let sep = arg_str(args, 0)?;
    let mut parts = Vec::new();
    for i in 1..args.len() {
        for (j, v) in arg_list(args, i)?.iter().enumerate() {
            match v {
                Value::String(_) | Value::Number(_) | Value::Bool(_) => parts.push(to_display(v)),
                other => return Err(format!("element {j} of list {i} is {}, not a string", type_name(other))),
            }
        }
    }
    Ok(Value::String(parts.join(&sep)))
}

fn split(args: &[Value]) -> Result<Value, String> {
    arity(args, 2)?;
    let (sep, s) = (arg_str(args, 0)?, arg_str(args, 1)?);
    if sep.is_empty() {
        return Ok(Value::Array(s.chars().map(|c| Value::String(c.to_string())).collect()));
    }
    Ok(Value::Array(
        s.split(sep.as_str()).map(|p| Value::String(p.to_string())).collect(),
    ))
}

fn replace(args: &[Value]) -> Result<Value, String> {
    arity(args, 3)?;
    let (s, sub, rep) = (arg_str(args, 0)?, arg_str(args, 1)?, arg_str(args, 2)?);
    if sub.len() > 1 && sub.starts_with('/') && sub.ends_with('/') {
        let re = compile(&sub[1..sub.len() - 1])?;
        return Ok(Value::String(re.replace_all(&s, rep.as_str()).into_owned()));
    }
    if sub.is_empty() {
        return Ok(Value::String(s));
    }
    Ok(Value::String(s.replace(&sub, &rep)))
}

fn substr(args: &[Value]) -> Result<Value, String> {
    arity(args, 3)?;
    let s: Vec<char> = arg_str(args, 0)?.chars().collect();
    let (off, len) = (arg_int(args, 1)?, arg_int(args, 2)?);
    let n = s.len() as i64;
    let start = if off < 0 { n + off } else { off };
    if start < 0 || start > n {
        return Err(format!("offset {off} is out of range for a string of {n} characters"));
    }
    let end = if len < 0 { n } else { (start + len).min(n) };
    Ok(Value::String(s[start as usize..end as usize].iter().collect()))
}

/// `format`'s verbs: `%s %d %f %v %q %t %%`, with flags, width and precision (`%-5s`, `%03d`,
/// `%.2f`).
fn format(args: &[Value]) -> Result<Value, String> {
    if args.is_empty() {
        return Err("takes a format string and its values".into());
    }
    let spec = arg_str(args, 0)?;
    format_with(&spec, &args[1..]).map(Value::String)
}

fn format_with(spec: &str, vals: &[Value]) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = spec.chars().peekable();
    let mut next = 0usize;
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            out.push('%');
            continue;
        }
        let (mut left, mut zero, mut plus) = (false, false, false);
        while let Some(&f) = chars.peek() {
            match f {
                '-' => left = true,
                '0' => zero = true,
                '+' => plus = true,
                ' ' | '#' => {}
                _ => break,
            }
            chars.next();
        }
        let mut width = String::new();
        while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
            width.push(d);
            chars.next();
        }
        let mut prec: Option<usize> = None;
        if chars.peek() == Some(&'.') {
            chars.next();
            let mut p = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                p.push(d);
                chars.next();
            }
            prec = Some(p.parse().unwrap_or(0).min(64));
        }
        let width: usize = width.parse::<usize>().unwrap_or(0).min(256);
        let verb = chars.next().ok_or("the format string ends in the middle of a verb")?;
        let v = vals
            .get(next)
            .ok_or_else(|| format!("too few values for the format string: verb {} has none", next + 1))?;
        next += 1;
        let body = match verb {
            's' | 'v' => match v {
                Value::String(s) => match prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s.clone(),
                },
                Value::Number(_) | Value::Bool(_) => to_display(v),
                other if verb == 'v' => other.to_string(),
                other => return Err(format!("%s cannot format {}", type_name(other))),
            },
            'q' => Value::String(arg_str(std::slice::from_ref(v), 0)?).to_string(),
            'd' => {
                let n = as_f64(v).ok_or_else(|| format!("%d needs a number, not {}", type_name(v)))?;
                if n.fract() != 0.0 {
                    return Err(format!("%d needs a whole number, not {n}"));
                }
                let s = format!("{}", n as i64);
                if plus && n >= 0.0 {
                    format!("+{s}")
                } else {
                    s
                }
            }
            'f' | 'e' | 'g' => {
                let n = as_f64(v).ok_or_else(|| format!("%{verb} needs a number, not {}", type_name(v)))?;
                match verb {
                    'f' => format!("{:.*}", prec.unwrap_or(6), n),
                    'e' => format!("{:.*e}", prec.unwrap_or(6), n),
                    _ => to_display(&num(n)),
                }
            }
            't' => match v {
                Value::Bool(b) => b.to_string(),
                other => return Err(format!("%t needs a bool, not {}", type_name(other))),
            },
            'x' | 'X' | 'o' | 'b' => {
                let n = as_f64(v)
                    .filter(|n| n.fract() == 0.0)
                    .ok_or_else(|| format!("%{verb} needs a whole number"))? as i64;
                match verb {
                    'x' => format!("{n:x}"),
                    'X' => format!("{n:X}"),
                    'o' => format!("{n:o}"),
                    _ => format!("{n:b}"),
                }
            }
            other => return Err(format!("unsupported format verb %{other}")),
        };
        let pad = width.saturating_sub(body.chars().count());
        if left {
            out.push_str(&body);
            out.extend(std::iter::repeat_n(' ', pad));
        } else if zero && matches!(verb, 'd' | 'f' | 'x' | 'X' | 'o' | 'b') {
            let (sign, digits) = if body.starts_with('-') || body.starts_with('+') {
                body.split_at(1)
            } else {
                ("", body.as_str())
            };
            out.push_str(sign);
            out.extend(std::iter::repeat_n('0', pad));
            out.push_str(digits);
        } else {
            out.extend(std::iter::repeat_n(' ', pad));
            out.push_str(&body);
        }
    }
    if next < vals.len() {
        return Err(format!(
            "too many values for the format string: {} given, {next} used",
            vals.len()
        ));
    }
    Ok(out)
}

fn formatlist(args: &[Value]) -> Result<Value, String> {
    if args.is_empty() {
        return Err("takes a format string and its values".into());
    }
    let spec = arg_str(args, 0)?;
    let mut n: Option<usize> = None;
    for a in &args[1..] {
        if let Value::Array(l) = a {
            match n {
                Some(m) if m != l.len() => {
                    return Err(format!("all lists must have the same length: {m} and {}", l.len()))
                }
                _ => n = Some(l.len()),
            }
        }
    }
    let n = n.unwrap_or(1);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let vals: Vec<Value> = args[1..]
            .iter()
            .map(|a| match a {
                Value::Array(l) => l[i].clone(),
                other => other.clone(),
            })
            .collect();
        out.push(Value::String(format_with(&spec, &vals)?));
    }
    Ok(Value::Array(out))
}

// ---- regular expressions (RE2 syntax, as Terraform's) ----

fn compile(pattern: &str) -> Result<regex_lite::Regex, String> {
    regex_lite::RegexBuilder::new(pattern)
        .size_limit(1 << 20)
        .build()
        .map_err(|e| format!("invalid regular expression `{pattern}`: {e}"))
}

/// One match as Terraform gives it: the matched text with no capture groups, a list of the
/// groups, or an object of the named groups.
fn match_value(re: &regex_lite::Regex, caps: &regex_lite::Captures) -> Value {
    let names: Vec<Option<&str>> = re.capture_names().skip(1).collect();
    if names.is_empty() {
        return Value::String(caps.get(0).map(|m| m.as_str()).unwrap_or("").to_string());
    }
    let text = |i: usize| {
        caps.get(i + 1)
            .map(|m| Value::String(m.as_str().to_string()))
            .unwrap_or(Value::Null)
    };
    if names.iter().any(Option::is_some) {
        let mut m = Map::new();
        for (i, n) in names.iter().enumerate() {
            if let Some(n) = n {
                m.insert(n.to_string(), text(i));
            }
        }
        Value::Object(m)
    } else {
        Value::Array((0..names.len()).map(text).collect())
    }
}

fn regex(args: &[Value]) -> Result<Value, String> {
    arity(args, 2)?;
    let re = compile(&arg_str(args, 0)?)?;
    let s = arg_str(args, 1)?;
    re.captures(&s)
        .map(|c| match_value(&re, &c))
        .ok_or_else(|| "pattern did not match any part of the given string".to_string())
}

fn regexall(args: &[Value]) -> Result<Value, String> {
    arity(args, 2)?;
    let re = compile(&arg_str(args, 0)?)?;
    let s = arg_str(args, 1)?;
    Ok(Value::Array(
        re.captures_iter(&s)
            .take(MAX_ELEMENTS)
            .map(|c| match_value(&re, &c))
            .collect(),
    ))
}
