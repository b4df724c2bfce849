//! `terraform-aws-modules/vpc/aws`, releases 3.0.0 to 6.6.0.
//!
//! Modelled from the module's `main.tf`, `variables.tf` and `outputs.tf` (github.com/
//! terraform-aws-modules/terraform-aws-vpc, Apache-2.0) read at
//! v3.19.0 (90ef90a311c547dd05054a81d2de592885ba9996), v3.14.2 (78f2845ee92364038780893e8d2107d692a163d3),
//! v4.0.0 (57323d9cfcdff7f14dc2fae8175157a5444a6623), v4.0.2 (faa7ad9cd9a9ec98c4e2dfc1e5b370b4558cd23b),
//! v5.21.0 (7c1f791efd61f326ed6102d564d1a65d1eceedf0) and v6.6.0 (82d1929e669efef4e2ad00611b8a68e7a56e049c),
//! with the counts that changed in between checked release by release (see [`Features`]).
//! v6 differs from v5.21 only by a `region` argument on every resource and customer-gateway
//! fields, so the two are modelled alike.
//!
//! What changes between the majors, for reachability:
//! - v4 (docs/UPGRADE-4.0.md): `manage_default_security_group`, `manage_default_network_acl` and
//!   `manage_default_route_table` default to true, so the VPC's default security group is managed
//!   with no rules (`default_security_group_ingress`/`egress` default to `[]`);
//!   `map_public_ip_on_launch` defaults to false; `enable_dns_hostnames` to true; the subnet counts
//!   become `max(length(X_subnets), length(X_subnet_ipv6_prefixes))`.
//! - v3 leaves the default security group, network ACL and route table alone.
//!
//! Not modelled (a note says so when used): VPN gateways and their route propagation, customer
//! gateways, DHCP options, flow logs, the default VPC, IPAM pools (the CIDR is then unknown) and
//! VPC block-public-access options.

use serde_json::{json, Map, Value};

use super::input::{element, lookup_string, number_or_null, opt_str, split_list, Ctx};
use super::versions::Version;
use crate::config::{Expansion, RegistryCall};

const MODULE: &str = "terraform-aws-modules/vpc/aws";

/// Inputs that exist only in some releases (`variables.tf` of every tag): name (`{kind}` for each
/// subnet kind), first release with it, first release without it.
const VERSIONED_INPUTS: &[(&str, Option<&str>, Option<&str>)] = &[
    ("nat_gateway_destination_cidr_block", Some("3.12.0"), None),
    ("putin_khuylo", Some("3.13.0"), None),
    ("use_ipam_pool", Some("3.16.0"), None),
    ("{kind}_subnet_names", Some("3.17.0"), None),
    ("assign_ipv6_address_on_creation", None, Some("4.0.0")),
    ("{kind}_subnet_ipv6_native", Some("4.0.0"), None),
    ("{kind}_subnet_enable_dns64", Some("4.0.0"), None),
    ("create_multiple_public_route_tables", Some("5.8.0"), None),
    ("create_multiple_intra_route_tables", Some("5.8.0"), None),
    ("create_private_nat_gateway_route", Some("5.15.0"), None),
];

/// Every release from 3.0.0 on: the repository's tags and its `chore(release)` commits.
pub const RELEASES: &[&str] = &[
    "3.0.0", "3.1.0", "3.2.0", "3.3.0", "3.4.0", "3.5.0", "3.6.0", "3.7.0", "3.8.0", "3.9.0", "3.10.0", "3.11.0",
    "3.11.1", "3.11.2", "3.11.3", "3.11.4", "3.11.5", "3.12.0", "3.13.0", "3.14.0", "3.14.1", "3.14.2", "3.14.3",
    "3.14.4", "3.15.0", "3.16.0", "3.16.1", "3.17.0", "3.18.0", "3.18.1", "3.19.0", "4.0.0", "4.0.1", "4.0.2", "5.0.0",
    "5.1.0", "5.1.1", "5.1.2", "5.2.0", "5.3.0", "5.4.0", "5.5.0", "5.5.1", "5.5.2", "5.5.3", "5.6.0", "5.7.0",
    "5.7.1", "5.7.2", "5.8.0", "5.8.1", "5.9.0", "5.10.0", "5.11.0", "5.12.0", "5.12.1", "5.13.0", "5.14.0", "5.15.0",
    "5.16.0", "5.17.0", "5.18.0", "5.18.1", "5.19.0", "5.20.0", "5.21.0", "5.21.1", "6.0.0", "6.0.1", "6.1.0", "6.2.0",
    "6.3.0", "6.4.0", "6.4.1", "6.5.0", "6.5.1", "6.6.0",
];

/// What the resolved release does, where releases differ (each checked with `git show
/// vX:main.tf` over every tag).
#[derive(Debug, Clone, Copy)]
struct Features {
    v: Version,
}

impl Features {
    /// v4's defaults (UPGRADE-4.0.md) and `len_X = max(subnets, ipv6 prefixes)`.
    fn v4(self) -> bool {
        self.v.major >= 4
    }
    /// `local.max_subnet_length`: v3 `max(private, elasticache, database, redshift)`; v4.0.0
    /// `max(public, elasticache, database, redshift)`; v4.0.1–v5.1.1 all six including intra;
    /// from v5.1.2 all but intra.
    fn max_subnet_length(self, len: &Lens) -> usize {
        let v = self.v;
        let mut of = vec![len.elasticache, len.database, len.redshift];
        if v.major < 4 {
            of.push(len.private);
        } else if v == Version::new(4, 0, 0) {
            of.push(len.public);
        } else {
            of.push(len.private);
            of.push(len.public);
            if v < Version::new(5, 1, 2) {
                of.push(len.intra);
            }
        }
        of.into_iter().max().unwrap_or(0)
    }
    /// `create_multiple_public_route_tables` / `create_multiple_intra_route_tables` (v5.8.0).
    fn multiple_route_tables(self) -> bool {
        self.v >= Version::new(5, 8, 0)
    }
    /// The internet gateway routes go in every public route table from v5.11.0; from v5.8.0 to
    /// v5.10.0 only `aws_route_table.public[0]` has one (count 1), even with multiple tables.
    fn igw_route_per_public_table(self) -> bool {
        self.v >= Version::new(5, 11, 0)
    }
    /// `create_private_nat_gateway_route` (v5.15.0).
    fn private_nat_route_switch(self) -> bool {
        self.v >= Version::new(5, 15, 0)
    }
    /// `aws_route.private_ipv6_egress` counts `nat_gateway_count` (one per private route table)
    /// from v5.7.1; before, `length(private_subnets)`.
    fn ipv6_egress_per_route_table(self) -> bool {
        self.v >= Version::new(5, 7, 1)
    }
    /// `*_dns64_nat_gateway` routes (v4.0.2; the subnets set `enable_dns64` from v4.0.0).
    fn dns64(self) -> bool {
        self.v >= Version::new(4, 0, 2)
    }
    /// `aws_eip.nat` sets `domain = "vpc"` from v5.0.0, `vpc = true` before.
    fn eip_domain(self) -> bool {
        self.v.major >= 5
    }
    /// `nat_gateway_destination_cidr_block` (v3.12.0; `"0.0.0.0/0"` written before).
    fn nat_destination_input(self) -> bool {
        self.v >= Version::new(3, 12, 0)
    }
    /// `assign_generated_ipv6_cidr_block = var.enable_ipv6 && !var.use_ipam_pool ? true : null`
    /// from v3.16.0 (IPAM pools); `= var.enable_ipv6` before.
    fn ipam(self) -> bool {
        self.v >= Version::new(3, 16, 0)
    }
    /// Outputs of things not created: `""` in v3, `null` from v4 (UPGRADE-4.0.md).
    fn absent(self) -> Value {
        if self.v4() {
            Value::Null
        } else {
            Value::String(String::new())
        }
    }
}

#[derive(Debug, Default)]
struct Lens {
    public: usize,
    private: usize,
    database: usize,
    elasticache: usize,
    redshift: usize,
    intra: usize,
}

/// A list input whose items may be unknown.
type Strings = Vec<Option<String>>;

/// The subnet kinds, in the module's order.
const KINDS: [&str; 7] = [
    "public",
    "private",
    "database",
    "redshift",
    "elasticache",
    "intra",
    "outpost",
];

/// One kind's subnets as made.
#[derive(Debug, Default, Clone)]
struct Subnets {
    /// How many the module counts (`len_X`), whether or not they were created.
    len: usize,
    addresses: Vec<String>,
    /// Each subnet's block; `None` when only known after apply.
    cidrs: Vec<Option<Value>>,
    ipv6: Vec<Option<Value>>,
}

pub fn expand(call: &RegistryCall) -> Option<Expansion> {
    let (mut cx, v) = Ctx::new(
        call,
        MODULE,
        RELEASES,
        Version::new(3, 0, 0),
        "terraform-aws-vpc main.tf/variables.tf/outputs.tf at v3.19.0, v4.0.2, v5.21.0 and v6.6.0",
    )?;
    let f = Features { v };
    let v4 = f.v4();

    let create_vpc = cx.bool("create_vpc", true) && cx.bool("putin_khuylo", true);
    let name = cx.string("name", "");
    let enable_ipv6 = cx.bool("enable_ipv6", false);
    let use_ipam = f.ipam() && cx.bool("use_ipam_pool", false);
    let single_nat = cx.bool("single_nat_gateway", false);
    let per_az = cx.bool("one_nat_gateway_per_az", false);
    let enable_nat = cx.bool("enable_nat_gateway", false);
    let reuse_nat_ips = cx.bool("reuse_nat_ips", false);
    let create_igw = cx.bool("create_igw", true);
    let create_eigw = cx.bool("create_egress_only_igw", true);

    for (input, since, until) in VERSIONED_INPUTS {
        let (since, until) = (since.and_then(Version::parse), until.and_then(Version::parse));
        let before = since.is_some_and(|s| v < s);
        let after = until.is_some_and(|u| v >= u);
        let kinds: Vec<String> = if input.contains("{kind}") {
            KINDS.iter().map(|k| input.replace("{kind}", k)).collect()
        } else {
            vec![(*input).to_owned()]
        };
        for name in kinds {
            if cx.raw(&name).is_some() && (before || after) {
                let when = if before {
                    format!("added in {}", since.map(|s| s.to_string()).unwrap_or_default())
                } else {
                    format!("removed in {}", until.map(|u| u.to_string()).unwrap_or_default())
                };
                cx.note(format!(
                    "`{name}` is not an input of release {v} ({when}): Terraform fails on it; it is ignored"
                ));
            }
        }
    }
    for (input, what) in [
        ("enable_vpn_gateway", "a VPN gateway"),
        ("enable_dhcp_options", "DHCP options"),
        ("enable_flow_log", "flow logs"),
        ("manage_default_vpc", "the account's default VPC"),
    ] {
        if cx.opt_bool(input) == Some(true) {
            cx.note(format!(
                "`{input} = true`: {what} is not modelled; its resources are left out"
            ));
        }
    }
    if cx
        .raw("customer_gateways")
        .and_then(Value::as_object)
        .is_some_and(|m| !m.is_empty())
    {
        cx.note("`customer_gateways`: customer gateways are not modelled; they are left out");
    }

    // The VPC.
    let vpc = cx.address("aws_vpc", "this", Some("0"));
    let cidr_unknown = use_ipam || matches!(cx.raw("cidr"), Some(Value::Null));
    let cidr = if cidr_unknown {
        Value::Null
    } else {
        Value::String(cx.string("cidr", if v4 { "10.0.0.0/16" } else { "0.0.0.0/0" }))
    };
    if use_ipam {
        cx.note("`use_ipam_pool = true`: the VPC's CIDR comes from an IPAM pool and is not known before apply");
    }
    if create_vpc {
        let mut unknown = Vec::new();
        if cidr_unknown {
            unknown.push("cidr_block".to_owned());
        }
        let dns_hostnames = cx.bool("enable_dns_hostnames", v4);
        let dns_support = cx.bool("enable_dns_support", true);
        let tenancy = cx.string("instance_tenancy", "default");
        let ipv6_cidr = cx.opt_string("ipv6_cidr");
        cx.add(
            "aws_vpc",
            "this",
            0,
            json!({
                "cidr_block": cidr,
                "assign_generated_ipv6_cidr_block": if !f.ipam() { Value::Bool(enable_ipv6) } else if enable_ipv6 && !use_ipam { Value::Bool(true) } else { Value::Null },
                "ipv6_cidr_block": opt_str(ipv6_cidr),
                "instance_tenancy": tenancy,
                "enable_dns_hostnames": dns_hostnames,
                "enable_dns_support": dns_support,
                "tags": cx.tags(&name, &["vpc_tags"]),
            }),
            unknown,
        );
    }

    let mut secondary = Vec::new();
    if create_vpc {
        let blocks = cx.strings("secondary_cidr_blocks").unwrap_or_else(|| {
            cx.note("`secondary_cidr_blocks` is not known before apply; none are assumed");
            Vec::new()
        });
        for (i, b) in blocks.into_iter().enumerate() {
            let unknown = if b.is_none() {
                vec!["cidr_block".to_owned()]
            } else {
                Vec::new()
            };
            secondary.push(b.clone().map_or(Value::Null, Value::String));
            cx.add(
                "aws_vpc_ipv4_cidr_block_association",
                "this",
                i,
                json!({"vpc_id": vpc, "cidr_block": opt_str(b)}),
                unknown,
            );
        }
    }

    // Subnet lists, their lengths and the AZs.
    let mut lists: Vec<(Strings, Strings)> = Vec::new();
    for kind in KINDS {
        let key = format!("{kind}_subnets");
        let cidrs = cx.strings(&key).unwrap_or_else(|| {
            cx.note(format!(
                "`{key}` is not known before apply, so neither is how many there are; none are assumed"
            ));
            Vec::new()
        });
        let pkey = format!("{kind}_subnet_ipv6_prefixes");
        let prefixes = cx.strings(&pkey).unwrap_or_default();
        lists.push((cidrs, prefixes));
    }
    let len_of = |i: usize| -> usize {
        let (c, p) = &lists[i];
        if v4 {
            c.len().max(p.len())
        } else {
            c.len()
        }
    };
    let lens = Lens {
        public: len_of(0),
        private: len_of(1),
        database: len_of(2),
        redshift: len_of(3),
        elasticache: len_of(4),
        intra: len_of(5),
    };
    let azs_in = cx.strings("azs");
    let most = (0..KINDS.len()).map(len_of).max().unwrap_or(0).max(1);
    let azs: Vec<String> = match &azs_in {
        Some(list) => {
            let mut filled = Vec::new();
            for (i, az) in list.iter().enumerate() {
                match az {
                    Some(a) => filled.push(a.clone()),
                    None => {
                        let s = stand_in_az(i);
                        cx.note(format!("`azs[{i}]` is not known before apply; {s} stands in for it"));
                        filled.push(s);
                    }
                }
            }
            filled
        }
        None => {
            let s: Vec<String> = (0..most).map(stand_in_az).collect();
            cx.note(format!(
                "`azs` is not known before apply; {} stand in for it (one zone per subnet of the longest subnet list)",
                s.join(", ")
            ));
            s
        }
    };
    if azs.is_empty() && (0..6).any(|i| len_of(i) > 0) {
        cx.note("`azs` is empty: Terraform cannot place the subnets (`element(var.azs, …)` fails), so their zones are left unset");
    }

    let max_subnet_length = f.max_subnet_length(&lens);
    let nat_count = if single_nat {
        1
    } else if per_az {
        azs.len()
    } else {
        max_subnet_length
    };

    // Subnets.
    let map_public = cx.bool("map_public_ip_on_launch", !v4);
    let outpost_az = cx.opt_string("outpost_az");
    let outpost_arn = cx.opt_string("outpost_arn");
    let mut subnets: Vec<Subnets> = Vec::new();
    for (k, kind) in KINDS.iter().enumerate() {
        let (cidrs, prefixes) = lists[k].clone();
        let len = len_of(k);
        let mut count = if create_vpc { len } else { 0 };
        if *kind == "public" && per_az && len < azs.len() && count > 0 {
            cx.note(format!(
                "`one_nat_gateway_per_az = true` with fewer public subnets ({len}) than zones ({}): the module creates no public subnet",
                azs.len()
            ));
            count = 0;
        }
        let native = v4 && cx.bool(&format!("{kind}_subnet_ipv6_native"), false);
        let assign_key = format!("{kind}_subnet_assign_ipv6_address_on_creation");
        let assign = if v4 {
            if enable_ipv6 && native {
                true
            } else {
                cx.bool(&assign_key, false)
            }
        } else {
            match cx.opt_bool(&assign_key) {
                Some(b) => b,
                None => cx.bool("assign_ipv6_address_on_creation", false),
            }
        };
        let dns64 = v4 && enable_ipv6 && cx.bool(&format!("{kind}_subnet_enable_dns64"), true);
        let suffix = cx.string(
            &format!("{kind}_subnet_suffix"),
            if *kind == "database" { "db" } else { kind },
        );
        let names = if v >= Version::new(3, 17, 0) {
            cx.strings(&format!("{kind}_subnet_names")).unwrap_or_default()
        } else {
            Vec::new()
        };
        let mut made = Subnets {
            len,
            ..Subnets::default()
        };
        for i in 0..count {
            let mut unknown = Vec::new();
            let cidr = if native {
                Value::Null
            } else {
                let mut with_blank: Vec<Option<String>> = cidrs.clone();
                with_blank.push(Some(String::new()));
                match element(&with_blank, i).flatten() {
                    Some(c) => Value::String(c),
                    None => {
                        unknown.push("cidr_block".to_owned());
                        Value::Null
                    }
                }
            };
            if enable_ipv6 && !prefixes.is_empty() {
                // cidrsubnet(aws_vpc.this[0].ipv6_cidr_block, 8, prefix): Amazon assigns the
                // VPC's block on apply.
                unknown.push("ipv6_cidr_block".to_owned());
            }
            let ipv6 = Value::Null;
            let az = element(&azs, i);
            // Name = try(var.X_subnet_names[i], format("${var.name}-${var.X_subnet_suffix}-%s", element(var.azs, i)))
            let tag = names
                .get(i)
                .cloned()
                .flatten()
                .unwrap_or_else(|| format!("{name}-{suffix}-{}", az.clone().unwrap_or_default()));
            let mut m = Map::new();
            m.insert("vpc_id".into(), Value::String(vpc.clone()));
            m.insert("cidr_block".into(), cidr);
            m.insert("assign_ipv6_address_on_creation".into(), Value::Bool(assign));
            m.insert("ipv6_cidr_block".into(), ipv6);
            m.insert("tags".into(), cx.tags(&tag, &[&format!("{kind}_subnet_tags")]));
            if *kind == "outpost" {
                m.insert("availability_zone".into(), opt_str(outpost_az.clone()));
                m.insert("outpost_arn".into(), opt_str(outpost_arn.clone()));
            } else {
                let is_name = az.as_deref().is_some_and(is_zone_name);
                m.insert(
                    "availability_zone".into(),
                    if is_name { opt_str(az.clone()) } else { Value::Null },
                );
                m.insert(
                    "availability_zone_id".into(),
                    if is_name { Value::Null } else { opt_str(az) },
                );
            }
            if *kind == "public" {
                m.insert("map_public_ip_on_launch".into(), Value::Bool(map_public));
            }
            if v4 {
                m.insert("ipv6_native".into(), Value::Bool(enable_ipv6 && native));
                m.insert("enable_dns64".into(), Value::Bool(dns64));
            }
            let known = |k: &str| (!unknown.iter().any(|u| u == k)).then(|| m[k].clone());
            made.cidrs.push(known("cidr_block"));
            made.ipv6.push(known("ipv6_cidr_block"));
            let a = cx.add("aws_subnet", kind, i, Value::Object(m), unknown);
            made.addresses.push(a);
        }
        subnets.push(made);
    }
    let [public, private, database, redshift, elasticache, intra, outpost] =
        [0, 1, 2, 3, 4, 5, 6].map(|i| subnets[i].clone());
    let create_public = create_vpc && public.len > 0;
    let create_private = create_vpc && private.len > 0;

    // Internet gateways.
    let mut igw = Vec::new();
    if create_public && create_igw {
        igw.push(cx.add("aws_internet_gateway", "this", 0, json!({"vpc_id": vpc}), Vec::new()));
    }
    let mut eigw = Vec::new();
    if create_vpc && create_eigw && enable_ipv6 && max_subnet_length > 0 {
        eigw.push(cx.add(
            "aws_egress_only_internet_gateway",
            "this",
            0,
            json!({"vpc_id": vpc}),
            Vec::new(),
        ));
    }

    // Public route tables.
    let multi_public = f.multiple_route_tables() && cx.bool("create_multiple_public_route_tables", false);
    let num_public_rt = if multi_public { public.len } else { 1 };
    let mut public_rts = Vec::new();
    if create_public {
        for i in 0..num_public_rt {
            public_rts.push(cx.add("aws_route_table", "public", i, json!({"vpc_id": vpc}), Vec::new()));
        }
        for i in 0..public.len {
            let rt = element(&public_rts, if multi_public { i } else { 0 });
            associate(&mut cx, "public", i, element(&public.addresses, i), rt);
        }
        let with_igw_route: Vec<String> = if f.igw_route_per_public_table() {
            public_rts.clone()
        } else {
            public_rts.iter().take(1).cloned().collect()
        };
        if create_igw {
            for (i, rt) in with_igw_route.iter().enumerate() {
                route(
                    &mut cx,
                    "public_internet_gateway",
                    i,
                    rt,
                    ("destination_cidr_block", "0.0.0.0/0"),
                    ("gateway_id", element(&igw, 0)),
                );
            }
            if enable_ipv6 {
                for (i, rt) in with_igw_route.iter().enumerate() {
                    route(
                        &mut cx,
                        "public_internet_gateway_ipv6",
                        i,
                        rt,
                        ("destination_ipv6_cidr_block", "::/0"),
                        ("gateway_id", element(&igw, 0)),
                    );
                }
            }
        }
    }

    // NAT gateways and their addresses.
    let mut eips = Vec::new();
    if create_vpc && enable_nat && !reuse_nat_ips {
        for i in 0..nat_count {
            let values = if f.eip_domain() {
                json!({"domain": "vpc"})
            } else {
                json!({"vpc": true})
            };
            eips.push(cx.add("aws_eip", "nat", i, values, Vec::new()));
        }
    }
    let nat_ips: Vec<Option<String>> = if reuse_nat_ips {
        cx.strings("external_nat_ip_ids").unwrap_or_default()
    } else {
        eips.iter().cloned().map(Some).collect()
    };
    let mut natgws = Vec::new();
    if create_vpc && enable_nat {
        if public.addresses.is_empty() {
            cx.note("`enable_nat_gateway = true` without public subnets: Terraform cannot place the NAT gateways (`element(aws_subnet.public[*].id, …)` fails), so their subnet is left unset");
        }
        for i in 0..nat_count {
            let at = if single_nat { 0 } else { i };
            let alloc = element(&nat_ips, at).flatten();
            let mut unknown = Vec::new();
            if alloc.is_none() {
                unknown.push("allocation_id".to_owned());
            }
            natgws.push(cx.add(
                "aws_nat_gateway",
                "this",
                i,
                json!({"allocation_id": opt_str(alloc), "subnet_id": opt_str(element(&public.addresses, at))}),
                unknown,
            ));
        }
    }

    // Private route tables: as many as NAT gateways would be, whether or not NAT is enabled.
    let mut private_rts = Vec::new();
    let private_rt_count = if (if v4 { create_private } else { create_vpc }) && max_subnet_length > 0 {
        nat_count
    } else {
        0
    };
    for i in 0..private_rt_count {
        private_rts.push(cx.add("aws_route_table", "private", i, json!({"vpc_id": vpc}), Vec::new()));
    }
    if create_private {
        for i in 0..private.len {
            let rt = element(&private_rts, if single_nat { 0 } else { i });
            associate(&mut cx, "private", i, element(&private.addresses, i), rt);
        }
    }
    let private_nat_route = !f.private_nat_route_switch() || cx.bool("create_private_nat_gateway_route", true);
    let nat_destination = if f.nat_destination_input() {
        cx.string("nat_gateway_destination_cidr_block", "0.0.0.0/0")
    } else {
        "0.0.0.0/0".to_owned()
    };
    if create_vpc && enable_nat && private_nat_route && nat_count > 0 && private_rts.is_empty() {
        cx.note("`enable_nat_gateway = true` without private subnets: the module's NAT routes point at private route tables that do not exist (`element()` of an empty list fails in Terraform), so none is made");
    }
    if create_vpc && enable_nat && private_nat_route && !private_rts.is_empty() {
        for i in 0..nat_count {
            let rt = element(&private_rts, i).unwrap_or_default();
            route(
                &mut cx,
                "private_nat_gateway",
                i,
                &rt,
                ("destination_cidr_block", &nat_destination),
                ("nat_gateway_id", element(&natgws, i)),
            );
        }
    }
    let private_dns64 = f.dns64() && cx.bool("private_subnet_enable_dns64", true);
    if create_vpc && enable_nat && enable_ipv6 && private_dns64 && !private_rts.is_empty() {
        for i in 0..nat_count {
            let rt = element(&private_rts, i).unwrap_or_default();
            route(
                &mut cx,
                "private_dns64_nat_gateway",
                i,
                &rt,
                ("destination_ipv6_cidr_block", "64:ff9b::/96"),
                ("nat_gateway_id", element(&natgws, i)),
            );
        }
    }
    let egress_count = if !(create_vpc && create_eigw && enable_ipv6) {
        0
    } else if f.ipv6_egress_per_route_table() {
        if private.len > 0 {
            nat_count
        } else {
            0
        }
    } else {
        private.len
    };
    for i in 0..(if private_rts.is_empty() { 0 } else { egress_count }) {
        let rt = element(&private_rts, i).unwrap_or_default();
        route(
            &mut cx,
            "private_ipv6_egress",
            i,
            &rt,
            ("destination_ipv6_cidr_block", "::/0"),
            ("egress_only_gateway_id", element(&eigw, 0)),
        );
    }

    // Database subnets: their own route table(s) or the private ones.
    let db_rt_switch = cx.bool("create_database_subnet_route_table", false);
    let db_igw_route = cx.bool("create_database_internet_gateway_route", false);
    let db_nat_route = cx.bool("create_database_nat_gateway_route", false);
    let create_db = create_vpc && database.len > 0;
    let create_db_rt = create_db && db_rt_switch;
    let mut db_rts = Vec::new();
    if create_db_rt {
        let n = if single_nat || db_igw_route { 1 } else { database.len };
        for i in 0..n {
            db_rts.push(cx.add("aws_route_table", "database", i, json!({"vpc_id": vpc}), Vec::new()));
        }
    }
    let db_or_private = if db_rts.is_empty() {
        private_rts.clone()
    } else {
        db_rts.clone()
    };
    if create_db {
        for i in 0..database.len {
            let at = if db_rt_switch && (single_nat || db_igw_route) {
                0
            } else {
                i
            };
            associate(
                &mut cx,
                "database",
                i,
                element(&database.addresses, i),
                element(&db_or_private, at),
            );
        }
    }
    if create_db_rt && create_igw && db_igw_route && !db_nat_route {
        route(
            &mut cx,
            "database_internet_gateway",
            0,
            &db_rts[0],
            ("destination_cidr_block", "0.0.0.0/0"),
            ("gateway_id", element(&igw, 0)),
        );
    }
    if create_db_rt && !db_igw_route && db_nat_route && enable_nat {
        let n = if single_nat { 1 } else { database.len };
        for i in 0..n {
            let rt = element(&db_rts, i).unwrap_or_default();
            route(
                &mut cx,
                "database_nat_gateway",
                i,
                &rt,
                ("destination_cidr_block", "0.0.0.0/0"),
                ("nat_gateway_id", element(&natgws, i)),
            );
        }
        if f.dns64() && enable_ipv6 && private_dns64 {
            for i in 0..n {
                let rt = element(&db_rts, i).unwrap_or_default();
                route(
                    &mut cx,
                    "database_dns64_nat_gateway",
                    i,
                    &rt,
                    ("destination_ipv6_cidr_block", "64:ff9b::/96"),
                    ("nat_gateway_id", element(&natgws, i)),
                );
            }
        }
    }
    if create_db_rt && create_eigw && enable_ipv6 && db_igw_route {
        route(
            &mut cx,
            "database_ipv6_egress",
            0,
            &db_rts[0],
            ("destination_ipv6_cidr_block", "::/0"),
            ("egress_only_gateway_id", element(&eigw, 0)),
        );
    }
    let mut db_group = None;
    if create_db && cx.bool("create_database_subnet_group", true) {
        let group_name = cx
            .opt_string("database_subnet_group_name")
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| name.clone());
        let group_name = group_name.to_lowercase();
        let a = cx.add(
            "aws_db_subnet_group",
            "database",
            0,
            json!({"name": group_name, "description": format!("Database subnet group for {name}"), "subnet_ids": database.addresses}),
            Vec::new(),
        );
        db_group = Some((a, group_name));
    }

    // Redshift subnets.
    let create_rs = create_vpc && redshift.len > 0;
    let rs_rt_switch = cx.bool("create_redshift_subnet_route_table", false);
    let public_redshift = cx.bool("enable_public_redshift", false);
    let mut rs_rts = Vec::new();
    if create_rs && rs_rt_switch {
        rs_rts.push(cx.add("aws_route_table", "redshift", 0, json!({"vpc_id": vpc}), Vec::new()));
    }
    if create_rs {
        let (name_, fallback) = if public_redshift {
            ("redshift_public", &public_rts)
        } else {
            ("redshift", &private_rts)
        };
        let tables = if rs_rts.is_empty() {
            fallback.clone()
        } else {
            rs_rts.clone()
        };
        for i in 0..redshift.len {
            let at = if single_nat || rs_rt_switch { 0 } else { i };
            associate(&mut cx, name_, i, element(&redshift.addresses, i), element(&tables, at));
        }
    }
    let mut rs_group = None;
    if create_rs && cx.bool("create_redshift_subnet_group", true) {
        let group_name = cx
            .opt_string("redshift_subnet_group_name")
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| name.clone());
        rs_group = Some(cx.add(
            "aws_redshift_subnet_group",
            "redshift",
            0,
            json!({"name": group_name.to_lowercase(), "subnet_ids": redshift.addresses}),
            Vec::new(),
        ));
    }

    // ElastiCache subnets.
    let create_ec = create_vpc && elasticache.len > 0;
    let ec_rt_switch = cx.bool("create_elasticache_subnet_route_table", false);
    let mut ec_rts = Vec::new();
    if create_ec && ec_rt_switch {
        ec_rts.push(cx.add("aws_route_table", "elasticache", 0, json!({"vpc_id": vpc}), Vec::new()));
    }
    let ec_or_private = if ec_rts.is_empty() {
        private_rts.clone()
    } else {
        ec_rts.clone()
    };
    if create_ec {
        for i in 0..elasticache.len {
            let at = if single_nat || ec_rt_switch { 0 } else { i };
            associate(
                &mut cx,
                "elasticache",
                i,
                element(&elasticache.addresses, i),
                element(&ec_or_private, at),
            );
        }
    }
    let mut ec_group = None;
    if create_ec && cx.bool("create_elasticache_subnet_group", true) {
        let group_name = cx
            .opt_string("elasticache_subnet_group_name")
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| name.clone());
        let a = cx.add(
            "aws_elasticache_subnet_group",
            "elasticache",
            0,
            json!({"name": group_name, "subnet_ids": elasticache.addresses}),
            Vec::new(),
        );
        ec_group = Some((a, group_name));
    }

    // Intra subnets: route table(s) with no route out.
    let create_intra = create_vpc && intra.len > 0;
    let multi_intra = f.multiple_route_tables() && cx.bool("create_multiple_intra_route_tables", false);
    let mut intra_rts = Vec::new();
    if create_intra {
        for i in 0..(if multi_intra { intra.len } else { 1 }) {
            intra_rts.push(cx.add("aws_route_table", "intra", i, json!({"vpc_id": vpc}), Vec::new()));
        }
        for i in 0..intra.len {
            let rt = element(&intra_rts, if multi_intra { i } else { 0 });
            associate(&mut cx, "intra", i, element(&intra.addresses, i), rt);
        }
    }

    // Outpost subnets use the private route tables.
    if create_vpc && outpost.len > 0 {
        for i in 0..outpost.len {
            let rt = element(&private_rts, if single_nat { 0 } else { i });
            associate(&mut cx, "outpost", i, element(&outpost.addresses, i), rt);
        }
    }

    // Dedicated network ACLs.
    let mut acls: Map<String, Value> = Map::new();
    for (k, kind) in KINDS.iter().enumerate() {
        let s = &subnets[k];
        if !(create_vpc && s.len > 0 && cx.bool(&format!("{kind}_dedicated_network_acl"), false)) {
            acls.insert(kind.to_string(), f.absent());
            continue;
        }
        let acl = cx.add(
            "aws_network_acl",
            kind,
            0,
            json!({"vpc_id": vpc, "subnet_ids": s.addresses}),
            Vec::new(),
        );
        for (dir, egress) in [("inbound", false), ("outbound", true)] {
            let rules = cx.objects(&format!("{kind}_{dir}_acl_rules"), default_acl_rules());
            for (i, r) in rules.iter().enumerate() {
                cx.add(
                    "aws_network_acl_rule",
                    &format!("{kind}_{dir}"),
                    i,
                    json!({
                        "network_acl_id": acl,
                        "egress": egress,
                        "rule_number": number_or_null(r.get("rule_number")),
                        "rule_action": lookup_string(r, "rule_action"),
                        "from_port": number_or_null(r.get("from_port")),
                        "to_port": number_or_null(r.get("to_port")),
                        "icmp_code": number_or_null(r.get("icmp_code")),
                        "icmp_type": number_or_null(r.get("icmp_type")),
                        "protocol": lookup_string(r, "protocol"),
                        "cidr_block": lookup_string(r, "cidr_block"),
                        "ipv6_cidr_block": lookup_string(r, "ipv6_cidr_block"),
                    }),
                    Vec::new(),
                );
            }
        }
        acls.insert(kind.to_string(), Value::String(acl));
    }

    // The VPC's default security group, network ACL and route table.
    let default_sg = format!("{vpc}:default_security_group");
    let default_acl = format!("{vpc}:default_network_acl");
    let main_rt = format!("{vpc}:main_route_table");
    if create_vpc && cx.bool("manage_default_security_group", v4) {
        let ingress = cx.objects("default_security_group_ingress", Vec::new());
        let egress = cx.objects("default_security_group_egress", Vec::new());
        let block = |r: &Map<String, Value>| {
            json!({
                "self": r.get("self").and_then(crate::config::as_bool).map_or(Value::Null, Value::Bool),
                "cidr_blocks": split_list(r, "cidr_blocks", ""),
                "ipv6_cidr_blocks": split_list(r, "ipv6_cidr_blocks", ""),
                "prefix_list_ids": split_list(r, "prefix_list_ids", ""),
                "security_groups": split_list(r, "security_groups", ""),
                "description": lookup_string(r, "description"),
                "from_port": r.get("from_port").map_or(Value::from(0), |v| number_or_null(Some(v))),
                "to_port": r.get("to_port").map_or(Value::from(0), |v| number_or_null(Some(v))),
                "protocol": r.get("protocol").and_then(super::input::as_string).unwrap_or_else(|| "-1".to_owned()),
            })
        };
        let ingress: Vec<Value> = ingress.iter().map(block).collect();
        let egress: Vec<Value> = egress.iter().map(block).collect();
        if ingress.is_empty() && egress.is_empty() {
            cx.note(format!(
                "manages the VPC's default security group with no rules (`manage_default_security_group` {}, no `default_security_group_ingress`/`egress`): whatever uses `default_security_group_id` can send and receive nothing",
                if cx.raw("manage_default_security_group").is_some() { "set" } else { "defaults to true from v4" }
            ));
        }
        cx.add(
            "aws_default_security_group",
            "this",
            0,
            json!({"vpc_id": vpc, "ingress": ingress, "egress": egress}),
            Vec::new(),
        );
    } else if create_vpc && !v4 {
        cx.note("v3 leaves the VPC's default security group as AWS makes it (`manage_default_security_group` defaults to false)");
    }
    if create_vpc && cx.bool("manage_default_network_acl", v4) {
        let block = |r: &Map<String, Value>| {
            json!({
                "action": lookup_string(r, "action"),
                "cidr_block": lookup_string(r, "cidr_block"),
                "from_port": number_or_null(r.get("from_port")),
                "icmp_code": number_or_null(r.get("icmp_code")),
                "icmp_type": number_or_null(r.get("icmp_type")),
                "ipv6_cidr_block": lookup_string(r, "ipv6_cidr_block"),
                "protocol": lookup_string(r, "protocol"),
                "rule_no": number_or_null(r.get("rule_no")),
                "to_port": number_or_null(r.get("to_port")),
            })
        };
        let ingress: Vec<Value> = cx
            .objects("default_network_acl_ingress", default_nacl_rules())
            .iter()
            .map(block)
            .collect();
        let egress: Vec<Value> = cx
            .objects("default_network_acl_egress", default_nacl_rules())
            .iter()
            .map(block)
            .collect();
        cx.add(
            "aws_default_network_acl",
            "this",
            0,
            json!({"default_network_acl_id": default_acl, "subnet_ids": null, "ingress": ingress, "egress": egress}),
            Vec::new(),
        );
    }
    if create_vpc && cx.bool("manage_default_route_table", v4) {
        let routes: Vec<Value> = cx
            .objects("default_route_table_routes", Vec::new())
            .iter()
            .map(|r| {
                let mut m = Map::new();
                for key in [
                    "cidr_block",
                    "ipv6_cidr_block",
                    "egress_only_gateway_id",
                    "gateway_id",
                    "instance_id",
                    "nat_gateway_id",
                    "network_interface_id",
                    "transit_gateway_id",
                    "vpc_endpoint_id",
                    "vpc_peering_connection_id",
                ] {
                    m.insert(key.to_owned(), lookup_string(r, key));
                }
                Value::Object(m)
            })
            .collect();
        let vgws = cx.strings("default_route_table_propagating_vgws").unwrap_or_default();
        cx.add(
            "aws_default_route_table",
            "default",
            0,
            json!({"default_route_table_id": main_rt, "propagating_vgws": vgws, "route": routes}),
            Vec::new(),
        );
    }

    // Outputs.
    let absent = f.absent();
    let one = |made: bool, v: Value| if made { v } else { absent.clone() };
    cx.output("vpc_id", one(create_vpc, Value::String(vpc.clone())));
    cx.output("vpc_cidr_block", one(create_vpc, cidr));
    cx.output("default_security_group_id", one(create_vpc, Value::String(default_sg)));
    cx.output("default_network_acl_id", one(create_vpc, Value::String(default_acl)));
    cx.output(
        "default_route_table_id",
        one(create_vpc, Value::String(main_rt.clone())),
    );
    cx.output("vpc_main_route_table_id", one(create_vpc, Value::String(main_rt)));
    cx.output(
        "vpc_ipv6_cidr_block",
        if create_vpc && !enable_ipv6 {
            absent.clone()
        } else {
            Value::Null
        },
    );
    cx.output(
        "vpc_secondary_cidr_blocks",
        Value::Array(secondary.into_iter().filter(|v| v != "").collect()),
    );
    cx.output("igw_id", one(!igw.is_empty(), opt_str(igw.first().cloned())));
    cx.output(
        "egress_only_internet_gateway_id",
        one(!eigw.is_empty(), opt_str(eigw.first().cloned())),
    );
    for (k, kind) in KINDS.iter().enumerate() {
        let s = &subnets[k];
        cx.output(&format!("{kind}_subnets"), json!(s.addresses));
        cx.output(&format!("{kind}_subnets_cidr_blocks"), compact(&s.cidrs));
        cx.output(&format!("{kind}_subnets_ipv6_cidr_blocks"), compact(&s.ipv6));
        cx.output(
            &format!("{kind}_network_acl_id"),
            acls.get(*kind).cloned().unwrap_or(Value::Null),
        );
    }
    cx.output("public_route_table_ids", json!(public_rts));
    cx.output("private_route_table_ids", json!(private_rts));
    cx.output("database_route_table_ids", json!(db_or_private));
    cx.output(
        "redshift_route_table_ids",
        json!(if !rs_rts.is_empty() {
            rs_rts
        } else if public_redshift {
            public_rts.clone()
        } else {
            private_rts.clone()
        }),
    );
    cx.output("elasticache_route_table_ids", json!(ec_or_private));
    cx.output("intra_route_table_ids", json!(intra_rts));
    cx.output("nat_ids", json!(eips));
    cx.output(
        "nat_public_ips",
        if reuse_nat_ips {
            cx.raw("external_nat_ips").cloned().unwrap_or_else(|| json!([]))
        } else {
            Value::Array(eips.iter().map(|_| Value::Null).collect())
        },
    );
    cx.output("natgw_ids", json!(natgws));
    // `.id` reads as the address (config.rs), `.name` as the name, as for a group written by hand.
    let (db_id, db_name) = db_group.unzip();
    cx.output("database_subnet_group", one(db_id.is_some(), opt_str(db_id)));
    cx.output("database_subnet_group_name", one(db_name.is_some(), opt_str(db_name)));
    cx.output("redshift_subnet_group", one(rs_group.is_some(), opt_str(rs_group)));
    let (ec_id, ec_name) = ec_group.unzip();
    cx.output("elasticache_subnet_group", one(ec_id.is_some(), opt_str(ec_id)));
    cx.output(
        "elasticache_subnet_group_name",
        one(ec_name.is_some(), opt_str(ec_name)),
    );
    cx.output(
        "azs",
        match &azs_in {
            Some(_) => cx.raw("azs").cloned().unwrap_or_else(|| json!([])),
            None => Value::Null,
        },
    );
    cx.output("name", Value::String(name));
    Some(cx.finish())
}

/// `aws_route_table_association.<name>[i]`.
fn associate(cx: &mut Ctx, name: &str, i: usize, subnet: Option<String>, route_table: Option<String>) {
    let mut unknown = Vec::new();
    if route_table.is_none() {
        // `element()` of an empty list: Terraform fails here; the table is left unset.
        unknown.push("route_table_id".to_owned());
    }
    cx.add(
        "aws_route_table_association",
        name,
        i,
        json!({"subnet_id": opt_str(subnet), "route_table_id": opt_str(route_table)}),
        unknown,
    );
}

/// `aws_route.<name>[i]` with one destination and one target.
fn route(cx: &mut Ctx, name: &str, i: usize, route_table: &str, dest: (&str, &str), target: (&str, Option<String>)) {
    let mut values = Map::new();
    values.insert("route_table_id".into(), Value::String(route_table.to_owned()));
    values.insert(dest.0.into(), Value::String(dest.1.to_owned()));
    let mut unknown = Vec::new();
    if target.1.is_none() {
        unknown.push(target.0.to_owned());
    }
    values.insert(target.0.into(), opt_str(target.1));
    cx.add("aws_route", name, i, Value::Object(values), unknown);
}

/// `compact(list)`: drops nulls and empty strings; a list holding an item only known after
/// apply is unknown as a whole.
fn compact(items: &[Option<Value>]) -> Value {
    let mut out = Vec::new();
    for item in items {
        match item {
            None => return Value::Null,
            Some(Value::Null) => {}
            Some(v) if v == "" => {}
            Some(v) => out.push(v.clone()),
        }
    }
    Value::Array(out)
}

/// `length(regexall("^[a-z]{2}-", az)) > 0`: a zone name (`eu-west-1a`), not an id (`euw1-az1`).
fn is_zone_name(az: &str) -> bool {
    let b = az.as_bytes();
    b.len() >= 3 && b[0].is_ascii_lowercase() && b[1].is_ascii_lowercase() && b[2] == b'-'
}

/// The zone that stands in for an unknown `azs[i]`.
fn stand_in_az(i: usize) -> String {
    format!("us-east-1{}", ["a", "b", "c", "d", "e", "f"][i % 6])
}

/// `*_inbound_acl_rules` / `*_outbound_acl_rules` default (variables.tf, every release read):
/// rule 100 allows everything from 0.0.0.0/0.
fn default_acl_rules() -> Vec<Map<String, Value>> {
    vec![obj(
        json!({"rule_number": 100, "rule_action": "allow", "from_port": 0, "to_port": 0, "protocol": "-1", "cidr_block": "0.0.0.0/0"}),
    )]
}

/// `default_network_acl_ingress` / `_egress` default (variables.tf, every release read): rule 100
/// allows all IPv4, rule 101 all IPv6.
fn default_nacl_rules() -> Vec<Map<String, Value>> {
    vec![
        obj(
            json!({"rule_no": 100, "action": "allow", "from_port": 0, "to_port": 0, "protocol": "-1", "cidr_block": "0.0.0.0/0"}),
        ),
        obj(
            json!({"rule_no": 101, "action": "allow", "from_port": 0, "to_port": 0, "protocol": "-1", "ipv6_cidr_block": "::/0"}),
        ),
    ]
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}
