use super::*;

fn named(name: &str) -> Document {
    let mut d = starter();
    d.name = name.into();
    d
}

/// `doc` with component `id` moved `dx` to the right.
fn moved(doc: &Document, id: &str, dx: f64) -> Document {
    let mut d = doc.clone();
    d.layout.get_mut(id).expect("laid out").x += dx;
    d
}

#[test]
fn nothing_saved_opens_the_starter() {
    let (doc, err) = choose_design(None);
    assert_eq!(doc.functions[0].id.as_str(), "orders-fn");
    assert!(err.is_none());
    let mut store = MemStore::default();
    let opened = open(&mut store, None);
    assert_eq!(**opened.history.present(), starter());
    assert_eq!(opened.library.current, DESIGN_KEY);
    assert_eq!(opened.library.entries.len(), 1);
}

#[test]
fn a_saved_design_round_trips() {
    let doc = named("mine");
    let (back, err) = choose_design(Some(&doc.to_export_json()));
    assert!(err.is_none());
    assert_eq!(back, doc);
}

#[test]
fn an_unreadable_saved_design_opens_the_starter_with_the_reason() {
    let (doc, err) = choose_design(Some("{ not json"));
    assert_eq!(doc, starter());
    assert!(err.unwrap().contains("JSON"));
}

#[test]
fn the_design_of_older_versions_becomes_the_first_of_my_designs_untouched() {
    let text = named("Class demo").to_export_json();
    let mut store = MemStore::default();
    store.set(DESIGN_KEY, &text).unwrap();
    let opened = open(&mut store, None);
    assert_eq!(opened.library.current, DESIGN_KEY);
    assert_eq!(
        opened.library.entries,
        vec![Entry {
            key: DESIGN_KEY.into(),
            name: "Class demo".into()
        }]
    );
    assert_eq!(opened.history.present().name, "Class demo");
    assert_eq!(
        store.get(DESIGN_KEY).unwrap(),
        text,
        "the old key's text is not rewritten"
    );
    assert!(store.get(LIBRARY_KEY).is_some());
}

#[test]
fn an_unreadable_saved_design_is_kept_aside_and_never_overwritten() {
    let mut store = MemStore::default();
    store.set(DESIGN_KEY, "{ not json").unwrap();
    let opened = open(&mut store, None);
    match opened.banner {
        Some(Banner::UnreadableSaved { error, backup_key }) => {
            assert!(error.contains("line 1"), "{error}");
            assert_eq!(backup_key, BACKUP_KEY);
        }
        other => panic!("expected a banner, got {other:?}"),
    }
    assert_eq!(store.get(BACKUP_KEY).unwrap(), "{ not json");
    // The starter is shown and saved over the entry; another unreadable text later does not
    // replace the first copy kept aside.
    save(&mut store, DESIGN_KEY, &opened.history);
    store.set(DESIGN_KEY, "[1, 2").unwrap();
    let again = open(&mut store, None);
    assert!(
        matches!(again.banner, Some(Banner::UnreadableSaved { ref backup_key, .. }) if backup_key == "vpcplay.design.unreadable.2")
    );
    assert_eq!(store.get(BACKUP_KEY).unwrap(), "{ not json");
    assert_eq!(store.get("vpcplay.design.unreadable.2").unwrap(), "[1, 2");
}

#[test]
fn undo_history_of_two_hundred_moves_survives_a_reload() {
    let mut store = MemStore::default();
    let first = open(&mut store, None);
    let mut h = first.history;
    let mut snapshots = vec![h.present().clone()];
    for i in 0..220 {
        let next = moved(h.present(), "orders-fn", 1.0 + f64::from(i % 7));
        h.push(Rc::new(next));
        snapshots.push(h.present().clone());
    }
    // Two undone steps are redo steps and must come back too.
    h.undo();
    h.undo();
    let saved = save(&mut store, DESIGN_KEY, &h);
    assert!(saved.design);
    assert_eq!(saved.steps, h.undo_len() + 2);
    let record = store.get(&history_key(DESIGN_KEY)).unwrap();
    let design = store.get(DESIGN_KEY).unwrap();
    assert!(
        record.len() < 40 * design.len(),
        "220 steps stored as differences: {} bytes of history for a {}-byte design",
        record.len(),
        design.len()
    );

    FLATS.with(|c| c.borrow_mut().clear());
    let mut back = open(&mut store, None).history;
    assert_eq!(back.undo_len(), h.undo_len());
    assert!(back.undo_len() >= 200);
    assert_eq!(**back.present(), *snapshots[218]);
    assert!(back.redo());
    assert!(back.redo());
    assert_eq!(**back.present(), *snapshots[220]);
    assert!(!back.redo());
    let mut i = 220;
    while back.undo() {
        i -= 1;
        assert_eq!(**back.present(), *snapshots[i], "undo step back to snapshot {i}");
    }
    assert_eq!(i, 220 - h.undo_len() - 2);
}

#[test]
fn every_kind_of_change_is_restored_exactly_by_the_saved_history() {
    let mut store = MemStore::default();
    let a = starter();
    let mut b = a.clone();
    b.name = "renamed \"quoted\" <b>".into();
    b.subnets.remove(0);
    b.layout.remove("public-a");
    let mut c = b.clone();
    c.layout
        .insert("new \u{1F600} id".into(), vpc_engine::model::Rect::default());
    c.description = "line\nbreak".into();
    let mut h = History::new(Rc::new(a.clone()));
    h.push(Rc::new(b.clone()));
    h.push(Rc::new(c.clone()));
    save(&mut store, DESIGN_KEY, &h);
    let mut back = open(&mut store, None).history;
    assert_eq!(**back.present(), c);
    back.undo();
    assert_eq!(**back.present(), b);
    back.undo();
    assert_eq!(**back.present(), a);
}

#[test]
fn a_history_that_does_not_match_the_saved_design_is_dropped() {
    let mut store = MemStore::default();
    let mut h = History::new(Rc::new(starter()));
    h.push(Rc::new(moved(&starter(), "orders-fn", 10.0)));
    save(&mut store, DESIGN_KEY, &h);
    // Another tab (or an older version) rewrote the design.
    store.set(DESIGN_KEY, &stored_text(&named("elsewhere"))).unwrap();
    let back = open(&mut store, None).history;
    assert_eq!(back.present().name, "elsewhere");
    assert!(!back.can_undo());
}

#[test]
fn a_full_store_drops_the_oldest_history_steps_never_the_design() {
    let mut h = History::new(Rc::new(starter()));
    for i in 0..200 {
        h.push(Rc::new(moved(h.present(), "orders-fn", f64::from(i))));
    }
    let design = stored_text(h.present());
    let mut store = MemStore {
        quota: Some(design.len() + 8_000),
        ..MemStore::default()
    };
    let saved = save(&mut store, DESIGN_KEY, &h);
    assert!(saved.design);
    assert!(saved.steps > 0 && saved.steps < 200, "{saved:?}");
    assert_eq!(store.get(DESIGN_KEY).unwrap(), design);
    // The newest steps are the ones kept.
    let mut back = open(&mut store, None).history;
    assert_eq!(back.undo_len(), saved.steps);
    back.undo();
    assert_eq!(**back.present(), *h.past().last().unwrap().clone());
}

#[test]
fn a_design_that_cannot_be_saved_is_reported_and_the_saved_copy_kept() {
    let old = stored_text(&named("old"));
    let mut store = MemStore::default();
    store.set(DESIGN_KEY, &old).unwrap();
    store.quota = Some(store.used() + 10);
    let h = History::new(Rc::new(named("a much longer new name that does not fit")));
    assert_eq!(
        save(&mut store, DESIGN_KEY, &h),
        Saved {
            design: false,
            steps: 0
        }
    );
    assert_eq!(store.get(DESIGN_KEY).unwrap(), old);
}

#[test]
fn my_designs_add_rename_and_delete() {
    let mut store = MemStore::default();
    let mut lib = open(&mut store, None).library;
    let k2 = lib.add(&mut store, "Second", &named("Second")).unwrap();
    assert_eq!(k2, "vpcplay.design.2");
    assert_eq!(lib.current, k2);
    let k3 = lib.add(&mut store, "Second", &named("x")).unwrap();
    assert_eq!(lib.find(&k3).unwrap().name, "Second (2)", "names stay unique");
    lib.rename(&mut store, &k2, "  Renamed <i>  ").unwrap();
    assert!(lib.rename(&mut store, &k2, "   ").is_err(), "an empty name is refused");
    assert_eq!(Library::read(&mut store).find(&k2).unwrap().name, "Renamed <i>");
    save(&mut store, &k3, &History::new(Rc::new(named("x"))));
    lib.delete(&mut store, &k3).unwrap();
    assert!(store.get(&k3).is_none());
    assert_eq!(lib.current, DESIGN_KEY, "deleting the open design opens the first one");
    let reread = Library::read(&mut store);
    assert_eq!(reread, lib);
    // Deleting every design leaves one empty design, never none.
    lib.delete(&mut store, DESIGN_KEY).unwrap();
    lib.delete(&mut store, &k2).unwrap();
    assert_eq!(lib.entries.len(), 1);
    let opened = open(&mut store, None);
    assert!(opened.history.present().functions.is_empty());
}

#[test]
fn a_lost_or_unreadable_index_is_rebuilt_from_the_saved_designs() {
    let mut store = MemStore::default();
    let mut lib = open(&mut store, None).library;
    lib.add(&mut store, "Two", &named("Two")).unwrap();
    save(&mut store, DESIGN_KEY, &History::new(Rc::new(named("One"))));
    store.set(LIBRARY_KEY, "{broken").unwrap();
    let rebuilt = Library::read(&mut store);
    let names: Vec<&str> = rebuilt.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["One", "Two"]);
    assert_eq!(store.get("vpcplay.library.unreadable").unwrap(), "{broken");
}

#[test]
fn minify_keeps_strings_intact() {
    assert_eq!(
        minify("{ \"a b\" : [1, \"x \\\" y\"] ,\n \"c\":\"\\\\\" }"),
        "{\"a b\":[1,\"x \\\" y\"],\"c\":\"\\\\\"}"
    );
}

#[test]
fn damaged_saved_histories_and_indexes_never_panic_and_never_touch_the_design() {
    let mut store = MemStore::default();
    let mut h = History::new(Rc::new(starter()));
    for i in 0..5 {
        h.push(Rc::new(moved(h.present(), "orders-fn", f64::from(i + 1))));
    }
    h.undo();
    save(&mut store, DESIGN_KEY, &h);
    Library::read(&mut store).write(&mut store).unwrap();
    let design = store.get(DESIGN_KEY).unwrap();
    let record = store.get(&history_key(DESIGN_KEY)).unwrap();
    let index = store.get(LIBRARY_KEY).unwrap();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let bytes = b"{}[]\",:\\0123456789abc \n";
    for round in 0..400 {
        let (key, original) = if round % 2 == 0 {
            (history_key(DESIGN_KEY), &record)
        } else {
            (LIBRARY_KEY.to_owned(), &index)
        };
        let mut text = original.clone().into_bytes();
        for _ in 0..1 + next() % 4 {
            let at = (next() % text.len() as u64) as usize;
            match next() % 3 {
                0 => text[at] = bytes[(next() % bytes.len() as u64) as usize],
                1 => {
                    text.remove(at);
                }
                _ => text.truncate(at),
            }
        }
        let mut s = store.clone();
        s.set(&key, &String::from_utf8_lossy(&text)).unwrap();
        let opened = open(&mut s, None);
        assert_eq!(s.get(DESIGN_KEY).unwrap(), design, "the design is never touched");
        assert_eq!(**opened.history.present(), *h.present().clone());
        // Whatever was restored is a history of real designs ending at the saved one.
        let mut back = opened.history;
        while back.undo() {}
        while back.redo() {}
    }
}

#[test]
fn histories_make_room_for_a_design_that_grew() {
    let mut store = MemStore::default();
    let mut lib = open(&mut store, None).library;
    let other = lib.add(&mut store, "Other", &named("Other")).unwrap();
    let mut h = History::new(Rc::new(named("Other")));
    for i in 0..50 {
        h.push(Rc::new(moved(h.present(), "orders-fn", f64::from(i + 1))));
    }
    save(&mut store, &other, &h);
    assert!(store.get(&history_key(&other)).is_some());
    // The first design grows beyond what is left: the other design's history makes room.
    store.quota = Some(store.used() + 200);
    let mut grown = starter();
    grown.description = "x".repeat(1_000);
    let saved = save(&mut store, DESIGN_KEY, &History::new(Rc::new(grown.clone())));
    assert!(saved.design);
    assert_eq!(store.get(DESIGN_KEY).unwrap(), stored_text(&grown));
    assert!(store.get(&history_key(&other)).is_none());
    assert_eq!(
        store.get(&other).unwrap(),
        stored_text(h.present()),
        "the other design itself stays"
    );
}

// ---------------------------------------------------------------------------------------
// Two tabs on one design (issue 19): each tab is a revision over the one shared store.

/// A tab that has opened the current design: its history and its revision of it.
struct Tab {
    key: String,
    history: History<Rc<Document>>,
    base: Option<String>,
}

impl Tab {
    fn open(store: &mut MemStore) -> Tab {
        let opened = open(store, None);
        let key = opened.library.current.clone();
        let base = store.get(&key).map(|t| revision(&t));
        Tab {
            key,
            history: opened.history,
            base,
        }
    }

    /// An edit (component `id` moved), saved as the app saves after every change.
    fn edit(&mut self, store: &mut MemStore, id: &str, dx: f64) -> Result<Saved, OtherTab> {
        let next = moved(self.history.present(), id, dx);
        self.history.push(Rc::new(next));
        save_unless_changed(store, &self.key, &self.history, &mut self.base)
    }

    fn x(&self, id: &str) -> f64 {
        self.history.present().layout[id].x
    }
}

fn saved_x(store: &MemStore, key: &str, id: &str) -> f64 {
    load(&store.get(key).unwrap()).unwrap().layout[id].x
}

/// Two tabs on one saved design, both opened before either edits.
fn two_tabs() -> (MemStore, Tab, Tab, f64) {
    let mut store = MemStore::default();
    save(&mut store, DESIGN_KEY, &History::new(Rc::new(starter())));
    let a = Tab::open(&mut store);
    let b = Tab::open(&mut store);
    let x0 = a.x("orders-fn");
    (store, a, b, x0)
}

#[test]
fn one_tab_saves_edit_after_edit_without_a_conflict() {
    let (mut store, mut a, _, x0) = two_tabs();
    for n in 1..=5 {
        a.edit(&mut store, "orders-fn", 10.0).unwrap();
        assert_eq!(saved_x(&store, DESIGN_KEY, "orders-fn"), x0 + 10.0 * f64::from(n));
    }
}

#[test]
fn a_tab_does_not_overwrite_what_another_tab_saved_since_it_read_the_design() {
    let (mut store, mut a, mut b, x0) = two_tabs();
    b.edit(&mut store, "orders-fn", 100.0).unwrap();
    let theirs = store.clone();
    assert_eq!(a.edit(&mut store, "orders-db", 7.0), Err(OtherTab));
    assert_eq!(store, theirs, "the other tab's design and history are untouched");
    // Still held back on the next edit: the tab has not chosen yet.
    assert_eq!(a.edit(&mut store, "orders-db", 7.0), Err(OtherTab));
    assert_eq!(store, theirs);
    assert_eq!(saved_x(&store, DESIGN_KEY, "orders-fn"), x0 + 100.0);
    // The other tab goes on saving: the design is still its own revision.
    b.edit(&mut store, "orders-fn", 1.0).unwrap();
    assert_eq!(saved_x(&store, DESIGN_KEY, "orders-fn"), x0 + 101.0);
}

#[test]
fn the_same_text_from_another_tab_is_no_conflict() {
    let (mut store, mut a, mut b, _) = two_tabs();
    b.edit(&mut store, "orders-fn", 5.0).unwrap();
    // This tab makes the very same change: nothing of the other tab's would be lost.
    assert!(a.edit(&mut store, "orders-fn", 5.0).is_ok());
    assert!(a.edit(&mut store, "orders-fn", 5.0).is_ok());
}

#[test]
fn keep_both_keeps_this_tabs_design_as_a_new_one_and_the_other_tabs_under_its_key() {
    let (mut store, mut a, mut b, x0) = two_tabs();
    b.edit(&mut store, "orders-fn", 100.0).unwrap();
    assert_eq!(a.edit(&mut store, "orders-db", 7.0), Err(OtherTab));
    let db0 = a.x("orders-db") - 7.0;
    let (key, rev) = keep_as_new(&mut store, &a.history, "(this tab)").unwrap();
    assert_ne!(key, DESIGN_KEY);
    let library = Library::read(&mut store);
    assert_eq!(library.current, key);
    let names: Vec<&str> = library.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        ["Lambda in a public subnet", "Lambda in a public subnet (this tab)"]
    );
    // Both edits are stored: the other tab's under the old key, this tab's under the new one.
    assert_eq!(saved_x(&store, DESIGN_KEY, "orders-fn"), x0 + 100.0);
    assert_eq!(saved_x(&store, &key, "orders-db"), db0 + 7.0);
    assert_eq!(saved_x(&store, &key, "orders-fn"), x0);
    // This tab goes on under the new key, with its undo history.
    let (a_key, a_history) = (key.clone(), a.history.clone());
    let mut a = Tab {
        key: a_key,
        history: a_history,
        base: rev,
    };
    a.edit(&mut store, "orders-db", 1.0).unwrap();
    let reopened = open(&mut store, Some(&key));
    assert_eq!(reopened.history.past().count(), 2, "the undo steps came along");
}

#[test]
fn loading_the_other_tabs_version_keeps_this_tabs_changes_as_a_separate_design() {
    let (mut store, mut a, mut b, x0) = two_tabs();
    b.edit(&mut store, "orders-fn", 100.0).unwrap();
    assert_eq!(a.edit(&mut store, "orders-db", 7.0), Err(OtherTab));
    let opened = reload_other(&mut store, DESIGN_KEY, &a.history, a.base.as_deref(), "(this tab)").unwrap();
    assert_eq!(opened.library.current, DESIGN_KEY);
    assert_eq!(
        opened.history.present().layout["orders-fn"].x,
        x0 + 100.0,
        "the other tab's version"
    );
    assert_eq!(
        opened.library.entries.len(),
        2,
        "this tab's edit is kept as a design of its own"
    );
    let mine = &opened.library.entries[1];
    assert_eq!(saved_x(&store, &mine.key, "orders-db"), a.x("orders-db"));
}

#[test]
fn loading_the_other_tabs_version_adds_nothing_when_this_tab_changed_nothing() {
    let (mut store, a, mut b, x0) = two_tabs();
    b.edit(&mut store, "orders-fn", 100.0).unwrap();
    let opened = reload_other(&mut store, DESIGN_KEY, &a.history, a.base.as_deref(), "(this tab)").unwrap();
    assert_eq!(opened.history.present().layout["orders-fn"].x, x0 + 100.0);
    assert_eq!(opened.library.entries.len(), 1);
}

#[test]
fn the_starter_is_named_in_the_readers_language() {
    use crate::i18n::T;
    let en = starter_in(Lang::En);
    assert_eq!(en.name, "Lambda in a public subnet");
    assert_eq!(
        en.name,
        T::StarterName.get(Lang::En),
        "the English name is the design file's"
    );
    // Natively the Chinese texts are the ones written in i18n.rs.
    let zh = starter_in(Lang::Zh);
    assert_eq!(zh.name, T::StarterName.written_zh());
    assert_eq!(zh.description, T::StarterDescription.written_zh());
    assert_eq!(zh.functions, en.functions, "only the name and description change");
}
