//! The folders a configuration's local module calls point at outside the files given
//! (`source = "../.."` in an example of a module's repository): a front end that reads a
//! folder from disk adds their files and asks again, so `vpcplay check examples/with-vpc`
//! reads the module it is an example of, as `terraform init` would.

use crate::hcl::modules::join;
use hcl_edit::expr::Expression;
use hcl_edit::structure::Structure;

/// The module folders (relative to the root, `../..`, `../modules/lambda`) that a
/// `module` block of `files` names by a literal local `source` and that none of `files` is
/// in, each once, in the order met. A file that does not parse is skipped: the evaluator
/// reports it with its position.
pub fn outside_module_dirs(files: &[(String, String)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".tf")) {
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        let Ok(body) = hcl_edit::parser::parse_body(text) else {
            continue;
        };
        for block in body.iter().filter_map(Structure::as_block) {
            if block.ident.as_str() != "module" {
                continue;
            }
            let Some(Expression::String(source)) = block.body.get_attribute("source").map(|a| &a.value) else {
                continue;
            };
            let source = source.value().as_str();
            if !(source.starts_with("./") || source.starts_with("../")) {
                continue;
            }
            let Some(target) = join(dir, source) else { continue };
            let given = files
                .iter()
                .any(|(p, _)| p.rsplit_once('/').map_or("", |(d, _)| d) == target);
            if !given && !out.contains(&target) {
                out.push(target);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::outside_module_dirs;

    fn f(path: &str, text: &str) -> (String, String) {
        (path.into(), text.into())
    }

    #[test]
    fn only_local_folders_that_no_given_file_is_in() {
        let files = [
            f("main.tf", "module \"a\" {\n  source = \"../..\"\n}\nmodule \"b\" {\n  source = \"./net\"\n}\nmodule \"c\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n"),
            f("net/main.tf", "module \"d\" {\n  source = \"../../shared\"\n}\nmodule \"e\" {\n  source = \"../../shared\"\n}\n"),
            f("broken.tf", "module \"x\" {"),
        ];
        assert_eq!(outside_module_dirs(&files), ["../..", "../shared"]);
        // Once the module's files are given, nothing more is missing from it.
        let mut more = files.to_vec();
        more.push(f("../../main.tf", "resource \"aws_vpc\" \"v\" {}\n"));
        more.push(f("../shared/x.tf", ""));
        assert!(outside_module_dirs(&more).is_empty());
    }
}
