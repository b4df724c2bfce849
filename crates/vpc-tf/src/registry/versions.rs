//! Module versions and Terraform version constraints (`~> 5.0`, `>= 4.0, < 6`, `3.14.2`), as
//! Terraform reads them (developer.hashicorp.com/terraform/language/expressions/version-constraints):
//! `~>` allows only the right-most given component to grow, a bare version is `=`, and
//! pre-release versions are never chosen by a range.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl Version {
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Version { major, minor, patch }
    }

    /// `5`, `5.1`, `v5.1.2`; the number of components given, for `~>`.
    fn parse_partial(s: &str) -> Option<(Version, usize)> {
        let s = s.trim().trim_start_matches('v');
        if s.is_empty() || s.contains('-') || s.contains('+') {
            return None;
        }
        let parts: Vec<&str> = s.split('.').collect();
        if parts.len() > 3 {
            return None;
        }
        let mut n = [0u32; 3];
        for (i, p) in parts.iter().enumerate() {
            n[i] = p.parse().ok()?;
        }
        Some((Version::new(n[0], n[1], n[2]), parts.len()))
    }

    /// A release name (`5.21.0`, `v5.21.0`).
    pub fn parse(s: &str) -> Option<Version> {
        Version::parse_partial(s).map(|(v, _)| v)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Pessimistic,
}

/// A parsed constraint: every clause must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constraint {
    clauses: Vec<(Op, Version, usize)>,
}

impl Constraint {
    /// `None` when the text is not a Terraform version constraint.
    pub fn parse(text: &str) -> Option<Constraint> {
        let mut clauses = Vec::new();
        for clause in text.split(',') {
            let c = clause.trim();
            let (op, rest) = [
                ("~>", Op::Pessimistic),
                (">=", Op::Ge),
                ("<=", Op::Le),
                ("!=", Op::Ne),
                (">", Op::Gt),
                ("<", Op::Lt),
                ("=", Op::Eq),
            ]
            .iter()
            .find_map(|(p, op)| c.strip_prefix(p).map(|r| (*op, r)))
            .unwrap_or((Op::Eq, c));
            let (v, given) = Version::parse_partial(rest)?;
            clauses.push((op, v, given));
        }
        Some(Constraint { clauses })
    }

    pub fn allows(&self, v: Version) -> bool {
        self.clauses.iter().all(|&(op, c, given)| match op {
            Op::Eq => v == c,
            Op::Ne => v != c,
            Op::Gt => v > c,
            Op::Ge => v >= c,
            Op::Lt => v < c,
            Op::Le => v <= c,
            Op::Pessimistic => {
                let upper = match given {
                    1 | 2 => Version::new(c.major + 1, 0, 0),
                    _ => Version::new(c.major, c.minor + 1, 0),
                };
                v >= c && v < upper
            }
        })
    }
}

/// What a constraint resolves to among a module's releases (oldest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The newest release the constraint allows (the newest of all with no constraint).
    Release(Version),
    /// The constraint allows no release this crate knows.
    NoRelease,
    /// The constraint cannot be read.
    Unreadable,
}

/// The version Terraform would install for `constraint` among `releases` (oldest first): the
/// newest allowed one.
pub fn resolve(constraint: Option<&str>, releases: &[&str]) -> Resolved {
    let all = releases.iter().filter_map(|r| Version::parse(r));
    let Some(text) = constraint.map(str::trim).filter(|c| !c.is_empty()) else {
        return all.max().map_or(Resolved::NoRelease, Resolved::Release);
    };
    let Some(c) = Constraint::parse(text) else {
        return Resolved::Unreadable;
    };
    all.filter(|v| c.allows(*v))
        .max()
        .map_or(Resolved::NoRelease, Resolved::Release)
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: &[&str] = &[
        "3.14.2", "3.19.0", "4.0.0", "4.0.2", "5.0.0", "5.1.2", "5.21.1", "6.0.0", "6.6.0",
    ];

    fn r(c: Option<&str>) -> Resolved {
        resolve(c, R)
    }

    #[test]
    fn constraints_resolve_to_the_newest_allowed_release() {
        let v = |s: &str| Resolved::Release(Version::parse(s).unwrap());
        assert_eq!(r(Some("~> 3.0")), v("3.19.0"));
        assert_eq!(r(Some("~> 3")), v("3.19.0"));
        assert_eq!(r(Some("~> 4.0.0")), v("4.0.2"));
        assert_eq!(r(Some("~> 5.1")), v("5.21.1"));
        assert_eq!(r(Some("3.14.2")), v("3.14.2"));
        assert_eq!(r(Some("= 3.14.2")), v("3.14.2"));
        assert_eq!(r(Some(">= 4.0")), v("6.6.0"));
        assert_eq!(r(Some(">= 4.0, < 6.0.0")), v("5.21.1"));
        assert_eq!(r(Some("!= 6.6.0, >= 6")), v("6.0.0"));
        assert_eq!(r(None), v("6.6.0"));
        assert_eq!(r(Some("  ")), v("6.6.0"));
        assert_eq!(r(Some("~> 2.0")), Resolved::NoRelease);
        assert_eq!(r(Some("latest")), Resolved::Unreadable);
        assert_eq!(r(Some("~> 5.0-beta")), Resolved::Unreadable);
    }
}
