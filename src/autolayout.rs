//! Places components that have no layout entry (designs written by hand or by the CLI), so
//! that everything in a loaded design is on the canvas. Existing positions are kept.

use crate::geometry::{self, Point, NODE_HALF};
use crate::state::document::side_slot;
use crate::state::free_spot;
use crate::topology;
use vpc_engine::model::{ComponentKind, Document, Rect};

const SUBNET_W: f64 = 300.0;
const SUBNET_H: f64 = 170.0;
const GAP: f64 = 30.0;

fn point(p: Point) -> Rect {
    Rect {
        x: p.x.round(),
        y: p.y.round(),
        w: 0.0,
        h: 0.0,
    }
}

/// Fills in missing layout entries; returns whether anything was added.
pub fn complete(doc: &mut Document) -> bool {
    let before = doc.layout.len();
    // VPCs in a row, sized for their subnets (two columns).
    for v in doc.vpcs.clone() {
        if doc.layout.contains_key(v.id.as_str()) {
            continue;
        }
        let n = doc.subnets.iter().filter(|s| s.vpc == v.id).count().max(2);
        let rows = n.div_ceil(2) as f64;
        let w = 2.0 * SUBNET_W + 3.0 * GAP;
        let h = rows * (SUBNET_H + GAP) + GAP + 30.0;
        let right = geometry::union(doc.vpcs.iter().filter_map(|o| doc.layout.get(o.id.as_str()).copied()))
            .map(|b| b.x + b.w + 260.0)
            .unwrap_or(40.0);
        doc.layout.insert(
            v.id.0.clone(),
            Rect {
                x: right,
                y: 80.0,
                w,
                h,
            },
        );
    }
    // Subnets in a grid inside their VPC, in the first free cell.
    for s in doc.subnets.clone() {
        if doc.layout.contains_key(s.id.as_str()) {
            continue;
        }
        let Some(vr) = doc.layout.get(s.vpc.as_str()).copied() else {
            continue;
        };
        let taken: Vec<Rect> = doc
            .subnets
            .iter()
            .filter(|o| o.vpc == s.vpc)
            .filter_map(|o| doc.layout.get(o.id.as_str()).copied())
            .collect();
        let w = ((vr.w - 3.0 * GAP) / 2.0).max(120.0);
        let cell = (0..64)
            .map(|i| Rect {
                x: vr.x + GAP + f64::from(i % 2) * (w + GAP),
                y: vr.y + GAP + 30.0 + f64::from(i / 2) * (SUBNET_H + GAP),
                w,
                h: SUBNET_H,
            })
            .find(|c| !taken.iter().any(|t| geometry::overlaps(t, c)))
            .unwrap_or(Rect {
                x: vr.x + GAP,
                y: vr.y + GAP + 30.0,
                w,
                h: SUBNET_H,
            });
        doc.layout.insert(s.id.0.clone(), cell);
        // Grow the VPC when the cell lies below it.
        if let Some(v) = doc.layout.get_mut(s.vpc.as_str()) {
            let bottom = cell.y + cell.h + GAP;
            if bottom > v.y + v.h {
                v.h = bottom - v.y;
            }
        }
    }
    let ids: Vec<(String, ComponentKind)> = doc.components().map(|(id, k)| (id.to_owned(), k)).collect();
    for (id, kind) in ids {
        if doc.layout.contains_key(&id) {
            continue;
        }
        let in_subnet =
            |doc: &Document, s: Option<&str>| s.and_then(|s| doc.layout.get(s).copied()).map(|r| free_spot(doc, &r));
        let pos = match kind {
            ComponentKind::Vpc | ComponentKind::Subnet => continue,
            ComponentKind::InternetGateway | ComponentKind::EgressOnlyGateway => {
                match topology::vpc_of(doc, &id).and_then(|v| doc.layout.get(v.as_str()).copied()) {
                    Some(v) => {
                        let dx = if kind == ComponentKind::InternetGateway {
                            0.3
                        } else {
                            0.7
                        };
                        Point::new(v.x + v.w * dx, v.y)
                    }
                    None => side_slot(doc, None),
                }
            }
            ComponentKind::NatGateway
            | ComponentKind::Instance
            | ComponentKind::Database
            | ComponentKind::DataStore => {
                let s = topology::home_subnet(doc, &id, kind).map(str::to_owned);
                in_subnet(doc, s.as_deref()).unwrap_or_else(|| side_slot(doc, None))
            }
            ComponentKind::InterfaceEndpoint => {
                let s = topology::home_subnet(doc, &id, kind).map(str::to_owned);
                in_subnet(doc, s.as_deref()).unwrap_or_else(|| side_slot(doc, topology::vpc_of(doc, &id).as_deref()))
            }
            ComponentKind::GatewayEndpoint => {
                match topology::vpc_of(doc, &id).and_then(|v| doc.layout.get(v.as_str()).copied()) {
                    Some(v) => {
                        let p = Point::new(v.x + v.w - 40.0, v.y + v.h - 30.0);
                        let taken = doc.layout.values().any(|r| Point::new(r.x, r.y).dist(p) < 30.0);
                        if taken {
                            Point::new(p.x - 60.0, p.y)
                        } else {
                            p
                        }
                    }
                    None => side_slot(doc, None),
                }
            }
            ComponentKind::Function => {
                let s = topology::home_subnet(doc, &id, kind).map(str::to_owned);
                match in_subnet(doc, s.as_deref()) {
                    Some(p) => p,
                    None => {
                        // Functions outside any VPC: a column left of the design.
                        let b = crate::state::design_bounds(doc);
                        let x = b.map_or(60.0, |b| b.x - 120.0);
                        let y0 = b.map_or(80.0, |b| b.y + 40.0);
                        (0..200)
                            .map(|i| Point::new(x, y0 + 110.0 * f64::from(i)))
                            .find(|p| doc.layout.values().all(|r| Point::new(r.x, r.y).dist(*p) > 50.0))
                            .unwrap_or(Point::new(x, y0))
                    }
                }
            }
            _ => side_slot(doc, topology::vpc_of(doc, &id).as_deref()),
        };
        doc.layout.insert(id, point(pos));
    }
    doc.layout.len() != before
}

/// Lays out a whole design from scratch, for imported templates: each VPC a box with one lane
/// (column) per Availability Zone, subnets stacked in their zone's lane, each component inside
/// its subnet in a grid of cells big enough for its label and badges, internet and egress-only
/// gateways on the VPC's top edge, gateway endpoints on its bottom edge, route tables,
/// security groups, network ACLs and peering connections in a column right of their VPC, and everything outside any VPC (functions without VPC config, services) in a column on
/// the left. Deterministic: the same document gives the same layout, whatever it had before.
/// Components it cannot place (a subnet of a missing VPC) are left to [`complete`].
pub fn arrange(doc: &mut Document) {
    doc.layout.clear();
    let badges = crate::canvas::scene::badge_specs(doc);
    let cell = |id: &str, kind: ComponentKind| -> (f64, f64) {
        match kind {
            ComponentKind::Function => {
                let rows = badges
                    .get(id)
                    .map_or(1, |list| badge_rows(list.iter().map(|b| &*b.label)));
                (FN_CELL_W, footprint_below(kind, rows) + NODE_HALF + 2.0 * CELL_PAD)
            }
            _ => (SMALL_CELL_W, footprint_below(kind, 0) + NODE_HALF + 2.0 * CELL_PAD),
        }
    };
    // Where each point component lives: its subnet.
    let home = |id: &str, kind: ComponentKind| topology::home_subnet(doc, id, kind).map(str::to_owned);
    let components: Vec<(String, ComponentKind)> = doc.components().map(|(id, k)| (id.to_owned(), k)).collect();
    let placed_subnets: Vec<&str> = doc
        .subnets
        .iter()
        .filter(|s| doc.vpcs.iter().any(|v| v.id == s.vpc))
        .map(|s| s.id.as_str())
        .collect();
    // (subnet, cell) and (VPC, component) pairs: plain vectors keep the download small.
    let mut contents: Vec<(String, Cell)> = Vec::new();
    let mut left: Vec<(String, ComponentKind)> = Vec::new();
    let mut side: Vec<(String, String)> = Vec::new();
    let mut top: Vec<(String, String)> = Vec::new();
    let mut bottom: Vec<(String, String)> = Vec::new();
    for (id, kind) in &components {
        if geometry::is_box(*kind) {
            continue;
        }
        if let Some(s) = home(id, *kind).filter(|s| placed_subnets.contains(&s.as_str())) {
            let (w, h) = cell(id, *kind);
            contents.push((s, (id.clone(), w, h)));
            continue;
        }
        let vpc = match kind {
            ComponentKind::PeeringConnection => doc
                .peering_connections
                .iter()
                .find(|p| p.id.as_str() == id)
                .map(|p| p.requester_vpc.0.clone()),
            _ => topology::vpc_of(doc, id),
        }
        .filter(|v| doc.vpcs.iter().any(|x| x.id.as_str() == v));
        match (kind, vpc) {
            (ComponentKind::InternetGateway | ComponentKind::EgressOnlyGateway, Some(v)) => top.push((v, id.clone())),
            (ComponentKind::GatewayEndpoint, Some(v)) => bottom.push((v, id.clone())),
            (_, Some(v)) => side.push((v, id.clone())),
            (_, None) => left.push((id.clone(), *kind)),
        }
    }
    // The left column.
    let mut y = TOP;
    for (id, kind) in &left {
        let (_, h) = cell(id, *kind);
        doc.layout
            .insert(id.clone(), point(Point::new(LEFT_X, y + CELL_PAD + NODE_HALF)));
        y += h;
    }
    let mut x = if left.is_empty() {
        MARGIN
    } else {
        LEFT_X + FN_CELL_W / 2.0 + COLUMN_GAP
    };
    let vpcs: Vec<String> = doc.vpcs.iter().map(|v| v.id.0.clone()).collect();
    for vpc in vpcs {
        let subnets: Vec<(String, String)> = doc
            .subnets
            .iter()
            .filter(|s| s.vpc.as_str() == vpc)
            .map(|s| (s.id.0.clone(), s.az.clone()))
            .collect();
        let mut azs: Vec<&str> = subnets.iter().map(|(_, az)| az.as_str()).collect();
        azs.sort_unstable();
        azs.dedup();
        // Each subnet's rows of cells, and its size.
        let mut boxes: Vec<SubnetBox> = Vec::new();
        for (id, az) in &subnets {
            let mut rows: Vec<Vec<Cell>> = vec![];
            let mut row_w = 0.0;
            for (_, c) in contents.iter().filter(|(s, _)| s == id).cloned() {
                if rows.is_empty() || row_w + c.1 > ROW_MAX {
                    rows.push(vec![]);
                    row_w = 0.0;
                }
                row_w += c.1;
                rows.last_mut().expect("a row").push(c);
            }
            let w = rows
                .iter()
                .map(|r| r.iter().map(|c| c.1).sum::<f64>())
                .fold(SUBNET_MIN_W, f64::max)
                + 2.0 * SUBNET_PAD;
            let h = (geometry::BOX_HEADER
                + rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.2).fold(0.0, f64::max))
                    .sum::<f64>()
                + SUBNET_PAD)
                .max(SUBNET_MIN_H);
            let lane = azs.iter().position(|a| a == az).unwrap_or(0);
            boxes.push((id.clone(), lane, rows, w, h));
        }
        let lane_w = boxes
            .iter()
            .map(|b| b.3)
            .fold(SUBNET_MIN_W + 2.0 * SUBNET_PAD, f64::max);
        let of = |list: &[(String, String)]| -> Vec<String> {
            list.iter()
                .filter(|(v, _)| *v == vpc)
                .map(|(_, id)| id.clone())
                .collect()
        };
        let (on_top, on_bottom) = (of(&top), of(&bottom));
        let (n_top, n_bottom) = (on_top.len(), on_bottom.len());
        let lanes = azs.len().max(1) as f64;
        let w = (lanes * lane_w + (lanes + 1.0) * GAP)
            .max(EDGE_START + EDGE_STEP * n_top.max(n_bottom) as f64 + EDGE_START);
        let y0 = TOP;
        let mut lane_y = vec![y0 + VPC_HEADER; azs.len().max(1)];
        for (id, lane, rows, _, h) in &boxes {
            let sx = x + GAP + *lane as f64 * (lane_w + GAP);
            let sy = lane_y[*lane];
            lane_y[*lane] += h + GAP;
            doc.layout.insert(
                id.clone(),
                Rect {
                    x: sx.round(),
                    y: sy.round(),
                    w: lane_w.round(),
                    h: h.round(),
                },
            );
            let mut cy = sy + geometry::BOX_HEADER;
            for row in rows {
                let mut cx = sx + SUBNET_PAD;
                for (cid, cw, _) in row {
                    doc.layout
                        .insert(cid.clone(), point(Point::new(cx + cw / 2.0, cy + CELL_PAD + NODE_HALF)));
                    cx += cw;
                }
                cy += row.iter().map(|c| c.2).fold(0.0, f64::max);
            }
        }
        let h = lane_y.iter().copied().fold(y0 + VPC_HEADER, f64::max) - y0 + VPC_FOOTER;
        doc.layout.insert(
            vpc.clone(),
            Rect {
                x: x.round(),
                y: y0,
                w: w.round(),
                h: h.round(),
            },
        );
        for (i, id) in on_top.into_iter().enumerate() {
            doc.layout
                .insert(id, point(Point::new(x + w - EDGE_START - EDGE_STEP * i as f64, y0)));
        }
        for (i, id) in on_bottom.into_iter().enumerate() {
            doc.layout
                .insert(id, point(Point::new(x + EDGE_START + EDGE_STEP * i as f64, y0 + h)));
        }
        let side_x = x + w + COLUMN_GAP + SIDE_W / 2.0;
        let mut sy = y0 + VPC_HEADER;
        for id in of(&side) {
            doc.layout.insert(id, point(Point::new(side_x, sy)));
            sy += SIDE_STEP;
        }
        x += w + COLUMN_GAP + SIDE_W + COLUMN_GAP;
    }
    complete(doc);
}

/// A component's cell inside its subnet: (id, width, height).
type Cell = (String, f64, f64);
/// A subnet being laid out: (id, lane, rows of cells, width, height).
type SubnetBox = (String, usize, Vec<Vec<Cell>>, f64, f64);

// Geometry of `arrange`, in world units.
const MARGIN: f64 = 40.0;
const TOP: f64 = 80.0;
const LEFT_X: f64 = 60.0 + FN_CELL_W / 2.0;
const FN_CELL_W: f64 = 250.0;
const SMALL_CELL_W: f64 = 140.0;
const CELL_PAD: f64 = 10.0;
const ROW_MAX: f64 = 520.0;
const SUBNET_MIN_W: f64 = 260.0;
const SUBNET_MIN_H: f64 = 120.0;
const SUBNET_PAD: f64 = 16.0;
const VPC_HEADER: f64 = 70.0;
const VPC_FOOTER: f64 = 50.0;
const EDGE_START: f64 = 90.0;
const EDGE_STEP: f64 = 120.0;
const COLUMN_GAP: f64 = 60.0;
const SIDE_W: f64 = 200.0;
const SIDE_STEP: f64 = 80.0;

/// Rows of badges under a function (the canvas wraps them at 230 units).
fn badge_rows<'a>(labels: impl Iterator<Item = &'a str>) -> usize {
    let mut rows = 1;
    let mut w = 0.0;
    for l in labels {
        let bw = 22.0 + 6.4 * l.chars().map(|c| if c.is_ascii() { 1.0 } else { 1.8 }).sum::<f64>();
        if w > 0.0 && w + 4.0 + bw > 230.0 {
            rows += 1;
            w = 0.0;
        }
        w += bw + 4.0;
    }
    rows
}

/// How far a node's drawing reaches below its centre: icon, label and, for functions, badges.
fn footprint_below(kind: ComponentKind, badge_rows: usize) -> f64 {
    if kind == ComponentKind::Function {
        NODE_HALF + 40.0 + 22.0 * badge_rows as f64
    } else {
        NODE_HALF + 20.0
    }
}

/// The area a point node's drawing covers: icon, label, badges.
pub fn footprint(doc: &Document, id: &str, kind: ComponentKind) -> Option<Rect> {
    let at = doc.layout.get(id)?;
    let label_w = (doc.display_name(id).chars().count() as f64 * 7.0).max(2.0 * NODE_HALF);
    let rows = if kind == ComponentKind::Function {
        crate::canvas::scene::badge_specs(doc)
            .get(id)
            .map_or(1, |l| badge_rows(l.iter().map(|b| &*b.label)))
    } else {
        0
    };
    let w = if kind == ComponentKind::Function {
        label_w.max(230.0)
    } else {
        label_w
    };
    Some(Rect {
        x: at.x - w / 2.0,
        y: at.y - NODE_HALF,
        w,
        h: NODE_HALF + footprint_below(kind, rows),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_design_without_layout_gets_every_component_placed_inside_its_container() {
        let mut doc = vpc_engine::model::load(include_str!("../designs/starter.json")).unwrap();
        doc.layout.clear();
        assert!(complete(&mut doc));
        for (id, _) in doc.components() {
            assert!(doc.layout.contains_key(id), "{id} has no layout");
        }
        let vpc = doc.layout["main-vpc"];
        for s in &doc.subnets {
            assert!(geometry::contains_rect(&vpc, &doc.layout[s.id.as_str()]), "{}", s.id);
        }
        let fn_at = doc.layout["orders-fn"];
        assert!(geometry::contains(
            &doc.layout["public-a"],
            Point::new(fn_at.x, fn_at.y)
        ));
        // Subnets do not overlap each other.
        let rects: Vec<Rect> = doc.subnets.iter().map(|s| doc.layout[s.id.as_str()]).collect();
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                assert!(!geometry::overlaps(a, b));
            }
        }
    }

    /// Every placed point node's footprint, every subnet and VPC box: none overlaps another of
    /// its sort, subnets lie inside their VPC, and components inside their subnet.
    fn assert_readable(doc: &Document) {
        let mut nodes: Vec<(String, Rect)> = vec![];
        for (id, kind) in doc.components() {
            assert!(doc.layout.contains_key(id), "{id} has no position");
            if !geometry::is_box(kind) {
                nodes.push((id.to_owned(), footprint(doc, id, kind).unwrap()));
            }
        }
        for (i, (a, ra)) in nodes.iter().enumerate() {
            for (b, rb) in &nodes[i + 1..] {
                assert!(!geometry::overlaps(ra, rb), "{a} {ra:?} overlaps {b} {rb:?}");
            }
        }
        let vpcs: Vec<(&str, Rect)> = doc
            .vpcs
            .iter()
            .map(|v| (v.id.as_str(), doc.layout[v.id.as_str()]))
            .collect();
        let subnets: Vec<(&str, Rect)> = doc
            .subnets
            .iter()
            .map(|v| (v.id.as_str(), doc.layout[v.id.as_str()]))
            .collect();
        for group in [vpcs, subnets] {
            for (i, (a, ra)) in group.iter().enumerate() {
                for (b, rb) in &group[i + 1..] {
                    assert!(!geometry::overlaps(ra, rb), "{a} overlaps {b}");
                }
            }
        }
        for s in &doc.subnets {
            assert!(
                geometry::contains_rect(&doc.layout[s.vpc.as_str()], &doc.layout[s.id.as_str()]),
                "{}",
                s.id
            );
        }
        for f in &doc.functions {
            if let Some(c) = &f.vpc_config {
                let r = footprint(doc, f.id.as_str(), ComponentKind::Function).unwrap();
                assert!(
                    geometry::contains_rect(&doc.layout[c.subnets[0].as_str()], &r),
                    "{} outside its subnet",
                    f.id
                );
            }
        }
    }

    fn template(name: &str, params: &[(&str, &str)]) -> Document {
        let path = format!("{}/crates/vpc-cfn/tests/templates/{name}", env!("CARGO_MANIFEST_DIR"));
        let params: Vec<(String, String)> = params.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
        vpc_cfn::import(&std::fs::read_to_string(path).unwrap(), &params)
            .unwrap()
            .document
    }

    #[test]
    fn arranged_templates_never_overlap_and_keep_things_in_their_subnets() {
        for doc in [
            template("private-nat.json", &[]),
            template("endpoints-rds.yaml", &[]),
            template("dual-stack.yaml", &[("Project", "p")]),
            template("outside.yaml", &[("Stage", "dev")]),
            template("sam-public-subnet.yaml", &[]),
        ] {
            let mut doc = doc;
            arrange(&mut doc);
            assert_readable(&doc);
        }
    }

    #[test]
    fn arranged_designs_of_60_and_300_components_are_readable() {
        for n in [60, 300] {
            let mut doc = vpc_engine::generate::generate(&vpc_engine::generate::Shape::for_components(n, 1));
            arrange(&mut doc);
            assert_readable(&doc);
        }
    }

    #[test]
    fn arrange_is_deterministic_and_ignores_previous_positions() {
        let mut a = template("private-nat.json", &[]);
        let mut b = a.clone();
        b.layout.insert(
            "Worker".into(),
            Rect {
                x: 9999.0,
                y: -5.0,
                w: 0.0,
                h: 0.0,
            },
        );
        arrange(&mut a);
        arrange(&mut b);
        assert_eq!(a.layout, b.layout);
    }

    #[test]
    fn zones_are_lanes_and_gateways_sit_on_the_vpc_edges() {
        let mut doc = template("private-nat.json", &[]);
        arrange(&mut doc);
        let l = &doc.layout;
        // us-east-1a (PublicSubnet, PrivateSubnetA) one column, us-east-1b (PrivateSubnetB) the next.
        assert_eq!(l["PublicSubnet"].x, l["PrivateSubnetA"].x);
        assert!(l["PrivateSubnetB"].x > l["PrivateSubnetA"].x + l["PrivateSubnetA"].w);
        let vpc = l["Vpc"];
        assert_eq!(l["Igw"].y, vpc.y, "the internet gateway is on the top edge");
        assert!(geometry::contains(
            &l["PrivateSubnetA"],
            Point::new(l["Worker"].x, l["Worker"].y)
        ));
        assert!(geometry::contains(
            &l["PublicSubnet"],
            Point::new(l["Nat"].x, l["Nat"].y)
        ));
        assert!(l["PrivateRoutes"].x > vpc.x + vpc.w, "route tables in the side column");
    }

    #[test]
    fn data_stores_are_placed_in_their_first_subnet_like_databases() {
        use vpc_engine::model::{DataStore, StoreKind};
        let mut doc = template("private-nat.json", &[]);
        // An EFS file system with mount targets in both private subnets (first: B), and a
        // cache whose subnet group starts with A: each goes into its first subnet's lane.
        doc.data_stores.push(DataStore {
            id: "Files".into(),
            kind: StoreKind::Efs,
            subnets: vec!["PrivateSubnetB".into(), "PrivateSubnetA".into()],
            ..Default::default()
        });
        doc.data_stores.push(DataStore {
            id: "Cache".into(),
            kind: StoreKind::Redis,
            subnets: vec!["PrivateSubnetA".into(), "PrivateSubnetB".into()],
            ..Default::default()
        });
        arrange(&mut doc);
        assert_readable(&doc);
        let inside = |doc: &Document, store: &str, subnet: &str| {
            let r = footprint(doc, store, ComponentKind::DataStore).unwrap();
            geometry::contains_rect(&doc.layout[subnet], &r)
        };
        assert!(inside(&doc, "Files", "PrivateSubnetB"));
        assert!(inside(&doc, "Cache", "PrivateSubnetA"));
        // Completing a design that lacks a store's place does the same.
        let mut completed = doc.clone();
        completed.layout.remove("Files");
        assert!(complete(&mut completed));
        assert!(geometry::contains(
            &completed.layout["PrivateSubnetB"],
            Point::new(completed.layout["Files"].x, completed.layout["Files"].y)
        ));
    }

    #[test]
    fn existing_positions_are_kept() {
        let mut doc = vpc_engine::model::load(include_str!("../designs/starter.json")).unwrap();
        let before = doc.layout.clone();
        assert!(!complete(&mut doc));
        assert_eq!(doc.layout, before);
    }
}
