//! The low-level form: a template's text as a tree of positioned nodes.
//!
//! YAML short-form tags become their long form here (`!Ref X` is read as `{Ref: X}`,
//! `!GetAtt A.B` as `{Fn::GetAtt: [A, B]}`), so evaluation sees one spelling. Scalars stay
//! text: CloudFormation compares and joins strings, and numbers and booleans are read where a
//! property needs them.

use crate::error::{Error, ErrorKind};
use saphyr_parser::{Event, Parser, ScalarStyle, Span};

/// Where a node starts in the text: 1-based line and column; 0 when unknown (JSON values).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub fn known(self) -> bool {
        self.line > 0
    }
}

/// One value of the template.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    /// Any other scalar, numbers included, as written.
    Str(String),
    Seq(Vec<Node>),
    /// Keys in document order.
    Map(Vec<(String, Node)>),
}

impl Node {
    pub fn new(pos: Pos, kind: Kind) -> Node {
        Node { pos, kind }
    }
    /// The value of `key` when this is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn as_map(&self) -> Option<&[(String, Node)]> {
        match &self.kind {
            Kind::Map(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }
    /// An intrinsic function call: a one-key mapping whose key is `Ref`, `Condition` or `Fn::…`.
    pub fn intrinsic(&self) -> Option<(&str, &Node)> {
        match &self.kind {
            Kind::Map(m) if m.len() == 1 && is_function_key(&m[0].0) => Some((&m[0].0, &m[0].1)),
            _ => None,
        }
    }
}

fn is_function_key(k: &str) -> bool {
    k == "Ref" || k == "Condition" || k.starts_with("Fn::")
}

/// Most nodes a template may expand to (aliases included), so `&a [*a, *a …]` bombs stop early.
const MAX_NODES: usize = 2_000_000;
/// Deepest nesting accepted; deeper input is refused instead of exhausting the stack.
pub const MAX_DEPTH: usize = 200;

/// Reads JSON or YAML. JSON is tried first when the text starts with `{`.
pub fn parse(text: &str) -> Result<Node, Error> {
    if text.trim_start().starts_with('{') {
        parse_json(text)
    } else {
        parse_yaml(text)
    }
}

/// JSON through serde_json: exact syntax errors with line and column. Values carry no position.
pub fn parse_json(text: &str) -> Result<Node, Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: serde_json::Value = serde::Deserialize::deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| {
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
            Error::at(ErrorKind::JsonSyntax(msg), e.line() as u32, e.column() as u32)
        })?;
    let mut depth_error = false;
    let node = from_json(value, 0, &mut depth_error);
    if depth_error {
        return Err(Error::new(ErrorKind::TooDeep));
    }
    Ok(node)
}

fn from_json(v: serde_json::Value, depth: usize, too_deep: &mut bool) -> Node {
    use serde_json::Value as J;
    if depth > MAX_DEPTH {
        *too_deep = true;
        return Node::new(Pos::default(), Kind::Null);
    }
    let kind = match v {
        J::Null => Kind::Null,
        J::Bool(b) => Kind::Bool(b),
        J::Number(n) => Kind::Str(n.to_string()),
        J::String(s) => Kind::Str(s),
        J::Array(a) => Kind::Seq(a.into_iter().map(|v| from_json(v, depth + 1, too_deep)).collect()),
        J::Object(o) => Kind::Map(
            o.into_iter()
                .map(|(k, v)| (k, from_json(v, depth + 1, too_deep)))
                .collect(),
        ),
    };
    Node::new(Pos::default(), kind)
}

fn pos(span: &Span) -> Pos {
    Pos {
        line: span.start.line() as u32,
        column: span.start.col() as u32 + 1,
    }
}

/// A container being built.
enum Open {
    Seq(Pos, Option<String>, usize, Vec<Node>),
    /// Pending key (with its position) waiting for its value.
    Map(Pos, Option<String>, usize, Vec<(String, Node)>, Option<(String, Pos)>),
}

/// YAML through saphyr-parser's event stream, which reports tags and positions.
pub fn parse_yaml(text: &str) -> Result<Node, Error> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: Vec<(usize, Node)> = Vec::new();
    let mut root: Option<Node> = None;
    let mut count = 0usize;
    let mut documents = 0;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| {
            Error::at(
                ErrorKind::YamlSyntax(e.info().to_owned()),
                e.marker().line() as u32,
                e.marker().col() as u32 + 1,
            )
        })?;
        let p = pos(&span);
        let done: Option<(Node, usize)> = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(Error::at(ErrorKind::MultipleDocuments, p.line, p.column));
                }
                None
            }
            Event::Scalar(value, style, anchor, tag) => {
                let tag = tag.map(|t| format!("{}{}", t.handle, t.suffix));
                let kind = scalar(&value, style, tag.as_deref());
                let node = tagged(Node::new(p, kind), tag.as_deref(), p)?;
                Some((node, anchor))
            }
            Event::SequenceStart(anchor, tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Error::at(ErrorKind::TooDeep, p.line, p.column));
                }
                stack.push(Open::Seq(
                    p,
                    tag.map(|t| format!("{}{}", t.handle, t.suffix)),
                    anchor,
                    Vec::new(),
                ));
                None
            }
            Event::MappingStart(anchor, tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Error::at(ErrorKind::TooDeep, p.line, p.column));
                }
                stack.push(Open::Map(
                    p,
                    tag.map(|t| format!("{}{}", t.handle, t.suffix)),
                    anchor,
                    Vec::new(),
                    None,
                ));
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Open::Seq(sp, tag, anchor, items)) => {
                    Some((tagged(Node::new(sp, Kind::Seq(items)), tag.as_deref(), sp)?, anchor))
                }
                _ => {
                    return Err(Error::at(
                        ErrorKind::YamlSyntax("unbalanced sequence".into()),
                        p.line,
                        p.column,
                    ))
                }
            },
            Event::MappingEnd => match stack.pop() {
                Some(Open::Map(mp, tag, anchor, entries, _)) => {
                    Some((tagged(Node::new(mp, Kind::Map(entries)), tag.as_deref(), mp)?, anchor))
                }
                _ => {
                    return Err(Error::at(
                        ErrorKind::YamlSyntax("unbalanced mapping".into()),
                        p.line,
                        p.column,
                    ))
                }
            },
            Event::Alias(id) => match anchors.iter().rev().find(|(a, _)| *a == id) {
                Some((_, n)) => {
                    count += weight(n);
                    if count > MAX_NODES {
                        return Err(Error::at(ErrorKind::TooLarge, p.line, p.column));
                    }
                    Some((n.clone(), 0))
                }
                None => {
                    return Err(Error::at(
                        ErrorKind::YamlSyntax("unknown alias".into()),
                        p.line,
                        p.column,
                    ))
                }
            },
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => None,
        };
        let Some((node, anchor)) = done else { continue };
        count += 1;
        if count > MAX_NODES {
            return Err(Error::at(ErrorKind::TooLarge, p.line, p.column));
        }
        if anchor > 0 {
            anchors.push((anchor, node.clone()));
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Open::Seq(_, _, _, items)) => items.push(node),
            Some(Open::Map(_, _, _, entries, pending)) => match pending.take() {
                None => {
                    let key = match node.kind {
                        Kind::Str(s) => s,
                        Kind::Bool(b) => b.to_string(),
                        Kind::Null => String::new(),
                        _ => {
                            return Err(Error::at(ErrorKind::ComplexKey, node.pos.line, node.pos.column));
                        }
                    };
                    // A key written twice: the last one wins, as in CloudFormation (the
                    // warning, with both lines, comes from `lenient`).
                    let before = entries.len();
                    entries.retain(|(k, _)| *k != key);
                    if entries.len() != before {
                        crate::lenient::saw_duplicate();
                    }
                    *pending = Some((key, node.pos));
                }
                Some((key, _)) => entries.push((key, node)),
            },
        }
    }
    Ok(root.unwrap_or(Node::new(Pos { line: 1, column: 1 }, Kind::Null)))
}

fn weight(n: &Node) -> usize {
    match &n.kind {
        Kind::Seq(s) => 1 + s.iter().map(weight).sum::<usize>(),
        Kind::Map(m) => 1 + m.iter().map(|(_, v)| weight(v)).sum::<usize>(),
        _ => 1,
    }
}

/// YAML 1.2 core schema, reduced to what templates need: plain `null`/`~`/empty is null,
/// plain `true`/`false` a boolean, anything else text.
fn scalar(value: &str, style: ScalarStyle, tag: Option<&str>) -> Kind {
    if style != ScalarStyle::Plain || tag.is_some_and(|t| t != "!!null" && t != "!!bool") {
        return Kind::Str(value.to_owned());
    }
    match value {
        "" | "~" | "null" | "Null" | "NULL" => Kind::Null,
        "true" | "True" | "TRUE" => Kind::Bool(true),
        "false" | "False" | "FALSE" => Kind::Bool(false),
        _ => Kind::Str(value.to_owned()),
    }
}

/// The long-form key of each short-form tag.
const TAGS: [(&str, &str); 18] = [
    ("!Ref", "Ref"),
    ("!Condition", "Condition"),
    ("!GetAtt", "Fn::GetAtt"),
    ("!Sub", "Fn::Sub"),
    ("!Join", "Fn::Join"),
    ("!Select", "Fn::Select"),
    ("!Split", "Fn::Split"),
    ("!GetAZs", "Fn::GetAZs"),
    ("!If", "Fn::If"),
    ("!Equals", "Fn::Equals"),
    ("!Not", "Fn::Not"),
    ("!And", "Fn::And"),
    ("!Or", "Fn::Or"),
    ("!FindInMap", "Fn::FindInMap"),
    ("!Base64", "Fn::Base64"),
    ("!Cidr", "Fn::Cidr"),
    ("!ImportValue", "Fn::ImportValue"),
    ("!Transform", "Fn::Transform"),
];

/// Applies a tag: short-form intrinsics become `{long-form: node}`; YAML's own `!!str` etc.
/// pass through; any other tag is an error naming it.
fn tagged(mut node: Node, tag: Option<&str>, p: Pos) -> Result<Node, Error> {
    let Some(tag) = tag else { return Ok(node) };
    if tag.starts_with("!!") || tag.starts_with("tag:yaml.org,2002:") {
        return Ok(node);
    }
    let Some((_, long)) = TAGS.iter().find(|(short, _)| *short == tag) else {
        return Err(Error::at(ErrorKind::UnknownTag(tag.to_owned()), p.line, p.column));
    };
    if *long == "Fn::GetAtt" {
        // `!GetAtt Resource.Attribute` is the string form of `[Resource, Attribute]`.
        if let Kind::Str(s) = &node.kind {
            if let Some((r, a)) = s.split_once('.') {
                node.kind = Kind::Seq(vec![
                    Node::new(p, Kind::Str(r.to_owned())),
                    Node::new(p, Kind::Str(a.to_owned())),
                ]);
            }
        }
    }
    if node.kind == Kind::Null && *long != "Ref" {
        // `!GetAZs ''` and `!GetAZs` alike mean the current Region.
        node.kind = Kind::Str(String::new());
    }
    Ok(Node::new(p, Kind::Map(vec![((*long).to_owned(), node)])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_tags_become_long_form_with_positions() {
        let n = parse_yaml("A:\n  B: !GetAtt Vpc.CidrBlock\n  C: !Ref X\n").unwrap();
        let b = n.get("A").unwrap().get("B").unwrap();
        let (name, arg) = b.intrinsic().unwrap();
        assert_eq!(name, "Fn::GetAtt");
        assert_eq!(b.pos, Pos { line: 2, column: 6 });
        assert!(matches!(&arg.kind, Kind::Seq(v) if v.len() == 2));
        assert_eq!(n.get("A").unwrap().get("C").unwrap().intrinsic().unwrap().0, "Ref");
    }

    #[test]
    fn unknown_tag_names_itself_with_position() {
        let e = parse_yaml("A:\n  B: !Reff X\n").unwrap_err();
        assert_eq!(e.kind, ErrorKind::UnknownTag("!Reff".into()));
        assert_eq!((e.line, e.column), (Some(2), Some(6)));
    }

    #[test]
    fn plain_scalars_follow_the_core_schema() {
        let n = parse_yaml("a: true\nb: 'true'\nc: 443\nd: ~\n").unwrap();
        assert_eq!(n.get("a").unwrap().kind, Kind::Bool(true));
        assert_eq!(n.get("b").unwrap().kind, Kind::Str("true".into()));
        assert_eq!(n.get("c").unwrap().kind, Kind::Str("443".into()));
        assert_eq!(n.get("d").unwrap().kind, Kind::Null);
    }

    #[test]
    fn aliases_are_expanded_and_bombs_refused() {
        let n = parse_yaml("a: &x [1, 2]\nb: *x\n").unwrap();
        assert_eq!(n.get("a").map(|a| &a.kind), n.get("b").map(|b| &b.kind));
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = format!("*a{}", i - 1);
            bomb.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
        }
        assert_eq!(parse_yaml(&bomb).unwrap_err().kind, ErrorKind::TooLarge);
    }

    #[test]
    fn json_syntax_errors_have_positions() {
        let e = parse_json("{\n  \"a\": [1,\n}").unwrap_err();
        assert!(matches!(e.kind, ErrorKind::JsonSyntax(_)));
        assert_eq!(e.line, Some(3));
    }
}
