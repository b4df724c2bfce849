//! Reading and writing lesson files.
//!
//! A lesson file is `{ "format": "vpc-playground-lesson", "schema_version": 1, "id", "kind",
//! "title", "intro", "goals", "hints", "takeaway", "document", "solution" }`. Every problem is
//! reported with the path of the field at fault (`goals[2].to`) and the line and column in
//! the file; the designs inside are read by [`crate::model::load`], whose message is kept and
//! whose position is translated to the lesson file's.

use super::{Goal, Lesson, LessonKind, Text, GOAL_FINDINGS, GOAL_KINDS};
use crate::explain::ExplanationId;
use crate::model::{load, AwsService, ComponentId, ComponentKind, Document, LoadErrorKind, FORMAT};
use crate::reach::Destination;
use serde_json::value::RawValue;
use serde_json::Value;
use std::fmt;

/// The `format` tag of lesson files.
pub const LESSON_FORMAT: &str = "vpc-playground-lesson";
/// The lesson format version this build writes and the newest it reads.
pub const LESSON_SCHEMA_VERSION: u32 = 1;
/// Larger inputs are refused before parsing.
const MAX_LESSON_BYTES: usize = 8 * 1024 * 1024;
/// Most goals and most hints a lesson may have: goals are checked on every edit, so a file
/// with a hundred thousand of them would slow the editor, and no lesson needs more.
pub const MAX_GOALS: usize = 100;

const FIELDS: &[&str] = &[
    "format",
    "schema_version",
    "id",
    "kind",
    "title",
    "intro",
    "goals",
    "hints",
    "takeaway",
    "document",
    "solution",
];

/// Why a text could not be read as a lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonError {
    /// The field at fault, as a path (`goals[1].from`); empty for the file as a whole.
    pub path: String,
    /// What is wrong there, in English.
    pub message: String,
    /// 1-based line and column in the lesson file, where known.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, " (line {l}, column {c})")?;
        }
        Ok(())
    }
}

impl std::error::Error for LessonError {}

/// The members of a JSON object, unparsed, in file order. A repeated key's last value counts,
/// as in a JSON tree.
struct Fields<'a>(Vec<(String, &'a RawValue)>);

impl<'a> Fields<'a> {
    fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

impl<'de> serde::Deserialize<'de> for Fields<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Fields<'de>, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = m.next_entry::<String, &'de RawValue>()? {
                    out.push(entry);
                }
                Ok(Fields(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// Whether a text claims to be a lesson file (its top-level `format` says so), without
/// reading the rest: for routing an opened file to the lesson flow or the design flow.
pub fn is_lesson_text(text: &str) -> bool {
    serde_json::from_str::<Fields>(text)
        .ok()
        .and_then(|m| {
            m.get("format")
                .and_then(|f| serde_json::from_str::<String>(f.get()).ok())
        })
        .is_some_and(|f| f == LESSON_FORMAT)
}

/// The reader: the whole text, for turning offsets into lines and columns.
struct Reader<'t> {
    text: &'t str,
}

impl<'t> Reader<'t> {
    /// Line and column (1-based) of a byte offset.
    fn position(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        (line, column)
    }

    /// The byte offset of a raw value inside the text.
    fn offset(&self, raw: &RawValue) -> usize {
        (raw.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize)
    }

    fn error_at(&self, raw: &RawValue, path: &str, message: impl Into<String>) -> LessonError {
        let (line, column) = self.position(self.offset(raw));
        LessonError {
            path: path.to_owned(),
            message: message.into(),
            line: Some(line),
            column: Some(column),
        }
    }

    /// A position inside `raw` (line and column relative to its start) as one in the file.
    fn inside(&self, raw: &RawValue, line: usize, column: usize) -> (usize, usize) {
        let (l0, c0) = self.position(self.offset(raw));
        if line <= 1 {
            (l0, c0 + column.saturating_sub(1))
        } else {
            (l0 + line - 1, column)
        }
    }
}

fn whole(message: impl Into<String>) -> LessonError {
    LessonError {
        path: String::new(),
        message: message.into(),
        line: None,
        column: None,
    }
}

fn json_error(e: serde_json::Error) -> LessonError {
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
    let syntax = e.is_syntax() || e.is_eof();
    LessonError {
        path: String::new(),
        message: if syntax {
            format!("not valid JSON: {msg}")
        } else {
            "expected a JSON object at the top level".into()
        },
        line: (syntax && e.line() > 0).then_some(e.line()),
        column: (syntax && e.line() > 0).then_some(e.column()),
    }
}

/// Reads a lesson file. Every problem is an error naming the field; a lesson whose goals
/// name components its design does not have is refused, since it could never be completed.
pub fn load_lesson(text: &str) -> Result<Lesson, LessonError> {
    if text.len() > MAX_LESSON_BYTES {
        return Err(whole(format!(
            "the file is {} KB, more than the {} KB a lesson may have",
            text.len() / 1024,
            MAX_LESSON_BYTES / 1024
        )));
    }
    let top: Fields = serde_json::from_str(text).map_err(json_error)?;
    let r = Reader { text };
    for (key, raw) in &top.0 {
        if !FIELDS.contains(&key.as_str()) {
            let meant =
                crate::model::nearest(key, FIELDS).map_or_else(String::new, |f| format!(" (did you mean {f}?)"));
            return Err(r.error_at(
                raw,
                key,
                format!("unknown field{meant}; a lesson has {}", FIELDS.join(", ")),
            ));
        }
    }
    let value = |key: &str| top.get(key).map(|raw| (raw, parse_value(raw)));

    match value("format") {
        Some((_, Value::String(f))) if f == LESSON_FORMAT => {}
        Some((_, Value::String(f))) if f == FORMAT => {
            return Err(whole(
                "this is a VPC Playground design, not a lesson: open it as a design",
            ))
        }
        Some((raw, Value::String(f))) => {
            return Err(r.error_at(
                raw,
                "format",
                format!("this is a \"{f}\" file, not a VPC Playground lesson (\"{LESSON_FORMAT}\")"),
            ))
        }
        Some((raw, _)) => return Err(r.error_at(raw, "format", "must be a string")),
        None if top.contains_key("document") && !top.contains_key("goals") => {
            return Err(whole(
                "this looks like a VPC Playground design, not a lesson: open it as a design",
            ))
        }
        None => return Err(whole(format!("missing \"format\": \"{LESSON_FORMAT}\""))),
    }
    match value("schema_version") {
        None => return Err(whole("missing \"schema_version\"")),
        Some((raw, v)) => match v.as_u64() {
            Some(0) => return Err(r.error_at(raw, "schema_version", "starts at 1")),
            Some(n) if n > u64::from(LESSON_SCHEMA_VERSION) => {
                return Err(r.error_at(
                    raw,
                    "schema_version",
                    format!(
                        "this lesson uses format version {n}, newer than this playground reads ({LESSON_SCHEMA_VERSION}); open it in a newer version"
                    ),
                ))
            }
            Some(_) => {}
            None => return Err(r.error_at(raw, "schema_version", "must be a whole number")),
        },
    }
    let id = match value("id") {
        None => return Err(whole("missing \"id\"")),
        Some((raw, Value::String(id))) => {
            if id.is_empty()
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                return Err(r.error_at(raw, "id", "use lowercase letters, digits and '-' only"));
            }
            id
        }
        Some((raw, _)) => return Err(r.error_at(raw, "id", "must be a string")),
    };
    let kind = match value("kind") {
        None => LessonKind::Lesson,
        Some((_, Value::String(k))) if k == "lesson" => LessonKind::Lesson,
        Some((_, Value::String(k))) if k == "mission" => LessonKind::Mission,
        Some((raw, _)) => return Err(r.error_at(raw, "kind", "must be \"lesson\" or \"mission\"")),
    };
    let text_field = |key: &str| -> Result<Option<Text>, LessonError> {
        match top.get(key) {
            None => Ok(None),
            Some(raw) => read_text(&r, raw, &parse_value(raw), key).map(Some),
        }
    };
    let title = text_field("title")?.ok_or_else(|| whole("missing \"title\": {\"en\": …, \"zh\": …}"))?;
    let intro = text_field("intro")?.ok_or_else(|| whole("missing \"intro\": {\"en\": …, \"zh\": …}"))?;
    let takeaway = text_field("takeaway")?;

    let document = match top.get("document") {
        None => return Err(whole("missing \"document\": the starting design")),
        Some(raw) => read_design(&r, raw, "document")?,
    };
    let solution = top
        .get("solution")
        .map(|raw| read_design(&r, raw, "solution"))
        .transpose()?;

    let hints = match top.get("hints") {
        None => Vec::new(),
        Some(raw) => {
            let items: Vec<&RawValue> =
                serde_json::from_str(raw.get()).map_err(|_| r.error_at(raw, "hints", "must be a list"))?;
            if items.len() > MAX_GOALS {
                return Err(r.error_at(
                    raw,
                    "hints",
                    format!(
                        "{} hints, more than the {MAX_GOALS} a lesson may have; keep the most useful",
                        items.len()
                    ),
                ));
            }
            let mut hints = Vec::with_capacity(items.len());
            for (i, h) in items.iter().enumerate() {
                hints.push(read_text(&r, h, &parse_value(h), &format!("hints[{i}]"))?);
            }
            hints
        }
    };

    let goals = match top.get("goals") {
        None => return Err(whole("missing \"goals\": what the learner must achieve")),
        Some(raw) => {
            let items: Vec<&RawValue> =
                serde_json::from_str(raw.get()).map_err(|_| r.error_at(raw, "goals", "must be a list"))?;
            if items.is_empty() {
                return Err(r.error_at(raw, "goals", "a lesson needs at least one goal"));
            }
            if items.len() > MAX_GOALS {
                return Err(r.error_at(
                    raw,
                    "goals",
                    format!(
                        "{} goals, more than the {MAX_GOALS} a lesson may have; split it into several lessons",
                        items.len()
                    ),
                ));
            }
            let mut goals = Vec::with_capacity(items.len());
            for (i, g) in items.iter().enumerate() {
                goals.push(read_goal(&r, g, &format!("goals[{i}]"), &document)?);
            }
            goals
        }
    };

    Ok(Lesson {
        id,
        kind,
        title,
        intro,
        goals,
        hints,
        takeaway,
        document,
        solution,
    })
}

/// A raw value already checked for syntax, as a tree.
fn parse_value(raw: &RawValue) -> Value {
    serde_json::from_str(raw.get()).unwrap_or(Value::Null)
}

fn read_text(r: &Reader, raw: &RawValue, v: &Value, path: &str) -> Result<Text, LessonError> {
    let Value::Object(m) = v else {
        return Err(r.error_at(raw, path, "must be {\"en\": \"…\", \"zh\": \"…\"}"));
    };
    let get = |lang: &str| match m.get(lang) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
        _ => Err(r.error_at(
            raw,
            &format!("{path}.{lang}"),
            "needs a text in English (\"en\") and in Chinese (\"zh\")",
        )),
    };
    if let Some(other) = m.keys().find(|k| *k != "en" && *k != "zh") {
        return Err(r.error_at(raw, &format!("{path}.{other}"), "only \"en\" and \"zh\" texts are read"));
    }
    Ok(Text {
        en: get("en")?,
        zh: get("zh")?,
    })
}

/// A design inside a lesson. A member the design format does not have is an error here, not a
/// diagnostic: the lesson's goals were written for the design as its author meant it.
fn read_design(r: &Reader, raw: &RawValue, path: &str) -> Result<Document, LessonError> {
    let doc = read_design_text(r, raw, path)?;
    match doc.unread.first() {
        None => Ok(doc),
        Some(u) => Err(r.error_at(
            raw,
            &format!("{path}.{}", u.path),
            format!(
                "unknown field{}; the fields read there are {}",
                u.suggestion
                    .map_or_else(String::new, |f| format!(" (did you mean {f}?)")),
                u.known.join(", ")
            ),
        )),
    }
}

fn read_design_text(r: &Reader, raw: &RawValue, path: &str) -> Result<Document, LessonError> {
    load(raw.get()).map_err(|e| {
        let position = match (e.line, e.column) {
            (Some(l), Some(c)) => Some(r.inside(raw, l, c)),
            _ => Some(r.position(r.offset(raw))),
        };
        let message = match &e.kind {
            LoadErrorKind::Shape(m) => format!("not a VPC Playground design: {m}"),
            _ => crate::model::LoadError {
                line: None,
                column: None,
                ..e.clone()
            }
            .to_string(),
        };
        LessonError {
            path: path.to_owned(),
            message,
            line: position.map(|p| p.0),
            column: position.map(|p| p.1),
        }
    })
}

fn read_goal(r: &Reader, raw: &RawValue, path: &str, doc: &Document) -> Result<Goal, LessonError> {
    let v = parse_value(raw);
    let Value::Object(m) = &v else {
        return Err(r.error_at(raw, path, "a goal is an object with a \"type\""));
    };
    parse_goal(m, Some(doc), &["type"]).map_err(|(field, message)| r.error_at(raw, &format!("{path}.{field}"), message))
}

/// One goal of the goal language, from its JSON object: for a lesson (`doc` is its design,
/// which the goal must fit: `from` one of its functions, `to` one of its targets, `finding`
/// one of [`GOAL_FINDINGS`]) or for an intents file (`doc` is `None`: `from` may also be a
/// glob or `subnet:ID`, `to` any id, `finding` any catalogue id; the design is only known
/// when the intent is checked). `extra` are the other fields the caller reads from the same
/// object. An error is (the field at fault, what is wrong).
pub(crate) fn parse_goal(
    m: &serde_json::Map<String, Value>,
    doc: Option<&Document>,
    extra: &[&'static str],
) -> Result<Goal, (String, String)> {
    let err = |field: &str, message: String| (field.to_owned(), message);
    let string = |field: &str| -> Result<Option<&str>, (String, String)> {
        match m.get(field) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(err(field, "must be a string".into())),
        }
    };
    let required = |field: &str| -> Result<&str, (String, String)> {
        string(field)?.ok_or_else(|| err(field, "is missing".into()))
    };
    let allow = |fields: &[&'static str]| -> Result<(), (String, String)> {
        let all: Vec<&'static str> = fields.iter().chain(extra).copied().collect();
        match m.keys().find(|k| !all.contains(&k.as_str())) {
            Some(k) => Err(err(
                k,
                format!(
                    "not a field of this goal{}; it has {}",
                    crate::model::nearest(k, &all).map_or_else(String::new, |f| format!(" (did you mean {f}?)")),
                    all.join(", ")
                ),
            )),
            None => Ok(()),
        }
    };
    let from = |internet_ok: bool| -> Result<String, (String, String)> {
        let from = required("from")?;
        if internet_ok && from == "internet" {
            return Ok(from.to_owned());
        }
        if from == "internet" && doc.is_none() {
            return Err(err(
                "from",
                "must name functions: only_reaches is about functions, not the internet".into(),
            ));
        }
        let Some(doc) = doc else {
            let sources = super::Sources::parse(from);
            let named = match sources {
                super::Sources::Function(id) | super::Sources::Glob(id) | super::Sources::InSubnet(id) => id,
                super::Sources::Internet => "internet",
            };
            if named.trim().is_empty() {
                return Err(err(
                    "from",
                    "names no function: use a function id, a glob such as orders-*, subnet:ID or internet".into(),
                ));
            }
            return Ok(from.to_owned());
        };
        if doc.functions.iter().any(|f| f.id.as_str() == from) {
            Ok(from.to_owned())
        } else {
            let functions: Vec<&str> = doc.functions.iter().map(|f| f.id.as_str()).collect();
            Err(err(
                "from",
                format!(
                    "\"{from}\" is not a function of the lesson's design (its functions: {})",
                    functions.join(", ")
                ),
            ))
        }
    };
    let to = || -> Result<Destination, (String, String)> {
        let to = required("to")?;
        let found = match doc {
            Some(doc) => destination(to, doc),
            None => (!to.trim().is_empty()).then(|| destination_key(to)),
        };
        found.ok_or_else(|| {
            err(
                "to",
                format!(
                    "\"{to}\" is not a destination: use internet, internet-ipv6, a service ({} or any other endpoint service name) or a database, data store or instance of the design",
                    AwsService::core().map(|s| s.key()).collect::<Vec<_>>().join(", ")
                ),
            )
        })
    };
    let port = || -> Result<Option<u16>, (String, String)> {
        match m.get("port") {
            None => Ok(None),
            Some(p) => p
                .as_u64()
                .and_then(|p| u16::try_from(p).ok())
                .filter(|p| *p > 0)
                .map(Some)
                .ok_or_else(|| err("port", "must be a port number from 1 to 65535".into())),
        }
    };
    let kind_named =
        |field: &str, allowed: &dyn Fn(ComponentKind) -> bool| -> Result<ComponentKind, (String, String)> {
            let key = required(field)?;
            GOAL_KINDS
                .iter()
                .find(|k| k.0 == key && allowed(k.1))
                .map(|k| k.1)
                .ok_or_else(|| {
                    let names: Vec<&str> = GOAL_KINDS.iter().filter(|k| allowed(k.1)).map(|k| k.0).collect();
                    err(field, format!("\"{key}\" is not one of {}", names.join(", ")))
                })
        };
    let ty = required("type")?;
    let goal = match ty {
        "reaches" => {
            allow(&["type", "from", "to", "port", "via"])?;
            let via = match m.get("via") {
                None => None,
                Some(_) => Some(kind_named("via", &|k| super::via_hop(k).is_some())?),
            };
            Goal::Reaches {
                from: from(true)?,
                to: to()?,
                port: port()?,
                via,
            }
        }
        "does_not_reach" => {
            allow(&["type", "from", "to", "port"])?;
            Goal::DoesNotReach {
                from: from(true)?,
                to: to()?,
                port: port()?,
            }
        }
        "only_reaches" => {
            allow(&["type", "from", "to", "port"])?;
            Goal::OnlyReaches {
                from: from(false)?,
                to: to()?,
                port: port()?,
            }
        }
        "no_component" => {
            allow(&["type", "kind"])?;
            Goal::NoComponent {
                kind: kind_named("kind", &|_| true)?,
            }
        }
        "no_finding" => {
            allow(&["type", "finding"])?;
            let code = required("finding")?;
            let lesson = doc.is_some();
            let finding = ExplanationId::from_code(code)
                .filter(|id| !lesson || GOAL_FINDINGS.iter().any(|f| f.0 == *id))
                .ok_or_else(|| {
                    if lesson {
                        let codes: Vec<&str> = GOAL_FINDINGS.iter().map(|f| f.0.code()).collect();
                        err("finding", format!("\"{code}\" is not one of {}", codes.join(", ")))
                    } else {
                        err(
                            "finding",
                            format!(
                                "\"{code}\" is not an explanation id of the catalogue (such as S5.db-open-to-world)"
                            ),
                        )
                    }
                })?;
            Goal::NoFinding { finding }
        }
        other => {
            return Err(err(
                "type",
                format!(
                "unknown goal type \"{other}\"; use reaches, does_not_reach, only_reaches, no_component or no_finding"
            ),
            ))
        }
    };
    if let Goal::Reaches { from, to, .. } | Goal::DoesNotReach { from, to, .. } = &goal {
        if from == "internet" && !matches!(to, Destination::Component(_)) {
            return Err(err(
                "to",
                "from \"internet\", the destination must be a database, data store or instance of the design".into(),
            ));
        }
    }
    Ok(goal)
}

/// A destination key read without a design: `internet`, `internet-ipv6`, a service key, else
/// a component id (checked when the intent meets a design).
pub(crate) fn destination_key(key: &str) -> Destination {
    match key {
        "internet" => Destination::Internet,
        "internet-ipv6" => Destination::InternetIpv6,
        _ => AwsService::from_key(key)
            .map_or_else(|| Destination::Component(ComponentId::new(key)), Destination::Service),
    }
}

/// A destination key (`internet`, `internet-ipv6`, a service key) or the id of a database,
/// data store or instance of the design.
pub(crate) fn destination(key: &str, doc: &Document) -> Option<Destination> {
    match key {
        "internet" => Some(Destination::Internet),
        "internet-ipv6" => Some(Destination::InternetIpv6),
        _ => AwsService::from_key(key).map(Destination::Service).or_else(|| {
            doc.is_target(key)
                .then(|| Destination::Component(ComponentId::new(key)))
        }),
    }
}

/// A JSON string literal.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn text_json(t: &Text) -> String {
    format!("{{\"en\": {}, \"zh\": {}}}", q(&t.en), q(&t.zh))
}

impl Goal {
    /// The goal as one line of lesson-file JSON.
    pub fn to_json(&self) -> String {
        let flow = |ty: &str, from: &str, to: &Destination, port: &Option<u16>| {
            let port = port.map_or(String::new(), |p| format!(", \"port\": {p}"));
            format!(
                "{{\"type\": \"{ty}\", \"from\": {}, \"to\": {}{port}",
                q(from),
                q(to.key())
            )
        };
        let mut out = match self {
            Goal::Reaches { from, to, port, via } => {
                let mut g = flow("reaches", from, to, port);
                if let Some(k) = via {
                    g.push_str(&format!(", \"via\": \"{}\"", super::kind_key(*k)));
                }
                g
            }
            Goal::DoesNotReach { from, to, port } => flow("does_not_reach", from, to, port),
            Goal::OnlyReaches { from, to, port } => flow("only_reaches", from, to, port),
            Goal::NoComponent { kind } => {
                format!("{{\"type\": \"no_component\", \"kind\": \"{}\"", super::kind_key(*kind))
            }
            Goal::NoFinding { finding } => format!("{{\"type\": \"no_finding\", \"finding\": \"{}\"", finding.code()),
        };
        out.push('}');
        out
    }
}

impl Lesson {
    /// The lesson file, with its fields in the documented order; [`load_lesson`] reads it
    /// back to an equal lesson.
    pub fn to_json(&self) -> String {
        let list = |items: Vec<String>| {
            if items.is_empty() {
                "[]".to_owned()
            } else {
                format!("[\n    {}\n  ]", items.join(",\n    "))
            }
        };
        let mut out = format!(
            "{{\n  \"format\": \"{LESSON_FORMAT}\",\n  \"schema_version\": {LESSON_SCHEMA_VERSION},\n  \"id\": {},\n  \"kind\": \"{}\",\n  \"title\": {},\n  \"intro\": {},\n  \"goals\": {},\n  \"hints\": {}",
            q(&self.id),
            self.kind.key(),
            text_json(&self.title),
            text_json(&self.intro),
            list(self.goals.iter().map(Goal::to_json).collect()),
            list(self.hints.iter().map(text_json).collect()),
        );
        if let Some(t) = &self.takeaway {
            out.push_str(&format!(",\n  \"takeaway\": {}", text_json(t)));
        }
        // The designs are written in their own export format.
        out.push_str(&format!(
            ",\n  \"document\": {}",
            self.document.to_export_json().replace('\n', "\n  ")
        ));
        if let Some(sol) = &self.solution {
            out.push_str(&format!(
                ",\n  \"solution\": {}",
                sol.to_export_json().replace('\n', "\n  ")
            ));
        }
        out.push_str("\n}\n");
        out
    }
}
