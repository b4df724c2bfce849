//! Per-viewer state: selection, camera, the gesture in progress, language, the verdict
//! whose path is highlighted, invalid drafts. Never part of the document, never undone,
//! never exported.

use super::document::{Note, PaletteItem, TextKey};
use crate::geometry::{self, Camera, Point, Size};
use crate::topology;
use std::rc::Rc;
use vpc_engine::explain::{Lang, Message};
use vpc_engine::model::{Document, Rect};
use vpc_engine::reach::Verdict;
use vpc_engine::Analysis;

/// Names one verdict: a function id (or `internet`), a destination key (`internet`, `s3`, a
/// database id …) and, for a target asked on several ports, the port (`None`: the first
/// verdict of the pair, which is the one asked on the target's service port).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VerdictKey {
    pub from: String,
    pub to: String,
    pub port: Option<u16>,
}

impl VerdictKey {
    /// The key of a verdict; `several` says whether its pair has verdicts on other ports.
    pub fn of(v: &Verdict, several: bool) -> VerdictKey {
        VerdictKey {
            from: v.from.key().to_owned(),
            to: v.to.key().to_owned(),
            port: several.then_some(v.port),
        }
    }

    /// The verdict it names.
    pub fn find<'a>(&self, analysis: &'a Analysis) -> Option<&'a Verdict> {
        let mut pair = analysis
            .verdicts
            .iter()
            .filter(|v| v.from.key() == self.from && v.to.key() == self.to);
        match self.port {
            None => pair.next(),
            Some(p) => pair.find(|v| v.port == p),
        }
    }
}

/// What the pointer is doing. One drag is one gesture; it changes only this state until
/// the pointer is released, and then commits at most one document action.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Gesture {
    #[default]
    Idle,
    /// Dragging a palette item; `at` is the world point under the pointer while it is over
    /// the canvas.
    Placing { item: PaletteItem, at: Option<Point> },
    /// Dragging components (the first is the one grabbed; the rest move along with it).
    Moving {
        ids: Rc<Vec<String>>,
        start: Point,
        delta: Point,
        moved: bool,
    },
    /// Dragging the empty canvas.
    Panning { start: Point, camera: Camera, moved: bool },
    /// Drawing a route connector from a subnet or a route table; `over` is the route target
    /// under the pointer.
    Connecting {
        from: String,
        start: Point,
        at: Point,
        over: Option<String>,
    },
}

/// An invalid value the person typed: kept here, never in the document.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub text: String,
    pub error: Message,
}

/// The drafts of the fields that have one, in the order they were typed. Rarely more than one
/// or two, so a list: it costs the download none of a `BTreeMap`'s code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drafts(Vec<(TextKey, Draft)>);

impl Drafts {
    pub fn get(&self, key: &TextKey) -> Option<&Draft> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, d)| d)
    }

    /// Sets the draft of `key`, replacing the one it had.
    pub fn insert(&mut self, key: TextKey, draft: Draft) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, d)) => *d = draft,
            None => self.0.push((key, draft)),
        }
    }

    pub fn remove(&mut self, key: &TextKey) -> Option<Draft> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(at).1)
    }

    /// Keeps the drafts whose key passes `keep`.
    pub fn retain(&mut self, mut keep: impl FnMut(&TextKey) -> bool) {
        self.0.retain(|(k, _)| keep(k));
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A short message about what just happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub note: Note,
    /// Increases with every toast, so that a timer dismisses only its own.
    pub seq: u32,
}

/// A persistent warning at the top of the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Banner {
    /// The saved design could not be read; it was kept under `backup_key`.
    UnreadableSaved { error: String, backup_key: String },
    /// About saving, importing or sharing designs (`persist.rs`, `transfer.rs`).
    Notice(super::Notice),
    /// Another tab saved the design on screen (named `name`) since this tab read it: this tab
    /// saves nothing until the person loads that version or keeps both.
    OtherTab { name: String },
}

#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    /// Selected component ids; the first is the one the inspector shows.
    pub selected: Vec<String>,
    pub camera: Camera,
    /// Size of the canvas on screen, in pixels.
    pub viewport: Size,
    /// Whether the camera has been fitted to the design since the viewport was measured.
    pub fitted: bool,
    /// Counts the designs opened (from My designs, a file, a link, a lesson): what follows an
    /// opening is not an edit of the design before it.
    pub opened: u32,
    pub gesture: Gesture,
    pub lang: Lang,
    pub highlight: Option<VerdictKey>,
    pub drafts: Drafts,
    pub toast: Option<Toast>,
    pub banner: Option<Banner>,
    /// The packet walk-through of the highlighted verdict, when one is running.
    pub walk: Option<super::walk::Walk>,
    /// Where the keyboard focus goes after a deletion took away the focused component: the
    /// subnet or VPC it was in (`Some(id)`), else the canvas (`None`); `seq` tells one
    /// deletion from the next.
    pub refocus: Option<Refocus>,
    /// A lesson or template that arrived from outside, until its component takes it.
    pub arrival: Option<super::Arrival>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Refocus {
    pub seq: u32,
    pub id: Option<String>,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            selected: Vec::new(),
            camera: Camera::default(),
            viewport: Size { w: 1000.0, h: 700.0 },
            fitted: false,
            opened: 0,
            gesture: Gesture::Idle,
            lang: Lang::En,
            highlight: None,
            drafts: Drafts::default(),
            toast: None,
            banner: None,
            walk: None,
            refocus: None,
            arrival: None,
        }
    }
}

impl ViewState {
    pub fn is_selected(&self, id: &str) -> bool {
        self.selected.iter().any(|s| s == id)
    }

    /// The world point at the centre of the canvas.
    pub fn centre(&self) -> Point {
        self.camera
            .to_world(Point::new(self.viewport.w / 2.0, self.viewport.h / 2.0))
    }

    /// Where the explanation card (or the walk-through) goes so that it covers neither end
    /// of the verdict it explains: its usual bottom-left corner, else bottom-right, else
    /// top-left. The card's box is the one styles.css gives it (at most 420 px wide, 46 %
    /// of the canvas high, 12 px from the edges).
    pub fn card_corner(&self, doc: &Document) -> CardCorner {
        let Some(key) = &self.highlight else {
            return CardCorner::default();
        };
        // Each end's centre, and for an icon also the foot of its name and badges below it.
        let points: Vec<Point> = [key.from.as_str(), key.to.as_str()]
            .into_iter()
            .filter_map(|id| Some((topology::kind_of(doc, id)?, doc.layout.get(id)?)))
            .flat_map(|(kind, r)| {
                let c = geometry::centre(kind, *r);
                let foot = (!geometry::is_box(kind)).then(|| c.add(0.0, geometry::NODE_HALF + 64.0));
                std::iter::once(c).chain(foot)
            })
            .map(|p| self.camera.to_screen(p))
            .collect();
        let Size { w, h } = self.viewport;
        let (cw, ch) = (420.0_f64.min(w - 24.0) + 24.0, h * 0.46 + 24.0);
        let covers = |c: CardCorner| {
            points.iter().any(|p| match c {
                CardCorner::BottomLeft => p.x < cw && p.y > h - ch,
                CardCorner::BottomRight => p.x > w - cw && p.y > h - ch,
                CardCorner::TopLeft => p.x < cw && p.y < ch,
            })
        };
        [CardCorner::BottomLeft, CardCorner::BottomRight, CardCorner::TopLeft]
            .into_iter()
            .find(|c| !covers(*c))
            .unwrap_or_default()
    }

    /// The part of the world the canvas shows.
    pub fn visible(&self) -> Rect {
        let a = self.camera.to_world(Point::new(0.0, 0.0));
        let b = self.camera.to_world(Point::new(self.viewport.w, self.viewport.h));
        Rect {
            x: a.x,
            y: a.y,
            w: b.x - a.x,
            h: b.y - a.y,
        }
    }

    /// Where a new top-level box (a VPC) of size `w`×`h` asked to be centred at `at` goes so
    /// that all of it is on screen: moved in from the edges it would cross, or against the
    /// top-left corner when it is larger than the view.
    pub fn keep_in_view(&self, at: Point, (w, h): (f64, f64)) -> Point {
        let v = self.visible();
        let margin = 16.0 / self.camera.zoom.max(0.01);
        let fit = |c: f64, lo: f64, len: f64, size: f64| {
            let (min, max) = (lo + margin + size / 2.0, lo + len - margin - size / 2.0);
            if min > max {
                min
            } else {
                geometry::clamp(c, min, max)
            }
        };
        Point::new(fit(at.x, v.x, v.w, w), fit(at.y, v.y, v.h, h))
    }
}

/// The corner of the canvas the explanation card is drawn in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CardCorner {
    #[default]
    BottomLeft,
    BottomRight,
    TopLeft,
}

impl CardCorner {
    pub fn class(self) -> &'static str {
        match self {
            CardCorner::BottomLeft => "at-bottom-left",
            CardCorner::BottomRight => "at-bottom-right",
            CardCorner::TopLeft => "at-top-left",
        }
    }
}

/// Changes to the view only.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewAction {
    Select(Vec<String>),
    /// Adds or removes one id (shift-click).
    ToggleSelect(String),
    SetLang(Lang),
    ToggleLang,
    /// Shows a verdict's path and its explanation card (`None` closes it).
    Highlight(Option<VerdictKey>),
    SetViewport(Size),
    ZoomAt {
        screen: Point,
        factor: f64,
    },
    ZoomIn,
    ZoomOut,
    /// Fits the whole design in view.
    ZoomFit,
    PanBy {
        dx: f64,
        dy: f64,
    },
    /// Two fingers moved on the canvas from the screen points `from` to `to`: the world point
    /// between them follows their midpoint and the zoom follows their spread (pinch and
    /// two-finger pan). Ends any one-pointer gesture the first finger began.
    Pinch {
        from: [Point; 2],
        to: [Point; 2],
    },
    BeginPlace(PaletteItem),
    /// Pointer down on a component at a screen point (pixels from the canvas corner).
    BeginMove {
        id: String,
        screen: Point,
        additive: bool,
    },
    BeginPan {
        screen: Point,
    },
    /// Pointer down on the connector handle of a subnet or a route table.
    BeginConnect {
        from: String,
        screen: Point,
    },
    /// The pointer moved; `inside` says whether it is over the canvas.
    PointerMove {
        screen: Point,
        inside: bool,
    },
    /// Esc: drops the gesture's preview, nothing is committed.
    CancelGesture,
    /// Esc outside a field: cancels the gesture in progress, else closes the explanation
    /// card, else clears the selection.
    Escape,
    DismissToast(u32),
    DismissBanner,
    /// Forgets an invalid draft, showing the document's value again.
    DiscardDraft(TextKey),

    // --- Insight (issue 6) ---
    /// Starts, moves or (with `None`) ends the packet walk-through of the highlighted verdict.
    Walk(Option<super::walk::Walk>),

    // --- Arrivals (src/arrivals.rs) ---
    /// A lesson or template arrived (pasted, dropped, picked, linked) for its component.
    Arrived(super::Arrival),
    /// The component the arrival was for has taken it.
    ArrivalTaken,
}
