//! Reading and writing the design format. The only place that knows JSON's shape.
//!
//! A file is either the export envelope `{ "format": "vpc-playground", "schema_version": N,
//! "document": {...} }` or a bare document. Older versions are upgraded step by step;
//! newer ones are refused with a message rather than half-read.

use super::Document;
use serde_json::Value;
use std::fmt;

/// The `format` tag of exported files.
pub const FORMAT: &str = "vpc-playground";
/// The version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;
/// Larger inputs are refused before parsing: no real design comes close.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;
/// More components than this are refused: the playground is for designs people draw.
pub const MAX_COMPONENTS: usize = 10_000;
/// The longest id, name or description (in characters) a file may hold. Validation flags
/// names over 255 characters; this limit only refuses absurd texts (a megabyte-long name).
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Why a text could not be read as a design.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub kind: LoadErrorKind,
    /// 1-based line and column, where the problem has a position.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// Not JSON at all (or truncated): serde_json's description.
    Syntax(String),
    /// JSON, but not a design: what was expected where.
    Shape(String),
    /// A design from a newer version of the playground.
    FutureVersion { found: u64 },
    /// The `format` tag names something else.
    WrongFormat(String),
    /// Larger than [`MAX_INPUT_BYTES`].
    TooLarge { bytes: usize },
    /// More than [`MAX_COMPONENTS`] components.
    TooManyComponents { count: usize },
    /// A text (an id, a name, a description …) longer than [`MAX_TEXT_CHARS`]; the error's
    /// line and column say where it is.
    TextTooLong { chars: usize },
    /// Bytes that are not UTF-8: the offset of the first one (the error's line and column
    /// say where it is).
    NotUtf8 { offset: usize },
    /// UTF-16 or UTF-32 text (`"UTF-16 LE"` …), recognised by its byte-order mark or its zero
    /// bytes.
    OtherEncoding(&'static str),
    /// A byte-order mark after the first one.
    RepeatedByteOrderMark,
    /// The envelope's `schema_version` and the document's disagree, both readable.
    VersionsDisagree { envelope: u64, document: u64 },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            LoadErrorKind::Syntax(m) => write!(f, "not valid JSON: {m}")?,
            LoadErrorKind::Shape(m) => write!(f, "not a VPC Playground design: {m}")?,
            LoadErrorKind::FutureVersion { found } => write!(
                f,
                "this design uses format version {found}, newer than this playground reads ({SCHEMA_VERSION}); open it in a newer version"
            )?,
            LoadErrorKind::WrongFormat(tag) => {
                write!(f, "this file is a \"{tag}\" file, not a VPC Playground design (\"{FORMAT}\")")?
            }
            // Rounded up, so that a file one byte over is not "8192 KB, more than 8192 KB".
            LoadErrorKind::TooLarge { bytes } => write!(
                f,
                "the input is {} KB, more than the {} KB a design may have",
                bytes.div_ceil(1024),
                MAX_INPUT_BYTES / 1024
            )?,
            LoadErrorKind::TooManyComponents { count } => write!(
                f,
                "the design has {count} components, more than the {MAX_COMPONENTS} this playground evaluates; split it into smaller designs"
            )?,
            LoadErrorKind::TextTooLong { chars } => write!(
                f,
                "a text of {chars} characters, more than the {MAX_TEXT_CHARS} an id, name or description may have"
            )?,
            LoadErrorKind::NotUtf8 { offset } => write!(
                f,
                "not UTF-8 text: the byte at offset {offset} is not part of any UTF-8 character"
            )?,
            LoadErrorKind::OtherEncoding(encoding) => write!(f, "the file is {encoding} text, not UTF-8")?,
            LoadErrorKind::RepeatedByteOrderMark => f.write_str("the text starts with more than one byte-order mark")?,
            LoadErrorKind::VersionsDisagree { envelope, document } => write!(
                f,
                "the file says format version {envelope} and its \"document\" says version {document}"
            )?,
        }
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, " (line {l}, column {c})")?;
        }
        // What to do, where the message above does not say it already.
        match &self.kind {
            LoadErrorKind::Syntax(_) => {
                f.write_str(". Correct the text there, or export the design from the playground again")
            }
            LoadErrorKind::Shape(_) => {
                f.write_str(". Open a file exported by VPC Playground, or correct this part of it")
            }
            LoadErrorKind::TextTooLong { .. } => f.write_str(". Shorten it"),
            LoadErrorKind::NotUtf8 { .. } | LoadErrorKind::OtherEncoding(_) => {
                f.write_str(". Save the file as UTF-8 and open it again")
            }
            LoadErrorKind::RepeatedByteOrderMark => {
                f.write_str(". Save the file as UTF-8 again (with one byte-order mark or none)")
            }
            LoadErrorKind::VersionsDisagree { .. } => f.write_str(
                ". Export the design from the playground again, or make both \"schema_version\" say the same",
            ),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for LoadError {}

fn err(kind: LoadErrorKind) -> LoadError {
    LoadError {
        kind,
        line: None,
        column: None,
    }
}

/// How the first pass marks a text that is too long (a serde error can only carry a message).
const TOO_LONG: &str = "\u{0}too long: ";

fn from_serde(e: serde_json::Error, shape: bool) -> LoadError {
    let msg = e.to_string();
    // serde_json appends " at line L column C"; we report the position separately.
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
    let kind = if let Some(chars) = msg.strip_prefix(TOO_LONG).and_then(|n| n.parse().ok()) {
        LoadErrorKind::TextTooLong { chars }
    } else if shape && !e.is_syntax() && !e.is_eof() {
        LoadErrorKind::Shape(msg)
    } else {
        LoadErrorKind::Syntax(msg)
    };
    let (line, column) = if e.line() > 0 {
        (Some(e.line()), Some(e.column()))
    } else {
        (None, None)
    };
    LoadError { kind, line, column }
}

/// The one reader of a file's bytes, for every file the CLI or the browser opens (designs,
/// lessons, templates): larger than [`MAX_INPUT_BYTES`] is refused before anything else;
/// the text must be UTF-8, and one byte-order mark (as some editors write) is removed.
/// UTF-16 and UTF-32 text, a second byte-order mark and bytes that are not UTF-8 are each
/// refused with their own message, so that every reader makes the same decision.
pub fn decode(bytes: &[u8]) -> Result<&str, LoadError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(err(LoadErrorKind::TooLarge { bytes: bytes.len() }));
    }
    if let Some(encoding) = other_encoding(bytes) {
        return Err(err(LoadErrorKind::OtherEncoding(encoding)));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let (line, column) = line_column(&bytes[..offset]);
        LoadError {
            kind: LoadErrorKind::NotUtf8 { offset },
            line: Some(line),
            column: Some(column),
        }
    })?;
    without_byte_order_mark(text)
}

/// The encoding of UTF-16 or UTF-32 text: by its byte-order mark, or, without one, by the zero
/// bytes around the first characters (JSON and YAML start with ASCII).
fn other_encoding(b: &[u8]) -> Option<&'static str> {
    match b {
        [0xFF, 0xFE, 0, 0, ..] => Some("UTF-32 LE"),
        [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32 BE"),
        [0xFF, 0xFE, ..] => Some("UTF-16 LE"),
        [0xFE, 0xFF, ..] => Some("UTF-16 BE"),
        [a, 0, 0, 0, ..] if *a != 0 => Some("UTF-32 LE"),
        [0, 0, 0, a, ..] if *a != 0 => Some("UTF-32 BE"),
        [a, 0, c, 0, ..] if *a != 0 && *c != 0 => Some("UTF-16 LE"),
        [0, a, 0, c, ..] if *a != 0 && *c != 0 => Some("UTF-16 BE"),
        _ => None,
    }
}

/// 1-based line and column (in characters) just after `before`, which is valid UTF-8.
fn line_column(before: &[u8]) -> (usize, usize) {
    let text = std::str::from_utf8(before).unwrap_or_default();
    let line = text.matches('\n').count() + 1;
    let last = text.rsplit('\n').next().unwrap_or_default();
    (line, last.chars().count() + 1)
}

/// Removes one byte-order mark; a second one is an error (the browser's own file reading
/// removes one, so the same file must not read differently there).
fn without_byte_order_mark(text: &str) -> Result<&str, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.starts_with('\u{feff}') {
        return Err(LoadError {
            kind: LoadErrorKind::RepeatedByteOrderMark,
            line: Some(1),
            column: Some(1),
        });
    }
    Ok(text)
}

/// Reads a design from a file's bytes: [`decode`], then [`load`].
pub fn load_bytes(bytes: &[u8]) -> Result<Document, LoadError> {
    load(decode(bytes)?)
}

/// Reads a design from text: the export envelope or a bare document, upgraded to
/// [`SCHEMA_VERSION`]. Never panics; a design with mistakes in it still loads (those are
/// reported by `validate`), only text that is not a design at all is an error.
pub fn load(text: &str) -> Result<Document, LoadError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(err(LoadErrorKind::TooLarge { bytes: text.len() }));
    }
    // A byte-order mark, as some editors write, is not part of the JSON.
    let text = without_byte_order_mark(text)?;
    // A first pass reads only what decides how to read the rest (envelope or bare document,
    // which version); it checks the whole text's syntax but keeps no tree of it.
    let probe: Probe = serde_json::from_str(text).map_err(|e| from_serde(e, false))?;
    let Probe::Object(top) = probe else {
        return Err(err(LoadErrorKind::Shape(
            "expected a JSON object at the top level".into(),
        )));
    };
    if top.cloudformation {
        return Err(err(LoadErrorKind::WrongFormat("AWS CloudFormation template".into())));
    }
    if let Some(tag) = &top.format {
        match &**tag {
            Probe::Str(tag) if tag == FORMAT => {}
            Probe::Str(other) => return Err(err(LoadErrorKind::WrongFormat(other.clone()))),
            _ => return Err(err(LoadErrorKind::Shape("\"format\" must be a string".into()))),
        }
    }
    let enveloped = top.document.is_some();
    let doc = match top.document.as_deref() {
        Some(Probe::Object(d)) => d,
        Some(_) => return Err(err(LoadErrorKind::Shape("\"document\" must be an object".into()))),
        None if top.format.is_some() => return Err(err(LoadErrorKind::Shape("the file has no \"document\"".into()))),
        None => &top,
    };
    let whole = |v: &Probe| match v {
        Probe::Whole(v) => Ok(*v),
        _ => Err(err(LoadErrorKind::Shape(
            "\"schema_version\" must be a whole number".into(),
        ))),
    };
    // The envelope's version and the document's: each must be one this build reads, and
    // when both are given they must agree (a newer envelope round an old document is not
    // an old file).
    let inner = doc.schema_version.as_deref().map(whole).transpose()?;
    let outer = match (enveloped, top.schema_version.as_deref()) {
        (true, Some(v)) => Some(whole(v)?),
        _ => None,
    };
    for v in [inner, outer].into_iter().flatten() {
        if v > u64::from(SCHEMA_VERSION) {
            return Err(err(LoadErrorKind::FutureVersion { found: v }));
        }
    }
    if let (Some(envelope), Some(document)) = (outer, inner) {
        if envelope != document {
            return Err(err(LoadErrorKind::VersionsDisagree { envelope, document }));
        }
    }
    let version = inner.or(outer).unwrap_or(1);
    if version == 0 {
        return Err(err(LoadErrorKind::Shape("\"schema_version\" starts at 1".into())));
    }
    let (mut parsed, unread): (Document, _) = if version == u64::from(SCHEMA_VERSION) {
        // Parse the original text so that shape errors point at the user's own line and column.
        if enveloped {
            #[derive(serde::Deserialize)]
            struct Envelope {
                document: Document,
            }
            super::maps::from_str::<Envelope>(text).map(|(e, unread)| (e.document, super::unread::in_document(unread)))
        } else {
            super::maps::from_str::<Document>(text)
        }
        .map_err(|e| from_serde(e, true))?
    } else {
        // An older version: read the text again as a JSON tree for the upgrade steps.
        let top: Value = serde_json::from_str(text).map_err(|e| from_serde(e, false))?;
        let mut doc = match top {
            Value::Object(mut top) if enveloped => top.remove("document").unwrap_or_default(),
            top => top,
        };
        upgrade(&mut doc, version as u32);
        // Back to text and through the one document reader: `serde_json::from_value` would
        // compile a second copy of the whole document reader into the download.
        super::maps::from_str::<Document>(&doc.to_string()).map_err(|e| upgraded_error(from_serde(e, true)))?
    };
    parsed.schema_version = SCHEMA_VERSION;
    parsed.unread = super::unread::check(&parsed, unread, enveloped).map_err(|m| err(LoadErrorKind::Shape(m)))?;
    check_sizes(&parsed)?;
    Ok(parsed)
}

/// Refuses designs too large for a person to draw. (Over-long texts are refused by the first
/// pass, with their position.)
fn check_sizes(doc: &Document) -> Result<(), LoadError> {
    let count = doc.components().fold(0, |n, _| n + 1);
    if count > MAX_COMPONENTS {
        return Err(err(LoadErrorKind::TooManyComponents { count }));
    }
    Ok(())
}

/// An error in an upgraded document: its position is in the upgraded text, not the
/// person's file, so only the description is kept.
fn upgraded_error(mut e: LoadError) -> LoadError {
    e.line = None;
    e.column = None;
    e
}

/// What the first pass notes about one JSON value.
enum Probe {
    Object(Head),
    Str(String),
    /// A non-negative integer.
    Whole(u64),
    Other,
}

/// The members of an object that decide how a design is read; the last of a repeated key
/// counts, as in a JSON tree.
#[derive(Default)]
struct Head {
    format: Option<Box<Probe>>,
    document: Option<Box<Probe>>,
    schema_version: Option<Box<Probe>>,
    /// A member only AWS CloudFormation templates have.
    cloudformation: bool,
}

impl<'de> serde::Deserialize<'de> for Probe {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Probe, D::Error> {
        deserializer.deserialize_any(ProbeVisitor)
    }
}

struct ProbeVisitor;

impl<'de> serde::de::Visitor<'de> for ProbeVisitor {
    type Value = Probe;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Probe, E> {
        Ok(Probe::Other)
    }

    fn visit_i64<E>(self, v: i64) -> Result<Probe, E> {
        Ok(u64::try_from(v).map_or(Probe::Other, Probe::Whole))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Probe, E> {
        Ok(Probe::Whole(v))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Probe, E> {
        Ok(Probe::Other)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Probe, E> {
        // Bytes bound characters from above: characters are only counted for long texts.
        if v.len() > MAX_TEXT_CHARS {
            let chars = v.chars().count();
            if chars > MAX_TEXT_CHARS {
                return Err(E::custom(format_args!("{TOO_LONG}{chars}")));
            }
        }
        Ok(Probe::Str(v.to_owned()))
    }

    fn visit_unit<E>(self) -> Result<Probe, E> {
        Ok(Probe::Other)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Probe, A::Error> {
        while seq.next_element::<Probe>()?.is_some() {}
        Ok(Probe::Other)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
        let mut head = Head::default();
        while let Some(key) = map.next_key::<Probe>()? {
            let value = Some(Box::new(map.next_value::<Probe>()?));
            match &key {
                Probe::Str(k) if k == "format" => head.format = value,
                Probe::Str(k) if k == "document" => head.document = value,
                Probe::Str(k) if k == "schema_version" => head.schema_version = value,
                Probe::Str(k) if k == "AWSTemplateFormatVersion" => head.cloudformation = true,
                _ => {}
            }
        }
        Ok(Probe::Object(head))
    }
}

/// Runs each migration from `from` up to [`SCHEMA_VERSION`], in order.
fn upgrade(doc: &mut Value, from: u32) {
    // One function per step (`v1_to_v2`, …) as the format evolves; version 1 is current.
    let _ = (doc, from);
}

pub(super) fn to_export_json(doc: &Document) -> String {
    #[derive(serde::Serialize)]
    struct Envelope<'a> {
        format: &'static str,
        schema_version: u32,
        document: &'a Document,
    }
    serde_json::to_string_pretty(&Envelope {
        format: FORMAT,
        schema_version: SCHEMA_VERSION,
        document: doc,
    })
    .expect("a Document always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Result<(), LoadErrorKind> {
        load(text).map(|_| ()).map_err(|e| e.kind)
    }

    fn shape(m: &str) -> Result<(), LoadErrorKind> {
        Err(LoadErrorKind::Shape(m.into()))
    }

    #[test]
    fn the_first_pass_decides_envelope_and_version_as_a_json_tree_would() {
        assert_eq!(kind("[]"), shape("expected a JSON object at the top level"));
        assert_eq!(kind("\"vpc\""), shape("expected a JSON object at the top level"));
        assert_eq!(
            kind(r#"{"format": null, "document": {}}"#),
            shape("\"format\" must be a string")
        );
        assert_eq!(
            kind(r#"{"format": 1, "document": {}}"#),
            shape("\"format\" must be a string")
        );
        assert_eq!(
            kind(r#"{"format": "other"}"#),
            Err(LoadErrorKind::WrongFormat("other".into()))
        );
        assert_eq!(
            kind(r#"{"format": "vpc-playground"}"#),
            shape("the file has no \"document\"")
        );
        assert_eq!(kind(r#"{"document": [1]}"#), shape("\"document\" must be an object"));
        assert_eq!(
            kind(r#"{"schema_version": 1.0}"#),
            shape("\"schema_version\" must be a whole number")
        );
        assert_eq!(
            kind(r#"{"schema_version": -1}"#),
            shape("\"schema_version\" must be a whole number")
        );
        assert_eq!(
            kind(r#"{"schema_version": "1"}"#),
            shape("\"schema_version\" must be a whole number")
        );
        assert_eq!(
            kind(r#"{"schema_version": 0}"#),
            shape("\"schema_version\" starts at 1")
        );
        // The document's own version wins over the envelope's; a repeated key's last value counts.
        assert_eq!(
            kind(r#"{"schema_version": 1, "document": {"schema_version": 7}}"#),
            Err(LoadErrorKind::FutureVersion { found: 7 })
        );
        assert_eq!(
            kind(r#"{"schema_version": 1, "schema_version": 3}"#),
            Err(LoadErrorKind::FutureVersion { found: 3 })
        );
        assert_eq!(
            kind(r#"{"format": "other", "format": "vpc-playground", "document": {}}"#),
            Ok(())
        );
        // Members that are neither are only checked for syntax, however deep.
        assert_eq!(
            kind(r#"{"format": "vpc-playground", "document": {}, "note": [{"a": [1, -2.5e3, null]}]}"#),
            Ok(())
        );
    }

    #[test]
    fn an_envelope_newer_than_its_document_is_refused() {
        assert_eq!(
            kind(r#"{"format": "vpc-playground", "schema_version": 7, "document": {"schema_version": 1}}"#),
            Err(LoadErrorKind::FutureVersion { found: 7 })
        );
        assert_eq!(
            kind(r#"{"format": "vpc-playground", "schema_version": 0, "document": {"schema_version": 1}}"#),
            Err(LoadErrorKind::VersionsDisagree {
                envelope: 0,
                document: 1
            })
        );
        assert_eq!(
            kind(r#"{"format": "vpc-playground", "schema_version": 1, "document": {}}"#),
            Ok(())
        );
        assert_eq!(
            kind(r#"{"format": "vpc-playground", "document": {"schema_version": 1}}"#),
            Ok(())
        );
    }

    fn decoded(bytes: &[u8]) -> Result<&str, LoadErrorKind> {
        decode(bytes).map_err(|e| e.kind)
    }

    #[test]
    fn one_reader_decides_every_files_encoding() {
        assert_eq!(decoded(b"{}"), Ok("{}"));
        assert_eq!(decoded(b"\xEF\xBB\xBF{}"), Ok("{}"), "one byte-order mark is removed");
        assert_eq!(
            decoded(b"\xEF\xBB\xBF\xEF\xBB\xBF{}"),
            Err(LoadErrorKind::RepeatedByteOrderMark)
        );
        assert_eq!(
            load("\u{feff}\u{feff}{}").unwrap_err().kind,
            LoadErrorKind::RepeatedByteOrderMark,
            "text already decoded (pasted) gets the same decision"
        );
        assert_eq!(
            decoded(b"\xFF\xFE{\0}\0"),
            Err(LoadErrorKind::OtherEncoding("UTF-16 LE"))
        );
        assert_eq!(
            decoded(b"\xFE\xFF\0{\0}"),
            Err(LoadErrorKind::OtherEncoding("UTF-16 BE"))
        );
        assert_eq!(decoded(b"{\0\"\0a\0"), Err(LoadErrorKind::OtherEncoding("UTF-16 LE")));
        assert_eq!(decoded(b"\0{\0\""), Err(LoadErrorKind::OtherEncoding("UTF-16 BE")));
        assert_eq!(
            decoded(b"\xFF\xFE\0\0{\0\0\0"),
            Err(LoadErrorKind::OtherEncoding("UTF-32 LE"))
        );
        let e = decode(b"{\n  \"name\": \"caf\xE9\"}").unwrap_err();
        assert_eq!(e.kind, LoadErrorKind::NotUtf8 { offset: 16 });
        assert_eq!((e.line, e.column), (Some(2), Some(15)));
        assert_eq!(
            e.to_string(),
            "not UTF-8 text: the byte at offset 16 is not part of any UTF-8 character (line 2, column 15). Save \
             the file as UTF-8 and open it again"
        );
        let big = vec![b' '; MAX_INPUT_BYTES + 1];
        assert_eq!(
            decoded(&big),
            Err(LoadErrorKind::TooLarge {
                bytes: MAX_INPUT_BYTES + 1
            })
        );
    }

    #[test]
    fn syntax_errors_anywhere_are_reported_as_a_json_tree_parse_reports_them() {
        let texts = [
            "{\"note\": [1, 2,]}",
            "{\"note\": 1e999}",
            "{\"note\": \"\\u12\"}",
            "{\"document\": {}} x",
            "{\"a\": {",
        ];
        for text in texts {
            let ours = load(text).unwrap_err();
            let tree = serde_json::from_str::<Value>(text).unwrap_err();
            assert_eq!(ours, from_serde(tree, false), "{text}");
            assert!(
                matches!(ours.kind, LoadErrorKind::Syntax(_)) && ours.line == Some(1),
                "{text}: {ours:?}"
            );
        }
    }
}
