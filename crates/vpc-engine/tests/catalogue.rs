//! The explanation catalogue is complete, bilingual, linked and consistent.
//!
//! Every `ExplanationId` has exactly one entry, in enum order; both languages are written
//! and use the same `{placeholders}`, all from the shared argument vocabulary; links go to
//! AWS; analyzer codes are real Reachability Analyzer codes; a fully argued message renders
//! without a leftover brace.

use std::collections::BTreeSet;
use vpc_engine::explain::{render, Entry, ExplanationId, Lang, Message, CATALOGUE};

/// The argument vocabulary: the engine's own list, the one source of truth.
const VOCABULARY: &[&str] = &vpc_engine::explain::ARG_NAMES;

/// The codes of the "Path is not reachable" and "Configuration" lists on
/// https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html. An entry's
/// analyzer code must be one of them, so the learner meets the same word in the real tool.
const ANALYZER_CODES: &[&str] = &[
    "BAD_STATE",
    "BAD_STATE_ATTACHMENT",
    "BAD_STATE_ROUTE",
    "BAD_STATE_VPN",
    "CANNOT_ROUTE",
    "ELB_ACL_RESTRICTION",
    "ELB_INSTALLED_AZ_RESTRICTION",
    "ELB_LISTENER_PORT_RESTRICTION",
    "ELB_LISTENERS_MISMATCH",
    "ELB_NOT_CROSSZONE",
    "ELBV2_LISTENER_HAS_NO_TG",
    "ELBV2_LISTENER_PORT_RESTRICTION",
    "ELBV2_LISTENER_REQUIRES_TG_ACCEPT",
    "ELBV2_LISTENERS_MISMATCH",
    "ELBV2_NO_TARGETS_IN_AZ",
    "ELBV2_SOURCE_ADDRESS_PRESERVATION",
    "ENI_ADDRESS_RESTRICTION",
    "ENI_SG_RULES_MISMATCH",
    "ENI_SOURCE_DEST_CHECK_RESTRICTION",
    "FIREWALL_RULES_RESTRICTION",
    "GATEWAY_REJECTS_SPOOFED_TRAFFIC",
    "GWLB_DESTINATION_PORT_RESTRICTION",
    "GWLB_PROTOCOL_RESTRICTION",
    "HIGHER_PRIORITY_ROUTE",
    "IGW_DESTINATION_ADDRESS_IN_VPC_CIDRS",
    "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS",
    "IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS",
    "IGW_NAT_REFLECTION",
    "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",
    "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",
    "IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS",
    "IGW_SOURCE_ADDRESS_NOT_IN_RFC6598_INGRESS",
    "INGRESS_RTB_NO_PUBLIC_IP",
    "INGRESS_RTB_TRAFFIC_REDIRECTION",
    "MORE_SPECIFIC_ROUTE",
    "NGW_DEST_ADDRESS_PRESERVATION",
    "NGW_REQUIRES_SOURCE_IN_VPC",
    "NGW_SOURCE_ADDRESS_REASSIGN",
    "NO_POSSIBLE_DESTINATION",
    "NO_ROUTE_TO_DESTINATION",
    "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR",
    "PROTOCOL_RESTRICTION",
    "REGIONAL_NGW_ROUTE_AZ_RESTRICTION",
    "REMAP_EPHEMERAL_PORT",
    "SG_HAS_NO_RULES",
    "SG_REFERENCES_NOT_PRESERVED",
    "SG_REFERENCING_SUPPORT",
    "SUBNET_ACL_RESTRICTION",
    "TARGET_ADDRESS_RESTRICTION",
    "TARGET_PORT_RESTRICTION",
    "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION",
    "TGW_ATTACH_VPC_AZ_RESTRICTION",
    "TGW_BAD_STATE_VPN",
    "TGW_ROUTE_AZ_RESTRICTION",
    "TGW_RTB_BAD_STATE_ROUTE",
    "TGW_RTB_CANNOT_ROUTE",
    "TGW_RTB_HIGHER_PRIORITY_ROUTE",
    "TGW_RTB_MORE_SPECIFIC_ROUTE",
    "TGW_RTB_NO_ROUTE_TO_TGW_ATTACHMENT",
    "TGW_RTB_ROUTES_ARE_UNKNOWN",
    "UNKNOWN_DESTINATION",
    "UNKNOWN_PEERED_SGS",
    "UNKNOWN_RESOURCE",
    "VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS",
    "VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",
    "VPC_BLOCK_PUBLIC_ACCESS_ENABLED",
    "VPC_LOCAL_ROUTE_CIDR_RESTRICTION",
    "VPCE_GATEWAY_EGRESS_SOURCE_ADDRESS_RESTRICTION",
    "VPCE_GATEWAY_PROTOCOL_RESTRICTION",
    "VPCE_INTRA_VPC_TRAFFIC",
    "VPCE_SERVICE_NOT_INSTALLED_IN_AZ",
    "DISCONNECTED_VPCS",
    "NO_PATH",
    "NO_SOURCE_OR_DESTINATION",
    "UNASSOCIATED_COMPONENT",
    "UNSUPPORTED_COMPONENT",
];

/// The `{name}` placeholders of a text, or a description of the first malformed brace.
fn placeholders(text: &str) -> Result<BTreeSet<&str>, String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("stray '}}' in {text:?}"));
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| format!("unclosed '{{' in {text:?}"))?;
        let name = &after[..close];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!("bad placeholder {{{name}}} in {text:?}"));
        }
        names.insert(name);
        rest = &after[close + 1..];
    }
    Ok(names)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Length of a Chinese title as a reader sees it: each CJK character, and each run of
/// Latin letters or digits (an embedded product name such as `NAT` or `IPv6`), counts one.
fn title_zh_length(title: &str) -> usize {
    let cjk = title.chars().filter(|&c| is_cjk(c)).count();
    let words = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    cjk + words
}

fn entries_by_id(id: ExplanationId) -> Vec<&'static Entry> {
    CATALOGUE.iter().filter(|e| e.id == id).collect()
}

#[test]
fn every_id_has_exactly_one_entry_in_enum_order() {
    for &id in ExplanationId::ALL {
        let found = entries_by_id(id).len();
        assert_eq!(found, 1, "{id} has {found} catalogue entries");
    }
    let order: Vec<ExplanationId> = CATALOGUE.iter().map(|e| e.id).collect();
    assert_eq!(order, ExplanationId::ALL, "catalogue entries are not in enum order");
}

#[test]
fn rule_matches_the_code_prefix() {
    for e in CATALOGUE {
        let prefix = e.id.code().split('.').next().unwrap();
        let expected = match prefix {
            "V" => "V",
            p if p.starts_with('C') && p[1..].chars().all(|c| c.is_ascii_digit()) => "C",
            p => p,
        };
        assert_eq!(e.rule, expected, "{}: rule {:?}", e.id, e.rule);
    }
}

#[test]
fn every_text_is_written_and_tidy() {
    for e in CATALOGUE {
        for (what, text) in [
            ("title_en", e.title_en),
            ("title_zh", e.title_zh),
            ("en", e.en),
            ("zh", e.zh),
        ] {
            assert!(!text.trim().is_empty(), "{}: empty {what}", e.id);
            assert_eq!(text, text.trim(), "{}: {what} has surrounding whitespace", e.id);
            assert!(!text.contains("  "), "{}: {what} has a double space: {text:?}", e.id);
            assert!(!text.contains('\n'), "{}: {what} has a line break", e.id);
        }
        assert!(!e.title_en.contains(['{', '.']), "{}: title_en {:?}", e.id, e.title_en);
        assert!(!e.title_zh.contains(['{', '。']), "{}: title_zh {:?}", e.id, e.title_zh);
        let words = e.title_en.split_whitespace().count();
        assert!(words <= 7, "{}: title_en has {words} words", e.id);
        let units = title_zh_length(e.title_zh);
        assert!(units <= 14, "{}: title_zh is {units} characters and words long", e.id);
        assert!(e.en.ends_with('.'), "{}: en does not end a sentence", e.id);
        assert!(e.zh.ends_with('。'), "{}: zh does not end a sentence", e.id);
    }
}

#[test]
fn chinese_texts_are_chinese_and_english_texts_are_not() {
    for e in CATALOGUE {
        assert!(e.title_zh.chars().any(is_cjk), "{}: title_zh has no CJK", e.id);
        assert!(e.zh.chars().any(is_cjk), "{}: zh has no CJK", e.id);
        assert!(!e.title_en.chars().any(is_cjk), "{}: title_en has CJK", e.id);
        assert!(!e.en.chars().any(is_cjk), "{}: en has CJK", e.id);
        // One to three sentences in Chinese, counted by full stops.
        let sentences = e.zh.matches('。').count();
        assert!((1..=3).contains(&sentences), "{}: zh has {sentences} sentences", e.id);
    }
}

#[test]
fn links_go_to_aws_documentation() {
    for e in CATALOGUE {
        let rest = e.url.strip_prefix("https://").unwrap_or_else(|| {
            panic!("{}: url {:?} is not https", e.id, e.url);
        });
        let host = rest.split(['/', '#']).next().unwrap();
        assert!(
            host == "docs.aws.amazon.com" || host == "aws.amazon.com",
            "{}: url host {host:?}",
            e.id
        );
        assert!(rest.contains('/'), "{}: url {:?} has no path", e.id, e.url);
        assert!(!e.url.contains(char::is_whitespace), "{}: url has whitespace", e.id);
        assert!(e.url.matches('#').count() <= 1, "{}: url has two fragments", e.id);
        assert!(!e.url.ends_with('#'), "{}: url has an empty fragment", e.id);
    }
    // Cost entries rest on the pricing page.
    for e in CATALOGUE.iter().filter(|e| e.rule == "C") {
        assert_eq!(e.url, "https://aws.amazon.com/vpc/pricing/", "{}", e.id);
    }
}

#[test]
fn both_languages_use_the_same_placeholders_from_the_vocabulary() {
    for e in CATALOGUE {
        let en = placeholders(e.en).unwrap_or_else(|err| panic!("{}: {err}", e.id));
        let zh = placeholders(e.zh).unwrap_or_else(|err| panic!("{}: {err}", e.id));
        assert_eq!(en, zh, "{}: en and zh placeholders differ", e.id);
        for name in &en {
            assert!(
                VOCABULARY.contains(name),
                "{}: {{{name}}} is not in the vocabulary",
                e.id
            );
        }
    }
}

#[test]
fn analyzer_codes_are_real_reachability_analyzer_codes() {
    for e in CATALOGUE {
        let Some(code) = e.analyzer_code else {
            continue;
        };
        assert!(
            !code.is_empty()
                && code
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                && !code.starts_with('_')
                && !code.ends_with('_'),
            "{}: analyzer code {code:?} is not UPPER_SNAKE",
            e.id
        );
        assert!(
            ANALYZER_CODES.contains(&code),
            "{}: {code} is not on the AWS list",
            e.id
        );
    }
    // Validation, cost and allowed-hop entries have no analyzer cause; blocking ones often do.
    for e in CATALOGUE.iter().filter(|e| e.rule == "V" || e.rule == "C") {
        assert_eq!(e.analyzer_code, None, "{}", e.id);
    }
    let with_code = CATALOGUE.iter().filter(|e| e.analyzer_code.is_some()).count();
    assert!(with_code >= 10, "only {with_code} entries carry an analyzer code");
}

#[test]
fn a_fully_argued_message_renders_without_braces() {
    for e in CATALOGUE {
        let names = placeholders(e.en).unwrap();
        let msg = names
            .iter()
            .fold(Message::new(e.id), |m, name| m.arg(name, format!("<{name}>")));
        for lang in [Lang::En, Lang::Zh] {
            let text = render(&msg, lang);
            assert!(!text.contains(['{', '}']), "{} ({}): {text}", e.id, lang.code());
            for name in &names {
                assert!(text.contains(&format!("<{name}>")), "{}: {name} not substituted", e.id);
            }
        }
    }
}

#[test]
fn a_missing_argument_is_worded_in_the_sentence_and_named_for_tests() {
    let msg = Message::new(ExplanationId::L6PublicSubnet).arg("function", "orders-fn");
    let en = msg.render(Lang::En);
    assert!(
        en.starts_with("orders-fn sits in the subnet, whose route table"),
        "{en}"
    );
    let zh = msg.render(Lang::Zh);
    assert!(zh.starts_with("orders-fn 位于 该子网"), "{zh}");
    assert_eq!(msg.missing_args(), ["subnet", "igw"]);
    // A value the user left empty is worded the same way, but is not an engine mistake.
    let empty = msg.clone().arg("subnet", "").arg("igw", " ");
    assert_eq!(empty.render(Lang::En), en);
    assert!(empty.missing_args().is_empty());
}

#[test]
fn the_public_subnet_trap_reads_as_intended() {
    let msg = Message::new(ExplanationId::L6PublicSubnet)
        .arg("function", "orders-fn")
        .arg("subnet", "public-a")
        .arg("igw", "main-igw");
    assert_eq!(msg.entry().analyzer_code, Some("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"));
    let en = msg.render(Lang::En);
    assert!(
        en.starts_with("orders-fn sits in public-a, whose route table sends"),
        "{en}"
    );
    assert!(en.contains("main-igw") && en.contains("NAT gateway"), "{en}");
    let zh = msg.render(Lang::Zh);
    assert!(
        zh.contains("public-a") && zh.contains("main-igw") && zh.contains("NAT 网关"),
        "{zh}"
    );
}

#[test]
fn every_argument_of_the_vocabulary_has_a_wording_for_when_it_is_missing() {
    use vpc_engine::explain::MISSING_ARGS;
    let names: Vec<&str> = MISSING_ARGS.iter().map(|(n, _, _)| *n).collect();
    assert_eq!(names, VOCABULARY, "MISSING_ARGS must follow ARG_NAMES, one each");
    for (name, en, zh) in MISSING_ARGS {
        assert!(!en.trim().is_empty() && !en.chars().any(is_cjk), "{name}: en {en:?}");
        assert!(zh.chars().any(is_cjk), "{name}: zh {zh:?}");
        assert!(!en.contains(['{', '}']) && !zh.contains(['{', '}']), "{name}");
    }
}

/// Every entry, in both languages, with no argument at all and with every argument of the
/// vocabulary given as empty (or blank) text: the sentence is whole, with no `{` or `}` left
/// and no doubled space where a value was left out.
#[test]
fn every_entry_renders_whole_with_every_argument_missing_or_empty() {
    let empty = |value: &str| {
        let mut m = Message::new(ExplanationId::L2Internet);
        for name in VOCABULARY {
            m = m.arg(name, value);
        }
        m.args
    };
    type Args = Vec<(&'static str, std::sync::Arc<str>)>;
    let cases: [(&str, Args); 3] = [("missing", Vec::new()), ("empty", empty("")), ("blank", empty("  "))];
    let mut failures = Vec::new();
    for e in CATALOGUE {
        for (case, args) in &cases {
            for lang in [Lang::En, Lang::Zh] {
                let msg = Message {
                    id: e.id,
                    args: args.clone(),
                };
                let text = render(&msg, lang);
                if text.contains(['{', '}']) || text.contains("  ") || text.trim().is_empty() {
                    failures.push(format!("{} ({case}, {lang:?}): {text}", e.id));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
