//! Marks on the display names of components that rest on something assumed (a parameter or
//! variable without a value, a value Terraform knows only after apply), so every sentence
//! naming such a component says so. Each importer words its marks; finding the components
//! and renaming them is here, in one pass over the report and one over the document.

use crate::report::{ParameterUse, Report};
use std::collections::{HashMap, HashSet};
use vpc_engine::model::Document;

impl Report {
    /// The assumed parameters that feed a network value, by the components they rest
    /// under, each list in the report's order: [`Report::assumed_for`] for every component
    /// at once.
    pub fn assumed_by_component(&self) -> HashMap<&str, Vec<&ParameterUse>> {
        let mut out: HashMap<&str, Vec<&ParameterUse>> = HashMap::new();
        for p in self.parameters.iter().filter(|p| p.source == "assumed" && p.network) {
            let mut once: HashSet<&str> = HashSet::new();
            for c in &p.components {
                if once.insert(c.as_str()) {
                    out.entry(c.as_str()).or_default().push(p);
                }
            }
        }
        out
    }
}

/// Appends `marks[id]` to the display name of the component with that id (its id when it
/// has no name): `PrivateSubnet (assumes parameter SubnetCidr)`. As a search per id in the
/// document's order would, the first component with an id is the one renamed, once for
/// each component that has the id.
pub fn mark_names(doc: &mut Document, marks: &HashMap<String, String>) {
    if marks.is_empty() {
        return;
    }
    let mut count: HashMap<String, usize> = HashMap::new();
    for (id, _) in doc.components() {
        if marks.contains_key(id) {
            *count.entry(id.to_owned()).or_default() += 1;
        }
    }
    macro_rules! rename {
        ($($list:ident),*) => {{
            $( for x in doc.$list.iter_mut() {
                if let Some(n) = count.remove(x.id.as_str()) {
                    let mark = &marks[x.id.as_str()];
                    for _ in 0..n {
                        x.name = if x.name.is_empty() {
                            format!("{} {mark}", x.id.as_str())
                        } else {
                            format!("{} {mark}", x.name)
                        };
                    }
                }
            } )*
        }};
    }
    vpc_engine::with_component_lists!(rename);
}
