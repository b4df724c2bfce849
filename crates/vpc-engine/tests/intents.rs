//! The goal language's forms for intents files: globs of function ids, every function in a
//! subnet, evidence for a broken goal, and any catalogue id for `no_finding`.
//!
//! `tests/intents/shop.json`: main-vpc with public subnets (route to main-igw), private-a and
//! private-b (route to main-nat in public-a) and isolated-a (no route out). All functions use
//! fn-sg (all outbound); orders-db (db-sg: 5432 from fn-sg) sits in private-a/b.
//! - orders-fn: private-a, private-b → the internet through main-nat;
//! - orders-worker: private-a only → the internet through main-nat, one AZ (Q2);
//! - billing-fn: isolated-a only → no way to the internet, one AZ (Q2);
//! - report-fn: private-b and isolated-a → the internet from one subnet only (partial).
//!
//! Every function reaches orders-db on 5432 (local route, db-sg allows fn-sg).

use vpc_engine::explain::{ExplanationId, Lang};
use vpc_engine::lesson::{read_intents, Goal, Problem};
use vpc_engine::model::{load, ComponentId, ComponentKind, Document};
use vpc_engine::reach::{Destination, Reach};
use vpc_engine::{analyze, Analysis};

fn shop() -> (Document, Analysis) {
    let doc = load(include_str!("intents/shop.json")).expect("the fixture loads");
    let analysis = analyze(&doc);
    (doc, analysis)
}

fn reaches(from: &str, to: Destination) -> Goal {
    Goal::Reaches {
        from: from.into(),
        to,
        port: None,
        via: None,
    }
}

fn db() -> Destination {
    Destination::Component(ComponentId::new("orders-db"))
}

fn against(goal: &Goal, doc: &Document, a: &Analysis) -> Vec<(String, Reach)> {
    goal.evaluate(doc, a)
        .against
        .iter()
        .map(|v| (v.from.key().to_owned(), v.reach))
        .collect()
}

#[test]
fn a_glob_reaches_when_every_function_it_matches_does() {
    let (doc, a) = shop();
    let g = reaches("orders-*", Destination::Internet);
    let out = g.evaluate(&doc, &a);
    assert!(out.met, "{out:?}");
    assert_eq!(out.sources, ["orders-fn", "orders-worker"]);
    let through_nat = Goal::Reaches {
        from: "orders-*".into(),
        to: Destination::Internet,
        port: None,
        via: Some(ComponentKind::NatGateway),
    };
    assert!(through_nat.is_met(&doc, &a));

    let every = reaches("*", Destination::Internet);
    assert!(!every.is_met(&doc, &a));
    assert_eq!(
        against(&every, &doc, &a),
        [
            ("billing-fn".to_owned(), Reach::Unreachable),
            ("report-fn".to_owned(), Reach::Partial)
        ]
    );
}

#[test]
fn does_not_reach_fails_on_any_function_that_gets_through_even_partly() {
    let (doc, a) = shop();
    let billing = Goal::DoesNotReach {
        from: "billing-*".into(),
        to: Destination::Internet,
        port: None,
    };
    assert!(billing.is_met(&doc, &a));
    let isolated = Goal::DoesNotReach {
        from: "subnet:isolated-a".into(),
        to: Destination::Internet,
        port: None,
    };
    let out = isolated.evaluate(&doc, &a);
    assert_eq!(out.sources, ["billing-fn", "report-fn"]);
    assert!(!out.met);
    assert_eq!(against(&isolated, &doc, &a), [("report-fn".to_owned(), Reach::Partial)]);
    assert_eq!(
        isolated.describe(&doc, Lang::En),
        "No function in isolated-a reaches the internet"
    );
}

#[test]
fn only_reaches_names_the_other_sources_that_get_through() {
    let (doc, a) = shop();
    let only_orders = Goal::OnlyReaches {
        from: "orders-*".into(),
        to: db(),
        port: Some(5432),
    };
    let out = only_orders.evaluate(&doc, &a);
    assert!(!out.met);
    let mut others: Vec<String> = out.against.iter().map(|v| v.from.key().to_owned()).collect();
    others.sort();
    assert_eq!(others, ["billing-fn", "report-fn"]);
    assert_eq!(
        only_orders.describe(&doc, Lang::En),
        "Only functions matching orders-* reach orders-db on port 5432: no other function and nothing on the internet can"
    );
    let everyone = Goal::OnlyReaches {
        from: "*".into(),
        to: db(),
        port: Some(5432),
    };
    assert!(everyone.is_met(&doc, &a));
}

#[test]
fn a_selector_that_matches_nothing_or_a_missing_target_fails_with_a_reason() {
    let (doc, a) = shop();
    let nobody = Goal::DoesNotReach {
        from: "payments-*".into(),
        to: Destination::Internet,
        port: None,
    };
    let out = nobody.evaluate(&doc, &a);
    assert!(!out.met);
    assert_eq!(out.problem, Some(Problem::NoSource));
    let missing = reaches("orders-fn", Destination::Component(ComponentId::new("no-such-db")));
    let out = missing.evaluate(&doc, &a);
    assert!(!out.met);
    assert_eq!(out.problem, Some(Problem::NoVerdict(vec!["orders-fn".into()])));
    let wrong_port = Goal::Reaches {
        from: "orders-fn".into(),
        to: db(),
        port: Some(3306),
        via: None,
    };
    assert!(!wrong_port.is_met(&doc, &a));
}

#[test]
fn no_finding_and_no_component_say_which_components() {
    let (doc, a) = shop();
    let single_az = Goal::NoFinding {
        finding: ExplanationId::Q2SingleAz,
    };
    let out = single_az.evaluate(&doc, &a);
    assert!(!out.met);
    let Some(Problem::Raised(raised)) = out.problem else {
        panic!("Q2 is raised: {out:?}")
    };
    let mut named: Vec<String> = raised.into_iter().flat_map(|(c, _)| c).collect();
    named.sort();
    named.dedup();
    assert!(
        named.contains(&"orders-worker".to_owned()) && named.contains(&"billing-fn".to_owned()),
        "{named:?}"
    );
    assert!(!named.contains(&"orders-fn".to_owned()));
    let out = Goal::NoComponent {
        kind: ComponentKind::NatGateway,
    }
    .evaluate(&doc, &a);
    assert_eq!(out.problem, Some(Problem::Components(vec!["main-nat".into()])));
    assert!(Goal::NoComponent {
        kind: ComponentKind::PeeringConnection
    }
    .is_met(&doc, &a));
}

#[test]
fn intents_read_from_a_file_check_against_the_design() {
    let (doc, a) = shop();
    let file = serde_json::json!({
        "format": "vpcplay-intents", "version": 1,
        "intents": [
            {"id": "orders-out", "type": "reaches", "from": "orders-*", "to": "internet", "via": "nat_gateway"},
            {"id": "db", "type": "reaches", "from": "subnet:private-a", "to": "orders-db", "port": 5432},
            {"id": "billing-closed", "type": "does_not_reach", "from": "billing-fn", "to": "internet"},
            {"id": "report-closed", "severity": "warning", "type": "does_not_reach", "from": "report-fn", "to": "internet"}
        ]
    });
    let intents = read_intents(&file).unwrap();
    let met: Vec<bool> = intents.iter().map(|i| i.evaluate(&doc, &a).met).collect();
    assert_eq!(met, [true, true, true, false]);
    // A target the design does not have breaks an intent, even one that says "does not reach".
    let typo = serde_json::json!({"format": "vpcplay-intents", "version": 1, "intents": [
        {"id": "typo", "type": "does_not_reach", "from": "orders-fn", "to": "orders-dbb"}
    ]});
    let typo = &read_intents(&typo).unwrap()[0];
    assert!(
        typo.goal.is_met(&doc, &a),
        "the goal alone, as a lesson reads it, has no verdict against it"
    );
    assert_eq!(
        typo.evaluate(&doc, &a).problem,
        Some(Problem::UnknownDestination("orders-dbb".into()))
    );
    assert_eq!(
        intents[0].goal.describe(&doc, Lang::En),
        "Every function matching orders-* reaches the internet through a NAT gateway"
    );
}
