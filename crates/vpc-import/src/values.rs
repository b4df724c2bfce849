//! Readings of AWS values that mean the same in every input language: protocols, ports,
//! database engines, endpoint service names, and the ports of products that depend on their
//! settings.

use vpc_engine::model::{AwsService, DatabaseEngine, Protocol, StoreKind};

/// An IP protocol as AWS APIs spell it (`tcp`, `6`, `-1`, `all`); ICMPv6 counts as ICMP.
pub fn protocol(text: &str) -> Option<Protocol> {
    match text.trim().to_ascii_lowercase().as_str() {
        "tcp" | "6" => Some(Protocol::Tcp),
        "udp" | "17" => Some(Protocol::Udp),
        "icmp" | "1" | "icmpv6" | "58" => Some(Protocol::Icmp),
        "-1" | "all" => Some(Protocol::All),
        _ => None,
    }
}

/// A rule's port range: every port for all protocols and ICMP (whose "ports" are type and
/// code), `from`–`to` clamped to 0–65535, one port when only `from` is given, every port when
/// either is negative (`-1`) or absent.
pub fn ports(proto: Protocol, from: Option<i64>, to: Option<i64>) -> (u16, u16) {
    if matches!(proto, Protocol::All | Protocol::Icmp) {
        return (0, 65535);
    }
    let clamp = |p: i64| p.clamp(0, 65535) as u16;
    match (from, to) {
        (Some(f), Some(t)) if f >= 0 && t >= 0 => (clamp(f), clamp(t)),
        (Some(f), None) if f >= 0 => (clamp(f), clamp(f)),
        _ => (0, 65535),
    }
}

/// A number written as text or as a number (`"443"`, `443`).
pub fn number(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok()
}

/// An RDS engine name (`postgres`, `aurora-mysql`, `oracle-ee` …).
pub fn engine(text: &str) -> Option<DatabaseEngine> {
    let t = text.to_ascii_lowercase();
    Some(match t.as_str() {
        "postgres" | "aurora-postgresql" => DatabaseEngine::Postgres,
        "mysql" | "aurora" | "aurora-mysql" => DatabaseEngine::Mysql,
        "mariadb" => DatabaseEngine::Mariadb,
        _ if t.starts_with("oracle") => DatabaseEngine::Oracle,
        _ if t.starts_with("sqlserver") => DatabaseEngine::SqlServer,
        _ => return None,
    })
}

/// An endpoint's service name (`com.amazonaws.<region>.<key>`, global and other forms) to a
/// service of the engine's table.
pub fn endpoint_service(name: &str) -> Option<AwsService> {
    AwsService::from_endpoint_name(name)
}

/// The product an ElastiCache resource runs, from its engine (`redis`, `valkey`, `memcached`).
pub fn cache_kind(engine: &str) -> StoreKind {
    match engine.to_ascii_lowercase().as_str() {
        "memcached" => StoreKind::Memcached,
        "valkey" => StoreKind::Valkey,
        _ => StoreKind::Redis,
    }
}

/// The ports of an ElastiCache serverless cache: Redis and Valkey have the endpoint on 6379
/// and the reader endpoint on 6380; empty (the kind's own port) for Memcached.
pub fn serverless_cache_ports(kind: StoreKind) -> Vec<u16> {
    if kind == StoreKind::Memcached {
        vec![]
    } else {
        vec![6379, 6380]
    }
}

/// Whether an endpoint policy allows nothing, from the `Effect` of each of its statements:
/// it has statements and none is `Allow`.
pub fn allows_nothing(effects: &[Option<&str>]) -> bool {
    !effects.is_empty() && !effects.contains(&Some("Allow"))
}

/// The product an Amazon MQ broker runs, from its engine type (`ActiveMQ`, `RabbitMQ`).
pub fn broker_kind(engine: &str) -> StoreKind {
    if engine.eq_ignore_ascii_case("rabbitmq") {
        StoreKind::RabbitMq
    } else {
        StoreKind::ActiveMq
    }
}

/// The port of a DAX cluster, from its endpoint encryption (CloudFormation
/// `ClusterEndpointEncryptionType`, Terraform `cluster_endpoint_encryption_type`: `NONE`,
/// the default, or `TLS`): 8111 for the `dax` protocol, 9111 for `daxs` over TLS (AWS's DAX
/// API reference, Endpoint). Encryption at rest (`SSESpecification`,
/// `server_side_encryption`) does not change it.
pub fn dax_port(endpoint_encryption: &str) -> u16 {
    if endpoint_encryption.eq_ignore_ascii_case("TLS") {
        9111
    } else {
        8111
    }
}

/// The port of an RDS Proxy, from its engine family (`MYSQL`, `POSTGRESQL`, `SQLSERVER`).
pub fn proxy_port(family: &str) -> u16 {
    match family.to_ascii_uppercase().as_str() {
        "MYSQL" => 3306,
        "SQLSERVER" => 1433,
        _ => 5432,
    }
}

/// What an MSK cluster's client settings say, however the input spells them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MskClients {
    pub iam: bool,
    pub scram: bool,
    /// TLS client authentication with at least one certificate authority.
    pub tls_auth: bool,
    /// Unauthenticated access explicitly on.
    pub unauthenticated: bool,
    /// Encryption in transit between clients and brokers: `TLS` (the default), `TLS_PLAINTEXT`
    /// or `PLAINTEXT`.
    pub client_broker: String,
}

/// The ports an MSK cluster's clients use, from its client authentication and encryption
/// in transit (AWS's MSK "Port information" page): IAM 9098, SASL/SCRAM 9096, TLS 9094,
/// plaintext 9092. A cluster that says nothing has TLS only, unauthenticated: 9094.
pub fn msk_ports(c: &MskClients) -> Vec<u16> {
    let client_broker = if c.client_broker.is_empty() {
        "TLS".to_owned()
    } else {
        c.client_broker.to_ascii_uppercase()
    };
    let tls = client_broker != "PLAINTEXT";
    let plaintext = client_broker != "TLS";
    let mut ports = Vec::new();
    if c.iam {
        ports.push(9098);
    }
    if c.scram {
        ports.push(9096);
    }
    let unauthenticated = c.unauthenticated || ports.is_empty() && !c.tls_auth;
    if tls && (c.tls_auth || unauthenticated) {
        ports.push(9094);
    }
    if plaintext && unauthenticated {
        ports.push(9092);
    }
    ports
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocols_by_name_and_number() {
        assert_eq!(protocol("TCP"), Some(Protocol::Tcp));
        assert_eq!(protocol("6"), Some(Protocol::Tcp));
        assert_eq!(protocol("-1"), Some(Protocol::All));
        assert_eq!(protocol("icmpv6"), Some(Protocol::Icmp));
        assert_eq!(protocol("gre"), None);
    }

    #[test]
    fn port_ranges_follow_aws() {
        assert_eq!(ports(Protocol::Tcp, Some(443), Some(443)), (443, 443));
        assert_eq!(ports(Protocol::Tcp, Some(-1), Some(-1)), (0, 65535));
        assert_eq!(ports(Protocol::Icmp, Some(8), Some(0)), (0, 65535));
        assert_eq!(ports(Protocol::Udp, Some(53), None), (53, 53));
    }

    #[test]
    fn msk_ports_follow_the_port_table() {
        assert_eq!(msk_ports(&MskClients::default()), [9094]);
        let iam = MskClients {
            iam: true,
            ..MskClients::default()
        };
        assert_eq!(msk_ports(&iam), [9098]);
        let plain = MskClients {
            client_broker: "TLS_PLAINTEXT".into(),
            ..MskClients::default()
        };
        assert_eq!(msk_ports(&plain), [9094, 9092]);
    }
}
