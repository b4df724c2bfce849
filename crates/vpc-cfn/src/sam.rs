//! The resources the SAM transform generates (rule I3), so that `Ref`, `GetAtt`, `Fn::Sub`
//! and `DependsOn` naming them resolve as they do after the transform.
//!
//! Names follow the SAM developer guide, "Generated CloudFormation resources"
//! (<https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources.html>):
//! `<Function>Role` when no `Role` is given, `<Function>Alias<alias>` and
//! `<Function>Version<sha>` for `AutoPublishAlias` (referenced as `<Function>.Alias` and
//! `<Function>.Version` too), `ServerlessRestApi`, `ServerlessRestApiDeployment<sha>` and
//! `ServerlessRestApiProdStage` for implicit `Api` events, `ServerlessHttpApi` and
//! `ServerlessHttpApiApiGatewayDefaultStage` for implicit `HttpApi` events, and one or two
//! resources per event source named after the function and the event. None is part of the
//! network model.

use crate::tree::{Kind, Node, Pos};
use std::collections::HashSet;

/// A resource the transform adds.
#[derive(Clone, Debug, PartialEq)]
pub struct Generated {
    pub id: String,
    pub ty: &'static str,
    /// The SAM resource it comes from.
    pub by: String,
}

/// Event types whose event is one resource named `<Function><Event>`, and whether a
/// `<Function><Event>Permission` comes with it.
fn event_resources(ty: &str) -> &'static [(&'static str, &'static str)] {
    match ty {
        "SQS" | "Kinesis" | "DynamoDB" | "MSK" | "MQ" | "DocumentDB" | "SelfManagedKafka" => {
            &[("", "AWS::Lambda::EventSourceMapping")]
        }
        "SNS" => &[
            ("", "AWS::SNS::Subscription"),
            ("Permission", "AWS::Lambda::Permission"),
        ],
        "Schedule" | "CloudWatchEvent" | "EventBridgeRule" => {
            &[("", "AWS::Events::Rule"), ("Permission", "AWS::Lambda::Permission")]
        }
        "ScheduleV2" => &[("", "AWS::Scheduler::Schedule"), ("Role", "AWS::IAM::Role")],
        "CloudWatchLogs" => &[
            ("", "AWS::Logs::SubscriptionFilter"),
            ("Permission", "AWS::Lambda::Permission"),
        ],
        "IoTRule" => &[("", "AWS::IoT::TopicRule"), ("Permission", "AWS::Lambda::Permission")],
        "S3" | "Cognito" | "AlexaSkill" => &[("Permission", "AWS::Lambda::Permission")],
        "HttpApi" => &[("Permission", "AWS::Lambda::Permission")],
        _ => &[],
    }
}

/// Prefixes of generated ids that end in a hash SAM computes at deploy time.
pub fn hashed_prefixes(generated: &[Generated]) -> Vec<(String, &'static str, String)> {
    let mut out = Vec::new();
    for g in generated {
        match g.ty {
            "AWS::ApiGateway::RestApi" => out.push((
                format!("{}Deployment", g.id),
                "AWS::ApiGateway::Deployment",
                g.by.clone(),
            )),
            "AWS::Lambda::Alias" => {
                out.push((format!("{}Version", g.by), "AWS::Lambda::Version", g.by.clone()));
            }
            _ => {}
        }
    }
    out
}

/// Every resource the transform would add for this template (fixed names only; hashed names
/// are matched by [`hashed_prefixes`] when referenced).
pub fn generated(resources: &[(String, Node)]) -> Vec<Generated> {
    let ids: HashSet<&str> = resources.iter().map(|(k, _)| k.as_str()).collect();
    let mut made: HashSet<String> = HashSet::new();
    let mut out: Vec<Generated> = Vec::new();
    let mut push = |out: &mut Vec<Generated>, id: String, ty: &'static str, by: &str| {
        if !ids.contains(id.as_str()) && made.insert(id.clone()) {
            out.push(Generated {
                id,
                ty,
                by: by.to_owned(),
            });
        }
    };
    for (id, r) in resources {
        let ty = r.get("Type").and_then(Node::as_str).unwrap_or_default();
        let props = r.get("Properties");
        let prop = |k: &str| props.and_then(|p| p.get(k));
        match ty {
            "AWS::Serverless::Function" | "AWS::Serverless::StateMachine" => {
                if prop("Role").is_none() {
                    push(&mut out, format!("{id}Role"), "AWS::IAM::Role", id);
                }
                if let Some(alias) = prop("AutoPublishAlias").and_then(Node::as_str) {
                    push(&mut out, format!("{id}Alias{alias}"), "AWS::Lambda::Alias", id);
                    push(&mut out, format!("{id}.Alias"), "AWS::Lambda::Alias", id);
                    push(&mut out, format!("{id}.Version"), "AWS::Lambda::Version", id);
                }
                if prop("FunctionUrlConfig").is_some() {
                    push(&mut out, format!("{id}Url"), "AWS::Lambda::Url", id);
                    push(
                        &mut out,
                        format!("{id}UrlPublicPermissions"),
                        "AWS::Lambda::Permission",
                        id,
                    );
                }
                if prop("DeploymentPreference").is_some() {
                    push(
                        &mut out,
                        "ServerlessDeploymentApplication".into(),
                        "AWS::CodeDeploy::Application",
                        id,
                    );
                    push(
                        &mut out,
                        format!("{id}DeploymentGroup"),
                        "AWS::CodeDeploy::DeploymentGroup",
                        id,
                    );
                    push(&mut out, "CodeDeployServiceRole".into(), "AWS::IAM::Role", id);
                }
                let events = prop("Events").and_then(Node::as_map).unwrap_or(&[]);
                for (event, e) in events {
                    let ety = e.get("Type").and_then(Node::as_str).unwrap_or_default();
                    let eprops = e.get("Properties");
                    for (suffix, rty) in event_resources(ety) {
                        push(&mut out, format!("{id}{event}{suffix}"), rty, id);
                    }
                    if ety == "Api" {
                        // `Permission<stage>`: Prod for the implicit API, else the explicit
                        // API's stage name (letters and digits), or `Stage` when it is computed.
                        let api = eprops
                            .and_then(|p| p.get("RestApiId"))
                            .and_then(Node::intrinsic)
                            .filter(|(f, _)| *f == "Ref")
                            .and_then(|(_, a)| a.as_str());
                        let stage = match eprops.and_then(|p| p.get("RestApiId")) {
                            None => "Prod".to_owned(),
                            Some(_) => api
                                .and_then(|a| resources.iter().find(|(k, _)| k == a))
                                .and_then(|(_, r)| r.get("Properties"))
                                .and_then(|p| p.get("StageName"))
                                .and_then(Node::as_str)
                                .map(|s| s.chars().filter(char::is_ascii_alphanumeric).collect())
                                .unwrap_or_else(|| "Stage".to_owned()),
                        };
                        push(
                            &mut out,
                            format!("{id}{event}Permission{stage}"),
                            "AWS::Lambda::Permission",
                            id,
                        );
                    }
                    match ety {
                        "Api" if eprops.and_then(|p| p.get("RestApiId")).is_none() => {
                            push(&mut out, "ServerlessRestApi".into(), "AWS::ApiGateway::RestApi", id);
                            push(
                                &mut out,
                                "ServerlessRestApiProdStage".into(),
                                "AWS::ApiGateway::Stage",
                                id,
                            );
                        }
                        "HttpApi" if eprops.and_then(|p| p.get("ApiId")).is_none() => {
                            push(&mut out, "ServerlessHttpApi".into(), "AWS::ApiGatewayV2::Api", id);
                            push(
                                &mut out,
                                "ServerlessHttpApiApiGatewayDefaultStage".into(),
                                "AWS::ApiGatewayV2::Stage",
                                id,
                            );
                        }
                        _ => {}
                    }
                }
            }
            "AWS::Serverless::Api" => {
                let stage = prop("StageName").and_then(Node::as_str).unwrap_or("Prod");
                push(&mut out, format!("{id}{stage}Stage"), "AWS::ApiGateway::Stage", id);
            }
            "AWS::Serverless::HttpApi" => match prop("StageName").and_then(Node::as_str) {
                Some(stage) => push(&mut out, format!("{id}{stage}Stage"), "AWS::ApiGatewayV2::Stage", id),
                None => push(
                    &mut out,
                    format!("{id}ApiGatewayDefaultStage"),
                    "AWS::ApiGatewayV2::Stage",
                    id,
                ),
            },
            _ => {}
        }
    }
    out
}

/// The referenced names that are hashed generated ids (`ServerlessRestApiDeployment1a2b3c4d5e`,
/// `OrdersFunctionVersion926eeb5ff1`).
pub fn hashed_references(names: &[String], generated: &[Generated], resources: &[(String, Node)]) -> Vec<Generated> {
    let mut prefixes = hashed_prefixes(generated);
    prefixes.push((
        "ServerlessRestApiDeployment".into(),
        "AWS::ApiGateway::Deployment",
        "ServerlessRestApi".into(),
    ));
    for (id, r) in resources {
        if r.get("Type").and_then(Node::as_str) == Some("AWS::Serverless::Api") {
            prefixes.push((format!("{id}Deployment"), "AWS::ApiGateway::Deployment", id.clone()));
        }
    }
    let mut known: HashSet<&str> = resources.iter().map(|(k, _)| k.as_str()).collect();
    known.extend(generated.iter().map(|g| g.id.as_str()));
    let mut made: HashSet<&str> = HashSet::new();
    let mut out: Vec<Generated> = Vec::new();
    for n in names {
        if known.contains(n.as_str()) || !made.insert(n.as_str()) {
            continue;
        }
        if let Some((_, ty, by)) = prefixes.iter().find(|(p, _, _)| {
            n.strip_prefix(p.as_str())
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric()))
        }) {
            out.push(Generated {
                id: n.clone(),
                ty,
                by: by.clone(),
            });
        }
    }
    out
}

/// A stand-in resource node for a generated resource: its type, no properties.
pub fn node(g: &Generated) -> Node {
    Node::new(
        Pos::default(),
        Kind::Map(vec![(
            "Type".into(),
            Node::new(Pos::default(), Kind::Str(g.ty.to_owned())),
        )]),
    )
}
