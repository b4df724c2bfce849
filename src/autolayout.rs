//! Places components that have no layout entry (designs written by hand or by the CLI), so
//! that everything in a loaded design is on the canvas. Existing positions are kept.

use crate::geometry::{self, Point};
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
            ComponentKind::NatGateway => {
                let s = doc
                    .nat_gateways
                    .iter()
                    .find(|n| n.id.as_str() == id)
                    .map(|n| n.subnet.0.clone());
                in_subnet(doc, s.as_deref()).unwrap_or_else(|| side_slot(doc, None))
            }
            ComponentKind::Instance => {
                let s = doc
                    .instances
                    .iter()
                    .find(|n| n.id.as_str() == id)
                    .map(|n| n.subnet.0.clone());
                in_subnet(doc, s.as_deref()).unwrap_or_else(|| side_slot(doc, None))
            }
            ComponentKind::Database => {
                let s = doc
                    .databases
                    .iter()
                    .find(|n| n.id.as_str() == id)
                    .and_then(|d| d.subnet_group.first().map(|s| s.0.clone()));
                in_subnet(doc, s.as_deref()).unwrap_or_else(|| side_slot(doc, None))
            }
            ComponentKind::InterfaceEndpoint => {
                let s = doc
                    .endpoints
                    .iter()
                    .find(|e| e.id.as_str() == id)
                    .and_then(|e| match &e.kind {
                        vpc_engine::model::EndpointKind::Interface { subnets, .. } => {
                            subnets.first().map(|s| s.0.clone())
                        }
                        _ => None,
                    });
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
                let s = doc
                    .functions
                    .iter()
                    .find(|f| f.id.as_str() == id)
                    .and_then(|f| f.vpc_config.as_ref())
                    .and_then(|c| c.subnets.first().map(|s| s.0.clone()));
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

    #[test]
    fn existing_positions_are_kept() {
        let mut doc = vpc_engine::model::load(include_str!("../designs/starter.json")).unwrap();
        let before = doc.layout.clone();
        assert!(!complete(&mut doc));
        assert_eq!(doc.layout, before);
    }
}
