//! Resource types that stand for an AWS service API a function calls: a template that
//! creates a queue, a topic or a stream has functions that call that service, so each such
//! service gets a verdict per function (besides the core eight every design is asked about).
//! So does every service a function's permissions or tracing say its code calls.

use crate::tree::{Kind, Node};
use vpc_engine::model::AwsService;

/// Resource type → endpoint service key (the service table's `key`).
const BY_TYPE: &[(&str, &str)] = &[
    ("AWS::S3::Bucket", "s3"),
    ("AWS::DynamoDB::Table", "dynamodb"),
    ("AWS::DynamoDB::GlobalTable", "dynamodb"),
    ("AWS::Serverless::SimpleTable", "dynamodb"),
    ("AWS::SQS::Queue", "sqs"),
    ("AWS::SecretsManager::Secret", "secretsmanager"),
    ("AWS::SNS::Topic", "sns"),
    ("AWS::Kinesis::Stream", "kinesis-streams"),
    ("AWS::KinesisFirehose::DeliveryStream", "kinesis-firehose"),
    ("AWS::StepFunctions::StateMachine", "states"),
    ("AWS::Serverless::StateMachine", "states"),
    ("AWS::Events::EventBus", "events"),
    ("AWS::KMS::Key", "kms"),
    ("AWS::Logs::LogGroup", "logs"),
    ("AWS::SSM::Parameter", "ssm"),
    ("AWS::ECR::Repository", "ecr.api"),
    ("AWS::AppConfig::Application", "appconfig"),
    ("AWS::Scheduler::Schedule", "scheduler"),
    ("AWS::Athena::WorkGroup", "athena"),
    ("AWS::Glue::Database", "glue"),
];

/// The service a resource type stands for.
pub(super) fn service_of(ty: &str) -> Option<AwsService> {
    let (_, key) = BY_TYPE.iter().find(|(t, _)| *t == ty)?;
    AwsService::from_key(key)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_key_is_in_the_service_table() {
        for (ty, key) in super::BY_TYPE {
            assert!(vpc_engine::model::AwsService::from_key(key).is_some(), "{ty} → {key}");
        }
    }
}

/// IAM action prefixes whose endpoint service key differs from the prefix.
const BY_ACTION: &[(&str, &str)] = &[
    ("cloudwatch", "monitoring"),
    ("kinesis", "kinesis-streams"),
    ("firehose", "kinesis-firehose"),
    ("es", "es"),
    ("aoss", "aoss"),
    ("execute-api", "execute-api"),
    ("bedrock", "bedrock-runtime"),
    ("sagemaker", "sagemaker.runtime"),
    ("ecr", "ecr.api"),
];

/// Actions Lambda itself uses to attach a function to a VPC (AWSLambdaVPCAccessExecutionRole):
/// they say nothing about what the function's code calls.
const ENI_ACTIONS: &[&str] = &[
    "ec2:createnetworkinterface",
    "ec2:describenetworkinterfaces",
    "ec2:deletenetworkinterface",
    "ec2:assignprivateipaddresses",
    "ec2:unassignprivateipaddresses",
    "ec2:describesubnets",
    "ec2:describesecuritygroups",
    "ec2:describevpcs",
];

/// SAM policy templates and AWS managed policies that grant a function one service's API.
const BY_POLICY: &[(&str, &str)] = &[
    ("AWSXrayWriteOnlyAccess", "xray"),
    ("AWSXRayDaemonWriteAccess", "xray"),
    ("AWSLambda_ReadOnlyAccess", "lambda"),
    ("AWSLambdaRole", "lambda"),
    ("LambdaInvokePolicy", "lambda"),
    ("SNSPublishMessagePolicy", "sns"),
    ("SNSCrudPolicy", "sns"),
    ("StepFunctionsExecutionPolicy", "states"),
    ("EventBridgePutEventsPolicy", "events"),
    ("KinesisCrudPolicy", "kinesis-streams"),
    ("KinesisStreamReadPolicy", "kinesis-streams"),
    ("FirehoseWritePolicy", "kinesis-firehose"),
    ("CloudWatchPutMetricPolicy", "monitoring"),
    ("AthenaQueryPolicy", "athena"),
    ("RekognitionDetectOnlyPolicy", "rekognition"),
    ("ComprehendBasicAccessPolicy", "comprehend"),
    ("TextractPolicy", "textract"),
    ("SESCrudPolicy", "email"),
    ("SESSendBouncePolicy", "email"),
];

/// The service an IAM action (`sns:Publish`, `cloudwatch:PutMetricData`) calls, unless it is
/// a wildcard or one of the actions Lambda uses for the function's network interfaces.
fn service_of_action(action: &str) -> Option<AwsService> {
    let lower = action.to_ascii_lowercase();
    if ENI_ACTIONS.contains(&lower.as_str()) {
        return None;
    }
    let (prefix, rest) = lower.split_once(':')?;
    if prefix.is_empty() || rest.is_empty() {
        return None;
    }
    let key = BY_ACTION.iter().find(|(p, _)| *p == prefix).map_or(prefix, |(_, k)| k);
    AwsService::from_key(key)
}

/// The services a function's permissions and tracing say its code calls: the actions of its
/// SAM `Policies` statements, the SAM policy templates and managed policies it names, the
/// inline policies of the role it is given (`role`, the role resource), the policy resources
/// either names (`AWS::IAM::ManagedPolicy` by `Ref`, found through `resource`), and X-Ray when
/// tracing is active.
pub(super) fn called_services<'n>(
    function: &'n Node,
    role: Option<&'n Node>,
    resource: &dyn Fn(&str) -> Option<&'n Node>,
) -> Vec<AwsService> {
    let mut out: Vec<AwsService> = Vec::new();
    let mut add = |s: Option<AwsService>| {
        if let Some(s) = s.filter(|s| !out.contains(s)) {
            out.push(s);
        }
    };
    let props = function.get("Properties");
    let tracing = props.and_then(|p| p.get("Tracing")).and_then(Node::as_str) == Some("Active")
        || props
            .and_then(|p| p.get("TracingConfig"))
            .and_then(|t| t.get("Mode"))
            .and_then(Node::as_str)
            == Some("Active");
    if tracing {
        add(AwsService::from_key("xray"));
    }
    let mut policy_names = Vec::new();
    let mut documents: Vec<&Node> = Vec::new();
    // A `Ref` to a policy resource of the template: its document.
    let referenced = |n: &'n Node| -> Option<&'n Node> {
        let (f, arg) = n.intrinsic()?;
        (f == "Ref").then_some(())?;
        resource(arg.as_str()?)?.get("Properties")?.get("PolicyDocument")
    };
    if let Some(policies) = props.and_then(|p| p.get("Policies")) {
        for item in items(policies) {
            if let Some(doc) = referenced(item) {
                documents.push(doc);
                continue;
            }
            match &item.kind {
                Kind::Str(name) => policy_names.push(name.as_str()),
                Kind::Map(entries) => {
                    for (k, v) in entries {
                        if k == "Statement" {
                            documents.push(item);
                        } else {
                            policy_names.push(k.as_str());
                            let _ = v;
                        }
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(role) = role.and_then(|r| r.get("Properties")) {
        if let Some(policies) = role.get("Policies") {
            for p in items(policies) {
                if let Some(doc) = p.get("PolicyDocument") {
                    documents.push(doc);
                }
            }
        }
        if let Some(managed) = role.get("ManagedPolicyArns") {
            for item in items(managed) {
                if let Some(doc) = referenced(item) {
                    documents.push(doc);
                } else if let Some(arn) = item.as_str() {
                    policy_names.push(arn.rsplit('/').next().unwrap_or(arn));
                }
            }
        }
    }
    for name in policy_names {
        add(BY_POLICY
            .iter()
            .find(|(p, _)| *p == name)
            .and_then(|(_, k)| AwsService::from_key(k)));
    }
    for doc in documents {
        for statement in doc.get("Statement").map(items).unwrap_or_default() {
            if statement.get("Effect").and_then(Node::as_str) == Some("Deny") {
                continue;
            }
            for action in statement.get("Action").map(items).unwrap_or_default() {
                add(action.as_str().and_then(service_of_action));
            }
        }
    }
    out
}

/// A sequence's items, or the node itself when it is a single value.
fn items(n: &Node) -> Vec<&Node> {
    match &n.kind {
        Kind::Seq(v) => v.iter().collect(),
        Kind::Null => vec![],
        _ => vec![n],
    }
}

#[cfg(test)]
mod calls {
    use super::*;

    #[test]
    fn actions_name_their_service_and_eni_management_names_none() {
        let key = |a: &str| service_of_action(a).map(|s| s.key());
        assert_eq!(key("sns:Publish"), Some("sns"));
        assert_eq!(key("cloudwatch:PutMetricData"), Some("monitoring"));
        assert_eq!(key("Lambda:InvokeFunction"), Some("lambda"));
        assert_eq!(key("ec2:CreateNetworkInterface"), None);
        assert_eq!(key("ec2:DescribeInstances"), Some("ec2"));
        assert_eq!(key("*"), None);
        assert_eq!(key("nosuchservice:Do"), None);
    }
}
