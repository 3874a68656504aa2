//! Who is running the tool: the acting user for the audit log, and the Unix
//! groups that the admin-roles rule (SPEC 5.4) checks.

use std::path::Path;

use nix::unistd::{Gid, Group, Uid, User};

#[derive(Debug, Clone)]
pub struct Identity {
    pub is_root: bool,
    pub name: String,
    gids: Vec<u32>,
}

impl Identity {
    pub fn current() -> Identity {
        let uid = Uid::current();
        let name = User::from_uid(uid)
            .ok()
            .flatten()
            .map(|u| u.name)
            .unwrap_or_else(|| format!("uid {uid}"));
        let mut gids: Vec<u32> = nix::unistd::getgroups()
            .unwrap_or_default()
            .into_iter()
            .map(Gid::as_raw)
            .collect();
        gids.push(Gid::current().as_raw());
        gids.push(Gid::effective().as_raw());
        Identity {
            is_root: Uid::effective().is_root(),
            name,
            gids,
        }
    }

    /// The name the audit log records: the user, and who ran sudo when root.
    pub fn actor(&self) -> String {
        match std::env::var("SUDO_USER") {
            Ok(by) if self.is_root && !by.is_empty() && by != self.name => {
                format!("{} (sudo by {by})", self.name)
            }
            _ => self.name.clone(),
        }
    }

    /// Whether this user may use the tool given the allowed groups: everyone when
    /// the list is empty, root always, otherwise members of an allowed group.
    pub fn allowed(&self, groups: &[String]) -> bool {
        groups.is_empty()
            || self.is_root
            || groups
                .iter()
                .filter_map(|g| group_gid(g))
                .any(|gid| self.gids.contains(&gid))
    }
}

/// The gid of a Unix group, if the group exists.
pub fn group_gid(name: &str) -> Option<u32> {
    Group::from_name(name)
        .ok()
        .flatten()
        .map(|g| g.gid.as_raw())
}

/// Gives `path` to group `gid` (owner unchanged).
pub fn chgrp(path: &Path, gid: u32) -> std::io::Result<()> {
    nix::unistd::chown(path, None, Some(Gid::from_raw(gid))).map_err(std::io::Error::from)
}
