//! The canvas: one `<svg>` whose `viewBox` is the camera, showing the design in world
//! coordinates, the verdict badges, the highlighted path and the drag previews.

pub mod icons;
pub mod node;
pub mod scene;

use crate::dom;
use crate::geometry::{self, num, Point, N, NODE_HALF};
use crate::i18n::{self, T};
use crate::shared::Shared;
use crate::state::document::{container_at, PaletteItem};
use crate::state::{Action, Gesture, VerdictKey, ViewAction, ViewState};
use node::{arrow_ends, BoxNode, PointNode};
use scene::{hop_node, BadgeView, RouteArrow, Scene};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use vpc_engine::model::{ComponentKind, Document, Rect};
use vpc_engine::reach::{HopKind, Outcome, Reach};
use vpc_engine::Analysis;
use yew::prelude::*;

/// How far right of a route table's centre its connector handle sits.
const RT_HANDLE: f64 = NODE_HALF + 12.0;

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub doc: Shared<Document>,
    pub scene: Shared<Scene>,
    pub analysis: Shared<Analysis>,
    pub view: ViewState,
    pub dispatch: Callback<Action>,
}

/// The highlighted verdict's footprint on the canvas.
#[derive(Debug, Default, PartialEq)]
struct PathInfo {
    /// Component id → whether its hop passes (a blocking hop wins).
    flags: HashMap<String, bool>,
    /// Drawn components along the path, in order, for the overlay line.
    stops: Vec<String>,
    reach: Option<Reach>,
    /// Good or bad for the learner (the internet reaching a database is bad).
    outcome: Option<Outcome>,
}

fn path_info(doc: &Document, analysis: &Analysis, key: &VerdictKey) -> PathInfo {
    let Some(v) = key.find(analysis) else {
        return PathInfo::default();
    };
    let mut info = PathInfo {
        reach: Some(v.reach),
        outcome: Some(v.outcome()),
        ..PathInfo::default()
    };
    // The path starts at the function itself, whether or not the engine lists it as a hop.
    if let vpc_engine::reach::Source::Function(f) = &v.from {
        if doc.layout.contains_key(f.as_str()) {
            info.flags.insert(f.0.clone(), true);
            info.stops.push(f.0.clone());
        }
    }
    for hop in &v.path {
        let Some(id) = hop_node(doc, hop.component.as_str(), hop.kind) else {
            continue;
        };
        let e = info.flags.entry(id.clone()).or_insert(true);
        *e &= hop.allowed;
        // Side components (groups, ACLs, tables) and boxes (the subnet of an interface) are
        // marked, but the line only visits the things traffic passes through.
        let is_box = doc.subnets.iter().any(|s| s.id.as_str() == id) || doc.vpcs.iter().any(|v| v.id.as_str() == id);
        let on_line = !is_box
            && !matches!(
                hop.kind,
                HopKind::SecurityGroupIn
                    | HopKind::SecurityGroupOut
                    | HopKind::NaclIn
                    | HopKind::NaclOut
                    | HopKind::RouteTable
                    | HopKind::Policy
                    | HopKind::Dns
            );
        if on_line && info.stops.last() != Some(&id) {
            info.stops.push(id);
        }
    }
    if let Some(b) = &v.blocked_by {
        if let Some(id) = hop_node(doc, b.as_str(), HopKind::Eni) {
            info.flags.insert(id, false);
        }
    }
    info
}

fn route_class(arrow: &RouteArrow) -> &'static str {
    if arrow.blackhole {
        return "route blackhole";
    }
    match arrow.target_kind {
        Some(ComponentKind::InternetGateway) => "route igw",
        Some(ComponentKind::NatGateway) => "route nat",
        Some(ComponentKind::EgressOnlyGateway) => "route eigw",
        Some(ComponentKind::GatewayEndpoint) => "route endpoint",
        _ => "route other",
    }
}

#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let view = &props.view;
    let doc = &props.doc.0;
    let scene = &props.scene.0;
    let lang = view.lang;
    let dispatch = &props.dispatch;

    let badges = use_memo(
        (props.scene.clone(), props.analysis.clone(), view.highlight.clone()),
        |(scene, analysis, highlight)| {
            let reach = scene::reach_index(&analysis.0);
            scene
                .0
                .badges
                .iter()
                .map(|(f, specs)| {
                    (
                        f.clone(),
                        Rc::new(scene::badge_views(f, specs, &reach, highlight.as_ref())),
                    )
                })
                .collect::<HashMap<Rc<str>, Rc<Vec<BadgeView>>>>()
        },
    );
    let path = use_memo(
        (props.doc.clone(), props.analysis.clone(), view.highlight.clone()),
        |(doc, analysis, key)| {
            key.as_ref()
                .map(|k| path_info(&doc.0, &analysis.0, k))
                .unwrap_or_default()
        },
    );

    // Drag preview: what moves, and by how much.
    let (moving, delta): (HashSet<&str>, Point) = match &view.gesture {
        Gesture::Moving {
            ids,
            delta,
            moved: true,
            ..
        } => (ids.iter().map(String::as_str).collect(), *delta),
        _ => (HashSet::new(), Point::default()),
    };
    let drawn = |id: &str, r: Rect| -> Rect {
        if moving.contains(id) {
            Rect {
                x: r.x + delta.x,
                y: r.y + delta.y,
                ..r
            }
        } else {
            r
        }
    };
    let layout_of = |id: &str| doc.layout.get(id).map(|r| drawn(id, *r));

    // The container a drop would land in, or the gateway a connector would reach.
    let target: Option<String> = match &view.gesture {
        Gesture::Placing { item, at: Some(p) } => {
            let c = container_at(doc, *p, &[]);
            match item {
                PaletteItem::Vpc | PaletteItem::Service(_) => None,
                PaletteItem::Subnet
                | PaletteItem::Igw
                | PaletteItem::Eigw
                | PaletteItem::GatewayEndpoint
                | PaletteItem::Sg => c.vpc,
                PaletteItem::Lambda => c.subnet.or(c.vpc),
                _ => c.subnet.or(c.vpc),
            }
        }
        Gesture::Moving { ids, moved: true, .. } => ids.first().and_then(|id| {
            let kind = doc.components().find(|(c, _)| c == id).map(|(_, k)| k)?;
            if geometry::is_box(kind) {
                return None;
            }
            let r = layout_of(id)?;
            let c = container_at(doc, Point::new(r.x, r.y), ids);
            c.subnet.or(c.vpc)
        }),
        Gesture::Connecting { over, .. } => over.clone(),
        _ => None,
    };

    let node_props = |n: &Rc<scene::SceneNode>| {
        let id: &str = &n.id;
        (
            drawn(id, n.layout),
            view.is_selected(id),
            path.flags.get(id).copied(),
            target.as_deref() == Some(id),
        )
    };

    let boxes = scene.boxes.iter().map(|n| {
        let (layout, selected, p, t) = node_props(n);
        html! { <BoxNode key={&*n.id} node={n.clone()} layout={layout} selected={selected} path={p} target={t} lang={lang} dispatch={dispatch.clone()} /> }
    });
    let points = scene.points.iter().map(|n| {
        let (layout, selected, p, t) = node_props(n);
        let b = (n.kind == ComponentKind::Function).then(|| badges.get(&n.id).cloned()).flatten();
        html! { <PointNode key={&*n.id} node={n.clone()} layout={layout} selected={selected} path={p} target={t} lang={lang} badges={b} dispatch={dispatch.clone()} /> }
    });

    let connectors = scene
        .boxes
        .iter()
        .filter(|n| n.kind == ComponentKind::Subnet)
        .map(|n| node::connector(&n.id, drawn(&n.id, n.layout), n.public == Some(true), lang, dispatch));
    // Route tables get a handle too: a connector from one changes the table itself.
    let table_connectors = scene
        .points
        .iter()
        .filter(|n| n.kind == ComponentKind::RouteTable)
        .map(|n| {
            let r = drawn(&n.id, n.layout);
            node::connector(
                &n.id,
                Rect {
                    x: r.x,
                    y: r.y,
                    w: RT_HANDLE,
                    h: 0.0,
                },
                false,
                lang,
                dispatch,
            )
        });
    let routes = scene.routes.iter().map(|arrow| {
        let testid = match arrow.index {
            Some(i) => format!("canvas.route.{}.{}", arrow.table, i),
            None => format!("canvas.endpoint-route.{}.{}", arrow.table, arrow.target.as_deref().unwrap_or("missing")),
        };
        let target_layout = arrow.target.as_deref().and_then(|t| layout_of(t).map(|r| (t, r)));
        let lines = arrow.subnets.iter().filter_map(|s| {
            let from = layout_of(s)?;
            let (start, end) = match (target_layout, arrow.target_kind) {
                (Some((_, to)), Some(kind)) => arrow_ends(from, kind, to),
                _ => {
                    // No drawn target: a short stub ending in a cross.
                    let start = Point::new(from.x + from.w - 30.0, from.y);
                    (start, Point::new(start.x + 28.0, start.y - 34.0))
                }
            };
            // The label sits near the subnet end, where arrows to one gateway are still apart.
            let mid = Point::new(start.x + (end.x - start.x) * 0.3, start.y + (end.y - start.y) * 0.3);
            Some(html! {
                <g key={s.to_string()}>
                    <line x1={num(start.x)} y1={num(start.y)} x2={num(end.x)} y2={num(end.y)}
                          marker-end={if target_layout.is_some() { "url(#arrow)" } else { "" }} />
                    if target_layout.is_none() {
                        <path class="route-cross" d={format!("M{} {} l8 8 m0 -8 l-8 8", N(end.x - 4.0), N(end.y - 4.0))} />
                    }
                    <text x={num(mid.x)} y={num(mid.y - 5.0)} class="route-label" text-anchor="middle">
                        { if arrow.blackhole { format!("{} · {}", arrow.destination, T::Blackhole.get(lang)) } else { arrow.destination.to_string() } }
                    </text>
                </g>
            })
        });
        let select_table = {
            let dispatch = dispatch.clone();
            let table = arrow.table.to_string();
            Callback::from(move |e: PointerEvent| {
                e.stop_propagation();
                dispatch.emit(Action::View(ViewAction::Select(vec![table.clone()])));
            })
        };
        html! {
            <g key={testid.clone()} data-testid={testid} class={route_class(arrow)} onpointerdown={select_table}>
                { for lines }
            </g>
        }
    });

    let internet = scene.internet.map(|(x, y)| {
        let p = path.flags.get("internet").copied();
        let class = classes!("internet", p.map(|ok| if ok { "allowed" } else { "blocked" }));
        html! {
            <g class={class} data-testid="canvas.internet" data-path={p.map(|ok| if ok { "allowed" } else { "blocked" })}>
                <path d={format!(
                    "M{a} {b} a18 18 0 0 1 14 -26 a26 26 0 0 1 48 -8 a20 20 0 0 1 34 14 a16 16 0 0 1 -4 20 z",
                    a = N(x - 48.0), b = N(y + 18.0)
                )} />
                <text x={num(x)} y={num(y + 6.0)} text-anchor="middle">{ T::Internet.get(lang) }</text>
            </g>
        }
    });

    // A selected security group shows what it guards: a dotted line to each component using
    // it (membership is otherwise invisible on the canvas).
    let sg_lines = view
        .selected
        .iter()
        .filter(|id| crate::topology::kind_of(doc, id) == Some(ComponentKind::SecurityGroup))
        .flat_map(|sg| {
            let from = layout_of(sg);
            crate::topology::sg_users(doc, sg).into_iter().filter_map(move |user| {
                let (a, b) = (from?, layout_of(user)?);
                Some(html! {
                    <line class="sg-member-line" data-testid={format!("canvas.sg-member.{sg}.{user}")}
                          x1={num(a.x)} y1={num(a.y)} x2={num(b.x)} y2={num(b.y)} />
                })
            })
        })
        .collect::<Html>();

    // The highlighted path as one line through the drawn components it visits.
    // The packet walk-through's current hop, ringed (issue 6).
    let walk_focus = crate::insight::walk::canvas_ring(doc, &props.analysis.0, view, scene.internet, &layout_of);
    let overlay = {
        let pts: Vec<Point> = path
            .stops
            .iter()
            .filter_map(|id| {
                if id == "internet" {
                    return scene.internet.map(|(x, y)| Point::new(x, y));
                }
                let kind = doc.components().find(|(c, _)| c == id).map(|(_, k)| k)?;
                layout_of(id).map(|r| geometry::centre(kind, r))
            })
            .collect();
        if pts.len() >= 2 {
            let d: String = pts
                .iter()
                .enumerate()
                .map(|(i, p)| format!("{}{} {}", if i == 0 { "M" } else { " L" }, N(p.x), N(p.y)))
                .collect();
            // The line's dash says whether the flow gets through; its colour whether that is
            // good for the learner (an open path from the internet to a database is red).
            let class = classes!(
                "path-line",
                match path.reach {
                    Some(Reach::Reachable) => "allowed",
                    Some(Reach::Partial) => "partial",
                    _ => "blocked",
                },
                path.outcome.map(Outcome::key),
            );
            html! { <path class={class} d={d} data-testid="canvas.path" /> }
        } else {
            html! {}
        }
    };

    let ghost = match &view.gesture {
        Gesture::Placing { item, at: Some(p) } => match item.box_size() {
            Some((w, h)) => html! {
                <rect class="ghost" x={num(p.x - w / 2.0)} y={num(p.y - h / 2.0)} width={num(w)} height={num(h)} rx="10" />
            },
            None => {
                let service = match item {
                    PaletteItem::Service(s) => Some(s.key()),
                    _ => None,
                };
                html! { <g class="ghost-icon">{ icons::icon(item.kind(), service, p.x, p.y, NODE_HALF) }</g> }
            }
        },
        Gesture::Connecting { from, at, .. } => match layout_of(from) {
            Some(r) => {
                let s = if r.w > 0.0 {
                    Point::new(r.x + r.w, r.y + r.h / 2.0)
                } else {
                    Point::new(r.x + RT_HANDLE, r.y)
                };
                html! { <line class="connector-line" x1={num(s.x)} y1={num(s.y)} x2={num(at.x)} y2={num(at.y)} marker-end="url(#arrow)" /> }
            }
            None => html! {},
        },
        _ => html! {},
    };

    let cam = view.camera;
    let (vw, vh) = (view.viewport.w / cam.zoom, view.viewport.h / cam.zoom);
    let onpointerdown = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 && e.button() != 1 {
                return;
            }
            e.prevent_default();
            let (screen, _) = dom::canvas_point_fresh(f64::from(e.client_x()), f64::from(e.client_y()));
            dispatch.emit(Action::View(ViewAction::BeginPan { screen }));
        })
    };
    let onwheel = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let scale = match e.delta_mode() {
                1 => 16.0,
                2 => 400.0,
                _ => 1.0,
            };
            let (dx, dy) = (e.delta_x() * scale, e.delta_y() * scale);
            if e.ctrl_key() || e.meta_key() {
                let (screen, _) = dom::canvas_point(f64::from(e.client_x()), f64::from(e.client_y()));
                dispatch.emit(Action::View(ViewAction::ZoomAt {
                    screen,
                    factor: (-dy * 0.002).exp(),
                }));
            } else if e.shift_key() && dx == 0.0 {
                dispatch.emit(Action::View(ViewAction::PanBy { dx: dy, dy: 0.0 }));
            } else {
                dispatch.emit(Action::View(ViewAction::PanBy { dx, dy }));
            }
        })
    };
    let mut class = classes!("canvas");
    match &view.gesture {
        Gesture::Panning { moved: true, .. } => class.push("panning"),
        Gesture::Moving { moved: true, .. } | Gesture::Placing { .. } | Gesture::Connecting { .. } => {
            class.push("dragging")
        }
        _ => {}
    }
    let empty = doc.layout.is_empty();
    html! {
        <div class="canvas-wrap">
            <svg id={dom::CANVAS_ID} data-testid="canvas" class={class} viewBox={cam.view_box(view.viewport)}
                 role="application" tabindex="-1" aria-label={T::CanvasLabel.get(lang)} onwheel={onwheel}>
                <defs>
                    <pattern id="grid" width="20" height="20" patternUnits="userSpaceOnUse">
                        <circle cx="1" cy="1" r="1" class="grid-dot" />
                    </pattern>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0 0 L10 5 L0 10 z" class="arrow-head" />
                    </marker>
                </defs>
                <rect class="background" x={num(cam.x)} y={num(cam.y)} width={num(vw)} height={num(vh)}
                      onpointerdown={onpointerdown} />
                <g class="layer-boxes">{ for boxes }</g>
                <g class="layer-routes">{ for routes }</g>
                { internet.unwrap_or_default() }
                { sg_lines }
                { overlay }
                { walk_focus.unwrap_or_default() }
                <g class="layer-points">{ for points }</g>
                <g class="layer-connectors">{ for connectors }{ for table_connectors }</g>
                { ghost }
            </svg>
            if empty {
                <p class="canvas-empty">{ T::CanvasEmpty.get(lang) }</p>
            }
            <div class="sr-only" aria-live="polite">
                { path.reach.map(|r| i18n::reach_name(Some(r), lang)).unwrap_or_default() }
            </div>
        </div>
    }
}
