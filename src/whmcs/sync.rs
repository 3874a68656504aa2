//! The nightly reconciliation's plan: the lifecycle rule applied to every record
//! against what WHMCS says of its service, and what is reported without being
//! changed. Pure: records and services in, plan out.

use std::collections::{HashMap, HashSet};

use super::api::Service;
use super::rules::{self, State, Status};

/// What the sync needs of a record.
#[derive(Debug, Clone, Copy)]
pub struct Record {
    pub service_id: i64,
    pub client_id: Option<i64>,
    pub state: State,
}

/// A record whose state the rule changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub service_id: i64,
    pub from: State,
    pub to: State,
    pub status: Status,
}

/// A record whose client differs from the service's client in WHMCS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Mismatch {
    pub service_id: i64,
    pub store: i64,
    pub whmcs: i64,
}

#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    pub changes: Vec<Change>,
    /// (service, client): records without a client that WHMCS names one for.
    pub client_filled: Vec<(i64, i64)>,
    /// Records whose service WHMCS does not know.
    pub orphans: Vec<i64>,
    /// Active or suspended services of the watched products without a record.
    pub missing: Vec<i64>,
    pub client_mismatch: Vec<Mismatch>,
    /// Records left as they were, orphans included.
    pub unchanged: u64,
}

impl Plan {
    /// Whether the sync would change or report anything.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
            && self.client_filled.is_empty()
            && self.orphans.is_empty()
            && self.missing.is_empty()
            && self.client_mismatch.is_empty()
    }
}

/// Plans the sync of `records` (in any order) against WHMCS's `services`.
/// `product_ids` limits which services count as missing (empty: all).
pub fn plan(
    services: &[Service],
    product_ids: &[i64],
    records: impl IntoIterator<Item = Record>,
) -> Plan {
    let by_id: HashMap<i64, &Service> = services.iter().map(|s| (s.id, s)).collect();
    let mut seen = HashSet::new();
    let mut plan = Plan::default();
    for r in records {
        seen.insert(r.service_id);
        let Some(service) = by_id.get(&r.service_id) else {
            plan.orphans.push(r.service_id);
            plan.unchanged += 1;
            continue;
        };
        let mut changed = false;
        if let Some(to) = Status::parse(&service.status)
            .and_then(|st| rules::apply(r.state, st).map(|to| (to, st)))
        {
            plan.changes.push(Change {
                service_id: r.service_id,
                from: r.state,
                to: to.0,
                status: to.1,
            });
            changed = true;
        }
        match (r.client_id, service.client_id) {
            (None, Some(whmcs)) => {
                plan.client_filled.push((r.service_id, whmcs));
                changed = true;
            }
            (Some(store), Some(whmcs)) if store != whmcs => {
                plan.client_mismatch.push(Mismatch {
                    service_id: r.service_id,
                    store,
                    whmcs,
                });
            }
            _ => {}
        }
        if !changed {
            plan.unchanged += 1;
        }
    }
    plan.missing = services
        .iter()
        .filter(|s| {
            product_ids.is_empty() || s.product_id.is_some_and(|p| product_ids.contains(&p))
        })
        .filter(|s| {
            matches!(
                Status::parse(&s.status),
                Some(Status::Active | Status::Suspended)
            )
        })
        .filter(|s| !seen.contains(&s.id))
        .map(|s| s.id)
        .collect();
    for list in [&mut plan.orphans, &mut plan.missing] {
        list.sort_unstable();
        list.dedup();
    }
    plan.changes.sort_by_key(|c| c.service_id);
    plan.client_filled.sort_unstable();
    plan.client_mismatch.sort_by_key(|m| m.service_id);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::whmcs::rules::DisabledBy;

    fn service(id: i64, client: i64, pid: i64, status: &str) -> Service {
        Service {
            id,
            client_id: Some(client),
            product_id: Some(pid),
            status: status.to_owned(),
        }
    }

    fn record(id: i64, client: Option<i64>, state: State) -> Record {
        Record {
            service_id: id,
            client_id: client,
            state,
        }
    }

    #[test]
    fn every_kind_of_finding() {
        let services = [
            service(1, 10, 5, "Suspended"),
            service(2, 10, 5, "Active"),
            service(3, 11, 5, "Active"),
            service(4, 12, 5, "Terminated"),
            service(5, 13, 5, "Active"),
            service(6, 14, 9, "Active"),
            service(7, 15, 5, "Pending"),
        ];
        let records = [
            record(1, Some(10), State::ENABLED),
            record(2, Some(10), State::disabled(DisabledBy::Whmcs)),
            record(3, None, State::disabled(DisabledBy::Admin)),
            record(4, Some(99), State::disabled(DisabledBy::Whmcs)),
            record(8, Some(1), State::ENABLED),
        ];
        let p = plan(&services, &[5], records);
        assert_eq!(
            p.changes
                .iter()
                .map(|c| (c.service_id, c.to))
                .collect::<Vec<_>>(),
            [(1, State::disabled(DisabledBy::Whmcs)), (2, State::ENABLED)]
        );
        assert_eq!(p.client_filled, [(3, 11)]);
        assert_eq!(
            p.client_mismatch,
            [Mismatch {
                service_id: 4,
                store: 99,
                whmcs: 12
            }]
        );
        assert_eq!(p.orphans, [8]);
        // 6 is of another product, 7 is pending: neither is missing.
        assert_eq!(p.missing, [5]);
        // 4 (mismatch only) and 8 (orphan) are left as they were.
        assert_eq!(p.unchanged, 2);
        assert!(!p.is_empty());
    }

    #[test]
    fn all_products_are_watched_when_none_are_named() {
        let services = [service(6, 14, 9, "Suspended")];
        assert_eq!(plan(&services, &[], []).missing, [6]);
    }

    #[test]
    fn a_second_plan_after_applying_the_first_is_empty() {
        let services = [service(1, 10, 5, "Suspended")];
        let after = [record(1, Some(10), State::disabled(DisabledBy::Whmcs))];
        assert!(plan(&services, &[], after).is_empty());
    }
}
