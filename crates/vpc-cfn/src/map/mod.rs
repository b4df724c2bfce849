//! CloudFormation resources onto the shared builder (`vpc_import::Builder`): each resource
//! type reads its properties into the builder's plain values; how they become components, the
//! links between them and the placeholders for what the template only refers to are the
//! builder's, shared with the Terraform importer.
//!
//! Component ids are logical ids. Anything the template refers to but does not contain (an id
//! parameter without a value, an `Fn::ImportValue`, a literal `vpc-…`) becomes a placeholder
//! component whose name says it is outside this template, so every sentence about it says so.

use crate::error::Error;
use crate::eval::{Ctx, Val};
use crate::report::{Report, OUTSIDE_SUFFIX};
use crate::tree::Node;
use vpc_engine::model::*;
use vpc_import::{Settings, NOT_NETWORK};

mod compute;
mod security;
mod services;
mod stores;
mod vpc;

/// The mapping of one resource type: its logical id, type and evaluated properties onto
/// the shared builder.
type Map = fn(&mut Builder, &str, &str, &Val);

/// Resource type → its mapping, one table per concern: the network (`vpc.rs`), filters
/// (`security.rs`), what runs in it (`compute.rs`).
const TYPES: &[&[(&str, Map)]] = &[vpc::TYPES, security::TYPES, compute::TYPES];

fn mapper(ty: &str) -> Option<Map> {
    TYPES
        .iter()
        .flat_map(|t| t.iter())
        .find(|(t, _)| *t == ty)
        .map(|(_, f)| *f)
}

/// `Properties.Key` as text.
fn s(p: &Val, key: &str) -> Option<String> {
    p.get(key).and_then(Val::text).filter(|t| !t.is_empty())
}

/// `Properties.Key` as a list of text (a single value counts as one).
fn list(p: &Val, key: &str) -> Vec<String> {
    p.get(key)
        .map(|v| v.items().into_iter().filter_map(Val::text).collect())
        .unwrap_or_default()
}

fn flag(p: &Val, key: &str) -> Option<bool> {
    p.get(key).and_then(Val::truthy)
}

fn port(v: Option<&Val>) -> Option<i64> {
    v.and_then(Val::text).and_then(|t| vpc_import::values::number(&t))
}

use services::service_of;

/// Where a placeholder's id came from when it is neither a parameter nor an import.
const LITERAL: &str = "an id written in the template";

pub struct Builder<'c, 't> {
    pub ctx: &'c mut Ctx<'t>,
    /// The shared builder: the design and the report so far.
    pub out: vpc_import::Builder,
    /// Elastic IPs by logical id: the NAT gateway or instance each is given to.
    eip_users: Option<std::collections::HashMap<String, String>>,
}

/// What the shared builder asks of a template: which ids it defines and where an outside id
/// came from (a parameter, an import, a literal).
struct Template<'a, 't>(&'a Ctx<'t>);

impl vpc_import::Context for Template<'_, '_> {
    fn defines(&self, id: &str) -> bool {
        self.0.resource(id).is_some()
    }

    fn source_of(&self, id: &str) -> (String, &'static str, String) {
        for (name, v) in &self.0.params {
            if v.items().iter().any(|x| x.as_str() == Some(id)) {
                return (format!("parameter {name}"), "parameter", name.clone());
            }
        }
        if self.0.imports.iter().any(|i| i == id) {
            return (format!("Fn::ImportValue {id}"), "import", id.to_owned());
        }
        (LITERAL.into(), "literal", String::new())
    }
}

impl<'c, 't> Builder<'c, 't> {
    pub fn new(ctx: &'c mut Ctx<'t>, doc: Document, report: Report) -> Self {
        let settings = Settings {
            outside_suffix: OUTSIDE_SUFFIX,
            region: ctx.pseudo.region.clone(),
        };
        Builder {
            ctx,
            out: vpc_import::Builder::new(doc, report, settings),
            eip_users: None,
        }
    }

    /// One resource, with its evaluated properties: the mapping of its type ([`TYPES`]),
    /// else a data store or a part of one (`stores.rs`), else a service API
    /// (`services.rs`), else not modelled.
    pub fn resource(&mut self, id: &str, ty: &str, p: &Val) -> Result<(), Error> {
        if let Some(map) = mapper(ty) {
            map(self, id, ty, p);
        } else if !stores::store_resource(&mut self.out, id, ty, p) {
            match service_of(ty) {
                Some(service) => self.out.service(id, ty, service),
                None => self.out.not_modelled(id, ty, NOT_NETWORK),
            }
        }
        Ok(())
    }

    /// The NAT gateway or instance an Elastic IP is given to (by `AllocationId` or `EIP`):
    /// the first resource of the template that names it, from an index built on first use.
    pub(super) fn eip_user(&mut self, eip: &str) -> Option<String> {
        let ctx = &*self.ctx;
        let users = self.eip_users.get_or_insert_with(|| {
            let mut users = std::collections::HashMap::new();
            for (rid, r) in ctx.resources.iter() {
                let Some(props) = r.get("Properties") else { continue };
                let (keys, user): (&[&str], String) = match r.get("Type").and_then(Node::as_str) {
                    Some("AWS::EC2::NatGateway") => (&["AllocationId"], rid.clone()),
                    Some("AWS::EC2::EIPAssociation") => {
                        let target = props
                            .get("InstanceId")
                            .and_then(Node::intrinsic)
                            .and_then(|(_, n)| n.as_str());
                        (&["AllocationId", "EIP"], target.unwrap_or(rid).to_owned())
                    }
                    _ => continue,
                };
                for k in keys {
                    let mut refs = Vec::new();
                    if let Some(a) = props.get(k) {
                        crate::eval::references(a, &mut refs);
                    }
                    for (named, _, _) in refs {
                        users.entry(named).or_insert_with(|| user.clone());
                    }
                }
            }
            users
        });
        users.get(eip).cloned()
    }

    /// Applies the deferred links, adds placeholders and default security groups.
    pub fn finish(mut self) -> (Document, Report) {
        for (vpc, sg) in self.ctx.default_sgs.clone() {
            self.out.default_security_group(&vpc, &sg);
        }
        self.out.finish(&Template(self.ctx))
    }
}
