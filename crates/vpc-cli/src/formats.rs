//! The `--format`s of `check` and `diff`: which module writes what.

use crate::args::{CheckArgs, DiffArgs, Format};
use crate::intents::Checked;
use crate::{diffcmd, intents, json, junit, markdown, sarif, text};
use anyhow::{Context, Result};
use vpc_engine::model::Document;
use vpc_engine::Analysis;

/// `vpcplay check`'s output in the format asked for.
pub fn check(
    a: &CheckArgs,
    doc: &Document,
    analysis: &Analysis,
    report: Option<&vpc_cfn::Report>,
    checked: Option<&[Checked]>,
) -> Result<String> {
    let template = report.map(|r| (doc, r));
    let out = match a.format {
        Format::Json => {
            let mut value = serde_json::to_value(json::output(analysis, a.lang, template)).context("writing JSON")?;
            if let Some(c) = checked {
                value["intents"] = serde_json::to_value(intents::json(c, a.lang)).context("writing JSON")?;
            }
            let mut s = serde_json::to_string_pretty(&value).context("writing JSON")?;
            s.push('\n');
            s
        }
        Format::Sarif => {
            let log = sarif::log(&sarif::Input {
                file: &a.file,
                analysis,
                report,
                checked,
                lang: a.lang,
            });
            let mut s = serde_json::to_string_pretty(&log).context("writing SARIF")?;
            s.push('\n');
            s
        }
        Format::Junit => junit::report(
            checked.unwrap_or_default(),
            &a.file,
            a.intents.as_deref().unwrap_or_default(),
            a.lang,
        ),
        Format::Markdown => markdown::check(&a.file, analysis, checked, a.lang),
        Format::Text => {
            let mut s = template
                .map(|(_, r)| text::import_report(r, a.lang))
                .unwrap_or_default();
            match checked {
                // With intents, the intents are the report; --verbose adds the whole analysis.
                Some(c) => {
                    if a.verbose {
                        s.push_str(&text::report(doc, analysis, a.lang, true));
                        s.push('\n');
                    }
                    s.push_str(&intents::text(c, doc, a.lang));
                }
                None => s.push_str(&text::report(doc, analysis, a.lang, a.verbose)),
            }
            s
        }
    };
    Ok(out)
}

/// `vpcplay diff`'s output in the format asked for (text for the formats diff does not have;
/// the command line refuses them).
pub fn diff(a: &DiffArgs, o: &diffcmd::Output) -> Result<String> {
    let out = match a.format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(o).context("writing JSON")?;
            s.push('\n');
            s
        }
        Format::Markdown => markdown::diff(o, a.lang),
        Format::Text | Format::Sarif | Format::Junit => diffcmd::text(o, a.lang),
    };
    Ok(out)
}
