//! The AWS service catalogue: which endpoint types each service offers.
//!
//! Kept as data (one table) so that adding a service is one line, not a new code path.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An AWS service API a function may call. Its key is the endpoint service name suffix
/// (`com.amazonaws.<region>.<key>`) and the CLI's `to` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AwsService {
    S3,
    DynamoDb,
    Sqs,
    SecretsManager,
    Sts,
    Kms,
    Logs,
    Ssm,
}

/// What the engine knows about a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceInfo {
    pub service: AwsService,
    /// `s3`, `dynamodb`, … as in `com.amazonaws.<region>.<key>`.
    pub key: &'static str,
    /// The product name shown to people.
    pub title: &'static str,
    /// A gateway endpoint (free, route-table based) exists for it.
    pub gateway_endpoint: bool,
    /// An interface endpoint (PrivateLink) exists for it.
    pub interface_endpoint: bool,
    /// The HTTPS port its API listens on.
    pub port: u16,
}

const fn info(service: AwsService, key: &'static str, title: &'static str, gateway: bool) -> ServiceInfo {
    ServiceInfo {
        service,
        key,
        title,
        gateway_endpoint: gateway,
        interface_endpoint: true,
        port: 443,
    }
}

/// Every service in the catalogue, in display order.
pub const SERVICES: [ServiceInfo; 8] = [
    info(AwsService::S3, "s3", "Amazon S3", true),
    info(AwsService::DynamoDb, "dynamodb", "Amazon DynamoDB", true),
    info(AwsService::Sqs, "sqs", "Amazon SQS", false),
    info(
        AwsService::SecretsManager,
        "secretsmanager",
        "AWS Secrets Manager",
        false,
    ),
    info(AwsService::Sts, "sts", "AWS STS", false),
    info(AwsService::Kms, "kms", "AWS KMS", false),
    info(AwsService::Logs, "logs", "Amazon CloudWatch Logs", false),
    info(AwsService::Ssm, "ssm", "AWS Systems Manager", false),
];

impl AwsService {
    /// All services, in display order.
    pub fn all() -> impl Iterator<Item = AwsService> {
        SERVICES.iter().map(|s| s.service)
    }
    pub fn info(self) -> &'static ServiceInfo {
        SERVICES
            .iter()
            .find(|s| s.service == self)
            .expect("every service is in SERVICES")
    }
    pub fn key(self) -> &'static str {
        self.info().key
    }
    pub fn from_key(key: &str) -> Option<AwsService> {
        SERVICES.iter().find(|s| s.key == key).map(|s| s.service)
    }
}

impl fmt::Display for AwsService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.info().title)
    }
}
