//! `vpcplay`: check a VPC Playground design from the command line.
//!
//! `vpcplay check FILE|FOLDER [--json] [--lang en|zh]` prints every verdict and finding of a
//! design, template or Terraform configuration (with `--intents`, whether each intent holds; `--format` text, json, sarif, junit or
//! markdown); `vpcplay diff OLD NEW` what a change opens and closes; `vpcplay generate`
//! writes a synthetic design. Only [`main`] maps errors to exit codes: 0 evaluated, 2
//! unreadable input or a wrong command line, 1 a broken intent, a `--fail-on` change, or
//! anything else.

mod args;
mod diffcmd;
mod formats;
mod help;
mod input;
mod intents;
mod json;
mod junit;
mod markdown;
mod sarif;
mod say;
mod text;

use anyhow::{Context, Result};
use args::{CheckArgs, Command, DiffArgs, FailOn, GenerateArgs, GenerateSize};
use std::io::{self, Write};
use std::process::ExitCode;
use vpc_engine::generate::{generate, Shape};
use vpc_engine::model::Document;

/// The input could not be read as a design: exit code 2.
#[derive(Debug)]
struct UnreadableInput {
    /// The file as the user named it (`standard input` for `-`); empty when `problem`
    /// starts with its own `file:line:col`.
    file: String,
    problem: String,
}

impl std::fmt::Display for UnreadableInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.file.is_empty() {
            write!(f, "cannot read {}", self.problem)
        } else {
            write!(f, "cannot read {}: {}", self.file, self.problem)
        }
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
    let tf = input::TfArgs {
        vars: a.vars.clone(),
        var_files: a.var_files.clone(),
    };
    let (doc, report) = input::read(&a.file, &a.params, &tf, options)?;
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
    let tf = input::TfArgs {
        vars: a.vars.clone(),
        var_files: a.var_files.clone(),
    };
    let (old_doc, _) = input::read(&a.old, &a.params, &tf, options)?;
    let (new_doc, _) = input::read(&a.new, &a.params, &tf, options)?;
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
