//! What the learner has done, remembered in localStorage under [`PROGRESS_KEY`], and the
//! lesson in progress under [`ACTIVE_KEY`] (so that a reload keeps it open).
//!
//! `vpcplay.lessons` holds `{"done": [id…], "viewed": [id…], "missions": {id: {"fixed": n,
//! "faults": n, "hints": n}}}`: lessons solved by the learner, lessons whose solution was
//! shown, and each mission's best score.

use crate::dom;
use serde_json::Value;
use vpc_engine::lesson::MissionScore;

pub const PROGRESS_KEY: &str = "vpcplay.lessons";
pub const ACTIVE_KEY: &str = "vpcplay.lessons.active";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    pub done: Vec<String>,
    pub viewed: Vec<String>,
    pub missions: Vec<(String, MissionScore)>,
}

use crate::persist::json::quote as q;

fn score_json(s: &MissionScore) -> String {
    format!(
        "{{\"fixed\":{},\"faults\":{},\"hints\":{}}}",
        s.fixed, s.faults, s.hints_used
    )
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

fn count(v: &Value, k: &str) -> usize {
    v.get(k).and_then(Value::as_u64).unwrap_or(0) as usize
}

impl Progress {
    /// Reads the stored text; anything unreadable counts as no progress.
    pub fn parse(text: &str) -> Progress {
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            return Progress::default();
        };
        let missions = v
            .get("missions")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(id, s)| {
                        let score = MissionScore {
                            fixed: count(s, "fixed"),
                            faults: count(s, "faults"),
                            hints_used: count(s, "hints"),
                        };
                        (id.clone(), score)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Progress {
            done: strings(&v["done"]),
            viewed: strings(&v["viewed"]),
            missions,
        }
    }

    pub fn to_json(&self) -> String {
        let ids = |l: &[String]| l.iter().map(|s| q(s)).collect::<Vec<_>>().join(",");
        let missions: Vec<String> = self
            .missions
            .iter()
            .map(|(id, s)| format!("{}:{}", q(id), score_json(s)))
            .collect();
        format!(
            "{{\"done\":[{}],\"viewed\":[{}],\"missions\":{{{}}}}}",
            ids(&self.done),
            ids(&self.viewed),
            missions.join(",")
        )
    }

    pub fn load() -> Progress {
        dom::storage_get(PROGRESS_KEY)
            .map(|t| Progress::parse(&t))
            .unwrap_or_default()
    }

    pub fn save(&self) {
        dom::storage_set(PROGRESS_KEY, &self.to_json());
    }

    pub fn is_done(&self, id: &str) -> bool {
        self.done.iter().any(|d| d == id)
    }

    pub fn was_viewed(&self, id: &str) -> bool {
        self.viewed.iter().any(|d| d == id)
    }

    pub fn score(&self, id: &str) -> Option<MissionScore> {
        self.missions.iter().find(|(m, _)| m == id).map(|(_, s)| *s)
    }

    /// Marks a lesson solved (by the learner, or with the solution shown).
    pub fn record_done(&mut self, id: &str, with_solution: bool) {
        let list = if with_solution {
            &mut self.viewed
        } else {
            &mut self.done
        };
        if !list.iter().any(|d| d == id) {
            list.push(id.to_owned());
        }
    }

    /// Keeps a mission's best score: more faults fixed, then fewer hints. Returns whether
    /// it changed.
    pub fn record_score(&mut self, id: &str, score: MissionScore) -> bool {
        let better = |old: &MissionScore| {
            score.fixed > old.fixed || (score.fixed == old.fixed && score.hints_used < old.hints_used)
        };
        match self.missions.iter_mut().find(|(m, _)| m == id) {
            Some((_, old)) if better(old) => *old = score,
            Some(_) => return false,
            None if score.fixed > 0 => self.missions.push((id.to_owned(), score)),
            None => return false,
        }
        true
    }
}

/// The lesson in progress: its file text, hints revealed and whether the solution was shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub text: String,
    pub builtin: bool,
    pub hints: usize,
    pub solution_shown: bool,
    pub score_at_solution: Option<MissionScore>,
    /// The success moment has been shown (a reload does not show it again).
    pub celebrated: bool,
}

pub fn save_active(s: Option<&Saved>) {
    dom::storage_set(ACTIVE_KEY, &s.map(active_json).unwrap_or_default());
}

pub fn active_json(s: &Saved) -> String {
    format!(
        "{{\"text\":{},\"builtin\":{},\"hints\":{},\"solution_shown\":{},\"celebrated\":{},\"score_at_solution\":{}}}",
        q(&s.text),
        s.builtin,
        s.hints,
        s.solution_shown,
        s.celebrated,
        s.score_at_solution.as_ref().map_or("null".to_owned(), score_json)
    )
}

pub fn load_active() -> Option<Saved> {
    parse_active(&dom::storage_get(ACTIVE_KEY)?)
}

pub fn parse_active(text: &str) -> Option<Saved> {
    let v: Value = serde_json::from_str(text).ok()?;
    let score = v
        .get("score_at_solution")
        .filter(|s| s.is_object())
        .map(|s| MissionScore {
            fixed: count(s, "fixed"),
            faults: count(s, "faults"),
            hints_used: count(s, "hints"),
        });
    Some(Saved {
        text: v.get("text")?.as_str()?.to_owned(),
        builtin: v.get("builtin").and_then(Value::as_bool).unwrap_or(false),
        hints: count(&v, "hints"),
        solution_shown: v.get("solution_shown").and_then(Value::as_bool).unwrap_or(false),
        score_at_solution: score,
        celebrated: v.get("celebrated").and_then(Value::as_bool).unwrap_or(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_round_trips_and_keeps_the_best_mission_score() {
        let mut p = Progress::default();
        p.record_done("public-subnet-trap", false);
        p.record_done("public-subnet-trap", false);
        p.record_done("two-azs", true);
        let s = |fixed, hints_used| MissionScore {
            fixed,
            faults: 4,
            hints_used,
        };
        assert!(p.record_score("m", s(2, 1)));
        assert!(
            !p.record_score("m", s(2, 3)),
            "more hints for as many faults is not better"
        );
        assert!(p.record_score("m", s(2, 0)));
        assert!(p.record_score("m", s(4, 2)));
        let back = Progress::parse(&p.to_json());
        assert_eq!(back, p);
        assert_eq!(back.done, ["public-subnet-trap"]);
        assert!(back.was_viewed("two-azs") && !back.is_done("two-azs"));
        assert_eq!(back.score("m"), Some(s(4, 2)));
    }

    #[test]
    fn the_lesson_in_progress_round_trips() {
        let saved = Saved {
            text: "{\"a\": \"\\\"quoted\\\" 中文\"}".into(),
            builtin: true,
            hints: 2,
            solution_shown: true,
            score_at_solution: Some(MissionScore {
                fixed: 1,
                faults: 3,
                hints_used: 2,
            }),
            celebrated: true,
        };
        assert_eq!(parse_active(&active_json(&saved)), Some(saved.clone()));
        let none = Saved {
            score_at_solution: None,
            ..saved
        };
        assert_eq!(parse_active(&active_json(&none)), Some(none));
        assert_eq!(parse_active(""), None, "a closed lesson is stored as nothing");
    }

    #[test]
    fn unreadable_progress_is_no_progress() {
        assert_eq!(Progress::parse("{ nope"), Progress::default());
        assert_eq!(Progress::parse("[1]"), Progress::default());
    }
}
