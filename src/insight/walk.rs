//! The packet walk-through: a verdict's path stepped one hop at a time (next, previous,
//! play), the current hop ringed on the canvas, with what that component decided and why:
//! the route matched, the rule that allowed or denied, NAT swapping the source address, the
//! stateful security group letting the reply in, the stateless NACL checking the return port.
//! Every sentence is the engine's hop message, from the catalogue, with its documentation
//! link. A blocked path ends on its blocking hop, marked as such.

use crate::dom::Timeout;
use crate::geometry::{self, num, NODE_HALF};
use crate::i18n::{self, fill, T};
use crate::shared::Shared;
pub use crate::state::walk::{step, Move, Walk};
use crate::state::{Action, CardCorner, VerdictKey, ViewAction, ViewState};
use crate::verdicts::destination_label;
use vpc_engine::explain::Lang;
use vpc_engine::model::{Document, Rect};
use vpc_engine::reach::{Hop, HopKind, Source, Verdict};
use vpc_engine::Analysis;
use yew::prelude::*;

/// Milliseconds between hops while playing.
const PLAY_MS: i32 = 1200;

/// The move a key asks for, if any.
pub fn key_move(key: &str) -> Option<Move> {
    Some(match key {
        "ArrowRight" | "ArrowDown" | "n" => Move::Next,
        "ArrowLeft" | "ArrowUp" | "p" => Move::Prev,
        "Home" => Move::First,
        "End" => Move::Last,
        " " | "Enter" => Move::TogglePlay,
        _ => return None,
    })
}

/// The highlighted verdict.
pub fn verdict<'a>(analysis: &'a Analysis, key: &VerdictKey) -> Option<&'a Verdict> {
    key.find(analysis)
}

/// The hop the walk stands on (its index clamped to the path, which may have shortened
/// since the walk began).
pub fn current<'a>(analysis: &'a Analysis, key: &VerdictKey, w: Walk) -> Option<(usize, &'a Hop)> {
    let v = verdict(analysis, key)?;
    let i = w.step.min(v.path.len().checked_sub(1)?);
    Some((i, &v.path[i]))
}

/// Whether hop `i` of `v` is on the way back (after the destination hop).
pub fn is_reply(v: &Verdict, i: usize) -> bool {
    v.path
        .iter()
        .position(|h| h.kind == HopKind::Destination)
        .is_some_and(|d| i > d)
}

fn hop_name(doc: &Document, v: &Verdict, hop: &Hop, lang: Lang) -> String {
    match hop.kind {
        HopKind::Destination => destination_label(doc, &v.to, lang),
        _ => doc.display_name(hop.component.as_str()).to_owned(),
    }
}

/// The ring the canvas draws around the current hop's node, when a walk is on and the hop
/// is drawn. `internet` is where the canvas draws the internet; `layout_of` where it draws a
/// component now (a drag included).
#[inline(never)]
pub fn canvas_ring(
    doc: &Document,
    analysis: &Analysis,
    view: &ViewState,
    internet: Option<(f64, f64)>,
    layout_of: &dyn Fn(&str) -> Option<Rect>,
) -> Option<Html> {
    let (_, hop) = current(analysis, view.highlight.as_ref()?, view.walk?)?;
    let id = crate::canvas::scene::hop_node(doc, hop.component.as_str(), hop.kind)?;
    let shape = if id == "internet" {
        let (x, y) = internet?;
        html! { <circle cx={num(x)} cy={num(y)} r="60" /> }
    } else {
        let kind = doc.components().find(|(c, _)| *c == id).map(|(_, k)| k)?;
        let r = layout_of(&id)?;
        if geometry::is_box(kind) {
            html! { <rect x={num(r.x - 6.0)} y={num(r.y - 6.0)} width={num(r.w + 12.0)} height={num(r.h + 12.0)} rx="14" /> }
        } else {
            html! { <circle cx={num(r.x)} cy={num(r.y)} r={num(NODE_HALF + 16.0)} /> }
        }
    };
    let class = if hop.allowed {
        "walk-focus allowed"
    } else {
        "walk-focus blocked"
    };
    Some(html! {
        <g class={class} data-testid="canvas.walk" data-node={id} data-allowed={hop.allowed.to_string()}>{ shape }</g>
    })
}

#[derive(Properties, PartialEq)]
pub struct WalkPanelProps {
    pub doc: Shared<Document>,
    pub analysis: Shared<Analysis>,
    pub highlight: VerdictKey,
    pub walk: Walk,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
    /// Where it is drawn (as the explanation card it replaces).
    #[prop_or_default]
    pub corner: CardCorner,
}

/// The walk-through card, shown over the canvas in place of the explanation card.
#[component]
pub fn WalkPanel(props: &WalkPanelProps) -> Html {
    let lang = props.lang;
    let doc = &props.doc.0;
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let len = verdict(&props.analysis.0, &props.highlight).map_or(0, |v| v.path.len());
    let go = {
        let d = props.dispatch.clone();
        let w = props.walk;
        move |m: Move| d.emit(Action::View(ViewAction::Walk(Some(step(w, m, len)))))
    };
    {
        let go = go.clone();
        use_effect_with(props.walk, move |w| {
            let timer = if w.playing {
                Timeout::new(PLAY_MS, move || go(Move::Tick))
            } else {
                None
            };
            move || drop(timer)
        });
    }
    let Some(v) = verdict(&props.analysis.0, &props.highlight) else {
        return html! {};
    };
    let Some((i, hop)) = current(&props.analysis.0, &props.highlight, props.walk) else {
        return html! {};
    };
    let exit = {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.emit(Action::View(ViewAction::Walk(None))))
    };
    let onkeydown = {
        let go = go.clone();
        let d = props.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Buttons handle their own Enter and space.
            let on_button = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .is_some_and(|el| el.tag_name() == "BUTTON");
            let key = e.key();
            let m = key_move(&key).filter(|m| !(on_button && *m == Move::TogglePlay));
            if key == "Escape" {
                d.emit(Action::View(ViewAction::Walk(None)));
            } else if let Some(m) = m {
                go(m);
            } else {
                return;
            }
            // Keep the arrows from panning the canvas (the window listener).
            e.prevent_default();
            e.stop_propagation();
        })
    };
    // At either end the step buttons stay focusable (aria-disabled, not disabled): a disabled
    // button would drop the keyboard focus out of the walk.
    let button = |m: Move, label: T, glyph: &'static str, testid: &'static str, disabled: bool| {
        let go = go.clone();
        html! {
            <button type="button" class="small" data-testid={testid} aria-label={label.get(lang)} title={label.get(lang)}
                    aria-disabled={disabled.then_some("true")} onclick={Callback::from(move |_| go(m))}>{ glyph }</button>
        }
    };
    let last = len - 1;
    let from = match &v.from {
        Source::Function(id) => doc.display_name(id.as_str()).to_owned(),
        Source::Internet => T::Internet.get(lang).to_owned(),
    };
    let entry = i18n::entry(&hop.because);
    let drawn = crate::canvas::scene::hop_node(doc, hop.component.as_str(), hop.kind).is_some();
    let dots = v.path.iter().enumerate().map(|(n, h)| {
        let go = props.dispatch.clone();
        let w = Walk { step: n, playing: false };
        let class = classes!(
            "walk-dot",
            if h.allowed { "allowed" } else { "blocked" },
            (n == i).then_some("current"),
            is_reply(v, n).then_some("reply")
        );
        html! {
            <li key={n}>
                <button type="button" class={class} data-testid={format!("walk.hop.{n}")} aria-current={(n == i).then_some("step")}
                        aria-label={format!("{} {}", n + 1, hop_name(doc, v, h, lang))}
                        onclick={Callback::from(move |_| go.emit(Action::View(ViewAction::Walk(Some(w)))))}>{ n + 1 }</button>
            </li>
        }
    });
    let end = (i == last).then(|| {
        if !hop.allowed {
            fill(
                T::WalkBlockedAt.get(lang),
                &[("component", &hop_name(doc, v, hop, lang))],
            )
        } else if is_reply(v, i) {
            T::WalkDelivered.get(lang).to_owned()
        } else {
            T::WalkArrived.get(lang).to_owned()
        }
    });
    html! {
        <aside class={classes!("explain-card", "walk-card", v.reach.key(), v.outcome().key(), props.corner.class())} data-testid="walk.panel" role="dialog" tabindex="-1"
               aria-label={T::WalkTitle.get(lang)} ref={node} onkeydown={onkeydown}>
            <header>
                <div class="explain-title">
                    <span class="explain-route">{ format!("{from} → {}", destination_label(doc, &v.to, lang)) }</span>
                    <span class="muted">{ T::WalkTitle.get(lang) }</span>
                </div>
                <button type="button" class="close" data-testid="walk.close" aria-label={T::WalkExit.get(lang)}
                        title={T::WalkExit.get(lang)} onclick={exit}>{ "×" }</button>
            </header>
            <div class={classes!("walk-step", if hop.allowed { "allowed" } else { "blocked" })} data-testid="walk.step"
                 data-index={i.to_string()} data-allowed={hop.allowed.to_string()} data-component={hop.component.to_string()}
                 aria-live="polite">
                <p class="walk-progress">
                    { fill(T::WalkStep.get(lang), &[("n", &(i + 1).to_string()), ("total", &len.to_string())]) }
                    { " · " }{ if is_reply(v, i) { T::WalkReply.get(lang) } else { T::WalkRequest.get(lang) } }
                </p>
                <p class="walk-hop">
                    <span class="hop-mark">{ if hop.allowed { "✓" } else { "✕" } }</span>
                    <strong data-testid="walk.hop">{ hop_name(doc, v, hop, lang) }</strong>
                    <span class="hop-kind">{ i18n::hop_kind_name(hop.kind, lang) }</span>
                    <span class="walk-decision" data-testid="walk.decision">
                        { if hop.allowed { T::WalkPasses.get(lang) } else { T::WalkStops.get(lang) } }
                    </span>
                    if !drawn { <span class="muted">{ " " }{ T::WalkNotDrawn.get(lang) }</span> }
                </p>
                <p class="walk-why" data-testid="walk.why">{ i18n::message(&hop.because, lang) }</p>
                if is_reply(v, i) && matches!(hop.kind, HopKind::NaclIn | HopKind::NaclOut) {
                    <p class="muted" data-testid="walk.note">{ T::WalkNaclReply.get(lang) }</p>
                }
                if let Some(e) = entry {
                    <p class="explain-meta">
                        <span class="rule">{ T::CardRule.get(lang) }{ " " }<code>{ e.rule }</code></span>
                        <a data-testid="walk.link" href={e.url} target="_blank" rel="noopener noreferrer">{ T::CardDocs.get(lang) }{ " ↗" }</a>
                    </p>
                }
                if let Some(end) = end { <p class="walk-end" data-testid="walk.end">{ end }</p> }
            </div>
            <div class="walk-controls">
                { button(Move::Prev, T::WalkPrev, "◀", "walk.prev", i == 0) }
                if props.walk.playing {
                    { button(Move::TogglePlay, T::WalkPause, "❚❚", "walk.play", false) }
                } else {
                    { button(Move::TogglePlay, T::WalkPlay, "▶", "walk.play", false) }
                }
                { button(Move::Next, T::WalkNext, "▶▶", "walk.next", i == last) }
            </div>
            <ol class="walk-dots">{ for dots }</ol>
            <p class="muted walk-keys">{ T::WalkKeys.get(lang) }</p>
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpc_engine::analyze;
    use vpc_engine::model::load;

    #[test]
    fn stepping_stays_on_the_path_and_pauses() {
        let w = Walk { step: 2, playing: true };
        assert_eq!(
            step(w, Move::Next, 5),
            Walk {
                step: 3,
                playing: false
            }
        );
        assert_eq!(
            step(
                Walk {
                    step: 4,
                    playing: false
                },
                Move::Next,
                5
            )
            .step,
            4
        );
        assert_eq!(step(Walk::default(), Move::Prev, 5).step, 0);
        assert_eq!(
            step(w, Move::Last, 5),
            Walk {
                step: 4,
                playing: false
            }
        );
        assert_eq!(step(w, Move::First, 5), Walk::default());
        // A path that shrank under the walk: clamped.
        assert_eq!(
            step(
                Walk {
                    step: 9,
                    playing: false
                },
                Move::Prev,
                5
            )
            .step,
            3
        );
    }

    #[test]
    fn playing_advances_on_each_tick_and_stops_on_the_last_hop() {
        let mut w = step(Walk::default(), Move::TogglePlay, 3);
        assert!(w.playing);
        w = step(w, Move::Tick, 3);
        assert_eq!(w, Walk { step: 1, playing: true });
        w = step(w, Move::Tick, 3);
        assert_eq!(
            w,
            Walk {
                step: 2,
                playing: false
            }
        );
        assert_eq!(step(w, Move::Tick, 3), w);
        // Play from the end starts over.
        assert_eq!(step(w, Move::TogglePlay, 3), Walk { step: 0, playing: true });
        assert_eq!(
            step(Walk { step: 1, playing: true }, Move::TogglePlay, 3),
            Walk {
                step: 1,
                playing: false
            }
        );
    }

    #[test]
    fn keys_map_to_moves() {
        assert_eq!(key_move("ArrowRight"), Some(Move::Next));
        assert_eq!(key_move("ArrowLeft"), Some(Move::Prev));
        assert_eq!(key_move(" "), Some(Move::TogglePlay));
        assert_eq!(key_move("End"), Some(Move::Last));
        assert_eq!(key_move("x"), None);
    }

    /// The starter design: orders-fn sits in a public subnet. Walking its internet verdict to
    /// the end lands on the route table that sends it to the internet gateway, blocked (L6);
    /// walking its database verdict reaches the database and comes back through the
    /// stateful security group.
    #[test]
    fn the_starter_walks_end_on_the_blocking_route_table_and_on_the_reply() {
        let doc = load(include_str!("../../designs/starter.json")).unwrap();
        let a = analyze(&doc);
        let key = |to: &str| VerdictKey {
            from: "orders-fn".into(),
            to: to.into(),
            port: None,
        };
        let internet = key("internet");
        let len = verdict(&a, &internet).unwrap().path.len();
        let end = step(Walk::default(), Move::Last, len);
        let (i, hop) = current(&a, &internet, end).unwrap();
        assert_eq!((i, hop.component.as_str(), hop.allowed), (len - 1, "public-rt", false));
        assert_eq!(hop.because.id.code(), "L6.public-subnet");
        assert!(!is_reply(verdict(&a, &internet).unwrap(), i));

        let db = key("orders-db");
        let v = verdict(&a, &db).unwrap();
        let (i, hop) = current(&a, &db, step(Walk::default(), Move::Last, v.path.len())).unwrap();
        assert!(is_reply(v, i) && hop.allowed);
        assert_eq!(
            (hop.kind, hop.because.id.code()),
            (HopKind::SecurityGroupIn, "S1.stateful")
        );
        let reply_nacl = v
            .path
            .iter()
            .enumerate()
            .find(|(n, h)| is_reply(v, *n) && h.kind == HopKind::NaclIn);
        assert!(reply_nacl.is_some(), "the reply is checked by the NACL again");
    }
}
