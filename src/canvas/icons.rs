//! Icons: a rounded square in the AWS category colour with a short glyph, drawn inline.
//! No icon font, no image downloads.

use crate::geometry::num;
use std::borrow::Cow;
use vpc_engine::model::{ComponentKind, StoreKind};
use yew::prelude::*;

/// AWS architecture-icon category colours.
pub const NETWORKING: &str = "#8C4FFF";
pub const COMPUTE: &str = "#ED7100";
pub const DATABASE: &str = "#C925D1";
pub const STORAGE: &str = "#7AA116";
pub const SECURITY: &str = "#DD344C";
pub const INTEGRATION: &str = "#E7157B";
pub const ANALYTICS: &str = "#8C4FFF";

/// Colour and glyph of a data store's icon: its product's category colour and a glyph short
/// enough to read inside the icon (the product's short name, abbreviated when long).
pub fn store_style(kind: StoreKind) -> (&'static str, &'static str) {
    match kind {
        StoreKind::Efs => (STORAGE, "EFS"),
        StoreKind::Redis => (DATABASE, "Redis"),
        StoreKind::Valkey => (DATABASE, "VK"),
        StoreKind::Memcached => (DATABASE, "MC"),
        StoreKind::MemoryDb => (DATABASE, "MDB"),
        StoreKind::DocumentDb => (DATABASE, "DocDB"),
        StoreKind::RdsProxy => (DATABASE, "PRX"),
        StoreKind::ActiveMq => (INTEGRATION, "AMQ"),
        StoreKind::RabbitMq => (INTEGRATION, "RMQ"),
        StoreKind::Msk => (ANALYTICS, "MSK"),
        StoreKind::OpenSearch => (ANALYTICS, "OS"),
        StoreKind::Neptune => (DATABASE, "NEP"),
        StoreKind::Redshift => (ANALYTICS, "RS"),
        StoreKind::Dax => (DATABASE, "DAX"),
    }
}

/// Colour of a service's icon, by its key.
pub fn service_colour(key: &str) -> &'static str {
    match key {
        "s3" => STORAGE,
        "dynamodb" => DATABASE,
        "sqs" | "logs" | "ssm" => INTEGRATION,
        "secretsmanager" | "sts" | "kms" => SECURITY,
        _ => NETWORKING,
    }
}

/// Glyph of a service's icon, by its key: the core services' own, any other service the
/// first word of its key in capitals (`ecr.api` → ECR, `kinesis-streams` → KINE).
pub fn service_glyph(key: &str) -> Cow<'static, str> {
    Cow::Borrowed(match key {
        "s3" => "S3",
        "dynamodb" => "DDB",
        "sqs" => "SQS",
        "secretsmanager" => "SM",
        "sts" => "STS",
        "kms" => "KMS",
        "logs" => "CW",
        "ssm" => "SSM",
        "" => "?",
        _ => {
            let word = key.split(['.', '-']).next().unwrap_or(key);
            return Cow::Owned(word.chars().take(4).collect::<String>().to_ascii_uppercase());
        }
    })
}

/// Colour and glyph of a component's icon.
pub fn style(kind: ComponentKind, service: Option<&str>) -> (&'static str, Cow<'static, str>) {
    let (colour, glyph) = match kind {
        ComponentKind::Vpc => (NETWORKING, "VPC"),
        ComponentKind::Subnet => (NETWORKING, "SN"),
        ComponentKind::RouteTable => (NETWORKING, "RT"),
        ComponentKind::InternetGateway => (NETWORKING, "IGW"),
        ComponentKind::EgressOnlyGateway => (NETWORKING, "EIGW"),
        ComponentKind::NatGateway => (NETWORKING, "NAT"),
        ComponentKind::PeeringConnection => (NETWORKING, "PCX"),
        // Endpoints carry their service's glyph (and a stripe in its colour).
        ComponentKind::GatewayEndpoint | ComponentKind::InterfaceEndpoint => {
            return (NETWORKING, service.map_or(Cow::Borrowed("VPCE"), service_glyph));
        }
        ComponentKind::SecurityGroup => (SECURITY, "SG"),
        ComponentKind::NetworkAcl => (SECURITY, "ACL"),
        ComponentKind::Function => (COMPUTE, "λ"),
        ComponentKind::Database => (DATABASE, "RDS"),
        // Data stores carry their product's glyph (`service` is the store kind's key).
        ComponentKind::DataStore => service
            .and_then(StoreKind::from_key)
            .map_or((DATABASE, "DATA"), store_style),
        ComponentKind::Instance => (COMPUTE, "EC2"),
        ComponentKind::Service => {
            let key = service.unwrap_or_default();
            return (service_colour(key), service_glyph(key));
        }
    };
    (colour, Cow::Borrowed(glyph))
}

/// An icon centred on (cx, cy), `half` units from centre to edge.
pub fn icon(kind: ComponentKind, service: Option<&str>, cx: f64, cy: f64, half: f64) -> Html {
    let (colour, glyph) = style(kind, service);
    let size = 2.0 * half;
    let font = match glyph.chars().count() {
        1 => half * 1.2,
        2 => half * 0.7,
        3 => half * 0.58,
        4 => half * 0.46,
        _ => half * 0.38,
    };
    // Endpoints show their service's colour as a stripe, so S3 and SQS endpoints differ.
    let stripe = match (kind, service) {
        (ComponentKind::GatewayEndpoint | ComponentKind::InterfaceEndpoint, Some(key)) => html! {
            <rect x={num(cx - half)} y={num(cy + half * 0.55)} width={num(size)}
                  height={num(half * 0.45)} fill={service_colour(key)} class="icon-stripe" />
        },
        _ => html! {},
    };
    let round = matches!(kind, ComponentKind::SecurityGroup | ComponentKind::NetworkAcl);
    html! {
        <g class="icon" aria-hidden="true">
            <rect x={num(cx - half)} y={num(cy - half)} width={num(size)} height={num(size)}
                  rx={num(if round { half } else { half * 0.3 })} fill={colour} />
            { stripe }
            <text x={num(cx)} y={num(cy)} class="glyph" font-size={num(font)}
                  dominant-baseline="central" text-anchor="middle">{ &*glyph }</text>
        </g>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpc_engine::model::AwsService;

    #[test]
    fn every_service_and_data_store_has_a_glyph_that_fits_its_icon() {
        for s in AwsService::all() {
            let g = service_glyph(s.key());
            assert!(!g.is_empty() && g != "?" && g.chars().count() <= 4, "{}: {g}", s.key());
        }
        assert_eq!(service_glyph("ecr.api"), "ECR");
        assert_eq!(service_glyph("kinesis-streams"), "KINE");
        for k in StoreKind::all() {
            let (_, g) = store_style(k);
            assert!(!g.is_empty() && g.chars().count() <= 5, "{k:?}: {g}");
        }
    }
}
