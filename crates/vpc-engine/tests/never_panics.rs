//! Property tests: whatever a document holds, the engine answers and never panics.
//!
//! Documents are generated from a small pool of ids so that references sometimes resolve and
//! often dangle, with CIDRs that are valid, out of range, of the wrong family or junk, and
//! routes, rules and VPC configurations drawn at random: most are inconsistent, which is
//! the point. Each case also renders every message in both languages (a missing catalogue
//! entry or a panic in rendering fails here) and checks that the export format round-trips.
//! A second property feeds arbitrary bytes, and mutations of a real design, to the loader.

use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use vpc_engine::analyze;
use vpc_engine::explain::Lang;
use vpc_engine::model::*;

/// Ids from a small pool (so references collide and resolve), sometimes arbitrary text.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        9 => select(vec![
            "main-vpc", "other-vpc", "a", "b", "c", "rt", "rt2", "igw", "eigw", "nat", "sg", "sg2", "nacl",
            "fn", "fn2", "db", "web", "ep", "pcx", "s3",
        ])
        .prop_map(str::to_owned),
        1 => junk(),
    ]
}

fn junk() -> impl Strategy<Value = String> {
    vec(any::<char>(), 0..6).prop_map(String::from_iter)
}

fn ids(max: usize) -> impl Strategy<Value = Vec<String>> {
    vec(id(), 0..max)
}

fn port() -> impl Strategy<Value = u16> {
    prop_oneof![any::<u16>(), select(vec![0u16, 22, 443, 1023, 1024, 3306, 5432, 65535])]
}

fn cidr() -> impl Strategy<Value = CidrText> {
    prop_oneof![
        3 => select(vec![
            "10.0.0.0/16", "10.0.0.0/24", "10.0.1.0/24", "10.0.10.0/24", "10.1.0.0/16", "0.0.0.0/0", "::/0",
            "0.0.0.0/1", "128.0.0.0/1", "192.168.0.0/16", "10.0.0.0/28", "10.0.0.5/24", "2600:1f18::/56",
            "2600:1f18:0:1::/64", "10.0.0.0/8",
        ])
        .prop_map(str::to_owned),
        2 => (any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>(), 0u8..=40)
            .prop_map(|(a, b, c, d, p)| format!("{a}.{b}.{c}.{d}/{p}")),
        1 => (any::<u16>(), any::<u16>(), 0u8..=130).prop_map(|(a, b, p)| format!("{a:x}:{b:x}::/{p}")),
        1 => junk(),
    ]
    .prop_map(CidrText)
}

fn service() -> impl Strategy<Value = AwsService> {
    select(AwsService::all().collect::<Vec<_>>())
}

fn protocol() -> impl Strategy<Value = Protocol> {
    select(vec![Protocol::Tcp, Protocol::Udp, Protocol::Icmp, Protocol::All])
}

fn vpc() -> impl Strategy<Value = Vpc> {
    (
        (id(), junk(), cidr(), vec(cidr(), 0..3), option::of(cidr())),
        (
            any::<bool>(),
            any::<bool>(),
            option::of(id()),
            option::of(id()),
            any::<bool>(),
        ),
    )
        .prop_map(
            |((id, name, cidr, secondary, v6), (dns, hostnames, main, nacl, dedicated))| Vpc {
                id: VpcId(id),
                name,
                cidr,
                secondary_cidrs: secondary,
                ipv6_cidr: v6,
                enable_dns_support: dns,
                enable_dns_hostnames: hostnames,
                main_route_table: main.map(RouteTableId),
                default_nacl: nacl.map(NaclId),
                tenancy: if dedicated {
                    Tenancy::Dedicated
                } else {
                    Tenancy::Default
                },
            },
        )
}

fn subnet() -> impl Strategy<Value = Subnet> {
    (
        id(),
        id(),
        select(vec!["us-east-1a", "us-east-1b", "us-east-1c", ""]),
        cidr(),
        option::of(cidr()),
        option::of(id()),
        option::of(id()),
    )
        .prop_map(|(id, vpc, az, cidr, v6, rt, nacl)| Subnet {
            id: SubnetId(id),
            name: String::new(),
            vpc: VpcId(vpc),
            az: az.to_owned(),
            cidr,
            ipv6_cidr: v6,
            route_table: rt.map(RouteTableId),
            nacl: nacl.map(NaclId),
        })
}

fn route() -> impl Strategy<Value = Route> {
    let destination = prop_oneof![
        4 => cidr().prop_map(RouteDestination::Cidr),
        1 => service().prop_map(RouteDestination::PrefixList),
    ];
    let target = prop_oneof![
        Just(RouteTarget::Local),
        id().prop_map(|i| RouteTarget::InternetGateway(IgwId(i))),
        id().prop_map(|i| RouteTarget::EgressOnlyGateway(EigwId(i))),
        id().prop_map(|i| RouteTarget::NatGateway(NatId(i))),
        id().prop_map(|i| RouteTarget::GatewayEndpoint(EndpointId(i))),
        id().prop_map(|i| RouteTarget::VpcPeering(PeeringId(i))),
        id().prop_map(RouteTarget::NetworkInterface),
    ];
    (destination, target).prop_map(|(destination, target)| Route { destination, target })
}

fn route_table() -> impl Strategy<Value = RouteTable> {
    (id(), id(), vec(route(), 0..5)).prop_map(|(id, vpc, routes)| RouteTable {
        id: RouteTableId(id),
        name: String::new(),
        vpc: VpcId(vpc),
        routes,
    })
}

fn endpoint() -> impl Strategy<Value = Endpoint> {
    let kind = prop_oneof![
        ids(3).prop_map(|rts| EndpointKind::Gateway {
            route_tables: rts.into_iter().map(RouteTableId).collect()
        }),
        (ids(4), ids(3), any::<bool>()).prop_map(|(subnets, sgs, private_dns)| EndpointKind::Interface {
            subnets: subnets.into_iter().map(SubnetId).collect(),
            security_groups: sgs.into_iter().map(SgId).collect(),
            private_dns,
        }),
    ];
    (id(), id(), service(), kind, any::<bool>()).prop_map(|(id, vpc, service, kind, deny)| Endpoint {
        id: EndpointId(id),
        name: String::new(),
        vpc: VpcId(vpc),
        service,
        kind,
        policy: if deny {
            EndpointPolicy::DenyAll
        } else {
            EndpointPolicy::AllowAll
        },
    })
}

fn sg_rule() -> impl Strategy<Value = SgRule> {
    let peer = prop_oneof![
        3 => cidr().prop_map(SgPeer::Cidr),
        2 => id().prop_map(|i| SgPeer::SecurityGroup(SgId(i))),
        1 => service().prop_map(SgPeer::PrefixList),
    ];
    (protocol(), port(), port(), peer).prop_map(|(protocol, from_port, to_port, peer)| SgRule {
        protocol,
        from_port,
        to_port,
        peer,
        description: String::new(),
    })
}

fn security_group() -> impl Strategy<Value = SecurityGroup> {
    (id(), id(), vec(sg_rule(), 0..4), vec(sg_rule(), 0..4)).prop_map(|(id, vpc, inbound, outbound)| SecurityGroup {
        id: SgId(id),
        name: String::new(),
        vpc: VpcId(vpc),
        inbound,
        outbound,
    })
}

fn nacl_rule() -> impl Strategy<Value = NaclRule> {
    (
        prop_oneof![any::<u16>(), select(vec![0u16, 1, 100, 200, 32766, 32767])],
        any::<bool>(),
        protocol(),
        port(),
        port(),
        cidr(),
    )
        .prop_map(|(number, allow, protocol, from_port, to_port, cidr)| NaclRule {
            number,
            action: if allow { NaclAction::Allow } else { NaclAction::Deny },
            protocol,
            from_port,
            to_port,
            cidr,
        })
}

fn nacl() -> impl Strategy<Value = Nacl> {
    (id(), id(), vec(nacl_rule(), 0..4), vec(nacl_rule(), 0..4)).prop_map(|(id, vpc, inbound, outbound)| Nacl {
        id: NaclId(id),
        name: String::new(),
        vpc: VpcId(vpc),
        inbound,
        outbound,
    })
}

fn function() -> impl Strategy<Value = Function> {
    let config = (ids(18), ids(7), any::<bool>()).prop_map(|(subnets, sgs, v6)| VpcConfig {
        subnets: subnets.into_iter().map(SubnetId).collect(),
        security_groups: sgs.into_iter().map(SgId).collect(),
        ipv6_allowed_for_dual_stack: v6,
    });
    (id(), junk(), option::of(config)).prop_map(|(id, name, vpc_config)| Function {
        id: FunctionId(id),
        name,
        vpc_config,
    })
}

fn data_store() -> impl Strategy<Value = DataStore> {
    let kind = select(StoreKind::all().collect::<Vec<_>>());
    (
        id(),
        kind,
        vec(port(), 0..3),
        ids(4),
        ids(3),
        any::<bool>(),
        option::of(id()),
    )
        .prop_map(|(id, kind, ports, subnets, sgs, public, fronts)| DataStore {
            id: DataStoreId(id),
            name: String::new(),
            kind,
            ports,
            subnets: subnets.into_iter().map(SubnetId).collect(),
            security_groups: sgs.into_iter().map(SgId).collect(),
            publicly_accessible: public,
            fronts: fronts.map(DatabaseId),
        })
}

fn database() -> impl Strategy<Value = Database> {
    let engine = select(vec![
        DatabaseEngine::Postgres,
        DatabaseEngine::Mysql,
        DatabaseEngine::Mariadb,
        DatabaseEngine::Oracle,
        DatabaseEngine::SqlServer,
    ]);
    (
        id(),
        any::<bool>(),
        engine,
        option::of(port()),
        ids(4),
        ids(3),
        any::<bool>(),
    )
        .prop_map(|(id, aurora, engine, port, subnets, sgs, public)| Database {
            id: DatabaseId(id),
            name: String::new(),
            kind: if aurora {
                DatabaseKind::AuroraCluster
            } else {
                DatabaseKind::Instance
            },
            engine,
            port,
            subnet_group: subnets.into_iter().map(SubnetId).collect(),
            security_groups: sgs.into_iter().map(SgId).collect(),
            publicly_accessible: public,
        })
}

fn instance() -> impl Strategy<Value = Instance> {
    (id(), id(), ids(3), any::<bool>(), any::<bool>(), port()).prop_map(|(id, subnet, sgs, public_ip, eip, port)| {
        Instance {
            id: InstanceId(id),
            name: String::new(),
            subnet: SubnetId(subnet),
            security_groups: sgs.into_iter().map(SgId).collect(),
            public_ip,
            elastic_ip: eip,
            port,
        }
    })
}

fn gateways() -> impl Strategy<
    Value = (
        Vec<InternetGateway>,
        Vec<EgressOnlyGateway>,
        Vec<NatGateway>,
        Vec<PeeringConnection>,
    ),
> {
    (
        vec((id(), option::of(id())), 0..3),
        vec((id(), option::of(id())), 0..2),
        vec((id(), id(), any::<bool>(), any::<bool>()), 0..3),
        vec((id(), id(), id()), 0..2),
    )
        .prop_map(|(igws, eigws, nats, pcxs)| {
            (
                igws.into_iter()
                    .map(|(id, vpc)| InternetGateway {
                        id: IgwId(id),
                        name: String::new(),
                        vpc: vpc.map(VpcId),
                    })
                    .collect(),
                eigws
                    .into_iter()
                    .map(|(id, vpc)| EgressOnlyGateway {
                        id: EigwId(id),
                        name: String::new(),
                        vpc: vpc.map(VpcId),
                    })
                    .collect(),
                nats.into_iter()
                    .map(|(id, subnet, private, eip)| NatGateway {
                        id: NatId(id),
                        name: String::new(),
                        subnet: SubnetId(subnet),
                        connectivity: if private {
                            Connectivity::Private
                        } else {
                            Connectivity::Public
                        },
                        elastic_ip: eip,
                    })
                    .collect(),
                pcxs.into_iter()
                    .map(|(id, a, b)| PeeringConnection {
                        id: PeeringId(id),
                        name: String::new(),
                        requester_vpc: VpcId(a),
                        accepter_vpc: VpcId(b),
                    })
                    .collect(),
            )
        })
}

/// Canvas rectangles with values JSON carries exactly.
fn layout() -> impl Strategy<Value = std::collections::BTreeMap<String, Rect>> {
    let coord = (-20_000i32..20_000).prop_map(|v| f64::from(v) / 2.0);
    btree_map(
        id(),
        (coord.clone(), coord.clone(), coord.clone(), coord).prop_map(|(x, y, w, h)| Rect { x, y, w, h }),
        0..4,
    )
}

fn document() -> impl Strategy<Value = Document> {
    (
        (
            vec(vpc(), 0..3),
            vec(subnet(), 0..6),
            vec(route_table(), 0..4),
            gateways(),
        ),
        (vec(endpoint(), 0..3), vec(security_group(), 0..4), vec(nacl(), 0..3)),
        (
            vec(function(), 0..4),
            vec(database(), 0..3),
            vec(instance(), 0..3),
            vec(data_store(), 0..3),
        ),
        (vec((id(), service()), 0..3), layout(), junk()),
    )
        .prop_map(
            |(
                (vpcs, subnets, route_tables, gw),
                (endpoints, sgs, nacls),
                (functions, databases, instances, data_stores),
                (svcs, layout, name),
            )| {
                let (internet_gateways, egress_only_gateways, nat_gateways, peering_connections) = gw;
                Document {
                    schema_version: SCHEMA_VERSION,
                    name,
                    description: String::new(),
                    region: "us-east-1".into(),
                    vpcs,
                    subnets,
                    route_tables,
                    internet_gateways,
                    egress_only_gateways,
                    nat_gateways,
                    peering_connections,
                    endpoints,
                    security_groups: sgs,
                    network_acls: nacls,
                    functions,
                    databases,
                    data_stores,
                    instances,
                    services: svcs
                        .into_iter()
                        .map(|(id, service)| ServiceNode {
                            id: ServiceNodeId(id),
                            name: String::new(),
                            service,
                        })
                        .collect(),
                    layout,
                    traffic: Default::default(),
                    unread: Vec::new(),
                }
            },
        )
}

/// Renders every message of the analysis in both languages.
fn render_everything(a: &vpc_engine::Analysis) {
    for lang in [Lang::En, Lang::Zh] {
        for v in &a.verdicts {
            v.message.render(lang);
            for h in v.path.iter().chain(v.traces.iter().flat_map(|t| &t.hops)) {
                h.because.render(lang);
            }
        }
        for d in &a.diagnostics {
            d.message.render(lang);
        }
        for f in &a.findings {
            f.message.render(lang);
        }
    }
}

const STARTER: &str = include_str!("../../../designs/starter.json");

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_documents_are_analyzed_without_panic_and_round_trip(doc in document()) {
        let analysis = analyze(&doc);
        render_everything(&analysis);
        // Every verdict explains itself.
        for v in &analysis.verdicts {
            prop_assert!(!v.explanations.is_empty(), "verdict {} → {} without explanation", v.from.key(), v.to.key());
        }
        let again = load(&doc.to_export_json()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&again, &doc);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in vec(any::<u8>(), 0..512)) {
        let _ = load(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn mutated_designs_never_panic_the_loader_or_the_engine(
        edits in vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = STARTER.as_bytes().to_vec();
        for (at, byte, op) in edits {
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len() + 1));
        }
        if let Ok(doc) = load(&String::from_utf8_lossy(&bytes)) {
            render_everything(&analyze(&doc));
        }
    }

    /// Any JSON value, nested in any way, is answered: a design or a message, never a panic.
    /// A refusal of text that is JSON names what is wrong (never a syntax error).
    #[test]
    fn arbitrary_json_values_are_answered(value in json_value(), envelope in any::<bool>()) {
        let text = if envelope {
            format!("{{\"format\":\"vpc-playground\",\"schema_version\":1,\"document\":{value}}}")
        } else {
            value.to_string()
        };
        if let Err(e) = load(&text) {
            prop_assert!(!matches!(e.kind, LoadErrorKind::Syntax(_)), "{e}: {text}");
            prop_assert!(!e.to_string().is_empty());
        }
    }

    /// Cutting a real export anywhere is a syntax error with a position, never a panic.
    #[test]
    fn a_truncated_export_is_reported_with_its_position(cut in any::<prop::sample::Index>()) {
        let text = load(STARTER).unwrap().to_export_json();
        let at = cut.index(text.len());
        let Some(prefix) = text.get(..at) else { return Ok(()) };
        let e = load(prefix).unwrap_err();
        prop_assert!(matches!(e.kind, LoadErrorKind::Syntax(_)), "{e}");
        prop_assert!(e.line.is_some() && e.column.is_some(), "{e}");
    }
}

/// JSON values shaped like designs: objects with the document's keys, arrays, and scalars.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let keys = select(vec![
        "name",
        "vpcs",
        "subnets",
        "id",
        "vpc",
        "cidr",
        "layout",
        "x",
        "routes",
        "target",
        "kind",
        "functions",
        "vpc_config",
        "schema_version",
        "format",
        "document",
        "security_groups",
        "inbound",
        "peer",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        junk().prop_map(Value::String),
        id().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            btree_map(keys.clone().prop_map(str::to_owned), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
