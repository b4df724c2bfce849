//! What the canvas draws, derived once per document (not per frame): one [`SceneNode`] per
//! component, route arrows, and the destinations each function gets a badge for.
//! Pure, so native tests cover it.

use crate::state::document::{short_title, store_label};
use crate::state::VerdictKey;
use crate::topology::{self, kind_key};
use std::collections::HashMap;
use std::rc::Rc;
use vpc_engine::model::{ComponentKind, Document, Rect, RouteTarget};
use vpc_engine::reach::{Destination, HopKind, Reach};
use vpc_engine::resolve::Network;
use vpc_engine::Analysis;

/// One component as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneNode {
    pub id: Rc<str>,
    pub kind: ComponentKind,
    pub kind_key: &'static str,
    /// Display name.
    pub label: Rc<str>,
    /// A second line: CIDR and AZ for boxes, the service for endpoints, the engine for DBs.
    pub detail: Rc<str>,
    /// For subnets: public (routes to an attached internet gateway) or private.
    pub public: Option<bool>,
    /// For services, gateways of a service: the service key that picks the icon colour; for
    /// data stores, the product's key (`efs`, `redis`).
    pub service: Option<&'static str>,
    /// Stored layout.
    pub layout: Rect,
}

/// A route drawn as arrows: from every subnet the table serves to the route's target.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteArrow {
    pub table: Rc<str>,
    /// Index into the table's routes; `None` for a gateway-endpoint association.
    pub index: Option<usize>,
    pub subnets: Vec<Rc<str>>,
    /// The target's component id, when it is drawn.
    pub target: Option<Rc<str>>,
    pub target_kind: Option<ComponentKind>,
    /// Destination as text (`0.0.0.0/0`, `pl-s3`).
    pub destination: Rc<str>,
    /// The target is missing or detached: traffic is dropped.
    pub blackhole: bool,
}

/// A badge a function shows: one destination.
#[derive(Clone, Debug, PartialEq)]
pub struct BadgeSpec {
    /// The destination key (`internet`, `s3`, a database id).
    pub dest: Rc<str>,
    pub label: Rc<str>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// VPCs first, then subnets, so that subnets are drawn on top.
    pub boxes: Vec<Rc<SceneNode>>,
    pub points: Vec<Rc<SceneNode>>,
    pub routes: Vec<RouteArrow>,
    pub badges: HashMap<Rc<str>, Rc<Vec<BadgeSpec>>>,
    /// Where the internet is drawn: above the design.
    pub internet: Option<(f64, f64)>,
}

fn engine_label(e: vpc_engine::model::DatabaseEngine) -> &'static str {
    use vpc_engine::model::DatabaseEngine::*;
    match e {
        Postgres => "PostgreSQL",
        Mysql => "MySQL",
        Mariadb => "MariaDB",
        Oracle => "Oracle",
        SqlServer => "SQL Server",
    }
}

/// The second line under a component's name.
fn detail(doc: &Document, id: &str, kind: ComponentKind) -> String {
    match kind {
        ComponentKind::Vpc => doc
            .vpcs
            .iter()
            .find(|v| v.id.as_str() == id)
            .map(|v| v.cidr.0.clone())
            .unwrap_or_default(),
        ComponentKind::Subnet => topology::subnet(doc, id)
            .map(|s| format!("{} · {}", s.cidr.as_str(), s.az))
            .unwrap_or_default(),
        ComponentKind::GatewayEndpoint | ComponentKind::InterfaceEndpoint => doc
            .endpoints
            .iter()
            .find(|e| e.id.as_str() == id)
            .map(|e| short_title(e.service).to_owned())
            .unwrap_or_default(),
        ComponentKind::Database => doc
            .databases
            .iter()
            .find(|d| d.id.as_str() == id)
            .map(|d| format!("{} :{}", engine_label(d.engine), d.effective_port()))
            .unwrap_or_default(),
        ComponentKind::DataStore => doc
            .data_stores
            .iter()
            .find(|d| d.id.as_str() == id)
            .map(|d| {
                let ports: Vec<String> = d.effective_ports().iter().map(u16::to_string).collect();
                format!("{} :{}", store_label(d.kind), ports.join(","))
            })
            .unwrap_or_default(),
        ComponentKind::Instance => doc
            .instances
            .iter()
            .find(|i| i.id.as_str() == id)
            .map(|i| format!(":{}", i.port))
            .unwrap_or_default(),
        ComponentKind::InternetGateway | ComponentKind::EgressOnlyGateway => {
            let attached = topology::vpc_of(doc, id).is_some();
            if attached {
                String::new()
            } else {
                "detached".into()
            }
        }
        _ => String::new(),
    }
}

/// The destinations each function gets a badge for: the internet (and IPv6 internet when
/// the function may use IPv6), every AWS service drawn, and the databases, data stores and
/// instances of its own VPC (all of them for a function outside any VPC, which is what L3 is
/// about). One spec per target: the canvas shows one badge per port the target is asked on.
/// The verdict panel lists every verdict; badges stay readable on large designs.
pub fn badge_specs(doc: &Document) -> HashMap<Rc<str>, Rc<Vec<BadgeSpec>>> {
    let services: Vec<BadgeSpec> = doc
        .services
        .iter()
        .map(|s| BadgeSpec {
            dest: s.service.key().into(),
            label: short_title(s.service).into(),
        })
        .collect();
    let targets: Vec<(Option<String>, BadgeSpec)> = doc
        .databases
        .iter()
        .map(|d| d.id.as_str())
        .chain(doc.data_stores.iter().map(|d| d.id.as_str()))
        .chain(doc.instances.iter().map(|i| i.id.as_str()))
        .map(|id| {
            (
                topology::vpc_of(doc, id),
                BadgeSpec {
                    dest: id.into(),
                    label: doc.display_name(id).into(),
                },
            )
        })
        .collect();
    let mut out = HashMap::new();
    for f in &doc.functions {
        let mut list = vec![BadgeSpec {
            dest: "internet".into(),
            label: "internet".into(),
        }];
        if f.vpc_config.as_ref().is_some_and(|c| c.ipv6_allowed_for_dual_stack) {
            list.push(BadgeSpec {
                dest: "internet-ipv6".into(),
                label: "IPv6".into(),
            });
        }
        list.extend(services.iter().cloned());
        let vpc = topology::vpc_of(doc, f.id.as_str());
        list.extend(
            targets
                .iter()
                .filter(|(v, _)| vpc.is_none() || *v == vpc)
                .map(|(_, b)| b.clone()),
        );
        out.insert(Rc::from(f.id.as_str()), Rc::new(list));
    }
    out
}

/// Builds the scene for a document.
pub fn build(doc: &Document, net: &Network) -> Scene {
    // Whether a subnet is public and a route live are the engine's answers (the rules R4 and
    // R5 it routes by, in the analysis of `doc`), never worked out here.
    let mut boxes = Vec::new();
    let mut points = Vec::new();
    for (id, kind) in doc.components() {
        let Some(layout) = doc.layout.get(id).copied() else {
            continue;
        };
        let service = match kind {
            ComponentKind::Service => doc
                .services
                .iter()
                .find(|s| s.id.as_str() == id)
                .map(|s| s.service.key()),
            ComponentKind::GatewayEndpoint | ComponentKind::InterfaceEndpoint => doc
                .endpoints
                .iter()
                .find(|e| e.id.as_str() == id)
                .map(|e| e.service.key()),
            // A data store's icon is its product's.
            ComponentKind::DataStore => doc
                .data_stores
                .iter()
                .find(|d| d.id.as_str() == id)
                .map(|d| d.kind.info().key),
            _ => None,
        };
        let node = Rc::new(SceneNode {
            id: id.into(),
            kind,
            kind_key: kind_key(kind),
            label: doc.display_name(id).into(),
            detail: detail(doc, id, kind).into(),
            public: (kind == ComponentKind::Subnet).then(|| net.is_public(id)),
            service,
            layout,
        });
        match kind {
            ComponentKind::Vpc | ComponentKind::Subnet => boxes.push(node),
            _ => points.push(node),
        }
    }
    // VPCs under subnets, each group in document order. A partition rather than a stable
    // sort: every `sort_by_key` instance adds a few kilobytes of sorting code to the download.
    let (mut vpcs, subnets): (Vec<_>, Vec<_>) = boxes.into_iter().partition(|n| n.kind == ComponentKind::Vpc);
    vpcs.extend(subnets);
    let boxes = vpcs;

    let kinds = topology::kinds(doc);
    let mut routes = Vec::new();
    for t in &doc.route_tables {
        let subnets: Vec<Rc<str>> = topology::subnets_using(doc, t.id.as_str())
            .into_iter()
            .filter(|s| doc.layout.contains_key(s.id.as_str()))
            .map(|s| Rc::from(s.id.as_str()))
            .collect();
        for (i, r) in t.routes.iter().enumerate() {
            if r.target == RouteTarget::Local {
                continue;
            }
            // Drawn only when it exists and has a place: a deleted target leaves a blackhole stub.
            let target =
                topology::target_id(&r.target).filter(|id| doc.layout.contains_key(*id) && kinds.contains_key(*id));
            routes.push(RouteArrow {
                table: t.id.as_str().into(),
                index: Some(i),
                subnets: subnets.clone(),
                target: target.map(Rc::from),
                target_kind: target.and_then(|id| kinds.get(id).copied()),
                destination: topology::destination_text(&r.destination).into(),
                blackhole: net.is_blackhole(t.id.as_str(), i),
            });
        }
        for e in topology::endpoints_of_table(doc, t.id.as_str()) {
            routes.push(RouteArrow {
                table: t.id.as_str().into(),
                index: None,
                subnets: subnets.clone(),
                target: doc.layout.contains_key(e.id.as_str()).then(|| Rc::from(e.id.as_str())),
                target_kind: Some(ComponentKind::GatewayEndpoint),
                destination: format!("pl-{}", e.service.key()).into(),
                blackhole: e.vpc != t.vpc,
            });
        }
    }
    let internet = crate::state::design_bounds(doc).map(|b| {
        let igw = doc
            .internet_gateways
            .iter()
            .filter(|g| g.vpc.is_some())
            .find_map(|g| doc.layout.get(g.id.as_str()))
            .map(|r| r.x);
        (igw.unwrap_or(b.x + b.w / 2.0), b.y - 70.0)
    });

    Scene {
        boxes,
        points,
        routes,
        badges: badge_specs(doc),
        internet,
    }
}

/// The id of the drawn node a hop stands for: its component, or the service node drawn for
/// a service destination, or the internet cloud.
pub fn hop_node(doc: &Document, component: &str, kind: HopKind) -> Option<String> {
    if kind == HopKind::Destination {
        if component == "internet" || component == "internet-ipv6" {
            return Some("internet".into());
        }
        if let Some(s) = doc.services.iter().find(|s| s.service.key() == component) {
            return Some(s.id.0.clone());
        }
    }
    doc.layout.contains_key(component).then(|| component.to_owned())
}

/// The verdicts of each (source key, destination key): the port each is asked on and its
/// reach, in the engine's order (a target's service ports first, then what its groups open).
pub type ReachIndex = HashMap<(Rc<str>, Rc<str>), Vec<(u16, Reach)>>;

/// Indexes the verdicts of an analysis for the badges.
pub fn reach_index(analysis: &Analysis) -> ReachIndex {
    let mut out = ReachIndex::new();
    for v in &analysis.verdicts {
        out.entry((Rc::from(v.from.key()), Rc::from(v.to.key())))
            .or_default()
            .push((v.port, v.reach));
    }
    out
}

/// A function's badge as drawn: destination, label, the verdict's reach.
#[derive(Clone, Debug, PartialEq)]
pub struct BadgeView {
    pub dest: Rc<str>,
    /// The port of the verdict it stands for, when its destination is asked on several
    /// (then each port has a badge of its own, and the label names the port).
    pub port: Option<u16>,
    pub label: Rc<str>,
    pub reach: Option<Reach>,
    /// Its path is the one highlighted.
    pub active: bool,
}

impl BadgeView {
    /// The verdict it opens.
    pub fn key(&self, function: &str) -> VerdictKey {
        VerdictKey {
            from: function.to_owned(),
            to: self.dest.to_string(),
            port: self.port,
        }
    }
}

/// The badges of one function: one per spec, or one per port for a destination asked on
/// several ports (`Redis :6379`, `Redis :6380`); a spec without a verdict yet shows as not
/// evaluated.
pub fn badge_views(
    function: &Rc<str>,
    specs: &[BadgeSpec],
    reach: &ReachIndex,
    highlight: Option<&VerdictKey>,
) -> Vec<BadgeView> {
    let mut out = Vec::with_capacity(specs.len());
    for b in specs {
        let verdicts = reach
            .get(&(function.clone(), b.dest.clone()))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let pair = highlight.filter(|h| *h.from == **function && *h.to == *b.dest);
        if verdicts.len() > 1 {
            for (i, &(port, r)) in verdicts.iter().enumerate() {
                out.push(BadgeView {
                    dest: b.dest.clone(),
                    port: Some(port),
                    label: format!("{} :{port}", b.label).into(),
                    reach: Some(r),
                    // A key without a port names the pair's first verdict.
                    active: pair.is_some_and(|h| h.port.map_or(i == 0, |p| p == port)),
                });
            }
        } else {
            out.push(BadgeView {
                dest: b.dest.clone(),
                port: None,
                label: b.label.clone(),
                reach: verdicts.first().map(|&(_, r)| r),
                active: pair.is_some(),
            });
        }
    }
    out
}

/// Parses a destination key back into a [`Destination`].
pub fn destination_from_key(key: &str) -> Destination {
    match key {
        "internet" => Destination::Internet,
        "internet-ipv6" => Destination::InternetIpv6,
        k => match vpc_engine::model::AwsService::from_key(k) {
            Some(s) => Destination::Service(s),
            None => Destination::Component(k.into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starter() -> Document {
        vpc_engine::model::load(include_str!("../../designs/starter.json")).unwrap()
    }

    /// Every scenario of the engine and every lesson's start and solution.
    fn designs() -> Vec<(String, Document)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        let scenarios = root.join("crates/vpc-engine/tests/scenarios");
        for e in std::fs::read_dir(&scenarios).unwrap().filter_map(Result::ok) {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "json") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p.display().to_string(), vpc_engine::model::load(&text).unwrap()));
            }
        }
        for e in std::fs::read_dir(root.join("lessons")).unwrap().filter_map(Result::ok) {
            let p = e.path();
            let Ok(lesson) = vpc_engine::lesson::load_lesson(&std::fs::read_to_string(&p).unwrap()) else {
                continue; // index.json
            };
            out.push((format!("{} start", p.display()), lesson.document.clone()));
            if let Some(s) = lesson.solution {
                out.push((format!("{} solution", p.display()), s));
            }
        }
        assert!(out.len() > 60, "{} designs", out.len());
        out
    }

    #[test]
    fn the_canvas_marks_public_subnets_and_blackhole_routes_as_the_engine_routes_them() {
        for (name, mut doc) in designs() {
            crate::autolayout::complete(&mut doc);
            let scene = build(&doc, &vpc_engine::analyze(&doc).network);
            let net = vpc_engine::resolve::resolve(&doc);
            for n in scene.boxes.iter().filter(|n| n.kind == ComponentKind::Subnet) {
                assert_eq!(n.public, net.subnet_is_public(&n.id), "{name}: {}", n.id);
            }
            for a in &scene.routes {
                let Some(i) = a.index else { continue };
                let t = doc.route_tables.iter().find(|t| t.id.as_str() == &*a.table).unwrap();
                let engine =
                    net.route_state(t.vpc.as_str(), &t.routes[i]) == vpc_engine::resolve::RouteState::Blackhole;
                assert_eq!(a.blackhole, engine, "{name}: {} route {i}", a.table);
            }
        }
    }

    #[test]
    fn a_route_to_an_instance_of_another_vpc_is_drawn_as_the_blackhole_the_engine_finds() {
        // The canvas once had a rule of its own (any existing instance made the route live);
        // AWS and the engine require the interface to be in the table's VPC (R5).
        let mut doc = starter();
        let mut other = doc.vpcs[0].clone();
        other.id = "other-vpc".into();
        doc.vpcs.push(other);
        let mut sub = doc.subnets[0].clone();
        sub.id = "other-sub".into();
        sub.vpc = "other-vpc".into();
        doc.subnets.push(sub);
        doc.instances.push(vpc_engine::model::Instance {
            id: "appliance".into(),
            subnet: "other-sub".into(),
            ..vpc_engine::model::Instance::default()
        });
        let t = doc
            .route_tables
            .iter_mut()
            .find(|t| t.id.as_str() == "private-rt")
            .unwrap();
        t.routes.push(vpc_engine::model::Route {
            destination: vpc_engine::model::RouteDestination::Cidr("192.168.0.0/16".into()),
            target: RouteTarget::NetworkInterface("appliance".into()),
        });
        crate::autolayout::complete(&mut doc);
        let scene = build(&doc, &vpc_engine::analyze(&doc).network);
        let arrow = scene
            .routes
            .iter()
            .find(|a| &*a.table == "private-rt" && &*a.destination == "192.168.0.0/16")
            .unwrap();
        assert!(arrow.blackhole);
    }

    #[test]
    fn starter_scene_has_every_laid_out_component() {
        let doc = starter();
        let scene = build(&doc, &vpc_engine::analyze(&doc).network);
        assert_eq!(scene.boxes.len(), 5);
        assert_eq!(scene.boxes[0].kind, ComponentKind::Vpc);
        let public: Vec<_> = scene
            .boxes
            .iter()
            .filter(|n| n.public == Some(true))
            .map(|n| &*n.id)
            .collect();
        assert_eq!(public, ["public-a", "public-b"]);
        let ids: Vec<_> = scene.points.iter().map(|n| &*n.id).collect();
        for id in [
            "main-igw",
            "orders-fn",
            "orders-db",
            "app-sg",
            "public-rt",
            "private-rt",
            "s3",
        ] {
            assert!(ids.contains(&id), "{id}");
        }
    }

    #[test]
    fn routes_become_arrows_from_every_subnet_the_table_serves() {
        let scene = build(&starter(), &vpc_engine::analyze(&starter()).network);
        assert_eq!(scene.routes.len(), 1);
        let r = &scene.routes[0];
        assert_eq!((&*r.table, r.index), ("public-rt", Some(0)));
        assert_eq!(
            r.subnets.iter().map(|s| &**s).collect::<Vec<_>>(),
            ["public-a", "public-b"]
        );
        assert_eq!(r.target.as_deref(), Some("main-igw"));
        assert!(!r.blackhole);
    }

    #[test]
    fn a_route_to_a_deleted_gateway_is_a_blackhole() {
        let mut doc = starter();
        doc.internet_gateways.clear();
        let scene = build(&doc, &vpc_engine::analyze(&doc).network);
        assert!(scene.routes[0].blackhole);
        assert!(scene.routes[0].target.is_none());
    }

    #[test]
    fn functions_get_badges_for_internet_services_and_databases() {
        let scene = build(&starter(), &vpc_engine::analyze(&starter()).network);
        let b = &scene.badges["orders-fn"];
        let dests: Vec<_> = b.iter().map(|b| &*b.dest).collect();
        assert_eq!(dests, ["internet", "s3", "orders-db"]);
    }

    #[test]
    fn databases_of_other_vpcs_get_no_badge_but_a_function_outside_every_vpc_sees_all() {
        let mut doc = starter();
        doc.vpcs.push(vpc_engine::model::Vpc {
            id: "other".into(),
            cidr: "10.1.0.0/16".into(),
            ..Default::default()
        });
        doc.subnets.push(vpc_engine::model::Subnet {
            id: "other-a".into(),
            vpc: "other".into(),
            cidr: "10.1.0.0/24".into(),
            ..Default::default()
        });
        doc.databases.push(vpc_engine::model::Database {
            id: "other-db".into(),
            subnet_group: vec!["other-a".into()],
            ..Default::default()
        });
        doc.functions.push(vpc_engine::model::Function {
            id: "edge-fn".into(),
            ..Default::default()
        });
        let badges = badge_specs(&doc);
        let dests = |f: &str| badges[f].iter().map(|b| b.dest.to_string()).collect::<Vec<_>>();
        assert_eq!(dests("orders-fn"), ["internet", "s3", "orders-db"]);
        assert_eq!(dests("edge-fn"), ["internet", "s3", "orders-db", "other-db"]);
    }

    /// The starter with an EFS file system (mount targets in both private subnets, the
    /// function's own group) and a Redis cache behind `cache-sg`, which admits the function's
    /// group on 6379 and on 6380–6390, and SSH only from an office network.
    fn with_stores() -> Document {
        use vpc_engine::model::{DataStore, Protocol, SecurityGroup, SgPeer, SgRule, StoreKind};
        let mut doc = starter();
        let from_app = || SgPeer::SecurityGroup("app-sg".into());
        let mut cache_sg = SecurityGroup::with_default_rules("cache-sg", "cache-sg", "main-vpc".into());
        cache_sg.inbound = vec![
            SgRule::tcp(6379, from_app()),
            SgRule {
                protocol: Protocol::Tcp,
                from_port: 6380,
                to_port: 6390,
                peer: from_app(),
                description: String::new(),
            },
            SgRule::tcp(22, SgPeer::Cidr("192.168.0.0/16".into())),
        ];
        doc.security_groups.push(cache_sg);
        doc.data_stores.push(DataStore {
            id: "files".into(),
            kind: StoreKind::Efs,
            subnets: vec!["private-a".into(), "private-b".into()],
            security_groups: vec!["app-sg".into()],
            ..Default::default()
        });
        doc.data_stores.push(DataStore {
            id: "cache".into(),
            kind: StoreKind::Redis,
            subnets: vec!["private-b".into(), "private-a".into()],
            security_groups: vec!["cache-sg".into()],
            ..Default::default()
        });
        doc.layout.insert(
            "files".into(),
            Rect {
                x: 150.0,
                y: 450.0,
                w: 0.0,
                h: 0.0,
            },
        );
        doc.layout.insert(
            "cache".into(),
            Rect {
                x: 600.0,
                y: 450.0,
                w: 0.0,
                h: 0.0,
            },
        );
        doc
    }

    #[test]
    fn a_function_gets_badges_for_an_efs_file_system_and_a_redis_cache() {
        let doc = with_stores();
        let scene = build(&doc, &vpc_engine::analyze(&doc).network);
        let dests: Vec<_> = scene.badges["orders-fn"].iter().map(|b| &*b.dest).collect();
        assert_eq!(dests, ["internet", "s3", "orders-db", "files", "cache"]);
        let icons: Vec<_> = scene
            .points
            .iter()
            .filter(|n| n.kind == ComponentKind::DataStore)
            .map(|n| (&*n.id, n.service, &*n.detail))
            .collect();
        assert_eq!(
            icons,
            [
                ("files", Some("efs"), "EFS :2049"),
                ("cache", Some("redis"), "Redis :6379")
            ]
        );

        // With the analysis: EFS is asked on NFS only, and reached through the mount target
        // in each of the function's AZs (app-sg admits its own members on every port). The
        // cache is asked on its service port 6379, then on what its group opens in port
        // order: 22, which only the office network may use, and 6380 for the range
        // 6380–6390, admitted from app-sg. One badge per port.
        let analysis = vpc_engine::analyze(&doc);
        let reach = reach_index(&analysis);
        let f: Rc<str> = "orders-fn".into();
        let views = badge_views(&f, &scene.badges["orders-fn"], &reach, None);
        let got: Vec<(String, Option<u16>, Option<Reach>)> = views
            .iter()
            .filter(|b| matches!(&*b.dest, "files" | "cache"))
            .map(|b| (b.label.to_string(), b.port, b.reach))
            .collect();
        assert_eq!(
            got,
            [
                ("files".to_owned(), None, Some(Reach::Reachable)),
                ("cache :6379".to_owned(), Some(6379), Some(Reach::Reachable)),
                ("cache :22".to_owned(), Some(22), Some(Reach::Unreachable)),
                ("cache :6380".to_owned(), Some(6380), Some(Reach::Reachable)),
            ]
        );
        // The badge for 6380 opens its own verdict, which says the port stands for the range.
        let key = views.iter().find(|b| b.port == Some(6380)).unwrap().key("orders-fn");
        let v = key.find(&analysis).unwrap();
        assert_eq!((v.port, v.port_range), (6380, Some((6380, 6390))));
        assert!(v.range_note().is_some());
        let active = badge_views(&f, &scene.badges["orders-fn"], &reach, Some(&key));
        let on: Vec<_> = active.iter().filter(|b| b.active).map(|b| &*b.label).collect();
        assert_eq!(on, ["cache :6380"]);
    }

    #[test]
    fn destination_keys_round_trip() {
        for d in [
            Destination::Internet,
            Destination::InternetIpv6,
            Destination::Service(vpc_engine::model::AwsService::Sqs),
            Destination::Component("orders-db".into()),
        ] {
            assert_eq!(destination_from_key(d.key()), d);
        }
    }
}
