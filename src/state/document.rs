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

// --- Containment --------------------------------------------------------------------------

/// Where a world point lies: the innermost subnet and the VPC around it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Container {
    pub vpc: Option<String>,
    pub subnet: Option<String>,
}

/// The containers at `p`, skipping the components in `exclude` (those being moved).
pub fn container_at(doc: &Document, p: Point, exclude: &[String]) -> Container {
    let skip = |id: &str| exclude.iter().any(|e| e == id);
    let subnets = doc
        .subnets
        .iter()
        .filter(|s| !skip(s.id.as_str()))
        .filter_map(|s| doc.layout.get(s.id.as_str()).map(|r| (s.id.as_str(), *r)));
    if let Some(s) = geometry::innermost(subnets, p) {
        return Container {
            vpc: subnet(doc, s).map(|s| s.vpc.0.clone()),
            subnet: Some(s.to_owned()),
        };
    }
    let vpcs = doc
        .vpcs
        .iter()
        .filter(|v| !skip(v.id.as_str()))
        .filter_map(|v| doc.layout.get(v.id.as_str()).map(|r| (v.id.as_str(), *r)));
    Container {
        vpc: geometry::innermost(vpcs, p).map(str::to_owned),
        subnet: None,
    }
}

fn rect_distance(r: &Rect, p: Point) -> f64 {
    let dx = (r.x - p.x).max(0.0).max(p.x - (r.x + r.w));
    let dy = (r.y - p.y).max(0.0).max(p.y - (r.y + r.h));
    (dx * dx + dy * dy).sqrt()
}

/// The subnet of `vpc` nearest to `p`, with its rectangle.
fn nearest_subnet(doc: &Document, vpc: &str, p: Point) -> Option<(String, Rect)> {
    doc.subnets
        .iter()
        .filter(|s| s.vpc.as_str() == vpc)
        .filter_map(|s| doc.layout.get(s.id.as_str()).map(|r| (s.id.0.clone(), *r)))
        .min_by(|a, b| rect_distance(&a.1, p).total_cmp(&rect_distance(&b.1, p)))
}

/// The VPC whose box contains `p`, or whose edge is within `reach` of it.
fn vpc_near(doc: &Document, p: Point, reach: f64) -> Option<(String, Rect)> {
    doc.vpcs
        .iter()
        .filter_map(|v| doc.layout.get(v.id.as_str()).map(|r| (v.id.0.clone(), *r)))
        .map(|(id, r)| {
            let d = if geometry::contains(&r, p) {
                0.0
            } else {
                rect_distance(&r, p)
            };
            (id, r, d)
        })
        .filter(|(_, _, d)| *d <= reach)
        .min_by(|a, b| {
            a.2.total_cmp(&b.2)
                .then(geometry::area(&a.1).total_cmp(&geometry::area(&b.1)))
        })
        .map(|(id, r, _)| (id, r))
}

/// The subnet a point node dropped at `p` belongs to, and its clamped position: the
/// subnet under it, else the nearest subnet of the VPC under it.
fn subnet_for_drop(doc: &Document, p: Point, exclude: &[String]) -> Result<(String, Point), Refused> {
    let c = container_at(doc, p, exclude);
    let (id, rect) = match (c.subnet, c.vpc) {
        (Some(s), _) => {
            let r = doc.layout.get(s.as_str()).copied().unwrap_or_default();
            (s, r)
        }
        (None, Some(vpc)) => nearest_subnet(doc, &vpc, p).ok_or(Refused::Note(Note::NeedsSubnet))?,
        (None, None) => return Err(Refused::Note(Note::NeedsSubnet)),
    };
    Ok((id, geometry::clamp_point_inside(p, &rect)))
}

// --- Defaults for new components ----------------------------------------------------------

fn parse_v4(text: &CidrText) -> Option<Ipv4Net> {
    match parse_cidr(text.as_str()) {
        Ok(IpNet::V4(n)) => Some(n),
        _ => None,
    }
}

fn nets_overlap(a: &IpNet, b: &IpNet) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// The first free block for a new subnet of `vpc`: a /24 in a /16 (smaller VPCs get
/// proportionally smaller subnets, never below /28).
pub fn next_subnet_cidr(doc: &Document, vpc: &Vpc) -> Option<String> {
    let taken: Vec<IpNet> = doc
        .subnets
        .iter()
        .filter(|s| s.vpc == vpc.id)
        .filter_map(|s| parse_cidr(s.cidr.as_str()).ok())
        .collect();
    let blocks = std::iter::once(&vpc.cidr)
        .chain(vpc.secondary_cidrs.iter())
        .filter_map(parse_v4);
    for block in blocks {
        let prefix = if block.prefix_len() <= 20 {
            24
        } else {
            (block.prefix_len() + 4).min(28)
        };
        let Ok(candidates) = block.subnets(prefix) else {
            continue;
        };
        for cand in candidates.take(4096) {
            let cand = IpNet::V4(cand);
            if !taken.iter().any(|t| nets_overlap(t, &cand)) {
                return Some(cand.to_string());
            }
        }
    }
    None
}

/// A free `10.N.0.0/16` for a new VPC.
pub fn next_vpc_cidr(doc: &Document) -> String {
    let taken: Vec<IpNet> = doc
        .vpcs
        .iter()
        .filter_map(|v| parse_cidr(v.cidr.as_str()).ok())
        .collect();
    (0..=255u8)
        .map(|n| format!("10.{n}.0.0/16"))
        .find(|c| {
            let net: IpNet = c.parse().expect("a literal CIDR");
            !taken.iter().any(|t| nets_overlap(t, &net))
        })
        .unwrap_or_else(|| "172.16.0.0/16".to_owned())
}

/// The Availability Zone among the Region's first three with the fewest subnets of `vpc`.
pub fn next_az(doc: &Document, vpc: &str) -> String {
    let region = if doc.region.is_empty() {
        "us-east-1"
    } else {
        doc.region.as_str()
    };
    ["a", "b", "c"]
        .iter()
        .map(|l| format!("{region}{l}"))
        .min_by_key(|az| {
            doc.subnets
                .iter()
                .filter(|s| s.vpc.as_str() == vpc && &s.az == az)
                .count()
        })
        .expect("three zones")
}

/// A free spot in the column to the right of a VPC, for components drawn beside it
/// (security groups, route tables, network ACLs).
pub fn side_slot(doc: &Document, vpc: Option<&str>) -> Point {
    let anchor = vpc
        .and_then(|v| doc.layout.get(v))
        .copied()
        .or_else(|| geometry::union(doc.vpcs.iter().filter_map(|v| doc.layout.get(v.id.as_str()).copied())));
    let (x, y0) = match anchor {
        Some(r) => (r.x + r.w + 100.0, r.y + 40.0),
        None => (100.0, 100.0),
    };
    let occupied: Vec<Point> = doc
        .layout
        .iter()
        .filter(|(id, _)| kind_of(doc, id).is_some_and(|k| !geometry::is_box(k)))
        .map(|(_, r)| Point::new(r.x, r.y))
        .collect();
    (0..200)
        .map(|i| Point::new(x, y0 + 80.0 * f64::from(i)))
        .find(|p| occupied.iter().all(|o| o.dist(*p) > 50.0))
        .unwrap_or(Point::new(x, y0))
}

/// A security group for new members of `vpc`: its first one, or a new group that behaves
/// like AWS's default group (members talk to each other, all outbound allowed).
fn ensure_default_sg(doc: &mut Document, vpc: &str) -> String {
    if let Some(sg) = doc.security_groups.iter().find(|g| g.vpc.as_str() == vpc) {
        return sg.id.0.clone();
    }
    let id = fresh_id(doc, "sg");
    let mut sg = SecurityGroup::with_default_rules(id.clone(), "default", vpc.into());
    sg.inbound
        .push(SgRule::all_to(SgPeer::SecurityGroup(id.as_str().into())));
    let at = side_slot(doc, Some(vpc));
    doc.security_groups.push(sg);
    doc.layout.insert(id.clone(), point_rect(at));
    id
}

fn point_rect(p: Point) -> Rect {
    Rect {
        x: p.x.round(),
        y: p.y.round(),
        w: 0.0,
        h: 0.0,
    }
}

fn unique_id(doc: &Document, base: &str) -> String {
    if !topology::id_taken(doc, base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !topology::id_taken(doc, c))
        .expect("ids are unbounded")
}

fn add_component(doc: &mut Document, item: PaletteItem, at: Point) -> Result<(String, Option<Note>), Refused> {
    let at = geometry::snap_to_grid(at, 10.0);
    let mut note = None;
    let id = match item {
        PaletteItem::Vpc => {
            let id = fresh_id(doc, "vpc");
            let (w, h) = item.box_size().expect("a box");
            doc.vpcs.push(Vpc {
                id: id.as_str().into(),
                name: id.clone(),
                cidr: CidrText::new(next_vpc_cidr(doc)),
                enable_dns_support: true,
                enable_dns_hostnames: true,
                tenancy: Tenancy::Default,
                ..Vpc::default()
            });
            doc.layout.insert(
                id.clone(),
                Rect {
                    x: at.x - w / 2.0,
                    y: at.y - h / 2.0,
                    w,
                    h,
                },
            );
            id
        }
        PaletteItem::Subnet => {
            let vpc_id = container_at(doc, at, &[]).vpc.ok_or(Refused::Note(Note::NeedsVpc))?;
            let vpc = doc
                .vpcs
                .iter()
                .find(|v| v.id.as_str() == vpc_id)
                .cloned()
                .ok_or(Refused::NoChange)?;
            let cidr = next_subnet_cidr(doc, &vpc).ok_or_else(|| {
                Refused::Note(Note::NoFreeCidr {
                    vpc: doc.display_name(&vpc_id).to_owned(),
                })
            })?;
            let id = fresh_id(doc, "subnet");
            let (w, h) = item.box_size().expect("a box");
            let rect = place_subnet(
                doc,
                &vpc_id,
                Rect {
                    x: at.x - w / 2.0,
                    y: at.y - h / 2.0,
                    w,
                    h,
                },
            );
            doc.subnets.push(Subnet {
                id: id.as_str().into(),
                name: id.clone(),
                vpc: vpc.id.clone(),
                az: next_az(doc, &vpc_id),
                cidr: CidrText::new(cidr),
                ..Subnet::default()
            });
            doc.layout.insert(id.clone(), rect);
            id
        }
        PaletteItem::Igw | PaletteItem::Eigw => {
            let near = vpc_near(doc, at, 80.0);
            let pos = near.as_ref().map(|(_, r)| geometry::snap_to_edge(r, at)).unwrap_or(at);
            let vpc = near.map(|(v, _)| v.as_str().into());
            let id = if item == PaletteItem::Igw {
                let id = fresh_id(doc, "igw");
                doc.internet_gateways.push(InternetGateway {
                    id: id.as_str().into(),
                    name: id.clone(),
                    vpc,
                });
                id
            } else {
                let id = fresh_id(doc, "eigw");
                doc.egress_only_gateways.push(EgressOnlyGateway {
                    id: id.as_str().into(),
                    name: id.clone(),
                    vpc,
                });
                id
            };
            doc.layout.insert(id.clone(), point_rect(pos));
            id
        }
        PaletteItem::Nat => {
            let (sub, pos) = subnet_for_drop(doc, at, &[])?;
            let id = fresh_id(doc, "nat");
            doc.nat_gateways.push(NatGateway {
                id: id.as_str().into(),
                name: id.clone(),
                subnet: sub.as_str().into(),
                connectivity: Connectivity::Public,
                elastic_ip: true,
            });
            doc.layout.insert(id.clone(), point_rect(pos));
            id
        }
        PaletteItem::GatewayEndpoint => {
            let vpc_id = container_at(doc, at, &[]).vpc.ok_or(Refused::Note(Note::NeedsVpc))?;
            let has = |s: AwsService| {
                doc.endpoints.iter().any(|e| {
                    e.vpc.as_str() == vpc_id && e.service == s && matches!(e.kind, EndpointKind::Gateway { .. })
                })
            };
            let service = if has(AwsService::S3) && !has(AwsService::DynamoDb) {
                AwsService::DynamoDb
            } else {
                AwsService::S3
            };
            let id = fresh_id(doc, "vpce");
            doc.endpoints.push(Endpoint {
                id: id.as_str().into(),
                name: format!("{}-gateway", service.key()),
                vpc: vpc_id.as_str().into(),
                service,
                kind: EndpointKind::Gateway { route_tables: vec![] },
                policy: EndpointPolicy::AllowAll,
            });
            doc.layout.insert(id.clone(), point_rect(at));
            id
        }
        PaletteItem::InterfaceEndpoint => {
            let (sub, pos) = subnet_for_drop(doc, at, &[])?;
            let vpc_id = subnet(doc, &sub).map(|s| s.vpc.0.clone()).unwrap_or_default();
            let service = AwsService::all()
                .filter(|s| s.info().interface_endpoint && !s.info().gateway_endpoint)
                .find(|s| {
                    !doc.endpoints
                        .iter()
                        .any(|e| e.vpc.as_str() == vpc_id && e.service == *s)
                })
                .unwrap_or(AwsService::Sqs);
            let sg = ensure_default_sg(doc, &vpc_id);
            let id = fresh_id(doc, "vpce");
            doc.endpoints.push(Endpoint {
                id: id.as_str().into(),
                name: format!("{}-endpoint", service.key()),
                vpc: vpc_id.as_str().into(),
                service,
                kind: EndpointKind::Interface {
                    subnets: vec![sub.as_str().into()],
                    security_groups: vec![sg.as_str().into()],
                    private_dns: true,
                },
                policy: EndpointPolicy::AllowAll,
            });
            doc.layout.insert(id.clone(), point_rect(pos));
            id
        }
        PaletteItem::Sg | PaletteItem::Nacl => {
            let c = container_at(doc, at, &[]);
            let vpc_id = c
                .vpc
                .clone()
                .or_else(|| vpc_near(doc, at, f64::INFINITY).map(|(v, _)| v))
                .ok_or(Refused::Note(Note::NeedsVpc))?;
            if item == PaletteItem::Sg {
                let id = fresh_id(doc, "sg");
                doc.security_groups.push(SecurityGroup::with_default_rules(
                    id.clone(),
                    id.clone(),
                    vpc_id.as_str().into(),
                ));
                doc.layout.insert(id.clone(), point_rect(at));
                id
            } else {
                let id = fresh_id(doc, "acl");
                doc.network_acls.push(Nacl {
                    id: id.as_str().into(),
                    name: id.clone(),
                    vpc: vpc_id.as_str().into(),
                    inbound: vec![allow_all_rule(100)],
                    outbound: vec![allow_all_rule(100)],
                });
                if let Some(s) = c.subnet.as_deref() {
                    if let Some(s) = doc.subnets.iter_mut().find(|x| x.id.as_str() == s) {
                        s.nacl = Some(id.as_str().into());
                    }
                }
                doc.layout.insert(id.clone(), point_rect(at));
                id
            }
        }
        PaletteItem::Lambda => {
            let c = container_at(doc, at, &[]);
            let id = fresh_id(doc, "lambda");
            let (vpc_config, pos) = if c.vpc.is_some() {
                let (sub, pos) = subnet_for_drop(doc, at, &[])?;
                let vpc = subnet(doc, &sub).map(|s| s.vpc.0.clone()).unwrap_or_default();
                let sg = ensure_default_sg(doc, &vpc);
                let config = VpcConfig {
                    subnets: vec![sub.as_str().into()],
                    security_groups: vec![sg.as_str().into()],
                    ipv6_allowed_for_dual_stack: false,
                };
                (Some(config), pos)
            } else {
                (None, at)
            };
            doc.functions.push(Function {
                id: id.as_str().into(),
                name: id.clone(),
                vpc_config,
            });
            doc.layout.insert(id.clone(), point_rect(pos));
            id
        }
        PaletteItem::Rds => {
            let (sub, pos) = subnet_for_drop(doc, at, &[])?;
            let vpc = subnet(doc, &sub).map(|s| s.vpc.0.clone()).unwrap_or_default();
            let group = db_subnet_group(doc, &sub);
            let sg = ensure_default_sg(doc, &vpc);
            let id = fresh_id(doc, "db");
            doc.databases.push(Database {
                id: id.as_str().into(),
                name: id.clone(),
                engine: DatabaseEngine::Postgres,
                subnet_group: group.iter().map(|s| s.as_str().into()).collect(),
                security_groups: vec![sg.as_str().into()],
                ..Database::default()
            });
            doc.layout.insert(id.clone(), point_rect(pos));
            id
        }
        PaletteItem::Store(kind) => {
            let (sub, pos) = subnet_for_drop(doc, at, &[])?;
            let vpc = subnet(doc, &sub).map(|s| s.vpc.0.clone()).unwrap_or_default();
            let subnets = store_subnets(doc, kind, &sub);
            let sg = ensure_default_sg(doc, &vpc);
            let id = fresh_id(doc, kind.info().key);
            doc.data_stores.push(DataStore {
                id: id.as_str().into(),
                name: id.clone(),
                kind,
                subnets: subnets.iter().map(|s| s.as_str().into()).collect(),
                security_groups: vec![sg.as_str().into()],
                ..DataStore::default()
            });
            doc.layout.insert(id.clone(), point_rect(pos));
            id
        }
        PaletteItem::Ec2 => {
            let (sub, pos) = subnet_for_drop(doc, at, &[])?;
            let vpc = subnet(doc, &sub).map(|s| s.vpc.0.clone()).unwrap_or_default();
            let sg = ensure_default_sg(doc, &vpc);
            let id = fresh_id(doc, "ec2");
            doc.instances.push(Instance {
                id: id.as_str().into(),
                name: id.clone(),
                subnet: sub.as_str().into(),
                security_groups: vec![sg.as_str().into()],
                ..Instance::default()
            });
            doc.layout.insert(id.clone(), point_rect(pos));
            id
        }
        PaletteItem::Service(service) => {
            if let Some(existing) = doc.services.iter().find(|s| s.service == service) {
                return Err(Refused::Select(existing.id.0.clone()));
            }
            let id = unique_id(doc, service.key());
            doc.services.push(ServiceNode {
                id: id.as_str().into(),
                name: short_title(service).into(),
                service,
            });
            doc.layout.insert(id.clone(), point_rect(at));
            note = None;
            id
        }
    };
    Ok((id, note))
}

/// Where a new subnet of `vpc` goes: the free spot inside the VPC nearest to where it was
/// dropped, so that subnets never overlap (containment must stay unambiguous). When the VPC
/// is full, it grows downwards to make room.
fn place_subnet(doc: &mut Document, vpc: &str, wanted: Rect) -> Rect {
    const PAD: f64 = 14.0;
    const GAP: f64 = 10.0;
    let vpc_rect = doc.layout.get(vpc).copied().unwrap_or_default();
    let wanted = geometry::clamp_inside(wanted, &vpc_rect, PAD);
    let others: Vec<Rect> = doc
        .subnets
        .iter()
        .filter(|s| s.vpc.as_str() == vpc)
        .filter_map(|s| doc.layout.get(s.id.as_str()).copied())
        .map(|r| Rect {
            x: r.x - GAP,
            y: r.y - GAP,
            w: r.w + 2.0 * GAP,
            h: r.h + 2.0 * GAP,
        })
        .collect();
    let free = |r: &Rect| others.iter().all(|o| !geometry::overlaps(o, r));
    if free(&wanted) {
        return wanted;
    }
    let step = 10.0;
    let (x0, y0) = (vpc_rect.x + PAD, vpc_rect.y + PAD + geometry::BOX_HEADER - 10.0);
    let nx = ((vpc_rect.w - 2.0 * PAD - wanted.w) / step).floor().max(0.0) as i32;
    let ny = ((vpc_rect.y + vpc_rect.h - PAD - wanted.h - y0) / step)
        .floor()
        .max(0.0) as i32;
    let best = (0..=nx)
        .flat_map(|i| {
            (0..=ny).map(move |j| Rect {
                x: x0 + f64::from(i) * step,
                y: y0 + f64::from(j) * step,
                ..wanted
            })
        })
        .filter(|r| free(r))
        .min_by(|a, b| {
            let d = |r: &Rect| (r.x - wanted.x).powi(2) + (r.y - wanted.y).powi(2);
            d(a).total_cmp(&d(b))
        });
    if let Some(r) = best {
        return r;
    }
    // No room: below the lowest subnet, growing the VPC to hold it.
    let bottom = others
        .iter()
        .map(|o| o.y + o.h)
        .fold(vpc_rect.y + geometry::BOX_HEADER, f64::max);
    let r = Rect {
        x: wanted.x,
        y: bottom + GAP,
        ..wanted
    };
    if let Some(v) = doc.layout.get_mut(vpc) {
        v.h = v.h.max(r.y + r.h + PAD - v.y);
    }
    r
}

/// The product name without the vendor prefix ("S3", "DynamoDB", "Secrets Manager").
pub fn short_title(s: AwsService) -> &'static str {
    let t = s.info().title;
    t.strip_prefix("Amazon ")
        .or_else(|| t.strip_prefix("AWS "))
        .unwrap_or(t)
}

/// The name of a data store's product as the palette and canvas show it: its short name
/// ("EFS", "Redis"), or, when two products share one ("MQ"), its title without the vendor.
pub fn store_label(kind: StoreKind) -> &'static str {
    let info = kind.info();
    if STORES.iter().filter(|s| s.short == info.short).count() > 1 {
        info.title.strip_prefix("Amazon ").unwrap_or(info.title)
    } else {
        info.short
    }
}

/// A DB subnet group for a database placed in `first`: that subnet, then one subnet of the
/// same VPC in another Availability Zone when there is one (RDS wants two AZs).
fn db_subnet_group(doc: &Document, first: &str) -> Vec<String> {
    let mut group = vec![first.to_owned()];
    if let Some(s) = subnet(doc, first) {
        let public = topology::public_subnets(doc);
        let is_public = |x: &Subnet| public.contains(&x.id.as_str());
        let other = doc
            .subnets
            .iter()
            .filter(|o| o.vpc == s.vpc && o.az != s.az)
            .find(|o| is_public(o) == is_public(s))
            .or_else(|| doc.subnets.iter().find(|o| o.vpc == s.vpc && o.az != s.az));
        if let Some(o) = other {
            group.push(o.id.0.clone());
        }
    }
    group
}

/// The subnets of a data store placed in `first`: as for a database, that subnet and one in
/// another Availability Zone; an EFS file system gets a mount target in every AZ of the VPC
/// (one subnet per AZ, like `first` in being public or private), since a function reaches it
/// only through the mount target in its own AZ.
fn store_subnets(doc: &Document, kind: StoreKind, first: &str) -> Vec<String> {
    if !kind.info().zonal {
        return db_subnet_group(doc, first);
    }
    let Some(s) = subnet(doc, first) else {
        return vec![first.to_owned()];
    };
    let mut out = vec![first.to_owned()];
    let publics = topology::public_subnets(doc);
    let is_public = |x: &Subnet| publics.contains(&x.id.as_str());
    let public = is_public(s);
    let mut azs = vec![s.az.clone()];
    // Subnets like `first` first, then any other, so each AZ gets the most similar one.
    let same_vpc = || doc.subnets.iter().filter(|o| o.vpc == s.vpc);
    for o in same_vpc()
        .filter(|o| is_public(o) == public)
        .chain(same_vpc().filter(|o| is_public(o) != public))
    {
        if !azs.contains(&o.az) {
            azs.push(o.az.clone());
            out.push(o.id.0.clone());
        }
    }
    out
}

// --- Moving -------------------------------------------------------------------------------

/// The components that move along with `id`: for a VPC everything in it and beside it that
/// belongs to it, for a subnet the nodes drawn inside it. `id` comes first.
pub fn moving_set(doc: &Document, id: &str) -> Vec<String> {
    let mut set = vec![id.to_owned()];
    let Some(kind) = kind_of(doc, id) else { return set };
    let Some(rect) = doc.layout.get(id).copied() else {
        return set;
    };
    match kind {
        ComponentKind::Vpc => {
            for (cid, ckind) in doc.components() {
                if cid == id {
                    continue;
                }
                let inside = doc.layout.get(cid).is_some_and(|r| {
                    if geometry::is_box(ckind) {
                        geometry::contains_rect(&rect, r)
                    } else {
                        geometry::contains(&rect, Point::new(r.x, r.y))
                    }
                });
                if inside || vpc_of(doc, cid).as_deref() == Some(id) {
                    set.push(cid.to_owned());
                }
            }
        }
        ComponentKind::Subnet => {
            for (cid, ckind) in doc.components() {
                if cid == id || geometry::is_box(ckind) {
                    continue;
                }
                if doc
                    .layout
                    .get(cid)
                    .is_some_and(|r| geometry::contains(&rect, Point::new(r.x, r.y)))
                {
                    set.push(cid.to_owned());
                }
            }
        }
        _ => {}
    }
    set
}

fn shift(doc: &mut Document, ids: &[String], dx: f64, dy: f64) {
    for id in ids {
        if let Some(r) = doc.layout.get_mut(id.as_str()) {
            r.x += dx;
            r.y += dy;
        }
    }
}

/// The drawn icon nearest to `p` within `radius` (world units) among the components `keep`
/// accepts: what a drop or a connector lands on.
pub fn node_near(doc: &Document, p: Point, radius: f64, keep: impl Fn(&str, ComponentKind) -> bool) -> Option<String> {
    doc.components()
        .filter(|(c, k)| keep(c, *k))
        .filter_map(|(c, _)| doc.layout.get(c).map(|r| (c, Point::new(r.x, r.y).dist(p))))
        .filter(|(_, d)| *d <= radius)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c.to_owned())
}

/// The security groups of a component that has some (a function in a VPC, a database, a
/// data store, an instance, an interface endpoint).
fn sgs_mut<'d>(doc: &'d mut Document, id: &str) -> Option<&'d mut Vec<SgId>> {
    if let Some(f) = doc.functions.iter_mut().find(|f| f.id.as_str() == id) {
        return f.vpc_config.as_mut().map(|c| &mut c.security_groups);
    }
    if let Some(d) = doc.databases.iter_mut().find(|d| d.id.as_str() == id) {
        return Some(&mut d.security_groups);
    }
    if let Some(d) = doc.data_stores.iter_mut().find(|d| d.id.as_str() == id) {
        return Some(&mut d.security_groups);
    }
    if let Some(i) = doc.instances.iter_mut().find(|i| i.id.as_str() == id) {
        return Some(&mut i.security_groups);
    }
    doc.endpoints
        .iter_mut()
        .find(|e| e.id.as_str() == id)
        .and_then(|e| match &mut e.kind {
            EndpointKind::Interface { security_groups, .. } => Some(security_groups),
            EndpointKind::Gateway { .. } => None,
        })
}

/// A security group dropped onto a component that can have one is attached to it (and
/// stays drawn where it was); `None` when the drop is a plain move.
fn attach_dropped_sg(doc: &mut Document, id: &str, to: Point) -> Result<Option<Note>, Refused> {
    if kind_of(doc, id) != Some(ComponentKind::SecurityGroup) {
        return Ok(None);
    }
    let onto = node_near(doc, to, geometry::NODE_HALF + 6.0, |c, k| {
        c != id && !geometry::is_box(k) && k != ComponentKind::SecurityGroup
    });
    let Some(onto) = onto else { return Ok(None) };
    let sg_vpc = vpc_of(doc, id);
    let onto_vpc = vpc_of(doc, &onto);
    let names = |doc: &Document| (doc.display_name(id).to_owned(), doc.display_name(&onto).to_owned());
    let (sg, component) = names(doc);
    let Some(list) = sgs_mut(doc, &onto) else {
        // Something without security groups (a gateway, a function outside any VPC): a move.
        return Ok(None);
    };
    if sg_vpc != onto_vpc {
        return Err(Refused::Note(Note::SgOtherVpc { sg, component }));
    }
    if list.iter().any(|s| s.as_str() == id) {
        return Err(Refused::Note(Note::SgAlreadyAttached { sg, component }));
    }
    list.push(id.into());
    Ok(Some(Note::SgAttached { sg, component }))
}

/// After an edit in the inspector, draws a point component where its membership says it
/// is: into a free spot of its first subnet when it was drawn in none of its subnets (a
/// database given other subnets), out of every VPC when it left its VPC (a function whose VPC
/// config was removed). A component already drawn in one of its subnets stays where it is.
fn follow_membership(doc: &mut Document, id: &str) {
    let Some(kind) = kind_of(doc, id) else { return };
    let Some(at) = doc.layout.get(id).copied() else { return };
    if geometry::is_box(kind) {
        return;
    }
    let p = Point::new(at.x, at.y);
    let inside = |r: &Rect| geometry::contains(r, p);
    let members = topology::member_subnets(doc, id, kind);
    let to = if let Some(first) = members.first() {
        if members.iter().any(|s| doc.layout.get(*s).is_some_and(inside)) {
            return;
        }
        let Some(rect) = doc.layout.get(*first).copied() else {
            return;
        };
        super::free_spot(doc, &rect)
    } else if kind == ComponentKind::Function {
        // Out of the VPC it is drawn in, beside it on the left, where functions outside any
        // VPC are drawn.
        let Some(vpc) = doc
            .vpcs
            .iter()
            .filter_map(|v| doc.layout.get(v.id.as_str()))
            .find(|r| inside(r))
            .copied()
        else {
            return;
        };
        Point::new(vpc.x - geometry::NODE_HALF - 50.0, p.y)
    } else {
        return;
    };
    if let Some(l) = doc.layout.get_mut(id) {
        l.x = to.x;
        l.y = to.y;
    }
}

fn move_node(doc: &mut Document, id: &str, to: Point) -> Result<(), Refused> {
    place_node(doc, id, geometry::snap_to_grid(to, 10.0))
}

/// [`move_node`] to exactly `to`, for nudges: a step of 10 moves by 10 wherever the
/// component was. Never inlined: its two callers share one copy (8 KB of the download).
#[inline(never)]
fn place_node(doc: &mut Document, id: &str, to: Point) -> Result<(), Refused> {
    let kind = kind_of(doc, id).ok_or(Refused::NoChange)?;
    let old = doc.layout.get(id).copied().unwrap_or_default();
    match kind {
        ComponentKind::Vpc => {
            let set = moving_set(doc, id);
            shift(doc, &set, to.x - old.x, to.y - old.y);
        }
        ComponentKind::Subnet => {
            let vpc = subnet(doc, id).map(|s| s.vpc.0.clone()).unwrap_or_default();
            let target = Rect {
                x: to.x,
                y: to.y,
                ..old
            };
            // A subnet cannot leave its VPC (AWS cannot move one either).
            let target = match doc.layout.get(vpc.as_str()) {
                Some(v) => geometry::clamp_inside(target, v, 14.0),
                None => target,
            };
            let set = moving_set(doc, id);
            shift(doc, &set, target.x - old.x, target.y - old.y);
        }
        ComponentKind::InternetGateway | ComponentKind::EgressOnlyGateway => {
            let near = vpc_near(doc, to, 80.0);
            let pos = near.as_ref().map(|(_, r)| geometry::snap_to_edge(r, to)).unwrap_or(to);
            let vpc = near.map(|(v, _)| v.as_str().into());
            if let Some(g) = doc.internet_gateways.iter_mut().find(|g| g.id.as_str() == id) {
                g.vpc = vpc;
            } else if let Some(g) = doc.egress_only_gateways.iter_mut().find(|g| g.id.as_str() == id) {
                g.vpc = vpc;
            }
            doc.layout.insert(id.to_owned(), point_rect(pos));
        }
        ComponentKind::NatGateway | ComponentKind::Instance => {
            let (sub, pos) = subnet_for_drop(doc, to, &[])?;
            if let Some(n) = doc.nat_gateways.iter_mut().find(|n| n.id.as_str() == id) {
                n.subnet = sub.as_str().into();
            }
            let current = doc
                .instances
                .iter()
                .find(|i| i.id.as_str() == id)
                .map(|i| i.subnet.0.clone());
            if let Some(cur) = current {
                let changes_vpc = cur != sub && vpc_of_subnet(doc, &cur) != vpc_of_subnet(doc, &sub);
                // In another VPC its security groups cannot follow it.
                let sgs = changes_vpc.then(|| {
                    let vpc = vpc_of_subnet(doc, &sub).unwrap_or_default();
                    vec![ensure_default_sg(doc, &vpc).as_str().into()]
                });
                let i = doc
                    .instances
                    .iter_mut()
                    .find(|i| i.id.as_str() == id)
                    .expect("found above");
                i.subnet = sub.as_str().into();
                if let Some(sgs) = sgs {
                    i.security_groups = sgs;
                }
            }
            doc.layout.insert(id.to_owned(), point_rect(pos));
        }
        ComponentKind::Function => move_function(doc, id, old, to)?,
        ComponentKind::Database => {
            let (sub, pos) = subnet_for_drop(doc, to, &[])?;
            let db = doc
                .databases
                .iter()
                .find(|d| d.id.as_str() == id)
                .cloned()
                .ok_or(Refused::NoChange)?;
            let (group, sgs) = regroup(doc, &db.subnet_group, &db.security_groups, &sub, None);
            let d = doc
                .databases
                .iter_mut()
                .find(|d| d.id.as_str() == id)
                .expect("found above");
            d.subnet_group = group.iter().map(|s| s.as_str().into()).collect();
            d.security_groups = sgs;
            doc.layout.insert(id.to_owned(), point_rect(pos));
        }
        ComponentKind::DataStore => {
            let (sub, pos) = subnet_for_drop(doc, to, &[])?;
            let store = doc
                .data_stores
                .iter()
                .find(|d| d.id.as_str() == id)
                .cloned()
                .ok_or(Refused::NoChange)?;
            let old_vpc = store.subnets.first().and_then(|s| vpc_of_subnet(doc, s.as_str()));
            let changes_vpc = old_vpc.is_some() && old_vpc != vpc_of_subnet(doc, &sub);
            let (subnets, sgs) = regroup(doc, &store.subnets, &store.security_groups, &sub, Some(store.kind));
            let d = doc
                .data_stores
                .iter_mut()
                .find(|d| d.id.as_str() == id)
                .expect("found above");
            // An RDS Proxy moved to another VPC cannot front the database it fronted.
            if changes_vpc {
                d.fronts = None;
            }
            d.subnets = subnets.iter().map(|s| s.as_str().into()).collect();
            d.security_groups = sgs;
            doc.layout.insert(id.to_owned(), point_rect(pos));
        }
        ComponentKind::InterfaceEndpoint => {
            let ep = doc
                .endpoints
                .iter()
                .find(|e| e.id.as_str() == id)
                .cloned()
                .ok_or(Refused::NoChange)?;
            let (sub, pos) = subnet_for_drop(doc, to, &[])?;
            if vpc_of_subnet(doc, &sub).as_deref() != Some(ep.vpc.as_str()) {
                return Err(Refused::Note(Note::EndpointStaysInVpc));
            }
            let old_sub = container_at(doc, Point::new(old.x, old.y), &[]).subnet;
            let az = subnet(doc, &sub).map(|s| s.az.clone()).unwrap_or_default();
            if let Some(e) = doc.endpoints.iter_mut().find(|e| e.id.as_str() == id) {
                if let EndpointKind::Interface { subnets, .. } = &mut e.kind {
                    if !subnets.iter().any(|s| s.as_str() == sub) {
                        // Replace the subnet it was drawn in, else the one in the same AZ
                        // (one subnet per AZ), else add it.
                        let slot = old_sub
                            .as_ref()
                            .and_then(|o| subnets.iter().position(|s| s.as_str() == o))
                            .or_else(|| {
                                subnets
                                    .iter()
                                    .position(|s| doc.subnets.iter().any(|x| x.id == *s && x.az == az))
                            });
                        match slot {
                            Some(i) => subnets[i] = sub.as_str().into(),
                            None => subnets.push(sub.as_str().into()),
                        }
                    }
                }
            }
            doc.layout.insert(id.to_owned(), point_rect(pos));
        }
        ComponentKind::GatewayEndpoint => {
            let vpc = doc
                .endpoints
                .iter()
                .find(|e| e.id.as_str() == id)
                .map(|e| e.vpc.0.clone())
                .unwrap_or_default();
            let pos = match doc.layout.get(vpc.as_str()) {
                Some(r) => geometry::clamp_point_inside(to, r),
                None => to,
            };
            doc.layout.insert(id.to_owned(), point_rect(pos));
        }
        _ => {
            doc.layout.insert(id.to_owned(), point_rect(to));
        }
    }
    Ok(())
}

fn vpc_of_subnet(doc: &Document, s: &str) -> Option<String> {
    subnet(doc, s).map(|s| s.vpc.0.clone())
}

/// The subnets and security groups of a database (`store` = `None`) or data store dropped
/// into subnet `sub`: already one of its subnets, that one becomes its first (where the
/// canvas draws it); in the same VPC, `sub` takes the place of the first one (for an EFS
/// file system, of its mount target in `sub`'s AZ, or is added as a new mount target);
/// in another VPC it gets a fresh group there and that VPC's default security group, since
/// groups cannot follow it across VPCs.
fn regroup(
    doc: &mut Document,
    current: &[SubnetId],
    sgs: &[SgId],
    sub: &str,
    store: Option<StoreKind>,
) -> (Vec<String>, Vec<SgId>) {
    let same_vpc = current.first().and_then(|s| vpc_of_subnet(doc, s.as_str())) == vpc_of_subnet(doc, sub);
    let mut group: Vec<String> = current.iter().map(|s| s.0.clone()).collect();
    let mut sgs = sgs.to_vec();
    let zonal = store.is_some_and(|k| k.info().zonal);
    if let Some(i) = group.iter().position(|s| s == sub) {
        let s = group.remove(i);
        group.insert(0, s);
    } else if same_vpc && !group.is_empty() {
        if zonal {
            let az = subnet(doc, sub).map(|s| s.az.clone());
            if let Some(i) = group.iter().position(|s| subnet(doc, s).map(|s| s.az.clone()) == az) {
                group.remove(i);
            }
            group.insert(0, sub.to_owned());
        } else {
            group[0] = sub.to_owned();
        }
    } else {
        group = match store {
            Some(k) => store_subnets(doc, k, sub),
            None => db_subnet_group(doc, sub),
        };
        let vpc = vpc_of_subnet(doc, sub).unwrap_or_default();
        sgs = vec![ensure_default_sg(doc, &vpc).as_str().into()];
    }
    (group, sgs)
}

/// Moving a Lambda: into a subnet it runs there (replacing the subnet it was drawn in, or
/// all of them when it changes VPC); outside every VPC it has no VPC config.
fn move_function(doc: &mut Document, id: &str, old: Rect, to: Point) -> Result<(), Refused> {
    let c = container_at(doc, to, &[]);
    let f = doc
        .functions
        .iter()
        .find(|f| f.id.as_str() == id)
        .cloned()
        .ok_or(Refused::NoChange)?;
    if c.vpc.is_none() {
        let f = doc
            .functions
            .iter_mut()
            .find(|f| f.id.as_str() == id)
            .expect("found above");
        f.vpc_config = None;
        doc.layout.insert(id.to_owned(), point_rect(to));
        return Ok(());
    }
    let (sub, pos) = subnet_for_drop(doc, to, &[])?;
    let new_vpc = vpc_of_subnet(doc, &sub);
    let config = match f.vpc_config {
        Some(mut cfg) => {
            let cur_vpc = cfg.subnets.first().and_then(|s| vpc_of_subnet(doc, s.as_str()));
            if cur_vpc == new_vpc {
                if !cfg.subnets.iter().any(|s| s.as_str() == sub) {
                    let was_in = container_at(doc, Point::new(old.x, old.y), &[]).subnet;
                    match was_in.and_then(|w| cfg.subnets.iter().position(|s| s.as_str() == w)) {
                        Some(i) => cfg.subnets[i] = sub.as_str().into(),
                        None => cfg.subnets = vec![sub.as_str().into()],
                    }
                }
                cfg
            } else {
                let sg = ensure_default_sg(doc, new_vpc.as_deref().unwrap_or_default());
                VpcConfig {
                    subnets: vec![sub.as_str().into()],
                    security_groups: vec![sg.as_str().into()],
                    ..cfg
                }
            }
        }
        None => {
            let sg = ensure_default_sg(doc, new_vpc.as_deref().unwrap_or_default());
            VpcConfig {
                subnets: vec![sub.as_str().into()],
                security_groups: vec![sg.as_str().into()],
                ipv6_allowed_for_dual_stack: false,
            }
        }
    };
    let f = doc
        .functions
        .iter_mut()
        .find(|f| f.id.as_str() == id)
        .expect("found above");
    f.vpc_config = Some(config);
    doc.layout.insert(id.to_owned(), point_rect(pos));
    Ok(())
}

// --- Routes -------------------------------------------------------------------------------

/// A table for `subnet` alone, copying the routes of the table it uses now, associated with
/// it. Returns the new table's display name.
fn own_table(doc: &mut Document, subnet_id: &str) -> Result<String, Refused> {
    let s = subnet(doc, subnet_id).cloned().ok_or(Refused::NoChange)?;
    let routes = topology::effective_table(doc, &s)
        .map(|t| t.routes.clone())
        .unwrap_or_default();
    let copied_from = topology::effective_table(doc, &s).map(|t| t.id.0.clone());
    let id = unique_id(doc, &format!("{subnet_id}-rt"));
    let at = side_slot(doc, Some(s.vpc.as_str()));
    doc.route_tables.push(RouteTable {
        id: id.as_str().into(),
        name: id.clone(),
        vpc: s.vpc.clone(),
        routes,
    });
    // Gateway endpoint associations are part of what a table routes: copy them too.
    if let Some(from) = copied_from {
        for e in doc.endpoints.iter_mut() {
            if let EndpointKind::Gateway { route_tables } = &mut e.kind {
                if route_tables.iter().any(|t| t.as_str() == from) {
                    route_tables.push(id.as_str().into());
                }
            }
        }
    }
    doc.layout.insert(id.clone(), point_rect(at));
    let s = doc
        .subnets
        .iter_mut()
        .find(|x| x.id.as_str() == subnet_id)
        .expect("found above");
    s.route_table = Some(id.as_str().into());
    Ok(id)
}

fn names(doc: &Document, subnets: &[&Subnet]) -> String {
    subnets
        .iter()
        .map(|s| doc.display_name(s.id.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn connect_route(doc: &mut Document, from: &str, target: &str) -> Result<Option<Note>, Refused> {
    // Refuse a wrong target before anything is created for it.
    route_for(doc, target)?;
    // From a route table: that table, whichever subnets use it.
    if topology::table(doc, from).is_some() {
        let users = topology::subnets_using(doc, from);
        let note = (users.len() > 1).then(|| Note::SharedTableChanged {
            table: doc.display_name(from).to_owned(),
            others: names(doc, &users),
        });
        return add_route_to_table(doc, from, target, note);
    }
    let subnet_id = from;
    let s = subnet(doc, subnet_id).cloned().ok_or(Refused::NoChange)?;
    // Which table to change: the subnet's own, or a new one when it shares the main table.
    let mut note = None;
    let table_id = match (&s.route_table, topology::main_table(doc, s.vpc.as_str())) {
        (Some(t), _) => {
            let others: Vec<&Subnet> = topology::subnets_using(doc, t.as_str())
                .into_iter()
                .filter(|o| o.id != s.id)
                .collect();
            if !others.is_empty() {
                note = Some(Note::SharedTableChanged {
                    table: doc.display_name(t.as_str()).to_owned(),
                    others: names(doc, &others),
                });
            }
            t.0.clone()
        }
        (None, Some(main)) => {
            let main_id = main.id.0.clone();
            let others: Vec<&Subnet> = topology::subnets_using(doc, &main_id)
                .into_iter()
                .filter(|o| o.id != s.id)
                .collect();
            if others.is_empty() {
                main_id
            } else {
                let others = names(doc, &others);
                let t = own_table(doc, subnet_id)?;
                note = Some(Note::OwnTableCreated {
                    subnet: doc.display_name(subnet_id).to_owned(),
                    table: t.clone(),
                    others,
                });
                t
            }
        }
        (None, None) => {
            let t = own_table(doc, subnet_id)?;
            note = Some(Note::OwnTableCreated {
                subnet: doc.display_name(subnet_id).to_owned(),
                table: t.clone(),
                others: String::new(),
            });
            t
        }
    };
    add_route_to_table(doc, &table_id, target, note)
}

/// The route a connector to `target` adds: `0.0.0.0/0` to a NAT or internet gateway, `::/0`
/// to an egress-only gateway, the service's prefix list to a gateway endpoint.
fn route_for(doc: &Document, target: &str) -> Result<(RouteDestination, RouteTarget), Refused> {
    let kind = kind_of(doc, target).ok_or(Refused::Note(Note::NotARouteTarget))?;
    Ok(match kind {
        ComponentKind::NatGateway => (
            RouteDestination::Cidr("0.0.0.0/0".into()),
            RouteTarget::NatGateway(target.into()),
        ),
        ComponentKind::InternetGateway => (
            RouteDestination::Cidr("0.0.0.0/0".into()),
            RouteTarget::InternetGateway(target.into()),
        ),
        ComponentKind::EgressOnlyGateway => (
            RouteDestination::Cidr("::/0".into()),
            RouteTarget::EgressOnlyGateway(target.into()),
        ),
        ComponentKind::GatewayEndpoint => {
            let ep = doc
                .endpoints
                .iter()
                .find(|e| e.id.as_str() == target)
                .ok_or(Refused::NoChange)?;
            (
                RouteDestination::PrefixList(ep.service),
                RouteTarget::GatewayEndpoint(target.into()),
            )
        }
        _ => return Err(Refused::Note(Note::NotARouteTarget)),
    })
}

/// Adds the route for `target` to a table (a gateway endpoint is associated with it instead),
/// replacing the route for the same destination. `note` is what to tell the person.
fn add_route_to_table(
    doc: &mut Document,
    table_id: &str,
    target: &str,
    mut note: Option<Note>,
) -> Result<Option<Note>, Refused> {
    let (destination, route_target) = route_for(doc, target)?;
    if let RouteTarget::GatewayEndpoint(ep) = &route_target {
        // Gateway endpoints are associated with tables; AWS then adds the prefix-list route.
        let e = doc
            .endpoints
            .iter_mut()
            .find(|e| e.id == *ep)
            .ok_or(Refused::NoChange)?;
        if let EndpointKind::Gateway { route_tables } = &mut e.kind {
            if route_tables.iter().any(|t| t.as_str() == table_id) {
                return Err(Refused::NoChange);
            }
            route_tables.push(table_id.into());
        }
        let endpoint = doc.display_name(ep.as_str()).to_owned();
        return Ok(note.or(Some(Note::EndpointAssociated {
            table: doc.display_name(table_id).to_owned(),
            endpoint,
        })));
    }
    let display_target = |doc: &Document, t: &RouteTarget| {
        topology::target_id(t)
            .map(|id| doc.display_name(id).to_owned())
            .unwrap_or_else(|| "local".into())
    };
    let t = doc
        .route_tables
        .iter()
        .find(|t| t.id.as_str() == table_id)
        .cloned()
        .ok_or(Refused::NoChange)?;
    let mut routes = t.routes.clone();
    match routes.iter().position(|r| r.destination == destination) {
        Some(i) if routes[i].target == route_target => return Err(Refused::NoChange),
        Some(i) => {
            let old = display_target(doc, &routes[i].target);
            routes[i].target = route_target;
            if note.is_none() {
                note = Some(Note::RouteReplaced {
                    table: doc.display_name(table_id).to_owned(),
                    destination: topology::destination_text(&destination),
                    old,
                });
            }
        }
        None => routes.push(Route {
            destination,
            target: route_target,
        }),
    }
    table_mut(doc, table_id)?.routes = routes;
    Ok(note)
}

/// A network ACL rule numbered `number` that allows all traffic from or to anywhere: what AWS
/// puts in a new ACL's default entries, and what a rule added in the inspector starts as.
/// Inlined because a call here measured larger in the brotli download than the copies.
#[inline]
pub fn allow_all_rule(number: u16) -> NaclRule {
    NaclRule {
        number,
        action: NaclAction::Allow,
        protocol: Protocol::All,
        from_port: 0,
        to_port: 65535,
        cidr: "0.0.0.0/0".into(),
    }
}

/// A new route for a table: the first of `0.0.0.0/0` / `::/0` the table lacks, to the first
/// fitting target in its VPC (a NAT gateway, else the internet gateway; an egress-only
/// gateway for IPv6). `None` when the VPC has nothing to route to.
pub fn default_new_route(doc: &Document, table_id: &str) -> Option<Route> {
    let t = topology::table(doc, table_id)?;
    let vpc = t.vpc.as_str();
    let has = |d: &str| {
        t.routes
            .iter()
            .any(|r| matches!(&r.destination, RouteDestination::Cidr(c) if c.as_str() == d))
    };
    let nat = doc
        .nat_gateways
        .iter()
        .find(|n| vpc_of_subnet(doc, n.subnet.as_str()).as_deref() == Some(vpc));
    let igw = doc
        .internet_gateways
        .iter()
        .find(|g| g.vpc.as_ref().is_some_and(|v| v.as_str() == vpc));
    let eigw = doc
        .egress_only_gateways
        .iter()
        .find(|g| g.vpc.as_ref().is_some_and(|v| v.as_str() == vpc));
    if !has("0.0.0.0/0") {
        let target = nat
            .map(|n| RouteTarget::NatGateway(n.id.clone()))
            .or_else(|| igw.map(|g| RouteTarget::InternetGateway(g.id.clone())));
        if let Some(target) = target {
            return Some(Route {
                destination: RouteDestination::Cidr("0.0.0.0/0".into()),
                target,
            });
        }
    }
    if !has("::/0") {
        let target = eigw
            .map(|g| RouteTarget::EgressOnlyGateway(g.id.clone()))
            .or_else(|| igw.map(|g| RouteTarget::InternetGateway(g.id.clone())));
        if let Some(target) = target {
            return Some(Route {
                destination: RouteDestination::Cidr("::/0".into()),
                target,
            });
        }
    }
    None
}

/// Every target a route of `table` may name, with its display name: gateways attached to
/// the table's VPC, NAT gateways in it, peering connections, gateway endpoints.
pub fn route_targets(doc: &Document, table_id: &str) -> Vec<RouteTarget> {
    let Some(t) = topology::table(doc, table_id) else {
        return vec![];
    };
    let vpc = t.vpc.as_str();
    let mut out = vec![RouteTarget::Local];
    out.extend(
        doc.internet_gateways
            .iter()
            .filter(|g| g.vpc.as_ref().is_some_and(|v| v.as_str() == vpc))
            .map(|g| RouteTarget::InternetGateway(g.id.clone())),
    );
    out.extend(
        doc.egress_only_gateways
            .iter()
            .filter(|g| g.vpc.as_ref().is_some_and(|v| v.as_str() == vpc))
            .map(|g| RouteTarget::EgressOnlyGateway(g.id.clone())),
    );
    out.extend(
        doc.nat_gateways
            .iter()
            .filter(|n| vpc_of_subnet(doc, n.subnet.as_str()).as_deref() == Some(vpc))
            .map(|n| RouteTarget::NatGateway(n.id.clone())),
    );
    out.extend(
        doc.peering_connections
            .iter()
            .filter(|p| p.requester_vpc.as_str() == vpc || p.accepter_vpc.as_str() == vpc)
            .map(|p| RouteTarget::VpcPeering(p.id.clone())),
    );
    out.extend(
        doc.endpoints
            .iter()
            .filter(|e| e.vpc.as_str() == vpc && matches!(e.kind, EndpointKind::Gateway { .. }))
            .map(|e| RouteTarget::GatewayEndpoint(e.id.clone())),
    );
    out
}

// --- Typed values -------------------------------------------------------------------------

fn cidr_error(doc: &Document, id: &str, field: &str, text: &str, err: CidrError) -> Message {
    let base = |mid| {
        Message::new(mid)
            .arg("component", doc.display_name(id))
            .arg("field", field)
            .arg("value", text)
    };
    match err {
        CidrError::Empty | CidrError::Malformed => base(ExplanationId::VCidrMalformed),
        // Not refused (rule I1: EC2 keeps the network address); kept for completeness.
        CidrError::HostBitsSet { suggestion } => base(ExplanationId::I1CidrHostBits).arg("expected", suggestion),
    }
}

/// A typed CIDR, read as EC2 reads it: host bits set are accepted, kept as typed, and the
/// validator's info (I1) says which network AWS stores.
fn parse_field(doc: &Document, id: &str, field: &str, text: &str) -> Result<IpNet, Refused> {
    parse_stored_cidr(text).map_err(|e| Refused::Invalid(cidr_error(doc, id, field, text, e)))
}

fn set_text(doc: &mut Document, key: &TextKey, text: &str) -> Result<(), Refused> {
    let id = key.id.as_str();
    let trimmed = text.trim();
    match &key.field {
        TextField::Cidr => {
            let net = parse_field(doc, id, "cidr", trimmed)?;
            let IpNet::V4(v4) = net else {
                return Err(Refused::Invalid(cidr_error(
                    doc,
                    id,
                    "cidr",
                    trimmed,
                    CidrError::Malformed,
                )));
            };
            let size_error = || {
                Refused::Invalid(
                    Message::new(ExplanationId::VSubnetSize)
                        .arg("component", doc.display_name(id))
                        .arg("subnet", doc.display_name(id))
                        .arg("value", trimmed)
                        .arg("field", "cidr"),
                )
            };
            if !(16..=28).contains(&v4.prefix_len()) {
                return Err(size_error());
            }
            if let Some(v) = doc.vpcs.iter_mut().find(|v| v.id.as_str() == id) {
                v.cidr = trimmed.into();
                return Ok(());
            }
            let s = subnet(doc, id).cloned().ok_or(Refused::NoChange)?;
            let vpc = doc.vpcs.iter().find(|v| v.id == s.vpc);
            if let Some(vpc) = vpc {
                let blocks: Vec<IpNet> = std::iter::once(&vpc.cidr)
                    .chain(vpc.secondary_cidrs.iter())
                    .filter_map(|c| parse_cidr(c.as_str()).ok())
                    .collect();
                if !blocks.is_empty() && !blocks.iter().any(|b| b.contains(&net)) {
                    return Err(Refused::Invalid(
                        Message::new(ExplanationId::VSubnetOutsideVpc)
                            .arg("component", doc.display_name(id))
                            .arg("subnet", doc.display_name(id))
                            .arg("value", trimmed)
                            .arg("vpc", doc.display_name(vpc.id.as_str()))
                            .arg("expected", vpc.cidr.as_str())
                            .arg("field", "cidr"),
                    ));
                }
            }
            let clash = doc
                .subnets
                .iter()
                .filter(|o| o.vpc == s.vpc && o.id != s.id)
                .find(|o| parse_cidr(o.cidr.as_str()).is_ok_and(|n| nets_overlap(&n, &net)));
            if let Some(o) = clash {
                return Err(Refused::Invalid(
                    Message::new(ExplanationId::VSubnetsOverlap)
                        .arg("component", doc.display_name(id))
                        .arg("subnet", doc.display_name(id))
                        .arg("other", doc.display_name(o.id.as_str()))
                        .arg("vpc", doc.display_name(s.vpc.as_str()))
                        .arg("value", trimmed)
                        .arg("field", "cidr"),
                ));
            }
            let s = doc
                .subnets
                .iter_mut()
                .find(|x| x.id.as_str() == id)
                .expect("found above");
            s.cidr = trimmed.into();
            Ok(())
        }
        TextField::Ipv6Cidr => {
            let value = if trimmed.is_empty() {
                None
            } else {
                let net = parse_field(doc, id, "ipv6_cidr", trimmed)?;
                if !matches!(net, IpNet::V6(_)) {
                    return Err(Refused::Invalid(cidr_error(
                        doc,
                        id,
                        "ipv6_cidr",
                        trimmed,
                        CidrError::Malformed,
                    )));
                }
                if let Some(s) = subnet(doc, id) {
                    let vpc6 = doc
                        .vpcs
                        .iter()
                        .find(|v| v.id == s.vpc)
                        .and_then(|v| v.ipv6_cidr.as_ref())
                        .and_then(|c| parse_cidr(c.as_str()).ok());
                    let inside = vpc6.is_some_and(|v| v.contains(&net));
                    if !inside || net.prefix_len() != 64 {
                        return Err(Refused::Invalid(
                            Message::new(ExplanationId::VSubnetIpv6)
                                .arg("component", doc.display_name(id))
                                .arg("subnet", doc.display_name(id))
                                .arg("vpc", doc.display_name(s.vpc.as_str()))
                                .arg("value", trimmed)
                                .arg("field", "ipv6_cidr"),
                        ));
                    }
                }
                Some(CidrText::from(trimmed))
            };
            if let Some(v) = doc.vpcs.iter_mut().find(|v| v.id.as_str() == id) {
                v.ipv6_cidr = value;
            } else if let Some(s) = doc.subnets.iter_mut().find(|x| x.id.as_str() == id) {
                s.ipv6_cidr = value;
            } else {
                return Err(Refused::NoChange);
            }
            Ok(())
        }
        TextField::RouteDestination(i) => {
            let field = format!("routes[{i}].destination");
            parse_field(doc, id, &field, trimmed)?;
            let t = topology::table(doc, id).ok_or(Refused::NoChange)?;
            let dup =
                t.routes.iter().enumerate().any(|(j, r)| {
                    j != *i && matches!(&r.destination, RouteDestination::Cidr(c) if c.as_str() == trimmed)
                });
            if dup {
                return Err(Refused::Invalid(
                    Message::new(ExplanationId::VDuplicateRoute)
                        .arg("component", doc.display_name(id))
                        .arg("route_table", doc.display_name(id))
                        .arg("destination", trimmed)
                        .arg("value", trimmed)
                        .arg("field", field),
                ));
            }
            let t = table_mut(doc, id)?;
            t.routes.get_mut(*i).ok_or(Refused::NoChange)?.destination = RouteDestination::Cidr(trimmed.into());
            Ok(())
        }
        TextField::SgRuleCidr { inbound, index } => {
            let field = format!("{}[{index}].peer", if *inbound { "inbound" } else { "outbound" });
            parse_field(doc, id, &field, trimmed)?;
            let g = doc
                .security_groups
                .iter_mut()
                .find(|g| g.id.as_str() == id)
                .ok_or(Refused::NoChange)?;
            let rules = if *inbound { &mut g.inbound } else { &mut g.outbound };
            rules.get_mut(*index).ok_or(Refused::NoChange)?.peer = SgPeer::Cidr(trimmed.into());
            Ok(())
        }
        TextField::NaclRuleCidr { inbound, index } => {
            let field = format!("{}[{index}].cidr", if *inbound { "inbound" } else { "outbound" });
            parse_field(doc, id, &field, trimmed)?;
            let n = doc
                .network_acls
                .iter_mut()
                .find(|n| n.id.as_str() == id)
                .ok_or(Refused::NoChange)?;
            let rules = if *inbound { &mut n.inbound } else { &mut n.outbound };
            rules.get_mut(*index).ok_or(Refused::NoChange)?.cidr = trimmed.into();
            Ok(())
        }
        TextField::StorePorts => {
            let ports = parse_ports(trimmed).map_err(|bad| {
                Refused::Invalid(
                    Message::new(ExplanationId::VStorePort)
                        .arg("component", doc.display_name(id))
                        .arg("field", "ports")
                        .arg("value", bad),
                )
            })?;
            let store = doc
                .data_stores
                .iter_mut()
                .find(|d| d.id.as_str() == id)
                .ok_or(Refused::NoChange)?;
            store.ports = ports;
            Ok(())
        }
    }
}

/// Ports typed as `2049`, `6379, 6380` or `9094 9098`: each from 1 to 65535, each once, in
/// the order typed; empty pieces (a trailing comma while typing) are skipped. `Err` holds
/// the first piece that is not a port.
pub fn parse_ports(text: &str) -> Result<Vec<u16>, String> {
    let mut out: Vec<u16> = Vec::new();
    for piece in text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        match piece.parse::<u16>() {
            Ok(p) if p > 0 => {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
            _ => return Err(piece.to_owned()),
        }
    }
    Ok(out)
}

/// The text a field holds in the document (what the inspector shows without a draft).
pub fn text_value(doc: &Document, key: &TextKey) -> String {
    let id = key.id.as_str();
    match &key.field {
        TextField::Cidr => doc
            .vpcs
            .iter()
            .find(|v| v.id.as_str() == id)
            .map(|v| v.cidr.0.clone())
            .or_else(|| subnet(doc, id).map(|s| s.cidr.0.clone()))
            .unwrap_or_default(),
        TextField::Ipv6Cidr => doc
            .vpcs
            .iter()
            .find(|v| v.id.as_str() == id)
            .map(|v| v.ipv6_cidr.clone())
            .or_else(|| subnet(doc, id).map(|s| s.ipv6_cidr.clone()))
            .flatten()
            .map(|c| c.0)
            .unwrap_or_default(),
        TextField::RouteDestination(i) => topology::table(doc, id)
            .and_then(|t| t.routes.get(*i))
            .map(|r| topology::destination_text(&r.destination))
            .unwrap_or_default(),
        TextField::SgRuleCidr { inbound, index } => doc
            .security_groups
            .iter()
            .find(|g| g.id.as_str() == id)
            .and_then(|g| {
                if *inbound {
                    g.inbound.get(*index)
                } else {
                    g.outbound.get(*index)
                }
            })
            .and_then(|r| match &r.peer {
                SgPeer::Cidr(c) => Some(c.0.clone()),
                _ => None,
            })
            .unwrap_or_default(),
        TextField::NaclRuleCidr { inbound, index } => doc
            .network_acls
            .iter()
            .find(|n| n.id.as_str() == id)
            .and_then(|n| {
                if *inbound {
                    n.inbound.get(*index)
                } else {
                    n.outbound.get(*index)
                }
            })
            .map(|r| r.cidr.0.clone())
            .unwrap_or_default(),
        TextField::StorePorts => doc
            .data_stores
            .iter()
            .find(|d| d.id.as_str() == id)
            .map(|d| d.ports.iter().map(u16::to_string).collect::<Vec<_>>().join(", "))
            .unwrap_or_default(),
    }
}

// --- Delete and duplicate -----------------------------------------------------------------

/// A set of ids kept as a list: a deletion touches a handful of components, and a list
/// costs the download none of the tree and sorting code a `BTreeSet` brings.
#[derive(Default)]
struct IdSet(Vec<String>);

impl IdSet {
    fn contains(&self, id: &str) -> bool {
        self.0.iter().any(|g| g == id)
    }

    fn insert(&mut self, id: String) {
        if !self.contains(&id) {
            self.0.push(id);
        }
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

/// Deletes components and what cannot exist without them (a VPC's subnets, tables, groups
/// and gateways; a subnet's NAT gateways and instances; functions, databases and data stores
/// left with no subnet), then removes references to them (an RDS Proxy whose database is
/// deleted fronts nothing). Routes to a deleted target stay, as
/// blackholes, as they do in AWS.
fn delete(doc: &mut Document, ids: &[String]) {
    let mut gone = IdSet::default();
    for id in ids {
        gone.insert(id.clone());
    }
    // Grow the set until it is closed under "cannot exist without".
    loop {
        let before = gone.len();
        let has = |s: &str, gone: &IdSet| gone.contains(s);
        for s in &doc.subnets {
            if has(s.vpc.as_str(), &gone) {
                gone.insert(s.id.0.clone());
            }
        }
        for t in &doc.route_tables {
            if has(t.vpc.as_str(), &gone) {
                gone.insert(t.id.0.clone());
            }
        }
        for g in &doc.security_groups {
            if has(g.vpc.as_str(), &gone) {
                gone.insert(g.id.0.clone());
            }
        }
        for n in &doc.network_acls {
            if has(n.vpc.as_str(), &gone) {
                gone.insert(n.id.0.clone());
            }
        }
        for e in &doc.endpoints {
            if has(e.vpc.as_str(), &gone) {
                gone.insert(e.id.0.clone());
            }
        }
        for g in &doc.internet_gateways {
            if g.vpc.as_ref().is_some_and(|v| has(v.as_str(), &gone)) {
                gone.insert(g.id.0.clone());
            }
        }
        for g in &doc.egress_only_gateways {
            if g.vpc.as_ref().is_some_and(|v| has(v.as_str(), &gone)) {
                gone.insert(g.id.0.clone());
            }
        }
        for p in &doc.peering_connections {
            if has(p.requester_vpc.as_str(), &gone) || has(p.accepter_vpc.as_str(), &gone) {
                gone.insert(p.id.0.clone());
            }
        }
        for n in &doc.nat_gateways {
            if has(n.subnet.as_str(), &gone) {
                gone.insert(n.id.0.clone());
            }
        }
        for i in &doc.instances {
            if has(i.subnet.as_str(), &gone) {
                gone.insert(i.id.0.clone());
            }
        }
        for f in &doc.functions {
            if let Some(c) = &f.vpc_config {
                if !c.subnets.is_empty() && c.subnets.iter().all(|s| has(s.as_str(), &gone)) {
                    gone.insert(f.id.0.clone());
                }
            }
        }
        for d in &doc.databases {
            if !d.subnet_group.is_empty() && d.subnet_group.iter().all(|s| has(s.as_str(), &gone)) {
                gone.insert(d.id.0.clone());
            }
        }
        for d in &doc.data_stores {
            if !d.subnets.is_empty() && d.subnets.iter().all(|s| has(s.as_str(), &gone)) {
                gone.insert(d.id.0.clone());
            }
        }
        if gone.len() == before {
            break;
        }
    }
    let g = |s: &str| gone.contains(s);
    macro_rules! drop_gone {
        ($($list:ident),*) => { $( doc.$list.retain(|x| !g(x.id())); )* };
    }
    vpc_engine::with_component_lists!(drop_gone);
    doc.layout.retain(|id, _| !g(id));
    for v in &mut doc.vpcs {
        if v.main_route_table.as_ref().is_some_and(|t| g(t.as_str())) {
            v.main_route_table = None;
        }
        if v.default_nacl.as_ref().is_some_and(|t| g(t.as_str())) {
            v.default_nacl = None;
        }
    }
    for s in &mut doc.subnets {
        if s.route_table.as_ref().is_some_and(|t| g(t.as_str())) {
            s.route_table = None;
        }
        if s.nacl.as_ref().is_some_and(|t| g(t.as_str())) {
            s.nacl = None;
        }
    }
    for e in &mut doc.endpoints {
        match &mut e.kind {
            EndpointKind::Gateway { route_tables } => route_tables.retain(|t| !g(t.as_str())),
            EndpointKind::Interface {
                subnets,
                security_groups,
                ..
            } => {
                subnets.retain(|t| !g(t.as_str()));
                security_groups.retain(|t| !g(t.as_str()));
            }
        }
    }
    for sg in &mut doc.security_groups {
        let keep = |r: &SgRule| !matches!(&r.peer, SgPeer::SecurityGroup(p) if g(p.as_str()));
        sg.inbound.retain(keep);
        sg.outbound.retain(keep);
    }
    for f in &mut doc.functions {
        if let Some(c) = &mut f.vpc_config {
            c.subnets.retain(|s| !g(s.as_str()));
            c.security_groups.retain(|s| !g(s.as_str()));
        }
    }
    for d in &mut doc.databases {
        d.subnet_group.retain(|s| !g(s.as_str()));
        d.security_groups.retain(|s| !g(s.as_str()));
    }
    for d in &mut doc.data_stores {
        d.subnets.retain(|s| !g(s.as_str()));
        d.security_groups.retain(|s| !g(s.as_str()));
        if d.fronts.as_ref().is_some_and(|db| g(db.as_str())) {
            d.fronts = None;
        }
    }
    for i in &mut doc.instances {
        i.security_groups.retain(|s| !g(s.as_str()));
    }
}

fn copy_name(doc: &Document, id: &str) -> String {
    unique_id(doc, &format!("{id}-copy"))
}

/// Duplicates components one by one (a VPC or subnet without its contents), offset so the
/// copy is visible; returns the new ids.
fn duplicate(doc: &mut Document, ids: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for id in ids {
        let Some(c) = Component::get(doc, id) else { continue };
        let new_id = copy_name(doc, id);
        let mut rect = doc.layout.get(id.as_str()).copied().unwrap_or_default();
        rect.x += 30.0;
        rect.y += 30.0;
        let mut c = c;
        if !c.name().is_empty() {
            c.set_name(new_id.clone());
        }
        c.set_id(&new_id);
        // What a copy cannot share with its original.
        match &mut c {
            Component::Vpc(v) => {
                v.cidr = CidrText::new(next_vpc_cidr(doc));
                v.secondary_cidrs.clear();
                v.ipv6_cidr = None;
                v.main_route_table = None;
                v.default_nacl = None;
                rect.x += rect.w;
                rect.y -= 30.0;
            }
            Component::Subnet(s) => {
                let Some(vpc) = doc.vpcs.iter().find(|v| v.id == s.vpc).cloned() else {
                    continue;
                };
                let Some(cidr) = next_subnet_cidr(doc, &vpc) else {
                    continue;
                };
                s.cidr = CidrText::new(cidr);
                s.ipv6_cidr = None;
                if let Some(v) = doc.layout.get(vpc.id.as_str()) {
                    rect = geometry::clamp_inside(rect, v, 14.0);
                }
            }
            // A VPC has one internet gateway: the copy starts detached.
            Component::Igw(x) => x.vpc = None,
            Component::Sg(x) => {
                // Rules about the group itself are about the copy in the copy.
                let old = SgPeer::SecurityGroup(id.as_str().into());
                for r in x.inbound.iter_mut().chain(x.outbound.iter_mut()) {
                    if r.peer == old {
                        r.peer = SgPeer::SecurityGroup(x.id.clone());
                    }
                }
            }
            // One node per service is enough: its badges already show on every function.
            Component::Service(_) => continue,
            // The rest copy as they are: a copied database or data store has the same
            // subnets and groups (an RDS Proxy copy fronts the same database).
            _ => {}
        }
        c.push(doc);
        doc.layout.insert(new_id.clone(), rect);
        out.push(new_id);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starter() -> Document {
        vpc_engine::model::load(include_str!("../../designs/starter.json")).unwrap()
    }

    fn ok(doc: &Document, a: DocAction) -> Change {
        apply(doc, &a).unwrap_or_else(|e| panic!("{a:?} refused: {e:?}"))
    }

    fn centre_of(doc: &Document, id: &str) -> Point {
        let r = doc.layout[id];
        Point::new(r.x + r.w / 2.0, r.y + r.h / 2.0)
    }

    #[test]
    fn a_lambda_dropped_in_a_subnet_runs_there_with_a_security_group() {
        let doc = starter();
        let c = ok(
            &doc,
            DocAction::AddComponent {
                item: PaletteItem::Lambda,
                at: centre_of(&doc, "private-a"),
            },
        );
        let id = &c.select.as_ref().unwrap()[0];
        let f = c.doc.functions.iter().find(|f| f.id.as_str() == id).unwrap();
        let cfg = f.vpc_config.as_ref().unwrap();
        assert_eq!(cfg.subnets, vec!["private-a".into()]);
        assert_eq!(cfg.security_groups, vec!["app-sg".into()]);
    }

    #[test]
    fn a_lambda_dropped_outside_every_vpc_has_no_vpc_config() {
        let doc = starter();
        let c = ok(
            &doc,
            DocAction::AddComponent {
                item: PaletteItem::Lambda,
                at: Point::new(-300.0, -300.0),
            },
        );
        let f = c.doc.functions.last().unwrap();
        assert!(f.vpc_config.is_none());
    }

    #[test]
    fn a_subnet_dropped_in_a_vpc_gets_the_next_free_block_and_a_zone() {
        let doc = starter();
        let c = ok(
            &doc,
            DocAction::AddComponent {
                item: PaletteItem::Subnet,
                at: Point::new(420.0, 330.0),
            },
        );
        let s = c.doc.subnets.last().unwrap();
        assert_eq!(s.vpc.as_str(), "main-vpc");
        assert_eq!(s.cidr.as_str(), "10.0.2.0/24");
        assert_eq!(s.az, "us-east-1c");
        assert!(geometry::contains_rect(
            &c.doc.layout["main-vpc"],
            &c.doc.layout[s.id.as_str()]
        ));
    }

    #[test]
    fn a_subnet_dropped_on_other_subnets_moves_to_free_room_or_grows_the_vpc() {
        let doc = starter();
        // Dropped right on private-a: it must not overlap any subnet.
        let c = ok(
            &doc,
            DocAction::AddComponent {
                item: PaletteItem::Subnet,
                at: centre_of(&doc, "private-a"),
            },
        );
        let new = c.doc.layout[c.select.as_ref().unwrap()[0].as_str()];
        for s in &doc.subnets {
            assert!(
                !geometry::overlaps(&new, &doc.layout[s.id.as_str()]),
                "overlaps {}",
                s.id
            );
        }
        assert!(geometry::contains_rect(&c.doc.layout["main-vpc"], &new));
        assert!(
            c.doc.layout["main-vpc"].h > doc.layout["main-vpc"].h,
            "the full VPC grew"
        );
    }

    #[test]
    fn a_subnet_outside_a_vpc_is_refused_with_a_reason() {
        let doc = starter();
        let r = apply(
            &doc,
            &DocAction::AddComponent {
                item: PaletteItem::Subnet,
                at: Point::new(2000.0, 2000.0),
            },
        );
        assert_eq!(r, Err(Refused::Note(Note::NeedsVpc)));
    }

    #[test]
    fn a_new_vpc_gets_a_free_block() {
        let doc = starter();
        let c = ok(
            &doc,
            DocAction::AddComponent {
                item: PaletteItem::Vpc,
                at: Point::new(2000.0, 2000.0),
            },
        );
        assert_eq!(c.doc.vpcs.last().unwrap().cidr.as_str(), "10.1.0.0/16");
    }

    #[test]
    fn an_internet_gateway_snaps_to_the_vpc_edge_and_attaches() {
        let mut doc = starter();
        doc.internet_gateways.clear();
        doc.layout.remove("main-igw");
        let c = ok(
            &doc,
            DocAction::AddComponent {
                item: PaletteItem::Igw,
                at: Point::new(300.0, 45.0),
            },
        );
        let g = c.doc.internet_gateways.last().unwrap();
        assert_eq!(g.vpc.as_ref().map(|v| v.as_str()), Some("main-vpc"));
        let r = c.doc.layout[g.id.as_str()];
        assert_eq!((r.x, r.y), (300.0, 60.0));
    }

    #[test]
    fn moving_a_lambda_to_another_subnet_moves_its_eni() {
        let doc = starter();
        let c = ok(
            &doc,
            DocAction::MoveNode {
                id: "orders-fn".into(),
                to: centre_of(&doc, "private-a"),
            },
        );
        let cfg = c.doc.functions[0].vpc_config.as_ref().unwrap();
        // It was drawn in public-a; that subnet is replaced, public-b stays.
        assert_eq!(cfg.subnets, vec!["private-a".into(), "public-b".into()]);
    }

    #[test]
    fn moving_a_lambda_out_of_the_vpc_detaches_it() {
        let doc = starter();
        let c = ok(
            &doc,
            DocAction::MoveNode {
                id: "orders-fn".into(),
                to: Point::new(-200.0, 100.0),
            },
        );
        assert!(c.doc.functions[0].vpc_config.is_none());
    }

    #[test]
    fn moving_a_vpc_carries_its_contents() {
        let doc = starter();
        let c = ok(
            &doc,
            DocAction::MoveNode {
                id: "main-vpc".into(),
                to: Point::new(140.0, 160.0),
            },
        );
        for id in ["public-a", "orders-fn", "main-igw", "app-sg", "public-rt"] {
            assert_eq!(c.doc.layout[id].x, doc.layout[id].x + 100.0, "{id}");
            assert_eq!(c.doc.layout[id].y, doc.layout[id].y + 100.0, "{id}");
        }
        // Not the service, which belongs to no VPC and is drawn outside it.
        assert_eq!(c.doc.layout["s3"], doc.layout["s3"]);
    }

    #[test]
    fn a_subnet_cannot_be_dragged_out_of_its_vpc() {
        let doc = starter();
        let c = ok(
            &doc,
            DocAction::MoveNode {
                id: "private-b".into(),
                to: Point::new(5000.0, 350.0),
            },
        );
        assert!(geometry::contains_rect(
            &c.doc.layout["main-vpc"],
            &c.doc.layout["private-b"]
        ));
    }

    #[test]
    fn connecting_a_subnet_that_shares_the_main_table_gives_it_its_own() {
        let mut doc = starter();
        doc.nat_gateways.push(NatGateway {
            id: "nat-1".into(),
            name: "nat-1".into(),
            subnet: "public-a".into(),
            ..Default::default()
        });
        doc.layout.insert(
            "nat-1".into(),
            Rect {
                x: 150.0,
                y: 250.0,
                w: 0.0,
                h: 0.0,
            },
        );
        let c = ok(
            &doc,
            DocAction::ConnectRoute {
                from: "private-a".into(),
                target: "nat-1".into(),
            },
        );
        let s = topology::subnet(&c.doc, "private-a").unwrap();
        let t = topology::effective_table(&c.doc, s).unwrap();
        assert_eq!(t.id.as_str(), "private-a-rt");
        assert_eq!(
            t.routes,
            vec![Route {
                destination: RouteDestination::Cidr("0.0.0.0/0".into()),
                target: RouteTarget::NatGateway("nat-1".into())
            }]
        );
        assert!(matches!(c.note, Some(Note::OwnTableCreated { ref others, .. }) if others == "private-b"));
        // private-b still uses the untouched main table.
        let b = topology::subnet(&c.doc, "private-b").unwrap();
        assert!(topology::effective_table(&c.doc, b).unwrap().routes.is_empty());
        assert_eq!(c.select, Some(vec!["private-a".into()]));
    }

    #[test]
    fn connecting_to_a_gateway_endpoint_associates_the_table() {
        let mut doc = starter();
        doc.endpoints.push(Endpoint {
            id: "s3-gw".into(),
            name: String::new(),
            vpc: "main-vpc".into(),
            service: AwsService::S3,
            kind: EndpointKind::Gateway { route_tables: vec![] },
            policy: EndpointPolicy::AllowAll,
        });
        let c = ok(
            &doc,
            DocAction::ConnectRoute {
                from: "public-a".into(),
                target: "s3-gw".into(),
            },
        );
        assert_eq!(
            c.doc.endpoints[0].kind,
            EndpointKind::Gateway {
                route_tables: vec!["public-rt".into()]
            }
        );
        assert!(matches!(c.note, Some(Note::SharedTableChanged { .. })));
        assert_eq!(
            apply(
                &c.doc,
                &DocAction::ConnectRoute {
                    from: "public-a".into(),
                    target: "s3-gw".into()
                }
            ),
            Err(Refused::NoChange)
        );
    }

    #[test]
    fn connecting_from_a_route_table_changes_that_table_for_all_its_subnets() {
        let mut doc = starter();
        doc.nat_gateways.push(NatGateway {
            id: "nat-1".into(),
            name: "nat-1".into(),
            subnet: "public-a".into(),
            ..Default::default()
        });
        doc.layout.insert(
            "nat-1".into(),
            Rect {
                x: 150.0,
                y: 250.0,
                w: 0.0,
                h: 0.0,
            },
        );
        let c = ok(
            &doc,
            DocAction::ConnectRoute {
                from: "private-rt".into(),
                target: "nat-1".into(),
            },
        );
        let t = topology::table(&c.doc, "private-rt").unwrap();
        assert_eq!(
            t.routes,
            vec![Route {
                destination: RouteDestination::Cidr("0.0.0.0/0".into()),
                target: RouteTarget::NatGateway("nat-1".into())
            }]
        );
        assert!(
            matches!(c.note, Some(Note::SharedTableChanged { ref others, .. }) if others == "private-a, private-b")
        );
        assert_eq!(c.doc.route_tables.len(), doc.route_tables.len(), "no new table");
        assert_eq!(c.select, Some(vec!["private-rt".into()]));
    }

    #[test]
    fn connecting_to_something_that_is_not_a_gateway_is_refused() {
        let doc = starter();
        let r = apply(
            &doc,
            &DocAction::ConnectRoute {
                from: "private-a".into(),
                target: "orders-db".into(),
            },
        );
        assert_eq!(r, Err(Refused::Note(Note::NotARouteTarget)));
    }

    #[test]
    fn a_malformed_cidr_is_refused_with_the_catalogue_id() {
        let doc = starter();
        let key = TextKey {
            id: "private-a".into(),
            field: TextField::Cidr,
        };
        match apply(
            &doc,
            &DocAction::SetText {
                key: key.clone(),
                text: "10.0.300.0/24".into(),
            },
        ) {
            Err(Refused::Invalid(m)) => {
                assert_eq!(m.id, ExplanationId::VCidrMalformed);
                assert!(m.args.iter().any(|(k, v)| *k == "value" && &**v == "10.0.300.0/24"));
            }
            other => panic!("{other:?}"),
        }
        // Rule I1: EC2 accepts host bits and stores the network; the text is kept as typed and
        // validation says which network is used.
        match apply(
            &doc,
            &DocAction::SetText {
                key: key.clone(),
                text: "10.0.10.5/24".into(),
            },
        ) {
            Ok(Change { doc: next, .. }) => {
                let s = next.subnets.iter().find(|s| s.id.as_str() == "private-a").unwrap();
                assert_eq!(s.cidr.as_str(), "10.0.10.5/24");
                let infos: Vec<_> = vpc_engine::validate::validate(&next)
                    .into_iter()
                    .filter(|d| d.message.id == ExplanationId::I1CidrHostBits)
                    .collect();
                assert_eq!(infos.len(), 1, "{infos:?}");
                assert_eq!(infos[0].message.get("expected"), Some("10.0.10.0/24"));
            }
            other => panic!("{other:?}"),
        }
        match apply(
            &doc,
            &DocAction::SetText {
                key: key.clone(),
                text: "10.9.0.0/24".into(),
            },
        ) {
            Err(Refused::Invalid(m)) => assert_eq!(m.id, ExplanationId::VSubnetOutsideVpc),
            other => panic!("{other:?}"),
        }
        match apply(
            &doc,
            &DocAction::SetText {
                key: key.clone(),
                text: "10.0.11.0/24".into(),
            },
        ) {
            Err(Refused::Invalid(m)) => assert_eq!(m.id, ExplanationId::VSubnetsOverlap),
            other => panic!("{other:?}"),
        }
        let c = ok(
            &doc,
            DocAction::SetText {
                key,
                text: "10.0.20.0/24".into(),
            },
        );
        assert_eq!(
            topology::subnet(&c.doc, "private-a").unwrap().cidr.as_str(),
            "10.0.20.0/24"
        );
        assert!(c.merge.is_some());
    }

    #[test]
    fn deleting_a_subnet_takes_what_lives_only_there_and_cleans_references() {
        let doc = starter();
        let c = ok(
            &doc,
            DocAction::DeleteComponents {
                ids: vec!["public-a".into()],
            },
        );
        let cfg = c.doc.functions[0].vpc_config.as_ref().unwrap();
        assert_eq!(cfg.subnets, vec!["public-b".into()]);
        assert!(!c.doc.layout.contains_key("public-a"));
        let c = ok(
            &c.doc,
            DocAction::DeleteComponents {
                ids: vec!["public-b".into()],
            },
        );
        assert!(c.doc.functions.is_empty());
    }

    fn add(doc: &Document, item: PaletteItem, at: &str) -> (Document, String) {
        let c = ok(
            doc,
            DocAction::AddComponent {
                item,
                at: centre_of(doc, at),
            },
        );
        let id = c.select.unwrap()[0].clone();
        (c.doc, id)
    }

    fn store<'a>(doc: &'a Document, id: &str) -> &'a DataStore {
        doc.data_stores.iter().find(|d| d.id.as_str() == id).unwrap()
    }

    fn subnet_ids(list: &[SubnetId]) -> Vec<&str> {
        list.iter().map(|s| s.as_str()).collect()
    }

    #[test]
    fn an_efs_file_system_dropped_in_a_subnet_gets_a_mount_target_in_every_az() {
        // The starter VPC has two AZs, each with a public and a private subnet. Dropped in
        // private-a, EFS gets private-a and the private subnet of the other AZ (us-east-1b).
        let (doc, id) = add(&starter(), PaletteItem::Store(StoreKind::Efs), "private-a");
        assert_eq!(id, "efs-1");
        let s = store(&doc, &id);
        assert_eq!(s.kind, StoreKind::Efs);
        assert_eq!(subnet_ids(&s.subnets), ["private-a", "private-b"]);
        assert_eq!(s.security_groups, vec!["app-sg".into()]);
        assert!(s.ports.is_empty() && s.fronts.is_none() && !s.publicly_accessible);
        let r = doc.layout[&id];
        assert!(geometry::contains(&doc.layout["private-a"], Point::new(r.x, r.y)));
    }

    #[test]
    fn a_cache_dropped_in_a_subnet_gets_a_subnet_group_like_a_database() {
        let (doc, id) = add(&starter(), PaletteItem::Store(StoreKind::Redis), "public-b");
        let s = store(&doc, &id);
        assert_eq!((id.as_str(), s.kind), ("redis-1", StoreKind::Redis));
        // Its own subnet first, then one in the other AZ that is public like it.
        assert_eq!(subnet_ids(&s.subnets), ["public-b", "public-a"]);
    }

    #[test]
    fn a_data_store_dropped_outside_every_subnet_is_refused() {
        let doc = starter();
        let err = apply(
            &doc,
            &DocAction::AddComponent {
                item: PaletteItem::Store(StoreKind::Msk),
                at: Point::new(-500.0, -500.0),
            },
        )
        .unwrap_err();
        assert!(matches!(err, Refused::Note(_)), "{err:?}");
    }

    #[test]
    fn moving_an_efs_file_system_into_a_subnet_replaces_its_mount_target_in_that_az() {
        let (doc, id) = add(&starter(), PaletteItem::Store(StoreKind::Efs), "private-a");
        // public-a is in us-east-1a, where private-a is its mount target: it takes its place,
        // and us-east-1b keeps private-b (one mount target per AZ).
        let c = ok(
            &doc,
            DocAction::MoveNode {
                id: id.clone(),
                to: centre_of(&doc, "public-a"),
            },
        );
        assert_eq!(subnet_ids(&store(&c.doc, &id).subnets), ["public-a", "private-b"]);
    }

    #[test]
    fn deleting_subnets_groups_and_databases_cleans_data_store_references() {
        let (doc, proxy) = add(&starter(), PaletteItem::Store(StoreKind::RdsProxy), "private-a");
        let mut doc = doc;
        doc.data_stores[0].fronts = Some("orders-db".into());
        let (doc, efs) = add(&doc, PaletteItem::Store(StoreKind::Efs), "private-b");
        assert_eq!(subnet_ids(&store(&doc, &efs).subnets), ["private-b", "private-a"]);

        // A subnet goes: each store keeps its other subnets.
        let c = ok(
            &doc,
            DocAction::DeleteComponents {
                ids: vec!["private-a".into()],
            },
        );
        assert_eq!(subnet_ids(&store(&c.doc, &proxy).subnets), ["private-b"]);
        assert_eq!(subnet_ids(&store(&c.doc, &efs).subnets), ["private-b"]);
        // The database behind the proxy goes (its subnet group lost only one subnet): the
        // proxy fronts nothing, and nothing else changes.
        let c = ok(
            &c.doc,
            DocAction::DeleteComponents {
                ids: vec!["orders-db".into()],
            },
        );
        assert_eq!(store(&c.doc, &proxy).fronts, None);
        assert_eq!(subnet_ids(&store(&c.doc, &proxy).subnets), ["private-b"]);
        // The group goes: no store names it.
        let c = ok(
            &c.doc,
            DocAction::DeleteComponents {
                ids: vec!["app-sg".into()],
            },
        );
        assert!(c.doc.data_stores.iter().all(|d| d.security_groups.is_empty()));
        // The last subnet goes: a store cannot exist without one, and its place goes with it.
        let c = ok(
            &c.doc,
            DocAction::DeleteComponents {
                ids: vec!["private-b".into()],
            },
        );
        assert!(c.doc.data_stores.is_empty());
        assert!(!c.doc.layout.contains_key(&proxy) && !c.doc.layout.contains_key(&efs));
    }

    #[test]
    fn duplicating_a_data_store_copies_it_with_a_fresh_id_and_the_same_placement() {
        let (doc, id) = add(&starter(), PaletteItem::Store(StoreKind::Memcached), "private-a");
        let c = ok(&doc, DocAction::DuplicateComponents { ids: vec![id.clone()] });
        let copy = c.select.unwrap()[0].clone();
        assert_eq!(copy, "memcached-1-copy");
        let (a, b) = (store(&c.doc, &id), store(&c.doc, &copy));
        assert_eq!((b.name.as_str(), b.kind), ("memcached-1-copy", StoreKind::Memcached));
        assert_eq!((&b.subnets, &b.security_groups), (&a.subnets, &a.security_groups));
        assert_eq!(c.doc.layout[&copy].x, c.doc.layout[&id].x + 30.0);
    }

    #[test]
    fn every_kind_of_component_round_trips_through_the_component_enum() {
        // Get, put and push are derived from the engine's one list of document collections:
        // each component of a design that has every kind comes back as itself.
        let (doc, _) = add(&starter(), PaletteItem::Store(StoreKind::Efs), "private-a");
        let (doc, _) = add(&doc, PaletteItem::Ec2, "private-b");
        let (doc, _) = add(&doc, PaletteItem::Nat, "public-a");
        let (doc, _) = add(&doc, PaletteItem::InterfaceEndpoint, "private-a");
        let kinds: Vec<ComponentKind> = doc.components().map(|(_, k)| k).collect();
        for (id, kind) in doc.components() {
            let c = Component::get(&doc, id).unwrap_or_else(|| panic!("{id}"));
            assert_eq!((c.id(), c.kind()), (id, kind));
            let mut renamed = c.clone();
            renamed.set_name("renamed".into());
            let mut next = doc.clone();
            assert!(renamed.put(&mut next), "{id}");
            assert_eq!(next.display_name(id), "renamed");
        }
        for k in [
            ComponentKind::DataStore,
            ComponentKind::Instance,
            ComponentKind::NatGateway,
        ] {
            assert!(kinds.contains(&k), "{k:?}");
        }
    }

    #[test]
    fn store_ports_are_validated_and_a_bad_one_is_not_committed() {
        let (doc, id) = add(&starter(), PaletteItem::Store(StoreKind::Redis), "private-a");
        let key = TextKey {
            id: id.clone(),
            field: TextField::StorePorts,
        };
        let c = ok(
            &doc,
            DocAction::SetText {
                key: key.clone(),
                text: "6379, 6380 ,".into(),
            },
        );
        assert_eq!(store(&c.doc, &id).ports, [6379, 6380]);
        assert_eq!(text_value(&c.doc, &key), "6379, 6380");
        for bad in ["6379, 70000", "0", "redis"] {
            let Err(Refused::Invalid(m)) = apply(
                &c.doc,
                &DocAction::SetText {
                    key: key.clone(),
                    text: bad.into(),
                },
            ) else {
                panic!("{bad} was accepted");
            };
            assert_eq!(m.id, ExplanationId::VStorePort);
            let shown = m.render(vpc_engine::explain::Lang::En);
            assert!(
                shown.contains(bad.rsplit(", ").next().unwrap()) && shown.contains("65535"),
                "{shown}"
            );
        }
        // Empty: the product's default ports again.
        let c = ok(&c.doc, DocAction::SetText { key, text: " ".into() });
        assert!(store(&c.doc, &id).ports.is_empty());
    }

    #[test]
    fn deleting_a_vpc_deletes_everything_in_it() {
        let doc = starter();
        let c = ok(
            &doc,
            DocAction::DeleteComponents {
                ids: vec!["main-vpc".into()],
            },
        );
        let left: Vec<_> = c.doc.components().map(|(id, _)| id.to_owned()).collect();
        assert_eq!(left, ["s3"]);
    }

    #[test]
    fn deleting_a_security_group_removes_rules_that_name_it() {
        let mut doc = starter();
        doc.security_groups
            .push(SecurityGroup::with_default_rules("db-sg", "db-sg", "main-vpc".into()));
        doc.security_groups[1]
            .inbound
            .push(SgRule::tcp(5432, SgPeer::SecurityGroup("app-sg".into())));
        let c = ok(
            &doc,
            DocAction::DeleteComponents {
                ids: vec!["app-sg".into()],
            },
        );
        assert!(c.doc.security_groups[0].inbound.is_empty());
        assert!(c.doc.functions[0]
            .vpc_config
            .as_ref()
            .unwrap()
            .security_groups
            .is_empty());
    }

    #[test]
    fn duplicating_a_subnet_gives_a_fresh_block() {
        let doc = starter();
        let c = ok(
            &doc,
            DocAction::DuplicateComponents {
                ids: vec!["private-a".into()],
            },
        );
        assert_eq!(c.select, Some(vec!["private-a-copy".into()]));
        let s = topology::subnet(&c.doc, "private-a-copy").unwrap();
        assert_eq!(s.cidr.as_str(), "10.0.2.0/24");
    }

    #[test]
    fn update_component_replaces_by_id_and_same_value_is_no_change() {
        let doc = starter();
        let Some(Component::Function(mut f)) = Component::get(&doc, "orders-fn") else {
            panic!()
        };
        assert_eq!(
            apply(
                &doc,
                &DocAction::UpdateComponent {
                    value: Component::Function(f.clone()),
                    merge: None
                }
            ),
            Err(Refused::NoChange)
        );
        f.name = "orders".into();
        let c = ok(
            &doc,
            DocAction::UpdateComponent {
                value: Component::Function(f),
                merge: None,
            },
        );
        assert_eq!(c.doc.display_name("orders-fn"), "orders");
    }

    #[test]
    fn membership_changed_in_the_inspector_is_redrawn() {
        let doc = starter();
        let inside = |d: &Document, id: &str, container: &str| {
            let p = d.layout[id];
            geometry::contains(&d.layout[container], Point::new(p.x, p.y))
        };
        // A function taken out of its VPC is drawn outside it.
        let Some(Component::Function(mut f)) = Component::get(&doc, "orders-fn") else {
            panic!()
        };
        f.vpc_config = None;
        let c = ok(
            &doc,
            DocAction::UpdateComponent {
                value: Component::Function(f),
                merge: None,
            },
        );
        assert!(
            !inside(&c.doc, "orders-fn", "main-vpc"),
            "{:?}",
            c.doc.layout["orders-fn"]
        );
        // A database given other subnets is drawn in the first of them.
        let Some(Component::Database(mut db)) = Component::get(&doc, "orders-db") else {
            panic!()
        };
        db.subnet_group = vec!["public-b".into(), "public-a".into()];
        let c = ok(
            &doc,
            DocAction::UpdateComponent {
                value: Component::Database(db),
                merge: None,
            },
        );
        assert!(
            inside(&c.doc, "orders-db", "public-b"),
            "{:?}",
            c.doc.layout["orders-db"]
        );
        // One still drawn in one of its subnets stays where it is.
        let Some(Component::Database(mut db)) = Component::get(&doc, "orders-db") else {
            panic!()
        };
        db.subnet_group = vec!["private-b".into(), "private-a".into()];
        let c = ok(
            &doc,
            DocAction::UpdateComponent {
                value: Component::Database(db),
                merge: None,
            },
        );
        assert_eq!(c.doc.layout["orders-db"], doc.layout["orders-db"]);
    }

    #[test]
    fn a_security_group_dropped_on_a_component_is_attached_and_stays_where_it_was() {
        let mut doc = starter();
        doc.security_groups
            .push(SecurityGroup::with_default_rules("db-sg", "db-sg", "main-vpc".into()));
        doc.layout.insert("db-sg".into(), point_rect(Point::new(600.0, 120.0)));
        let drop = |doc: &Document, on: &str| {
            apply(
                doc,
                &DocAction::MoveNode {
                    id: "db-sg".into(),
                    to: centre_of(doc, on),
                },
            )
        };
        let c = drop(&doc, "orders-db").unwrap();
        assert!(c.doc.databases[0].security_groups.iter().any(|s| s.as_str() == "db-sg"));
        assert_eq!(c.doc.layout["db-sg"], doc.layout["db-sg"], "the group is not moved");
        assert!(matches!(c.note, Some(Note::SgAttached { .. })));
        assert_eq!(crate::topology::sg_users(&c.doc, "db-sg"), vec!["orders-db"]);
        // Twice: said, nothing changes.
        assert!(matches!(
            drop(&c.doc, "orders-db"),
            Err(Refused::Note(Note::SgAlreadyAttached { .. }))
        ));
        // Dropped on empty space it just moves.
        let c = apply(
            &doc,
            &DocAction::MoveNode {
                id: "db-sg".into(),
                to: Point::new(650.0, 130.0),
            },
        )
        .unwrap();
        assert!(c.doc.databases[0].security_groups.iter().all(|s| s.as_str() != "db-sg"));
        assert_ne!(c.doc.layout["db-sg"], doc.layout["db-sg"]);
    }

    #[test]
    fn default_new_route_prefers_nat_then_igw() {
        let doc = starter();
        assert_eq!(
            default_new_route(&doc, "private-rt").unwrap().target,
            RouteTarget::InternetGateway("main-igw".into())
        );
        let c = ok(
            &doc,
            DocAction::AddRoute {
                table: "private-rt".into(),
            },
        );
        assert_eq!(c.doc.route_tables[1].routes.len(), 1);
        // public-rt already has 0.0.0.0/0; the next one is ::/0 through the gateway.
        let r = default_new_route(&doc, "public-rt").unwrap();
        assert_eq!(r.destination, RouteDestination::Cidr("::/0".into()));
    }

    #[test]
    fn a_service_is_drawn_once() {
        let doc = starter();
        let r = apply(
            &doc,
            &DocAction::AddComponent {
                item: PaletteItem::Service(AwsService::S3),
                at: Point::new(0.0, 0.0),
            },
        );
        assert_eq!(r, Err(Refused::Select("s3".into())));
        let c = ok(
            &doc,
            DocAction::AddComponent {
                item: PaletteItem::Service(AwsService::Sqs),
                at: Point::new(900.0, 520.0),
            },
        );
        assert_eq!(c.doc.services.last().unwrap().id.as_str(), "sqs");
    }

    #[test]
    fn inline_errors_fill_every_placeholder_of_their_catalogue_text() {
        let doc = starter();
        let cases = [
            (TextField::Cidr, "private-a", "10.0.300.0/24"),
            // (Host bits, 10.0.10.5/24, are accepted since rule I1: see the test above.)
            (TextField::Cidr, "private-a", "10.9.0.0/24"),
            (TextField::Cidr, "private-a", "10.0.11.0/24"),
            (TextField::Cidr, "private-a", "10.0.0.0/30"),
            (TextField::Cidr, "main-vpc", "10.0.0.0/33"),
            (TextField::Ipv6Cidr, "private-a", "2600:1f18::/64"),
            (TextField::RouteDestination(0), "public-rt", "nonsense"),
            (
                TextField::SgRuleCidr {
                    inbound: false,
                    index: 0,
                },
                "app-sg",
                "0.0.0.0/99",
            ),
        ];
        for (field, id, text) in cases {
            let key = TextKey {
                id: id.into(),
                field: field.clone(),
            };
            let Err(Refused::Invalid(msg)) = apply(&doc, &DocAction::SetText { key, text: text.into() }) else {
                panic!("{field:?} {text} should be refused");
            };
            for lang in [vpc_engine::explain::Lang::En, vpc_engine::explain::Lang::Zh] {
                let rendered = msg.render(lang);
                assert!(!rendered.contains('{'), "{:?} {lang:?}: {rendered}", msg.id);
            }
        }
        // A duplicate destination in one table.
        let mut doc = starter();
        doc.route_tables[0].routes.push(Route {
            destination: RouteDestination::Cidr("10.1.0.0/16".into()),
            target: RouteTarget::InternetGateway("main-igw".into()),
        });
        let key = TextKey {
            id: "public-rt".into(),
            field: TextField::RouteDestination(1),
        };
        let Err(Refused::Invalid(msg)) = apply(
            &doc,
            &DocAction::SetText {
                key,
                text: "0.0.0.0/0".into(),
            },
        ) else {
            panic!()
        };
        assert_eq!(msg.id, ExplanationId::VDuplicateRoute);
        assert!(!msg.render(vpc_engine::explain::Lang::En).contains('{'));
    }
}
