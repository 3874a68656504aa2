//! The IP groups the records want, and the plan that brings NetFlow Analyzer to
//! them: groups to add, groups whose criteria differ (modified by their ID,
//! whoever made them), groups this tool created that no record names any more
//! (deleted with `--prune`), and groups left alone. Pure: records, the listed
//! groups and the names this tool created in, plan out.

use std::collections::{BTreeMap, BTreeSet};

use super::api::Group;
use super::criteria::{Criterion, Listed};

/// A record NetFlow Analyzer cannot hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inexpressible {
    pub service_id: i64,
    pub group: String,
    pub reason: String,
}

/// Group name → its criteria, sorted and without duplicates.
pub type Desired = BTreeMap<String, Vec<Criterion>>;

/// The groups enabled records want, gathered one record at a time (constant
/// memory per group and address, however many records): for each non-empty
/// `group` among records with an address, one group holding exactly those
/// addresses.
#[derive(Debug, Default)]
pub struct Wanted {
    groups: BTreeMap<String, BTreeSet<Criterion>>,
    refused: Vec<Inexpressible>,
}

impl Wanted {
    /// Takes one enabled record into account.
    pub fn add(&mut self, service_id: i64, group: &str, ip_address: &str) {
        if group.trim().is_empty() || ip_address.trim().is_empty() {
            return;
        }
        match Criterion::from_record(ip_address) {
            Ok(c) => {
                if let Some(set) = self.groups.get_mut(group) {
                    set.insert(c);
                } else {
                    self.groups.insert(group.to_owned(), BTreeSet::from([c]));
                }
            }
            Err(reason) => self.refused.push(Inexpressible {
                service_id,
                group: group.to_owned(),
                reason,
            }),
        }
    }

    /// The desired groups, or every record NetFlow Analyzer cannot hold (and
    /// then nothing is wanted).
    pub fn finish(self) -> Result<Desired, Vec<Inexpressible>> {
        if !self.refused.is_empty() {
            return Err(self.refused);
        }
        Ok(self
            .groups
            .into_iter()
            .map(|(name, criteria)| (name, criteria.into_iter().collect()))
            .collect())
    }
}

/// One change to NetFlow Analyzer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Add { name: String, to: Vec<Criterion> },
    Modify { group: Group, to: Vec<Criterion> },
    Delete { group: Group },
}

impl Change {
    pub fn name(&self) -> &str {
        match self {
            Change::Add { name, .. } => name,
            Change::Modify { group, .. } | Change::Delete { group } => &group.name,
        }
    }
}

#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    /// Adds, then modifications, then deletions, each by name.
    pub changes: Vec<Change>,
    /// Groups already holding exactly what the records want.
    pub unchanged: Vec<String>,
    /// Groups this tool created that no record names, left because `--prune`
    /// was not given.
    pub stale: Vec<String>,
    /// Groups this tool created that NetFlow Analyzer no longer lists and no
    /// record names: nothing to do there, only to forget.
    pub gone: Vec<String>,
}

impl Plan {
    /// Whether a push would add or modify a group.
    pub fn adds_or_modifies(&self) -> bool {
        self.changes
            .iter()
            .any(|c| !matches!(c, Change::Delete { .. }))
    }

    /// The names of the changes of one kind.
    pub fn names(&self, kind: fn(&Change) -> bool) -> Vec<&str> {
        self.changes
            .iter()
            .filter(|c| kind(c))
            .map(Change::name)
            .collect()
    }
}

/// Plans the push of `desired` onto the groups NetFlow Analyzer lists.
/// `created` names the groups this tool created; only those are ever deleted,
/// and only with `prune`. A listed group of a wanted name is that group,
/// whoever made it.
pub fn plan(desired: &Desired, listed: &[Group], created: &BTreeSet<String>, prune: bool) -> Plan {
    let mut by_name: BTreeMap<&str, &Group> = BTreeMap::new();
    for g in listed {
        // Of two groups with one name, the first listed is the one modified.
        by_name.entry(g.name.as_str()).or_insert(g);
    }
    let mut plan = Plan::default();
    let (mut adds, mut modifies, mut deletes) = (Vec::new(), Vec::new(), Vec::new());
    for (name, to) in desired {
        match by_name.get(name.as_str()) {
            None => adds.push(Change::Add {
                name: name.clone(),
                to: to.clone(),
            }),
            Some(group) if holds_exactly(&group.criteria, to) => plan.unchanged.push(name.clone()),
            Some(group) => modifies.push(Change::Modify {
                group: (*group).clone(),
                to: to.clone(),
            }),
        }
    }
    for name in created.iter().filter(|n| !desired.contains_key(*n)) {
        match by_name.get(name.as_str()) {
            None => plan.gone.push(name.clone()),
            Some(group) if prune => deletes.push(Change::Delete {
                group: (*group).clone(),
            }),
            Some(_) => plan.stale.push(name.clone()),
        }
    }
    plan.changes = adds.into_iter().chain(modifies).chain(deletes).collect();
    plan
}

/// Whether `listed` is exactly `wanted` (in any order), every criterion `include`.
fn holds_exactly(listed: &[Listed], wanted: &[Criterion]) -> bool {
    let mut have = BTreeSet::new();
    for l in listed {
        match l {
            Listed::Include(c) => {
                have.insert(*c);
            }
            Listed::Other(_) => return false,
        }
    }
    have.len() == wanted.len() && wanted.iter().all(|c| have.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desired(records: &[(i64, &str, &str)]) -> Result<Desired, Vec<Inexpressible>> {
        let mut wanted = Wanted::default();
        for (id, group, ip) in records {
            wanted.add(*id, group, ip);
        }
        wanted.finish()
    }

    fn c(ip: &str) -> Criterion {
        Criterion::from_record(ip).unwrap()
    }

    fn group(id: &str, name: &str, ips: &[&str]) -> Group {
        Group {
            id: id.to_owned(),
            name: name.to_owned(),
            criteria: ips.iter().map(|ip| Listed::Include(c(ip))).collect(),
            description: None,
            speed: None,
            devices: None,
        }
    }

    #[test]
    fn records_make_one_group_per_name_without_duplicates() {
        let d = desired(&[
            (1, "acme", "192.0.2.7"),
            (2, "acme", "10.0.0.0/24"),
            (3, "acme", "192.0.2.7"),
            (4, "", "198.51.100.1"),
            (5, "beta", ""),
            (6, "gamma", "203.0.113.1-203.0.113.9"),
        ])
        .unwrap();
        assert_eq!(
            d,
            Desired::from([
                ("acme".to_owned(), vec![c("192.0.2.7"), c("10.0.0.0/24")]),
                ("gamma".to_owned(), vec![c("203.0.113.1-203.0.113.9")]),
            ])
        );
    }

    #[test]
    fn every_ipv6_member_is_named() {
        let err = desired(&[
            (1, "acme", "2001:db8::1"),
            (2, "acme", "192.0.2.7"),
            (3, "beta", "2001:db8::/48"),
            (4, "", "2001:db8::9"),
        ])
        .unwrap_err();
        assert_eq!(err.iter().map(|e| e.service_id).collect::<Vec<_>>(), [1, 3]);
    }

    #[test]
    fn add_modify_leave_and_prune_only_what_this_tool_created() {
        let d = desired(&[
            (1, "new", "192.0.2.1"),
            (2, "same", "192.0.2.2"),
            (3, "changed", "192.0.2.3"),
            (4, "by-hand", "192.0.2.4"),
        ])
        .unwrap();
        let listed = [
            group("1", "same", &["192.0.2.2"]),
            group("2", "changed", &["192.0.2.30"]),
            group("3", "by-hand", &["198.51.100.0/24"]),
            group("4", "old", &["192.0.2.5"]),
            group("5", "someone-elses", &["192.0.2.6"]),
        ];
        let created: BTreeSet<String> = ["same", "changed", "old", "vanished"]
            .map(str::to_owned)
            .into();
        let p = plan(&d, &listed, &created, true);
        assert_eq!(p.names(|c| matches!(c, Change::Add { .. })), ["new"]);
        assert_eq!(
            p.names(|c| matches!(c, Change::Modify { .. })),
            ["by-hand", "changed"]
        );
        assert_eq!(p.names(|c| matches!(c, Change::Delete { .. })), ["old"]);
        assert_eq!(p.unchanged, ["same"]);
        assert_eq!(p.gone, ["vanished"]);
        assert!(p.stale.is_empty());
        let Change::Modify { group, .. } = &p.changes[1] else {
            panic!("{:?}", p.changes);
        };
        assert_eq!(group.id, "3", "modified by the listed ID");

        let kept = plan(&d, &listed, &created, false);
        assert_eq!(
            kept.names(|c| matches!(c, Change::Delete { .. })),
            Vec::<&str>::new()
        );
        assert_eq!(kept.stale, ["old"]);
        assert!(kept.adds_or_modifies());
    }

    #[test]
    fn order_does_not_matter_but_anything_else_does() {
        let d = desired(&[(1, "g", "192.0.2.1"), (2, "g", "192.0.2.2")]).unwrap();
        let none = BTreeSet::new();
        let same = [group("1", "g", &["192.0.2.2", "192.0.2.1"])];
        assert!(plan(&d, &same, &none, false).changes.is_empty());
        let mut excluded = group("1", "g", &["192.0.2.2", "192.0.2.1"]);
        excluded
            .criteria
            .push(Listed::Other("IPAddress Exclude 192.0.2.3".to_owned()));
        let fewer = group("1", "g", &["192.0.2.1"]);
        for listed in [excluded, fewer] {
            assert!(plan(&d, &[listed], &none, false).adds_or_modifies());
        }
    }

    #[test]
    fn a_second_plan_after_the_first_is_empty() {
        let d = desired(&[(1, "g", "192.0.2.1")]).unwrap();
        let created = BTreeSet::from(["g".to_owned()]);
        let after = [group("9", "g", &["192.0.2.1"])];
        let p = plan(&d, &after, &created, true);
        assert!(p.changes.is_empty() && p.gone.is_empty() && p.stale.is_empty());
        assert_eq!(p.unchanged, ["g"]);
    }
}
