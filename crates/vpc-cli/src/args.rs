//! Command-line arguments: raw `argv` into a validated [`Command`].
//!
//! Hand-rolled (two subcommands, a handful of flags) so the binary stays small. Every
//! mistake is a [`UsageError`], which `main` turns into exit code 2.

use std::fmt;
use vpc_engine::explain::Lang;

/// What the user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Check(CheckArgs),
    Diff(DiffArgs),
    Generate(GenerateArgs),
    /// Print this help text (to stdout, exit 0).
    Help(HelpTopic),
    Version,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpTopic {
    General,
    Check,
    Diff,
    Generate,
}

/// How results are printed (`--format`; `--json` is `--format json`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Text,
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML: one test case per intent.
    Junit,
    /// A Markdown report for a pull-request comment.
    Markdown,
}

impl Format {
    const ALL: &'static [(&'static str, Format)] = &[
        ("text", Format::Text),
        ("json", Format::Json),
        ("sarif", Format::Sarif),
        ("junit", Format::Junit),
        ("markdown", Format::Markdown),
    ];
    pub fn key(self) -> &'static str {
        Format::ALL.iter().find(|f| f.1 == self).map_or("text", |f| f.0)
    }
}

/// `vpcplay diff --fail-on`: which changes make the command exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// A path opened, or made partial where it was closed.
    Opened,
    /// A path closed, or made partial where it was open.
    Closed,
    /// Any path changed, or a finding or problem was added or fixed.
    Any,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffArgs {
    /// The design or template before the change (a path, or `-` for standard input).
    pub old: String,
    /// The design or template after the change.
    pub new: String,
    pub format: Format,
    pub lang: Lang,
    /// `--param`, for both files.
    pub params: Vec<(String, String)>,
    pub strict_params: bool,
    /// `--var` and `--var-file`, for both files when they are Terraform.
    pub vars: Vec<(String, String)>,
    pub var_files: Vec<String>,
    pub fail_on: Option<FailOn>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckArgs {
    /// A path, or `-` for standard input.
    pub file: String,
    pub format: Format,
    /// `--intents FILE`: what must and must not reach what.
    pub intents: Option<String>,
    pub lang: Lang,
    /// Print every hop of every path with its explanation (text mode only).
    pub verbose: bool,
    /// `--param Name=Value` for templates, in the order given.
    pub params: Vec<(String, String)>,
    /// `--strict-params`: refuse templates with parameters left without a value.
    pub strict_params: bool,
    /// `--var Name=Value` for Terraform, in the order given.
    pub vars: Vec<(String, String)>,
    /// `--var-file FILE` for Terraform, in the order given.
    pub var_files: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenerateSize {
    /// One VPC with this many functions.
    Functions(usize),
    /// About this many components in all.
    Components(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GenerateArgs {
    pub size: GenerateSize,
    /// Distinct (subnets, security groups) placements the functions share (`--functions` only).
    pub placements: usize,
    pub seed: u64,
}

/// A mistake on the command line: what was wrong, and which help to point at.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError {
    pub message: String,
    pub topic: HelpTopic,
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let help = match self.topic {
            HelpTopic::General => "vpcplay --help",
            HelpTopic::Check => "vpcplay check --help",
            HelpTopic::Diff => "vpcplay diff --help",
            HelpTopic::Generate => "vpcplay generate --help",
        };
        write!(f, "{} (see `{help}`)", self.message)
    }
}

impl std::error::Error for UsageError {}

fn usage(topic: HelpTopic, message: impl Into<String>) -> UsageError {
    UsageError {
        message: message.into(),
        topic,
    }
}

/// Parses the arguments after the program name.
pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Command, UsageError> {
    let mut args = args.into_iter();
    let Some(first) = args.next() else {
        return Err(usage(
            HelpTopic::General,
            "missing command: `check`, `diff` or `generate`",
        ));
    };
    match first.as_str() {
        "check" => parse_check(args),
        "diff" => parse_diff(args),
        "generate" => parse_generate(args),
        "help" => Ok(Command::Help(match args.next().as_deref() {
            Some("check") => HelpTopic::Check,
            Some("diff") => HelpTopic::Diff,
            Some("generate") => HelpTopic::Generate,
            _ => HelpTopic::General,
        })),
        "-h" | "--help" => Ok(Command::Help(HelpTopic::General)),
        "-V" | "--version" => Ok(Command::Version),
        other => Err(usage(HelpTopic::General, format!("unknown command `{other}`"))),
    }
}

/// Splits `--name=value` into its parts; other arguments pass through whole.
fn split_option(arg: &str) -> (&str, Option<&str>) {
    match arg.split_once('=') {
        Some((name, value)) if name.starts_with("--") => (name, Some(value)),
        _ => (arg, None),
    }
}

/// The value of an option: the `=value` part, else the next argument.
fn value(
    topic: HelpTopic,
    name: &str,
    inline: Option<&str>,
    rest: &mut impl Iterator<Item = String>,
) -> Result<String, UsageError> {
    match inline {
        Some(v) => Ok(v.to_owned()),
        None => rest.next().ok_or_else(|| usage(topic, format!("{name} needs a value"))),
    }
}

fn parse_check(mut args: impl Iterator<Item = String>) -> Result<Command, UsageError> {
    let topic = HelpTopic::Check;
    let mut file = None;
    let mut common = Common::default();
    let (mut verbose, mut intents) = (false, None);
    while let Some(arg) = args.next() {
        let (name, inline) = split_option(&arg);
        match name {
            "-h" | "--help" => return Ok(Command::Help(topic)),
            "-v" | "--verbose" => verbose = true,
            "--intents" => intents = Some(value(topic, name, inline, &mut args)?),
            _ if common.take(topic, name, inline, &mut args)? => {}
            "-" => set_file(&mut file, arg.clone())?,
            _ if name.starts_with('-') => return Err(usage(topic, format!("unknown option `{name}`"))),
            _ => set_file(&mut file, arg.clone())?,
        }
    }
    let file = file.ok_or_else(|| {
        usage(
            topic,
            "missing FILE: a design, template, Terraform file, plan JSON or folder, or `-` to read standard input",
        )
    })?;
    let format = common.format.unwrap_or_default();
    if format == Format::Junit && intents.is_none() {
        return Err(usage(
            topic,
            "--format junit reports intents: give them with --intents FILE",
        ));
    }
    if file == "-" && intents.as_deref() == Some("-") {
        return Err(usage(topic, "FILE and --intents cannot both be standard input"));
    }
    Ok(Command::Check(CheckArgs {
        file,
        format,
        intents,
        lang: common.lang,
        verbose,
        params: common.params,
        strict_params: common.strict_params,
        vars: common.vars,
        var_files: common.var_files,
    }))
}

/// The options `check` and `diff` share.
#[derive(Default)]
struct Common {
    format: Option<Format>,
    lang: Lang,
    params: Vec<(String, String)>,
    strict_params: bool,
    vars: Vec<(String, String)>,
    var_files: Vec<String>,
}

impl Common {
    /// Reads `name` if it is one of the shared options; `false` if it is not.
    fn take(
        &mut self,
        topic: HelpTopic,
        name: &str,
        inline: Option<&str>,
        args: &mut impl Iterator<Item = String>,
    ) -> Result<bool, UsageError> {
        match name {
            "--param" | "-p" => {
                let pair = value(topic, "--param", inline, args)?;
                let Some((k, v)) = pair.split_once('=').filter(|(k, _)| !k.is_empty()) else {
                    return Err(usage(topic, format!("--param expects Name=Value, got `{pair}`")));
                };
                if self.params.iter().any(|(p, _)| p == k) {
                    return Err(usage(topic, format!("--param {k} is given twice")));
                }
                self.params.push((k.to_owned(), v.to_owned()));
            }
            "--json" => self.set_format(topic, Format::Json)?,
            "--format" => {
                let key = value(topic, name, inline, args)?;
                let format = Format::ALL.iter().find(|f| f.0 == key).map(|f| f.1).ok_or_else(|| {
                    let keys: Vec<&str> = Format::ALL.iter().map(|f| f.0).collect();
                    usage(topic, format!("unknown format `{key}`: use {}", keys.join(", ")))
                })?;
                self.set_format(topic, format)?;
            }
            "--strict-params" => self.strict_params = true,
            "--var" => {
                let pair = value(topic, "--var", inline, args)?;
                let Some((k, v)) = pair.split_once('=').filter(|(k, _)| !k.is_empty()) else {
                    return Err(usage(topic, format!("--var expects Name=Value, got `{pair}`")));
                };
                // As in Terraform, a later --var for the same variable wins.
                self.vars.retain(|(n, _)| n != k);
                self.vars.push((k.to_owned(), v.to_owned()));
            }
            "--var-file" => self.var_files.push(value(topic, "--var-file", inline, args)?),
            "--lang" => {
                let code = value(topic, "--lang", inline, args)?;
                self.lang = Lang::from_code(&code)
                    .ok_or_else(|| usage(topic, format!("unknown language `{code}`: use `en` or `zh`")))?;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn set_format(&mut self, topic: HelpTopic, format: Format) -> Result<(), UsageError> {
        match self.format {
            Some(f) if f != format => Err(usage(
                topic,
                format!(
                    "two output formats: {} and {} (--json is --format json)",
                    f.key(),
                    format.key()
                ),
            )),
            _ => {
                self.format = Some(format);
                Ok(())
            }
        }
    }
}

fn parse_diff(mut args: impl Iterator<Item = String>) -> Result<Command, UsageError> {
    let topic = HelpTopic::Diff;
    let mut files: Vec<String> = Vec::new();
    let mut common = Common::default();
    let mut fail_on = None;
    while let Some(arg) = args.next() {
        let (name, inline) = split_option(&arg);
        match name {
            "-h" | "--help" => return Ok(Command::Help(topic)),
            "--fail-on" => {
                let key = value(topic, name, inline, &mut args)?;
                fail_on = Some(match key.as_str() {
                    "opened" => FailOn::Opened,
                    "closed" => FailOn::Closed,
                    "any" => FailOn::Any,
                    other => return Err(usage(topic, format!("--fail-on `{other}`: use opened, closed or any"))),
                });
            }
            _ if common.take(topic, name, inline, &mut args)? => {}
            "-" => files.push(arg.clone()),
            _ if name.starts_with('-') => return Err(usage(topic, format!("unknown option `{name}`"))),
            _ => files.push(arg.clone()),
        }
    }
    let [old, new]: [String; 2] = files.try_into().map_err(|files: Vec<String>| {
        usage(
            topic,
            format!(
                "diff takes two files, OLD and NEW (designs or templates); got {}",
                files.len()
            ),
        )
    })?;
    if old == "-" && new == "-" {
        return Err(usage(topic, "OLD and NEW cannot both be standard input"));
    }
    let format = common.format.unwrap_or_default();
    if matches!(format, Format::Sarif | Format::Junit) {
        return Err(usage(
            topic,
            format!(
                "diff prints text, json or markdown; {} is for `vpcplay check`",
                format.key()
            ),
        ));
    }
    Ok(Command::Diff(DiffArgs {
        old,
        new,
        format,
        lang: common.lang,
        params: common.params,
        strict_params: common.strict_params,
        vars: common.vars,
        var_files: common.var_files,
        fail_on,
    }))
}

fn set_file(slot: &mut Option<String>, file: String) -> Result<(), UsageError> {
    match slot {
        Some(first) => Err(usage(
            HelpTopic::Check,
            format!("one FILE at a time: got `{first}` and `{file}`"),
        )),
        None => {
            *slot = Some(file);
            Ok(())
        }
    }
}

fn number<T: std::str::FromStr>(topic: HelpTopic, name: &str, text: &str) -> Result<T, UsageError> {
    text.parse()
        .map_err(|_| usage(topic, format!("{name} expects a whole number, got `{text}`")))
}

fn parse_generate(mut args: impl Iterator<Item = String>) -> Result<Command, UsageError> {
    let topic = HelpTopic::Generate;
    let (mut functions, mut components, mut placements, mut seed) = (None, None, None, 1u64);
    while let Some(arg) = args.next() {
        let (name, inline) = split_option(&arg);
        match name {
            "-h" | "--help" => return Ok(Command::Help(topic)),
            "--functions" => functions = Some(number(topic, name, &value(topic, name, inline, &mut args)?)?),
            "--components" => components = Some(number(topic, name, &value(topic, name, inline, &mut args)?)?),
            "--placements" => placements = Some(number(topic, name, &value(topic, name, inline, &mut args)?)?),
            "--seed" => seed = number(topic, name, &value(topic, name, inline, &mut args)?)?,
            other => return Err(usage(topic, format!("unexpected argument `{other}`"))),
        }
    }
    let size = match (functions, components) {
        (Some(f), None) => GenerateSize::Functions(f),
        (None, Some(c)) => GenerateSize::Components(c),
        (None, None) => return Err(usage(topic, "say how big: --functions N or --components N")),
        (Some(_), Some(_)) => return Err(usage(topic, "--functions and --components exclude each other")),
    };
    if placements.is_some() && matches!(size, GenerateSize::Components(_)) {
        return Err(usage(
            topic,
            "--placements goes with --functions; --components picks its own",
        ));
    }
    let placements = placements.unwrap_or(4);
    if placements == 0 {
        return Err(usage(topic, "--placements must be at least 1"));
    }
    const MAX: usize = 1_000_000;
    let (GenerateSize::Functions(n) | GenerateSize::Components(n)) = size;
    if n > MAX {
        return Err(usage(topic, format!("at most {MAX} functions or components")));
    }
    Ok(Command::Generate(GenerateArgs { size, placements, seed }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(line: &str) -> Result<Command, UsageError> {
        parse(line.split_whitespace().map(str::to_owned))
    }

    #[test]
    fn check_takes_options_in_any_order_and_both_value_spellings() {
        let expected = Command::Check(CheckArgs {
            file: "d.json".into(),
            format: Format::Json,
            intents: None,
            lang: Lang::Zh,
            verbose: false,
            params: vec![],
            strict_params: false,
            vars: vec![],
            var_files: vec![],
        });
        assert_eq!(parse_str("check d.json --json --lang zh"), Ok(expected.clone()));
        assert_eq!(parse_str("check --lang=zh --json d.json"), Ok(expected));
        assert!(matches!(parse_str("check -"), Ok(Command::Check(CheckArgs { ref file, .. })) if file == "-"));
    }

    #[test]
    fn params_take_name_equals_value_once_each() {
        let Ok(Command::Check(a)) = parse_str("check t.yaml --param Env=prod --param=Cidr=10.0.0.0/16 -p Empty=")
        else {
            panic!("parses");
        };
        assert_eq!(
            a.params,
            [
                ("Env".into(), "prod".into()),
                ("Cidr".into(), "10.0.0.0/16".into()),
                ("Empty".into(), String::new())
            ]
        );
        assert!(parse_str("check t.yaml --param Env")
            .unwrap_err()
            .message
            .contains("Name=Value"));
        assert!(parse_str("check t.yaml --param =x").is_err());
        let Ok(Command::Check(a)) = parse_str("check t.yaml --strict-params") else {
            panic!("parses");
        };
        assert!(a.strict_params);
        assert!(parse_str("check t.yaml --param A=1 --param A=2")
            .unwrap_err()
            .message
            .contains("twice"));
    }

    #[test]
    fn check_mistakes_are_usage_errors() {
        assert_eq!(parse_str("check").unwrap_err().topic, HelpTopic::Check);
        assert!(parse_str("check a.json b.json")
            .unwrap_err()
            .message
            .contains("one FILE"));
        assert!(parse_str("check a.json --lang fr")
            .unwrap_err()
            .message
            .contains("`fr`"));
        assert!(parse_str("check a.json --lang")
            .unwrap_err()
            .message
            .contains("needs a value"));
        assert!(parse_str("check a.json --jsn").unwrap_err().message.contains("--jsn"));
        assert!(parse_str("frobnicate").is_err());
        assert!(parse_str("").is_err());
    }

    #[test]
    fn formats_intents_and_diff_options() {
        let Ok(Command::Check(a)) = parse_str("check t.yaml --intents i.yaml --format sarif") else {
            panic!("parses");
        };
        assert_eq!((a.format, a.intents.as_deref()), (Format::Sarif, Some("i.yaml")));
        assert!(parse_str("check t.yaml --json --format json").is_ok());
        assert!(parse_str("check t.yaml --json --format sarif")
            .unwrap_err()
            .message
            .contains("two output formats"));
        assert!(parse_str("check t.yaml --format xml")
            .unwrap_err()
            .message
            .contains("`xml`"));
        assert!(parse_str("check t.yaml --format junit")
            .unwrap_err()
            .message
            .contains("--intents"));
        assert!(parse_str("check - --intents -").is_err());
        assert_eq!(
            parse_str("diff a.yaml b.yaml --fail-on opened --json -p Env=prod"),
            Ok(Command::Diff(DiffArgs {
                old: "a.yaml".into(),
                new: "b.yaml".into(),
                format: Format::Json,
                lang: Lang::En,
                params: vec![("Env".into(), "prod".into())],
                strict_params: false,
                vars: vec![],
                var_files: vec![],
                fail_on: Some(FailOn::Opened),
            }))
        );
        assert!(parse_str("diff a.yaml").unwrap_err().message.contains("got 1"));
        assert!(parse_str("diff a b c").is_err());
        assert!(parse_str("diff a b --fail-on sometimes").is_err());
        assert!(parse_str("diff a b --format sarif").is_err());
        assert_eq!(parse_str("diff --help"), Ok(Command::Help(HelpTopic::Diff)));
    }

    #[test]
    fn generate_needs_exactly_one_size() {
        assert_eq!(
            parse_str("generate --functions 50 --seed 7"),
            Ok(Command::Generate(GenerateArgs {
                size: GenerateSize::Functions(50),
                placements: 4,
                seed: 7
            }))
        );
        assert_eq!(
            parse_str("generate --components=3000"),
            Ok(Command::Generate(GenerateArgs {
                size: GenerateSize::Components(3000),
                placements: 4,
                seed: 1
            }))
        );
        assert!(parse_str("generate").is_err());
        assert!(parse_str("generate --functions 5 --components 5").is_err());
        assert!(parse_str("generate --functions many")
            .unwrap_err()
            .message
            .contains("`many`"));
        assert!(parse_str("generate --functions 5 --placements 0").is_err());
    }

    #[test]
    fn help_and_version() {
        assert_eq!(parse_str("--help"), Ok(Command::Help(HelpTopic::General)));
        assert_eq!(parse_str("check --help"), Ok(Command::Help(HelpTopic::Check)));
        assert_eq!(parse_str("help generate"), Ok(Command::Help(HelpTopic::Generate)));
        assert_eq!(parse_str("--version"), Ok(Command::Version));
    }

    #[test]
    fn terraform_vars_and_var_files_repeat_and_the_last_value_of_a_var_wins() {
        let Ok(Command::Check(a)) = parse_str(
            "check ./infra --var env=prod --var=cidr=10.0.0.0/16 --var env=dev --var-file a.tfvars --var-file=b.tfvars",
        ) else {
            panic!("parses");
        };
        assert_eq!(a.file, "./infra");
        assert_eq!(
            a.vars,
            [("cidr".into(), "10.0.0.0/16".into()), ("env".into(), "dev".into())]
        );
        assert_eq!(a.var_files, ["a.tfvars", "b.tfvars"]);
        assert!(parse_str("check x --var env")
            .unwrap_err()
            .message
            .contains("Name=Value"));
        assert!(parse_str("check x --var-file")
            .unwrap_err()
            .message
            .contains("needs a value"));
    }
}
