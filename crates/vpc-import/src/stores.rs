//! Data stores (EFS, ElastiCache, MemoryDB, DocumentDB, RDS Proxy, Amazon MQ, MSK,
//! OpenSearch, Neptune, Redshift), their subnet groups, EFS mount targets and RDS Proxy
//! targets. Importers read each resource into a [`StoreSpec`]; stores are mapped at the end,
//! when every subnet group and mount target is known.

use crate::build::Builder;
use std::collections::{HashMap, HashSet};
use vpc_engine::model::{DataStore, DataStoreId, DatabaseId, SgId, StoreKind, SubnetId};

/// Where a store's subnets come from.
#[derive(Clone, Debug, Default)]
pub enum Placement {
    /// Its own subnets (written on the resource).
    #[default]
    Subnets,
    /// A subnet group, by id.
    Group(String),
    /// No subnet group named, by the field given: AWS uses the default VPC's (noted).
    NoGroup(&'static str),
    /// An EFS file system: its mount targets.
    MountTargets,
    /// A domain with a public endpoint (OpenSearch without VPC options): not a VPC target.
    Public,
}

/// A data store as written.
#[derive(Clone, Debug, Default)]
pub struct StoreSpec {
    pub kind: StoreKind,
    pub placement: Placement,
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    /// The ports clients use; empty for the kind's own.
    pub ports: Vec<u16>,
    pub publicly_accessible: bool,
}

#[derive(Default)]
pub(crate) struct Stores {
    /// (id, type, spec), in input order.
    resources: Vec<(String, String, StoreSpec)>,
    /// Subnet groups by id: their subnets.
    groups: Vec<(String, Vec<String>)>,
    /// EFS mount targets: (file system, subnet, security groups).
    mount_targets: Vec<(String, String, Vec<String>)>,
    /// RDS Proxy targets: (proxy, database).
    proxy_targets: Vec<(String, String)>,
}

impl Builder {
    /// A data store, mapped at the end.
    pub fn store(&mut self, id: &str, ty: &str, spec: StoreSpec) {
        self.stores.resources.push((id.to_owned(), ty.to_owned(), spec));
    }

    /// A subnet group of a data store (ElastiCache, DocumentDB, Neptune, Redshift, MemoryDB).
    pub fn store_subnet_group(&mut self, id: &str, ty: &str, subnets: Vec<String>) {
        self.stores.groups.push((id.to_owned(), subnets));
        self.modelled(id, ty, "subnet group");
    }

    /// An EFS mount target of `fs`.
    pub fn mount_target(&mut self, id: &str, ty: &str, fs: &str, subnet: String, groups: Vec<String>) {
        self.stores.mount_targets.push((fs.to_owned(), subnet, groups));
        self.modelled(id, ty, format!("mount target of {fs}"));
    }

    /// `db` is a target of the RDS Proxy `proxy`.
    pub fn proxy_target(&mut self, proxy: &str, db: &str) {
        self.stores.proxy_targets.push((proxy.to_owned(), db.to_owned()));
    }

    /// An extra endpoint of the RDS Proxy `proxy` (noted: functions are evaluated against
    /// the proxy's default endpoint).
    pub fn proxy_endpoint(&mut self, id: &str, ty: &str, proxy: &str) {
        self.note(format!(
            "{id}: an extra endpoint of {proxy} in its own subnets; functions are evaluated against the proxy's default endpoint"
        ));
        self.store_part(id, ty, "endpoint of", proxy);
    }

    /// A resource that is part of a store (an instance of a cluster, an access point).
    pub fn store_part(&mut self, id: &str, ty: &str, part: &str, owner: &str) {
        self.modelled(id, ty, format!("{part} {owner}"));
    }

    /// Maps every collected store, now that subnet groups, mount targets and proxy targets
    /// are known.
    pub(crate) fn finish_stores(&mut self) {
        let mut stores = std::mem::take(&mut self.stores);
        let resources = std::mem::take(&mut stores.resources);
        // By id, the first of each, so that mapping stays linear in the input's size.
        let mut groups_by_id: HashMap<&str, &[String]> = HashMap::new();
        for (g, ids) in &stores.groups {
            groups_by_id.entry(g.as_str()).or_insert(ids.as_slice());
        }
        let mut mounts_by_fs: HashMap<&str, Vec<(&String, &Vec<String>)>> = HashMap::new();
        for (fs, subnet, sgs) in &stores.mount_targets {
            mounts_by_fs.entry(fs.as_str()).or_default().push((subnet, sgs));
        }
        let mut target_by_proxy: HashMap<&str, &str> = HashMap::new();
        for (proxy, db) in &stores.proxy_targets {
            target_by_proxy.entry(proxy.as_str()).or_insert(db.as_str());
        }
        for (id, ty, spec) in resources {
            let mut subnets = spec.subnets;
            let mut groups = spec.security_groups;
            match &spec.placement {
                Placement::Subnets => {}
                Placement::Group(group) => match groups_by_id.get(group.as_str()) {
                    Some(ids) => subnets.extend(ids.iter().cloned()),
                    // A group defined outside the input: two subnets stand in for it.
                    None => subnets.extend([format!("{group}-a"), format!("{group}-b")]),
                },
                Placement::NoGroup(key) => self.note(format!(
                    "{id}: no {key}, so AWS puts it in the default subnet group of the default VPC, which this input does not describe"
                )),
                Placement::MountTargets => {
                    for (subnet, sgs) in mounts_by_fs.get(id.as_str()).into_iter().flatten() {
                        subnets.push((*subnet).clone());
                        if groups.is_empty() {
                            groups = (*sgs).clone();
                        } else if **sgs != groups {
                            self.note(format!(
                                "{id}: its mount targets have different security groups; those of the first ({}) are used",
                                groups.join(", ")
                            ));
                        }
                    }
                    if subnets.is_empty() {
                        self.note(format!("{id}: no mount target in this input, so nothing in a VPC can reach it"));
                    }
                }
                Placement::Public => {
                    self.not_modelled(
                        &id,
                        &ty,
                        "a domain with a public endpoint, outside any VPC; functions reach it like any public HTTPS endpoint",
                    );
                    continue;
                }
            }
            let mut seen: Vec<String> = Vec::with_capacity(subnets.len());
            let mut once: HashSet<String> = HashSet::new();
            for sn in subnets {
                if !sn.is_empty() && once.insert(sn.clone()) {
                    seen.push(sn);
                }
            }
            let fronts = (spec.kind == StoreKind::RdsProxy)
                .then(|| target_by_proxy.get(id.as_str()))
                .flatten()
                .map(|db| DatabaseId::new(*db));
            let became = format!("data store ({})", spec.kind.info().title);
            self.doc.data_stores.push(DataStore {
                id: DataStoreId::new(id.as_str()),
                name: String::new(),
                kind: spec.kind,
                ports: spec.ports,
                subnets: seen.into_iter().map(SubnetId).collect(),
                security_groups: groups.into_iter().map(SgId).collect(),
                publicly_accessible: spec.publicly_accessible,
                fronts,
            });
            self.modelled(&id, &ty, became);
        }
    }
}
