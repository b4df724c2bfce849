//! Design validation: every problem a user can make, each with a catalogue id, the
//! component it concerns and the field. Reports all problems; never panics.
//!
//! One pass per component family, in document order (VPCs, subnets, route tables,
//! gateways, peerings, endpoints, security groups, NACLs, functions, databases, instances,
//! services); within a component, its fields in order. Everything is looked up through an
//! [`index::Index`] built once, so validation is linear in the size of the document except
//! for the overlap checks, which sort address blocks (n log n).
//!
//! Severity: [`Severity::Error`] for what AWS would refuse or what makes the design
//! meaningless, [`Severity::Warning`] for what is legal but almost certainly wrong,
//! [`Severity::Info`] for hints. A problem is reported where it is written, and problems
//! that only follow from another one (a subnet in a VPC that does not exist is not also
//! "outside its VPC") are not reported again.
//!
//! Every message carries the arguments `component` (display name of the component it
//! concerns) and `field` (the path inside it), plus the ones its catalogue text needs.

mod cidr;
mod compute;
mod endpoints;
mod index;
mod network;
mod routes;
mod security;

use crate::explain::{ExplanationId, Message};
use crate::hash::{HashMap, HashSet};
use crate::model::{AwsService, ComponentId, ComponentKind, Document};
use index::Index;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One problem in the design.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: Message,
    /// The component it concerns.
    pub component: Option<ComponentId>,
    /// The field within it, as a path: `cidr`, `routes[2].target`, `vpc_config.subnets[0]`.
    pub field: Option<String>,
}

/// Every problem in `doc`, in document order.
pub fn validate(doc: &Document) -> Vec<Diagnostic> {
    let mut v = Validator {
        doc,
        ix: Index::new(doc),
        prefix_routes: HashMap::default(),
        out: Vec::new(),
    };
    v.unread_fields();
    v.vpcs();
    v.subnets();
    v.route_tables();
    v.internet_gateways();
    v.egress_only_gateways();
    v.nat_gateways();
    v.peering_connections();
    v.endpoints();
    v.security_groups();
    v.network_acls();
    v.functions();
    v.databases();
    v.data_stores();
    v.instances();
    v.services();
    v.out
}

/// Longest name or id AWS accepts (the `Name` tag value limit is 256 characters).
const MAX_NAME_CHARS: usize = 255;

use Severity::{Error, Info, Warning};

/// A field path inside a component, formatted only when a problem is reported:
/// `cidr`, `secondary_cidrs[1]`, `routes[2].target`.
#[derive(Clone, Copy)]
struct Path<'p> {
    list: &'p str,
    index: Option<usize>,
    /// What follows the index, with its dot: `.target`.
    rest: &'p str,
}

impl<'p> Path<'p> {
    /// An item of a list: `Path::at("routes", 2)` is `routes[2]`.
    fn at(list: &'p str, index: usize) -> Self {
        Path {
            list,
            index: Some(index),
            rest: "",
        }
    }
    /// A field of that item: `.then(".target")` gives `routes[2].target`.
    fn then(self, rest: &'p str) -> Self {
        Path { rest, ..self }
    }
}

impl<'p> From<&'p str> for Path<'p> {
    fn from(field: &'p str) -> Self {
        Path {
            list: field,
            index: None,
            rest: "",
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.list)?;
        if let Some(i) = self.index {
            write!(f, "[{i}]")?;
        }
        f.write_str(self.rest)
    }
}

/// The component a check is looking at.
struct Here<'a> {
    id: &'a str,
    /// Its display name: name, else id, else its place in the document (`subnets[3]`).
    display: Cow<'a, str>,
    /// The message argument that names a component of this kind (`subnet`, `nat` …).
    role: &'static str,
}

struct Validator<'a> {
    doc: &'a Document,
    ix: Index<'a>,
    /// Prefix-list routes written in route tables, by (table, service), with the gateway
    /// endpoint they go to; filled by the route-table pass, read by the endpoint pass.
    prefix_routes: HashMap<(&'a str, AwsService), &'a str>,
    out: Vec<Diagnostic>,
}

impl<'a> Validator<'a> {
    /// Records one problem. The message gets the arguments `component` and `field` and the
    /// one naming the component by its kind (`subnet`, `nat` …), unless it already has an
    /// argument of that name: a check may say something more precise with it.
    fn emit<'p>(&mut self, severity: Severity, here: &Here<'_>, field: impl Into<Path<'p>>, message: Message) {
        let field = field.into().to_string();
        let implied: [(&'static str, &str); 3] = [
            ("component", &here.display),
            ("field", &field),
            (here.role, &here.display),
        ];
        let mut args: Vec<(&'static str, Arc<str>)> = Vec::with_capacity(message.args.len() + implied.len());
        for (name, value) in implied {
            let given = message.args.iter().chain(&args).any(|(n, _)| *n == name);
            if !given {
                args.push((name, Arc::from(value)));
            }
        }
        args.extend(message.args);
        self.out.push(Diagnostic {
            severity,
            message: Message { id: message.id, args },
            component: Some(ComponentId::new(here.id)),
            field: Some(field),
        });
    }

    /// Starts checking one component: reports an empty, repeated or over-long id and an
    /// over-long name, and returns what later checks need to point at it.
    fn component(&mut self, kind: ComponentKind, pos: usize, id: &'a str, name: &'a str) -> Here<'a> {
        let first = self.ix.first(id);
        let repeated = !id.trim().is_empty() && first != Some((kind, pos));
        // An unnamed component whose id is empty or shared is told apart by its place.
        let display = if !name.is_empty() {
            Cow::Borrowed(name)
        } else if !id.trim().is_empty() && !repeated {
            Cow::Borrowed(id)
        } else {
            Cow::Owned(format!("{}[{pos}]", kind.list_name()))
        };
        let here = Here {
            id,
            display,
            role: role(kind),
        };
        if id.trim().is_empty() {
            let m = Message::new(ExplanationId::VBadName)
                .arg("value", id)
                .arg("limit", MAX_NAME_CHARS);
            self.emit(Error, &here, "id", m);
        } else if let (true, Some((first_kind, first_pos))) = (repeated, first) {
            let other = match self.ix.name(id) {
                n if n != id => n.to_owned(),
                _ => format!("{}[{first_pos}]", first_kind.list_name()),
            };
            let m = Message::new(ExplanationId::VDuplicateId)
                .arg("value", id)
                .arg("other", other);
            self.emit(Error, &here, "id", m);
        }
        if id.chars().count() > MAX_NAME_CHARS {
            let m = Message::new(ExplanationId::VBadName)
                .arg("count", id.chars().count())
                .arg("limit", MAX_NAME_CHARS);
            self.emit(Error, &here, "id", m);
        }
        if name.chars().count() > MAX_NAME_CHARS {
            let m = Message::new(ExplanationId::VBadName)
                .arg("count", name.chars().count())
                .arg("limit", MAX_NAME_CHARS);
            self.emit(Warning, &here, "name", m);
        }
        here
    }

    /// A reference that must be set and must name an existing component of one kind.
    /// Returns whether it does.
    fn required_ref<'p>(
        &mut self,
        here: &Here<'_>,
        field: impl Into<Path<'p>>,
        target: &str,
        exists: bool,
        expected: Expected,
    ) -> bool {
        if target.is_empty() {
            let m = Message::new(ExplanationId::VMissingReference).arg("expected", expected.label());
            self.emit(Error, here, field, m);
            return false;
        }
        self.optional_ref(here, field, target, exists, expected)
    }

    /// A reference that may be absent but, when given, must name an existing component.
    fn optional_ref<'p>(
        &mut self,
        here: &Here<'_>,
        field: impl Into<Path<'p>>,
        target: &str,
        exists: bool,
        expected: Expected,
    ) -> bool {
        if !exists {
            let m = Message::new(ExplanationId::VDanglingReference)
                .arg("value", target)
                .arg("expected", expected.label());
            self.emit(Error, here, field, m);
        }
        exists
    }

    /// A list of references (`subnets`, `security_groups` …): each must exist, and none may
    /// repeat. Returns the position, id and component of every entry that names one.
    fn ref_list<I: AsRef<str>, T>(
        &mut self,
        here: &Here<'_>,
        field: &str,
        ids: &'a [I],
        find: fn(&Index<'a>, &str) -> Option<&'a T>,
        expected: Expected,
    ) -> Vec<(usize, &'a str, &'a T)> {
        let mut seen = HashSet::with_capacity_and_hasher(ids.len(), Default::default());
        let mut found = Vec::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            let id = id.as_ref();
            if !seen.insert(id) {
                let m = Message::new(ExplanationId::VDuplicateEntry).arg("value", self.ix.name(id));
                self.emit(Warning, here, Path::at(field, i), m);
            } else if let Some(x) = find(&self.ix, id) {
                found.push((i, id, x));
            } else {
                self.optional_ref(here, Path::at(field, i), id, false, expected);
            }
        }
        found
    }

    /// A reference to a component of another VPC where both must share one.
    fn cross_vpc<'p>(&mut self, here: &Here<'_>, field: impl Into<Path<'p>>, vpc: &str, other: &str, other_vpc: &str) {
        let m = Message::new(ExplanationId::VCrossVpcReference)
            .arg("vpc", self.ix.name(vpc))
            .arg("other", self.ix.name(other))
            .arg("other_vpc", self.ix.name(other_vpc));
        self.emit(Error, here, field, m);
    }

    /// Members of the file the format does not have (noted by the loader): each where it was
    /// written, with the name it most likely meant. One written in a component that has since
    /// been deleted is not reported.
    fn unread_fields(&mut self) {
        for u in &self.doc.unread {
            let (id, expected) = match u.suggestion {
                Some(name) => (ExplanationId::VMisspelledField, name.to_owned()),
                None => (ExplanationId::VUnknownField, u.known.join(", ")),
            };
            let message = Message::new(id).arg("field", &u.path).arg("expected", expected);
            let (component, field) = match &u.component {
                Some((c, _)) if self.ix.first(c.as_str()).is_none() => continue,
                Some((c, field)) => (Some(c.clone()), field.clone()),
                None => (None, u.path.clone()),
            };
            self.out.push(Diagnostic {
                severity: Warning,
                message,
                component,
                field: Some(field),
            });
        }
    }

    fn services(&mut self) {
        let doc = self.doc;
        for (i, s) in doc.services.iter().enumerate() {
            self.component(ComponentKind::Service, i, s.id.as_str(), &s.name);
        }
    }
}

/// How messages name an AWS-managed prefix list (the `destination` of a route).
fn prefix_list_name(service: AwsService) -> String {
    format!("the {} prefix list", service.info().title)
}

/// The VPC DNS attributes that are off, by their AWS names (E6, DB2).
fn dns_attributes_off(vpc: &crate::model::Vpc) -> String {
    let off: Vec<&str> = [
        ("enableDnsSupport", vpc.enable_dns_support),
        ("enableDnsHostnames", vpc.enable_dns_hostnames),
    ]
    .into_iter()
    .filter(|(_, on)| !on)
    .map(|(name, _)| name)
    .collect();
    off.join(", ")
}

/// The message argument naming a component of this kind (see the vocabulary in HELPERS.md).
fn role(kind: ComponentKind) -> &'static str {
    match kind {
        ComponentKind::Vpc => "vpc",
        ComponentKind::Subnet => "subnet",
        ComponentKind::RouteTable => "route_table",
        ComponentKind::InternetGateway => "igw",
        ComponentKind::EgressOnlyGateway => "eigw",
        ComponentKind::NatGateway => "nat",
        ComponentKind::PeeringConnection => "peering",
        ComponentKind::GatewayEndpoint | ComponentKind::InterfaceEndpoint => "endpoint",
        ComponentKind::SecurityGroup => "sg",
        ComponentKind::NetworkAcl => "nacl",
        ComponentKind::Function => "function",
        ComponentKind::Database | ComponentKind::DataStore | ComponentKind::Instance => "target",
        ComponentKind::Service => "service",
    }
}

/// The kind of component a reference expects, for `expected` in messages.
#[derive(Clone, Copy)]
enum Expected {
    Vpc,
    Subnet,
    RouteTable,
    Nacl,
    SecurityGroup,
    GatewayEndpoint,
    Instance,
    Database,
}

impl Expected {
    fn label(self) -> &'static str {
        match self {
            Expected::Vpc => "VPC",
            Expected::Subnet => "subnet",
            Expected::RouteTable => "route table",
            Expected::Nacl => "network ACL",
            Expected::SecurityGroup => "security group",
            Expected::GatewayEndpoint => "gateway endpoint",
            Expected::Instance => "instance",
            Expected::Database => "database",
        }
    }
}
