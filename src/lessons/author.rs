//! "Save as lesson": a trainer turns the design on the canvas into a lesson file.
//!
//! The flow: mark the current design as the start, fix it on the canvas, pick goals from
//! the verdicts of the fixed design ("X reaches Y" / "X does not reach Y"), write a title,
//! a story and hints, and download the file. The fixed design becomes the solution. Without
//! a marked start, the current design is the start and the lesson has no solution. The file
//! is read back by the engine's loader before it is offered, so it always opens.

use crate::i18n::{self, T};
use crate::shared::Shared;
use vpc_engine::explain::Lang;
use vpc_engine::lesson::{check, load_lesson, Goal, Lesson, LessonKind, Text};
use vpc_engine::model::Document;
use vpc_engine::reach::{Reach, Source};
use vpc_engine::{analyze, Analysis};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AuthorProps {
    pub doc: Shared<Document>,
    pub analysis: Shared<Analysis>,
    pub lang: Lang,
}

/// The form's texts: title, story and hints, each in English and Chinese.
const TITLE: usize = 0;
const INTRO: usize = 1;
const HINTS: usize = 2;

#[derive(Clone, Debug, Default, PartialEq)]
struct Form {
    texts: [[String; 2]; 3],
    /// The verdicts chosen as goals, as (source key, destination key): each asks for what
    /// the verdict says now (reachable: "reaches", unreachable: "does not reach").
    goals: Vec<(String, String)>,
    start: Option<Shared<Document>>,
}

/// The text in both languages; an empty side takes the other's.
fn both(pair: &[String; 2]) -> Option<Text> {
    let (en, zh) = (pair[0].trim(), pair[1].trim());
    match (en.is_empty(), zh.is_empty()) {
        (true, true) => None,
        (false, true) => Some(Text::new(en, en)),
        (true, false) => Some(Text::new(zh, zh)),
        (false, false) => Some(Text::new(en, zh)),
    }
}

/// A file name and lesson id from a title: lowercase ASCII words joined by '-'.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "my-lesson".into()
    } else {
        out.chars().take(60).collect()
    }
}

fn build(form: &Form, doc: &Document, analysis: &Analysis) -> Result<Lesson, T> {
    let title = both(&form.texts[TITLE]).ok_or(T::AuthorNeedsTitle)?;
    let mut goals = Vec::with_capacity(form.goals.len());
    for (from, to) in &form.goals {
        let Some(v) = analysis
            .verdicts
            .iter()
            .find(|v| v.from.key() == from && v.to.key() == to)
        else {
            continue;
        };
        let (from, to) = (from.clone(), v.to.clone());
        let port = matches!(to, vpc_engine::reach::Destination::Component(_)).then_some(v.port);
        goals.push(match v.reach {
            Reach::Reachable => Goal::Reaches {
                from,
                to,
                port,
                via: None,
            },
            Reach::Unreachable => Goal::DoesNotReach { from, to, port },
            Reach::Partial => continue,
        });
    }
    if goals.is_empty() {
        return Err(T::AuthorNeedsGoal);
    }
    let lines = |s: &str| -> Vec<String> {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (en, zh) = (lines(&form.texts[HINTS][0]), lines(&form.texts[HINTS][1]));
    let hints = (0..en.len().max(zh.len()))
        .map(|i| {
            let e = en.get(i).or(zh.get(i)).cloned().unwrap_or_default();
            let z = zh.get(i).or(en.get(i)).cloned().unwrap_or_default();
            Text::new(e, z)
        })
        .collect();
    let (document, solution) = match &form.start {
        Some(start) => ((*start.0).clone(), Some(doc.clone())),
        None => (doc.clone(), None),
    };
    Ok(Lesson {
        id: slug(&title.en),
        kind: LessonKind::Lesson,
        intro: both(&form.texts[INTRO]).unwrap_or_else(|| title.clone()),
        title,
        goals,
        hints,
        takeaway: None,
        document,
        solution,
    })
}

/// The `value` of the input or text area an event comes from.
fn target_value(e: &web_sys::Event) -> Option<String> {
    let target = e.target()?;
    js_sys::Reflect::get(&target, &"value".into()).ok()?.as_string()
}

/// An attribute of the element an event comes from.
fn target_attr(e: &web_sys::Event, name: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    e.target()?.dyn_into::<web_sys::Element>().ok()?.get_attribute(name)
}

/// What the last export did.
#[derive(Clone, Debug, PartialEq)]
enum Exported {
    Saved(String),
    /// A share link, and whether it went to the clipboard.
    Linked(String, bool),
    Failed(String),
}

#[component]
pub fn Author(props: &AuthorProps) -> Html {
    let form = use_state(Form::default);
    let status = use_state(|| None::<Exported>);
    let lang = props.lang;
    let t = |k: T| k.get(lang);
    let doc = &props.doc;

    let text_input = |label: T, field: usize, multiline: bool, testid: &'static str| {
        let cols = [(0usize, "en", T::AuthorEnglish), (1, "zh", T::AuthorChinese)].map(|(i, code, lang_label)| {
            let form = form.clone();
            let value = form.texts[field][i].clone();
            let oninput = Callback::from(move |e: InputEvent| {
                let Some(v) = target_value(&e) else {
                    return;
                };
                let mut f = (*form).clone();
                f.texts[field][i] = v;
                form.set(f);
            });
            let label_text = format!("{} ({})", label.get(lang), lang_label.get(lang));
            let id = format!("{testid}.{code}");
            html! {
                <label class="author-field">
                    <span>{ label_text }</span>
                    if multiline {
                        <textarea data-testid={id} rows="3" value={value} {oninput} lang={code} />
                    } else {
                        <input type="text" data-testid={id} value={value} {oninput} lang={code} />
                    }
                </label>
            }
        });
        html! { <div class="author-pair">{ for cols }</div> }
    };

    let mark_start = {
        let (form, doc) = (form.clone(), doc.clone());
        Callback::from(move |_| {
            let mut f = (*form).clone();
            f.start = Some(doc.clone());
            form.set(f);
        })
    };
    let clear_start = {
        let form = form.clone();
        Callback::from(move |_| {
            let mut f = (*form).clone();
            f.start = None;
            form.set(f);
        })
    };
    let start_note = match &form.start {
        Some(s) => i18n::fill(t(T::AuthorStartMarked), &[("n", &s.components().count().to_string())]),
        None => t(T::AuthorStartNone).to_owned(),
    };

    // One checkbox per verdict of a function: the goal is what it says now.
    let toggle_goal = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let Some(key) = target_attr(&e, "data-key") else { return };
            let Some((from, to)) = key.split_once('|') else { return };
            let key = (from.to_owned(), to.to_owned());
            let mut f = (*form).clone();
            match f.goals.iter().position(|k| *k == key) {
                Some(i) => {
                    f.goals.remove(i);
                }
                None => f.goals.push(key),
            }
            form.set(f);
        })
    };
    let rows = props
        .analysis
        .verdicts
        .iter()
        .filter(|v| matches!(v.from, Source::Function(_)) && v.reach != Reach::Partial)
        .map(|v| {
            let (from, to) = (v.from.key(), v.to.key());
            let checked = form.goals.iter().any(|(f, t)| f == from && t == to);
            let goal = if v.reach == Reach::Reachable {
                Goal::Reaches { from: from.to_owned(), to: v.to.clone(), port: None, via: None }
            } else {
                Goal::DoesNotReach { from: from.to_owned(), to: v.to.clone(), port: None }
            };
            html! {
                <li class={classes!("author-goal", v.reach.key())} key={format!("{from}|{to}")}>
                    <label>
                        <input type="checkbox" data-key={format!("{from}|{to}")} data-testid={format!("lessons.author.goal.{from}.{to}")}
                               checked={checked} onchange={toggle_goal.clone()} />
                        { goal.describe(doc, lang) }
                    </label>
                </li>
            }
        });

    // What the file would be, and what is wrong with it.
    let built = build(&form, doc, &props.analysis);
    let warnings: Vec<String> = match &built {
        Err(k) => vec![t(*k).to_owned()],
        Ok(l) => {
            let mut w = Vec::new();
            let start_met = check(&l.goals, &l.document, &analyze(&l.document));
            if start_met.iter().all(|m| *m) {
                w.push(t(T::AuthorMetAtStart).to_owned());
            }
            if let Some(sol) = &l.solution {
                let missed: Vec<String> = l
                    .goals
                    .iter()
                    .zip(check(&l.goals, sol, &props.analysis))
                    .filter(|(_, m)| !m)
                    .map(|(g, _)| g.describe(sol, lang))
                    .collect();
                if !missed.is_empty() {
                    w.push(i18n::fill(t(T::AuthorSolutionMisses), &[("goals", &missed.join("; "))]));
                }
            }
            w
        }
    };
    let export = {
        let (status, built) = (status.clone(), built.clone());
        Callback::from(move |_| {
            let Ok(lesson) = &built else { return };
            let text = lesson.to_json();
            let file = format!("{}.json", lesson.id);
            status.set(Some(match load_lesson(&text) {
                Ok(_) => {
                    crate::transfer::download_json(&file, &text);
                    Exported::Saved(file)
                }
                Err(e) => Exported::Failed(e.to_string()),
            }));
        })
    };
    let share = {
        let (status, built) = (status.clone(), built.clone());
        Callback::from(move |_| {
            let Ok(lesson) = &built else { return };
            let text = lesson.to_json();
            if let Err(e) = load_lesson(&text) {
                return status.set(Some(Exported::Failed(e.to_string())));
            }
            let status = status.clone();
            yew::platform::spawn_local(async move {
                status.set(Some(match crate::transfer::share_link_of_text(&text).await {
                    Some(link) => {
                        let copied = crate::transfer::copy(&link).await;
                        Exported::Linked(link, copied)
                    }
                    None => Exported::Failed("the browser could not compress the lesson".into()),
                }));
            });
        })
    };
    let ok = built.is_ok();
    html! {
        <div class="lesson-author" role="region" aria-labelledby="lesson-author-title" data-testid="lessons.author">
            <header>
                <h2 id="lesson-author-title">{ t(T::AuthorTitle) }</h2>
                <button type="button" class="close" data-act="author" aria-label={t(T::AuthorCancel)}>{ "×" }</button>
            </header>
            <h3>{ t(T::AuthorStart) }</h3>
            <p class="note" data-testid="lessons.author.start">{ start_note }</p>
            <div class="lesson-actions">
                <button type="button" class="small" data-testid="lessons.author.mark-start" onclick={mark_start}>{ t(T::AuthorMarkStart) }</button>
                if form.start.is_some() {
                    <button type="button" class="small" onclick={clear_start}>{ t(T::AuthorClearStart) }</button>
                }
            </div>
            <p class="note">{ t(T::AuthorLangNote) }</p>
            { text_input(T::AuthorTitleField, TITLE, false, "lessons.author.title") }
            { text_input(T::AuthorStory, INTRO, true, "lessons.author.intro") }
            { text_input(T::AuthorHints, HINTS, true, "lessons.author.hints") }
            <h3>{ t(T::AuthorGoals) }</h3>
            <ul class="author-goals">{ for rows }</ul>
            <ul class="author-warnings" data-testid="lessons.author.warnings">
                { for warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }
            </ul>
            <div class="lesson-actions">
                <button type="button" data-testid="lessons.author.export" disabled={!ok} onclick={export}>{ t(T::AuthorExport) }</button>
                <button type="button" data-testid="lessons.author.share" disabled={!ok} onclick={share}>{ t(T::AuthorShare) }</button>
            </div>
            if let Some(s) = &*status {
                <p class="note" role="status" data-testid="lessons.author.status">{ match s {
                    Exported::Saved(file) => i18n::fill(t(T::AuthorSaved), &[("file", file)]),
                    Exported::Linked(_, copied) => t(if *copied { T::AuthorLinkCopied } else { T::AuthorLinkShown }).to_owned(),
                    Exported::Failed(error) => i18n::fill(t(T::AuthorFailed), &[("error", error)]),
                } }</p>
                if let Exported::Linked(link, _) = s {
                    <input type="text" readonly=true class="share-link" data-testid="lessons.author.link" value={link.clone()}
                           aria-label={t(T::AuthorShare)} />
                }
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpc_engine::model::load;

    #[test]
    fn a_title_becomes_a_file_name() {
        assert_eq!(slug("The NAT gateway fix!"), "the-nat-gateway-fix");
        assert_eq!(slug("公有子网"), "my-lesson");
    }

    #[test]
    fn a_marked_start_and_the_fixed_design_make_a_lesson_that_reads_back() {
        let start = load(include_str!("../../designs/starter.json")).unwrap();
        let mut fixed = start.clone();
        fixed.functions[0].vpc_config = None;
        let analysis = analyze(&fixed);
        let form = Form {
            texts: [
                ["Outside".into(), String::new()],
                [String::new(), "把函数移出 VPC".into()],
                ["first\n\nsecond".into(), "第一".into()],
            ],
            goals: vec![
                ("orders-fn".into(), "internet".into()),
                ("orders-fn".into(), "orders-db".into()),
            ],
            start: Some(Shared::new(start.clone())),
        };
        let lesson = build(&form, &fixed, &analysis).unwrap();
        assert_eq!(lesson.id, "outside");
        assert_eq!(lesson.title, Text::new("Outside", "Outside"));
        assert_eq!(lesson.intro, Text::new("把函数移出 VPC", "把函数移出 VPC"));
        assert_eq!(
            lesson.hints,
            vec![Text::new("first", "第一"), Text::new("second", "second")]
        );
        // Each goal asks for what the verdict says on the fixed design.
        assert!(matches!(lesson.goals[0], Goal::Reaches { .. }));
        assert!(matches!(lesson.goals[1], Goal::DoesNotReach { port: Some(5432), .. }));
        assert_eq!(check(&lesson.goals, &fixed, &analysis), vec![true, true]);
        assert_eq!(check(&lesson.goals, &start, &analyze(&start)), vec![false, false]);
        let back = load_lesson(&lesson.to_json()).unwrap();
        assert_eq!(back, lesson);
        assert_eq!(build(&Form::default(), &fixed, &analysis), Err(T::AuthorNeedsTitle));
    }
}
