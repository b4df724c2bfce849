//! Lambda functions, databases and EC2 instances: where they sit and which groups guard them.

use super::index::Index;
use super::{dns_attributes_off, Error, Expected, Here, Path, Validator, Warning};
use crate::explain::{ExplanationId, Message};
use crate::model::{ComponentKind, SgId, Subnet, SubnetId, Tenancy, VpcConfig};
use std::collections::BTreeSet;

/// A list of a function's `VpcConfig`, which must hold 1 to `limit` entries (L11).
struct ConfigList {
    field: &'static str,
    expected: Expected,
    limit: usize,
    too_many: ExplanationId,
}

const SUBNETS: ConfigList = ConfigList {
    field: "vpc_config.subnets",
    expected: Expected::Subnet,
    limit: 16,
    too_many: ExplanationId::L11TooManySubnets,
};
const SECURITY_GROUPS: ConfigList = ConfigList {
    field: "vpc_config.security_groups",
    expected: Expected::SecurityGroup,
    limit: 5,
    too_many: ExplanationId::L11TooManySecurityGroups,
};
/// A DB subnet group must span this many Availability Zones (DB1).
const MIN_DB_AZS: usize = 2;

impl<'a> Validator<'a> {
    pub(super) fn functions(&mut self) {
        let doc = self.doc;
        for (i, f) in doc.functions.iter().enumerate() {
            let here = self.component(ComponentKind::Function, i, f.id.as_str(), &f.name);
            if let Some(config) = &f.vpc_config {
                self.vpc_config(&here, config);
            }
        }
    }

    fn vpc_config(&mut self, here: &Here<'_>, c: &'a VpcConfig) {
        self.config_list_size(here, &SUBNETS, c.subnets.len());
        self.config_list_size(here, &SECURITY_GROUPS, c.security_groups.len());
        let subnets = self.ref_list(here, SUBNETS.field, &c.subnets, Index::subnet, Expected::Subnet);
        // The function's VPC is the VPC of its first subnet; every other subnet must share it.
        let mut home: Option<&str> = None;
        for (k, s, _) in subnets {
            let Some(vpc) = self.ix.subnet_vpc(s) else { continue };
            let field = Path::at(SUBNETS.field, k);
            match home {
                None => {
                    home = Some(vpc);
                    if self.ix.vpc(vpc).is_some_and(|v| v.tenancy == Tenancy::Dedicated) {
                        let m = Message::new(ExplanationId::L11DedicatedTenancy).arg("vpc", self.ix.name(vpc));
                        self.emit(Error, here, field, m);
                    }
                }
                Some(h) if h != vpc => {
                    let m = Message::new(ExplanationId::VFunctionMultipleVpcs)
                        .arg("value", format!("{}, {}", self.ix.name(h), self.ix.name(vpc)))
                        .arg("subnet", self.ix.name(s))
                        .arg("vpc", self.ix.name(h))
                        .arg("other_vpc", self.ix.name(vpc));
                    self.emit(Error, here, field, m);
                }
                Some(_) => {}
            }
        }
        self.guarded_by(here, SECURITY_GROUPS.field, &c.security_groups, home);
    }

    fn config_list_size(&mut self, here: &Here<'_>, list: &ConfigList, len: usize) {
        if len == 0 {
            let m = Message::new(ExplanationId::VFunctionIncompleteVpcConfig).arg("expected", list.expected.label());
            self.emit(Error, here, list.field, m);
        } else if len > list.limit {
            let m = Message::new(list.too_many).arg("count", len).arg("limit", list.limit);
            self.emit(Error, here, list.field, m);
        }
    }

    /// Security groups of a resource: each must exist, and be in the resource's VPC.
    fn guarded_by(&mut self, here: &Here<'_>, field: &str, groups: &'a [SgId], home: Option<&str>) {
        let groups = self.ref_list(here, field, groups, Index::sg, Expected::SecurityGroup);
        let Some(home) = home else { return };
        for (k, g, _) in groups {
            if let Some(vpc) = self.ix.sg_vpc(g).filter(|&v| v != home) {
                self.cross_vpc(here, Path::at(field, k), home, g, vpc);
            }
        }
    }

    /// The subnets a resource lives in, which must exist and share one VPC (the VPC of the
    /// first): the existing ones, and that VPC.
    fn subnet_home(
        &mut self,
        here: &Here<'_>,
        field: &'static str,
        ids: &'a [SubnetId],
    ) -> (Vec<(usize, &'a str, &'a Subnet)>, Option<&'a str>) {
        let subnets = self.ref_list(here, field, ids, Index::subnet, Expected::Subnet);
        let mut home: Option<&'a str> = None;
        for &(k, s, _) in &subnets {
            let Some(vpc) = self.ix.subnet_vpc(s) else { continue };
            match home {
                None => home = Some(vpc),
                Some(h) if h != vpc => self.cross_vpc(here, Path::at(field, k), h, s, vpc),
                Some(_) => {}
            }
        }
        if ids.is_empty() {
            let m = Message::new(ExplanationId::VMissingReference).arg("expected", Expected::Subnet.label());
            self.emit(Error, here, field, m);
        }
        (subnets, home)
    }

    pub(super) fn databases(&mut self) {
        let doc = self.doc;
        for (i, d) in doc.databases.iter().enumerate() {
            let here = self.component(ComponentKind::Database, i, d.id.as_str(), &d.name);
            // A DB subnet group lives in one VPC: the VPC of its first subnet.
            let (subnets, home) = self.subnet_home(&here, "subnet_group", &d.subnet_group);
            // Built by insertion: collecting into a BTreeSet runs the standard library's stable
            // sort, a copy of it for this one type (3.3 KB of the wasm, little once compressed).
            let mut azs: BTreeSet<&str> = BTreeSet::new();
            for &(_, _, s) in &subnets {
                let az = s.az.trim();
                if !az.is_empty() {
                    azs.insert(az);
                }
            }
            if (1..MIN_DB_AZS).contains(&azs.len()) {
                // With no known AZ at all the subnets themselves are reported.
                let m = Message::new(ExplanationId::Db1SubnetGroupAzs)
                    .arg("azs", azs.iter().copied().collect::<Vec<_>>().join(", "))
                    .arg("count", azs.len())
                    .arg("limit", MIN_DB_AZS);
                self.emit(Error, &here, "subnet_group", m);
            }
            self.guarded_by(&here, "security_groups", &d.security_groups, home);
            if d.publicly_accessible {
                self.publicly_accessible(&here, subnets.iter().map(|&(_, _, s)| s), home);
            }
        }
    }

    /// EFS, ElastiCache, RDS Proxy and the other data stores: subnets in one VPC (for EFS at
    /// most one mount target per AZ), their security groups, ports, a public address only
    /// where the product has one, and the database a proxy fronts.
    pub(super) fn data_stores(&mut self) {
        let doc = self.doc;
        for (i, d) in doc.data_stores.iter().enumerate() {
            let here = self.component(ComponentKind::DataStore, i, d.id.as_str(), &d.name);
            let info = d.kind.info();
            let (subnets, home) = self.subnet_home(&here, "subnets", &d.subnets);
            if info.zonal {
                let mut seen: Vec<(&str, &str)> = Vec::new();
                for &(k, sid, s) in &subnets {
                    let az = s.az.trim();
                    if az.is_empty() {
                        continue;
                    }
                    if let Some(&(_, first)) = seen.iter().find(|(a, _)| *a == az) {
                        let m = Message::new(ExplanationId::VStoreOnePerAz)
                            .arg("az", az)
                            .arg("subnet", self.ix.name(first))
                            .arg("other", self.ix.name(sid))
                            .arg("service", info.title);
                        self.emit(Error, &here, Path::at("subnets", k), m);
                    } else {
                        seen.push((az, sid));
                    }
                }
            }
            self.guarded_by(&here, "security_groups", &d.security_groups, home);
            for (k, &port) in d.ports.iter().enumerate() {
                if port == 0 {
                    let m = Message::new(ExplanationId::VStorePort).arg("value", port);
                    self.emit(Error, &here, Path::at("ports", k), m);
                }
            }
            if d.publicly_accessible && !info.can_be_public {
                let m = Message::new(ExplanationId::VStoreNotPublic).arg("service", info.title);
                self.emit(Warning, &here, "publicly_accessible", m);
            }
            if let Some(db) = &d.fronts {
                let exists = doc.databases.iter().any(|x| x.id == *db);
                self.required_ref(&here, "fronts", db.as_str(), exists, Expected::Database);
            }
        }
    }

    /// A publicly accessible database needs every subnet of its group public and both DNS
    /// attributes on in its VPC (DB2).
    fn publicly_accessible(&mut self, here: &Here<'_>, subnets: impl Iterator<Item = &'a Subnet>, home: Option<&str>) {
        let private: Vec<&str> = subnets
            .filter(|s| !self.ix.is_public_subnet(s))
            .map(|s| self.ix.name(s.id.as_str()))
            .collect();
        if !private.is_empty() {
            let m = Message::new(ExplanationId::Db2NotPublicSubnets)
                .arg("subnets", private.join(", "))
                .arg("count", private.len());
            self.emit(Warning, here, "publicly_accessible", m);
        }
        if let Some(vpc) = home.and_then(|h| self.ix.vpc(h)) {
            if !(vpc.enable_dns_support && vpc.enable_dns_hostnames) {
                let m = Message::new(ExplanationId::Db2DnsAttributes)
                    .arg("vpc", self.ix.name(vpc.id.as_str()))
                    .arg("value", dns_attributes_off(vpc));
                self.emit(Error, here, "publicly_accessible", m);
            }
        }
    }

    pub(super) fn instances(&mut self) {
        let doc = self.doc;
        for (i, x) in doc.instances.iter().enumerate() {
            let here = self.component(ComponentKind::Instance, i, x.id.as_str(), &x.name);
            let exists = self.ix.subnet(x.subnet.as_str()).is_some();
            self.required_ref(&here, "subnet", x.subnet.as_str(), exists, Expected::Subnet);
            let home = self.ix.subnet_vpc(x.subnet.as_str());
            self.guarded_by(&here, "security_groups", &x.security_groups, home);
        }
    }
}
