//! Who a goal's `from` stands for: one function, `internet`, every function whose id matches
//! a glob (`orders-*`), or every function in a subnet (`subnet:private-a`).
//!
//! Lessons name one function or `internet`; intents files (the pipeline's guard) may use the
//! other two forms. A plain id is a selector that matches itself, so a lesson's goal reads
//! the same either way.

use crate::model::Document;

/// The prefix of "every function in this subnet".
pub const SUBNET_PREFIX: &str = "subnet:";

/// A goal's `from`, read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sources<'s> {
    /// A client anywhere on the internet.
    Internet,
    /// One function, by id.
    Function(&'s str),
    /// Every function whose id matches: `*` stands for any run of characters, `?` for one.
    Glob(&'s str),
    /// Every function with an ENI in this subnet (by subnet id).
    InSubnet(&'s str),
}

impl<'s> Sources<'s> {
    pub fn parse(from: &'s str) -> Sources<'s> {
        if from == "internet" {
            Sources::Internet
        } else if let Some(subnet) = from.strip_prefix(SUBNET_PREFIX) {
            Sources::InSubnet(subnet)
        } else if from.contains(['*', '?']) {
            Sources::Glob(from)
        } else {
            Sources::Function(from)
        }
    }

    /// Whether this names a group of functions rather than one source.
    pub fn is_group(self) -> bool {
        matches!(self, Sources::Glob(_) | Sources::InSubnet(_))
    }

    /// The sources in `doc` this stands for, in the document's order of functions: function
    /// ids, or `internet`. Empty when nothing matches (a function the design lacks).
    pub fn resolve(self, doc: &Document) -> Vec<&str> {
        let functions = doc.functions.iter();
        match self {
            Sources::Internet => vec!["internet"],
            Sources::Function(id) => functions
                .filter(|f| f.id.as_str() == id)
                .map(|f| f.id.as_str())
                .collect(),
            Sources::Glob(pattern) => functions
                .filter(|f| glob_matches(pattern, f.id.as_str()))
                .map(|f| f.id.as_str())
                .collect(),
            Sources::InSubnet(subnet) => functions
                .filter(|f| {
                    f.vpc_config
                        .as_ref()
                        .is_some_and(|c| c.subnets.iter().any(|s| s.as_str() == subnet))
                })
                .map(|f| f.id.as_str())
                .collect(),
        }
    }
}

/// Whether `text` matches `pattern`, where `*` matches any run of characters (also none)
/// and `?` exactly one; every other character matches itself. Linear in practice: the
/// classic two-pointer walk with one backtrack point.
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || (p[pi] != '*' && p[pi] == t[ti])) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_runs_and_single_characters() {
        assert!(glob_matches("orders-*", "orders-fn"));
        assert!(glob_matches("orders-*", "orders-"));
        assert!(!glob_matches("orders-*", "order-fn"));
        assert!(glob_matches("*-fn", "billing-fn"));
        assert!(glob_matches("*", ""));
        assert!(glob_matches("a?c", "abc"));
        assert!(!glob_matches("a?c", "ac"));
        assert!(glob_matches("*a*b*", "xxaxxbxx"));
        assert!(!glob_matches("*a*b*", "xxbxxaxx"));
        assert!(glob_matches("exact", "exact"));
        assert!(!glob_matches("exact", "exactly"));
    }

    #[test]
    fn from_is_read_as_one_of_four_forms() {
        assert_eq!(Sources::parse("internet"), Sources::Internet);
        assert_eq!(Sources::parse("orders-fn"), Sources::Function("orders-fn"));
        assert_eq!(Sources::parse("orders-*"), Sources::Glob("orders-*"));
        assert_eq!(Sources::parse("subnet:private-a"), Sources::InSubnet("private-a"));
        assert!(Sources::parse("subnet:x").is_group() && !Sources::parse("x").is_group());
    }
}
