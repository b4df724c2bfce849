//! The diff view: the paths opened, closed or made partial between another design and the
//! current one, and the design problems added or fixed.
//!
//! Which designs can be compared is decided in one place, [`comparable_designs`]: the design
//! as it was when the session began, the starter design, every other design of "My designs",
//! and a design file the person picks.

use super::InsightPanelsProps;
use crate::i18n::{fill, reach_name, T};
use crate::persist;
use crate::shared::Shared;
use crate::transfer;
use crate::verdicts::destination_label;
use std::rc::Rc;
use vpc_engine::diff::{diff, PathChange};
use vpc_engine::explain::Lang;
use vpc_engine::model::{load, Document};
use vpc_engine::reach::Source;
use vpc_engine::{analyze, Analysis};
use yew::prelude::*;

/// A design the current one can be compared with.
#[derive(Clone, Debug)]
pub struct Comparable {
    /// Stable within the session: the value of the picker's option.
    pub key: String,
    pub label: String,
    pub doc: Rc<Document>,
}

/// Every design the current one can be compared with, in the order the picker lists them.
/// `session_start` is the design when the app opened, `starter` the starter design; `file`
/// one the person picked.
pub fn comparable_designs(
    session_start: &Rc<Document>,
    starter: &Rc<Document>,
    saved: &[Comparable],
    file: Option<&(String, Rc<Document>)>,
    lang: Lang,
) -> Vec<Comparable> {
    let mut out = vec![
        Comparable {
            key: "session".into(),
            label: T::CmpSessionStart.get(lang).into(),
            doc: session_start.clone(),
        },
        Comparable {
            key: "starter".into(),
            label: T::CmpStarter.get(lang).into(),
            doc: starter.clone(),
        },
    ];
    out.extend(saved.iter().cloned());
    if let Some((name, doc)) = file {
        out.push(Comparable {
            key: "file".into(),
            label: name.clone(),
            doc: doc.clone(),
        });
    }
    out
}

/// One row per changed path: `(change, "from → to", "before → after")`.
pub fn rows(before: &Analysis, after: &Analysis, doc: &Document, lang: Lang) -> Vec<(PathChange, String, String)> {
    diff(before, after)
        .paths
        .iter()
        .map(|c| {
            let from = match c.from {
                Source::Function(id) => doc.display_name(id.as_str()).to_owned(),
                Source::Internet => T::Internet.get(lang).to_owned(),
            };
            let state =
                |r: Option<vpc_engine::reach::Reach>| r.map_or(T::CmpGone.get(lang), |r| reach_name(Some(r), lang));
            (
                c.change,
                format!("{from} → {}", destination_label(doc, c.to, lang)),
                format!("{} → {}", state(c.before), state(c.after)),
            )
        })
        .collect()
}

/// The designs of "My designs" other than the open one, labelled by name. Each is read once
/// and kept (its analysis is memoised by identity), so a render reads only the small index:
/// only the open design changes, and the entry of whichever design is open is forgotten,
/// so a design edited while it was open is read again once another one is. Unreadable ones
/// are left out.
fn saved_designs(store: &mut impl persist::Store, cache: &mut Vec<(String, Rc<Document>)>) -> Vec<Comparable> {
    let library = persist::Library::read(store);
    cache.retain(|(k, _)| *k != library.current);
    let mut out = Vec::new();
    for entry in library.entries.iter().filter(|e| e.key != library.current) {
        let doc = match cache.iter().find(|(k, _)| *k == entry.key) {
            Some((_, doc)) => doc.clone(),
            None => match store.get(&entry.key).map(|text| load(&text)) {
                Some(Ok(doc)) => {
                    let doc = Rc::new(doc);
                    cache.push((entry.key.clone(), doc.clone()));
                    doc
                }
                _ => continue,
            },
        };
        out.push(Comparable {
            key: format!("saved:{}", entry.key),
            label: entry.name.clone(),
            doc,
        });
    }
    out
}

/// The compare panel, hosted by [`super::InsightPanels`] (see [`super::cost::use_cost_panel`]).
#[hook]
pub fn use_compare_panel(props: &InsightPanelsProps) -> Html {
    let lang = props.lang;
    let open = use_state(|| false);
    // The design as the session began: this panel mounts with the app.
    let session_start = use_state(|| props.doc.0.clone());
    let file = use_state(|| None::<(String, Rc<Document>)>);
    let file_error = use_state(|| None::<String>);
    let chosen = use_state(|| "session".to_owned());
    // The starter is read once, when the panel is first opened.
    let starter = use_mut_ref(|| None::<Rc<Document>>);
    let saved = use_mut_ref(Vec::new);
    let designs = if *open {
        let starter = starter
            .borrow_mut()
            .get_or_insert_with(|| Rc::new(persist::starter()))
            .clone();
        let saved = saved_designs(&mut persist::Local, &mut saved.borrow_mut());
        comparable_designs(&session_start, &starter, &saved, file.as_ref(), lang)
    } else {
        Vec::new()
    };
    let base = designs.iter().find(|c| c.key == *chosen).or(designs.first()).cloned();
    // Keyed by identity (`Shared`): comparing designs by value on every render costs more
    // than it saves.
    let base_analysis = use_memo(base.as_ref().map(|b| Shared(b.doc.clone())), |d| {
        d.as_ref().map(|d| analyze(&d.0))
    });
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let head = html! {
        <button type="button" class="panel-toggle" data-testid="compare.toggle" aria-expanded={open.to_string()} onclick={toggle}>
            <span>{ T::CmpTitle.get(lang) }</span>
        </button>
    };
    if !*open {
        return html! { <section class="panel compare" data-testid="compare.panel">{ head }</section> };
    }
    let onselect = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                chosen.set(s.value());
            }
        })
    };
    let onfile = {
        let file = file.clone();
        let file_error = file_error.clone();
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let picked = transfer::input_file(&input);
            input.set_value("");
            if picked.is_null() || picked.is_undefined() {
                return;
            }
            let (file, file_error, chosen) = (file.clone(), file_error.clone(), chosen.clone());
            // The same reader as every other file: over-large files are refused before reading.
            yew::platform::spawn_local(async move {
                let read = transfer::read_file(&picked).await;
                let (name, loaded) = match read {
                    Ok((name, text)) => {
                        let doc = load(&text).map_err(|e| e.to_string());
                        (name, doc)
                    }
                    Err(notice) => (String::new(), Err(crate::i18n::notice_text(&notice, lang))),
                };
                match loaded {
                    Ok(doc) => {
                        file.set(Some((name, Rc::new(doc))));
                        file_error.set(None);
                        chosen.set("file".into());
                    }
                    Err(error) if name.is_empty() => file_error.set(Some(error)),
                    Err(error) => file_error.set(Some(fill(
                        T::CmpFileError.get(lang),
                        &[("name", &name), ("error", &error)],
                    ))),
                }
            });
        })
    };
    let options = designs.iter().map(|c| {
        html! { <option key={c.key.clone()} value={c.key.clone()} selected={base.as_ref().is_some_and(|b| b.key == c.key)}>{ &c.label }</option> }
    });
    let body = match (base.as_ref(), base_analysis.as_ref()) {
        (Some(b), Some(before)) => {
            let d = diff(before, &props.analysis.0);
            let rows = rows(before, &props.analysis.0, &props.doc.0, lang);
            let count = |c| rows.iter().filter(|r| r.0 == c).count().to_string();
            let summary = fill(
                T::CmpSummary.get(lang),
                &[
                    ("opened", &count(PathChange::Opened)),
                    ("closed", &count(PathChange::Closed)),
                    ("partial", &count(PathChange::BecamePartial)),
                    ("base", &b.label),
                ],
            );
            let items = rows.iter().enumerate().map(|(n, (c, path, states))| {
                let (key, t) = match c {
                    PathChange::Opened => ("opened", T::CmpOpened),
                    PathChange::Closed => ("closed", T::CmpClosed),
                    PathChange::BecamePartial => ("partial", T::CmpPartial),
                };
                html! {
                    <li key={n} class={classes!("compare-item", key)} data-testid={format!("compare.item.{n}")} data-change={key}>
                        <span class={classes!("pill", key)}>{ t.get(lang) }</span>{ " " }{ path }
                        <span class="muted">{ " · " }{ states }</span>
                    </li>
                }
            });
            html! {
                <>
                    if rows.is_empty() {
                        <p class="empty" data-testid="compare.summary">{ T::CmpSame.get(lang) }</p>
                    } else {
                        <p data-testid="compare.summary">{ summary }</p>
                        <ul class="compare-list">{ for items }</ul>
                    }
                    if !d.problems_added.is_empty() || !d.problems_resolved.is_empty() {
                        <p class="muted">{ fill(T::CmpProblems.get(lang), &[
                            ("added", &d.problems_added.len().to_string()),
                            ("resolved", &d.problems_resolved.len().to_string()),
                        ]) }</p>
                    }
                </>
            }
        }
        _ => html! {},
    };
    html! {
        <section class="panel compare open" data-testid="compare.panel">
            { head }
            <label class="compare-pick">
                <span>{ T::CmpWith.get(lang) }</span>
                <select data-testid="compare.with" onchange={onselect}>{ for options }</select>
            </label>
            <label class="compare-file">
                <span>{ T::CmpFile.get(lang) }</span>
                <input type="file" accept=".json,application/json" data-testid="compare.file"
                       aria-label={T::CmpFileLabel.get(lang)} onchange={onfile} />
            </label>
            if let Some(err) = &*file_error { <p class="field-error" role="alert" data-testid="compare.error">{ err }</p> }
            { body }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_compared_with_itself_moved_behind_nothing_lists_the_changes() {
        let starter = persist::starter();
        let mut doc = starter.clone();
        doc.functions[0].vpc_config = None;
        let (a, b) = (analyze(&starter), analyze(&doc));
        let r = rows(&a, &b, &doc, Lang::En);
        assert!(
            r.contains(&(
                PathChange::Opened,
                "orders-fn → Internet".into(),
                "unreachable → reachable".into()
            )),
            "{r:?}"
        );
        assert!(r
            .iter()
            .any(|(c, p, _)| *c == PathChange::Closed && p == "orders-fn → orders-db"));
    }

    #[test]
    fn the_picker_offers_the_session_start_the_starter_and_a_picked_file() {
        let start = Rc::new(Document::new("mine"));
        let keys = |v: Vec<Comparable>| v.into_iter().map(|c| c.key).collect::<Vec<_>>();
        let starter = Rc::new(persist::starter());
        assert_eq!(
            keys(comparable_designs(&start, &starter, &[], None, Lang::En)),
            ["session", "starter"]
        );
        let file = ("other.json".to_owned(), Rc::new(Document::new("other")));
        let all = comparable_designs(&start, &starter, &[], Some(&file), Lang::Zh);
        assert_eq!(all[2].label, "other.json");
        assert_eq!(all[0].label, "本次会话开始时的设计");
    }

    #[test]
    fn every_other_saved_design_can_be_compared_and_keeps_its_identity() {
        use persist::Store;
        let mut store = persist::MemStore::default();
        let mut library = persist::Library::read(&mut store);
        let first = library.current.clone();
        store.set(&first, &Document::new("first").to_export_json()).unwrap();
        library.add(&mut store, "second", &Document::new("second")).unwrap();
        // The library's current design is the one on the canvas: only the other is offered.
        let current = persist::Library::read(&mut store).current;
        let mut cache = Vec::new();
        let saved = saved_designs(&mut store, &mut cache);
        assert_eq!(saved.len(), 1, "{saved:?}");
        assert_ne!(saved[0].key, format!("saved:{current}"));
        let again = saved_designs(&mut store, &mut cache);
        assert!(Rc::ptr_eq(&saved[0].doc, &again[0].doc), "read once");
        // The other design becomes the open one, is edited, and is left again: read anew.
        let other = saved[0].key.trim_start_matches("saved:").to_owned();
        let mut library = persist::Library::read(&mut store);
        library.current = other.clone();
        library.write(&mut store).unwrap();
        assert!(saved_designs(&mut store, &mut cache)
            .iter()
            .all(|c| c.key != saved[0].key));
        store
            .set(&other, &Document::new("second, edited").to_export_json())
            .unwrap();
        library.current = current;
        library.write(&mut store).unwrap();
        let after = saved_designs(&mut store, &mut cache);
        assert_eq!(after[0].doc.name, "second, edited");
        let start = Rc::new(Document::new("mine"));
        let all = comparable_designs(&start, &start, &saved, None, Lang::En);
        assert_eq!(all.len(), 3);
        assert_eq!(all[2].label, saved[0].label);
    }
}
