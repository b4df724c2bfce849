//! Reading what CloudFormation reads: text a strict YAML reader refuses but CloudFormation
//! deploys is read the way CloudFormation reads it, with a warning in the report.
//!
//! - A key written twice in one mapping (in `Outputs` and elsewhere): the last one wins, as in
//!   CloudFormation, and the warning names both lines. [`duplicates`] finds them in a pass of
//!   its own over the parser's events, so [`crate::tree`] only has to keep the last value.
//!
//! - A comment line inside a multi-line plain value (`- text` / `# note` / `more text`, as in
//!   aws-cloudformation/cfn-lint#2653, a template CloudFormation deploys): the comment is
//!   left out and the value read on, as if the line were blank.
//!
//! - A flow collection whose continuation lines are indented no deeper than the key that
//!   holds it (`Schema: {"type": "object",` / `"title": "Stats" }` with both lines at the key's
//!   column, as in Hack23/lambda-in-private-vpc, a template CloudFormation deploys): the lines
//!   inside the collection are read as if indented one column deeper than the key.
//!
//! JSON templates go through serde_json, which also keeps the last of two equal keys; its
//! values carry no line, so no warning can name them.

use crate::error::{Error, ErrorKind};
use crate::tree::{self, Node};
use saphyr_parser::{Event, Parser};

thread_local! {
    /// Set by [`crate::tree`] when it kept the last of two equal keys: only then is the text
    /// read a second time to name the lines (most templates have no duplicate key).
    static DUPLICATES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Most keys written twice in one template before it is refused: each one costs a pass over
/// its mapping, so a text of nothing but repeated keys must stop early.
pub const MAX_DUPLICATE_KEYS: usize = 1000;

/// Called by the tree when it starts reading a text: no key seen twice yet.
pub fn reset_duplicates() {
    DUPLICATES.with(|d| d.set(0));
}

/// Called by the tree when a mapping had a key twice; how many so far in this text.
pub fn saw_duplicate() -> usize {
    DUPLICATES.with(|d| {
        d.set(d.get() + 1);
        d.get()
    })
}

/// Most comment lines inside plain values blanked before giving up, and the most text all
/// the retries may parse again together (each retry reads the whole template).
const MAX_RETRIES: usize = 100;
const MAX_RETRY_BYTES: usize = 4 << 20;

/// Parses a template, adding a warning for each leniency applied.
pub fn parse(text: &str, warnings: &mut Vec<String>) -> Result<Node, Error> {
    DUPLICATES.with(|d| d.set(0));
    let mut owned: Option<String> = None;
    let mut first_error: Option<Error> = None;
    let mut blanked_lines = Vec::new();
    let mut flow_lines = Vec::new();
    let node = loop {
        let current = owned.as_deref().unwrap_or(text);
        match tree::parse(current) {
            Ok(node) => break node,
            Err(e) => {
                let retries = blanked_lines.len() + flow_lines.len();
                let retry = match (&e.kind, e.line, e.column) {
                    (ErrorKind::YamlSyntax(_), Some(line), Some(column))
                        if retries < MAX_RETRIES.min(MAX_RETRY_BYTES / current.len().max(1)) =>
                    {
                        let (line, column) = (line as usize, column as usize);
                        comment_in_plain_value(current, line, column)
                            .map(|(l, t)| (false, l, t))
                            .or_else(|| shallow_flow(current, line).map(|(l, t)| (true, l, t)))
                    }
                    _ => None,
                };
                let first = first_error.get_or_insert(e);
                let Some((flow, line, fixed)) = retry else {
                    return Err(first.clone());
                };
                if flow {
                    flow_lines.push(line);
                } else {
                    blanked_lines.push(line);
                }
                owned = Some(fixed);
            }
        }
    };
    for line in blanked_lines {
        warnings.push(format!(
            "line {line}: a comment inside a multi-line plain value; as CloudFormation does, it is left out and the \
             value read on"
        ));
    }
    for line in flow_lines {
        warnings.push(format!(
            "line {line}: a flow collection goes on over lines indented no deeper than its key; as CloudFormation \
             does, they are read as part of it"
        ));
    }
    let text = owned.as_deref().unwrap_or(text);
    if DUPLICATES.with(|d| d.get()) > 0 && !text.trim_start().starts_with('{') {
        for d in duplicates(text) {
            warnings.push(format!(
                "the key `{}` appears twice in the same mapping (lines {} and {}); as in CloudFormation, the last one \
                 (line {}) is used",
                d.key, d.first, d.second, d.second
            ));
        }
    }
    Ok(node)
}

/// When a syntax error at `line`/`column` comes from a comment inside a plain value (a
/// comment after the text on that line, or a comment line just above the line the value
/// continues on): the line of that comment and the text with it blanked.
fn comment_in_plain_value(text: &str, line: usize, column: usize) -> Option<(usize, String)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let at = lines.get(line.checked_sub(1)?)?;
    let here: Vec<char> = at.chars().collect();
    let from = column.saturating_sub(1).min(here.len());
    if here[from..]
        .iter()
        .enumerate()
        .any(|(j, &c)| c == '#' && (j + from == 0 || here[j + from - 1].is_whitespace()))
    {
        return blank_comment(text, line, column).map(|t| (line, t));
    }
    // The nearest non-blank line above: a comment line, indented like the value goes on.
    let indent = |l: &str| l.chars().take_while(|c| *c == ' ').count();
    let above = (0..line - 1).rev().find(|&i| !lines[i].trim().is_empty())?;
    let comment = lines[above].trim_start();
    if comment.starts_with('#') && indent(lines[above]) >= indent(at) && indent(at) > 0 {
        return blank_comment(text, above + 1, 1).map(|t| (above + 1, t));
    }
    None
}

/// How far into the lines before a syntax error to look for the flow collection it sits in.
const FLOW_LOOKBACK: usize = 200;

/// When the syntax error on `line` (1-based) is a line of a flow collection (`{ … }` or
/// `[ … ]`) opened on a line above and indented no deeper than that line: the line the
/// collection opens on, and the text with every such line of the collection indented one
/// column deeper than it (spaces before flow content change nothing else). Line numbers stay.
fn shallow_flow(text: &str, line: usize) -> Option<(usize, String)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let error = line.checked_sub(1)?;
    lines.get(error)?;
    let indent = |l: &str| l.chars().take_while(|c| *c == ' ').count();
    // The nearest line above, within reach, where a flow collection opens and is still open
    // at the error line.
    let start = (error.saturating_sub(FLOW_LOOKBACK)..error).rev().find(|&i| {
        let mut depth = 0usize;
        let mut opened = false;
        for (j, l) in lines[i..error].iter().enumerate() {
            let (d, o) = flow_depth(l, depth, j == 0);
            depth = d;
            opened |= o;
            if depth == 0 && j > 0 {
                return false;
            }
        }
        opened && depth > 0
    })?;
    let key = indent(lines[start]);
    if indent(lines[error]) > key {
        return None;
    }
    // Indent every line of the collection (up to the one that closes it) past the key.
    let mut out = String::with_capacity(text.len() + 64);
    let mut depth = flow_depth(lines[start], 0, true).0;
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i > start && depth > 0 {
            if !l.trim().is_empty() && indent(l) <= key {
                out.extend(std::iter::repeat_n(' ', key + 1 - indent(l)));
            }
            depth = flow_depth(l, depth, false).0;
        }
        out.push_str(l);
    }
    Some((start + 1, out))
}

/// The nesting depth of flow brackets after one line, from `depth` before it, skipping quoted
/// text and comments; and whether a collection opens on this line (on the first line: only
/// where a value starts, after `: ` or `- `, so a plain scalar with a brace opens nothing).
fn flow_depth(line: &str, mut depth: usize, first: bool) -> (usize, bool) {
    let chars: Vec<char> = line.chars().collect();
    let mut opened = false;
    let mut i = 0;
    let mut quote: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        match quote {
            Some('\'') if c == '\'' && chars.get(i + 1) == Some(&'\'') => i += 1,
            Some('"') if c == '\\' => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '\'' | '"' => quote = Some(c),
                '#' if i == 0 || chars[i - 1].is_whitespace() => break,
                '{' | '[' => {
                    let starts_value = {
                        let before: String = chars[..i].iter().collect();
                        let before = before.trim_end();
                        before.is_empty() || before.ends_with(':') || before.ends_with('-')
                    };
                    if depth > 0 || !first || starts_value {
                        opened |= depth == 0;
                        depth += 1;
                    }
                }
                '}' | ']' if depth > 0 => depth -= 1,
                _ => {}
            },
        }
        i += 1;
    }
    (depth, opened)
}

/// The text with the comment that starts on `line` at or after `column` (1-based) replaced by
/// spaces, so every other position stays where it was. `None` when there is no `#` there.
fn blank_comment(text: &str, line: usize, column: usize) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut found = false;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 != line {
            out.push_str(l);
            continue;
        }
        // The reported column is where the scalar stopped; the comment is the first `#`
        // preceded by white space from there (or the line's own first `#`).
        let chars: Vec<char> = l.chars().collect();
        let from = column.saturating_sub(1).min(chars.len());
        let hash = (from..chars.len())
            .find(|&j| chars[j] == '#' && (j == 0 || chars[j - 1].is_whitespace()))
            .or_else(|| chars.iter().position(|&c| c == '#'))?;
        for (j, c) in chars.iter().enumerate() {
            if j >= hash && *c != '\n' && *c != '\r' {
                out.push(' ');
            } else {
                out.push(*c);
            }
        }
        found = true;
    }
    found.then_some(out)
}

/// A key written twice in one mapping, with the 1-based lines of both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    pub key: String,
    pub first: usize,
    pub second: usize,
}

/// Every key written twice in one mapping. Stops at the first syntax error (the tree
/// reports it).
pub fn duplicates(text: &str) -> Vec<Duplicate> {
    // One frame per open container: for a mapping, the keys seen and whether the next
    // node is a key.
    enum Frame {
        Seq,
        Map { keys: Vec<(String, usize)>, key_next: bool },
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut out = Vec::new();
    let mut parser = Parser::new_from_str(text);
    // A finished node (scalar, alias or container) in the innermost container.
    fn done(stack: &mut [Frame], key: Option<(String, usize)>, out: &mut Vec<Duplicate>) {
        if let Some(Frame::Map { keys, key_next }) = stack.last_mut() {
            if *key_next {
                if let Some((k, line)) = key {
                    if let Some((_, first)) = keys.iter().find(|(seen, _)| *seen == k) {
                        out.push(Duplicate {
                            key: k.clone(),
                            first: *first,
                            second: line,
                        });
                    }
                    keys.push((k, line));
                }
            }
            *key_next = !*key_next;
        }
    }
    while let Some(Ok((event, span))) = parser.next_event() {
        let line = span.start.line();
        match event {
            Event::Scalar(value, ..) => done(&mut stack, Some((value.into_owned(), line)), &mut out),
            Event::Alias(_) => done(&mut stack, None, &mut out),
            Event::SequenceStart(..) => stack.push(Frame::Seq),
            Event::MappingStart(..) => stack.push(Frame::Map {
                keys: Vec::new(),
                key_next: true,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                done(&mut stack, None, &mut out);
            }
            _ => {}
        }
        if stack.len() > tree::MAX_DEPTH {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_inside_a_plain_value_is_left_out_with_a_warning() {
        // aws-cloudformation/cfn-lint#2653: CloudFormation deploys this.
        let text = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata:\n      Note: !Sub\n        - text\n\n          # comment\n          more text ${V}\n        - { V: x }\n";
        let mut w = Vec::new();
        let n = parse(text, &mut w).unwrap();
        let note = n
            .get("Resources")
            .and_then(|r| r.get("Q"))
            .and_then(|q| q.get("Metadata"))
            .and_then(|m| m.get("Note"));
        let (_, arg) = note.and_then(Node::intrinsic).unwrap();
        let crate::tree::Kind::Seq(items) = &arg.kind else {
            panic!("{arg:?}")
        };
        // Read as if the comment line were blank: two empty lines fold into two line breaks.
        assert_eq!(items[0].as_str(), Some("text\n\nmore text ${V}"));
        assert_eq!(w.len(), 1);
        assert!(
            w[0].starts_with("line 8: a comment inside a multi-line plain value"),
            "{w:?}"
        );
        // Other syntax errors are still errors, with their position.
        let e = parse("Resources:\n  A: [1, 2\n", &mut Vec::new()).unwrap_err();
        assert!(matches!(e.kind, ErrorKind::YamlSyntax(_)));
    }

    #[test]
    fn a_flow_collection_indented_like_its_key_is_read_with_a_warning() {
        // Hack23/lambda-in-private-vpc cloudformation/template.yml: CloudFormation deploys this.
        let text = "Resources:\n  M:\n    Type: AWS::ApiGateway::Model\n    Properties:\n      Schema: {\"$schema\": \"x\",\n      \"title\": \"Stats\",\n      \"type\": \"object\" }\n      Name: n\n";
        let mut w = Vec::new();
        let n = parse(text, &mut w).unwrap();
        let props = n
            .get("Resources")
            .and_then(|r| r.get("M"))
            .and_then(|m| m.get("Properties"));
        let schema = props.and_then(|p| p.get("Schema")).unwrap();
        assert_eq!(schema.get("title").and_then(Node::as_str), Some("Stats"));
        assert_eq!(schema.get("type").and_then(Node::as_str), Some("object"));
        // The key after the collection is the mapping's again, not part of it.
        assert_eq!(props.and_then(|p| p.get("Name")).and_then(Node::as_str), Some("n"));
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("line 5: a flow collection"), "{w:?}");
        // A collection that is never closed is still an error.
        let e = parse("A:\n  B: {x: 1,\n  y: 2\n", &mut Vec::new()).unwrap_err();
        assert!(matches!(e.kind, ErrorKind::YamlSyntax(_)));
    }

    #[test]
    fn duplicates_name_both_lines_at_any_depth() {
        let text = "Outputs:\n  Url:\n    Value: a\n  Arn:\n    Value: b\n  Url:\n    Value: c\nResources:\n  X: {Type: T, Type: U}\n";
        assert_eq!(
            duplicates(text),
            [
                Duplicate {
                    key: "Url".into(),
                    first: 2,
                    second: 6
                },
                Duplicate {
                    key: "Type".into(),
                    first: 9,
                    second: 9
                },
            ]
        );
        // The same key in two different mappings is not a duplicate.
        assert!(duplicates("A: {k: 1}\nB: {k: 2}\nC: [{k: 1}, {k: 2}]\n").is_empty());
    }
}
