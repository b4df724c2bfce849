//! Form controls shared by the inspector's forms. Each reads its value from the document
//! (or from an invalid draft) and dispatches a document action; none keeps state of its own.

use crate::i18n::{self, T};
use crate::state::{Action, Component, DocAction, Drafts, TextKey, ViewAction};
use vpc_engine::explain::Lang;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// What every form needs.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub lang: Lang,
    pub dispatch: Callback<Action>,
    pub drafts: Drafts,
}

impl Ctx {
    pub fn t(&self, t: T) -> &'static str {
        t.get(self.lang)
    }

    /// Puts an edited component back; edits with the same `merge` key are one undo step.
    #[inline(never)]
    pub fn update(&self, value: Component, merge: Option<String>) {
        self.dispatch
            .emit(Action::Doc(DocAction::UpdateComponent { value, merge }));
    }

    #[inline(never)]
    pub fn doc(&self, action: DocAction) {
        self.dispatch.emit(Action::Doc(action));
    }

    /// A callback that edits a copy of `base` and puts it back. `f` is a plain function (not
    /// a capturing closure) so that the many fields share one callback body per value type,
    /// which keeps the download small.
    #[inline(never)]
    pub fn edit<E: 'static>(&self, base: &Component, merge: Option<String>, f: fn(&mut Component, E)) -> Callback<E> {
        let ctx = self.clone();
        let base = base.clone();
        Callback::from(move |e: E| {
            let mut c = base.clone();
            f(&mut c, e);
            ctx.update(c, merge.clone());
        })
    }
}

pub fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

pub fn change_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

pub fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

pub fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// A labelled row.
#[inline(never)]
pub fn row(label: &str, control: Html) -> Html {
    html! {
        <label class="field">
            <span class="field-label">{ label }</span>
            { control }
        </label>
    }
}

/// A validated text field (CIDRs): shows the draft and the catalogue's message while the
/// value is invalid; the document only ever gets valid values.
#[inline(never)]
pub fn text_field(ctx: &Ctx, key: TextKey, value: String, testid: &str, placeholder: &str) -> Html {
    let draft = ctx.drafts.get(&key);
    let shown = draft.map(|d| d.text.clone()).unwrap_or(value);
    let oninput = {
        let d = ctx.dispatch.clone();
        let key = key.clone();
        Callback::from(move |e: InputEvent| {
            d.emit(Action::Doc(DocAction::SetText {
                key: key.clone(),
                text: input_value(&e),
            }));
        })
    };
    let onkeydown = {
        let d = ctx.dispatch.clone();
        let key = key.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                d.emit(Action::View(ViewAction::DiscardDraft(key.clone())));
            }
        })
    };
    let error_id = format!("{testid}.error");
    html! {
        <>
            <input type="text" class={classes!("text", draft.is_some().then_some("invalid"))} data-testid={testid.to_owned()}
                   value={shown} placeholder={placeholder.to_owned()} spellcheck="false" autocomplete="off"
                   aria-invalid={draft.is_some().to_string()} aria-describedby={draft.is_some().then(|| error_id.clone())}
                   oninput={oninput} onkeydown={onkeydown} />
            if let Some(d) = draft {
                <p class="field-error" id={error_id.clone()} data-testid={error_id} role="alert">
                    { i18n::message(&d.error, ctx.lang) }
                    <span class="field-error-hint">{ ctx.t(T::InvalidHint) }</span>
                </p>
            }
        </>
    }
}

/// A plain text input that commits on every keystroke (names).
#[inline(never)]
pub fn plain_text(value: &str, testid: Option<&str>, oninput: Callback<String>) -> Html {
    let oninput = Callback::from(move |e: InputEvent| oninput.emit(input_value(&e)));
    html! {
        <input type="text" class="text" data-testid={testid.map(str::to_owned)} value={value.to_owned()}
               spellcheck="false" autocomplete="off" oninput={oninput} />
    }
}

/// A number input committed when it is changed (Enter or leaving the field); text that is
/// not a number in `min..=max` is ignored.
#[inline(never)]
pub fn number(
    value: Option<u32>,
    placeholder: &str,
    min: u32,
    max: u32,
    disabled: bool,
    onchange: Callback<Option<u32>>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let text = change_value(&e);
        let text = text.trim();
        if text.is_empty() {
            onchange.emit(None);
        } else if let Ok(n) = text.parse::<u32>() {
            if (min..=max).contains(&n) {
                onchange.emit(Some(n));
            }
        }
    });
    html! {
        <input type="number" class="number" value={value.map(|v| v.to_string()).unwrap_or_default()}
               min={min.to_string()} max={max.to_string()} placeholder={placeholder.to_owned()}
               disabled={disabled} onchange={onchange} />
    }
}

/// A select over `(value, label)` options.
#[inline(never)]
pub fn select(
    options: Vec<(String, String)>,
    current: &str,
    testid: Option<String>,
    onchange: Callback<String>,
) -> Html {
    let onchange = Callback::from(move |e: Event| onchange.emit(select_value(&e)));
    let opts = options.into_iter().map(|(v, l)| {
        let sel = v == current;
        html! { <option value={v} selected={sel}>{ l }</option> }
    });
    html! { <select data-testid={testid} onchange={onchange}>{ for opts }</select> }
}

#[inline(never)]
pub fn checkbox(label: &str, value: bool, onchange: Callback<bool>) -> Html {
    let onchange = Callback::from(move |e: Event| onchange.emit(checked(&e)));
    html! {
        <label class="check">
            <input type="checkbox" checked={value} onchange={onchange} />
            <span>{ label }</span>
        </label>
    }
}

/// A list of checkboxes choosing a subset of `options` (in their order).
#[inline(never)]
pub fn checklist(
    label: &str,
    options: Vec<(String, String)>,
    chosen: Vec<String>,
    onchange: Callback<Vec<String>>,
) -> Html {
    let all: Vec<String> = options.iter().map(|(v, _)| v.clone()).collect();
    let items = options.into_iter().map(|(v, l)| {
        let on = chosen.contains(&v);
        let onchange = {
            let onchange = onchange.clone();
            let chosen = chosen.clone();
            let all = all.clone();
            let v = v.clone();
            Callback::from(move |e: Event| {
                let checked = checked(&e);
                // Keep the chosen order for the ones kept; new ones go last.
                let mut next: Vec<String> = chosen.iter().filter(|c| **c != v).cloned().collect();
                if checked {
                    next.push(v.clone());
                }
                next.retain(|c| all.contains(c) || chosen.contains(c));
                onchange.emit(next);
            })
        };
        html! {
            <li key={v.clone()}>
                <label class="check">
                    <input type="checkbox" checked={on} onchange={onchange} />
                    <span>{ l }</span>
                </label>
            </li>
        }
    });
    html! {
        <fieldset class="checklist">
            <legend>{ label }</legend>
            <ul>{ for items }</ul>
        </fieldset>
    }
}
