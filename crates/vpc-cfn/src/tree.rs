//! The low-level form: a template's text as a tree of positioned nodes.
//!
//! YAML short-form tags become their long form here (`!Ref X` is read as `{Ref: X}`,
//! `!GetAtt A.B` as `{Fn::GetAtt: [A, B]}`), so evaluation sees one spelling. Scalars stay
//! text: CloudFormation compares and joins strings, and numbers and booleans are read where a
//! property needs them.

use crate::error::{Error, ErrorKind};
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::collections::{HashMap, HashSet};

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

/// Most values a template may expand to, aliases included (each alias counts every value it
/// copies), so `&a [*a, *a …]` bombs stop early (and within a fraction of a second). A 1 MB
/// template written out has about 200,000.
pub const MAX_NODES: usize = 500_000;
/// Most bytes of text (scalars and keys) a template may expand to, aliases included: one long
/// anchored text aliased many times stops here, not after gigabytes. Sixteen times the largest
/// template CloudFormation accepts.
pub const MAX_EXPANDED_BYTES: usize = 16 * 1024 * 1024;
/// Deepest nesting accepted; deeper input is refused instead of exhausting the stack.
pub const MAX_DEPTH: usize = 200;
/// Most keys one mapping may have, twice the components the playground evaluates
/// (CloudFormation itself allows 500 resources, 200 parameters and 200 outputs).
pub const MAX_KEYS: usize = 20_000;

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
    let mut problem = None;
    let node = from_json(value, 0, &mut problem);
    match problem {
        Some(kind) => Err(Error::new(kind)),
        None => Ok(node),
    }
}

fn from_json(v: serde_json::Value, depth: usize, problem: &mut Option<ErrorKind>) -> Node {
    use serde_json::Value as J;
    if depth > MAX_DEPTH {
        *problem = Some(ErrorKind::TooDeep);
        return Node::new(Pos::default(), Kind::Null);
    }
    let kind = match v {
        J::Null => Kind::Null,
        J::Bool(b) => Kind::Bool(b),
        J::Number(n) => Kind::Str(n.to_string()),
        J::String(s) => Kind::Str(s),
        J::Array(a) => Kind::Seq(a.into_iter().map(|v| from_json(v, depth + 1, problem)).collect()),
        J::Object(o) if o.len() > MAX_KEYS => {
            *problem = Some(ErrorKind::TooManyKeys(o.len()));
            Kind::Null
        }
        J::Object(o) => Kind::Map(
            o.into_iter()
                .map(|(k, v)| (k, from_json(v, depth + 1, problem)))
                .collect(),
        ),
    };
    Node::new(Pos::default(), kind)
}

fn tag_text(tag: Option<std::borrow::Cow<'_, saphyr_parser::Tag>>) -> Option<String> {
    tag.map(|t| format!("{}{}", t.handle, t.suffix))
}

fn pos(span: &Span) -> Pos {
    Pos {
        line: span.start.line() as u32,
        column: span.start.col() as u32 + 1,
    }
}

/// What a value costs to hold: its values and the bytes of its texts (keys included).
#[derive(Clone, Copy, Default)]
struct Cost {
    nodes: usize,
    bytes: usize,
}

impl Cost {
    fn add(&mut self, other: Cost) {
        self.nodes += other.nodes;
        self.bytes += other.bytes;
    }
}

/// A container being built, with its anchor, its tag and what its contents cost so far.
struct Open {
    pos: Pos,
    tag: Option<String>,
    anchor: usize,
    cost: Cost,
    body: Body,
}

enum Body {
    Seq(Vec<Node>),
    /// Pending key (with its position) waiting for its value; the keys seen, once there are
    /// enough of them that looking through the entries would cost more than a set.
    Map(Vec<(String, Node)>, Option<(String, Pos)>, Option<HashSet<String>>),
}

/// Keys of a mapping up to this many are checked for duplicates by a scan; more use a set.
const SCAN_KEYS: usize = 16;

/// Counts what a template expands to, and refuses it at the first value past a limit.
#[derive(Default)]
struct Budget {
    total: Cost,
}

impl Budget {
    fn spend(&mut self, c: Cost, p: Pos) -> Result<(), Error> {
        self.total.add(c);
        if self.total.bytes > MAX_EXPANDED_BYTES {
            return Err(Error::at(ErrorKind::ExpandsTooFar(self.total.bytes), p.line, p.column));
        }
        if self.total.nodes > MAX_NODES {
            return Err(Error::at(ErrorKind::TooLarge, p.line, p.column));
        }
        Ok(())
    }
}

/// YAML through saphyr-parser's event stream, which reports tags and positions. Linear in
/// the text and in what it expands to: anchors are kept in a map by id with what they cost,
/// so an alias is found and counted in constant time before it is copied.
pub fn parse_yaml(text: &str) -> Result<Node, Error> {
    crate::lenient::reset_duplicates();
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: HashMap<usize, (Node, Cost)> = HashMap::new();
    let mut root: Option<Node> = None;
    let mut budget = Budget::default();
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
        let is_seq = matches!(event, Event::SequenceStart(..) | Event::SequenceEnd);
        let (node, anchor, cost) = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(Error::at(ErrorKind::MultipleDocuments, p.line, p.column));
                }
                continue;
            }
            Event::Scalar(value, style, anchor, tag) => {
                let tag = tag_text(tag);
                let cost = Cost {
                    nodes: 1,
                    bytes: value.len(),
                };
                budget.spend(cost, p)?;
                let kind = scalar(&value, style, tag.as_deref());
                (tagged(Node::new(p, kind), tag.as_deref(), p)?, anchor, cost)
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Error::at(ErrorKind::TooDeep, p.line, p.column));
                }
                let body = if is_seq {
                    Body::Seq(Vec::new())
                } else {
                    Body::Map(Vec::new(), None, None)
                };
                stack.push(Open {
                    pos: p,
                    tag: tag_text(tag),
                    anchor,
                    cost: Cost { nodes: 1, bytes: 0 },
                    body,
                });
                budget.spend(Cost { nodes: 1, bytes: 0 }, p)?;
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let open = stack.pop();
                let node = match (open, is_seq) {
                    (Some(o @ Open { body: Body::Seq(_), .. }), true)
                    | (
                        Some(
                            o @ Open {
                                body: Body::Map(..), ..
                            },
                        ),
                        false,
                    ) => o,
                    _ => {
                        let what = if is_seq { "sequence" } else { "mapping" };
                        return Err(Error::at(
                            ErrorKind::YamlSyntax(format!("unbalanced {what}")),
                            p.line,
                            p.column,
                        ));
                    }
                };
                let kind = match node.body {
                    Body::Seq(items) => Kind::Seq(items),
                    Body::Map(entries, ..) => Kind::Map(entries),
                };
                let built = tagged(Node::new(node.pos, kind), node.tag.as_deref(), node.pos)?;
                (built, node.anchor, node.cost)
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some((n, cost)) => {
                    // Counted before it is copied: the copy is what costs.
                    budget.spend(*cost, p)?;
                    (n.clone(), 0, *cost)
                }
                None => {
                    return Err(Error::at(
                        ErrorKind::YamlSyntax("unknown alias".into()),
                        p.line,
                        p.column,
                    ))
                }
            },
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => continue,
        };
        if anchor > 0 {
            // Keeping a copy for later aliases is work of the same size.
            budget.spend(cost, node.pos)?;
            anchors.insert(anchor, (node.clone(), cost));
        }
        let Some(parent) = stack.last_mut() else {
            root = Some(node);
            continue;
        };
        parent.cost.add(cost);
        match &mut parent.body {
            Body::Seq(items) => items.push(node),
            Body::Map(entries, pending, seen) => match pending.take() {
                None => {
                    let key = match node.kind {
                        Kind::Str(s) => s,
                        Kind::Bool(b) => b.to_string(),
                        Kind::Null => String::new(),
                        _ => {
                            return Err(Error::at(ErrorKind::ComplexKey, node.pos.line, node.pos.column));
                        }
                    };
                    let duplicate = match seen {
                        Some(set) => set.contains(&key),
                        None => entries.iter().any(|(k, _)| *k == key),
                    };
                    if duplicate {
                        // A key written twice: the last one wins, as in CloudFormation (the
                        // warning, with both lines, comes from `lenient`). Only duplicates pay
                        // for the removal.
                        if crate::lenient::saw_duplicate() > crate::lenient::MAX_DUPLICATE_KEYS {
                            return Err(Error::at(ErrorKind::DuplicateKey(key), node.pos.line, node.pos.column));
                        }
                        entries.retain(|(k, _)| *k != key);
                    }
                    if entries.len() >= MAX_KEYS {
                        return Err(Error::at(
                            ErrorKind::TooManyKeys(entries.len() + 1),
                            node.pos.line,
                            node.pos.column,
                        ));
                    }
                    match seen {
                        Some(set) => {
                            set.insert(key.clone());
                        }
                        None if entries.len() >= SCAN_KEYS => {
                            let mut set: HashSet<String> = entries.iter().map(|(k, _)| k.clone()).collect();
                            set.insert(key.clone());
                            *seen = Some(set);
                        }
                        None => {}
                    }
                    *pending = Some((key, node.pos));
                }
                Some((key, _)) => entries.push((key, node)),
            },
        }
    }
    Ok(root.unwrap_or(Node::new(Pos { line: 1, column: 1 }, Kind::Null)))
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
    fn a_redefined_anchor_means_its_latest_value() {
        let n = parse_yaml("a: &x 1\nb: *x\nc: &x 2\nd: *x\n").unwrap();
        assert_eq!(n.get("b").unwrap().kind, Kind::Str("1".into()));
        assert_eq!(n.get("d").unwrap().kind, Kind::Str("2".into()));
    }

    #[test]
    fn a_long_text_aliased_many_times_is_refused_by_its_bytes() {
        // 100 KB aliased 200 times is 20 MB of text from a 100 KB file, in few values.
        let mut bomb = format!("s: &s {}\nl:\n", "x".repeat(100_000));
        bomb.push_str(&"  - *s\n".repeat(200));
        let e = parse_yaml(&bomb).unwrap_err();
        assert!(
            matches!(e.kind, ErrorKind::ExpandsTooFar(b) if b > MAX_EXPANDED_BYTES),
            "{e}"
        );
        // Where it stopped: the 166th alias (the text, the copy kept for aliases and 165
        // aliases make 16.6 MB), on line 2 + 166.
        assert_eq!((e.line, e.column), (Some(2 + 166), Some(5)));
        assert!(
            e.to_string().starts_with(
                "the template's aliases expand to more than 16384 KB of text (16406 KB when reading stopped here)"
            ),
            "{e}"
        );
        // Fewer copies are read.
        let mut fine = format!("s: &s {}\nl:\n", "x".repeat(100_000));
        fine.push_str(&"  - *s\n".repeat(100));
        assert!(matches!(&parse_yaml(&fine).unwrap().get("l").unwrap().kind, Kind::Seq(v) if v.len() == 100));
    }

    #[test]
    fn duplicate_keys_are_found_in_large_mappings_too() {
        // Past the keys checked by a scan, the set finds the repeat: the last value wins, as
        // in CloudFormation, and the key is there once.
        let mut text: String = (0..100).map(|i| format!("k{i}: v\n")).collect();
        text.push_str("k7: again\n");
        let node = parse_yaml(&text).unwrap();
        let Kind::Map(entries) = &node.kind else {
            panic!("{node:?}")
        };
        let k7: Vec<&Node> = entries.iter().filter(|(k, _)| k == "k7").map(|(_, v)| v).collect();
        assert_eq!(k7.len(), 1);
        assert_eq!(k7[0].kind, Kind::Str("again".into()));
        assert_eq!(entries.len(), 100);
    }

    #[test]
    fn a_text_of_repeated_keys_is_refused_early() {
        // Each repeat costs a pass over its mapping: past MAX_DUPLICATE_KEYS the text stops.
        let mut text: String = (0..2000).map(|i| format!("k{i}: v\n")).collect();
        for _ in 0..=crate::lenient::MAX_DUPLICATE_KEYS {
            text.push_str("k1: again\n");
        }
        let e = parse_yaml(&text).unwrap_err();
        assert_eq!(e.kind, ErrorKind::DuplicateKey("k1".into()));
    }

    #[test]
    fn a_mapping_past_the_key_limit_is_refused_where_it_overflows() {
        let text: String = (0..=MAX_KEYS).map(|i| format!("k{i}: v\n")).collect();
        let e = parse_yaml(&text).unwrap_err();
        assert_eq!(e.kind, ErrorKind::TooManyKeys(MAX_KEYS + 1));
        assert_eq!(e.line, Some(MAX_KEYS as u32 + 1));
        let json = format!(
            "{{{}}}",
            (0..=MAX_KEYS)
                .map(|i| format!("\"k{i}\": 1"))
                .collect::<Vec<_>>()
                .join(",")
        );
        assert_eq!(
            parse_json(&json).unwrap_err().kind,
            ErrorKind::TooManyKeys(MAX_KEYS + 1)
        );
        let at_limit: String = (0..MAX_KEYS).map(|i| format!("k{i}: v\n")).collect();
        assert!(parse_yaml(&at_limit).is_ok());
    }

    #[test]
    fn keeping_nested_anchors_counts_as_work() {
        // Each anchored level is copied when it closes: 150 levels around 8,000 values would
        // be 1.2 million copies.
        let mut text = String::new();
        for i in 0..150 {
            text.push_str(&format!("{}- &a{i}\n", "  ".repeat(i)));
        }
        let inner = "  ".repeat(150);
        for j in 0..8_000 {
            text.push_str(&format!("{inner}- {j}\n"));
        }
        assert_eq!(parse_yaml(&text).unwrap_err().kind, ErrorKind::TooLarge);
    }

    #[test]
    fn json_syntax_errors_have_positions() {
        let e = parse_json("{\n  \"a\": [1,\n}").unwrap_err();
        assert!(matches!(e.kind, ErrorKind::JsonSyntax(_)));
        assert_eq!(e.line, Some(3));
    }
}
