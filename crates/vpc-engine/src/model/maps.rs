//! A pass-through serde `Deserializer` that reads every struct as a JSON object only.
//!
//! serde's derived readers accept a struct written either as an object or as an array of its
//! field values. The design format only ever writes objects, but the array reader is compiled
//! for every struct anyway, and in the web download those copies cost tens of kilobytes.
//! Wrapping serde_json's deserializer in [`Maps`] hands each derived reader a visitor that has
//! only the object path, so the array path is never instantiated. Everything else (positions
//! in errors, messages, every other type) is serde_json's own: the wrapper only forwards.
//! The one difference: an array where an object belongs is refused ("invalid type: sequence,
//! expected struct …") instead of being read field by field.
//!
//! On the way it notes every member of an object that no struct reads (a misspelled
//! `"inbund"`, a field from elsewhere): where it is in the text, the names that struct does
//! read, and the nearest of them. Only struct keys are looked at, so the cost in the download
//! is one small step per struct; the path of a member (`security_groups[0].inbund`) is worked
//! out afterwards from its place in the text ([`path_at`]). The derived readers skip such a
//! member; the loader hands the notes on as [`super::UnreadField`]s, which validation reports.

use super::UnreadField;
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use std::cell::RefCell;
use std::fmt;

/// Reads `T` from JSON text through [`Maps`]; the same result and errors as
/// `serde_json::from_str` for every input whose structs are written as objects, plus the
/// members no struct reads, in document order.
pub(super) fn from_str<T: de::DeserializeOwned>(text: &str) -> Result<(T, Vec<UnreadField>), serde_json::Error> {
    let cx = Cx {
        text,
        key: RefCell::default(),
        found: RefCell::default(),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(Maps(&mut de, &cx))?;
    de.end()?;
    let unread = cx
        .found
        .into_inner()
        .into_iter()
        .map(|(at, key, known)| UnreadField {
            path: at.and_then(|at| path_at(text, at)).unwrap_or_else(|| key.clone()),
            component: None,
            suggestion: nearest(&key, known),
            known,
        })
        .collect();
    Ok((value, unread))
}

/// What the reader found on the way.
struct Cx<'t> {
    /// The text being read, to tell where a key is.
    text: &'t str,
    /// The key just read (one buffer, reused) and its offset in the text, when it is there
    /// as written (no escapes).
    key: RefCell<(String, Option<usize>)>,
    /// Members no struct reads.
    found: RefCell<Vec<Found>>,
}

/// A member no struct reads: where its key is in the text (when known), the key, and the
/// fields read there.
type Found = (Option<usize>, String, &'static [&'static str]);

/// The wrapped deserializer (also the wrapped seed, visitor and accessors: one type for all).
struct Maps<'c, D>(D, &'c Cx<'c>);

/// A struct's visitor with only its object path, and the names of its fields.
struct StructOnly<'c, V>(V, &'c Cx<'c>, &'static [&'static str]);

/// A struct's members: each key is checked against its fields.
struct Fields<'c, A> {
    map: A,
    cx: &'c Cx<'c>,
    fields: &'static [&'static str],
}

/// Reads a key's text into the context's buffer.
struct KeyText<'c>(&'c Cx<'c>);

macro_rules! forward_plain {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            self.0.$method(visitor)
        }
    )*};
}

macro_rules! forward_wrapped {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            self.0.$method(Maps(visitor, self.1))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Maps<'_, D> {
    type Error = D::Error;

    forward_plain! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_str
        deserialize_string deserialize_bytes deserialize_byte_buf deserialize_unit
        deserialize_identifier deserialize_ignored_any
    }
    forward_wrapped! { deserialize_any deserialize_option deserialize_seq deserialize_map }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Maps(visitor, self.1))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Maps(visitor, self.1))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Maps(visitor, self.1))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0
            .deserialize_struct(name, fields, StructOnly(visitor, self.1, fields))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, Maps(visitor, self.1))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Maps<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Maps(deserializer, self.1))
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for StructOnly<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Fields {
            map,
            cx: self.1,
            fields: self.2,
        })
    }
}

macro_rules! visit_plain {
    ($($method:ident($ty:ty))*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.0.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Maps<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    visit_plain! {
        visit_bool(bool) visit_i8(i8) visit_i16(i16) visit_i32(i32) visit_i64(i64) visit_i128(i128)
        visit_u8(u8) visit_u16(u16) visit_u32(u32) visit_u64(u64) visit_u128(u128)
        visit_f32(f32) visit_f64(f64) visit_char(char) visit_str(&str) visit_borrowed_str(&'de str)
        visit_string(String) visit_bytes(&[u8]) visit_borrowed_bytes(&'de [u8]) visit_byte_buf(Vec<u8>)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Maps(deserializer, self.1))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Maps(deserializer, self.1))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Maps(seq, self.1))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Maps(map, self.1))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(Maps(data, self.1))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Maps<'_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Maps(seed, self.1))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Maps<'_, A> {
    type Error = A::Error;

    // Keys are field names and ids: read as they are.
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(seed)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Maps(seed, self.1))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'c, 'de, A: EnumAccess<'de>> EnumAccess<'de> for Maps<'c, A> {
    type Error = A::Error;
    type Variant = Maps<'c, A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Self::Variant), A::Error> {
        let cx = self.1;
        self.0
            .variant_seed(seed)
            .map(|(value, variant)| (value, Maps(variant, cx)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Maps<'_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Maps(seed, self.1))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Maps(visitor, self.1))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, StructOnly(visitor, self.1, fields))
    }
}

impl<'de> DeserializeSeed<'de> for KeyText<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyText<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    // A key written without escapes is a slice of the text: its offset says where it is.
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<(), E> {
        let at = (v.as_ptr() as usize).checked_sub(self.0.text.as_ptr() as usize);
        self.0.set_key(v, at.filter(|a| *a <= self.0.text.len()));
        Ok(())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.0.set_key(v, None);
        Ok(())
    }
}

impl Cx<'_> {
    #[inline(never)]
    fn set_key(&self, key: &str, at: Option<usize>) {
        let mut k = self.key.borrow_mut();
        k.0.clear();
        k.0.push_str(key);
        k.1 = at;
    }

    /// Notes the key just read when `fields` does not have it.
    #[inline(never)]
    fn check(&self, fields: &'static [&'static str]) {
        let k = self.key.borrow();
        if !fields.contains(&k.0.as_str()) {
            self.found.borrow_mut().push((k.1, k.0.clone(), fields));
        }
    }
}

/// Reads the next key into the context's buffer; false at the end of the object. Generic in
/// the accessor only: one copy, not one per struct.
#[inline(never)]
fn read_key<'de, A: MapAccess<'de>>(map: &mut A, cx: &Cx) -> Result<bool, A::Error> {
    Ok(map.next_key_seed(KeyText(cx))?.is_some())
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Fields<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        if !read_key(&mut self.map, self.cx)? {
            return Ok(None);
        }
        self.cx.check(self.fields);
        let key = self.cx.key.borrow();
        seed.deserialize(de::value::StrDeserializer::<A::Error>::new(&key.0))
            .map(Some)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.map.next_value_seed(Maps(seed, self.cx))
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// The path of the member whose key starts at byte `at` of `text` (just after its opening
/// quote): `security_groups[0].inbund`. A plain scan of the text, which the reader has already
/// found to be valid JSON.
pub(super) fn path_at(text: &str, at: usize) -> Option<String> {
    enum Frame {
        /// An object, and the span of the key whose value is being read.
        Object(Option<(usize, usize)>),
        /// A list, and the index of the item being read.
        List(usize),
    }
    let b = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut key_next = false;
    let mut i = 0;
    while i < at {
        match *b.get(i)? {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while *b.get(j)? != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                if let (true, Some(Frame::Object(key))) = (key_next, stack.last_mut()) {
                    *key = Some((start, j));
                    key_next = false;
                }
                i = j;
            }
            b'{' => {
                stack.push(Frame::Object(None));
                key_next = true;
            }
            b'[' => stack.push(Frame::List(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::List(n)) => *n += 1,
                Some(Frame::Object(_)) => key_next = true,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut out = String::new();
    // Every frame but the innermost, the object the member is in.
    for frame in &stack[..stack.len().checked_sub(1)?] {
        match frame {
            Frame::List(n) => {
                out.push('[');
                out.push_str(&n.to_string());
                out.push(']');
            }
            Frame::Object(key) => {
                let (s, e) = (*key)?;
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(text.get(s..e)?);
            }
        }
    }
    let key = text.get(at..)?;
    let key = &key[..key.find('"')?];
    if !out.is_empty() {
        out.push('.');
    }
    out.push_str(key);
    Some(out)
}

/// The known name nearest to `key`, if one is close enough to be what was meant: the same
/// name in another case or with other separators (`routeTable`, `Route-Table`), or one a
/// typing slip or two away (`inbund`, `destinaiton`).
pub(crate) fn nearest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    fn plain(s: &str) -> String {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .collect()
    }
    let key = plain(key);
    let mut best: Option<(usize, &'a str)> = None;
    for &name in known {
        let d = strsim::osa_distance(&key, &plain(name));
        // One slip in short names, up to three in long ones.
        let allowed = (name.len() / 4).clamp(1, 3);
        if d <= allowed && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, name));
        }
    }
    best.map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Point {
        x: u32,
        #[serde(default)]
        tags: Vec<String>,
        inner: Option<Inner>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Inner {
        on: bool,
    }

    #[test]
    fn objects_read_as_serde_json_reads_them() {
        let text = r#"{"x": 3, "tags": ["a"], "inner": {"on": true}}"#;
        let (point, unread) = from_str::<Point>(text).unwrap();
        assert_eq!(point, serde_json::from_str::<Point>(text).unwrap());
        assert!(unread.is_empty());
    }

    #[test]
    fn members_no_struct_reads_are_noted_with_their_path_and_nearest_name() {
        let text = r#"{"x": 3, "tag": ["a"], "inner": {"on": true, "ON": 1, "deep": {"a": 1}}, "zzz": null}"#;
        let (point, unread) = from_str::<Point>(text).unwrap();
        assert_eq!(point.inner, Some(Inner { on: true }));
        let found: Vec<(&str, Option<&str>)> = unread.iter().map(|u| (u.path.as_str(), u.suggestion)).collect();
        assert_eq!(
            found,
            [
                ("tag", Some("tags")),
                ("inner.ON", Some("on")),
                ("inner.deep", None),
                ("zzz", None)
            ]
        );
        assert_eq!(unread[1].known, ["on"]);
    }

    #[test]
    fn paths_count_list_items_and_name_map_keys() {
        #[derive(Debug, Deserialize)]
        struct Outer {
            #[allow(dead_code)]
            list: Vec<Inner>,
            #[allow(dead_code)]
            by_id: std::collections::BTreeMap<String, Inner>,
        }
        let text = r#"{"list": [{"on": true}, {"on": false, "of": 1}], "by_id": {"a": {"on": true, "x": 2}}}"#;
        let (_, unread) = from_str::<Outer>(text).unwrap();
        let paths: Vec<&str> = unread.iter().map(|u| u.path.as_str()).collect();
        assert_eq!(paths, ["list[1].of", "by_id.a.x"]);
    }

    #[test]
    fn paths_are_found_past_strings_with_brackets_commas_and_escapes() {
        let text =
            r#"{"list": [{"on": true, "n": "a,]}[\"{"}, {"on": false, "of": 1}], "by_id": {"x\"y": {"on": true}}}"#;
        #[derive(Debug, Deserialize)]
        struct Outer {
            #[allow(dead_code)]
            list: Vec<Inner>,
            #[allow(dead_code)]
            by_id: std::collections::BTreeMap<String, Inner>,
        }
        let (_, unread) = from_str::<Outer>(text).unwrap();
        let paths: Vec<&str> = unread.iter().map(|u| u.path.as_str()).collect();
        assert_eq!(paths, ["list[0].n", "list[1].of"]);
        let at = text.find("of\"").unwrap();
        assert_eq!(path_at(text, at).as_deref(), Some("list[1].of"));
    }

    #[test]
    fn the_nearest_name_forgives_case_separators_and_slips() {
        const KNOWN: &[&str] = &["id", "inbound", "outbound", "route_table", "destination"];
        assert_eq!(nearest("inbund", KNOWN), Some("inbound"));
        assert_eq!(nearest("routeTable", KNOWN), Some("route_table"));
        assert_eq!(nearest("Route-Table", KNOWN), Some("route_table"));
        assert_eq!(nearest("destinaiton", KNOWN), Some("destination"));
        assert_eq!(nearest("ids", KNOWN), Some("id"));
        assert_eq!(nearest("colour", KNOWN), None);
        assert_eq!(nearest("port", KNOWN), None);
    }

    #[test]
    fn errors_keep_serde_json_messages_and_positions() {
        for text in [
            "{\"x\": \"3\"}",
            "{\n \"x\": 1,\n \"inner\": {\"on\": 1}}",
            "{\"x\": 1",
            "{\"x\": 1} x",
        ] {
            let ours = from_str::<Point>(text).map(|_| ()).unwrap_err().to_string();
            let theirs = serde_json::from_str::<Point>(text).unwrap_err().to_string();
            assert_eq!(ours, theirs, "{text}");
        }
    }

    #[test]
    fn nested_struct_as_array_is_refused() {
        let err = from_str::<Point>(r#"{"x": 1, "inner": [true]}"#)
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("invalid type: sequence, expected struct Inner"),
            "{err}"
        );
        assert!(serde_json::from_str::<Point>(r#"{"x": 1, "inner": [true]}"#).is_ok());
    }
}
