//! Members of a design file that the format does not have: what the loader does with the
//! notes of [`super::maps`] (validation turns them into diagnostics).

use super::{ComponentId, Document, UnreadField};

/// Whether the document has no component at all (read field by field: iterating
/// `Document::components` here would add a copy of its long iterator to the download).
fn no_components(d: &Document) -> bool {
    d.vpcs.is_empty()
        && d.subnets.is_empty()
        && d.route_tables.is_empty()
        && d.internet_gateways.is_empty()
        && d.egress_only_gateways.is_empty()
        && d.nat_gateways.is_empty()
        && d.peering_connections.is_empty()
        && d.endpoints.is_empty()
        && d.security_groups.is_empty()
        && d.network_acls.is_empty()
        && d.functions.is_empty()
        && d.databases.is_empty()
        && d.instances.is_empty()
        && d.services.is_empty()
}

/// The members of the export envelope.
const ENVELOPE: &[&str] = &["format", "schema_version", "document"];

/// The notes of an enveloped file, with paths inside the document (`document.vpcs[0].x` is
/// `vpcs[0].x`); a member of the envelope itself keeps its name, except `format` and
/// `schema_version`, which the first pass of the loader reads.
pub(super) fn in_document(unread: Vec<UnreadField>) -> Vec<UnreadField> {
    unread
        .into_iter()
        .filter(|u| !ENVELOPE.contains(&u.path.as_str()))
        .map(|mut u| {
            match u.path.strip_prefix("document.") {
                Some(inner) => u.path = inner.to_owned(),
                None => {
                    u.known = ENVELOPE;
                    u.suggestion = super::maps::nearest(&u.path, ENVELOPE);
                }
            }
            u
        })
        .collect()
}

/// Keeps the notes for validation, unless the text is a bare JSON object with nothing of a
/// design in it (no component, no layout) and members a design does not have, such as a
/// `package.json`: that is not a design with a typo, and is refused as not a design at all.
pub(super) fn check(doc: &Document, unread: Vec<UnreadField>, enveloped: bool) -> Result<Vec<UnreadField>, String> {
    let empty = no_components(doc) && doc.layout.is_empty();
    match unread.iter().find(|u| !u.path.contains(['.', '['])) {
        Some(top) if empty && !enveloped => {
            let guess = top
                .suggestion
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            Err(format!(
                "it has no component of a design (vpcs, subnets, functions …), and `{}` is not a field of one{guess}",
                top.path
            ))
        }
        _ => Ok(unread
            .into_iter()
            .map(|mut u| {
                u.component = component_of(doc, &u.path);
                u
            })
            .collect()),
    }
}

/// The component a path starts in (`security_groups[0].inbund`: the first security group)
/// and the rest of the path (`inbund`).
fn component_of(doc: &Document, path: &str) -> Option<(ComponentId, String)> {
    let (list, rest) = path.split_once('[')?;
    let (index, rest) = rest.split_once(']')?;
    let index: usize = index.parse().ok()?;
    let field = rest.strip_prefix('.')?;
    macro_rules! id_in {
        ($($name:ident),*) => {
            match list {
                $(stringify!($name) => doc.$name.get(index).map(|x| x.id.as_str()),)*
                _ => None,
            }
        };
    }
    let id = crate::with_component_lists!(id_in)?;
    Some((ComponentId::new(id), field.to_owned()))
}
