//! Canvas geometry: world ↔ screen, hit-testing, containment and snapping.
//!
//! Yew-free and web-free, so native tests cover it. World units are the layout units of the
//! design document (`model::Rect`); the SVG `viewBox` shows world coordinates directly.
//! Boxes (VPCs, subnets) store their top-left corner and size; every other component is a
//! point node whose layout `x, y` is its centre.

use std::fmt;
use vpc_engine::model::{ComponentKind, Rect};

/// Half the size of a point node's icon, in world units.
pub const NODE_HALF: f64 = 20.0;
/// Smallest zoom factor the camera allows.
pub const MIN_ZOOM: f64 = 0.2;
/// Largest zoom factor the camera allows.
pub const MAX_ZOOM: f64 = 4.0;

/// A point in world or screen coordinates (which one is said by the caller's name).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
    pub fn dist(self, o: Point) -> f64 {
        ((self.x - o.x).powi(2) + (self.y - o.y).powi(2)).sqrt()
    }
    pub fn add(self, dx: f64, dy: f64) -> Point {
        Point::new(self.x + dx, self.y + dy)
    }
}

/// A number as SVG wants it: rounded to one decimal, without a trailing `.0`. Formatted with
/// integer arithmetic, because the float formatter would add kilobytes to the download for
/// digits nobody sees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct N(pub f64);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenths = (self.0 * 10.0).round();
        if !tenths.is_finite() {
            return f.write_str("0");
        }
        let t = tenths as i64;
        if t < 0 {
            f.write_str("-")?;
        }
        let a = t.unsigned_abs();
        write!(f, "{}", a / 10)?;
        if !a.is_multiple_of(10) {
            write!(f, ".{}", a % 10)?;
        }
        Ok(())
    }
}

/// [`N`] as an attribute value.
pub fn num(v: f64) -> String {
    N(v).to_string()
}

/// A width and height in screen pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Size {
    pub w: f64,
    pub h: f64,
}

/// The visible part of the world: its top-left corner in world units and the zoom
/// (screen pixels per world unit). The SVG `viewBox` is `x y w/zoom h/zoom`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    pub x: f64,
    pub y: f64,
    pub zoom: f64,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            x: 0.0,
            y: 0.0,
            zoom: 1.0,
        }
    }
}

impl Camera {
    /// The world point under a screen point (pixels from the canvas's top-left corner).
    pub fn to_world(&self, screen: Point) -> Point {
        Point::new(self.x + screen.x / self.zoom, self.y + screen.y / self.zoom)
    }

    /// The screen point (pixels from the canvas's top-left corner) of a world point.
    pub fn to_screen(&self, world: Point) -> Point {
        Point::new((world.x - self.x) * self.zoom, (world.y - self.y) * self.zoom)
    }

    /// The `viewBox` attribute for a canvas of `viewport` pixels.
    pub fn view_box(&self, viewport: Size) -> String {
        format!(
            "{} {} {} {}",
            N(self.x),
            N(self.y),
            N(viewport.w / self.zoom),
            N(viewport.h / self.zoom)
        )
    }

    /// Zooms by `factor` keeping the world point under `screen` where it is.
    pub fn zoom_at(&self, screen: Point, factor: f64) -> Camera {
        let zoom = clamp(self.zoom * factor, MIN_ZOOM, MAX_ZOOM);
        let anchor = self.to_world(screen);
        Camera {
            x: anchor.x - screen.x / zoom,
            y: anchor.y - screen.y / zoom,
            zoom,
        }
    }

    /// Moves the view by a screen-pixel distance (content moves the other way).
    pub fn pan_by(&self, dx_screen: f64, dy_screen: f64) -> Camera {
        Camera {
            x: self.x + dx_screen / self.zoom,
            y: self.y + dy_screen / self.zoom,
            zoom: self.zoom,
        }
    }

    /// The camera that shows all of `bounds` with a margin, at most at zoom 1.
    pub fn fit(bounds: Rect, viewport: Size, margin: f64) -> Camera {
        if bounds.w <= 0.0 || bounds.h <= 0.0 || viewport.w <= 0.0 || viewport.h <= 0.0 {
            return Camera {
                x: bounds.x - margin,
                y: bounds.y - margin,
                zoom: 1.0,
            };
        }
        let zx = (viewport.w - 2.0 * margin).max(1.0) / bounds.w;
        let zy = (viewport.h - 2.0 * margin).max(1.0) / bounds.h;
        let zoom = clamp(zx.min(zy), MIN_ZOOM, 1.0);
        // Centre the bounds in the viewport.
        let x = bounds.x + bounds.w / 2.0 - viewport.w / zoom / 2.0;
        let y = bounds.y + bounds.h / 2.0 - viewport.h / zoom / 2.0;
        Camera { x, y, zoom }
    }
}

/// Whether a kind is drawn as a box that contains other components.
pub fn is_box(kind: ComponentKind) -> bool {
    matches!(kind, ComponentKind::Vpc | ComponentKind::Subnet)
}

/// The drawn bounds of a component from its layout entry.
pub fn node_bounds(kind: ComponentKind, layout: Rect) -> Rect {
    if is_box(kind) {
        layout
    } else {
        Rect {
            x: layout.x - NODE_HALF,
            y: layout.y - NODE_HALF,
            w: 2.0 * NODE_HALF,
            h: 2.0 * NODE_HALF,
        }
    }
}

/// The anchor point of a component: a box's centre or a point node's centre.
pub fn centre(kind: ComponentKind, layout: Rect) -> Point {
    if is_box(kind) {
        Point::new(layout.x + layout.w / 2.0, layout.y + layout.h / 2.0)
    } else {
        Point::new(layout.x, layout.y)
    }
}

/// Whether `p` lies inside `r` (edges included).
pub fn contains(r: &Rect, p: Point) -> bool {
    p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h
}

/// Whether `inner` lies entirely inside `outer`.
pub fn contains_rect(outer: &Rect, inner: &Rect) -> bool {
    inner.x >= outer.x
        && inner.y >= outer.y
        && inner.x + inner.w <= outer.x + outer.w
        && inner.y + inner.h <= outer.y + outer.h
}

/// Area of a rectangle, used to pick the innermost of nested containers.
pub fn area(r: &Rect) -> f64 {
    r.w.max(0.0) * r.h.max(0.0)
}

/// Among `(id, rect)` candidates, the smallest one that contains `p`.
pub fn innermost<'a, I>(candidates: I, p: Point) -> Option<&'a str>
where
    I: IntoIterator<Item = (&'a str, Rect)>,
{
    candidates
        .into_iter()
        .filter(|(_, r)| contains(r, p))
        .min_by(|a, b| area(&a.1).total_cmp(&area(&b.1)))
        .map(|(id, _)| id)
}

/// `v` held between `lo` and `hi`; `hi` when `lo > hi`, and never a panic. Used instead of
/// `f64::clamp`, which asserts `lo <= hi` (a NaN or an inverted range from a squeezed box
/// would abort the app) and whose assertion message brings the whole float formatter into
/// the download (about 4 KB brotli).
pub fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    v.max(lo).min(hi)
}

/// The point on the border of `r` nearest to `p` (for snapping a gateway onto a VPC's edge).
pub fn snap_to_edge(r: &Rect, p: Point) -> Point {
    let cx = clamp(p.x, r.x, r.x + r.w);
    let cy = clamp(p.y, r.y, r.y + r.h);
    let candidates = [
        (Point::new(cx, r.y), (p.y - r.y).abs()),
        (Point::new(cx, r.y + r.h), (p.y - (r.y + r.h)).abs()),
        (Point::new(r.x, cy), (p.x - r.x).abs()),
        (Point::new(r.x + r.w, cy), (p.x - (r.x + r.w)).abs()),
    ];
    candidates
        .into_iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|c| c.0)
        .unwrap_or(p)
}

/// Where a straight line from the centre of `r` towards `toward` leaves `r`.
pub fn box_anchor(r: &Rect, toward: Point) -> Point {
    let c = Point::new(r.x + r.w / 2.0, r.y + r.h / 2.0);
    let (dx, dy) = (toward.x - c.x, toward.y - c.y);
    if dx == 0.0 && dy == 0.0 {
        return c;
    }
    let sx = if dx != 0.0 {
        (r.w / 2.0) / dx.abs()
    } else {
        f64::INFINITY
    };
    let sy = if dy != 0.0 {
        (r.h / 2.0) / dy.abs()
    } else {
        f64::INFINITY
    };
    let s = sx.min(sy).min(1.0);
    Point::new(c.x + dx * s, c.y + dy * s)
}

/// The point at distance `radius` from `centre` towards `from` (where an arrow to a point
/// node should end so that its head stays visible).
pub fn toward(centre: Point, from: Point, radius: f64) -> Point {
    let d = centre.dist(from);
    if d <= radius || d == 0.0 {
        return centre;
    }
    Point::new(
        centre.x + (from.x - centre.x) * radius / d,
        centre.y + (from.y - centre.y) * radius / d,
    )
}

/// Moves `inner` (keeping its size where possible) so that it lies inside `outer` with
/// `pad` units of room; shrinks it when it is larger than the room.
pub fn clamp_inside(inner: Rect, outer: &Rect, pad: f64) -> Rect {
    let room_w = (outer.w - 2.0 * pad).max(1.0);
    let room_h = (outer.h - 2.0 * pad).max(1.0);
    let w = inner.w.min(room_w);
    let h = inner.h.min(room_h);
    let x = clamp(inner.x, outer.x + pad, outer.x + pad + room_w - w);
    let y = clamp(inner.y, outer.y + pad, outer.y + pad + room_h - h);
    Rect { x, y, w, h }
}

/// Room at the top of a box for its name and CIDR line.
pub const BOX_HEADER: f64 = 44.0;

/// Clamps a point so that a point node centred on it stays inside `outer`, below its
/// header (when there is room for that).
pub fn clamp_point_inside(p: Point, outer: &Rect) -> Point {
    let pad = NODE_HALF + 4.0;
    let top = if outer.h > BOX_HEADER + 2.0 * pad {
        BOX_HEADER + pad
    } else {
        pad
    };
    let x = if outer.w > 2.0 * pad {
        clamp(p.x, outer.x + pad, outer.x + outer.w - pad)
    } else {
        outer.x + outer.w / 2.0
    };
    let y = if outer.h > top + pad {
        clamp(p.y, outer.y + top, outer.y + outer.h - pad)
    } else {
        outer.y + outer.h / 2.0
    };
    Point::new(x, y)
}

/// The smallest rectangle holding all `rects`; `None` when there are none.
pub fn union<I: IntoIterator<Item = Rect>>(rects: I) -> Option<Rect> {
    let mut it = rects.into_iter();
    let first = it.next()?;
    let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.x + first.w, first.y + first.h);
    for r in it {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.x + r.w);
        y1 = y1.max(r.y + r.h);
    }
    Some(Rect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    })
}

/// Whether two rectangles overlap (touching edges do not count).
pub fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/// Rounds to the canvas grid, so that dropped nodes line up.
pub fn snap_to_grid(p: Point, grid: f64) -> Point {
    Point::new((p.x / grid).round() * grid, (p.y / grid).round() * grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamp_holds_a_value_in_range_and_never_panics() {
        assert_eq!(clamp(5.0, 0.0, 10.0), 5.0);
        assert_eq!(clamp(-1.0, 0.0, 10.0), 0.0);
        assert_eq!(clamp(11.0, 0.0, 10.0), 10.0);
        // f64::clamp panics on both of these.
        assert_eq!(clamp(5.0, 10.0, 0.0), 0.0);
        assert_eq!(clamp(f64::NAN, 0.0, 10.0), 0.0);
        assert_eq!(clamp(5.0, f64::NAN, 10.0), 5.0);
        // A box squeezed smaller than its content still gets a position.
        let inside = clamp_inside(r(50.0, 50.0, 30.0, 30.0), &r(0.0, 0.0, 4.0, 4.0), 8.0);
        assert!(inside.x.is_finite() && inside.y.is_finite());
    }

    fn r(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    #[test]
    fn numbers_are_written_with_at_most_one_decimal() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.34), "12.3");
        assert_eq!(num(12.35), "12.4");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(-0.5), "-0.5");
        assert_eq!(num(-12.25), "-12.3");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(
            Camera {
                x: -10.0,
                y: 5.5,
                zoom: 2.0
            }
            .view_box(Size { w: 801.0, h: 600.0 }),
            "-10 5.5 400.5 300"
        );
    }

    #[test]
    fn world_and_screen_are_inverse() {
        let cam = Camera {
            x: -100.0,
            y: 50.0,
            zoom: 2.0,
        };
        let p = Point::new(123.0, 45.0);
        let back = cam.to_screen(cam.to_world(p));
        assert!((back.x - p.x).abs() < 1e-9 && (back.y - p.y).abs() < 1e-9);
        assert_eq!(cam.to_world(Point::new(0.0, 0.0)), Point::new(-100.0, 50.0));
        assert_eq!(cam.to_world(Point::new(200.0, 100.0)), Point::new(0.0, 100.0));
    }

    #[test]
    fn zooming_keeps_the_point_under_the_cursor() {
        let cam = Camera {
            x: 10.0,
            y: 20.0,
            zoom: 1.0,
        };
        let cursor = Point::new(300.0, 200.0);
        let before = cam.to_world(cursor);
        let zoomed = cam.zoom_at(cursor, 1.5);
        let after = zoomed.to_world(cursor);
        assert!((before.x - after.x).abs() < 1e-9 && (before.y - after.y).abs() < 1e-9);
        assert_eq!(zoomed.zoom, 1.5);
    }

    #[test]
    fn zoom_is_clamped() {
        let cam = Camera::default();
        assert_eq!(cam.zoom_at(Point::default(), 100.0).zoom, MAX_ZOOM);
        assert_eq!(cam.zoom_at(Point::default(), 0.0001).zoom, MIN_ZOOM);
    }

    #[test]
    fn fit_shows_the_whole_bounds_centred() {
        let cam = Camera::fit(r(0.0, 0.0, 1000.0, 500.0), Size { w: 500.0, h: 500.0 }, 0.0);
        assert_eq!(cam.zoom, 0.5);
        // The bounds' centre is the viewport's centre.
        let c = cam.to_screen(Point::new(500.0, 250.0));
        assert!((c.x - 250.0).abs() < 1e-9 && (c.y - 250.0).abs() < 1e-9);
        // Small designs are not blown up beyond 1:1.
        assert_eq!(
            Camera::fit(r(0.0, 0.0, 10.0, 10.0), Size { w: 500.0, h: 500.0 }, 20.0).zoom,
            1.0
        );
    }

    #[test]
    fn innermost_picks_the_smallest_container() {
        let vpc = r(0.0, 0.0, 500.0, 500.0);
        let subnet = r(10.0, 10.0, 100.0, 100.0);
        let items = vec![("vpc", vpc), ("subnet", subnet)];
        assert_eq!(innermost(items.clone(), Point::new(50.0, 50.0)), Some("subnet"));
        assert_eq!(innermost(items.clone(), Point::new(300.0, 300.0)), Some("vpc"));
        assert_eq!(innermost(items, Point::new(600.0, 50.0)), None);
    }

    #[test]
    fn snapping_lands_on_the_nearest_edge() {
        let vpc = r(40.0, 60.0, 760.0, 520.0);
        assert_eq!(snap_to_edge(&vpc, Point::new(400.0, 80.0)), Point::new(400.0, 60.0));
        assert_eq!(snap_to_edge(&vpc, Point::new(790.0, 300.0)), Point::new(800.0, 300.0));
        assert_eq!(snap_to_edge(&vpc, Point::new(400.0, 575.0)), Point::new(400.0, 580.0));
        // From outside, too: clamped along the edge.
        assert_eq!(snap_to_edge(&vpc, Point::new(1000.0, 10.0)), Point::new(800.0, 60.0));
    }

    #[test]
    fn box_anchor_leaves_through_the_facing_side() {
        let b = r(0.0, 0.0, 100.0, 50.0);
        assert_eq!(box_anchor(&b, Point::new(500.0, 25.0)), Point::new(100.0, 25.0));
        assert_eq!(box_anchor(&b, Point::new(50.0, -500.0)), Point::new(50.0, 0.0));
        // A target inside the box: the line stops at the target.
        assert_eq!(box_anchor(&b, Point::new(60.0, 25.0)), Point::new(60.0, 25.0));
    }

    #[test]
    fn clamp_inside_keeps_size_and_shrinks_when_needed() {
        let outer = r(0.0, 0.0, 300.0, 200.0);
        assert_eq!(
            clamp_inside(r(250.0, -20.0, 100.0, 50.0), &outer, 10.0),
            r(190.0, 10.0, 100.0, 50.0)
        );
        let big = clamp_inside(r(0.0, 0.0, 1000.0, 1000.0), &outer, 10.0);
        assert!(contains_rect(&outer, &big));
    }

    #[test]
    fn a_point_clamped_into_a_box_stays_below_its_header() {
        let subnet = r(0.0, 0.0, 300.0, 200.0);
        let p = clamp_point_inside(Point::new(150.0, 5.0), &subnet);
        assert_eq!(p, Point::new(150.0, BOX_HEADER + NODE_HALF + 4.0));
        let p = clamp_point_inside(Point::new(-50.0, 500.0), &subnet);
        assert_eq!(p, Point::new(NODE_HALF + 4.0, 200.0 - NODE_HALF - 4.0));
    }

    #[test]
    fn point_nodes_are_centred_on_their_layout() {
        let b = node_bounds(ComponentKind::Function, r(100.0, 100.0, 0.0, 0.0));
        assert_eq!(b, r(80.0, 80.0, 40.0, 40.0));
        assert_eq!(
            centre(ComponentKind::Subnet, r(0.0, 0.0, 100.0, 60.0)),
            Point::new(50.0, 30.0)
        );
    }

    #[test]
    fn union_and_overlap() {
        assert_eq!(
            union([r(0.0, 0.0, 10.0, 10.0), r(20.0, -5.0, 5.0, 5.0)]),
            Some(r(0.0, -5.0, 25.0, 15.0))
        );
        assert_eq!(union(Vec::<Rect>::new()), None);
        assert!(overlaps(&r(0.0, 0.0, 10.0, 10.0), &r(5.0, 5.0, 10.0, 10.0)));
        assert!(!overlaps(&r(0.0, 0.0, 10.0, 10.0), &r(10.0, 0.0, 10.0, 10.0)));
    }
}
