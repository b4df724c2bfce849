//! Where things go on the canvas: which container a point lies in, the free spots beside a
//! VPC and inside it, and the zero-size rectangle a point component is drawn with.

use super::*;

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
pub(super) fn vpc_near(doc: &Document, p: Point, reach: f64) -> Option<(String, Rect)> {
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
pub(super) fn subnet_for_drop(doc: &Document, p: Point, exclude: &[String]) -> Result<(String, Point), Refused> {
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

pub(super) fn point_rect(p: Point) -> Rect {
    Rect {
        x: p.x.round(),
        y: p.y.round(),
        w: 0.0,
        h: 0.0,
    }
}

/// Where a new subnet of `vpc` goes: the free spot inside the VPC nearest to where it was
/// dropped, so that subnets never overlap (containment must stay unambiguous). When the VPC
/// is full, it grows downwards to make room.
pub(super) fn place_subnet(doc: &mut Document, vpc: &str, wanted: Rect) -> Rect {
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
