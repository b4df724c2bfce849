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
            LoadErrorKind::TooLarge { bytes } => write!(
                f,
                "the input is {} KB, more than the {} KB a design may have",
                bytes / 1024,
                MAX_INPUT_BYTES / 1024
            )?,
        }
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, " (line {l}, column {c})")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

fn err(kind: LoadErrorKind) -> LoadError {
    LoadError { kind, line: None, column: None }
}

fn from_serde(e: serde_json::Error, shape: bool) -> LoadError {
    let msg = e.to_string();
    // serde_json appends " at line L column C"; we report the position separately.
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
    let kind = if shape && !e.is_syntax() && !e.is_eof() {
        LoadErrorKind::Shape(msg)
    } else {
        LoadErrorKind::Syntax(msg)
    };
    let (line, column) = if e.line() > 0 { (Some(e.line()), Some(e.column())) } else { (None, None) };
    LoadError { kind, line, column }
}

/// Reads a design from text: the export envelope or a bare document, upgraded to
/// [`SCHEMA_VERSION`]. Never panics; a design with mistakes in it still loads (those are
/// reported by `validate`), only text that is not a design at all is an error.
pub fn load(text: &str) -> Result<Document, LoadError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(err(LoadErrorKind::TooLarge { bytes: text.len() }));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| from_serde(e, false))?;
    let Value::Object(top) = value else {
        return Err(err(LoadErrorKind::Shape("expected a JSON object at the top level".into())));
    };
    if let Some(tag) = top.get("format") {
        match tag.as_str() {
            Some(FORMAT) => {}
            Some(other) => return Err(err(LoadErrorKind::WrongFormat(other.to_owned()))),
            None => return Err(err(LoadErrorKind::Shape("\"format\" must be a string".into()))),
        }
    }
    let enveloped = top.contains_key("document");
    let doc = match top.get("document") {
        Some(Value::Object(d)) => d,
        Some(_) => return Err(err(LoadErrorKind::Shape("\"document\" must be an object".into()))),
        None if top.contains_key("format") => {
            return Err(err(LoadErrorKind::Shape("the file has no \"document\"".into())))
        }
        None => &top,
    };
    let version = match doc.get("schema_version").or_else(|| top.get("schema_version")) {
        None => 1,
        Some(v) => v
            .as_u64()
            .ok_or_else(|| err(LoadErrorKind::Shape("\"schema_version\" must be a whole number".into())))?,
    };
    if version > u64::from(SCHEMA_VERSION) {
        return Err(err(LoadErrorKind::FutureVersion { found: version }));
    }
    if version == 0 {
        return Err(err(LoadErrorKind::Shape("\"schema_version\" starts at 1".into())));
    }
    let mut parsed: Document = if version == u64::from(SCHEMA_VERSION) {
        // Parse the original text so that shape errors point at the user's own line and column.
        if enveloped {
            #[derive(serde::Deserialize)]
            struct Envelope {
                document: Document,
            }
            super::maps::from_str::<Envelope>(text).map(|e| e.document)
        } else {
            super::maps::from_str::<Document>(text)
        }
        .map_err(|e| from_serde(e, true))?
    } else {
        let mut doc = Value::Object(doc.clone());
        upgrade(&mut doc, version as u32);
        serde_json::from_value(doc).map_err(|e| from_serde(e, true))?
    };
    parsed.schema_version = SCHEMA_VERSION;
    Ok(parsed)
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
    serde_json::to_string_pretty(&Envelope { format: FORMAT, schema_version: SCHEMA_VERSION, document: doc })
        .expect("a Document always serialises")
}
