//! Nothing panics, whatever the text: arbitrary strings, and valid templates mutated by
//! deleting, duplicating and inserting pieces (a cheap structured fuzzer). Every successful
//! import is analysed by the engine too, which must not panic either.

use proptest::prelude::*;

const CORPUS: [&str; 7] = [
    include_str!("templates/sam-public-subnet.yaml"),
    include_str!("templates/private-nat.json"),
    include_str!("templates/dual-stack.yaml"),
    include_str!("templates/endpoints-rds.yaml"),
    include_str!("templates/nat-instance.yaml"),
    include_str!("templates/outside.yaml"),
    include_str!("templates/endpoints-rds.json"),
];

/// Pieces that matter to YAML, JSON and the evaluator.
const PIECES: [&str; 24] = [
    "!Ref ",
    "!GetAtt ",
    "!Sub ",
    "!Cidr [",
    "!Select [9, ",
    "!If [",
    "{",
    "}",
    "[",
    "]",
    ":",
    "- ",
    "\n",
    "  ",
    "\"",
    "'",
    "&a ",
    "*a",
    "${",
    "Fn::Join",
    "Ref",
    "!!str ",
    "\t",
    "#",
];

fn run(text: &str, params: &[(String, String)]) {
    if let Ok(i) = vpc_cfn::import(text, params) {
        let _ = vpc_engine::analyze(&i.document);
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), 0..PIECES.len()).prop_map(|(a, p)| Edit::Insert(a, p)),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
    ]
}

fn boundary(s: &str, at: usize) -> usize {
    let mut i = at % (s.len() + 1);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut s = text.to_owned();
    for e in edits {
        match *e {
            Edit::Delete(a, n) => {
                let from = boundary(&s, a);
                let to = boundary(&s, (from + n).min(s.len()));
                if to > from {
                    s.replace_range(from..to, "");
                }
            }
            Edit::Insert(a, p) => {
                let at = boundary(&s, a);
                s.insert_str(at, PIECES[p]);
            }
            Edit::DuplicateLine(a) | Edit::SwapLines(a, _) if s.lines().count() == 0 => {
                let _ = a;
            }
            Edit::DuplicateLine(a) => {
                let mut lines: Vec<&str> = s.lines().collect();
                let i = a % lines.len();
                lines.insert(i, lines[i]);
                s = lines.join("\n");
            }
            Edit::SwapLines(a, b) => {
                let mut lines: Vec<&str> = s.lines().collect();
                let n = lines.len();
                lines.swap(a % n, b % n);
                s = lines.join("\n");
            }
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        run(&text, &[]);
        run(&format!("Resources:\n  A:\n    Type: AWS::EC2::VPC\n    Properties: {text}\n"), &[]);
    }

    #[test]
    fn mutated_templates_never_panic(which in 0..CORPUS.len(), edits in proptest::collection::vec(edit(), 1..6)) {
        let text = apply(CORPUS[which], &edits);
        run(&text, &[("Project".into(), "p".into()), ("Stage".into(), "dev".into())]);
    }

    #[test]
    fn any_parameter_values_never_panic(project in "\\PC{0,20}", stage in "\\PC{0,8}", cidr in "[0-9./:a-f]{0,20}") {
        run(CORPUS[2], &[("Project".into(), project), ("Stage".into(), stage)]);
        run(CORPUS[1], &[("VpcCidr".into(), cidr)]);
    }
}

#[test]
fn the_corpus_itself_imports() {
    for t in CORPUS {
        vpc_cfn::import(t, &[("Project".into(), "p".into()), ("Stage".into(), "dev".into())])
            .map_err(|e| e.to_string())
            .map(|_| ())
            .or_else(|e| if e.contains("no parameter") { Ok(()) } else { Err(e) })
            .unwrap();
    }
}
