//! Everything the app keeps in the browser's localStorage: "My designs" (an index and one
//! entry per design), each design's undo history, the language. Called from effects, event
//! handlers and the reducer's initialiser, never from `reduce`.
//!
//! Keys:
//! - `vpcplay.library`: the index, `{"v":1,"current":KEY,"designs":[{"key":KEY,"name":NAME}…]}`.
//! - `vpcplay.design` (the first design, and the only key of older versions), then
//!   `vpcplay.design.2`, `vpcplay.design.3` …: each design in the export format.
//! - `KEY.history`: that design's undo and redo steps, stored as differences (see [`History`]).
//! - `KEY.unreadable`: a saved design that could not be read, kept aside and never overwritten.
//!
//! The logic runs over the [`Store`] trait so that native tests drive it with a [`MemStore`].

use crate::autolayout;
use crate::dom;
use crate::i18n::T;
use crate::state::{Banner, History};
pub use crate::state::{Notice, Source};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use vpc_engine::explain::Lang;
use vpc_engine::model::{load, Document};

/// The first design (and the only saved design of versions before "My designs").
pub const DESIGN_KEY: &str = "vpcplay.design";
/// The interface language, `en` or `zh`.
pub const LANG_KEY: &str = "vpcplay.lang";
/// Where an unreadable first design is kept, so that nothing is lost silently.
pub const BACKUP_KEY: &str = "vpcplay.design.unreadable";
/// The index of "My designs".
pub const LIBRARY_KEY: &str = "vpcplay.library";
/// At most this much text of undo history per design (the oldest steps go first).
pub const HISTORY_BUDGET: usize = 1_000_000;

/// Storage refused a write: it is full (or disabled, or the name is empty for a rename).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refused;

/// A key-value store with localStorage's behaviour: `set` fails when the quota is reached.
pub trait Store {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), Refused>;
    fn remove(&mut self, key: &str);
    fn keys(&self) -> Vec<String>;
}

/// The browser's localStorage (nothing at all outside a browser).
pub struct Local;

fn local() -> Option<web_sys::Storage> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    web_sys::window()?.local_storage().ok().flatten()
}

impl Store for Local {
    fn get(&self, key: &str) -> Option<String> {
        dom::storage_get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), Refused> {
        local().ok_or(Refused)?.set_item(key, value).map_err(|_| Refused)
    }
    fn remove(&mut self, key: &str) {
        if let Some(s) = local() {
            let _ = s.remove_item(key);
        }
    }
    fn keys(&self) -> Vec<String> {
        let Some(s) = local() else { return Vec::new() };
        let n = s.length().unwrap_or(0);
        (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
    }
}

/// An in-memory store with a quota in bytes of keys plus values, for tests.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemStore {
    pub map: BTreeMap<String, String>,
    pub quota: Option<usize>,
}

impl MemStore {
    pub fn used(&self) -> usize {
        self.map.iter().map(|(k, v)| k.len() + v.len()).sum()
    }
}

impl Store for MemStore {
    fn get(&self, key: &str) -> Option<String> {
        self.map.get(key).cloned()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), Refused> {
        let old = self.map.get(key).map_or(0, |v| key.len() + v.len());
        if self
            .quota
            .is_some_and(|q| self.used() - old + key.len() + value.len() > q)
        {
            return Err(Refused);
        }
        self.map.insert(key.to_owned(), value.to_owned());
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        self.map.remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }
}

/// The design a first visit shows: a Lambda in public subnets next to a database, named in
/// the reader's saved language.
pub fn starter() -> Document {
    starter_in(load_lang())
}

/// [`starter`] with its name and description in `lang` (the components keep their ids as
/// names: they are the design's own words, as in AWS).
pub fn starter_in(lang: Lang) -> Document {
    let mut doc = load(include_str!("../designs/starter.json")).expect("the starter design is a valid design");
    if lang != Lang::En {
        doc.name = T::StarterName.get(lang).to_owned();
        doc.description = T::StarterDescription.get(lang).to_owned();
    }
    autolayout::complete(&mut doc);
    doc
}

/// What to open, given the saved text: the saved design, else the starter. An unreadable
/// text yields the starter and the reason.
pub fn choose_design(saved: Option<&str>) -> (Document, Option<String>) {
    match saved {
        None => (starter(), None),
        Some(text) => match load(text) {
            Ok(mut doc) => {
                autolayout::complete(&mut doc);
                (doc, None)
            }
            Err(e) => (starter(), Some(e.to_string())),
        },
    }
}

/// The design text as stored: the export format without indentation (storage is scarce).
pub fn stored_text(doc: &Document) -> String {
    minify(&doc.to_export_json())
}

/// Removes the whitespace between JSON tokens (never inside strings).
pub fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_str, mut esc) = (false, false);
    for c in json.chars() {
        if in_str {
            out.push(c);
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' {
                in_str = false;
            }
        } else if !c.is_ascii_whitespace() {
            in_str = c == '"';
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// My designs: the index

/// One design of "My designs".
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The localStorage key of the design's text.
    pub key: String,
    pub name: String,
}

/// The index of "My designs": which designs exist and which is open.
#[derive(Clone, Debug, PartialEq)]
pub struct Library {
    pub current: String,
    pub entries: Vec<Entry>,
}

fn is_design_key(key: &str) -> bool {
    key == DESIGN_KEY
        || key
            .strip_prefix(DESIGN_KEY)
            .and_then(|r| r.strip_prefix('.'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn history_key(key: &str) -> String {
    format!("{key}.history")
}

/// A default name for a design: its own name, else "Untitled design".
pub fn name_of(doc: &Document) -> String {
    let name = doc.name.trim();
    let name = if name.is_empty() { "Untitled design" } else { name };
    name.chars().take(120).collect()
}

impl Library {
    /// Reads the index and reconciles it with what the store holds: entries whose design is
    /// gone are dropped, designs the index does not list (the key of older versions, an index
    /// lost to a crash) are added. An unreadable index is kept aside and rebuilt.
    pub fn read(store: &mut impl Store) -> Library {
        let text = store.get(LIBRARY_KEY);
        let parsed = text.as_deref().and_then(|t| {
            let designs = json::items(json::get(t, "designs")?)?;
            Some((json::get(t, "current").and_then(json::string), designs))
        });
        let mut lib = Library {
            current: String::new(),
            entries: Vec::new(),
        };
        match parsed {
            Some((current, designs)) => {
                lib.current = current.unwrap_or_default();
                for e in designs {
                    let field = |k: &str| json::get(e, k).and_then(json::string);
                    if let (Some(key), Some(name)) = (field("key"), field("name")) {
                        if is_design_key(&key) && lib.find(&key).is_none() {
                            lib.entries.push(Entry { key, name });
                        }
                    }
                }
            }
            None => {
                if let Some(t) = &text {
                    let aside = format!("{LIBRARY_KEY}.unreadable");
                    if store.get(&aside).is_none() {
                        let _ = store.set(&aside, t);
                    }
                }
            }
        }
        lib.entries
            .retain(|e| store.get(&e.key).is_some() || e.key == lib.current);
        // In the order they were made: `vpcplay.design`, then by number (no sort: it would add
        // a sort routine to the download for a handful of keys).
        let mut found: Vec<(u32, String)> = store
            .keys()
            .into_iter()
            .filter(|k| is_design_key(k))
            .map(|k| (k.rsplit('.').next().and_then(|n| n.parse().ok()).unwrap_or(0), k))
            .collect();
        while let Some(at) = (0..found.len()).min_by_key(|&i| found[i].0) {
            let key = found.swap_remove(at).1;
            if lib.find(&key).is_none() {
                let name = store
                    .get(&key)
                    .and_then(|t| load(&t).ok())
                    .map_or_else(|| "Recovered design".to_owned(), |d| name_of(&d));
                lib.entries.push(Entry { key, name });
            }
        }
        if lib.entries.is_empty() {
            lib.entries.push(Entry {
                key: DESIGN_KEY.to_owned(),
                name: name_of(&starter()),
            });
        }
        if lib.find(&lib.current).is_none() {
            lib.current = lib.entries[0].key.clone();
        }
        lib
    }

    pub fn find(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    pub fn current_entry(&self) -> Option<&Entry> {
        self.find(&self.current)
    }

    /// Writes the index.
    pub fn write(&self, store: &mut impl Store) -> Result<(), Refused> {
        let designs: Vec<String> = self
            .entries
            .iter()
            .map(|e| format!("{{\"key\":{},\"name\":{}}}", json::quote(&e.key), json::quote(&e.name)))
            .collect();
        let text = format!(
            "{{\"v\":1,\"current\":{},\"designs\":[{}]}}",
            json::quote(&self.current),
            designs.join(",")
        );
        store.set(LIBRARY_KEY, &text)
    }

    /// A key no design uses yet.
    fn fresh_key(&self, store: &impl Store) -> String {
        (2u32..)
            .map(|n| format!("{DESIGN_KEY}.{n}"))
            .find(|k| self.find(k).is_none() && store.get(k).is_none())
            .expect("some number is free")
    }

    /// A name no other design has: `name`, else `name (2)`, `name (3)` …
    pub fn unique_name(&self, name: &str) -> String {
        let taken = |n: &str| self.entries.iter().any(|e| e.name == n);
        if !taken(name) {
            return name.to_owned();
        }
        (2u32..)
            .map(|i| format!("{name} ({i})"))
            .find(|n| !taken(n))
            .expect("some number is free")
    }

    /// Stores `doc` as a new design named `name` and makes it the current one. When the store
    /// is full nothing is changed (the new entry is removed again).
    pub fn add(&mut self, store: &mut impl Store, name: &str, doc: &Document) -> Result<String, Refused> {
        let key = self.fresh_key(store);
        store.set(&key, &stored_text(doc))?;
        let mut next = self.clone();
        next.entries.push(Entry {
            key: key.clone(),
            name: self.unique_name(name),
        });
        next.current = key.clone();
        if next.write(store).is_err() {
            store.remove(&key);
            return Err(Refused);
        }
        *self = next;
        Ok(key)
    }

    pub fn rename(&mut self, store: &mut impl Store, key: &str, name: &str) -> Result<(), Refused> {
        let name: String = name.trim().chars().take(120).collect();
        if name.is_empty() {
            return Err(Refused);
        }
        let mut next = self.clone();
        let e = next.entries.iter_mut().find(|e| e.key == key).ok_or(Refused)?;
        e.name = name;
        next.write(store)?;
        *self = next;
        Ok(())
    }

    /// Removes a design, its history and its index entry. Removing the current design makes
    /// the first remaining one current (a new empty entry when none remains).
    pub fn delete(&mut self, store: &mut impl Store, key: &str) -> Result<(), Refused> {
        let mut next = self.clone();
        next.entries.retain(|e| e.key != key);
        let emptied = next.entries.is_empty();
        if emptied {
            next.entries.push(Entry {
                key: DESIGN_KEY.to_owned(),
                name: "Untitled design".into(),
            });
        }
        if next.current == key || emptied {
            next.current = next.entries[0].key.clone();
        }
        next.write(store)?;
        store.remove(key);
        store.remove(&history_key(key));
        if emptied {
            // The last design was deleted: an empty one takes its place, never none.
            store.remove(&history_key(DESIGN_KEY));
            let _ = store.set(DESIGN_KEY, &stored_text(&Document::new("Untitled design")));
        }
        *self = next;
        Ok(())
    }
}

/// A design opened from the store, with its undo history when one was saved for it.
pub struct Opened {
    pub library: Library,
    pub history: History<Rc<Document>>,
    pub banner: Option<Banner>,
}

/// Opens design `key` of the library (the current one when `None`): its text, its saved
/// undo history (when it still matches the text), or the starter when there is none. An
/// unreadable text is copied aside first (never overwriting an earlier copy) and reported.
pub fn open(store: &mut impl Store, key: Option<&str>) -> Opened {
    let mut library = Library::read(store);
    if let Some(k) = key.filter(|k| library.find(k).is_some()) {
        library.current = k.to_owned();
    }
    let _ = library.write(store);
    let key = library.current.clone();
    let saved = store.get(&key);
    let (doc, error) = match saved.as_deref() {
        None if key != DESIGN_KEY => (Document::new(library.current_entry().map_or("", |e| &e.name)), None),
        other => choose_design(other),
    };
    let banner = match (error, &saved) {
        (Some(error), Some(text)) => {
            let backup = keep_aside(store, &key, text);
            Some(Banner::UnreadableSaved {
                error,
                backup_key: backup,
            })
        }
        _ => None,
    };
    let doc = Rc::new(doc);
    let history = saved
        .as_deref()
        .filter(|_| banner.is_none())
        .and_then(|text| {
            store
                .get(&history_key(&key))
                .and_then(|h| decode_history(text, &doc, &h))
        })
        .unwrap_or_else(|| History::new(doc));
    Opened {
        library,
        history,
        banner,
    }
}

/// Copies an unreadable text to `KEY.unreadable` (or `KEY.unreadable.N` when an earlier,
/// different copy is there) and returns the key used.
fn keep_aside(store: &mut impl Store, key: &str, text: &str) -> String {
    let base = if key == DESIGN_KEY {
        BACKUP_KEY.to_owned()
    } else {
        format!("{key}.unreadable")
    };
    let candidates = std::iter::once(base.clone()).chain((2u32..100).map(|n| format!("{base}.{n}")));
    for k in candidates {
        match store.get(&k) {
            Some(t) if t == text => return k,
            Some(_) => continue,
            None => {
                let _ = store.set(&k, text);
                return k;
            }
        }
    }
    base
}

/// What saving did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Saved {
    pub design: bool,
    /// Undo plus redo steps stored.
    pub steps: usize,
}

/// Saves the present design under `key`, then as much of its history as fits: when the store
/// is full, the oldest steps are dropped, never the design.
pub fn save(store: &mut impl Store, key: &str, history: &History<Rc<Document>>) -> Saved {
    let text = stored_text(history.present());
    if store.get(key).as_deref() != Some(&text) && store.set(key, &text).is_err() {
        // Make room: this design's history first, then every other design's history.
        store.remove(&history_key(key));
        if store.set(key, &text).is_err() {
            for k in store.keys().into_iter().filter(|k| k.ends_with(".history")) {
                store.remove(&k);
            }
            if store.set(key, &text).is_err() {
                return Saved {
                    design: false,
                    steps: 0,
                };
            }
        }
    }
    let mut record = encode_history(&text, history, HISTORY_BUDGET);
    loop {
        if record.steps == 0 {
            store.remove(&history_key(key));
            return Saved { design: true, steps: 0 };
        }
        if store.set(&history_key(key), &record.text).is_ok() {
            return Saved {
                design: true,
                steps: record.steps,
            };
        }
        record = encode_history(&text, history, record.text.len() / 2);
    }
}

// ---------------------------------------------------------------------------------------
// Undo history as differences
//
// A design is flattened into its top-level members and its layout entries, each as compact
// JSON text. Each undo step stores only the members that differ from the next newer snapshot
// (each redo step, from the next older one): moving one component stores one layout entry,
// not the whole design. Rebuilding a snapshot splices the member texts back into one JSON
// document, read by the one design reader (`vpc_engine::model::load`).

/// Member texts by key (keys with their quotes), in the order the text had them. A list, not
/// a map: a map would add its own code to the download for a few dozen members.
type Members = Vec<(String, String)>;

/// A design as member texts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Flat {
    top: Members,
    layout: Members,
}

/// The value of `key` in `m`, looked for first at `hint` (consecutive snapshots have their
/// members at the same places).
fn lookup<'a>(m: &'a Members, key: &str, hint: usize) -> Option<&'a String> {
    match m.get(hint) {
        Some((k, v)) if k == key => Some(v),
        _ => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
    }
}

fn set(m: &mut Members, key: &str, value: &str) {
    match m.iter_mut().find(|(k, _)| k == key) {
        Some((_, v)) => value.clone_into(v),
        None => m.push((key.to_owned(), value.to_owned())),
    }
}

/// The members of `b` that differ from `a`, and those `a` has that `b` lacks.
#[derive(Clone, Debug, Default, PartialEq)]
struct Diff {
    set: Vec<(String, String)>,
    del: Vec<String>,
    lset: Vec<(String, String)>,
    ldel: Vec<String>,
}

/// The members of an object's text, keys with their quotes.
fn members(text: &str) -> Members {
    json::members(text)
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

impl Flat {
    pub fn of(doc: &Document) -> Flat {
        Flat::of_text(&stored_text(doc))
    }

    /// From the stored (minified) export text.
    fn of_text(text: &str) -> Flat {
        let doc = json::get(text, "document").unwrap_or(text);
        let mut top = members(doc);
        let layout = match top.iter().position(|(k, _)| k == "\"layout\"") {
            Some(i) => top.remove(i).1,
            None => String::new(),
        };
        Flat {
            top,
            layout: members(&layout),
        }
    }

    /// The bare document text.
    pub fn text(&self) -> String {
        fn object(out: &mut String, m: &Members) {
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(k);
                out.push(':');
                out.push_str(v);
            }
        }
        let mut out = String::from("{");
        object(&mut out, &self.top);
        if !self.top.is_empty() {
            out.push(',');
        }
        out.push_str("\"layout\":{");
        object(&mut out, &self.layout);
        out.push_str("}}");
        out
    }

    fn diff(&self, to: &Flat) -> Diff {
        fn part(a: &Members, b: &Members) -> (Members, Vec<String>) {
            let set = b
                .iter()
                .enumerate()
                .filter(|(i, (k, v))| lookup(a, k, *i) != Some(v))
                .map(|(_, kv)| kv.clone())
                .collect();
            let del = a
                .iter()
                .enumerate()
                .filter(|(i, (k, _))| lookup(b, k, *i).is_none())
                .map(|(_, (k, _))| k.clone())
                .collect();
            (set, del)
        }
        let (set, del) = part(&self.top, &to.top);
        let (lset, ldel) = part(&self.layout, &to.layout);
        Diff { set, del, lset, ldel }
    }

    fn apply(&self, d: &Diff) -> Flat {
        let mut f = self.clone();
        f.top.retain(|(k, _)| !d.del.contains(k));
        f.layout.retain(|(k, _)| !d.ldel.contains(k));
        for (k, v) in &d.set {
            set(&mut f.top, k, v);
        }
        for (k, v) in &d.lset {
            set(&mut f.layout, k, v);
        }
        f
    }
}

impl Diff {
    fn write(&self, out: &mut String) {
        fn pairs(out: &mut String, name: &str, p: &[(String, String)]) {
            out.push_str(name);
            out.push('{');
            for (i, (k, v)) in p.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(k);
                out.push(':');
                out.push_str(v);
            }
            out.push('}');
        }
        fn keys(out: &mut String, name: &str, k: &[String]) {
            out.push_str(name);
            out.push('[');
            out.push_str(&k.join(","));
            out.push(']');
        }
        pairs(out, "{\"s\":", &self.set);
        keys(out, ",\"d\":", &self.del);
        pairs(out, ",\"ls\":", &self.lset);
        keys(out, ",\"ld\":", &self.ldel);
        out.push('}');
    }

    fn read(text: &str) -> Option<Diff> {
        let pairs = |name: &str| -> Option<Vec<(String, String)>> { Some(members(json::get(text, name)?)) };
        let keys = |name: &str| -> Option<Vec<String>> {
            Some(
                json::items(json::get(text, name)?)?
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
            )
        };
        Some(Diff {
            set: pairs("s")?,
            del: keys("d")?,
            lset: pairs("ls")?,
            ldel: keys("ld")?,
        })
    }
}

thread_local! {
    /// Flattened snapshots by identity, so that each snapshot is serialised once.
    static FLATS: RefCell<Vec<(Rc<Document>, Rc<Flat>)>> = const { RefCell::new(Vec::new()) };
}

/// The flat form of each snapshot, computed once per `Rc` and remembered while it is in the
/// history.
fn flats(snapshots: &[&Rc<Document>]) -> Vec<Rc<Flat>> {
    FLATS.with(|cache| {
        let old = cache.take();
        let mut next = Vec::with_capacity(snapshots.len());
        let out = snapshots
            .iter()
            .map(|s| {
                let f = old
                    .iter()
                    .find(|(d, _)| Rc::ptr_eq(d, s))
                    .map(|(_, f)| f.clone())
                    .unwrap_or_else(|| Rc::new(Flat::of(s)));
                next.push(((*s).clone(), f.clone()));
                f
            })
            .collect();
        *cache.borrow_mut() = next;
        out
    })
}

fn remember(doc: &Rc<Document>, flat: Flat) {
    FLATS.with(|cache| cache.borrow_mut().push((doc.clone(), Rc::new(flat))));
}

/// A 64-bit FNV-1a hash as hex: ties a saved history to the design text it was saved with.
pub fn check(text: &str) -> String {
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{h:016x}")
}

/// An encoded history and how many steps it holds.
pub struct Record {
    pub text: String,
    pub steps: usize,
}

/// Encodes the undo and redo steps of `history` whose design text is `present_text`, newest
/// first, keeping as many as fit in `budget` bytes.
pub fn encode_history(present_text: &str, history: &History<Rc<Document>>, budget: usize) -> Record {
    let past: Vec<&Rc<Document>> = history.past().collect();
    let future: Vec<&Rc<Document>> = history.future().collect();
    // One pass over every snapshot, so the cache keeps exactly the history's snapshots.
    let all: Vec<&Rc<Document>> = past
        .iter()
        .copied()
        .chain(std::iter::once(history.present()))
        .chain(future.iter().copied())
        .collect();
    let flats = flats(&all);
    let (past_f, rest) = flats.split_at(past.len());
    let (present_f, future_f) = rest.split_first().expect("the present is there");
    let mut text = format!("{{\"v\":1,\"check\":\"{}\",\"undo\":[", check(present_text));
    let mut steps = 0;
    // Undo steps, newest first: each from the snapshot after it.
    let mut newer = present_f;
    let mut undo = Vec::new();
    for f in past_f.iter().rev() {
        let mut s = String::new();
        newer.diff(f).write(&mut s);
        undo.push(s);
        newer = f;
    }
    let mut older = present_f;
    let mut redo = Vec::new();
    for f in future_f.iter().rev() {
        let mut s = String::new();
        older.diff(f).write(&mut s);
        redo.push(s);
        older = f;
    }
    // Redo steps are kept first (they are the newest work); then undo steps, newest first.
    let mut used = text.len() + 16;
    let redo_n = redo.iter().take_while(|s| {
        used += s.len() + 1;
        used <= budget
    });
    let redo: Vec<&String> = redo_n.collect();
    let undo_kept: Vec<&String> = undo
        .iter()
        .take_while(|s| {
            used += s.len() + 1;
            used <= budget
        })
        .collect();
    for (i, s) in undo_kept.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(s);
        steps += 1;
    }
    text.push_str("],\"redo\":[");
    for (i, s) in redo.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(s);
        steps += 1;
    }
    text.push_str("]}");
    Record { text, steps }
}

/// Rebuilds the history saved as `record` for the design saved as `present_text` (already
/// read as `present`). `None` when the record does not belong to that text or is unreadable.
pub fn decode_history(present_text: &str, present: &Rc<Document>, record: &str) -> Option<History<Rc<Document>>> {
    if json::get(record, "v") != Some("1")
        || json::get(record, "check").and_then(json::string) != Some(check(present_text))
    {
        return None;
    }
    let base = Flat::of_text(present_text);
    let walk = |name: &str| -> Option<Vec<Rc<Document>>> {
        let mut out = Vec::new();
        let mut f = base.clone();
        for d in json::items(json::get(record, name)?)? {
            f = f.apply(&Diff::read(d)?);
            let mut doc = load(&f.text()).ok()?;
            autolayout::complete(&mut doc);
            let doc = Rc::new(doc);
            remember(&doc, f.clone());
            out.push(doc);
        }
        Some(out)
    };
    let mut past = walk("undo")?;
    past.reverse();
    let mut future = walk("redo")?;
    future.reverse();
    remember(present, base);
    Some(History::from_parts(past, present.clone(), future))
}

// ---------------------------------------------------------------------------------------
// Two tabs on one design
//
// Each tab remembers the revision of the design it shows: the hash (`check`) of the text it
// last read or wrote under that key. Before writing, it compares the stored text's revision
// with its own; when another tab has written since, it does not write (that would lose the
// other tab's edit) and asks the person to choose: load the other tab's version, or keep both.

/// The revision of a saved text: its hash.
pub fn revision(text: &str) -> String {
    check(text)
}

/// Another tab saved the design since this tab last read or wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OtherTab;

/// Saves like [`save`], unless the text stored under `key` is neither this tab's revision
/// `base` nor the text being saved: then nothing is written and the other tab's version
/// stays. On a write, `base` becomes the new revision.
pub fn save_unless_changed(
    store: &mut impl Store,
    key: &str,
    history: &History<Rc<Document>>,
    base: &mut Option<String>,
) -> Result<Saved, OtherTab> {
    let text = stored_text(history.present());
    if let Some(stored) = store.get(key) {
        if stored != text && base.as_deref() != Some(revision(&stored).as_str()) {
            return Err(OtherTab);
        }
    }
    let saved = save(store, key, history);
    if saved.design {
        *base = Some(revision(&text));
    }
    Ok(saved)
}

/// "Keep both": this tab's design (with its undo history) becomes a new design of My designs,
/// named after it with `suffix`, and current; the other tab's version stays under its key.
/// Returns the new key and its revision.
pub fn keep_as_new(
    store: &mut impl Store,
    history: &History<Rc<Document>>,
    suffix: &str,
) -> Result<(String, Option<String>), Refused> {
    let mut library = Library::read(store);
    let name = library.unique_name(&format!("{} {suffix}", name_of(history.present())));
    let key = library.add(store, &name, history.present())?;
    save(store, &key, history);
    let rev = store.get(&key).map(|t| revision(&t));
    Ok((key, rev))
}

/// "Load the other tab's version": opens what is stored under `key`. When this tab has
/// changes the store does not have (its design is not the revision `base`), they are kept
/// first as a new design (see [`keep_as_new`]), so that neither tab's work is lost.
pub fn reload_other(
    store: &mut impl Store,
    key: &str,
    history: &History<Rc<Document>>,
    base: Option<&str>,
    suffix: &str,
) -> Result<Opened, Refused> {
    if base != Some(revision(&stored_text(history.present())).as_str()) {
        keep_as_new(store, history, suffix)?;
    }
    Ok(open(store, Some(key)))
}

// ---------------------------------------------------------------------------------------
// The browser's storage, for the app

thread_local! {
    /// The key of the design on screen.
    static CURRENT: RefCell<String> = RefCell::new(DESIGN_KEY.to_owned());
    /// The revision of that design this tab last read or wrote.
    static BASE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The key of the design on screen.
pub fn current_key() -> String {
    CURRENT.with(|c| c.borrow().clone())
}

/// Makes `key` the design on screen, as it is stored now (the tab's revision of it).
pub fn set_current_key(key: &str) {
    CURRENT.with(|c| *c.borrow_mut() = key.to_owned());
    let rev = Local.get(key).map(|t| revision(&t));
    BASE.with(|b| *b.borrow_mut() = rev);
}

/// Whether `text`, now stored under the design on screen (a `storage` event from another
/// tab), is a revision this tab has not seen.
pub fn changed_elsewhere(key: &str, text: Option<&str>) -> bool {
    key == current_key() && text.is_some_and(|t| BASE.with(|b| b.borrow().as_deref() != Some(revision(t).as_str())))
}

/// What saving the design on screen did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved,
    /// Storage is full or disabled.
    Failed,
    /// Another tab saved this design since; nothing was written.
    OtherTab,
}

/// "Keep both", for the design on screen: see [`keep_as_new`]. The new design is the one on
/// screen from now on.
pub fn keep_current_as_new(history: &History<Rc<Document>>, suffix: &str) -> Result<(), Refused> {
    let (key, rev) = keep_as_new(&mut Local, history, suffix)?;
    CURRENT.with(|c| *c.borrow_mut() = key);
    BASE.with(|b| *b.borrow_mut() = rev);
    Ok(())
}

/// "Load the other tab's version", for the design on screen: see [`reload_other`].
pub fn reload_current(history: &History<Rc<Document>>, suffix: &str) -> Result<Opened, Refused> {
    let base = BASE.with(|b| b.borrow().clone());
    let opened = reload_other(&mut Local, &current_key(), history, base.as_deref(), suffix)?;
    set_current_key(&opened.library.current);
    Ok(opened)
}

/// Opens the current design of the browser's library at start.
pub fn load_design() -> (History<Rc<Document>>, Option<Banner>) {
    let opened = open(&mut Local, None);
    set_current_key(&opened.library.current);
    (opened.history, opened.banner)
}

/// Saves the design on screen and its history, unless another tab saved it since.
pub fn save_current(history: &History<Rc<Document>>) -> SaveOutcome {
    if !cfg!(target_arch = "wasm32") {
        return SaveOutcome::Saved;
    }
    let key = current_key();
    let mut base = BASE.with(|b| b.borrow().clone());
    let outcome = match save_unless_changed(&mut Local, &key, history, &mut base) {
        Ok(saved) if saved.design => SaveOutcome::Saved,
        Ok(_) => SaveOutcome::Failed,
        Err(OtherTab) => SaveOutcome::OtherTab,
    };
    BASE.with(|b| *b.borrow_mut() = base);
    outcome
}

pub fn load_lang() -> Lang {
    dom::storage_get(LANG_KEY)
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_default()
}

pub fn save_lang(lang: Lang) {
    dom::storage_set(LANG_KEY, lang.code());
}

pub mod json;
#[cfg(test)]
mod tests;
