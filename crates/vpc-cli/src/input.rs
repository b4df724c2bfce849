//! Reading what `vpcplay check` is given, recognised by content, not by extension: a design,
//! a CloudFormation/SAM template (through `vpc-cfn`), a Terraform plan or state JSON or `.tf`
//! source (through `vpc-tf`), or a folder of Terraform files. Every way this can fail is an
//! [`UnreadableInput`] naming the file.

use crate::UnreadableInput;
use std::io::{self, Read};
use std::path::Path;
use vpc_engine::model::{decode, load, Document, LoadError, LoadErrorKind, MAX_INPUT_BYTES};

/// Most bytes of all the Terraform files of one folder together.
pub const MAX_FOLDER_BYTES: usize = 4 * MAX_INPUT_BYTES;

/// Most files of one folder read.
const MAX_FOLDER_FILES: usize = 2_000;

/// What Terraform is given besides its files: `--var Name=Value` and `--var-file FILE`.
#[derive(Clone, Debug, Default)]
pub struct TfArgs {
    pub vars: Vec<(String, String)>,
    pub var_files: Vec<String>,
}

/// The import report of a template or a Terraform configuration (one shape for both).
pub type Report = vpc_cfn::Report;

/// Reads a design, or imports a template or a Terraform configuration (with its report).
pub fn read(
    file: &str,
    params: &[(String, String)],
    tf: &TfArgs,
    options: vpc_cfn::Options,
) -> Result<(Document, Option<Report>), UnreadableInput> {
    let name = if file == "-" {
        "standard input".to_owned()
    } else {
        file.to_owned()
    };
    let fail = |problem: String| UnreadableInput {
        file: name.clone(),
        problem,
    };
    if file != "-" && Path::new(file).is_dir() {
        if let Some((k, _)) = params.first() {
            return Err(fail(format!(
                "--param {k} is for CloudFormation templates, and this is a folder of Terraform files (use --var)"
            )));
        }
        let mut files = read_folder(Path::new(file)).map_err(fail)?;
        add_module_folders(Path::new(file), &mut files).map_err(fail)?;
        return terraform(files, tf, &name, Some(file.trim_end_matches('/')));
    }
    let bytes = whole(file).map_err(fail)?;
    // The one reader of bytes the browser uses too: UTF-8, one byte-order mark at most.
    let text = decode(&bytes).map_err(|e| fail(e.to_string()))?;
    let terraform_text = vpc_tf::looks_like_plan(text) || vpc_tf::looks_like_terraform(text);
    if terraform_text && !vpc_cfn::looks_like_template(text) {
        if let Some((k, _)) = params.first() {
            return Err(fail(format!(
                "--param {k} is for CloudFormation templates, and this is Terraform (use --var)"
            )));
        }
        // One file of a configuration: its local modules are read from beside it, by paths
        // relative to its folder (which error messages put back in front).
        let path = Path::new(file);
        let folder = path.parent().filter(|p| file != "-" && !p.as_os_str().is_empty());
        let base = folder.map_or(name.clone(), |_| {
            path.file_name()
                .map_or(name.clone(), |n| n.to_string_lossy().into_owned())
        });
        let mut files = vec![(base, text.to_owned())];
        if file != "-" {
            add_module_folders(folder.unwrap_or(Path::new(".")), &mut files).map_err(fail)?;
        }
        let folder = folder.map(|f| f.to_string_lossy().into_owned());
        return terraform(files, tf, &name, folder.as_deref());
    }
    if let Some((k, _)) = tf.vars.first() {
        return Err(fail(format!(
            "--var {k} is for Terraform, and this is not a Terraform configuration or plan"
        )));
    }
    if let Some(f) = tf.var_files.first() {
        return Err(fail(format!(
            "--var-file {f} is for Terraform, and this is not a Terraform configuration or plan"
        )));
    }
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

/// Imports Terraform files with the command line's variables. An error with a place names
/// its file (under `folder`, when the files are a folder's) with line and column; one without
/// names the input as the user gave it (`named`).
fn terraform(
    files: Vec<(String, String)>,
    tf: &TfArgs,
    named: &str,
    folder: Option<&str>,
) -> Result<(Document, Option<Report>), UnreadableInput> {
    let mut var_files = Vec::new();
    for f in &tf.var_files {
        let bytes = whole(f).map_err(|problem| UnreadableInput {
            file: f.clone(),
            problem,
        })?;
        let text = decode(&bytes).map_err(|e| UnreadableInput {
            file: f.clone(),
            problem: e.to_string(),
        })?;
        var_files.push((f.clone(), text.to_owned()));
    }
    let input = vpc_tf::Input {
        files,
        vars: tf.vars.clone(),
        var_files,
    };
    match vpc_tf::import(&input) {
        Ok(i) => Ok((i.document, Some(i.report))),
        Err(e) => Err(match (&e.origin, folder) {
            // `file:line:col: message`, the file first.
            (Some(o), Some(dir)) if !o.file.starts_with('/') && !tf.var_files.contains(&o.file) => UnreadableInput {
                file: String::new(),
                problem: format!("{dir}/{e}"),
            },
            (Some(_), _) => UnreadableInput {
                file: String::new(),
                problem: e.to_string(),
            },
            (None, _) => UnreadableInput {
                file: named.to_owned(),
                problem: e.message,
            },
        }),
    }
}

/// Adds the files of the module folders that local module calls point at and `files` lacks
/// (`source = "../.."` in a module's example, `./modules/net` beside one given file), read
/// from `base` on disk, until nothing is missing; a folder that is not there is left for the
/// evaluator to report, with the module block's position.
fn add_module_folders(base: &Path, files: &mut Vec<(String, String)>) -> Result<(), String> {
    let mut tried: Vec<String> = Vec::new();
    let mut total: usize = files.iter().map(|(_, t)| t.len()).sum();
    loop {
        let missing: Vec<String> = vpc_tf::outside_module_dirs(files)
            .into_iter()
            .filter(|d| !tried.contains(d))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        for rel in missing {
            let dir = base.join(&rel);
            tried.push(rel.clone());
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            let mut names: Vec<String> = entries
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tf") && !n.starts_with('.'))
                .collect();
            names.sort();
            for n in names {
                read_into(
                    &dir.join(&n),
                    format!("{rel}/{n}"),
                    files,
                    &mut total,
                    "Terraform files and modules",
                )?;
            }
        }
    }
}

/// Every `.tf` and `.tfvars` file under `dir` (`.auto.tfvars` included), by path relative to
/// it with `/` separators, in name order; `.terraform/` and hidden folders are skipped.
pub fn read_folder(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut total = 0usize;
    walk(dir, "", &mut out, &mut total, 0)?;
    if !out.iter().any(|(p, _)| p.ends_with(".tf")) {
        return Err(
            "no Terraform files (.tf) in this folder or below it (`.terraform/` and hidden folders are \
                    skipped); give a folder with the configuration's .tf files, a .tf file, or a plan JSON"
                .into(),
        );
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

fn walk(dir: &Path, rel: &str, out: &mut Vec<(String, String)>, total: &mut usize, depth: usize) -> Result<(), String> {
    if depth > 32 {
        return Err(format!("{rel}: folders nested more than 32 deep"));
    }
    let entries = std::fs::read_dir(dir).map_err(|e| match rel {
        "" => e.to_string(),
        _ => format!("{rel}: {e}"),
    })?;
    let mut entries: Vec<std::fs::DirEntry> = entries.collect::<Result<_, _>>().map_err(|e| e.to_string())?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        let ty = entry.file_type().map_err(|e| format!("{path}: {e}"))?;
        if ty.is_dir() {
            if name.starts_with('.') {
                continue;
            }
            walk(&entry.path(), &path, out, total, depth + 1)?;
            continue;
        }
        if !(name.ends_with(".tf") || name.ends_with(".tfvars")) || name.starts_with('.') {
            continue;
        }
        read_into(&entry.path(), path, out, total, "Terraform files")?;
    }
    Ok(())
}

/// Reads one file of a configuration into `out` under `path`, within the limits of one import
/// (how many files, how many bytes in all: `total`); `what` names what is counted in the
/// messages ("Terraform files", "… and modules").
fn read_into(
    file: &Path,
    path: String,
    out: &mut Vec<(String, String)>,
    total: &mut usize,
    what: &str,
) -> Result<(), String> {
    if out.len() >= MAX_FOLDER_FILES {
        return Err(format!(
            "more than {MAX_FOLDER_FILES} {what}; give the folder of one configuration"
        ));
    }
    let bytes = whole(&file.to_string_lossy()).map_err(|e| format!("{path}: {e}"))?;
    *total += bytes.len();
    if *total > MAX_FOLDER_BYTES {
        return Err(format!(
            "its {what} are more than the {} MB one import may read",
            MAX_FOLDER_BYTES / (1024 * 1024)
        ));
    }
    let text = decode(&bytes).map_err(|e| format!("{path}: {e}"))?;
    out.push((path, text.to_owned()));
    Ok(())
}

/// A file's bytes (or standard input's for `-`), refused when over [`MAX_INPUT_BYTES`].
fn whole(file: &str) -> Result<Vec<u8>, String> {
    match read_limited(file).map_err(|e| e.to_string())? {
        Limited::Whole(b) => Ok(b),
        Limited::Over(size) => Err(match size {
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
        }),
    }
}

/// A file's bytes, or that it is over [`MAX_INPUT_BYTES`] (with its size when known), found
/// before reading it: a regular file by its size, standard input by reading one byte past
/// the limit at most.
pub(crate) enum Limited {
    Whole(Vec<u8>),
    Over(Option<usize>),
}

pub(crate) fn read_limited(file: &str) -> io::Result<Limited> {
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
