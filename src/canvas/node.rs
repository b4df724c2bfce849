//! One component on the canvas. Props are cheap to compare (`Rc`s and small values), so a
//! change re-renders only the nodes it touches.

use super::icons;
use super::scene::SceneNode;
use crate::dom;
use crate::geometry::{self, num, Point, N, NODE_HALF};
use crate::i18n::{self, T};
use crate::state::{Action, ViewAction};
use std::rc::Rc;
use vpc_engine::explain::Lang;
use vpc_engine::model::{ComponentKind, Rect};
use vpc_engine::reach::Reach;
use yew::prelude::*;

pub use super::scene::BadgeView;

#[derive(Properties, PartialEq)]
pub struct NodeProps {
    pub node: Rc<SceneNode>,
    /// Where it is drawn (its layout, moved by a drag in progress).
    pub layout: Rect,
    pub selected: bool,
    /// On the highlighted path: `Some(true)` passes, `Some(false)` blocks.
    pub path: Option<bool>,
    /// The container a drop would land in, or the route target a connector would reach.
    pub target: bool,
    pub lang: Lang,
    #[prop_or_default]
    pub badges: Option<Rc<Vec<BadgeView>>>,
    pub dispatch: Callback<Action>,
}

fn path_attr(path: Option<bool>) -> Option<AttrValue> {
    path.map(|ok| AttrValue::Static(if ok { "allowed" } else { "blocked" }))
}

/// The canvas point of a primary-button press on a node or a handle, claimed so that the
/// canvas below does not also start a pan; `None` for any other button. Inlined: as a call it
/// made the brotli download larger than the two copies it replaced.
#[inline(always)]
fn primary_press(e: &PointerEvent) -> Option<Point> {
    if e.button() != 0 {
        return None;
    }
    e.prevent_default();
    e.stop_propagation();
    Some(dom::canvas_point_fresh(f64::from(e.client_x()), f64::from(e.client_y())).0)
}

fn begin_move(id: Rc<str>, dispatch: Callback<Action>) -> Callback<PointerEvent> {
    Callback::from(move |e: PointerEvent| {
        if let Some(screen) = primary_press(&e) {
            dispatch.emit(Action::View(ViewAction::BeginMove {
                id: id.to_string(),
                screen,
                additive: e.shift_key(),
            }));
        }
    })
}

fn select_on_enter(id: Rc<str>, dispatch: Callback<Action>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            dispatch.emit(Action::View(ViewAction::Select(vec![id.to_string()])));
        }
    })
}

/// A VPC or subnet box.
#[component]
pub fn BoxNode(props: &NodeProps) -> Html {
    let n = &props.node;
    let r = props.layout;
    let is_subnet = n.kind == ComponentKind::Subnet;
    let variant = match n.public {
        Some(true) => "public",
        Some(false) => "private",
        None => "vpc",
    };
    let mut class = classes!("node", "box", variant);
    if props.selected {
        class.push("selected");
    }
    if props.target {
        class.push("target");
    }
    let tag = n.public.map(|p| if p { T::Public } else { T::Private }.get(props.lang));
    let onpointerdown = begin_move(n.id.clone(), props.dispatch.clone());
    let onkeydown = select_on_enter(n.id.clone(), props.dispatch.clone());
    let kind_name = i18n::kind_name(n.kind, props.lang);
    let label_x = r.x + 12.0;
    // The accessible name (the SVG `<title>`, also the tooltip): kind, name, CIDR and zone,
    // public or private.
    let aria = format!("{kind_name} {} {} {}", n.label, n.detail, tag.unwrap_or_default());
    html! {
        <g data-testid={format!("canvas.node.{}", n.id)} data-kind={n.kind_key}
           data-selected={props.selected.then_some("true")} data-path={path_attr(props.path)}
           data-public={n.public.map(|p| if p { "true" } else { "false" })}
           class={class} tabindex="0" role="button" onpointerdown={onpointerdown} onkeydown={onkeydown}>
            <title>{ aria }</title>
            <rect x={num(r.x)} y={num(r.y)} width={num(r.w.max(1.0))} height={num(r.h.max(1.0))}
                  rx={if is_subnet { "8" } else { "12" }} class="box-body" />
            <text x={num(label_x)} y={num(r.y + 20.0)} class="box-label">
                <tspan class="box-kind">{ if is_subnet { kind_name.to_owned() } else { "VPC".to_owned() } }</tspan>
                { " " }<tspan dx="3" class="box-name">{ &*n.label }</tspan>
            </text>
            <text x={num(label_x)} y={num(r.y + 36.0)} class="box-detail">{ &*n.detail }</text>
            if let Some(tag) = tag {
                <g class="box-tag">
                    <rect x={num(r.x + r.w - 62.0)} y={num(r.y + 8.0)} width="54" height="18" rx="9" />
                    <text x={num(r.x + r.w - 35.0)} y={num(r.y + 17.0)} text-anchor="middle" dominant-baseline="central">{ tag }</text>
                </g>
            }
        </g>
    }
}

/// The handle to drag a route connector from, on the right edge of `r` (a subnet's box, or
/// the space right of a route table's icon). Drawn in a layer above every node, so that a
/// component placed near the edge never hides it.
pub fn connector(subnet: &Rc<str>, r: Rect, public: bool, lang: Lang, dispatch: &Callback<Action>) -> Html {
    let start = {
        let id = subnet.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(screen) = primary_press(&e) {
                dispatch.emit(Action::View(ViewAction::BeginConnect {
                    from: id.to_string(),
                    screen,
                }));
            }
        })
    };
    let (cx, cy) = (r.x + r.w, r.y + r.h / 2.0);
    html! {
        <g key={subnet.to_string()} class={classes!("connector", public.then_some("public"))}
           data-testid={format!("canvas.connector.{subnet}")} onpointerdown={start}>
            <title>{ T::ConnectorHint.get(lang) }</title>
            <circle cx={num(cx)} cy={num(cy)} r="14" class="connector-hit" />
            <circle cx={num(cx)} cy={num(cy)} r="8" class="connector-dot" />
            <path d={format!("M{} {} l6 0 m-3 -3 l3 3 l-3 3", N(cx - 3.0), N(cy))} class="connector-arrow" />
        </g>
    }
}

/// Half the size of the ring drawn around a selected or highlighted node.
const RING: f64 = NODE_HALF + 6.0;

/// Width of a badge for a label, in world units.
fn badge_width(label: &str) -> f64 {
    // The label's font is a bold sans at 10.5 px (styles.css `.badge text`); measuring text
    // would need the DOM, so each character is given the advance of a bold Helvetica/Arial
    // glyph, in em, a little generous so that no label is cut ("DynamoDB" was, at a flat
    // 6.4 px a character).
    fn advance(c: char) -> f64 {
        match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.29,
            ' ' | 'f' | 't' | 'I' | 'r' | '(' | ')' | '[' | ']' | '/' | '-' => 0.36,
            'm' | 'M' | 'W' => 0.9,
            'w' => 0.8,
            'A'..='Z' => 0.74,
            '0'..='9' => 0.58,
            _ if c.is_ascii() => 0.6,
            // CJK and other wide scripts: a full em.
            _ => 1.05,
        }
    }
    let em = label.chars().map(advance).sum::<f64>();
    24.0 + 10.5 * em
}

/// Any component drawn as an icon: gateways, endpoints, functions, databases, services …
#[component]
pub fn PointNode(props: &NodeProps) -> Html {
    let n = &props.node;
    let (cx, cy) = (props.layout.x, props.layout.y);
    let mut class = classes!("node", "point", n.kind_key);
    if props.selected {
        class.push("selected");
    }
    if props.target {
        class.push("target");
    }
    let onpointerdown = begin_move(n.id.clone(), props.dispatch.clone());
    let onkeydown = select_on_enter(n.id.clone(), props.dispatch.clone());
    // The ring is always drawn (invisible when idle) so that a node's bounds never change
    // with its state.
    let ring_class = match props.path {
        Some(true) => "ring allowed",
        Some(false) => "ring blocked",
        None if props.target => "ring target",
        None if props.selected => "ring selected",
        None => "ring idle",
    };
    let ring = html! {
        <rect x={num(cx - RING)} y={num(cy - RING)}
              width={num(2.0 * RING)} height={num(2.0 * RING)} rx="12" class={ring_class} />
    };
    let badges = props
        .badges
        .as_ref()
        .map(|list| badge_row(&n.id, list, cx, cy + NODE_HALF + 40.0, props.lang, &props.dispatch));
    let kind_name = i18n::kind_name(n.kind, props.lang);
    // A function's verdicts, as its badges say them, for a screen reader on the node itself.
    let verdicts = props.badges.as_ref().map(|list| {
        list.iter()
            .map(|b| {
                format!(
                    "{}: {}",
                    badge_text(b, props.lang),
                    i18n::reach_name(b.reach, props.lang)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    });
    html! {
        <>
        <g data-testid={format!("canvas.node.{}", n.id)} data-kind={n.kind_key}
           data-selected={props.selected.then_some("true")} data-path={path_attr(props.path)}
           class={class} tabindex="0" role="button" aria-description={verdicts}
           onpointerdown={onpointerdown} onkeydown={onkeydown}>
            <title>{ format!("{kind_name} {} {}", n.label, n.detail) }</title>
            { ring }
            { icons::icon(n.kind, n.service, cx, cy, NODE_HALF) }
            if props.path == Some(false) {
                <g class="block-mark">
                    <circle cx={num(cx + RING - 8.0)} cy={num(cy - RING + 8.0)} r="8" />
                    <path d={format!("M{} {} l7 7 m0 -7 l-7 7", N(cx + RING - 11.5), N(cy - RING + 4.5))} />
                </g>
            }
            <text x={num(cx)} y={num(cy + NODE_HALF + 14.0)} class="node-label" text-anchor="middle">{ &*n.label }</text>
            if !n.detail.is_empty() {
                <text x={num(cx)} y={num(cy + NODE_HALF + 27.0)} class="node-detail" text-anchor="middle">{ &*n.detail }</text>
            }
        </g>
        // Beside the node, not inside it: each badge is a button of its own.
        { badges.unwrap_or_default() }
        </>
    }
}

/// A badge's label: the internet badge is the one label that is a word rather than a name, so
/// it is said in the reader's language; service and target labels are names and stay as they are.
fn badge_text(b: &BadgeView, lang: Lang) -> Rc<str> {
    if &*b.dest == "internet" {
        Rc::from(i18n::T::InternetBadge.get(lang))
    } else {
        b.label.clone()
    }
}

/// Badges wrap into rows no wider than this (world units), centred under the function.
const BADGE_ROW: f64 = 230.0;

fn badge_row(
    function: &Rc<str>,
    list: &Rc<Vec<BadgeView>>,
    cx: f64,
    y: f64,
    lang: Lang,
    dispatch: &Callback<Action>,
) -> Html {
    let gap = 4.0;
    let label = |b: &BadgeView| badge_text(b, lang);
    let widths: Vec<f64> = list.iter().map(|b| badge_width(&label(b))).collect();
    // Lay out rows first: (x, y) of each badge.
    let mut rows: Vec<Vec<f64>> = vec![vec![]];
    let mut row_w = 0.0;
    for w in &widths {
        let cur = rows.last_mut().expect("one row");
        if !cur.is_empty() && row_w + gap + w > BADGE_ROW {
            rows.push(vec![]);
            row_w = 0.0;
        }
        let cur = rows.last_mut().expect("one row");
        if !cur.is_empty() {
            row_w += gap;
        }
        cur.push(*w);
        row_w += w;
    }
    let mut places = Vec::with_capacity(widths.len());
    for (r, row) in rows.iter().enumerate() {
        let total = row.iter().sum::<f64>() + gap * (row.len().saturating_sub(1)) as f64;
        let mut x = cx - total / 2.0;
        for w in row {
            places.push((x, y + 22.0 * r as f64));
            x += w + gap;
        }
    }
    let items = list.iter().zip(widths).zip(places).map(|((b, w), (bx, y))| {
        let key = b.key(function);
        let id = match b.port {
            Some(p) => format!("{}.{p}", b.dest),
            None => b.dest.to_string(),
        };
        let reach = b.reach.map(|r| r.key()).unwrap_or("unknown");
        let symbol = match b.reach {
            Some(Reach::Reachable) => "✓",
            Some(Reach::Unreachable) => "✕",
            Some(Reach::Partial) => "◐",
            None => "·",
        };
        let open = {
            let dispatch = dispatch.clone();
            let key = key.clone();
            Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                dispatch.emit(Action::View(ViewAction::Highlight(Some(key.clone()))));
            })
        };
        let onkeydown = {
            let dispatch = dispatch.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    e.stop_propagation();
                    dispatch.emit(Action::View(ViewAction::Highlight(Some(key.clone()))));
                }
            })
        };
        // Badges are buttons of their own: a press on one must not drag the function.
        let stop = Callback::from(|e: PointerEvent| e.stop_propagation());
        let text = label(b);
        let title = format!("{} → {}: {}", function, text, i18n::reach_name(b.reach, lang));
        html! {
            <g key={id.clone()} data-testid={format!("badge.{function}.{id}")} data-reach={reach}
               class={classes!("badge", reach, b.active.then_some("active"))} tabindex="0" role="button"
               aria-label={title.clone()} onclick={open} onkeydown={onkeydown} onpointerdown={stop}>
                <title>{ title }</title>
                <rect x={num(bx)} y={num(y)} width={num(w)} height="18" rx="9" />
                <text x={num(bx + 9.0)} y={num(y + 9.5)} class="badge-symbol" dominant-baseline="central" text-anchor="middle">{ symbol }</text>
                <text x={num(bx + 17.0)} y={num(y + 9.5)} class="badge-label" dominant-baseline="central">{ &*text }</text>
            </g>
        }
    });
    html! { <g class="badges">{ for items }</g> }
}

/// Where a route arrow to a component should start and end, given drawn layouts.
pub fn arrow_ends(from: Rect, to_kind: ComponentKind, to: Rect) -> (geometry::Point, geometry::Point) {
    let tc = geometry::centre(to_kind, to);
    let start = geometry::box_anchor(&from, tc);
    let end = if geometry::is_box(to_kind) {
        geometry::box_anchor(&to, start)
    } else {
        geometry::toward(tc, start, NODE_HALF + 7.0)
    };
    (start, end)
}
