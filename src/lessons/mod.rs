//! Lessons and troubleshooting missions in the browser: the lesson list with progress, the
//! lesson panel (goals checked live, hints one at a time, the solution), the success moment,
//! and "Save as lesson" ([`author`]).
//!
//! Lesson files are data served beside the app (`lessons/*.json`, copied into `dist/` by
//! Trunk) and fetched when chosen, never compiled into the download. A lesson is read by
//! the engine ([`vpc_engine::lesson::load_lesson`]) and its goals are checked against the
//! analysis the app already derives for the canvas. The lesson state is per viewer: it never
//! enters the design or its history.
//!
//! A lesson file opened by any other means (file picker, drop, paste, share link) arrives as
//! the `arrival` prop (see `crate::arrivals`); [`is_lesson_text`] recognises one;
//! [`open_design`] is the one place a lesson's design is put on the canvas.

mod author;
mod net;
pub mod progress;

pub use vpc_engine::lesson::is_lesson_text;

use crate::autolayout;
use crate::i18n::{self, T};
use crate::shared::Shared;
use crate::state::{Action, Arrival, VerdictKey, ViewAction};
use progress::{Progress, Saved};
use std::rc::Rc;
use vpc_engine::explain::Lang;
use vpc_engine::lesson::{self as engine, load_lesson, Lesson, LessonKind, MissionScore, Text};
use vpc_engine::model::Document;
use vpc_engine::Analysis;
use yew::prelude::*;

/// Where the built-in lessons are served, relative to the page.
pub const LESSONS_DIR: &str = "lessons/";

/// One line of `lessons/index.json`.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexEntry {
    pub id: String,
    pub kind: LessonKind,
    pub title: Text,
}

/// Reads `lessons/index.json`.
pub fn parse_index(text: &str) -> Result<Vec<IndexEntry>, String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if v["format"] != "vpc-playground-lesson-index" {
        return Err("not a lesson index".into());
    }
    let list = v["lessons"].as_array().ok_or("no \"lessons\" list")?;
    let mut out = Vec::with_capacity(list.len());
    for l in list {
        let s = |v: &serde_json::Value| v.as_str().map(str::to_owned).ok_or("an entry without id or title");
        out.push(IndexEntry {
            id: s(&l["id"])?,
            kind: if l["kind"] == "mission" {
                LessonKind::Mission
            } else {
                LessonKind::Lesson
            },
            title: Text::new(s(&l["title"]["en"])?, s(&l["title"]["zh"])?),
        });
    }
    Ok(out)
}

/// Puts a design of the open lesson on the canvas as one undoable step (the solution
/// replaces the learner's attempt; undo brings the attempt back).
pub fn open_design(dispatch: &Callback<Action>, mut doc: Document) -> Rc<Document> {
    autolayout::complete(&mut doc);
    let doc = Rc::new(doc);
    dispatch.emit(Action::ReplaceDocument(doc.clone()));
    doc
}

/// Puts a lesson's starting design on the canvas as a new design of "My designs", so that
/// the learner's own designs are never replaced by a lesson. When storage has no room for
/// it, the lesson still opens as one undoable step and the banner says why.
pub fn open_start(dispatch: &Callback<Action>, doc: Document) -> Rc<Document> {
    match crate::transfer::add_new(&mut crate::persist::Local, doc.clone(), crate::persist::Source::Pasted) {
        Ok((library, history, notice)) => {
            let opened = history.present().clone();
            crate::arrivals::show(dispatch, Ok((library, history, notice)));
            opened
        }
        Err(notice) => {
            dispatch.emit(Action::Notify(notice));
            open_design(dispatch, doc)
        }
    }
}

/// The lesson being followed.
#[derive(Clone, Debug)]
pub struct Active {
    pub lesson: Rc<Lesson>,
    /// The file it was read from (kept to reopen it after a reload).
    pub text: Rc<str>,
    /// A built-in lesson (its progress is recorded) or one opened from a file.
    pub builtin: bool,
    /// Hints revealed so far.
    pub hints: usize,
    pub solution_shown: bool,
    /// A mission's score when the solution was shown: what the learner had fixed alone.
    pub score_at_solution: Option<MissionScore>,
    /// The success moment has happened for this opening.
    pub celebrated: bool,
    /// The success moment is on screen.
    pub success_open: bool,
    /// The design the lesson put on the canvas, until the canvas shows it: checks of the
    /// design that was there before do not count (it may be another lesson's solution).
    pub opened: Option<Shared<Document>>,
}

/// Same lesson (by identity: comparing two designs field by field costs the download more
/// than it saves) and same progress through it.
impl PartialEq for Active {
    fn eq(&self, o: &Active) -> bool {
        Rc::ptr_eq(&self.lesson, &o.lesson)
            && (self.hints, self.solution_shown, self.celebrated, self.success_open)
                == (o.hints, o.solution_shown, o.celebrated, o.success_open)
            && self.score_at_solution == o.score_at_solution
            && self.opened == o.opened
    }
}

impl Active {
    fn saved(&self) -> Saved {
        Saved {
            text: self.text.to_string(),
            builtin: self.builtin,
            hints: self.hints,
            solution_shown: self.solution_shown,
            score_at_solution: self.score_at_solution,
            celebrated: self.celebrated,
        }
    }

    /// The mission's score given which goals are met now.
    pub fn score(&self, met: &[bool]) -> MissionScore {
        self.score_at_solution
            .unwrap_or_else(|| MissionScore::new(met, self.hints))
    }
}

/// Everything the lesson area shows; per viewer, never in the design.
#[derive(Clone, Debug, Default)]
pub struct LessonsState {
    pub list_open: bool,
    pub author_open: bool,
    pub index: Option<Rc<Vec<IndexEntry>>>,
    /// The id being fetched.
    pub loading: Option<String>,
    /// Why the last lesson could not be opened.
    pub error: Option<String>,
    pub active: Option<Rc<Active>>,
    pub progress: Rc<Progress>,
}

#[derive(Clone, Debug)]
pub enum Msg {
    ToggleList,
    CloseList,
    ToggleAuthor,
    IndexLoaded(Rc<Vec<IndexEntry>>),
    Loading(String),
    Failed(String),
    Opened(Rc<Active>),
    ShowHint,
    SolutionShown {
        met: Vec<bool>,
    },
    /// The goals met by `doc`; records progress and opens the success moment when all are met.
    Checked {
        met: Vec<bool>,
        doc: Shared<Document>,
    },
    DismissSuccess,
    Close,
}

fn active(s: &mut LessonsState) -> Option<&mut Active> {
    s.active.as_mut().map(Rc::make_mut)
}

impl Reducible for LessonsState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        match msg {
            Msg::ToggleList => {
                s.list_open = !s.list_open;
                s.author_open = false;
            }
            Msg::CloseList => s.list_open = false,
            Msg::ToggleAuthor => {
                s.author_open = !s.author_open;
                s.list_open = false;
            }
            Msg::IndexLoaded(i) => s.index = Some(i),
            Msg::Loading(id) => {
                s.loading = Some(id);
                s.error = None;
            }
            Msg::Failed(e) => {
                s.loading = None;
                s.error = Some(e);
            }
            Msg::Opened(a) => {
                s.loading = None;
                s.error = None;
                s.list_open = false;
                s.author_open = false;
                s.active = Some(a);
            }
            Msg::ShowHint => {
                if let Some(a) = active(&mut s) {
                    a.hints = (a.hints + 1).min(a.lesson.hints.len());
                }
            }
            Msg::SolutionShown { met } => {
                if let Some(a) = active(&mut s) {
                    if !a.solution_shown && a.lesson.kind == LessonKind::Mission {
                        a.score_at_solution = Some(MissionScore::new(&met, a.hints));
                    }
                    a.solution_shown = true;
                }
            }
            Msg::Checked { met, doc } => {
                let Some(a) = s.active.clone() else {
                    return self;
                };
                if let Some(opened) = &a.opened {
                    if *opened != doc {
                        return self;
                    }
                    active(&mut s).expect("active").opened = None;
                }
                let all = !met.is_empty() && met.iter().all(|m| *m);
                let mut progress = (*s.progress).clone();
                let mut changed = false;
                if a.builtin && a.lesson.kind == LessonKind::Mission {
                    changed |= progress.record_score(&a.lesson.id, a.score(&met));
                }
                if all && !a.celebrated {
                    if a.builtin {
                        progress.record_done(&a.lesson.id, a.solution_shown);
                    }
                    let a = active(&mut s).expect("active");
                    a.celebrated = true;
                    a.success_open = true;
                } else if !changed && s.active == self.active {
                    return self;
                }
                s.progress = Rc::new(progress);
            }
            Msg::DismissSuccess => {
                if let Some(a) = active(&mut s) {
                    a.success_open = false;
                }
            }
            Msg::Close => {
                s.active = None;
                s.error = None;
            }
        }
        Rc::new(s)
    }
}

/// Reads a lesson text and opens it, or reports why it cannot be read.
fn open_text(state: &UseReducerHandle<LessonsState>, dispatch: &Callback<Action>, text: &str, builtin: bool) {
    match load_lesson(text) {
        Ok(lesson) => {
            let opened = open_start(dispatch, lesson.document.clone());
            let active = Active {
                opened: Some(Shared(opened)),
                lesson: Rc::new(lesson),
                text: Rc::from(text),
                builtin,
                hints: 0,
                solution_shown: false,
                score_at_solution: None,
                celebrated: false,
                success_open: false,
            };
            progress::save_active(Some(&active.saved()));
            dispatch.emit(Action::View(ViewAction::Highlight(None)));
            state.dispatch(Msg::Opened(Rc::new(active)));
        }
        Err(e) => state.dispatch(Msg::Failed(e.to_string())),
    }
}

/// Fetches a built-in lesson and opens it.
fn open_builtin(state: &UseReducerHandle<LessonsState>, dispatch: &Callback<Action>, id: &str) {
    state.dispatch(Msg::Loading(id.to_owned()));
    let (state, dispatch) = (state.clone(), dispatch.clone());
    net::fetch_text(format!("{LESSONS_DIR}{id}.json"), move |r| match r {
        Ok(text) => open_text(&state, &dispatch, &text, true),
        Err(e) => state.dispatch(Msg::Failed(e)),
    });
}

/// The state a reload starts from: saved progress, and the lesson that was open.
fn initial() -> LessonsState {
    let active = progress::load_active().and_then(|saved| {
        let lesson = load_lesson(&saved.text).ok()?;
        Some(Rc::new(Active {
            hints: saved.hints.min(lesson.hints.len()),
            lesson: Rc::new(lesson),
            text: Rc::from(saved.text.as_str()),
            builtin: saved.builtin,
            solution_shown: saved.solution_shown,
            score_at_solution: saved.score_at_solution,
            celebrated: saved.celebrated,
            success_open: false,
            opened: None,
        }))
    });
    LessonsState {
        progress: Rc::new(Progress::load()),
        active,
        ..LessonsState::default()
    }
}

#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    pub doc: Shared<Document>,
    pub analysis: Shared<Analysis>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
    /// A text that arrived from outside the app (see `arrivals`): a lesson is opened here.
    #[prop_or_default]
    pub arrival: Option<Arrival>,
}

/// The lesson area: its buttons, the list, the active lesson and "Save as lesson".
#[component]
pub fn Lessons(props: &LessonsProps) -> Html {
    let state = use_reducer(initial);
    let lang = props.lang;
    let t = |k: T| k.get(lang);
    let dispatch = &props.dispatch;

    // Lesson texts that arrived elsewhere in the app (a file, a paste, a link) come here: the
    // design goes on the canvas and the goals are checked from then on; a text that is not a
    // readable lesson shows the loader's message in the lesson area and changes nothing.
    {
        let (state, dispatch) = (state.clone(), dispatch.clone());
        use_effect_with(props.arrival.clone(), move |arrival| {
            if let Some(Arrival::Lesson(text)) = arrival {
                dispatch.emit(Action::View(ViewAction::ArrivalTaken));
                open_text(&state, &dispatch, text, false);
            }
        });
    }
    // The list comes from lessons/index.json, fetched when first opened.
    {
        let state2 = state.clone();
        use_effect_with(state.list_open && state.index.is_none(), move |need| {
            if *need {
                net::fetch_text(format!("{LESSONS_DIR}index.json"), move |r| {
                    match r.and_then(|t| parse_index(&t)) {
                        Ok(i) => state2.dispatch(Msg::IndexLoaded(Rc::new(i))),
                        Err(e) => state2.dispatch(Msg::Failed(e)),
                    }
                });
            }
        });
    }
    // Goals, checked against the analysis the canvas shows.
    let met: Rc<Vec<bool>> = {
        let lesson = state.active.as_ref().map(|a| a.lesson.clone());
        let key = (props.analysis.clone(), lesson.map(Shared::from));
        let doc = props.doc.clone();
        (*use_memo(key, move |(analysis, lesson)| {
            Rc::new(
                lesson
                    .as_ref()
                    .map_or_else(Vec::new, |l| engine::check(&l.goals, &doc, analysis)),
            )
        }))
        .clone()
    };
    {
        let state = state.clone();
        use_effect_with((props.doc.clone(), Shared(met.clone())), move |(doc, met)| {
            if state.active.is_some() {
                state.dispatch(Msg::Checked {
                    met: met.to_vec(),
                    doc: doc.clone(),
                });
            }
        });
    }
    {
        use_effect_with(state.progress.clone(), |p| p.save());
        use_effect_with(state.active.clone(), |a| {
            progress::save_active(a.as_ref().map(|a| a.saved()).as_ref())
        });
    }

    // The list of lessons is a dialog: focus moves in, stays in, and returns when it closes.
    let list_node = use_node_ref();
    let list_opener = use_node_ref();
    let trap = crate::dom::use_dialog_focus(state.list_open, list_node.clone(), list_opener.clone());
    // The success moment takes the keyboard focus (Enter continues, Escape closes it).
    {
        let open = state.active.as_ref().is_some_and(|a| a.success_open);
        use_effect_with(open, |open| {
            if *open {
                focus("[data-testid='lessons.success-close']");
            }
        });
    }
    // One click handler for the whole area: every button names its action in `data-act`.
    let onclick = {
        let (state, dispatch, met) = (state.clone(), dispatch.clone(), met.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(act) = act_of(&e) else { return };
            let (verb, arg) = act.split_once(':').unwrap_or((act.as_str(), ""));
            match verb {
                "list" => state.dispatch(Msg::ToggleList),
                "closelist" => state.dispatch(Msg::CloseList),
                "author" => state.dispatch(Msg::ToggleAuthor),
                "open" => open_builtin(&state, &dispatch, arg),
                "hint" => state.dispatch(Msg::ShowHint),
                "close" => state.dispatch(Msg::Close),
                "dismiss" => state.dispatch(Msg::DismissSuccess),
                "all" => {
                    state.dispatch(Msg::DismissSuccess);
                    state.dispatch(Msg::ToggleList);
                }
                "solution" => {
                    if let Some(sol) = state.active.as_ref().and_then(|a| a.lesson.solution.clone()) {
                        state.dispatch(Msg::SolutionShown { met: met.to_vec() });
                        open_design(&dispatch, sol);
                    }
                }
                "goal" => {
                    let goal = state
                        .active
                        .as_ref()
                        .and_then(|a| a.lesson.goals.get(arg.parse::<usize>().ok()?).cloned());
                    if let Some((from, to)) = goal.as_ref().and_then(|g| g.verdict_key()) {
                        // A goal about one port of a target shows that port's verdict.
                        let port = match &goal {
                            Some(
                                engine::Goal::Reaches { port, .. }
                                | engine::Goal::DoesNotReach { port, .. }
                                | engine::Goal::OnlyReaches { port, .. },
                            ) => *port,
                            _ => None,
                        };
                        let key = VerdictKey {
                            from: from.to_owned(),
                            to: to.key().to_owned(),
                            port,
                        };
                        dispatch.emit(Action::View(ViewAction::Highlight(Some(key))));
                    }
                }
                _ => {}
            }
        })
    };
    // Escape closes what is on top: the success moment, else the list, else the author form.
    let onkeydown = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if state.list_open {
                trap.emit(e.clone());
            }
            if e.key() != "Escape" {
                return;
            }
            let msg = if state.active.as_ref().is_some_and(|a| a.success_open) {
                Msg::DismissSuccess
            } else if state.list_open {
                Msg::CloseList
            } else if state.author_open {
                Msg::ToggleAuthor
            } else {
                return;
            };
            e.stop_propagation();
            state.dispatch(msg);
        })
    };
    let error = state.error.as_ref().map(|e| {
        html! { <p class="lessons-error" role="alert" data-testid="lessons.error">{ i18n::fill(t(T::LessonsCannotOpen), &[("error", e)]) }</p> }
    });
    let active = state.active.as_ref();
    html! {
        <section class="lessons" aria-label={t(T::LessonsButton)} {onclick} {onkeydown}>
            <div class="lessons-bar">
                <button type="button" class="small" data-act="list" data-testid="lessons.open" ref={list_opener.clone()}
                        aria-expanded={state.list_open.to_string()}>{ t(T::LessonsButton) }</button>
                <button type="button" class="small" data-act="author" data-testid="lessons.author-open"
                        aria-expanded={state.author_open.to_string()}>{ t(T::SaveAsLesson) }</button>
            </div>
            { error }
            if state.list_open { { list_view(&state, lang, &list_node) } }
            if state.author_open {
                <author::Author doc={props.doc.clone()} analysis={props.analysis.clone()} lang={lang} />
            }
            if let Some(a) = active { { panel_view(a, &met, &props.doc, lang) } }
            if let Some(a) = active.filter(|a| a.success_open) { { success_view(&state, a, &met, lang) } }
        </section>
    }
}

/// Moves the keyboard focus to the element `selector` finds, if any.
fn focus(selector: &str) {
    use wasm_bindgen::JsCast;
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}

/// The `data-act` of the button a click landed on.
fn act_of(e: &MouseEvent) -> Option<String> {
    use wasm_bindgen::JsCast;
    let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    el.closest("[data-act]").ok()??.get_attribute("data-act")
}

fn score_text(s: MissionScore, lang: Lang) -> String {
    i18n::fill(
        T::LessonsScore.get(lang),
        &[
            ("fixed", &s.fixed.to_string()),
            ("faults", &s.faults.to_string()),
            ("hints", &s.hints_used.to_string()),
            ("points", &s.points().to_string()),
        ],
    )
}

fn kind_label(kind: LessonKind, lang: Lang) -> &'static str {
    match kind {
        LessonKind::Mission => T::LessonsKindMission,
        LessonKind::Lesson => T::LessonsKindLesson,
    }
    .get(lang)
}

fn list_view(state: &LessonsState, lang: Lang, node: &NodeRef) -> Html {
    let t = |k: T| k.get(lang);
    let p = &state.progress;
    let body = match &state.index {
        None => html! { <p class="note">{ t(T::LessonsLoading) }</p> },
        Some(index) => {
            let done = index
                .iter()
                .filter(|e| p.is_done(&e.id) || p.score(&e.id).is_some_and(|s| s.complete()))
                .count();
            let items = index.iter().enumerate().map(|(n, e)| {
                let (status, key) = match (e.kind, p.score(&e.id)) {
                    (LessonKind::Mission, Some(s)) => (score_text(s, lang), if s.complete() { "done" } else { "started" }),
                    _ if p.is_done(&e.id) => (t(T::LessonsDone).to_owned(), "done"),
                    _ if p.was_viewed(&e.id) => (t(T::LessonsViewed).to_owned(), "viewed"),
                    _ => (t(T::LessonsNotDone).to_owned(), "todo"),
                };
                let loading = state.loading.as_deref() == Some(e.id.as_str());
                let status = if loading { t(T::LessonsLoading).to_owned() } else { status };
                let num = if key == "done" { "✓".to_owned() } else { (n + 1).to_string() };
                html! {
                    <li key={e.id.clone()}>
                        <button type="button" class={classes!("lesson-item", key)} data-act={format!("open:{}", e.id)}
                                data-testid={format!("lessons.item.{}", e.id)} data-status={key} aria-busy={loading.to_string()}>
                            <span class="lesson-num" aria-hidden="true">{ num }</span>
                            <span class="lesson-title"><span class="lesson-kind">{ kind_label(e.kind, lang) }</span>{ e.title.get(lang) }</span>
                            <span class="lesson-status">{ status }</span>
                        </button>
                    </li>
                }
            });
            html! {
                <>
                    <p class="note" data-testid="lessons.progress">
                        { i18n::fill(t(T::LessonsProgress), &[("done", &done.to_string()), ("total", &index.len().to_string())]) }
                    </p>
                    <ol>{ for items }</ol>
                    <p class="note">{ t(T::LessonsReplaceNote) }</p>
                </>
            }
        }
    };
    html! {
        <div class="lessons-list" role="dialog" aria-modal="true" aria-labelledby="lessons-list-title" data-testid="lessons.list" ref={node.clone()}>
            <header>
                <h2 id="lessons-list-title">{ t(T::LessonsListTitle) }</h2>
                <button type="button" class="close" data-act="closelist" aria-label={t(T::LessonsCloseList)}>{ "×" }</button>
            </header>
            { body }
        </div>
    }
}

fn panel_view(a: &Active, met: &[bool], doc: &Document, lang: Lang) -> Html {
    let t = |k: T| k.get(lang);
    let l = &a.lesson;
    let mission = l.kind == LessonKind::Mission;
    let goals = l.goals.iter().enumerate().map(|(n, g)| {
        let ok = met.get(n).copied().unwrap_or(false);
        let word = t(if ok { T::LessonsGoalMet } else { T::LessonsGoalNotMet });
        html! {
            <li class={classes!("goal", ok.then_some("met"))} data-testid={format!("lessons.goal.{n}")} data-met={ok.to_string()}>
                <button type="button" class="goal-link" data-act={format!("goal:{n}")} title={t(T::LessonsExplainGoal)}>
                    <span class="goal-mark" aria-hidden="true">{ if ok { "✓" } else { "✗" } }</span>
                    <span class="goal-text">{ g.describe(doc, lang) }</span>
                    <span class="sr-only">{ format!(" ({word})") }</span>
                </button>
            </li>
        }
    });
    let total = l.hints.len().to_string();
    let hints = l.hints.iter().take(a.hints).enumerate().map(|(n, h)| {
        let label = i18n::fill(t(T::LessonsHintN), &[("n", &(n + 1).to_string()), ("total", &total)]);
        html! { <li data-testid={format!("lessons.hint.{n}")}><b>{ label }</b>{ h.get(lang) }</li> }
    });
    let left = l.hints.len() - a.hints;
    html! {
        <div class="lesson-panel" data-testid="lessons.panel" data-lesson={l.id.clone()} data-kind={l.kind.key()}>
            <header>
                <span class="lesson-kind">{ kind_label(l.kind, lang) }</span>
                <h2 data-testid="lessons.title">{ l.title.get(lang) }</h2>
                <button type="button" class="close" data-act="close" data-testid="lessons.close" aria-label={t(T::LessonsClose)}>{ "×" }</button>
            </header>
            <p class="lesson-intro">{ l.intro.get(lang) }</p>
            <h3>{ t(if mission { T::LessonsFaults } else { T::LessonsGoals }) }</h3>
            <ul class="goals" aria-live="polite">{ for goals }</ul>
            if mission {
                <p class="lesson-score" data-testid="lessons.score">{ score_text(a.score(met), lang) }</p>
            }
            <ol class="hints">{ for hints }</ol>
            <div class="lesson-actions">
                if !l.hints.is_empty() {
                    <button type="button" class="small" data-act="hint" data-testid="lessons.hint-next" disabled={left == 0}>
                        { if left > 0 { i18n::fill(t(T::LessonsShowHint), &[("left", &left.to_string())]) } else { t(T::LessonsNoMoreHints).to_owned() } }
                    </button>
                }
                if l.solution.is_some() {
                    <button type="button" class="small" data-act="solution" data-testid="lessons.solution">{ t(T::LessonsShowSolution) }</button>
                }
            </div>
            if a.solution_shown {
                <p class="note" data-testid="lessons.solution-shown">{ t(T::LessonsSolutionShown) }</p>
            }
        </div>
    }
}

fn success_view(state: &LessonsState, a: &Active, met: &[bool], lang: Lang) -> Html {
    let t = |k: T| k.get(lang);
    let l = &a.lesson;
    let mission = l.kind == LessonKind::Mission;
    let next = a
        .builtin
        .then_some(state.index.as_ref())
        .flatten()
        .and_then(|i| i.iter().position(|e| e.id == l.id).and_then(|p| i.get(p + 1)))
        .map(|e| {
            html! {
                <button type="button" data-act={format!("open:{}", e.id)} data-testid="lessons.next">
                    { i18n::fill(t(T::LessonsNext), &[("title", e.title.get(lang))]) }
                </button>
            }
        });
    let heading = if mission {
        T::LessonsMissionSuccess
    } else {
        T::LessonsSuccess
    };
    let body = if a.solution_shown {
        T::LessonsSuccessWithSolution
    } else {
        T::LessonsSuccessBody
    };
    html! {
        <div class="lesson-success" role="dialog" aria-modal="true" aria-labelledby="lesson-success-title" data-testid="lessons.success">
            <div class="lesson-success-card">
                <div class="success-mark" aria-hidden="true">{ "✓" }</div>
                <h2 id="lesson-success-title">{ t(heading) }</h2>
                <p>{ t(body) }</p>
                if mission {
                    <p class="lesson-score" data-testid="lessons.success-score">{ score_text(a.score(met), lang) }</p>
                }
                if let Some(k) = &l.takeaway {
                    <p class="takeaway" data-testid="lessons.takeaway">{ k.get(lang) }</p>
                }
                <div class="lesson-actions">
                    { next }
                    <button type="button" data-act="all" data-testid="lessons.success-list">{ t(T::LessonsAll) }</button>
                    <button type="button" data-act="dismiss" data-testid="lessons.success-close">{ t(T::LessonsKeepExploring) }</button>
                </div>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson_text() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/lessons/public-subnet-trap.json")).unwrap()
    }

    fn active(text: &str) -> Rc<Active> {
        Rc::new(Active {
            lesson: Rc::new(load_lesson(text).unwrap()),
            text: Rc::from(text),
            builtin: true,
            hints: 0,
            solution_shown: false,
            score_at_solution: None,
            celebrated: false,
            success_open: false,
            opened: None,
        })
    }

    fn checked(met: &[bool]) -> Msg {
        Msg::Checked {
            met: met.to_vec(),
            doc: Shared::new(Document::default()),
        }
    }

    #[test]
    fn the_index_served_beside_the_app_reads() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/lessons/index.json")).unwrap();
        let index = parse_index(&text).unwrap();
        assert!(index.len() >= 15);
        assert_eq!(index[2].id, "public-subnet-trap");
        assert!(parse_index("{}").is_err());
    }

    #[test]
    fn all_goals_met_celebrates_once_and_records_the_lesson_done() {
        let s = Rc::new(LessonsState::default());
        let s = s.reduce(Msg::Opened(active(&lesson_text())));
        let s = s.reduce(checked(&[false, true]));
        assert!(!s.active.as_ref().unwrap().success_open);
        let s = s.reduce(checked(&[true, true]));
        assert!(s.active.as_ref().unwrap().success_open);
        assert!(s.progress.is_done("public-subnet-trap"));
        let s = s.reduce(Msg::DismissSuccess);
        let s = s.reduce(checked(&[false, true]));
        let s = s.reduce(checked(&[true, true]));
        assert!(!s.active.as_ref().unwrap().success_open, "once per opening");
    }

    #[test]
    fn checks_of_the_design_that_was_on_the_canvas_before_the_lesson_do_not_count() {
        let opened = Shared::new(Document::default());
        let mut a = (*active(&lesson_text())).clone();
        a.opened = Some(opened.clone());
        let s = Rc::new(LessonsState::default()).reduce(Msg::Opened(Rc::new(a)));
        // The previous lesson's solved design meets these goals too: no success for it.
        let s = s.reduce(checked(&[true, true]));
        assert!(!s.active.as_ref().unwrap().success_open);
        assert!(!s.progress.is_done("public-subnet-trap"));
        let s = s.reduce(Msg::Checked {
            met: vec![false, true],
            doc: opened,
        });
        let s = s.reduce(checked(&[true, true]));
        assert!(
            s.active.as_ref().unwrap().success_open,
            "once the lesson's own design was seen"
        );
    }

    #[test]
    fn hints_are_revealed_one_at_a_time_up_to_the_last() {
        let s = Rc::new(LessonsState::default()).reduce(Msg::Opened(active(&lesson_text())));
        let n = s.active.as_ref().unwrap().lesson.hints.len();
        let mut s = s;
        for _ in 0..n + 2 {
            s = s.reduce(Msg::ShowHint);
        }
        assert_eq!(s.active.as_ref().unwrap().hints, n);
    }

    #[test]
    fn a_mission_keeps_the_score_it_had_when_the_solution_was_shown() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/lessons/mission-orders-timeout.json"
        ))
        .unwrap();
        let s = Rc::new(LessonsState::default()).reduce(Msg::Opened(active(&text)));
        let s = s.reduce(Msg::ShowHint);
        let s = s.reduce(checked(&[true, false, false, false]));
        assert_eq!(s.progress.score("mission-orders-timeout").unwrap().fixed, 1);
        let s = s.reduce(Msg::SolutionShown {
            met: vec![true, true, false, false],
        });
        let s = s.reduce(checked(&[true; 4]));
        let a = s.active.as_ref().unwrap();
        assert!(a.success_open);
        let score = a.score(&[true; 4]);
        assert_eq!((score.fixed, score.faults, score.hints_used), (2, 4, 1));
        assert_eq!(s.progress.score("mission-orders-timeout").unwrap().fixed, 2);
        assert!(s.progress.was_viewed("mission-orders-timeout"));
    }
}
