//! Resource types that stand for an AWS service API a function calls: a template that
//! creates a queue, a topic or a stream has functions that call that service, so each such
//! service gets a verdict per function (besides the core eight every design is asked about).

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
