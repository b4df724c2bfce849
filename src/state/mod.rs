//! The editor state and its one reducer.
//!
//! [`Editor`] holds the design's undo history and the per-viewer [`ViewState`]. Every change
//! is an [`Action`]; [`reduce`] is pure (no `web-sys`, no storage, no clock), so native tests
//! drive it like a person would: pointer down, move, up, undo.

pub mod arrival;
pub mod document;
pub mod history;
pub mod notice;
pub mod view;
pub mod walk;

pub use arrival::Arrival;
pub use document::{Component, DocAction, Note, PaletteItem, Refused, TextField, TextKey};
pub use history::History;
pub use notice::{Notice, Source};
pub use view::{Banner, CardCorner, Draft, Drafts, Gesture, Refocus, Toast, VerdictKey, ViewAction, ViewState};

use crate::geometry::{self, Camera, Point};
use crate::topology;
use std::rc::Rc;
use vpc_engine::explain::Lang;
use vpc_engine::model::{ComponentKind, Document, Rect};
use yew::Reducible;

/// Screen pixels a pointer must travel before a press becomes a drag.
pub const DRAG_THRESHOLD: f64 = 3.0;
/// Zoom step of the toolbar buttons.
pub const ZOOM_STEP: f64 = 1.25;

/// Everything the app's reducer owns.
#[derive(Clone, Debug, PartialEq)]
pub struct Editor {
    pub history: Rc<History<Rc<Document>>>,
    pub view: ViewState,
}

/// Every change to the editor.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Doc(DocAction),
    View(ViewAction),
    Undo,
    Redo,
    /// The pointer was released: commits the gesture in progress as one document action.
    EndGesture {
        screen: Point,
        inside: bool,
    },
    DeleteSelection,
    DuplicateSelection,
    /// Arrow keys: moves the selection by (dx, dy) world units, one undo step for a run of
    /// presses; with nothing selected, pans the view instead.
    NudgeSelection {
        dx: f64,
        dy: f64,
    },
    /// Adds a palette item without dragging (Enter on the item): into the selected
    /// container, else at the canvas centre.
    AddAtCentre(PaletteItem),
    /// Replaces the whole design (import, "start over"); one undo step.
    ReplaceDocument(Rc<Document>),

    // My designs, imports and share links (persist.rs, transfer.rs, library.rs)
    /// Shows another design with its own undo history (opened from My designs, imported, or
    /// from a share link). Not an undo step: the design it replaces stays saved in My designs.
    OpenDesign(Rc<History<Rc<Document>>>),
    /// Shows a message about saving, importing or sharing in the banner.
    Notify(Notice),
    /// Shows a banner.
    Banner(Banner),
}

impl Editor {
    pub fn new(doc: Document, view: ViewState) -> Self {
        Editor {
            history: Rc::new(History::new(Rc::new(doc))),
            view,
        }
    }

    /// The current design.
    pub fn doc(&self) -> &Rc<Document> {
        self.history.present()
    }

    /// The layout a component is drawn at right now: its stored layout, moved by the drag
    /// in progress if it is being dragged.
    pub fn drawn_layout(&self, id: &str) -> Option<Rect> {
        let r = self.doc().layout.get(id).copied()?;
        Some(match &self.view.gesture {
            Gesture::Moving { ids, delta, .. } if ids.iter().any(|i| i == id) => Rect {
                x: r.x + delta.x,
                y: r.y + delta.y,
                ..r
            },
            _ => r,
        })
    }
}

impl Reducible for Editor {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match reduce(&self, action) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }
}

/// The bounds of everything drawn, for fitting the camera.
pub fn design_bounds(doc: &Document) -> Option<Rect> {
    let kinds = topology::kinds(doc);
    geometry::union(
        doc.layout
            .iter()
            .filter_map(|(id, r)| kinds.get(id.as_str()).map(|k| geometry::node_bounds(*k, *r))),
    )
}

/// The next editor state, or `None` when the action changes nothing.
pub fn reduce(ed: &Editor, action: Action) -> Option<Editor> {
    match action {
        Action::Doc(a) => Some(apply_doc(ed.clone(), &a)),
        Action::View(a) => reduce_view(ed, a),
        Action::Undo | Action::Redo => {
            let mut h = (*ed.history).clone();
            let moved = if action == Action::Undo { h.undo() } else { h.redo() };
            if !moved {
                return None;
            }
            let mut next = Editor {
                history: Rc::new(h),
                view: ed.view.clone(),
            };
            after_doc_change(&mut next);
            Some(next)
        }
        Action::EndGesture { screen, inside } => end_gesture(ed, screen, inside),
        Action::DeleteSelection => {
            if ed.view.selected.is_empty() {
                return None;
            }
            let ids = ed.view.selected.clone();
            // The nearest container that stays: the subnet, else the VPC, of the first one.
            let doc = ed.doc();
            let neighbour = ids.iter().find_map(|id| {
                let kind = topology::kind_of(doc, id)?;
                let subnet = topology::home_subnet(doc, id, kind).map(str::to_owned);
                [subnet, topology::vpc_of(doc, id)]
                    .into_iter()
                    .flatten()
                    .find(|c| c != id && !ids.contains(c))
            });
            let mut next = apply_doc(ed.clone(), &DocAction::DeleteComponents { ids });
            if !Rc::ptr_eq(next.doc(), ed.doc()) {
                let seq = ed.view.refocus.as_ref().map_or(1, |r| r.seq.wrapping_add(1));
                next.view.refocus = Some(Refocus { seq, id: neighbour });
            }
            Some(next)
        }
        Action::NudgeSelection { dx, dy } => {
            if ed.view.selected.is_empty() {
                return reduce_view(
                    ed,
                    ViewAction::PanBy {
                        dx: dx * 8.0,
                        dy: dy * 8.0,
                    },
                );
            }
            let action = DocAction::Nudge {
                ids: ed.view.selected.clone(),
                dx,
                dy,
            };
            Some(apply_doc(ed.clone(), &action))
        }
        Action::DuplicateSelection => {
            if ed.view.selected.is_empty() {
                return None;
            }
            Some(apply_doc(
                ed.clone(),
                &DocAction::DuplicateComponents {
                    ids: ed.view.selected.clone(),
                },
            ))
        }
        Action::AddAtCentre(item) => {
            let at = placement_point(ed, item);
            Some(apply_doc(ed.clone(), &DocAction::AddComponent { item, at }))
        }
        Action::ReplaceDocument(doc) => {
            if Rc::ptr_eq(&doc, ed.doc()) {
                return None;
            }
            let mut next = ed.clone();
            Rc::make_mut(&mut next.history).push(doc);
            next.view.fitted = false;
            after_doc_change(&mut next);
            fit(&mut next);
            Some(next)
        }
        Action::OpenDesign(history) => {
            let mut next = Editor {
                history,
                view: ed.view.clone(),
            };
            next.view.selected.clear();
            next.view.drafts.clear();
            next.view.highlight = None;
            next.view.fitted = false;
            next.view.opened = ed.view.opened.wrapping_add(1);
            after_doc_change(&mut next);
            fit(&mut next);
            Some(next)
        }
        Action::Notify(notice) => reduce(ed, Action::Banner(Banner::Notice(notice))),
        Action::Banner(banner) => {
            let mut next = ed.clone();
            next.view.banner = Some(banner);
            Some(next)
        }
    }
}

/// Where Enter on a palette item puts the new component: inside the selected VPC or
/// subnet (at a free spot), else at the centre of the view.
fn placement_point(ed: &Editor, item: PaletteItem) -> Point {
    let doc = ed.doc();
    let container = ed.view.selected.first().and_then(|id| {
        let kind = topology::kind_of(doc, id)?;
        geometry::is_box(kind)
            .then(|| doc.layout.get(id.as_str()).copied())
            .flatten()
    });
    match container {
        Some(r) if geometry::is_box(item.kind()) => Point::new(r.x + r.w / 2.0, r.y + r.h / 2.0),
        Some(r) => free_spot(doc, &r),
        None => ed.view.centre(),
    }
}

/// A point inside `r` not too close to any point node already drawn there.
pub fn free_spot(doc: &Document, r: &Rect) -> Point {
    let kinds = topology::kinds(doc);
    let taken: Vec<Point> = doc
        .layout
        .iter()
        .filter(|(id, _)| kinds.get(id.as_str()).is_some_and(|k| !geometry::is_box(*k)))
        .map(|(_, l)| Point::new(l.x, l.y))
        .collect();
    let c = Point::new(r.x + r.w / 2.0, r.y + r.h / 2.0);
    let step = 2.0 * geometry::NODE_HALF + 30.0;
    let candidates = (0..5).flat_map(|ring| {
        let ring = f64::from(ring);
        (-4..=4)
            .flat_map(move |i| (-4..=4).map(move |j| (f64::from(i), f64::from(j))))
            .filter(move |(i, j)| i.abs().max(j.abs()) == ring)
            .map(move |(i, j)| c.add(i * step, j * step * 0.8))
    });
    candidates
        .filter(|p| {
            geometry::contains(
                &Rect {
                    x: r.x + 24.0,
                    y: r.y + 30.0,
                    w: r.w - 48.0,
                    h: r.h - 54.0,
                },
                *p,
            )
        })
        .find(|p| taken.iter().all(|t| t.dist(*p) > step * 0.75))
        .unwrap_or(c)
}

fn apply_doc(mut ed: Editor, action: &DocAction) -> Editor {
    let text_key = match action {
        DocAction::SetText { key, text } => Some((key.clone(), text.clone())),
        _ => None,
    };
    match document::apply(ed.doc(), action) {
        Ok(change) => {
            Rc::make_mut(&mut ed.history).push_merging(Rc::new(change.doc), change.merge);
            match &text_key {
                Some((key, _)) => {
                    ed.view.drafts.remove(key);
                }
                None => ed.view.drafts.clear(),
            }
            if let Some(sel) = change.select {
                ed.view.selected = sel;
            }
            if let Some(note) = change.note {
                show_toast(&mut ed.view, note);
            }
            after_doc_change(&mut ed);
        }
        Err(Refused::NoChange) => {
            if let Some((key, _)) = &text_key {
                ed.view.drafts.remove(key);
            }
        }
        Err(Refused::Invalid(error)) => {
            if let Some((key, text)) = text_key {
                ed.view.drafts.insert(key, Draft { text, error });
            }
        }
        Err(Refused::Note(note)) => show_toast(&mut ed.view, note),
        Err(Refused::Select(id)) => ed.view.selected = vec![id],
    }
    ed
}

fn show_toast(view: &mut ViewState, note: Note) {
    let seq = view.toast.as_ref().map_or(1, |t| t.seq.wrapping_add(1));
    view.toast = Some(Toast { note, seq });
}

/// Keeps the view consistent with a document that just changed: selections of deleted
/// components go; drafts of other fields no longer describe the document.
fn after_doc_change(ed: &mut Editor) {
    let doc = ed.history.present().clone();
    ed.view.selected.retain(|id| topology::kind_of(&doc, id).is_some());
    ed.view.drafts.retain(|k| topology::kind_of(&doc, &k.id).is_some());
    ed.view.gesture = Gesture::Idle;
}

fn fit(ed: &mut Editor) {
    if let Some(b) = design_bounds(ed.doc()) {
        ed.view.camera = Camera::fit(b, ed.view.viewport, 40.0);
        ed.view.fitted = true;
    }
}

fn reduce_view(ed: &Editor, action: ViewAction) -> Option<Editor> {
    let mut next = ed.clone();
    let v = &mut next.view;
    match action {
        ViewAction::Select(ids) => {
            if v.selected == ids {
                return None;
            }
            v.selected = ids;
        }
        ViewAction::ToggleSelect(id) => match v.selected.iter().position(|s| *s == id) {
            Some(i) => {
                v.selected.remove(i);
            }
            None => v.selected.push(id),
        },
        ViewAction::SetLang(lang) => {
            if v.lang == lang {
                return None;
            }
            v.lang = lang;
        }
        ViewAction::ToggleLang => {
            v.lang = if v.lang == Lang::En { Lang::Zh } else { Lang::En };
        }
        ViewAction::Highlight(key) => {
            if v.highlight == key {
                return None;
            }
            v.highlight = key;
            v.walk = None;
        }
        ViewAction::SetViewport(size) => {
            if v.viewport == size && v.fitted {
                return None;
            }
            // Keep the world point at the centre where it is.
            let centre = v.centre();
            v.viewport = size;
            if v.fitted {
                v.camera.x = centre.x - size.w / v.camera.zoom / 2.0;
                v.camera.y = centre.y - size.h / v.camera.zoom / 2.0;
            } else {
                fit(&mut next);
            }
        }
        ViewAction::ZoomAt { screen, factor } => v.camera = v.camera.zoom_at(screen, factor),
        ViewAction::ZoomIn | ViewAction::ZoomOut => {
            let factor = if action == ViewAction::ZoomIn {
                ZOOM_STEP
            } else {
                1.0 / ZOOM_STEP
            };
            let c = Point::new(v.viewport.w / 2.0, v.viewport.h / 2.0);
            v.camera = v.camera.zoom_at(c, factor);
        }
        ViewAction::ZoomFit => fit(&mut next),
        ViewAction::PanBy { dx, dy } => v.camera = v.camera.pan_by(dx, dy),
        ViewAction::Pinch { from, to } => {
            let mid = |p: [Point; 2]| Point::new((p[0].x + p[1].x) / 2.0, (p[0].y + p[1].y) / 2.0);
            let (a, b) = (mid(from), mid(to));
            let spread = from[0].dist(from[1]);
            let factor = if spread > 1.0 { to[0].dist(to[1]) / spread } else { 1.0 };
            v.gesture = Gesture::Idle;
            v.camera = v.camera.pan_by(a.x - b.x, a.y - b.y).zoom_at(b, factor);
        }
        ViewAction::BeginPlace(item) => v.gesture = Gesture::Placing { item, at: None },
        ViewAction::BeginMove { id, screen, additive } => {
            if additive {
                if !v.is_selected(&id) {
                    v.selected.push(id.clone());
                }
            } else if !v.is_selected(&id) {
                v.selected = vec![id.clone()];
            }
            let ids = document::moving_set(ed.doc(), &id);
            v.gesture = Gesture::Moving {
                ids: Rc::new(ids),
                start: v.camera.to_world(screen),
                delta: Point::default(),
                moved: false,
            };
        }
        ViewAction::BeginPan { screen } => {
            v.gesture = Gesture::Panning {
                start: screen,
                camera: v.camera,
                moved: false,
            };
        }
        ViewAction::BeginConnect { from, screen } => {
            let at = v.camera.to_world(screen);
            v.selected = vec![from.clone()];
            v.gesture = Gesture::Connecting {
                from,
                start: at,
                at,
                over: None,
            };
        }
        ViewAction::PointerMove { screen, inside } => {
            let world = v.camera.to_world(screen);
            let zoom = v.camera.zoom;
            match &mut v.gesture {
                Gesture::Idle => return None,
                Gesture::Placing { at, .. } => *at = inside.then_some(world),
                Gesture::Moving {
                    start, delta, moved, ..
                } => {
                    *delta = Point::new(world.x - start.x, world.y - start.y);
                    if delta.x.hypot(delta.y) * zoom >= DRAG_THRESHOLD {
                        *moved = true;
                    }
                }
                Gesture::Panning { start, camera, moved } => {
                    let (dx, dy) = (screen.x - start.x, screen.y - start.y);
                    if dx.hypot(dy) >= DRAG_THRESHOLD {
                        *moved = true;
                    }
                    let cam = camera.pan_by(-dx, -dy);
                    v.camera = cam;
                }
                Gesture::Connecting { at, over, from, .. } => {
                    *at = world;
                    *over = route_target_at(ed.doc(), world).filter(|t| t != from);
                }
            }
        }
        ViewAction::CancelGesture => {
            if v.gesture == Gesture::Idle {
                return None;
            }
            if let Gesture::Panning { camera, .. } = &v.gesture {
                v.camera = *camera;
            }
            v.gesture = Gesture::Idle;
        }
        ViewAction::Escape => {
            if v.gesture != Gesture::Idle {
                return reduce_view(ed, ViewAction::CancelGesture);
            } else if v.walk.is_some() {
                v.walk = None;
            } else if v.highlight.is_some() {
                v.highlight = None;
            } else if !v.selected.is_empty() {
                v.selected.clear();
            } else {
                return None;
            }
        }
        ViewAction::DismissToast(seq) => {
            if v.toast.as_ref().is_none_or(|t| t.seq != seq) {
                return None;
            }
            v.toast = None;
        }
        ViewAction::DismissBanner => v.banner = None,
        ViewAction::DiscardDraft(key) => {
            v.drafts.remove(&key)?;
        }
        ViewAction::Arrived(arrival) => v.arrival = Some(arrival),
        ViewAction::ArrivalTaken => {
            v.arrival.take()?;
        }
        ViewAction::Walk(walk) => {
            if v.walk == walk || (walk.is_some() && v.highlight.is_none()) {
                return None;
            }
            v.walk = walk;
        }
    }
    Some(next)
}

/// The gateway or endpoint (something a route can point at) under a world point.
pub fn route_target_at(doc: &Document, p: Point) -> Option<String> {
    document::node_near(doc, p, geometry::NODE_HALF + 10.0, |_, k| {
        matches!(
            k,
            ComponentKind::NatGateway
                | ComponentKind::InternetGateway
                | ComponentKind::EgressOnlyGateway
                | ComponentKind::GatewayEndpoint
        )
    })
}

fn end_gesture(ed: &Editor, screen: Point, inside: bool) -> Option<Editor> {
    // Account for the final position even when no move event preceded the release.
    let ed = reduce_view(ed, ViewAction::PointerMove { screen, inside }).unwrap_or_else(|| ed.clone());
    let mut idle = ed.clone();
    idle.view.gesture = Gesture::Idle;
    match &ed.view.gesture {
        Gesture::Idle => None,
        Gesture::Placing { item, at } => match at {
            Some(at) => {
                let at = match (item.kind(), item.box_size()) {
                    (ComponentKind::Vpc, Some(size)) => ed.view.keep_in_view(*at, size),
                    _ => *at,
                };
                Some(apply_doc(idle, &DocAction::AddComponent { item: *item, at }))
            }
            None => Some(idle),
        },
        Gesture::Moving { ids, delta, moved, .. } => {
            if !moved {
                return Some(idle);
            }
            let id = ids.first()?.clone();
            let old = ed.doc().layout.get(id.as_str()).copied().unwrap_or_default();
            let to = Point::new(old.x + delta.x, old.y + delta.y);
            Some(apply_doc(idle, &DocAction::MoveNode { id, to }))
        }
        Gesture::Panning { moved, .. } => {
            if !moved {
                // A click on the empty canvas clears the selection.
                idle.view.selected.clear();
            }
            Some(idle)
        }
        Gesture::Connecting { from, start, at, over } => match over {
            Some(target) => Some(apply_doc(
                idle,
                &DocAction::ConnectRoute {
                    from: from.clone(),
                    target: target.clone(),
                },
            )),
            None => {
                if start.dist(*at) * ed.view.camera.zoom > 4.0 * DRAG_THRESHOLD {
                    show_toast(&mut idle.view, Note::NotARouteTarget);
                }
                Some(idle)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::Size;
    use vpc_engine::model::{RouteDestination, RouteTarget};

    fn editor() -> Editor {
        let doc = vpc_engine::model::load(include_str!("../../designs/starter.json")).unwrap();
        let mut ed = Editor::new(doc, ViewState::default());
        // A camera at the origin, 1:1, so screen points are world points.
        ed.view.viewport = Size { w: 1200.0, h: 800.0 };
        ed.view.fitted = true;
        ed
    }

    fn run(ed: &Editor, actions: impl IntoIterator<Item = Action>) -> Editor {
        actions.into_iter().fold(ed.clone(), |e, a| reduce(&e, a).unwrap_or(e))
    }

    fn mv(x: f64, y: f64) -> Action {
        Action::View(ViewAction::PointerMove {
            screen: Point::new(x, y),
            inside: true,
        })
    }

    #[test]
    fn opening_a_design_is_counted_and_an_edit_is_not() {
        let ed = editor();
        let edited = run(
            &ed,
            [Action::Doc(DocAction::MoveNode {
                id: "orders-fn".into(),
                to: Point::new(500.0, 430.0),
            })],
        );
        assert_ne!(edited.doc(), ed.doc(), "the move is an edit");
        assert_eq!(edited.view.opened, ed.view.opened, "an edit keeps the count");
        let other = Rc::new(History::new(Rc::new(Document::new("other"))));
        let opened = run(&edited, [Action::OpenDesign(other)]);
        assert_eq!(opened.view.opened, ed.view.opened + 1);
        assert_eq!(opened.doc().name, "other");
    }

    fn up(x: f64, y: f64) -> Action {
        Action::EndGesture {
            screen: Point::new(x, y),
            inside: true,
        }
    }

    #[test]
    fn two_fingers_zoom_by_their_spread_about_their_midpoint_and_end_a_drag() {
        let ed = editor();
        // A node drag the first finger began is dropped when the second finger moves.
        let dragging = run(
            &ed,
            [Action::View(ViewAction::BeginMove {
                id: "orders-fn".into(),
                screen: Point::new(300.0, 300.0),
                additive: false,
            })],
        );
        let (a, b) = (Point::new(400.0, 300.0), Point::new(600.0, 300.0));
        let under = dragging.view.camera.to_world(Point::new(500.0, 300.0));
        // Spread from 200 px to 300 px while the pair moves 40 px right and 20 px down.
        let (a2, b2) = (Point::new(390.0, 320.0), Point::new(690.0, 320.0));
        let out = run(
            &dragging,
            [Action::View(ViewAction::Pinch {
                from: [a, b],
                to: [a2, b2],
            })],
        );
        assert_eq!(out.view.gesture, Gesture::Idle);
        assert!((out.view.camera.zoom / dragging.view.camera.zoom - 1.5).abs() < 1e-9);
        let now = out.view.camera.to_screen(under);
        assert!(
            now.dist(Point::new(540.0, 320.0)) < 1e-6,
            "the point between the fingers follows them: {now:?}"
        );
        assert_eq!(out.doc(), ed.doc(), "a pinch changes the view, never the design");
        // Two fingers that keep their spread pan only.
        let panned = run(
            &ed,
            [Action::View(ViewAction::Pinch {
                from: [a, b],
                to: [a.add(-30.0, 10.0), b.add(-30.0, 10.0)],
            })],
        );
        assert_eq!(panned.view.camera.zoom, ed.view.camera.zoom);
        assert!(panned.view.camera.to_screen(under).dist(Point::new(470.0, 310.0)) < 1e-6);
    }

    #[test]
    fn a_vpc_dropped_near_the_corner_is_placed_wholly_in_view() {
        let ed = editor();
        let ed = run(
            &ed,
            [
                Action::View(ViewAction::BeginPlace(PaletteItem::Vpc)),
                mv(30.0, 30.0),
                up(12.0, 8.0),
            ],
        );
        let vpc = ed.doc().vpcs.last().unwrap();
        let r = ed.doc().layout[vpc.id.as_str()];
        let v = ed.view.visible();
        assert!(geometry::contains_rect(&v, &r), "{r:?} in {v:?}");
    }

    #[test]
    fn the_explanation_card_moves_off_the_components_it_explains() {
        let mut ed = editor();
        ed.view.highlight = Some(VerdictKey {
            from: "orders-fn".into(),
            to: "internet".into(),
            port: None,
        });
        // orders-fn at (235, 210) on a 1200×800 canvas at 1:1: clear of the bottom-left card.
        assert_eq!(ed.view.card_corner(ed.doc()), CardCorner::BottomLeft);
        // Just above the card, with its name and badges under the card's top: to the right.
        let mut above = ed.clone();
        above.view.camera = above.view.camera.pan_by(0.0, -170.0);
        assert!(above.view.camera.to_screen(Point::new(235.0, 210.0)).y < 800.0 * 0.54 - 24.0);
        assert_eq!(above.view.card_corner(above.doc()), CardCorner::BottomRight);
        // Panned so that it sits in the bottom-left corner, the card goes to the right.
        ed.view.camera = ed.view.camera.pan_by(0.0, -500.0);
        let p = ed.view.camera.to_screen(Point::new(235.0, 210.0));
        assert!(p.y > 800.0 * 0.54, "{p:?}");
        assert_eq!(ed.view.card_corner(ed.doc()), CardCorner::BottomRight);
    }

    #[test]
    fn dragging_from_the_palette_adds_one_component_in_one_undo_step() {
        let ed = editor();
        let ed = run(
            &ed,
            [
                Action::View(ViewAction::BeginPlace(PaletteItem::Lambda)),
                mv(100.0, 100.0),
                mv(200.0, 400.0),
                up(235.0, 450.0),
            ],
        );
        assert_eq!(ed.doc().functions.len(), 2);
        let f = ed.doc().functions.last().unwrap();
        assert_eq!(f.vpc_config.as_ref().unwrap().subnets, vec!["private-a".into()]);
        assert_eq!(ed.view.selected, vec![f.id.0.clone()]);
        assert_eq!(ed.view.gesture, Gesture::Idle);
        assert_eq!(ed.history.undo_len(), 1);
        let ed = run(&ed, [Action::Undo]);
        assert_eq!(ed.doc().functions.len(), 1);
    }

    #[test]
    fn a_palette_drag_released_outside_the_canvas_adds_nothing() {
        let ed = editor();
        let out = run(
            &ed,
            [
                Action::View(ViewAction::BeginPlace(PaletteItem::Vpc)),
                mv(100.0, 100.0),
                Action::EndGesture {
                    screen: Point::new(-50.0, 10.0),
                    inside: false,
                },
            ],
        );
        assert_eq!(out.doc(), ed.doc());
        assert_eq!(out.view.gesture, Gesture::Idle);
    }

    #[test]
    fn moving_shows_a_preview_and_commits_once_on_release() {
        let ed = editor();
        let during = run(
            &ed,
            [
                Action::View(ViewAction::BeginMove {
                    id: "orders-fn".into(),
                    screen: Point::new(235.0, 210.0),
                    additive: false,
                }),
                mv(240.0, 300.0),
                mv(235.0, 450.0),
            ],
        );
        // The document is untouched while dragging; only the drawn position follows.
        assert!(Rc::ptr_eq(during.doc(), ed.doc()));
        assert_eq!(
            during.drawn_layout("orders-fn").map(|r| (r.x, r.y)),
            Some((235.0, 450.0))
        );
        let done = run(&during, [up(235.0, 450.0)]);
        assert_eq!(done.history.undo_len(), 1);
        let cfg = done.doc().functions[0].vpc_config.clone().unwrap();
        assert_eq!(cfg.subnets[0].as_str(), "private-a");
    }

    #[test]
    fn escape_cancels_a_drag_without_a_trace() {
        let ed = editor();
        let out = run(
            &ed,
            [
                Action::View(ViewAction::BeginMove {
                    id: "orders-fn".into(),
                    screen: Point::new(235.0, 210.0),
                    additive: false,
                }),
                mv(600.0, 450.0),
                Action::View(ViewAction::CancelGesture),
                up(600.0, 450.0),
            ],
        );
        assert!(Rc::ptr_eq(out.doc(), ed.doc()));
        assert_eq!(out.history.undo_len(), 0);
        assert_eq!(out.drawn_layout("orders-fn"), ed.doc().layout.get("orders-fn").copied());
    }

    #[test]
    fn a_click_without_movement_only_selects() {
        let ed = editor();
        let out = run(
            &ed,
            [
                Action::View(ViewAction::BeginMove {
                    id: "orders-db".into(),
                    screen: Point::new(420.0, 450.0),
                    additive: false,
                }),
                mv(421.0, 451.0),
                up(421.0, 451.0),
            ],
        );
        assert!(Rc::ptr_eq(out.doc(), ed.doc()));
        assert_eq!(out.view.selected, vec!["orders-db".to_owned()]);
    }

    #[test]
    fn selection_changes_do_not_clear_redo() {
        let ed = editor();
        let ed = run(
            &ed,
            [
                Action::View(ViewAction::Select(vec!["private-a".into()])),
                Action::DuplicateSelection,
                Action::Undo,
            ],
        );
        assert!(ed.history.can_redo());
        let ed = run(
            &ed,
            [
                Action::View(ViewAction::Select(vec!["orders-fn".into()])),
                Action::View(ViewAction::ZoomIn),
                Action::View(ViewAction::ToggleLang),
            ],
        );
        assert!(ed.history.can_redo());
        let ed = run(&ed, [Action::Redo]);
        assert!(topology::subnet(ed.doc(), "private-a-copy").is_some());
    }

    #[test]
    fn an_invalid_cidr_stays_a_draft_and_the_document_is_unchanged() {
        let ed = editor();
        let key = TextKey {
            id: "private-a".into(),
            field: TextField::Cidr,
        };
        let out = run(
            &ed,
            [Action::Doc(DocAction::SetText {
                key: key.clone(),
                text: "10.0.1".into(),
            })],
        );
        assert!(Rc::ptr_eq(out.doc(), ed.doc()));
        assert_eq!(out.view.drafts.get(&key).expect("a draft").text, "10.0.1");
        // Fixing it commits and clears the draft; typing is one undo step.
        let out = run(
            &out,
            [
                Action::Doc(DocAction::SetText {
                    key: key.clone(),
                    text: "10.0.12.0/24".into(),
                }),
                Action::Doc(DocAction::SetText {
                    key: key.clone(),
                    text: "10.0.13.0/24".into(),
                }),
            ],
        );
        assert!(out.view.drafts.is_empty());
        assert_eq!(
            topology::subnet(out.doc(), "private-a").unwrap().cidr.as_str(),
            "10.0.13.0/24"
        );
        assert_eq!(out.history.undo_len(), 1);
    }

    #[test]
    fn drawing_a_connector_to_a_nat_gateway_adds_the_route_and_selects_the_subnet() {
        let ed = editor();
        let ed = run(
            &ed,
            [Action::View(ViewAction::BeginPlace(PaletteItem::Nat)), up(150.0, 260.0)],
        );
        let nat = ed.doc().nat_gateways[0].clone();
        let at = ed.doc().layout[nat.id.as_str()];
        let ed = run(
            &ed,
            [
                Action::View(ViewAction::BeginConnect {
                    from: "private-a".into(),
                    screen: Point::new(400.0, 450.0),
                }),
                mv(300.0, 300.0),
                mv(at.x + 3.0, at.y - 2.0),
            ],
        );
        assert!(matches!(&ed.view.gesture, Gesture::Connecting { over: Some(t), .. } if *t == nat.id.0));
        let ed = run(&ed, [up(at.x + 3.0, at.y - 2.0)]);
        assert_eq!(ed.view.selected, vec!["private-a".to_owned()]);
        let s = topology::subnet(ed.doc(), "private-a").unwrap();
        let t = topology::effective_table(ed.doc(), s).unwrap();
        assert!(t
            .routes
            .iter()
            .any(|r| r.destination == RouteDestination::Cidr("0.0.0.0/0".into())
                && r.target == RouteTarget::NatGateway(nat.id.clone())));
        assert!(ed.view.toast.is_some());
    }

    #[test]
    fn a_connector_dropped_on_nothing_explains_what_it_needs() {
        let ed = editor();
        let ed = run(
            &ed,
            [
                Action::View(ViewAction::BeginConnect {
                    from: "private-a".into(),
                    screen: Point::new(400.0, 450.0),
                }),
                up(600.0, 700.0),
            ],
        );
        assert_eq!(ed.view.toast.as_ref().map(|t| &t.note), Some(&Note::NotARouteTarget));
        assert_eq!(ed.history.undo_len(), 0);
    }

    #[test]
    fn deleting_the_selection_then_undo_restores_it() {
        let ed = editor();
        let ed = run(
            &ed,
            [
                Action::View(ViewAction::Select(vec!["orders-db".into()])),
                Action::DeleteSelection,
            ],
        );
        assert!(ed.doc().databases.is_empty());
        assert!(ed.view.selected.is_empty());
        let ed = run(&ed, [Action::Undo]);
        assert_eq!(ed.doc().databases.len(), 1);
    }

    #[test]
    fn arrow_keys_move_the_selection_in_one_undo_step_and_pan_without_one() {
        let ed = run(&editor(), [Action::View(ViewAction::Select(vec!["orders-fn".into()]))]);
        let before = ed.doc().layout["orders-fn"];
        let right = Action::NudgeSelection { dx: 10.0, dy: 0.0 };
        let down = Action::NudgeSelection { dx: 0.0, dy: 50.0 };
        let moved = run(&ed, [right.clone(), right, down]);
        let after = moved.doc().layout["orders-fn"];
        assert_eq!((after.x, after.y), (before.x + 20.0, before.y + 50.0));
        assert_eq!(moved.view.camera, ed.view.camera, "moving the selection does not pan");
        let undone = run(&moved, [Action::Undo]);
        assert_eq!(undone.doc().layout["orders-fn"], before, "three presses, one undo step");
        // With nothing selected the arrows pan the view.
        let none = run(&ed, [Action::View(ViewAction::Select(vec![]))]);
        let panned = run(&none, [Action::NudgeSelection { dx: 10.0, dy: 0.0 }]);
        assert_ne!(panned.view.camera, none.view.camera);
        assert!(Rc::ptr_eq(panned.doc(), none.doc()), "panning changes no document");
    }

    #[test]
    fn nudging_a_box_with_its_contents_selected_moves_them_once() {
        let ed = run(
            &editor(),
            [Action::View(ViewAction::Select(vec![
                "main-vpc".into(),
                "private-a".into(),
                "orders-fn".into(),
            ]))],
        );
        let moved = run(&ed, [Action::NudgeSelection { dx: 0.0, dy: 10.0 }]);
        for id in ["main-vpc", "private-a", "orders-fn", "public-a"] {
            let (b, a) = (ed.doc().layout[id], moved.doc().layout[id]);
            assert_eq!((a.x, a.y), (b.x, b.y + 10.0), "{id}");
        }
    }

    #[test]
    fn deleting_asks_for_the_focus_to_go_to_the_container_that_stays() {
        let ed = run(&editor(), [Action::View(ViewAction::Select(vec!["orders-fn".into()]))]);
        let ed = run(&ed, [Action::DeleteSelection]);
        assert_eq!(ed.view.refocus.as_ref().and_then(|r| r.id.as_deref()), Some("public-a"));
        // A subnet deleted with its VPC: the canvas.
        let ed = run(
            &ed,
            [Action::View(ViewAction::Select(vec![
                "main-vpc".into(),
                "private-a".into(),
            ]))],
        );
        let seq = ed.view.refocus.as_ref().map(|r| r.seq);
        let ed = run(&ed, [Action::DeleteSelection]);
        let r = ed.view.refocus.as_ref().unwrap();
        assert_eq!(r.id, None);
        assert_ne!(Some(r.seq), seq, "each deletion asks anew");
    }

    #[test]
    fn panning_by_drag_moves_the_camera_and_a_plain_click_deselects() {
        let ed = run(&editor(), [Action::View(ViewAction::Select(vec!["orders-db".into()]))]);
        let panned = run(
            &ed,
            [
                Action::View(ViewAction::BeginPan {
                    screen: Point::new(500.0, 500.0),
                }),
                mv(400.0, 450.0),
                up(400.0, 450.0),
            ],
        );
        assert_eq!((panned.view.camera.x, panned.view.camera.y), (100.0, 50.0));
        assert_eq!(panned.view.selected, vec!["orders-db".to_owned()]);
        let clicked = run(
            &ed,
            [
                Action::View(ViewAction::BeginPan {
                    screen: Point::new(500.0, 500.0),
                }),
                up(500.0, 500.0),
            ],
        );
        assert!(clicked.view.selected.is_empty());
    }

    #[test]
    fn a_data_store_is_added_duplicated_and_deleted_each_in_one_undo_step() {
        use vpc_engine::model::StoreKind;
        let ed = run(
            &editor(),
            [
                Action::View(ViewAction::Select(vec!["private-a".into()])),
                Action::AddAtCentre(PaletteItem::Store(StoreKind::Efs)),
            ],
        );
        assert_eq!(ed.view.selected, ["efs-1"]);
        assert_eq!(ed.doc().data_stores[0].subnets[0].as_str(), "private-a");
        let ed = run(&ed, [Action::DuplicateSelection]);
        assert_eq!(ed.view.selected, ["efs-1-copy"]);
        assert_eq!(ed.doc().data_stores.len(), 2);
        let ed = run(
            &ed,
            [
                Action::View(ViewAction::Select(vec!["efs-1".into(), "efs-1-copy".into()])),
                Action::DeleteSelection,
            ],
        );
        assert!(ed.doc().data_stores.is_empty());
        assert!(!ed.doc().layout.contains_key("efs-1"));
        let ed = run(&ed, [Action::Undo]);
        assert_eq!(ed.doc().data_stores.len(), 2);
        let ed = run(&ed, [Action::Undo, Action::Undo]);
        assert!(ed.doc().data_stores.is_empty(), "adding was one step");
    }

    #[test]
    fn enter_on_a_palette_item_adds_into_the_selected_subnet() {
        let ed = run(
            &editor(),
            [
                Action::View(ViewAction::Select(vec!["private-b".into()])),
                Action::AddAtCentre(PaletteItem::Ec2),
            ],
        );
        let i = &ed.doc().instances[0];
        assert_eq!(i.subnet.as_str(), "private-b");
        // Not on top of the database drawn there.
        let p = ed.doc().layout[i.id.as_str()];
        let db = ed.doc().layout["orders-db"];
        assert!(Point::new(p.x, p.y).dist(Point::new(db.x, db.y)) > 40.0);
    }

    #[test]
    fn the_first_viewport_measurement_fits_the_design() {
        let doc = vpc_engine::model::load(include_str!("../../designs/starter.json")).unwrap();
        let ed = Editor::new(doc, ViewState::default());
        let ed = run(
            &ed,
            [Action::View(ViewAction::SetViewport(Size { w: 800.0, h: 600.0 }))],
        );
        assert!(ed.view.fitted);
        let b = design_bounds(ed.doc()).unwrap();
        let tl = ed.view.camera.to_screen(Point::new(b.x, b.y));
        let br = ed.view.camera.to_screen(Point::new(b.x + b.w, b.y + b.h));
        assert!(tl.x >= 0.0 && tl.y >= 0.0 && br.x <= 800.0 && br.y <= 600.0);
    }

    #[test]
    fn dismissing_an_old_toast_keeps_the_new_one() {
        let ed = run(
            &editor(),
            [
                Action::View(ViewAction::BeginConnect {
                    from: "private-a".into(),
                    screen: Point::new(400.0, 450.0),
                }),
                up(600.0, 700.0),
            ],
        );
        let seq = ed.view.toast.as_ref().unwrap().seq;
        assert!(reduce(&ed, Action::View(ViewAction::DismissToast(seq + 1))).is_none());
        let ed = run(&ed, [Action::View(ViewAction::DismissToast(seq))]);
        assert!(ed.view.toast.is_none());
    }
}
