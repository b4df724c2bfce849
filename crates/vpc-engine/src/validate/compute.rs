//! Lambda functions, databases and EC2 instances: where they sit and which groups guard them.

use super::{dns_attributes_off, Error, Here, Kind, Validator, Warning};
use crate::explain::{ExplanationId, Message};
use crate::model::{ComponentKind, SgId, Tenancy, VpcConfig};
use std::collections::BTreeSet;

/// `VpcConfig` limits (L11).
const MAX_FUNCTION_SUBNETS: usize = 16;
const MAX_FUNCTION_SGS: usize = 5;
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
        for (list, len, expected, limit, too_many) in [
            ("vpc_config.subnets", c.subnets.len(), Kind::Subnet, MAX_FUNCTION_SUBNETS, ExplanationId::L11TooManySubnets),
            ("vpc_config.security_groups", c.security_groups.len(), Kind::SecurityGroup, MAX_FUNCTION_SGS, ExplanationId::L11TooManySecurityGroups),
        ] {
            if len == 0 {
                let m = Message::new(ExplanationId::VFunctionIncompleteVpcConfig).arg("expected", expected.label());
                self.emit(Error, here, list, m);
            } else if len > limit {
                let m = Message::new(too_many).arg("count", len).arg("limit", limit);
                self.emit(Error, here, list, m);
            }
        }
        let subnets = self.ref_list(here, "vpc_config.subnets", &c.subnets, |ix, id| ix.subnets.contains_key(id), Kind::Subnet);
        // The function's VPC is the VPC of its first subnet; every other subnet must share it.
        let mut home: Option<&str> = None;
        for (k, s) in subnets {
            let Some(vpc) = self.ix.subnet_vpc(s) else { continue };
            let field = format!("vpc_config.subnets[{k}]");
            match home {
                None => {
                    home = Some(vpc);
                    if self.ix.vpcs[vpc].tenancy == Tenancy::Dedicated {
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
        self.guarded_by(here, "vpc_config.security_groups", &c.security_groups, home);
    }

    /// Security groups of a resource: each must exist, and be in the resource's VPC.
    fn guarded_by(&mut self, here: &Here<'_>, field: &str, groups: &'a [SgId], home: Option<&str>) {
        let groups = self.ref_list(here, field, groups, |ix, id| ix.sgs.contains_key(id), Kind::SecurityGroup);
        let Some(home) = home else { return };
        for (k, g) in groups {
            if let Some(vpc) = self.ix.sg_vpc(g).filter(|&v| v != home) {
                self.cross_vpc(here, format!("{field}[{k}]"), home, g, vpc);
            }
        }
    }

    pub(super) fn databases(&mut self) {
        let doc = self.doc;
        for (i, d) in doc.databases.iter().enumerate() {
            let here = self.component(ComponentKind::Database, i, d.id.as_str(), &d.name);
            let subnets = self.ref_list(&here, "subnet_group", &d.subnet_group, |ix, id| ix.subnets.contains_key(id), Kind::Subnet);
            // A DB subnet group lives in one VPC: the VPC of its first subnet.
            let mut home: Option<&str> = None;
            for &(k, s) in &subnets {
                let Some(vpc) = self.ix.subnet_vpc(s) else { continue };
                match home {
                    None => home = Some(vpc),
                    Some(h) if h != vpc => self.cross_vpc(&here, format!("subnet_group[{k}]"), h, s, vpc),
                    Some(_) => {}
                }
            }
            let azs: BTreeSet<&str> = subnets
                .iter()
                .map(|&(_, s)| self.ix.subnets[s].az.trim())
                .filter(|az| !az.is_empty())
                .collect();
            if d.subnet_group.is_empty() {
                let m = Message::new(ExplanationId::VMissingReference).arg("expected", Kind::Subnet.label());
                self.emit(Error, &here, "subnet_group", m);
            } else if (1..MIN_DB_AZS).contains(&azs.len()) {
                // With no known AZ at all the subnets themselves are reported.
                let m = Message::new(ExplanationId::Db1SubnetGroupAzs)
                    .arg("azs", azs.iter().copied().collect::<Vec<_>>().join(", "))
                    .arg("count", azs.len())
                    .arg("limit", MIN_DB_AZS);
                self.emit(Error, &here, "subnet_group", m);
            }
            self.guarded_by(&here, "security_groups", &d.security_groups, home);
            if d.publicly_accessible {
                self.publicly_accessible(&here, subnets.iter().map(|&(_, s)| s), home);
            }
        }
    }

    /// A publicly accessible database needs every subnet of its group public and both DNS
    /// attributes on in its VPC (DB2).
    fn publicly_accessible(&mut self, here: &Here<'_>, subnets: impl Iterator<Item = &'a str>, home: Option<&str>) {
        let private: Vec<&str> = subnets
            .filter(|&s| !self.ix.is_public_subnet(self.ix.subnets[s]))
            .map(|s| self.ix.name(s))
            .collect();
        if !private.is_empty() {
            let m = Message::new(ExplanationId::Db2NotPublicSubnets)
                .arg("subnets", private.join(", "))
                .arg("count", private.len());
            self.emit(Warning, here, "publicly_accessible", m);
        }
        if let Some(vpc) = home.map(|h| self.ix.vpcs[h]) {
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
            let exists = self.ix.subnets.contains_key(x.subnet.as_str());
            self.required_ref(&here, "subnet", x.subnet.as_str(), exists, Kind::Subnet);
            let home = self.ix.subnet_vpc(x.subnet.as_str());
            self.guarded_by(&here, "security_groups", &x.security_groups, home);
        }
    }
}
