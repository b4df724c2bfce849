//! The design and the language in the browser's localStorage. Called from effects and the
//! reducer's initialiser, never from `reduce`.

use crate::autolayout;
use crate::dom;
use crate::state::Banner;
use vpc_engine::explain::Lang;
use vpc_engine::model::{load, Document};

/// The saved design, in the export format.
pub const DESIGN_KEY: &str = "vpcplay.design";
/// The interface language, `en` or `zh`.
pub const LANG_KEY: &str = "vpcplay.lang";
/// Where an unreadable saved design is kept, so that nothing is lost silently.
pub const BACKUP_KEY: &str = "vpcplay.design.unreadable";

/// The design a first visit shows: a Lambda in public subnets next to a database.
pub fn starter() -> Document {
    let mut doc = load(include_str!("../designs/starter.json")).expect("the starter design is a valid design");
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

/// Reads the saved design. An unreadable one is copied to [`BACKUP_KEY`] before anything
/// can overwrite it, and reported in a banner.
pub fn load_design() -> (Document, Option<Banner>) {
    let saved = dom::storage_get(DESIGN_KEY);
    let (doc, error) = choose_design(saved.as_deref());
    let banner = match (error, saved) {
        (Some(error), Some(text)) => {
            dom::storage_set(BACKUP_KEY, &text);
            Some(Banner::UnreadableSaved {
                error,
                backup_key: BACKUP_KEY.to_owned(),
            })
        }
        _ => None,
    };
    (doc, banner)
}

pub fn save_design(doc: &Document) {
    dom::storage_set(DESIGN_KEY, &doc.to_export_json());
}

pub fn load_lang() -> Lang {
    dom::storage_get(LANG_KEY)
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_default()
}

pub fn save_lang(lang: Lang) {
    dom::storage_set(LANG_KEY, lang.code());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_saved_opens_the_starter() {
        let (doc, err) = choose_design(None);
        assert_eq!(doc.functions[0].id.as_str(), "orders-fn");
        assert!(err.is_none());
    }

    #[test]
    fn a_saved_design_round_trips() {
        let mut doc = starter();
        doc.name = "mine".into();
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
}
