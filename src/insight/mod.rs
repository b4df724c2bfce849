//! Insight into a design beyond its verdicts (issue 6): what an edit changed
//! ([`feedback`]), how two designs differ ([`compare`]), a packet stepped hop by hop through
//! a verdict's path ([`walk`]), and what the networking costs per month ([`cost`]).
//!
//! The engine does the work (`vpc_engine::diff`, `vpc_engine::cost`, the verdicts' hops);
//! these components word and render it, in English or Chinese.

pub mod compare;
pub mod cost;
pub mod feedback;
pub mod walk;

pub use crate::i18n::join_list;
use crate::shared::Shared;
use crate::state::Action;
use vpc_engine::explain::Lang;
use vpc_engine::model::Document;
use vpc_engine::Analysis;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InsightPanelsProps {
    pub doc: Shared<Document>,
    pub analysis: Shared<Analysis>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// The sidebar's cost and compare panels.
#[component]
pub fn InsightPanels(props: &InsightPanelsProps) -> Html {
    let cost = cost::use_cost_panel(props);
    let compare = compare::use_compare_panel(props);
    html! { <>{ cost }{ compare }</> }
}

/// Reads a whole number of GB from 0 to 1,000,000, or `None` for anything else.
pub fn parse_gb(text: &str) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<u32>().ok().filter(|gb| *gb <= 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_naturally_in_both_languages() {
        let l = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_list(&l(&[]), Lang::En), "");
        assert_eq!(join_list(&l(&["S3"]), Lang::En), "S3");
        assert_eq!(join_list(&l(&["S3", "SQS"]), Lang::En), "S3 and SQS");
        assert_eq!(join_list(&l(&["a", "b", "c"]), Lang::En), "a, b and c");
        assert_eq!(join_list(&l(&["a", "b", "c"]), Lang::Zh), "a、b和c");
    }

    #[test]
    fn traffic_must_be_a_whole_number_of_gb_in_range() {
        assert_eq!(parse_gb("250"), Some(250));
        assert_eq!(parse_gb(" 0 "), Some(0));
        assert_eq!(parse_gb("1000000"), Some(1_000_000));
        for bad in ["", "-5", "2.5", "1e3", "abc", "1000001", "99999999999"] {
            assert_eq!(parse_gb(bad), None, "{bad}");
        }
    }
}
