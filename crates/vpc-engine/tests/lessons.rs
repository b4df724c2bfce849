//! The built-in lessons and missions (`lessons/*.json` at the repository root), the goal
//! checker and the lesson loader's messages.

use std::fs;
use std::path::{Path, PathBuf};
use vpc_engine::explain::Lang;
use vpc_engine::lesson::{check, load_lesson, Goal, Lesson, LessonKind, MissionScore};
use vpc_engine::model::{load, ComponentKind, Document};
use vpc_engine::reach::Destination;
use vpc_engine::validate::Severity;
use vpc_engine::{analyze, Analysis};

fn lessons_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons")
}

/// Every lesson file with its file stem, in the order of `lessons/index.json`.
fn built_in() -> Vec<(String, Lesson)> {
    index()
        .into_iter()
        .map(|(id, _, _)| {
            let path = lessons_dir().join(format!("{id}.json"));
            let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let lesson = load_lesson(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (id, lesson)
        })
        .collect()
}

/// `lessons/index.json`: (id, kind, English title) in order.
fn index() -> Vec<(String, String, String)> {
    let text = fs::read_to_string(lessons_dir().join("index.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "vpc-playground-lesson-index");
    assert_eq!(v["schema_version"], 1);
    v["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap().to_owned(),
                l["kind"].as_str().unwrap().to_owned(),
                l["title"]["en"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn met(goals: &[Goal], doc: &Document) -> Vec<bool> {
    check(goals, doc, &analyze(doc))
}

fn errors(doc: &Document) -> Vec<String> {
    analyze(doc)
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.render(Lang::En))
        .collect()
}

#[test]
fn the_index_lists_every_lesson_file_once_with_its_kind_and_title() {
    let mut files: Vec<String> = fs::read_dir(lessons_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|s| s != "index")
        .collect();
    files.sort();
    let mut listed: Vec<String> = index().into_iter().map(|(id, _, _)| id).collect();
    listed.sort();
    assert_eq!(listed, files);
    for ((id, kind, title), (_, lesson)) in index().into_iter().zip(built_in()) {
        assert_eq!(lesson.id, id, "the id inside {id}.json is its file name");
        assert_eq!(lesson.kind.key(), kind, "{id}");
        assert_eq!(lesson.title.en, title, "{id}");
    }
}

#[test]
fn the_twelve_lessons_of_the_article_then_the_data_store_lessons_then_three_missions() {
    let all = built_in();
    let lessons: Vec<&str> = all
        .iter()
        .filter(|(_, l)| l.kind == LessonKind::Lesson)
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(
        lessons,
        [
            "outside-vpc",
            "attach-to-vpc",
            "public-subnet-trap",
            "nat-gateway",
            "nat-in-private-subnet",
            "gateway-endpoints",
            "secrets-manager-endpoint",
            "shared-security-group",
            "no-inbound-rules",
            "two-azs",
            "ipv6-egress-only",
            "nacl-return-ports",
            "lambda-efs",
        ]
    );
    let missions = all.iter().filter(|(_, l)| l.kind == LessonKind::Mission).count();
    assert!(missions >= 3, "{missions} missions");
}

#[test]
fn every_solution_meets_every_goal_and_no_starting_design_does() {
    for (id, lesson) in built_in() {
        let solution = lesson
            .solution
            .as_ref()
            .unwrap_or_else(|| panic!("{id} has a solution"));
        let at_end = met(&lesson.goals, solution);
        for (goal, ok) in lesson.goals.iter().zip(&at_end) {
            assert!(ok, "{id}: the solution misses “{}”", goal.describe(solution, Lang::En));
        }
        let at_start = met(&lesson.goals, &lesson.document);
        assert!(
            at_start.iter().any(|ok| !ok),
            "{id}: the starting design already meets every goal"
        );
    }
}

#[test]
fn every_planted_fault_of_a_mission_is_broken_at_the_start() {
    for (id, lesson) in built_in().into_iter().filter(|(_, l)| l.kind == LessonKind::Mission) {
        assert!(lesson.goals.len() >= 3, "{id}: a mission plants several faults");
        let at_start = met(&lesson.goals, &lesson.document);
        for (goal, ok) in lesson.goals.iter().zip(&at_start) {
            assert!(
                !ok,
                "{id}: “{}” is already met at the start",
                goal.describe(&lesson.document, Lang::En)
            );
        }
    }
}

/// Each fault of a mission is independent: fixing one (taking that part of the solution)
/// confirms exactly that goal. Checked by swapping in the solution's version of each
/// component that differs, one at a time, and seeing that some goal turns met.
#[test]
fn every_mission_fault_can_be_confirmed_on_its_own() {
    for (id, lesson) in built_in().into_iter().filter(|(_, l)| l.kind == LessonKind::Mission) {
        let solution = lesson.solution.clone().unwrap();
        let start = serde_json::to_value(&lesson.document).unwrap();
        let end = serde_json::to_value(&solution).unwrap();
        let mut confirmed = vec![false; lesson.goals.len()];
        for list in [
            "vpcs",
            "subnets",
            "route_tables",
            "nat_gateways",
            "endpoints",
            "security_groups",
            "network_acls",
            "functions",
            "databases",
        ] {
            let (a, b) = (start[list].as_array().unwrap(), end[list].as_array().unwrap());
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                if x == y {
                    continue;
                }
                let mut one = start.clone();
                one[list][i] = y.clone();
                let doc: Document = serde_json::from_value(one).unwrap();
                let now = met(&lesson.goals, &doc);
                assert!(
                    now.iter().any(|m| *m),
                    "{id}: taking the solution's {list}[{i}] alone fixes no fault"
                );
                for (c, m) in confirmed.iter_mut().zip(now) {
                    *c |= m;
                }
            }
        }
        assert!(
            confirmed.iter().all(|c| *c),
            "{id}: every fault is fixed by some single change: {confirmed:?}"
        );
    }
}

#[test]
fn lesson_designs_have_no_design_errors_and_draw_every_component() {
    for (id, lesson) in built_in() {
        for (which, doc) in [
            ("document", &lesson.document),
            ("solution", lesson.solution.as_ref().unwrap()),
        ] {
            assert_eq!(errors(doc), Vec::<String>::new(), "{id} {which}");
            for (c, _) in doc.components() {
                assert!(
                    doc.layout.contains_key(c),
                    "{id} {which}: {c} has a place on the canvas"
                );
            }
        }
    }
}

#[test]
fn every_text_and_goal_sentence_exists_in_both_languages() {
    for (id, lesson) in built_in() {
        let mut texts = vec![&lesson.title, &lesson.intro];
        texts.extend(lesson.hints.iter());
        texts.extend(lesson.takeaway.iter());
        assert!(lesson.hints.len() >= 2, "{id}: hints to reveal one at a time");
        assert!(lesson.takeaway.is_some(), "{id}: a takeaway for the success moment");
        for t in texts {
            assert!(!t.en.is_empty() && !t.zh.is_empty(), "{id}");
            assert!(
                t.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{id}: {}",
                t.zh
            );
        }
        for g in &lesson.goals {
            let en = g.describe(&lesson.document, Lang::En);
            let zh = g.describe(&lesson.document, Lang::Zh);
            assert!(en.len() > 10 && !en.contains('{'), "{id}: {en}");
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{id}: {zh}");
        }
    }
}

#[test]
fn a_lesson_written_out_reads_back_equal() {
    for (id, lesson) in built_in() {
        let back = load_lesson(&lesson.to_json()).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(back, lesson, "{id}");
    }
}

// ------------------------------------------------------------------------- goal checker

const TWO_FUNCTIONS: &str = r#"{
  "vpcs": [{"id": "vpc", "cidr": "10.0.0.0/16"}],
  "subnets": [{"id": "a", "vpc": "vpc", "az": "us-east-1a", "cidr": "10.0.1.0/24"}],
  "security_groups": [
    {"id": "fn-sg", "vpc": "vpc", "outbound": [{"protocol": "all", "peer": {"cidr": "0.0.0.0/0"}}]},
    {"id": "db-sg", "vpc": "vpc", "inbound": [{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "peer": {"security_group": "fn-sg"}}]}
  ],
  "functions": [
    {"id": "orders-fn", "name": "Orders", "vpc_config": {"subnets": ["a"], "security_groups": ["fn-sg"]}},
    {"id": "billing-fn", "vpc_config": {"subnets": ["a"], "security_groups": ["fn-sg"]}},
    {"id": "outside-fn"}
  ],
  "databases": [{"id": "orders-db", "engine": "postgres", "subnet_group": ["a"], "security_groups": ["db-sg"]}]
}"#;

fn design() -> (Document, Analysis) {
    let doc = load(TWO_FUNCTIONS).unwrap();
    let a = analyze(&doc);
    (doc, a)
}

fn goal(json: &str) -> Goal {
    let text = format!(
        r#"{{"format": "vpc-playground-lesson", "schema_version": 1, "id": "t",
            "title": {{"en": "t", "zh": "题"}}, "intro": {{"en": "i", "zh": "介"}},
            "goals": [{json}], "document": {TWO_FUNCTIONS}}}"#
    );
    load_lesson(&text)
        .unwrap_or_else(|e| panic!("{json}: {e}"))
        .goals
        .remove(0)
}

#[test]
fn reaches_needs_a_reachable_verdict_on_the_given_port_and_through_the_given_kind() {
    let (doc, a) = design();
    assert!(goal(r#"{"type": "reaches", "from": "orders-fn", "to": "orders-db"}"#).is_met(&doc, &a));
    assert!(goal(r#"{"type": "reaches", "from": "orders-fn", "to": "orders-db", "port": 5432}"#).is_met(&doc, &a));
    assert!(!goal(r#"{"type": "reaches", "from": "orders-fn", "to": "orders-db", "port": 3306}"#).is_met(&doc, &a));
    // No internet in this VPC; outside any VPC there is, but not through a NAT gateway.
    assert!(!goal(r#"{"type": "reaches", "from": "orders-fn", "to": "internet"}"#).is_met(&doc, &a));
    assert!(goal(r#"{"type": "reaches", "from": "outside-fn", "to": "internet"}"#).is_met(&doc, &a));
    assert!(
        !goal(r#"{"type": "reaches", "from": "outside-fn", "to": "internet", "via": "nat_gateway"}"#).is_met(&doc, &a)
    );
}

#[test]
fn does_not_reach_needs_the_source_to_exist() {
    let (doc, a) = design();
    let g = goal(r#"{"type": "does_not_reach", "from": "outside-fn", "to": "orders-db"}"#);
    assert!(g.is_met(&doc, &a));
    assert!(!goal(r#"{"type": "does_not_reach", "from": "orders-fn", "to": "orders-db"}"#).is_met(&doc, &a));
    assert!(goal(r#"{"type": "does_not_reach", "from": "internet", "to": "orders-db"}"#).is_met(&doc, &a));
    // Deleting the function does not meet "it does not reach": the goal is about the function.
    let mut without = doc.clone();
    without.functions.retain(|f| f.id.as_str() != "outside-fn");
    assert!(!g.is_met(&without, &analyze(&without)));
}

#[test]
fn only_reaches_fails_while_another_function_also_reaches() {
    let (doc, a) = design();
    let g = goal(r#"{"type": "only_reaches", "from": "orders-fn", "to": "orders-db", "port": 5432}"#);
    assert!(!g.is_met(&doc, &a), "billing-fn shares fn-sg");
    let mut fixed = doc.clone();
    fixed.functions[1].vpc_config.as_mut().unwrap().security_groups.clear();
    assert!(g.is_met(&fixed, &analyze(&fixed)));
}

#[test]
fn no_component_and_no_finding_goals() {
    let (doc, a) = design();
    assert!(goal(r#"{"type": "no_component", "kind": "nat_gateway"}"#).is_met(&doc, &a));
    assert!(!goal(r#"{"type": "no_component", "kind": "security_group"}"#).is_met(&doc, &a));
    // Both VPC functions run in one AZ.
    assert!(!goal(r#"{"type": "no_finding", "finding": "Q2.single-az"}"#).is_met(&doc, &a));
    assert!(goal(r#"{"type": "no_finding", "finding": "G5.nat-cross-az"}"#).is_met(&doc, &a));
}

#[test]
fn goal_sentences_use_display_names_in_both_languages() {
    let (doc, _) = design();
    let cases = [
        (
            r#"{"type": "reaches", "from": "orders-fn", "to": "orders-db", "port": 5432}"#,
            "Orders reaches orders-db on port 5432",
            "Orders 能访问 orders-db（端口 5432）",
        ),
        (
            r#"{"type": "reaches", "from": "orders-fn", "to": "s3", "via": "gateway_endpoint"}"#,
            "Orders reaches Amazon S3 through a gateway endpoint",
            "Orders 能访问 Amazon S3，经由网关终端节点",
        ),
        (
            r#"{"type": "reaches", "from": "orders-fn", "to": "internet-ipv6", "via": "egress_only_gateway"}"#,
            "Orders reaches the IPv6 internet through an egress-only internet gateway",
            "Orders 能访问 IPv6 互联网，经由仅出口互联网网关",
        ),
        (
            r#"{"type": "does_not_reach", "from": "internet", "to": "orders-db"}"#,
            "Nothing on the internet reaches orders-db",
            "互联网上的任何来源都无法访问 orders-db",
        ),
        (
            r#"{"type": "only_reaches", "from": "orders-fn", "to": "orders-db", "port": 5432}"#,
            "Only Orders reaches orders-db on port 5432: no other function and nothing on the internet can",
            "只有 Orders 能访问 orders-db（端口 5432）：其他函数和互联网都不能",
        ),
        (
            r#"{"type": "no_component", "kind": "nat_gateway"}"#,
            "The design has no NAT gateway",
            "设计中没有NAT 网关",
        ),
        (
            r#"{"type": "no_finding", "finding": "Q2.single-az"}"#,
            "Every function runs in at least two Availability Zones",
            "每个函数都至少运行在两个可用区",
        ),
    ];
    for (json, en, zh) in cases {
        let g = goal(json);
        assert_eq!(g.describe(&doc, Lang::En), en);
        assert_eq!(g.describe(&doc, Lang::Zh), zh);
    }
}

#[test]
fn a_mission_scores_faults_fixed_and_hints_used() {
    let s = MissionScore::new(&[true, false, true, true], 1);
    assert_eq!((s.fixed, s.faults, s.hints_used), (3, 4, 1));
    assert_eq!(s.points(), 275);
    assert!(!s.complete());
    assert!(MissionScore::new(&[true, true], 0).complete());
    assert_eq!(MissionScore::new(&[false, true], 9).points(), 0, "never below zero");
}

// ------------------------------------------------------------------------- loader messages

fn lesson_text(goals: &str, document: &str) -> String {
    format!(
        "{{\n  \"format\": \"vpc-playground-lesson\",\n  \"schema_version\": 1,\n  \"id\": \"t\",\n  \"title\": {{\"en\": \"t\", \"zh\": \"题\"}},\n  \"intro\": {{\"en\": \"i\", \"zh\": \"介\"}},\n  \"goals\": {goals},\n  \"document\": {document}\n}}"
    )
}

fn error(text: &str) -> String {
    load_lesson(text).unwrap_err().to_string()
}

#[test]
fn the_loader_names_the_field_and_the_position_of_each_problem() {
    let ok_goal = r#"[{"type": "reaches", "from": "orders-fn", "to": "internet"}]"#;
    let doc = r#"{"functions": [{"id": "orders-fn"}]}"#;
    assert!(load_lesson(&lesson_text(ok_goal, doc)).is_ok());

    assert_eq!(
        error("{ nope"),
        "not valid JSON: key must be a string (line 1, column 3)"
    );
    assert_eq!(error("[1]"), "expected a JSON object at the top level");
    assert_eq!(
        error(r#"{"format": "vpc-playground", "document": {}}"#),
        "this is a VPC Playground design, not a lesson: open it as a design"
    );
    assert_eq!(
        error(r#"{"schema_version": 1, "document": {}}"#),
        "this looks like a VPC Playground design, not a lesson: open it as a design"
    );
    assert_eq!(
        error(&lesson_text(ok_goal, doc).replace("\"schema_version\": 1", "\"schema_version\": 2")),
        "schema_version: this lesson uses format version 2, newer than this playground reads (1); open it in a newer version (line 3, column 21)"
    );
    let many = format!(
        "[{}]",
        vec![r#"{"type": "reaches", "from": "orders-fn", "to": "internet"}"#; 101].join(",")
    );
    assert_eq!(
        error(&lesson_text(&many, doc)),
        "goals: 101 goals, more than the 100 a lesson may have; split it into several lessons (line 7, column 12)"
    );
    assert_eq!(
        error(&lesson_text(ok_goal, doc).replace("\"id\": \"t\"", "\"id\": \"My Lesson\"")),
        "id: use lowercase letters, digits and '-' only (line 4, column 9)"
    );
    assert_eq!(
        error(&lesson_text(ok_goal, doc).replace("\"zh\": \"介\"", "\"zh\": \"\"")),
        "intro.zh: needs a text in English (\"en\") and in Chinese (\"zh\") (line 6, column 12)"
    );
    assert_eq!(
        error(&lesson_text("[]", doc)),
        "goals: a lesson needs at least one goal (line 7, column 12)"
    );
    assert_eq!(
        error(&lesson_text(r#"[{"type": "reaches", "from": "ordersfn", "to": "internet"}]"#, doc)),
        "goals[0].from: \"ordersfn\" is not a function of the lesson's design (its functions: orders-fn) (line 7, column 13)"
    );
    assert!(error(&lesson_text(
        r#"[{"type": "reaches", "from": "orders-fn", "to": "the-db"}]"#,
        doc
    ))
    .starts_with(
        "goals[0].to: \"the-db\" is not a destination: use internet, internet-ipv6, a service (s3, dynamodb,"
    ));
    assert_eq!(
        error(&lesson_text(r#"[{"type": "reach", "from": "orders-fn"}]"#, doc)),
        "goals[0].type: unknown goal type \"reach\"; use reaches, does_not_reach, only_reaches, no_component or no_finding (line 7, column 13)"
    );
    assert_eq!(
        error(&lesson_text(r#"[{"type": "no_component", "kind": "nat"}]"#, doc)),
        "goals[0].kind: \"nat\" is not one of vpc, subnet, route_table, internet_gateway, egress_only_gateway, nat_gateway, peering_connection, gateway_endpoint, interface_endpoint, security_group, network_acl, function, database, instance (line 7, column 13)"
    );
    assert_eq!(
        error(&lesson_text(r#"[{"type": "reaches", "from": "orders-fn", "to": "internet", "via": "subnet"}]"#, doc)),
        "goals[0].via: \"subnet\" is not one of internet_gateway, egress_only_gateway, nat_gateway, peering_connection, gateway_endpoint, interface_endpoint (line 7, column 13)"
    );
    assert_eq!(
        error(&lesson_text(
            r#"[{"type": "reaches", "from": "orders-fn", "to": "internet", "port": 0}]"#,
            doc
        )),
        "goals[0].port: must be a port number from 1 to 65535 (line 7, column 13)"
    );
    assert_eq!(
        error(&lesson_text(ok_goal, doc).replace("\"goals\"", "\"goal\"")),
        "goal: unknown field (did you mean goals?); a lesson has format, schema_version, id, kind, title, intro, goals, hints, takeaway, document, solution (line 7, column 11)"
    );
}

#[test]
fn problems_inside_the_designs_are_reported_by_the_design_loader_at_their_place_in_the_lesson_file() {
    let ok_goal = r#"[{"type": "reaches", "from": "orders-fn", "to": "internet"}]"#;
    // A member the design format does not have, at any depth, refuses the lesson with its
    // path and the name meant; the position is the design's (it starts on line 8).
    let doc = "{\n    \"functions\": [{\"id\": \"orders-fn\", \"vpc_config\": {\"subnet\": []}}]\n  }";
    let e = load_lesson(&lesson_text(ok_goal, doc)).unwrap_err();
    assert_eq!(e.path, "document.functions[0].vpc_config.subnet");
    assert_eq!(
        e.message,
        "unknown field (did you mean subnets?); the fields read there are subnets, security_groups, ipv6_allowed_for_dual_stack"
    );
    assert_eq!((e.line, e.column), (Some(8), Some(15)));
    // A syntax or shape error inside a design keeps the design loader's position.
    let doc = "{\n    \"functions\": [{\"id\": \"orders-fn\"}], \"vpcs\": {}\n  }";
    let e = load_lesson(&lesson_text(ok_goal, doc)).unwrap_err();
    assert_eq!(e.path, "document");
    assert!(
        e.message.starts_with("not a VPC Playground design: invalid type: map"),
        "{}",
        e.message
    );
    assert_eq!(e.line, Some(9));
    let newer = r#"{"format": "vpc-playground", "schema_version": 9, "document": {}}"#;
    assert_eq!(
        error(&lesson_text(ok_goal, newer)),
        "document: this design uses format version 9, newer than this playground reads (1); open it in a newer version (line 8, column 15)"
    );
    let text =
        lesson_text(ok_goal, doc).replace("\n}", ",\n  \"solution\": {\"format\": \"other\", \"document\": {}}\n}");
    assert!(error(&text).starts_with("document: "), "the document is read first");
}

#[test]
fn goal_destinations_are_read_as_the_cli_names_them() {
    let (doc, _) = design();
    let g = goal(r#"{"type": "reaches", "from": "orders-fn", "to": "secretsmanager"}"#);
    assert_eq!(g.verdict_key().unwrap().1.key(), "secretsmanager");
    let g = goal(r#"{"type": "reaches", "from": "orders-fn", "to": "orders-db"}"#);
    assert!(matches!(g.verdict_key().unwrap().1, Destination::Component(_)));
    assert_eq!(
        g.to_json(),
        r#"{"type": "reaches", "from": "orders-fn", "to": "orders-db"}"#
    );
    let _ = (doc, ComponentKind::Vpc);
}
