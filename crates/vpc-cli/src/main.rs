//! `vpcplay`: check a VPC Playground design from the command line.
//!
//! `vpcplay check FILE [--json] [--lang en|zh]` prints every verdict and finding of a design
//! (with `--intents`, whether each intent holds; `--format` text, json, sarif, junit or
//! markdown); `vpcplay diff OLD NEW` what a change opens and closes; `vpcplay generate`
//! writes a synthetic design. Only [`main`] maps errors to exit codes: 0 evaluated, 2
//! unreadable input or a wrong command line, 1 a broken intent, a `--fail-on` change, or
//! anything else.

mod args;
mod diffcmd;
mod formats;
mod help;
mod intents;
mod json;
mod junit;
mod markdown;
mod sarif;
mod say;
mod text;

use anyhow::{Context, Result};
use args::{CheckArgs, Command, DiffArgs, FailOn, GenerateArgs, GenerateSize};
use std::io::{self, Read, Write};
use std::process::ExitCode;
use vpc_engine::generate::{generate, Shape};
use vpc_engine::model::{decode, load, Document, LoadError, LoadErrorKind, MAX_INPUT_BYTES};

/// The input could not be read as a design: exit code 2.
#[derive(Debug)]
struct UnreadableInput {
    /// The file as the user named it (`standard input` for `-`).
    file: String,
    problem: String,
}

impl std::fmt::Display for UnreadableInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read {}: {}", self.file, self.problem)
    }
}

impl std::error::Error for UnreadableInput {}

/// The check ran and some intent of severity `error` does not hold: exit code 1.
#[derive(Debug)]
struct IntentsBroken {
    failing: usize,
}

impl std::fmt::Display for IntentsBroken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.failing {
            1 => write!(f, "1 intent does not hold"),
            n => write!(f, "{n} intents do not hold"),
        }
    }
}

impl std::error::Error for IntentsBroken {}

/// `vpcplay diff --fail-on` found such a change: exit code 1.
#[derive(Debug)]
struct ChangeFound(&'static str);

impl std::fmt::Display for ChangeFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the change {} (--fail-on)", self.0)
    }
}

impl std::error::Error for ChangeFound {}

fn main() -> ExitCode {
    match run(std::env::args().skip(1)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vpcplay: {e:#}");
            if e.downcast_ref::<UnreadableInput>().is_some() || e.downcast_ref::<args::UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// `vpcplay check … | head` closes the pipe early; that is not a failure.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(argv: impl Iterator<Item = String>) -> Result<()> {
    match args::parse(argv)? {
        Command::Check(a) => check(&a),
        Command::Diff(a) => diff(&a),
        Command::Generate(a) => write_stdout(&generated(&a).to_export_json()),
        Command::Help(topic) => write_stdout(help::text(topic)),
        Command::Version => write_stdout(&format!("vpcplay {}\n", env!("CARGO_PKG_VERSION"))),
    }
}

fn check(a: &CheckArgs) -> Result<()> {
    let options = vpc_cfn::Options {
        strict_params: a.strict_params,
    };
    let (doc, report) = read_design(&a.file, &a.params, options)?;
    let intents = a.intents.as_deref().map(intents::read_file).transpose()?;
    let analysis = vpc_engine::analyze(&doc);
    let checked = intents.as_deref().map(|i| intents::check(i, &doc, &analysis, a.lang));
    let out = formats::check(a, &doc, &analysis, report.as_ref(), checked.as_deref())?;
    write_stdout(&out)?;
    let failing = checked.iter().flatten().filter(|c| c.fails_check()).count();
    if failing > 0 {
        return Err(IntentsBroken { failing }.into());
    }
    Ok(())
}

fn diff(a: &DiffArgs) -> Result<()> {
    let options = vpc_cfn::Options {
        strict_params: a.strict_params,
    };
    let (old_doc, _) = read_design(&a.old, &a.params, options)?;
    let (new_doc, _) = read_design(&a.new, &a.params, options)?;
    let (old_analysis, new_analysis) = (vpc_engine::analyze(&old_doc), vpc_engine::analyze(&new_doc));
    let d = vpc_engine::diff::diff(&old_analysis, &new_analysis);
    let old = diffcmd::Side {
        file: &a.old,
        doc: &old_doc,
        analysis: &old_analysis,
    };
    let new = diffcmd::Side {
        file: &a.new,
        doc: &new_doc,
        analysis: &new_analysis,
    };
    let o = diffcmd::output(&old, &new, &d, a.lang);
    let out = formats::diff(a, &o)?;
    write_stdout(&out)?;
    let found = match a.fail_on {
        Some(FailOn::Opened) if o.opens() => Some("opens a path"),
        Some(FailOn::Closed) if o.closes() => Some("closes a path"),
        Some(FailOn::Any) if !o.is_empty() => Some("changes reachability, findings or problems"),
        _ => None,
    };
    match found {
        Some(what) => Err(ChangeFound(what).into()),
        None => Ok(()),
    }
}

/// Reads a design, or imports a template (with its report); every way this can fail is
/// [`UnreadableInput`].
fn read_design(
    file: &str,
    params: &[(String, String)],
    options: vpc_cfn::Options,
) -> Result<(Document, Option<vpc_cfn::Report>), UnreadableInput> {
    let name = if file == "-" {
        "standard input".to_owned()
    } else {
        file.to_owned()
    };
    let fail = |problem: String| UnreadableInput {
        file: name.clone(),
        problem,
    };
    let bytes = read_limited(file).map_err(|e| fail(e.to_string()))?;
    let bytes = match bytes {
        Limited::Whole(b) => b,
        Limited::Over(size) => {
            return Err(fail(match size {
                Some(bytes) => LoadError {
                    kind: LoadErrorKind::TooLarge { bytes },
                    line: None,
                    column: None,
                }
                .to_string(),
                None => format!(
                    "the input is more than the {} KB a design may have",
                    MAX_INPUT_BYTES / 1024
                ),
            }))
        }
    };
    // The one reader of bytes the browser uses too: UTF-8, one byte-order mark at most.
    let text = decode(&bytes).map_err(|e| fail(e.to_string()))?;
    if vpc_cfn::looks_like_template(text) {
        let import = vpc_cfn::import_with(text, params, options).map_err(|e| fail(e.to_string()))?;
        return Ok((import.document, Some(import.report)));
    }
    if let Some((name, _)) = params.first() {
        return Err(fail(format!(
            "--param {name} is for CloudFormation templates, and this is a VPC Playground design"
        )));
    }
    load(text).map(|d| (d, None)).map_err(|e| fail(e.to_string()))
}

/// A file's bytes, or that it is over [`MAX_INPUT_BYTES`] (with its size when known), found
/// before reading it: a regular file by its size, standard input by reading one byte past
/// the limit at most.
enum Limited {
    Whole(Vec<u8>),
    Over(Option<usize>),
}

fn read_limited(file: &str) -> io::Result<Limited> {
    let mut bytes = Vec::new();
    if file == "-" {
        io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)?;
        if bytes.len() > MAX_INPUT_BYTES {
            return Ok(Limited::Over(None));
        }
        return Ok(Limited::Whole(bytes));
    }
    let f = std::fs::File::open(file)?;
    let size = f.metadata()?.len();
    if size > MAX_INPUT_BYTES as u64 {
        return Ok(Limited::Over(Some(usize::try_from(size).unwrap_or(usize::MAX))));
    }
    // A file that grows while it is read (or a device) is still cut at the limit.
    f.take(MAX_INPUT_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Ok(Limited::Over(None));
    }
    Ok(Limited::Whole(bytes))
}

fn generated(a: &GenerateArgs) -> Document {
    let shape = match a.size {
        GenerateSize::Functions(n) => Shape::one_vpc(n, a.placements, a.seed),
        GenerateSize::Components(n) => Shape::for_components(n, a.seed),
    };
    generate(&shape)
}

fn write_stdout(s: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(s.as_bytes()).context("writing to standard output")?;
    out.flush().context("writing to standard output")
}
