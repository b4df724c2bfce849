//! Icons: a rounded square in the AWS category colour with a short glyph, drawn inline.
//! No icon font, no image downloads.

use crate::geometry::num;
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
        StoreKind::DocumentDb => (DATABASE, "DocDB"),
        StoreKind::RdsProxy => (DATABASE, "PRX"),
        StoreKind::ActiveMq => (INTEGRATION, "AMQ"),
        StoreKind::RabbitMq => (INTEGRATION, "RMQ"),
        StoreKind::Msk => (ANALYTICS, "MSK"),
        StoreKind::OpenSearch => (ANALYTICS, "OS"),
        StoreKind::Neptune => (DATABASE, "NEP"),
        StoreKind::Redshift => (ANALYTICS, "RS"),
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

/// Glyph of a service's icon, by its key.
pub fn service_glyph(key: &str) -> &'static str {
    match key {
        "s3" => "S3",
        "dynamodb" => "DDB",
        "sqs" => "SQS",
        "secretsmanager" => "SM",
        "sts" => "STS",
        "kms" => "KMS",
        "logs" => "CW",
        "ssm" => "SSM",
        _ => "?",
    }
}

/// Colour and glyph of a component's icon.
pub fn style(kind: ComponentKind, service: Option<&str>) -> (&'static str, &'static str) {
    match kind {
        ComponentKind::Vpc => (NETWORKING, "VPC"),
        ComponentKind::Subnet => (NETWORKING, "SN"),
        ComponentKind::RouteTable => (NETWORKING, "RT"),
        ComponentKind::InternetGateway => (NETWORKING, "IGW"),
        ComponentKind::EgressOnlyGateway => (NETWORKING, "EIGW"),
        ComponentKind::NatGateway => (NETWORKING, "NAT"),
        ComponentKind::PeeringConnection => (NETWORKING, "PCX"),
        // Endpoints carry their service's glyph (and a stripe in its colour).
        ComponentKind::GatewayEndpoint | ComponentKind::InterfaceEndpoint => {
            (NETWORKING, service.map(service_glyph).unwrap_or("VPCE"))
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
            (service_colour(key), service_glyph(key))
        }
    }
}

/// An icon centred on (cx, cy), `half` units from centre to edge.
pub fn icon(kind: ComponentKind, service: Option<&str>, cx: f64, cy: f64, half: f64) -> Html {
    let (colour, glyph) = style(kind, service);
    let size = 2.0 * half;
    let font = match glyph.chars().count() {
        1 => half * 1.2,
        2 => half * 0.7,
        3 => half * 0.58,
        _ => half * 0.46,
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
        <g class="icon">
            <rect x={num(cx - half)} y={num(cy - half)} width={num(size)} height={num(size)}
                  rx={num(if round { half } else { half * 0.3 })} fill={colour} />
            { stripe }
            <text x={num(cx)} y={num(cy)} class="glyph" font-size={num(font)}
                  dominant-baseline="central" text-anchor="middle">{ glyph }</text>
        </g>
    }
}
