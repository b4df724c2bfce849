//! `vpcplay`: check a VPC Playground design from the command line.
//!
//! `vpcplay check FILE|FOLDER [--json] [--lang en|zh]` prints every verdict and finding of a
//! design, template or Terraform configuration;
//! `vpcplay generate` writes a synthetic design. Only [`main`] maps errors to exit codes:
//! 0 evaluated, 2 unreadable input or a wrong command line, 1 anything else.

mod args;
mod help;
mod input;
mod json;
mod say;
mod text;

use anyhow::{Context, Result};
use args::{CheckArgs, Command, GenerateArgs, GenerateSize};
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
    let analysis = vpc_engine::analyze(&doc);
    let template = report.as_ref().map(|r| (&doc, r));
    let out = if a.json {
        let mut s = serde_json::to_string_pretty(&json::output(&analysis, a.lang, template)).context("writing JSON")?;
        s.push('\n');
        s
    } else {
        let mut s = template
            .map(|(_, r)| text::import_report(r, a.lang))
            .unwrap_or_default();
        s.push_str(&text::report(&doc, &analysis, a.lang, a.verbose));
        s
    };
    write_stdout(&out)
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
