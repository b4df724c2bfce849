//! The AWS service catalogue: every service that can be reached through a VPC endpoint, and
//! which endpoint types it has.
//!
//! Kept as data: `data/privatelink-services.tsv` (one line per endpoint service, read from
//! the AWS page "AWS services that integrate with AWS PrivateLink"; its header and
//! `data/privatelink-services.md` say how it was made). Adding a service is one line there.
//! The eight services every function is always asked about ([`AwsService::core`]) come
//! first, in display order, with the short titles people know them by.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::OnceLock;

/// An AWS service API a function may call: an index into the service table. Its key is the
/// endpoint service name suffix (`com.amazonaws.<region>.<key>`) and the CLI's `to` value;
/// documents store the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AwsService(u16);

/// What the engine knows about a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceInfo {
    pub service: AwsService,
    /// `s3`, `ecr.api`, … as in `com.amazonaws.<region>.<key>`.
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

/// The services every function is asked about, in display order, with their short titles.
const CORE: [(&str, &str); 8] = [
    ("s3", "Amazon S3"),
    ("dynamodb", "Amazon DynamoDB"),
    ("sqs", "Amazon SQS"),
    ("secretsmanager", "AWS Secrets Manager"),
    ("sts", "AWS STS"),
    ("kms", "AWS KMS"),
    ("logs", "Amazon CloudWatch Logs"),
    ("ssm", "AWS Systems Manager"),
];

const TSV: &str = include_str!("../../data/privatelink-services.tsv");

#[allow(non_upper_case_globals)]
impl AwsService {
    pub const S3: AwsService = AwsService(0);
    pub const DynamoDb: AwsService = AwsService(1);
    pub const Sqs: AwsService = AwsService(2);
    pub const SecretsManager: AwsService = AwsService(3);
    pub const Sts: AwsService = AwsService(4);
    pub const Kms: AwsService = AwsService(5);
    pub const Logs: AwsService = AwsService(6);
    pub const Ssm: AwsService = AwsService(7);
}

/// The whole table: the core services first, then every other line of the TSV by key.
fn table() -> &'static [ServiceInfo] {
    static TABLE: OnceLock<Vec<ServiceInfo>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let rows: Vec<(&'static str, &'static str, &'static str)> = TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut cols = l.split('\t');
                Some((cols.next()?, cols.next()?, cols.next()?))
            })
            .collect();
        let types = |key: &str| rows.iter().find(|r| r.0 == key).map_or("interface", |r| r.2);
        let make = |i: usize, key: &'static str, title: &'static str, types: &str| ServiceInfo {
            service: AwsService(i as u16),
            key,
            title,
            gateway_endpoint: types.contains("gateway"),
            interface_endpoint: types.contains("interface"),
            port: 443,
        };
        let mut out: Vec<ServiceInfo> = Vec::with_capacity(rows.len());
        for (key, title) in CORE {
            out.push(make(out.len(), key, title, types(key)));
        }
        for &(key, title, types) in &rows {
            if !CORE.iter().any(|(k, _)| *k == key) {
                out.push(make(out.len(), key, title, types));
            }
        }
        out
    })
}

impl AwsService {
    /// The services every function is asked about, whatever the design: S3, DynamoDB, SQS,
    /// Secrets Manager, STS, KMS, CloudWatch Logs, Systems Manager.
    pub fn core() -> impl Iterator<Item = AwsService> {
        (0..CORE.len() as u16).map(AwsService)
    }
    /// Every service with a VPC endpoint: the core ones, then the others by key.
    pub fn all() -> impl Iterator<Item = AwsService> {
        (0..table().len() as u16).map(AwsService)
    }
    /// One of the core services.
    pub fn is_core(self) -> bool {
        usize::from(self.0) < CORE.len()
    }
    /// Its place in the table (the core services are 0–7, in display order).
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
    pub fn info(self) -> &'static ServiceInfo {
        &table()[usize::from(self.0)]
    }
    pub fn key(self) -> &'static str {
        self.info().key
    }
    pub fn from_key(key: &str) -> Option<AwsService> {
        table().iter().find(|s| s.key == key).map(|s| s.service)
    }
    /// The service of an endpoint service name: `com.amazonaws.us-east-1.ecr.api` (any
    /// Region), `com.amazonaws.iam`, or a bare key.
    pub fn from_endpoint_name(name: &str) -> Option<AwsService> {
        if let Some(s) = AwsService::from_key(name) {
            return Some(s);
        }
        let rest = name.strip_prefix("com.amazonaws.")?;
        if let Some(s) = AwsService::from_key(&format!("com.amazonaws.{rest}")) {
            return Some(s);
        }
        // Drop the Region: `us-east-1.ecr.api` → `ecr.api`.
        let (_, key) = rest.split_once('.')?;
        AwsService::from_key(key)
    }
}

impl fmt::Display for AwsService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.info().title)
    }
}

impl Serialize for AwsService {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for AwsService {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        AwsService::from_key(&key).ok_or_else(|| {
            serde::de::Error::custom(format_args!(
                "unknown AWS service `{key}`: use the endpoint service name without \
                 `com.amazonaws.<region>.`, such as `s3`, `sqs`, `ecr.api` or `secretsmanager`"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_every_line_once_with_the_core_services_first() {
        let keys: Vec<&str> = AwsService::all().map(AwsService::key).collect();
        let lines = TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(keys.len(), lines, "every line is a service, the core ones included");
        let mut unique = keys.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "no key twice");
        assert_eq!(&keys[..8], CORE.map(|(k, _)| k).as_slice());
        assert_eq!(AwsService::Ssm.key(), "ssm");
        assert!(AwsService::S3.info().gateway_endpoint && AwsService::S3.info().interface_endpoint);
        assert!(!AwsService::Sqs.info().gateway_endpoint);
        let express = AwsService::from_key("s3express").unwrap().info();
        assert!(express.gateway_endpoint && !express.interface_endpoint);
        for key in [
            "ecr.api",
            "ecr.dkr",
            "rds",
            "lambda",
            "execute-api",
            "sns",
            "elasticfilesystem",
        ] {
            assert!(AwsService::from_key(key).is_some(), "{key} is in the table");
        }
    }

    #[test]
    fn endpoint_service_names_resolve_in_any_region() {
        let ecr = AwsService::from_key("ecr.api");
        assert_eq!(AwsService::from_endpoint_name("com.amazonaws.eu-west-3.ecr.api"), ecr);
        assert_eq!(AwsService::from_endpoint_name("ecr.api"), ecr);
        assert!(AwsService::from_endpoint_name("com.amazonaws.iam").is_some());
        assert_eq!(AwsService::from_endpoint_name("com.amazonaws.us-east-1.no-such"), None);
    }

    #[test]
    fn documents_store_the_key_and_refuse_unknown_ones_by_name() {
        let s: AwsService = serde_json::from_str("\"ecr.dkr\"").unwrap();
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"ecr.dkr\"");
        let e = serde_json::from_str::<AwsService>("\"s4\"").unwrap_err().to_string();
        assert!(e.contains("unknown AWS service `s4`"), "{e}");
    }
}
