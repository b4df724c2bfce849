//! Document edits: every change a person makes to the design, as data ([`DocAction`]),
//! and the pure function that carries one out ([`apply`]).
//!
//! Containment on the canvas is membership in the document: a subnet dropped in a VPC
//! belongs to it, a Lambda dropped in a subnet runs there. This module is where that
//! translation happens, so that the canvas only reports where things were dropped.

use crate::geometry::{self, Point};
use crate::topology::{self, fresh_id, kind_of, subnet, vpc_of};
use ipnet::{IpNet, Ipv4Net};
use std::collections::HashSet;
use vpc_engine::explain::{ExplanationId, Message};
use vpc_engine::model::{
    parse_cidr, parse_stored_cidr, AwsService, CidrError, CidrText, Component as Part, ComponentKind, Connectivity,
    DataStore, Database, DatabaseEngine, Document, EgressOnlyGateway, Endpoint, EndpointKind, EndpointPolicy, Function,
    Instance, InternetGateway, Nacl, NaclAction, NaclRule, NatGateway, PeeringConnection, Protocol, Rect, Route,
    RouteDestination, RouteTable, RouteTarget, SecurityGroup, ServiceNode, SgId, SgPeer, SgRule, StoreKind, Subnet,
    SubnetId, Tenancy, Vpc, VpcConfig, STORES,
};

mod add;
mod cidr;
mod delete;
mod moving;
mod placement;
mod routes;
#[cfg(test)]
mod tests;
mod text;

pub use add::{short_title, store_label};
pub use cidr::{next_az, next_subnet_cidr, next_vpc_cidr};
pub use moving::{moving_set, node_near};
pub use placement::{container_at, side_slot, Container};
pub use routes::{allow_all_rule, default_new_route, route_targets};
pub use text::{parse_ports, text_value};

use add::{add_component, db_subnet_group, ensure_default_sg, store_subnets, unique_id};
use cidr::nets_overlap;
use delete::{delete, duplicate};
use moving::{attach_dropped_sg, follow_membership, move_node, place_node, vpc_of_subnet};
use placement::{place_subnet, point_rect, subnet_for_drop, vpc_near};
use routes::{connect_route, own_table};
use text::set_text;

/// Something that can be dragged from the palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PaletteItem {
    Vpc,
    Subnet,
    Igw,
    Nat,
    Eigw,
    GatewayEndpoint,
    InterfaceEndpoint,
    Sg,
    Nacl,
    Lambda,
    Rds,
    /// A data store of one product (EFS, ElastiCache …), dropped into a subnet like a database.
    Store(StoreKind),
    Ec2,
    Service(AwsService),
}

impl PaletteItem {
    /// The key in `palette.item.<key>` test ids.
    pub fn key(self) -> String {
        match self {
            PaletteItem::Vpc => "vpc".into(),
            PaletteItem::Subnet => "subnet".into(),
            PaletteItem::Igw => "igw".into(),
            PaletteItem::Nat => "nat".into(),
            PaletteItem::Eigw => "eigw".into(),
            PaletteItem::GatewayEndpoint => "gateway-endpoint".into(),
            PaletteItem::InterfaceEndpoint => "interface-endpoint".into(),
            PaletteItem::Sg => "sg".into(),
            PaletteItem::Nacl => "nacl".into(),
            PaletteItem::Lambda => "lambda".into(),
            PaletteItem::Rds => "rds".into(),
            PaletteItem::Store(k) => format!("store-{}", k.info().key),
            PaletteItem::Ec2 => "ec2".into(),
            PaletteItem::Service(s) => format!("service-{}", s.key()),
        }
    }

    /// The kind of component it creates.
    pub fn kind(self) -> ComponentKind {
        match self {
            PaletteItem::Vpc => ComponentKind::Vpc,
            PaletteItem::Subnet => ComponentKind::Subnet,
            PaletteItem::Igw => ComponentKind::InternetGateway,
            PaletteItem::Nat => ComponentKind::NatGateway,
            PaletteItem::Eigw => ComponentKind::EgressOnlyGateway,
            PaletteItem::GatewayEndpoint => ComponentKind::GatewayEndpoint,
            PaletteItem::InterfaceEndpoint => ComponentKind::InterfaceEndpoint,
            PaletteItem::Sg => ComponentKind::SecurityGroup,
            PaletteItem::Nacl => ComponentKind::NetworkAcl,
            PaletteItem::Lambda => ComponentKind::Function,
            PaletteItem::Rds => ComponentKind::Database,
            PaletteItem::Store(_) => ComponentKind::DataStore,
            PaletteItem::Ec2 => ComponentKind::Instance,
            PaletteItem::Service(_) => ComponentKind::Service,
        }
    }

    /// The size of a newly dropped box, or `None` for point nodes.
    pub fn box_size(self) -> Option<(f64, f64)> {
        match self {
            PaletteItem::Vpc => Some((640.0, 400.0)),
            PaletteItem::Subnet => Some((260.0, 170.0)),
            _ => None,
        }
    }
}

/// Declares [`Component`]: one variant per component struct. This is the app's one list of
/// kinds by type; everything that walks the document's lists derives from the engine's
/// `with_component_lists!` and the [`Listed`] impls made here, so a new kind is one line here.
macro_rules! components {
    ($($variant:ident($ty:ident)),* $(,)?) => {
        /// One component of any kind, by value: what the inspector edits and puts back.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Component { $($variant($ty),)* }

        impl Component {
            fn part(&self) -> &dyn Part {
                match self { $(Component::$variant(x) => x,)* }
            }

            /// Gives the component another name.
            pub fn set_name(&mut self, name: String) {
                match self { $(Component::$variant(x) => x.name = name,)* }
            }

            fn set_id(&mut self, id: &str) {
                match self { $(Component::$variant(x) => x.id = id.into(),)* }
            }
        }

        $(impl Listed for $ty {
            fn wrap(self) -> Component {
                Component::$variant(self)
            }
            fn unwrap(c: Component) -> Result<Self, Component> {
                match c {
                    Component::$variant(x) => Ok(x),
                    other => Err(other),
                }
            }
        })*
    };
}

components! {
    Vpc(Vpc),
    Subnet(Subnet),
    RouteTable(RouteTable),
    Igw(InternetGateway),
    Eigw(EgressOnlyGateway),
    Nat(NatGateway),
    Peering(PeeringConnection),
    Endpoint(Endpoint),
    Sg(SecurityGroup),
    Nacl(Nacl),
    Function(Function),
    Database(Database),
    DataStore(DataStore),
    Instance(Instance),
    Service(ServiceNode),
}

/// A component struct that is one variant of [`Component`] and one list of the document.
/// `unwrap` hands a component of another kind back unchanged (`Err`), so that the derived
/// walks over the lists pass it on by value instead of cloning it.
#[allow(clippy::result_large_err)]
trait Listed: Part + Clone + Sized {
    fn wrap(self) -> Component;
    fn unwrap(c: Component) -> Result<Self, Component>;
}

/// Replaces the element of `list` with `c`'s id, when `c` is of this list's kind: `Ok`
/// whether it was there, `Err(c)` when `c` is of another kind.
#[allow(clippy::result_large_err)]
fn put_in<T: Listed>(list: &mut [T], c: Component) -> Result<bool, Component> {
    let v = T::unwrap(c)?;
    Ok(match list.iter_mut().find(|x| x.id() == v.id()) {
        Some(slot) => {
            *slot = v;
            true
        }
        None => false,
    })
}

/// Appends `c` to `list` when it is of this list's kind.
#[allow(clippy::result_large_err)]
fn push_in<T: Listed>(list: &mut Vec<T>, c: Component) -> Result<(), Component> {
    list.push(T::unwrap(c)?);
    Ok(())
}

impl Component {
    /// A copy of the component with this id.
    pub fn get(doc: &Document, id: &str) -> Option<Component> {
        macro_rules! find {
            ($($list:ident),*) => {
                $( if let Some(x) = doc.$list.iter().find(|x| x.id() == id) {
                    return Some(x.clone().wrap());
                } )*
            };
        }
        vpc_engine::with_component_lists!(find);
        None
    }

    pub fn id(&self) -> &str {
        self.part().id()
    }

    pub fn name(&self) -> &str {
        self.part().name()
    }

    pub fn kind(&self) -> ComponentKind {
        self.part().kind()
    }

    /// Replaces the component with the same id and kind; false when there is none.
    fn put(self, doc: &mut Document) -> bool {
        let mut c = self;
        macro_rules! put {
            ($($list:ident),*) => {
                $( c = match put_in(&mut doc.$list, c) {
                    Ok(found) => return found,
                    Err(c) => c,
                }; )*
            };
        }
        vpc_engine::with_component_lists!(put);
        let _ = c;
        false
    }

    /// Appends the component to its list.
    fn push(self, doc: &mut Document) {
        let mut c = self;
        macro_rules! push {
            ($($list:ident),*) => {
                $( c = match push_in(&mut doc.$list, c) {
                    Ok(()) => return,
                    Err(c) => c,
                }; )*
            };
        }
        vpc_engine::with_component_lists!(push);
        let _ = c;
    }
}

/// Which text field of a component a typed value is for. Typed values are validated
/// before they reach the document.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextField {
    /// A VPC's or subnet's IPv4 block.
    Cidr,
    /// A VPC's or subnet's IPv6 block (empty removes it).
    Ipv6Cidr,
    /// The destination of route `n` of a route table.
    RouteDestination(usize),
    /// The CIDR peer of a security-group rule.
    SgRuleCidr { inbound: bool, index: usize },
    /// The CIDR of a network-ACL rule.
    NaclRuleCidr { inbound: bool, index: usize },
    /// A data store's ports, separated by commas or spaces (empty: its kind's defaults).
    StorePorts,
}

/// A text field of one component.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextKey {
    pub id: String,
    pub field: TextField,
}

/// Every change to the design document.
#[derive(Clone, Debug, PartialEq)]
pub enum DocAction {
    /// Drop a new component at a world point; containment decides its membership.
    AddComponent {
        item: PaletteItem,
        at: Point,
    },
    /// Move a component (a box's top-left corner, a point node's centre) to `to`;
    /// what it is dropped into decides its new membership.
    MoveNode {
        id: String,
        to: Point,
    },
    /// Move components by a distance (arrow keys), each as if it were dragged there, so that
    /// membership follows where it lands. A component inside another one that moves with it
    /// (a subnet of a selected VPC) moves once. Repeated nudges of one selection are one
    /// undo step.
    Nudge {
        ids: Vec<String>,
        dx: f64,
        dy: f64,
    },
    /// Route the traffic of a subnet (or of a route table's subnets) to a gateway or endpoint:
    /// a connector drawn on the canvas.
    ConnectRoute {
        from: String,
        target: String,
    },
    /// A typed value (CIDR); refused with the catalogue's message when invalid.
    SetText {
        key: TextKey,
        text: String,
    },
    /// Add a route to a table with sensible defaults.
    AddRoute {
        table: String,
    },
    SetRouteTarget {
        table: String,
        index: usize,
        target: RouteTarget,
    },
    /// Route to a service's prefix list instead of a CIDR.
    SetRoutePrefixList {
        table: String,
        index: usize,
        service: AwsService,
    },
    RemoveRoute {
        table: String,
        index: usize,
    },
    /// Give a subnet a route table of its own (a copy of the one it uses now).
    GiveSubnetOwnTable {
        subnet: String,
    },
    /// Replace a component by an edited copy (names, flags, rule lists …).
    UpdateComponent {
        value: Component,
        merge: Option<String>,
    },
    DeleteComponents {
        ids: Vec<String>,
    },
    DuplicateComponents {
        ids: Vec<String>,
    },

    // --- Insight (issue 6) ---
    /// The cost estimate's traffic assumption for one destination key, in GB per month per
    /// function. Edits of one destination merge into one undo step.
    SetTraffic {
        destination: String,
        gb: u32,
    },
}

/// A message for the person, shown as a toast: what a change did besides the obvious, or
/// why a drop was refused. Arguments are display names.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    OwnTableCreated {
        subnet: String,
        table: String,
        others: String,
    },
    SharedTableChanged {
        table: String,
        others: String,
    },
    RouteReplaced {
        table: String,
        destination: String,
        old: String,
    },
    EndpointAssociated {
        table: String,
        endpoint: String,
    },
    NeedsVpc,
    NeedsSubnet,
    NotARouteTarget,
    EndpointStaysInVpc,
    NoFreeCidr {
        vpc: String,
    },
    ServiceAlreadyDrawn {
        service: String,
    },
    /// A security group dropped on a component was attached to it.
    SgAttached {
        sg: String,
        component: String,
    },
    /// A security group dropped on a component that already has it.
    SgAlreadyAttached {
        sg: String,
        component: String,
    },
    /// A security group dropped on a component of another VPC (groups belong to one VPC).
    SgOtherVpc {
        sg: String,
        component: String,
    },
}

/// A document change that happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub doc: Document,
    /// What to select afterwards (the new component, the connected subnet …).
    pub select: Option<Vec<String>>,
    pub note: Option<Note>,
    /// Consecutive changes with the same key form one undo step.
    pub merge: Option<String>,
}

/// Why nothing changed.
#[derive(Clone, Debug, PartialEq)]
pub enum Refused {
    /// The action changes nothing (the same value, a missing component).
    NoChange,
    /// A typed value is invalid: the catalogue's message for it.
    Invalid(Message),
    /// The action cannot be done as asked; tell the person why.
    Note(Note),
    /// Nothing to change, but the person meant this component: select it.
    Select(String),
}

/// Carries out one document action on a copy of `doc`.
pub fn apply(doc: &Document, action: &DocAction) -> Result<Change, Refused> {
    let mut next = doc.clone();
    let change = |select: Option<Vec<String>>, note: Option<Note>, merge: Option<String>, next: Document| {
        if next == *doc {
            Err(Refused::NoChange)
        } else {
            Ok(Change {
                doc: next,
                select,
                note,
                merge,
            })
        }
    };
    match action {
        DocAction::AddComponent { item, at } => {
            let (id, note) = add_component(&mut next, *item, *at)?;
            change(Some(vec![id]), note, None, next)
        }
        DocAction::MoveNode { id, to } => {
            if let Some(note) = attach_dropped_sg(&mut next, id, *to)? {
                return change(Some(vec![id.clone()]), Some(note), None, next);
            }
            move_node(&mut next, id, *to)?;
            change(None, None, None, next)
        }
        DocAction::Nudge { ids, dx, dy } => {
            // What a selected box carries moves with it: leave it out of the list.
            let carried: HashSet<&str> = ids
                .iter()
                .flat_map(|id| moving_set(doc, id).into_iter().skip(1))
                .filter_map(|c| ids.iter().find(|i| **i == c).map(String::as_str))
                .collect();
            for id in ids.iter().filter(|id| !carried.contains(id.as_str())) {
                let Some(r) = next.layout.get(id.as_str()).copied() else {
                    continue;
                };
                // A refusal of one (nothing to move) leaves the others to move.
                let _ = place_node(&mut next, id, Point::new(r.x + dx, r.y + dy));
            }
            change(None, None, Some(format!("nudge:{}", ids.join(","))), next)
        }
        DocAction::ConnectRoute { from, target } => {
            let note = connect_route(&mut next, from, target)?;
            change(Some(vec![from.clone()]), note, None, next)
        }
        DocAction::SetText { key, text } => {
            set_text(&mut next, key, text)?;
            change(None, None, Some(format!("text:{}:{:?}", key.id, key.field)), next)
        }
        DocAction::AddRoute { table } => {
            let route = default_new_route(&next, table).ok_or(Refused::NoChange)?;
            table_mut(&mut next, table)?.routes.push(route);
            change(None, None, None, next)
        }
        DocAction::SetRouteTarget { table, index, target } => {
            let t = table_mut(&mut next, table)?;
            t.routes.get_mut(*index).ok_or(Refused::NoChange)?.target = target.clone();
            change(None, None, None, next)
        }
        DocAction::SetRoutePrefixList { table, index, service } => {
            let t = table_mut(&mut next, table)?;
            t.routes.get_mut(*index).ok_or(Refused::NoChange)?.destination = RouteDestination::PrefixList(*service);
            change(None, None, None, next)
        }
        DocAction::RemoveRoute { table, index } => {
            let t = table_mut(&mut next, table)?;
            if *index >= t.routes.len() {
                return Err(Refused::NoChange);
            }
            t.routes.remove(*index);
            change(None, None, None, next)
        }
        DocAction::GiveSubnetOwnTable { subnet } => {
            let table = own_table(&mut next, subnet)?;
            change(Some(vec![subnet.clone()]), None, None, next).map(|mut c| {
                c.note = Some(Note::OwnTableCreated {
                    subnet: doc.display_name(subnet).to_owned(),
                    table,
                    others: String::new(),
                });
                c
            })
        }
        DocAction::UpdateComponent { value, merge } => {
            if !value.clone().put(&mut next) {
                return Err(Refused::NoChange);
            }
            follow_membership(&mut next, value.id());
            change(None, None, merge.clone(), next)
        }
        DocAction::DeleteComponents { ids } => {
            delete(&mut next, ids);
            change(Some(vec![]), None, None, next)
        }
        DocAction::DuplicateComponents { ids } => {
            let new_ids = duplicate(&mut next, ids);
            change(Some(new_ids), None, None, next)
        }
        DocAction::SetTraffic { destination, gb } => {
            // Only ever inserted (a default value is stored as given): removing from a
            // `BTreeMap` would cost the download its rebalancing code for this one map.
            next.traffic.insert(destination.clone(), *gb);
            change(None, None, Some(format!("traffic.{destination}")), next)
        }
    }
}

fn table_mut<'a>(doc: &'a mut Document, id: &str) -> Result<&'a mut RouteTable, Refused> {
    doc.route_tables
        .iter_mut()
        .find(|t| t.id.as_str() == id)
        .ok_or(Refused::NoChange)
}
