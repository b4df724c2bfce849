//! The fuzz campaign: seeded, bounded mutations of the project's own corpora (designs, lessons,
//! templates), each read the way `vpcplay check` reads a file. Shared by the test
//! (`tests/fuzz.rs`, a few hundred cases in `cargo test`) and the release-mode timing run
//! (`examples/campaign.rs`, more and larger cases, with figures).
//!
//! Mutations: duplicate a block, nest a block, add anchors and aliases (one, or thousands in
//! the shape that once took seconds), swap a value's type, cut, insert unicode / NUL / a
//! byte-order mark / CRLF (or re-encode as UTF-16), a long anchored text aliased many times
//! (the string bomb), misspelled field names, and one list of many values. Every case must end with a result or a
//! refusal, never a panic.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Which reader a corpus file is meant for (the campaign reads every mutant as the CLI does,
/// whatever it became).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corpus {
    Design,
    Lesson,
    Template,
}

pub struct Seed {
    pub name: String,
    pub corpus: Corpus,
    pub bytes: Vec<u8>,
}

/// The workspace root, from this crate's manifest directory.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        })
        .collect();
    out.sort();
    out
}

/// The corpora: designs (`designs/`, the engine's scenarios and bad inputs), lessons
/// (`lessons/`), templates (`crates/vpc-cfn/tests/templates`), and the regressions found so far.
pub fn seeds() -> Vec<Seed> {
    let root = root();
    let mut out = Vec::new();
    let mut add = |dir: PathBuf, exts: &[&str], corpus: Corpus| {
        for p in files(&dir, exts) {
            if p.file_name().is_some_and(|n| n == "index.json") {
                continue;
            }
            let name = p.strip_prefix(&root).unwrap_or(&p).display().to_string();
            out.push(Seed {
                name,
                corpus,
                bytes: std::fs::read(&p).unwrap_or_default(),
            });
        }
    };
    add(root.join("designs"), &["json"], Corpus::Design);
    add(
        root.join("crates/vpc-engine/tests/scenarios"),
        &["json"],
        Corpus::Design,
    );
    add(
        root.join("crates/vpc-engine/tests/bad_inputs"),
        &["json", "txt"],
        Corpus::Design,
    );
    add(root.join("lessons"), &["json"], Corpus::Lesson);
    add(
        root.join("crates/vpc-cfn/tests/templates"),
        &["yaml", "json"],
        Corpus::Template,
    );
    add(
        root.join("crates/vpc-cfn/tests/regressions"),
        &["yaml", "json", "txt"],
        Corpus::Template,
    );
    out
}

/// SplitMix64: a small deterministic generator, so that a failing case is found again from its
/// seed and number.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// How large the campaign makes things: the test keeps them small, the timing run goes to
/// the limits.
#[derive(Clone, Copy)]
pub struct Scale {
    /// Anchors in the many-anchors mutation.
    pub anchors: usize,
    /// Length of the string bomb's text, and how many aliases repeat it.
    pub bomb_text: usize,
    pub bomb_aliases: usize,
    /// Values in the many-values mutation (one flow list: the slowest shape per byte).
    pub values: usize,
    /// Mutants are cut to this many bytes at most.
    pub max_bytes: usize,
}

pub const TEST_SCALE: Scale = Scale {
    anchors: 2_000,
    bomb_text: 20_000,
    bomb_aliases: 1_000,
    values: 20_000,
    max_bytes: 256 * 1024,
};

pub const RELEASE_SCALE: Scale = Scale {
    anchors: 40_000,
    bomb_text: 100_000,
    bomb_aliases: 10_000,
    values: 500_000,
    max_bytes: 8 * 1024 * 1024,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mutation {
    DuplicateBlock,
    NestBlock,
    AnchorAndAlias,
    ManyAnchors,
    SwapType,
    Cut,
    InsertOdd,
    StringBomb,
    Misspell,
    ManyValues,
}

pub const MUTATIONS: [Mutation; 10] = [
    Mutation::DuplicateBlock,
    Mutation::NestBlock,
    Mutation::AnchorAndAlias,
    Mutation::ManyAnchors,
    Mutation::SwapType,
    Mutation::Cut,
    Mutation::InsertOdd,
    Mutation::StringBomb,
    Mutation::Misspell,
    Mutation::ManyValues,
];

fn char_floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte range of a block: for JSON-looking text a balanced `{…}` or `[…]` starting at a
/// random bracket, for YAML a line and the lines indented under it.
fn block(rng: &mut Rng, s: &str) -> Option<(usize, usize)> {
    let opens: Vec<usize> = s.match_indices(['{', '[']).map(|(i, _)| i).collect();
    if s.trim_start().starts_with('{') && !opens.is_empty() {
        let start = *rng.pick(&opens);
        let mut depth = 0i32;
        let mut in_str = false;
        let mut esc = false;
        for (i, c) in s[start..].char_indices() {
            if in_str {
                match (esc, c) {
                    (true, _) => esc = false,
                    (false, '\\') => esc = true,
                    (false, '"') => in_str = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_str = true,
                '{' | '[' => depth += 1,
                '}' | ']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some((start, start + i + 1));
                    }
                }
                _ => {}
            }
        }
        return None;
    }
    let lines: Vec<(usize, &str)> = s
        .split_inclusive('\n')
        .scan(0, |at, l| {
            let here = *at;
            *at += l.len();
            Some((here, l))
        })
        .collect();
    if lines.is_empty() {
        return None;
    }
    let i = rng.below(lines.len());
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let base = indent(lines[i].1);
    let mut end = i + 1;
    while end < lines.len() && (lines[end].1.trim().is_empty() || indent(lines[end].1) > base) {
        end += 1;
    }
    let stop = lines.get(end).map_or(s.len(), |l| l.0);
    Some((lines[i].0, stop))
}

/// Field names the readers know, to misspell and to find in the text.
const FIELDS: [&str; 24] = [
    "inbound",
    "outbound",
    "subnets",
    "security_groups",
    "route_tables",
    "routes",
    "vpc_config",
    "cidr",
    "document",
    "schema_version",
    "format",
    "goals",
    "solution",
    "Resources",
    "Properties",
    "Type",
    "VpcConfig",
    "SubnetIds",
    "SecurityGroupIds",
    "CidrBlock",
    "VpcId",
    "Parameters",
    "Default",
    "Globals",
];

const ODD: [&str; 14] = [
    "\u{0}", "\u{feff}", "\r\n", "\r", "é", "字", "\u{202e}", "🦀", "\u{fffd}", "\\u0000", "\u{2028}", "\t", "\"", "\\",
];

/// One mutation of `s`, as bytes (one mutation re-encodes as UTF-16).
pub fn mutate(rng: &mut Rng, s: &str, m: Mutation, scale: Scale) -> Vec<u8> {
    let json = s.trim_start_matches('\u{feff}').trim_start().starts_with('{');
    let mut s = s.to_owned();
    match m {
        Mutation::DuplicateBlock => {
            if let Some((a, b)) = block(rng, &s) {
                let most = if rng.below(4) == 0 { 200 } else { 3 };
                let copies = 1 + rng.below(most);
                let piece = s[a..b].to_owned();
                let glue = if json { "," } else { "" };
                let mut insert = String::new();
                for _ in 0..copies {
                    insert.push_str(glue);
                    insert.push_str(&piece);
                }
                s.insert_str(b, &insert);
            }
        }
        Mutation::NestBlock => {
            if let Some((a, b)) = block(rng, &s) {
                let most = if rng.below(4) == 0 { 300 } else { 4 };
                let levels = 1 + rng.below(most);
                let piece = s[a..b].to_owned();
                let nested = if json {
                    let mut n = piece;
                    for i in 0..levels {
                        n = if i % 2 == 0 {
                            format!("{{\"k\": {n}}}")
                        } else {
                            format!("[{n}]")
                        };
                    }
                    n
                } else {
                    let mut out = String::new();
                    for i in 0..levels {
                        out.push_str(&format!("{}n{i}:\n", "  ".repeat(i)));
                    }
                    let pad = "  ".repeat(levels);
                    for l in piece.lines() {
                        out.push_str(&pad);
                        out.push_str(l);
                        out.push('\n');
                    }
                    out
                };
                s.replace_range(a..b, &nested);
            }
        }
        Mutation::AnchorAndAlias if json => {
            // JSON has no aliases: the nearest thing is a key given twice.
            if let Some((a, b)) = block(rng, &s) {
                if s[a..].starts_with('{') && s[a + 1..b].contains(':') {
                    let inner = s[a + 1..b - 1].to_owned();
                    s.insert_str(b - 1, &format!(",{inner}"));
                }
            }
        }
        Mutation::AnchorAndAlias => {
            // `key: value` → `key: &aN value`, and the alias used on another line.
            let spots: Vec<usize> = s.match_indices(": ").map(|(i, _)| i + 2).collect();
            if spots.len() >= 2 {
                let a = *rng.pick(&spots);
                s.insert_str(a, "&fz ");
                let spots: Vec<usize> = s.match_indices(": ").map(|(i, _)| i + 2).collect();
                let b = *rng.pick(&spots);
                let end = s[b..].find('\n').map_or(s.len(), |e| b + e);
                s.replace_range(b..end, "*fz");
            }
        }
        Mutation::ManyAnchors if json => {
            // JSON's counterpart: thousands of keys in one object.
            let n = 1 + rng.below(scale.anchors);
            if let Some(i) = s.find('{') {
                let keys: String = (0..n).map(|k| format!("\"a{k}\": \"v{k}\", ")).collect();
                s.insert_str(i + 1, &keys);
            }
        }
        Mutation::ManyAnchors => {
            // The shape of issue 17: thousands of anchors, each aliased.
            let n = 1 + rng.below(scale.anchors);
            let maps = 1 + rng.below(4);
            let mut head = String::from("Metadata:\n");
            for g in 0..maps {
                head.push_str(&format!("  Anchors{g}:\n"));
                for i in (g..n).step_by(maps) {
                    head.push_str(&format!("    a{i}: &a{i} v{i}\n"));
                }
            }
            head.push_str("  Aliases:\n");
            for _ in 0..n {
                head.push_str(&format!("    - *a{}\n", rng.below(n)));
            }
            let body = s.replace("Metadata:", "Metadata0:");
            s = head + &body;
        }
        Mutation::SwapType => {
            let replacements = [
                "[]",
                "{}",
                "null",
                "true",
                "-1",
                "1e999",
                "\"\"",
                "[1, [2, {\"a\": 3}]]",
                "!Ref X",
                "~",
            ];
            let spots: Vec<(usize, usize)> = if json {
                s.match_indices(": ")
                    .map(|(i, _)| {
                        let from = i + 2;
                        let end = s[from..].find([',', '}', '\n']).map_or(s.len(), |e| from + e);
                        (from, end)
                    })
                    .collect()
            } else {
                s.match_indices(": ")
                    .map(|(i, _)| {
                        let from = i + 2;
                        let end = s[from..].find('\n').map_or(s.len(), |e| from + e);
                        (from, end)
                    })
                    .collect()
            };
            if !spots.is_empty() {
                let (a, b) = *rng.pick(&spots);
                // YAML-only values stay out of JSON, which would only fail to parse.
                let r = *rng.pick(&replacements[..if json { 8 } else { replacements.len() }]);
                s.replace_range(a..b, r);
            }
        }
        Mutation::Cut => {
            let a = char_floor(&s, rng.below(s.len() + 1));
            if rng.below(2) == 0 {
                s.truncate(a);
            } else {
                let b = char_floor(&s, a + rng.below(200));
                s.replace_range(a..b, "");
            }
        }
        Mutation::InsertOdd => match rng.below(5) {
            0 => s = s.replace('\n', "\r\n"),
            1 => s.insert(0, '\u{feff}'),
            2 => {
                // Re-encoded as UTF-16, with or without a byte-order mark.
                let mut out = Vec::new();
                if rng.below(2) == 0 {
                    out.extend([0xFF, 0xFE]);
                }
                for u in s.encode_utf16() {
                    out.extend(u.to_le_bytes());
                }
                return out;
            }
            _ => {
                for _ in 0..1 + rng.below(5) {
                    let at = char_floor(&s, rng.below(s.len() + 1));
                    let odd = *rng.pick(&ODD);
                    s.insert_str(at, odd);
                }
            }
        },
        Mutation::StringBomb => {
            let len = 1 + rng.below(scale.bomb_text);
            let n = 1 + rng.below(scale.bomb_aliases);
            if json {
                // JSON has no aliases: a long text where a name goes.
                if let Some(i) = s.find("\"name\": \"") {
                    s.insert_str(i + 9, &"x".repeat(len));
                }
            } else {
                let mut head = format!("Metadata:\n  Text: &s {}\n  Copies:\n", "x".repeat(len));
                for _ in 0..n {
                    head.push_str("    - *s\n");
                }
                s = head + &s.replace("Metadata:", "Metadata0:");
            }
        }
        Mutation::ManyValues => {
            let n = 1 + rng.below(scale.values);
            let list = vec!["1"; n].join(",");
            if json {
                if let Some(i) = s.find('{') {
                    s.insert_str(i + 1, &format!("\"Values\": [{list}], "));
                }
            } else {
                s = format!("Metadata:\n  Values: [{list}]\n") + &s.replace("Metadata:", "Metadata0:");
            }
        }
        Mutation::Misspell => {
            let present: Vec<&str> = FIELDS.iter().copied().filter(|f| s.contains(f)).collect();
            if !present.is_empty() {
                let f = *rng.pick(&present);
                let mut chars: Vec<char> = f.chars().collect();
                let i = rng.below(chars.len());
                match rng.below(3) {
                    0 => {
                        chars.remove(i);
                    }
                    1 => chars.insert(i, chars[i]),
                    _ => {
                        let j = (i + 1) % chars.len();
                        chars.swap(i, j)
                    }
                }
                let wrong: String = chars.into_iter().collect();
                let hits: Vec<usize> = s.match_indices(f).map(|(i, _)| i).collect();
                let at = *rng.pick(&hits);
                s.replace_range(at..at + f.len(), &wrong);
            }
        }
    }
    let mut bytes = s.into_bytes();
    bytes.truncate(scale.max_bytes);
    bytes
}

/// What reading a text came to.
#[derive(Debug)]
pub enum Outcome {
    /// A design (from a design file, a lesson or a template), analysed: its components and
    /// verdicts.
    Read { components: usize, verdicts: usize },
    /// A lesson, read.
    Lesson { goals: usize },
    /// A refusal, with its message.
    Refused(String),
}

/// Reads bytes as `vpcplay check` does: the engine's decoder, then a template, a lesson or a
/// design by what the text looks like; a design is analysed.
pub fn read(bytes: &[u8]) -> Outcome {
    let text = match vpc_engine::model::decode(bytes) {
        Ok(t) => t,
        Err(e) => return Outcome::Refused(e.to_string()),
    };
    let doc = if vpc_cfn::looks_like_template(text) {
        // Parameters without a default are given, as a person would in the dialog's form.
        let imported = match vpc_cfn::import(text, &[]) {
            Err(vpc_cfn::Error {
                kind: vpc_cfn::ErrorKind::MissingParameters(needed),
                ..
            }) => {
                let given: Vec<(String, String)> = needed
                    .into_iter()
                    .map(|p| {
                        let value = p.allowed.first().cloned().unwrap_or_else(|| "10.0.0.0/16".into());
                        (p.name, value)
                    })
                    .collect();
                vpc_cfn::import(text, &given)
            }
            other => other,
        };
        match imported {
            Ok(i) => i.document,
            Err(e) => return Outcome::Refused(e.to_string()),
        }
    } else if vpc_engine::lesson::is_lesson_text(text) {
        return match vpc_engine::lesson::load_lesson(text) {
            Ok(l) => Outcome::Lesson { goals: l.goals.len() },
            Err(e) => Outcome::Refused(e.to_string()),
        };
    } else {
        match vpc_engine::model::load(text) {
            Ok(d) => d,
            Err(e) => return Outcome::Refused(e.to_string()),
        }
    };
    let analysis = vpc_engine::analyze(&doc);
    Outcome::Read {
        components: doc.components().count(),
        verdicts: analysis.verdicts.len(),
    }
}

/// The CPU time this thread has run, from Linux's scheduler statistics (nanoseconds first).
pub fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(stat.split_whitespace().next()?.parse().ok()?))
}

/// One case of a campaign: which seed, which mutations, how long it took.
pub struct Case {
    pub number: usize,
    pub seed: String,
    pub mutations: Vec<Mutation>,
    pub bytes: usize,
    pub took: Duration,
    /// CPU time the case spent, where the system says (Linux): on a shared machine the wall
    /// time also counts other programs' turns.
    pub cpu: Option<Duration>,
    /// The refusal's message, when refused.
    pub refused: Option<String>,
}

pub struct Report {
    pub cases: Vec<Case>,
    /// The slowest case's input, to keep as a regression.
    pub slowest_input: Vec<u8>,
}

/// Runs `cases` cases from `seed`: each takes a corpus file, applies one to three mutations and
/// reads the result. A panic is reported with the case's number and input (written to
/// `panic_dir`), then resumed.
pub fn run(seed: u64, cases: usize, scale: Scale, panic_dir: &Path) -> Report {
    let seeds = seeds();
    assert!(seeds.len() > 100, "the corpora hold {} files", seeds.len());
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(cases);
    let mut slowest = (Duration::ZERO, Vec::new());
    // Each corpus as often as the others, whatever its number of files.
    let by_corpus: Vec<Vec<&Seed>> = [Corpus::Design, Corpus::Lesson, Corpus::Template]
        .iter()
        .map(|c| seeds.iter().filter(|s| s.corpus == *c).collect())
        .collect();
    for number in 0..cases {
        let corpus = &by_corpus[rng.below(by_corpus.len())];
        let from = *rng.pick(corpus);
        let mut bytes = from.bytes.clone();
        let mut mutations = Vec::new();
        // Mostly one mutation: each one already breaks most texts.
        let count = [1, 1, 1, 2, 3][rng.below(5)];
        for _ in 0..count {
            let m = *rng.pick(&MUTATIONS);
            mutations.push(m);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            bytes = mutate(&mut rng, &text, m, scale);
        }
        let started = Instant::now();
        let cpu_before = cpu_time();
        let outcome = std::panic::catch_unwind(|| read(&bytes));
        let took = started.elapsed();
        let cpu = cpu_time()
            .zip(cpu_before)
            .map(|(after, before)| after.saturating_sub(before));
        let outcome = match outcome {
            Ok(o) => o,
            Err(_) => {
                let _ = std::fs::create_dir_all(panic_dir);
                let file = panic_dir.join(format!("panic-{seed}-{number}.txt"));
                let _ = std::fs::write(&file, &bytes);
                panic!(
                    "case {number} of seed {seed} ({} with {mutations:?}) panicked; its input is in {}",
                    from.name,
                    file.display()
                );
            }
        };
        if cpu.unwrap_or(took) > slowest.0 {
            slowest = (cpu.unwrap_or(took), bytes.clone());
        }
        out.push(Case {
            number,
            seed: from.name.clone(),
            mutations,
            bytes: bytes.len(),
            took,
            cpu,
            refused: match outcome {
                Outcome::Refused(m) => Some(m),
                _ => None,
            },
        });
    }
    Report {
        cases: out,
        slowest_input: slowest.1,
    }
}
