//! Synthetic designs: realistic networks of any size, for benchmarks, the CLI's
//! `vpcplay generate` and the web app's performance scripts.
//!
//! Pure and deterministic: the same [`Shape`] (seed included) always gives the same
//! document, on every platform. No IO, no randomness from the outside: a tiny xorshift
//! generator seeded from [`Shape::seed`] makes the few choices that vary.
//!
//! Each VPC follows the layout AWS recommends for VPC-attached Lambda functions:
//!
//! * one public, one private and one database subnet per Availability Zone;
//! * an attached internet gateway; the public route table sends `0.0.0.0/0` to it;
//! * a NAT gateway (with an Elastic IP) in each public subnet and one private route table per
//!   AZ sending `0.0.0.0/0` to its own AZ's NAT gateway. About one VPC in four saves money
//!   with a single NAT gateway that every AZ uses (a cross-AZ dependency the engine flags);
//! * the database subnets use the VPC's main route table, which has only the local route;
//! * a gateway endpoint for S3 on every private route table, and for DynamoDB in most VPCs
//!   (the others send DynamoDB traffic through NAT, which the engine prices);
//! * interface endpoints for Secrets Manager (and SQS in most VPCs) in the private subnets,
//!   private DNS on, guarded by a security group admitting HTTPS from the VPC's CIDR;
//! * a custom network ACL on the private subnets that admits the VPC's own traffic and replies
//!   on the ephemeral ports; the other subnets keep the default NACL;
//! * one security group per function *placement* (below), a self-referencing `shared` group
//!   (the source article's pattern), a database group admitting each function group on the
//!   database ports, an endpoint group and a web group for instances;
//! * every fourth VPC is dual-stack: IPv6 blocks on the VPC and its subnets, an egress-only
//!   internet gateway with `::/0` routes from the private subnets, and functions that allow
//!   IPv6 (`Ipv6AllowedForDualStack`).
//!
//! Functions are spread over a fixed number of distinct *placements* per VPC, each a
//! (subnets, security groups) pair, because that is how real estates look and what bounds
//! Lambda's Hyperplane ENIs: one per (subnet, security-group set). Growing
//! [`Shape::functions`] with [`Shape::placements`] fixed adds functions, not combinations.
//!
//! ```
//! use vpc_engine::generate::{generate, Shape};
//!
//! let doc = generate(&Shape::for_components(300, 7));
//! let n = doc.components().count();
//! assert!((270..=330).contains(&n), "{n}");
//! assert_eq!(doc, generate(&Shape::for_components(300, 7)));
//! ```

use crate::model::{
    AwsService, CidrText, Connectivity, Database, DatabaseEngine, DatabaseKind, Document, EgressOnlyGateway, Endpoint,
    EndpointKind, EndpointPolicy, Function, Instance, InternetGateway, Nacl, NaclAction, NaclRule, NatGateway,
    Protocol, Rect, Route, RouteDestination, RouteTable, RouteTarget, SecurityGroup, ServiceNode, SgPeer, SgRule,
    Subnet, Tenancy, Vpc, VpcConfig,
};
use std::collections::BTreeSet;

/// The size and proportions of a generated design.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shape {
    /// Number of VPCs (at most 4,096: each gets a /20 of 10.0.0.0/8).
    pub vpcs: usize,
    /// Availability Zones per VPC, 1 to 6.
    pub azs: usize,
    /// Lambda functions in the whole design, spread evenly over the VPCs.
    pub functions: usize,
    /// Distinct (subnets, security groups) placements per VPC that functions share.
    pub placements: usize,
    /// RDS databases in the whole design, spread evenly over the VPCs.
    pub databases: usize,
    /// EC2 instances in the whole design, spread evenly over the VPCs.
    pub instances: usize,
    /// Seeds the choices that vary: which VPCs share one NAT gateway, database engines,
    /// which function takes which placement, which instances have public IPs.
    pub seed: u64,
}

impl Shape {
    /// A design of about `components` components (as counted by
    /// [`Document::components`]), in the proportions of a serverless estate: about 60
    /// components per VPC, three AZs, four placements, two databases and one instance per
    /// VPC, and functions for the rest. Below 60 it is one VPC in two AZs.
    pub fn for_components(components: usize, seed: u64) -> Shape {
        let small = components < 60;
        let vpcs = if small { 1 } else { (components / 60).clamp(1, MAX_VPCS) };
        let mut shape = Shape {
            vpcs,
            azs: if small { 2 } else { 3 },
            functions: 0,
            placements: if small { 2 } else { 4 },
            databases: vpcs * if small { 1 } else { 2 },
            instances: vpcs,
            seed,
        };
        // Whatever the fixed parts of each VPC add up to, functions make up the rest.
        let fixed = generate(&shape).components().count();
        shape.functions = components.saturating_sub(fixed).max(vpcs);
        shape
    }

    /// One VPC in three AZs with `functions` functions over `placements` placements, two
    /// databases and an instance: the series where functions grow and combinations do not.
    pub fn one_vpc(functions: usize, placements: usize, seed: u64) -> Shape {
        Shape {
            vpcs: 1,
            azs: 3,
            functions,
            placements,
            databases: 2,
            instances: 1,
            seed,
        }
    }

    /// The number of distinct (subnet, security-group set) pairs the functions use: the
    /// number of Hyperplane ENIs Lambda would create.
    pub fn eni_combinations(&self) -> usize {
        let per_vpc: usize = (0..self.placements.min(self.functions_per_vpc_max()))
            .map(|p| placement_subnets(p, self.azs.clamp(1, MAX_AZS)).len())
            .sum();
        per_vpc * self.vpcs.clamp(1, MAX_VPCS)
    }

    fn functions_per_vpc_max(&self) -> usize {
        self.functions.div_ceil(self.vpcs.clamp(1, MAX_VPCS))
    }
}

const MAX_VPCS: usize = 4096;
const MAX_AZS: usize = 6;
const AZ_LETTERS: [char; MAX_AZS] = ['a', 'b', 'c', 'd', 'e', 'f'];

/// Builds the design described by `shape`. Deterministic; never panics (sizes out of range
/// are clamped).
pub fn generate(shape: &Shape) -> Document {
    let vpcs = shape.vpcs.clamp(1, MAX_VPCS);
    let azs = shape.azs.clamp(1, MAX_AZS);
    let placements = shape.placements.max(1);
    let mut doc = Document::new(format!(
        "Generated: {vpcs} VPC(s), {} function(s), seed {}",
        shape.functions, shape.seed
    ));
    doc.description = "A synthetic design made by vpc_engine::generate for benchmarks and performance tests.".into();
    let mut rng = Rng::new(shape.seed);
    for v in 0..vpcs {
        let plan = VpcPlan {
            index: v,
            azs,
            placements,
            functions: share(shape.functions, vpcs, v),
            databases: share(shape.databases, vpcs, v),
            instances: share(shape.instances, vpcs, v),
            dual_stack: v % 4 == 3,
            single_nat: azs > 1 && rng.below(4) == 0,
            dynamodb_endpoint: rng.below(3) != 0,
            sqs_endpoint: rng.below(4) != 0,
        };
        plan.build(&mut doc, &mut rng);
    }
    for (i, service) in [AwsService::S3, AwsService::DynamoDb, AwsService::SecretsManager]
        .into_iter()
        .enumerate()
    {
        let id = service.key().to_owned();
        doc.layout.insert(
            id.clone(),
            Rect {
                x: -260.0,
                y: 80.0 + 120.0 * i as f64,
                w: 0.0,
                h: 0.0,
            },
        );
        doc.services.push(ServiceNode {
            id: id.as_str().into(),
            name: service.to_string(),
            service,
        });
    }
    doc
}

/// The part of `total` that goes to bucket `i` of `n`, so that the parts add up to `total`.
fn share(total: usize, n: usize, i: usize) -> usize {
    total / n + usize::from(i < total % n)
}

/// The private subnets (as AZ indexes) that placement `p` uses: every AZ for even
/// placements, the first two for odd ones (a function that only needs two AZs).
fn placement_subnets(p: usize, azs: usize) -> Vec<usize> {
    if p.is_multiple_of(2) {
        (0..azs).collect()
    } else {
        (0..azs.min(2)).collect()
    }
}

/// Everything decided about one VPC before it is built.
struct VpcPlan {
    index: usize,
    azs: usize,
    placements: usize,
    functions: usize,
    databases: usize,
    instances: usize,
    dual_stack: bool,
    single_nat: bool,
    dynamodb_endpoint: bool,
    sqs_endpoint: bool,
}

// Canvas geometry of one VPC, in world units.
const AZ_W: f64 = 340.0;
const TIER_H: f64 = 220.0;
const SIDE_W: f64 = 220.0;
const PAD: f64 = 40.0;

impl VpcPlan {
    fn id(&self, what: &str) -> String {
        format!("v{}-{what}", self.index)
    }

    fn az_id(&self, what: &str, az: usize) -> String {
        format!("v{}-{what}-{}", self.index, AZ_LETTERS[az])
    }

    /// 10.X.Y.0/20, subnets are /24s inside it: tier t (0 public, 1 private, 2 database) in
    /// AZ a gets 10.X.(Y + 4t + a).0/24. Four AZs per tier fit; more AZs use /26s.
    fn subnet_cidr(&self, tier: usize, az: usize) -> String {
        let (x, y) = (self.index / 16, (self.index % 16) * 16);
        if self.azs <= 4 {
            format!("10.{x}.{}.0/24", y + 4 * tier + az)
        } else {
            let n = tier * MAX_AZS + az; // 0..18, /26s: 4 per /24
            format!("10.{x}.{}.{}/26", y + n / 4, (n % 4) * 64)
        }
    }

    fn vpc_cidr(&self) -> String {
        format!("10.{}.{}.0/20", self.index / 16, (self.index % 16) * 16)
    }

    fn ipv6_block(&self) -> String {
        format!("2600:1f18:{:x}::/56", self.index)
    }

    fn subnet_ipv6(&self, tier: usize, az: usize) -> String {
        format!("2600:1f18:{:x}:{:x}::/64", self.index, tier * MAX_AZS + az)
    }

    fn origin(&self) -> (f64, f64) {
        let width = self.azs as f64 * AZ_W + SIDE_W + 3.0 * PAD;
        let height = 3.0 * TIER_H + 3.0 * PAD;
        ((self.index % 8) as f64 * width, (self.index / 8) as f64 * height)
    }

    fn build(&self, doc: &mut Document, rng: &mut Rng) {
        let (ox, oy) = self.origin();
        let vpc_id = self.id("vpc");
        let igw = self.id("igw");
        let eigw = self.id("eigw");
        let db_rt = self.id("db-rt");
        let public_rt = self.id("public-rt");
        let nacl = self.id("private-nacl");
        let vpc_cidr = self.vpc_cidr();
        let everywhere = |v6: bool| if v6 { "::/0" } else { "0.0.0.0/0" };
        let families: &[bool] = if self.dual_stack { &[false, true] } else { &[false] };

        doc.vpcs.push(Vpc {
            id: vpc_id.as_str().into(),
            name: format!("vpc-{}", self.index),
            cidr: CidrText::new(&vpc_cidr),
            secondary_cidrs: vec![],
            ipv6_cidr: self.dual_stack.then(|| CidrText::new(self.ipv6_block())),
            enable_dns_support: true,
            enable_dns_hostnames: true,
            main_route_table: Some(db_rt.as_str().into()),
            default_nacl: None,
            tenancy: Tenancy::Default,
        });
        let width = self.azs as f64 * AZ_W + SIDE_W + PAD;
        doc.layout.insert(
            vpc_id.clone(),
            Rect {
                x: ox,
                y: oy,
                w: width,
                h: 3.0 * TIER_H + PAD,
            },
        );

        doc.internet_gateways.push(InternetGateway {
            id: igw.as_str().into(),
            name: String::new(),
            vpc: Some(vpc_id.as_str().into()),
        });
        doc.layout.insert(igw.clone(), at(ox + width / 2.0, oy));
        if self.dual_stack {
            doc.egress_only_gateways.push(EgressOnlyGateway {
                id: eigw.as_str().into(),
                name: String::new(),
                vpc: Some(vpc_id.as_str().into()),
            });
            doc.layout.insert(eigw.clone(), at(ox + width / 2.0 + 80.0, oy));
        }

        // Subnets: tier 0 public, 1 private, 2 database.
        for tier in 0..3 {
            for (az, letter) in AZ_LETTERS.iter().enumerate().take(self.azs) {
                let id = self.az_id(["public", "private", "db"][tier], az);
                doc.subnets.push(Subnet {
                    id: id.as_str().into(),
                    name: String::new(),
                    vpc: vpc_id.as_str().into(),
                    az: format!("us-east-1{}", letter),
                    cidr: CidrText::new(self.subnet_cidr(tier, az)),
                    ipv6_cidr: self.dual_stack.then(|| CidrText::new(self.subnet_ipv6(tier, az))),
                    route_table: match tier {
                        0 => Some(public_rt.as_str().into()),
                        1 => Some(self.az_id("private-rt", az).as_str().into()),
                        _ => None,
                    },
                    nacl: (tier == 1).then(|| nacl.as_str().into()),
                });
                let (x, y) = self.subnet_origin(tier, az);
                doc.layout.insert(
                    id,
                    Rect {
                        x,
                        y,
                        w: AZ_W - PAD / 2.0,
                        h: TIER_H - PAD / 2.0,
                    },
                );
            }
        }

        // NAT gateways in the public subnets: one per AZ, or one for all.
        let nat_count = if self.single_nat { 1 } else { self.azs };
        for az in 0..nat_count {
            let id = self.az_id("nat", az);
            let (x, y) = self.subnet_origin(0, az);
            doc.layout.insert(id.clone(), at(x + AZ_W - 90.0, y + 40.0));
            doc.nat_gateways.push(NatGateway {
                id: id.as_str().into(),
                name: String::new(),
                subnet: self.az_id("public", az).as_str().into(),
                connectivity: Connectivity::Public,
                elastic_ip: true,
            });
        }

        // Route tables.
        let side_x = ox + self.azs as f64 * AZ_W + PAD;
        let mut side_y = oy + PAD;
        let mut side = |doc: &mut Document, id: &str| {
            doc.layout.insert(id.to_owned(), at(side_x, side_y));
            side_y += 36.0;
        };
        let route = |v6: bool, target: RouteTarget| Route {
            destination: RouteDestination::Cidr(CidrText::new(everywhere(v6))),
            target,
        };
        doc.route_tables.push(RouteTable {
            id: public_rt.as_str().into(),
            name: String::new(),
            vpc: vpc_id.as_str().into(),
            routes: families
                .iter()
                .map(|&v6| route(v6, RouteTarget::InternetGateway(igw.as_str().into())))
                .collect(),
        });
        side(doc, &public_rt);
        let mut private_rts = Vec::new();
        for az in 0..self.azs {
            let id = self.az_id("private-rt", az);
            let nat = self.az_id("nat", if self.single_nat { 0 } else { az });
            let mut routes = vec![route(false, RouteTarget::NatGateway(nat.as_str().into()))];
            if self.dual_stack {
                routes.push(route(true, RouteTarget::EgressOnlyGateway(eigw.as_str().into())));
            }
            doc.route_tables.push(RouteTable {
                id: id.as_str().into(),
                name: String::new(),
                vpc: vpc_id.as_str().into(),
                routes,
            });
            side(doc, &id);
            private_rts.push(id);
        }
        doc.route_tables.push(RouteTable {
            id: db_rt.as_str().into(),
            name: String::new(),
            vpc: vpc_id.as_str().into(),
            routes: vec![],
        });
        side(doc, &db_rt);

        // The private subnets' NACL: the VPC's own traffic in, replies on ephemeral ports in,
        // everything out.
        let rule = |number: u16, protocol: Protocol, from_port: u16, cidr: &str| NaclRule {
            number,
            action: NaclAction::Allow,
            protocol,
            from_port,
            to_port: 65535,
            cidr: CidrText::new(cidr),
        };
        let mut inbound = vec![
            rule(100, Protocol::All, 0, &vpc_cidr),
            rule(110, Protocol::Tcp, 1024, "0.0.0.0/0"),
        ];
        let mut outbound = vec![rule(100, Protocol::All, 0, "0.0.0.0/0")];
        if self.dual_stack {
            inbound.push(rule(101, Protocol::All, 0, &self.ipv6_block()));
            inbound.push(rule(111, Protocol::Tcp, 1024, "::/0"));
            outbound.push(rule(101, Protocol::All, 0, "::/0"));
        }
        doc.network_acls.push(Nacl {
            id: nacl.as_str().into(),
            name: String::new(),
            vpc: vpc_id.as_str().into(),
            inbound,
            outbound,
        });
        side(doc, &nacl);

        // Security groups.
        let out_all: Vec<SgRule> = families
            .iter()
            .map(|&v6| SgRule::all_to(SgPeer::Cidr(everywhere(v6).into())))
            .collect();
        let fn_sgs: Vec<String> = (0..self.placements).map(|p| self.id(&format!("fn{p}-sg"))).collect();
        let shared_sg = self.id("shared-sg");
        let db_sg = self.id("db-sg");
        let endpoint_sg = self.id("endpoint-sg");
        let web_sg = self.id("web-sg");
        let engines: Vec<DatabaseEngine> = (0..self.databases)
            .map(|_| {
                [
                    DatabaseEngine::Postgres,
                    DatabaseEngine::Mysql,
                    DatabaseEngine::Postgres,
                    DatabaseEngine::Mariadb,
                ][rng.below(4)]
            })
            .collect();
        let db_ports: BTreeSet<u16> = engines.iter().map(|e| e.default_port()).collect();
        for (p, id) in fn_sgs.iter().enumerate() {
            // Most function groups keep the default allow-all outbound rule; every fourth is
            // least-privilege: HTTPS anywhere and the database ports to the database group.
            let outbound = if p % 4 == 3 {
                let mut rules: Vec<SgRule> = families
                    .iter()
                    .map(|&v6| SgRule::tcp(443, SgPeer::Cidr(everywhere(v6).into())))
                    .collect();
                rules.extend(
                    db_ports
                        .iter()
                        .map(|&port| SgRule::tcp(port, SgPeer::SecurityGroup(db_sg.as_str().into()))),
                );
                rules
            } else {
                out_all.clone()
            };
            doc.security_groups.push(SecurityGroup {
                id: id.as_str().into(),
                name: String::new(),
                vpc: vpc_id.as_str().into(),
                inbound: vec![],
                outbound,
            });
            side(doc, id);
        }
        let mut shared = SecurityGroup::with_default_rules(shared_sg.as_str(), "", vpc_id.as_str().into());
        shared
            .inbound
            .push(SgRule::all_to(SgPeer::SecurityGroup(shared_sg.as_str().into())));
        shared.outbound = out_all.clone();
        doc.security_groups.push(shared);
        side(doc, &shared_sg);
        let mut db = SecurityGroup::with_default_rules(db_sg.as_str(), "", vpc_id.as_str().into());
        db.outbound = out_all.clone();
        for port in &db_ports {
            for sg in &fn_sgs {
                db.inbound
                    .push(SgRule::tcp(*port, SgPeer::SecurityGroup(sg.as_str().into())));
            }
        }
        doc.security_groups.push(db);
        side(doc, &db_sg);
        let mut endpoint = SecurityGroup::with_default_rules(endpoint_sg.as_str(), "", vpc_id.as_str().into());
        endpoint
            .inbound
            .push(SgRule::tcp(443, SgPeer::Cidr(vpc_cidr.as_str().into())));
        endpoint.outbound = out_all.clone();
        doc.security_groups.push(endpoint);
        side(doc, &endpoint_sg);
        let mut web = SecurityGroup::with_default_rules(web_sg.as_str(), "", vpc_id.as_str().into());
        web.inbound = families
            .iter()
            .map(|&v6| SgRule::tcp(443, SgPeer::Cidr(everywhere(v6).into())))
            .collect();
        web.outbound = out_all;
        doc.security_groups.push(web);
        side(doc, &web_sg);

        // Endpoints.
        let mut gateways = vec![AwsService::S3];
        if self.dynamodb_endpoint {
            gateways.push(AwsService::DynamoDb);
        }
        for service in gateways {
            let id = self.id(&format!("{}-gw", service.key()));
            doc.endpoints.push(Endpoint {
                id: id.as_str().into(),
                name: String::new(),
                vpc: vpc_id.as_str().into(),
                service,
                kind: EndpointKind::Gateway {
                    route_tables: private_rts.iter().map(|r| r.as_str().into()).collect(),
                },
                policy: EndpointPolicy::AllowAll,
            });
            side(doc, &id);
        }
        let mut interfaces = vec![AwsService::SecretsManager];
        if self.sqs_endpoint {
            interfaces.push(AwsService::Sqs);
        }
        for service in interfaces {
            let id = self.id(&format!("{}-vpce", service.key()));
            doc.endpoints.push(Endpoint {
                id: id.as_str().into(),
                name: String::new(),
                vpc: vpc_id.as_str().into(),
                service,
                kind: EndpointKind::Interface {
                    subnets: (0..self.azs)
                        .map(|az| self.az_id("private", az).as_str().into())
                        .collect(),
                    security_groups: vec![endpoint_sg.as_str().into()],
                    private_dns: true,
                },
                policy: EndpointPolicy::AllowAll,
            });
            side(doc, &id);
        }

        // Functions: the first ones take each placement once, the rest pick at random.
        for f in 0..self.functions {
            let p = if f < self.placements {
                f
            } else {
                rng.below(self.placements)
            };
            let subnets = placement_subnets(p, self.azs);
            let mut security_groups = vec![fn_sgs[p].as_str().into()];
            if p % 3 == 2 {
                security_groups.push(shared_sg.as_str().into());
            }
            let id = self.id(&format!("fn{f}"));
            let (x, y) = self.subnet_origin(1, f % subnets.len());
            let slot = f / subnets.len();
            doc.layout.insert(
                id.clone(),
                at(
                    x + 20.0 + (slot % 6) as f64 * 50.0,
                    y + 30.0 + ((slot / 6) % 3) as f64 * 50.0,
                ),
            );
            doc.functions.push(Function {
                id: id.as_str().into(),
                name: String::new(),
                vpc_config: Some(VpcConfig {
                    subnets: subnets
                        .iter()
                        .map(|&az| self.az_id("private", az).as_str().into())
                        .collect(),
                    security_groups,
                    ipv6_allowed_for_dual_stack: self.dual_stack,
                }),
            });
        }

        // Databases in the database subnets; the first also joins the shared group.
        for (d, engine) in engines.into_iter().enumerate() {
            let id = self.id(&format!("db{d}"));
            let mut security_groups = vec![db_sg.as_str().into()];
            if d == 0 {
                security_groups.push(shared_sg.as_str().into());
            }
            let (x, y) = self.subnet_origin(2, d % self.azs);
            doc.layout
                .insert(id.clone(), at(x + 30.0 + (d / self.azs % 6) as f64 * 50.0, y + 60.0));
            doc.databases.push(Database {
                id: id.as_str().into(),
                name: String::new(),
                kind: if rng.below(3) == 0 {
                    DatabaseKind::AuroraCluster
                } else {
                    DatabaseKind::Instance
                },
                engine,
                port: None,
                subnet_group: (0..self.azs)
                    .map(|az| self.az_id("db", (az + d) % self.azs).as_str().into())
                    .collect(),
                security_groups,
                publicly_accessible: false,
            });
        }

        // Instances in the public subnets; some have a public address.
        for i in 0..self.instances {
            let id = self.id(&format!("web{i}"));
            let az = i % self.azs;
            let (x, y) = self.subnet_origin(0, az);
            doc.layout
                .insert(id.clone(), at(x + 30.0 + (i / self.azs % 4) as f64 * 50.0, y + 120.0));
            let public_ip = rng.below(2) == 0;
            doc.instances.push(Instance {
                id: id.as_str().into(),
                name: String::new(),
                subnet: self.az_id("public", az).as_str().into(),
                security_groups: vec![web_sg.as_str().into()],
                public_ip,
                elastic_ip: !public_ip && rng.below(2) == 0,
                port: 443,
            });
        }
    }

    fn subnet_origin(&self, tier: usize, az: usize) -> (f64, f64) {
        let (ox, oy) = self.origin();
        (ox + PAD / 2.0 + az as f64 * AZ_W, oy + PAD + tier as f64 * TIER_H)
    }
}

fn at(x: f64, y: f64) -> Rect {
    Rect { x, y, w: 0.0, h: 0.0 }
}

/// xorshift64*: small, fast and good enough to vary a synthetic design.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // SplitMix64 scrambles the seed so that 0, 1, 2 … give unrelated streams and the
        // state is never zero.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn same_shape_gives_the_same_design_and_seeds_vary_it() {
        let shape = Shape::for_components(3_000, 1);
        assert_eq!(generate(&shape), generate(&shape));
        assert_ne!(generate(&shape), generate(&Shape { seed: 2, ..shape }));
    }

    #[test]
    fn component_counts_are_close_to_the_request() {
        for n in [30, 60, 300, 3_000, 30_000] {
            let count = generate(&Shape::for_components(n, 9)).components().count();
            let slack = n / 10 + 2;
            assert!(count.abs_diff(n) <= slack, "asked {n}, got {count}");
        }
    }

    #[test]
    fn ids_are_unique_and_every_reference_points_at_a_component() {
        let doc = generate(&Shape::for_components(1_000, 3));
        let mut ids = HashSet::new();
        for (id, _) in doc.components() {
            assert!(ids.insert(id.to_owned()), "duplicate id {id}");
        }
        let known = |id: &str| assert!(ids.contains(id), "dangling reference {id}");
        for s in &doc.subnets {
            known(s.vpc.as_str());
            s.route_table.iter().for_each(|r| known(r.as_str()));
            s.nacl.iter().for_each(|n| known(n.as_str()));
        }
        for f in &doc.functions {
            let cfg = f.vpc_config.as_ref().expect("generated functions are in a VPC");
            cfg.subnets.iter().for_each(|s| known(s.as_str()));
            cfg.security_groups.iter().for_each(|s| known(s.as_str()));
            assert!((1..=16).contains(&cfg.subnets.len()) && (1..=5).contains(&cfg.security_groups.len()));
        }
        for n in &doc.nat_gateways {
            known(n.subnet.as_str());
        }
        for rt in &doc.route_tables {
            for r in &rt.routes {
                match &r.target {
                    RouteTarget::InternetGateway(id) => known(id.as_str()),
                    RouteTarget::NatGateway(id) => known(id.as_str()),
                    RouteTarget::EgressOnlyGateway(id) => known(id.as_str()),
                    other => panic!("unexpected target {other:?}"),
                }
            }
        }
        for id in doc.layout.keys() {
            known(id);
        }
    }

    #[test]
    fn every_cidr_parses_and_subnets_do_not_overlap() {
        let doc = generate(&Shape {
            vpcs: 20,
            azs: 6,
            functions: 40,
            placements: 3,
            databases: 20,
            instances: 20,
            seed: 5,
        });
        let mut nets = Vec::new();
        for s in &doc.subnets {
            let net = s.cidr.parse().unwrap_or_else(|e| panic!("{}: {e:?}", s.cidr.as_str()));
            let vpc = doc.vpcs.iter().find(|v| v.id == s.vpc).unwrap();
            assert!(
                vpc.cidr.parse().unwrap().contains(&net),
                "{} outside its VPC",
                s.cidr.as_str()
            );
            if let Some(v6) = &s.ipv6_cidr {
                let v6 = v6.parse().unwrap();
                assert!(vpc.ipv6_cidr.as_ref().unwrap().parse().unwrap().contains(&v6));
            }
            nets.push(net);
        }
        for (i, a) in nets.iter().enumerate() {
            for b in &nets[i + 1..] {
                assert!(!a.contains(b) && !b.contains(a), "{a} overlaps {b}");
            }
        }
    }

    #[test]
    fn functions_grow_without_new_combinations() {
        let few = generate(&Shape::one_vpc(8, 4, 0));
        let many = generate(&Shape::one_vpc(800, 4, 0));
        let combos = |doc: &Document| {
            doc.functions
                .iter()
                .flat_map(|f| {
                    let cfg = f.vpc_config.clone().unwrap();
                    cfg.subnets.into_iter().map(move |s| (s, cfg.security_groups.clone()))
                })
                .collect::<HashSet<_>>()
                .len()
        };
        assert_eq!(many.functions.len(), 800);
        assert_eq!(combos(&few), combos(&many));
        assert_eq!(combos(&many), Shape::one_vpc(800, 4, 0).eni_combinations());
    }
}
