//! A few lines that split JSON text into raw member and item texts without building a tree
//! (`serde_json::Value` would add its whole reader and writer to the download). Values are
//! returned as the exact text they had; keys with their quotes. Lenient: it finds the
//! structure of well-formed JSON and returns `None` on most malformed text, never panics;
//! what it returns is only ever given to the real reader or compared.

fn ws(s: &[u8], mut i: usize) -> usize {
    while s.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// The index after the string starting at `i` (which must be `"`).
fn string_end(s: &[u8], i: usize) -> Option<usize> {
    if s.get(i) != Some(&b'"') {
        return None;
    }
    let mut j = i + 1;
    loop {
        match s.get(j)? {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
}

/// The index after the value starting at `i`.
fn value_end(s: &[u8], i: usize) -> Option<usize> {
    match s.get(i)? {
        b'"' => string_end(s, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match s.get(j)? {
                    b'"' => {
                        j = string_end(s, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while s
                .get(j)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

/// The members of the object `text` is, in order: (key with its quotes, value text).
pub fn members(text: &str) -> Option<Vec<(&str, &str)>> {
    let s = text.as_bytes();
    let mut i = ws(s, 0);
    if s.get(i) != Some(&b'{') {
        return None;
    }
    i = ws(s, i + 1);
    let mut out = Vec::new();
    if s.get(i) == Some(&b'}') {
        return (ws(s, i + 1) == s.len()).then_some(out);
    }
    loop {
        let k = string_end(s, i)?;
        let key = &text[i..k];
        i = ws(s, k);
        if s.get(i) != Some(&b':') {
            return None;
        }
        i = ws(s, i + 1);
        let v = value_end(s, i)?;
        out.push((key, &text[i..v]));
        i = ws(s, v);
        match s.get(i)? {
            b',' => i = ws(s, i + 1),
            b'}' => return (ws(s, i + 1) == s.len()).then_some(out),
            _ => return None,
        }
    }
}

/// The items of the array `text` is, in order.
pub fn items(text: &str) -> Option<Vec<&str>> {
    let s = text.as_bytes();
    let mut i = ws(s, 0);
    if s.get(i) != Some(&b'[') {
        return None;
    }
    i = ws(s, i + 1);
    let mut out = Vec::new();
    if s.get(i) == Some(&b']') {
        return (ws(s, i + 1) == s.len()).then_some(out);
    }
    loop {
        let v = value_end(s, i)?;
        out.push(&text[i..v]);
        i = ws(s, v);
        match s.get(i)? {
            b',' => i = ws(s, i + 1),
            b']' => return (ws(s, i + 1) == s.len()).then_some(out),
            _ => return None,
        }
    }
}

/// The value of member `key` (written without quotes) of the object `text` is.
pub fn get<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    members(text)?
        .into_iter()
        .rev()
        .find(|(k, _)| k.len() == key.len() + 2 && &k[1..k.len() - 1] == key)
        .map(|(_, v)| v)
}

/// A JSON string's text, decoded.
pub fn string(raw: &str) -> Option<String> {
    serde_json::from_str::<String>(raw).ok()
}

/// `s` as a JSON string: the app's one string writer (the lesson progress and the template
/// worker's request use it too).
pub fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_objects_and_arrays_into_raw_texts() {
        let t = r#" { "a" : [1, {"x": "}]"}], "b\"c": "q\\\"", "n": -1.5e3 , "e": {} } "#;
        assert_eq!(
            members(t).unwrap(),
            vec![
                (r#""a""#, r#"[1, {"x": "}]"}]"#),
                (r#""b\"c""#, r#""q\\\"""#),
                (r#""n""#, "-1.5e3"),
                (r#""e""#, "{}")
            ]
        );
        assert_eq!(
            items(r#"[ "a", [ ], {"b":[1]} ]"#).unwrap(),
            vec![r#""a""#, "[ ]", r#"{"b":[1]}"#]
        );
        assert_eq!(get(t, "n"), Some("-1.5e3"));
        assert_eq!(string(r#""b\"c""#).as_deref(), Some("b\"c"));
        assert_eq!(quote("<\"\n>"), r#""<\"\n>""#);
    }

    #[test]
    fn malformed_text_is_none_never_a_panic() {
        for t in [
            "",
            "{",
            "{\"a\"",
            "{\"a\":",
            "{\"a\":1",
            "{\"a\":1,}",
            "[1,",
            "[\"\\",
            "{}x",
            "\"a\"",
            "}",
        ] {
            assert_eq!(members(t), None, "{t}");
        }
        assert_eq!(items("[1 2]"), None);
        assert_eq!(members("{}"), Some(vec![]));
    }
}
