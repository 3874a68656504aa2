//! Files the tool creates, and which file a path really is: new files are born
//! with their final mode and owner (never a wider window), appear whole or not
//! at all, and leave no temporary file behind that the next writer does not
//! sweep; `same_file` tells by inode whether two paths name one file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The mode and, when set, the owner and group a new file is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Perms {
    pub mode: u32,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
}

impl Perms {
    /// Private to the user running the tool.
    pub const PRIVATE: Perms = Perms {
        mode: 0o600,
        uid: None,
        gid: None,
    };

    /// The mode, owner and group `path` has now.
    pub fn of(path: &Path) -> io::Result<Perms> {
        let meta = fs::metadata(path)?;
        Ok(Perms {
            mode: meta.permissions().mode() & 0o7777,
            uid: Some(meta.uid()),
            gid: Some(meta.gid()),
        })
    }
}

/// Creates `path`, which must not exist, with exactly `perms`: the mode is set on
/// the open descriptor before anything is written (the umask cannot widen or
/// narrow it), the owner and group too where they differ from the process's.
pub fn create_new(path: &Path, perms: Perms) -> io::Result<File> {
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(perms.mode & 0o600)
        .open(path)?;
    let set = || -> io::Result<()> {
        if perms.uid.is_some() || perms.gid.is_some() {
            let meta = file.metadata()?;
            // Only root can give a file away; anyone can give it to their group.
            let root = nix::unistd::Uid::effective().is_root();
            let uid = perms.uid.filter(|&u| u != meta.uid() && root);
            let gid = perms.gid.filter(|&g| g != meta.gid());
            if uid.is_some() || gid.is_some() {
                std::os::unix::fs::fchown(&file, uid, gid)?;
            }
        }
        file.set_permissions(fs::Permissions::from_mode(perms.mode))
    };
    if let Err(e) = set() {
        let _ = fs::remove_file(path);
        return Err(e);
    }
    Ok(file)
}

/// Writes `bytes` to `path` atomically and durably, never replacing an existing
/// file: a temporary file is written and synced, then linked to `path`.
pub fn write_new(path: &Path, bytes: &[u8], perms: Perms) -> io::Result<()> {
    let tmp = temp_path(path, "tmp");
    let mut file = create_new(&tmp, perms)?;
    let linked = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::hard_link(&tmp, path));
    let _ = fs::remove_file(&tmp);
    linked?;
    sync_dir(path)
}

/// Syncs the directory holding `path`, so a new name or a rename in it survives
/// a power cut.
pub fn sync_dir(path: &Path) -> io::Result<()> {
    File::open(parent(path))?.sync_all()
}

/// The directory holding `path` (`.` for a bare file name).
pub fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A temporary name beside `path` for this process: `.<name>.<pid>.<tag>`.
pub fn temp_path(path: &Path, tag: &str) -> PathBuf {
    path.with_file_name(format!(".{}.{}.{tag}", file_name(path), std::process::id()))
}

/// Removes the temporary files that processes no longer running left beside
/// `path`: `temp_path(p, tag)` of `path` or of any `p` named `path` plus a suffix
/// (a pending key's `.new`, say). Those of live processes are theirs.
pub fn sweep(path: &Path, tag: &str) {
    let prefix = format!(".{}.", file_name(path));
    let suffix = format!(".{tag}");
    let Ok(entries) = fs::read_dir(parent(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            // A database being written there leaves its rollback journal too.
            .map(|n| n.strip_suffix("-journal").unwrap_or(n))
            .and_then(|n| n.strip_suffix(&suffix))
            .and_then(|n| n.rsplit('.').next())
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        if !Path::new("/proc").join(pid.to_string()).exists() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Whether `a` and `b` are one file: the same inode when both exist (through
/// any path, symbolic or hard link), else the same name in the same directory.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let ids = |p: &Path| -> Vec<(u64, u64)> {
        [fs::metadata(p), fs::symlink_metadata(p)]
            .into_iter()
            .flatten()
            .map(|m| (m.dev(), m.ino()))
            .collect()
    };
    let (ia, ib) = (ids(a), ids(b));
    if !ia.is_empty() && !ib.is_empty() {
        return ia.iter().any(|i| ib.contains(i));
    }
    match (canonical_name(a), canonical_name(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// `path` with its directory resolved, for files that may not exist yet.
fn canonical_name(path: &Path) -> Option<PathBuf> {
    Some(fs::canonicalize(parent(path)).ok()?.join(path.file_name()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_has_exactly_the_mode_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        for mode in [0o600, 0o640, 0o660] {
            let p = dir.path().join(format!("f{mode:o}"));
            create_new(
                &p,
                Perms {
                    mode,
                    uid: None,
                    gid: None,
                },
            )
            .unwrap();
            assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, mode);
        }
    }

    #[test]
    fn write_new_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("key");
        write_new(&p, b"first", Perms::PRIVATE).unwrap();
        assert!(write_new(&p, b"second", Perms::PRIVATE).is_err());
        assert_eq!(fs::read(&p).unwrap(), b"first");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp left");
    }

    #[test]
    fn sweep_removes_what_dead_processes_left_only() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("key");
        let dead = dir.path().join(".key.999999999.tmp");
        let dead_pending = dir.path().join(".key.0123.new.999999999.tmp");
        let mine = temp_path(&p, "tmp");
        let other = dir.path().join(".other.999999999.tmp");
        for f in [&dead, &dead_pending, &mine, &other] {
            fs::write(f, b"x").unwrap();
        }
        sweep(&p, "tmp");
        assert!(!dead.exists());
        assert!(!dead_pending.exists());
        assert!(mine.exists(), "a live process's temp file is kept");
        assert!(other.exists(), "another file's temp files are not touched");
    }

    #[test]
    fn same_file_sees_through_links() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        fs::write(&a, b"x").unwrap();
        let hard = dir.path().join("hard");
        fs::hard_link(&a, &hard).unwrap();
        let soft = dir.path().join("soft");
        std::os::unix::fs::symlink(&a, &soft).unwrap();
        let dotted = dir.path().join("sub/../a");
        fs::create_dir(dir.path().join("sub")).unwrap();
        for p in [&hard, &soft, &dotted] {
            assert!(same_file(&a, p), "{}", p.display());
        }
        assert!(!same_file(&a, &dir.path().join("b")));
        let missing = dir.path().join("m");
        assert!(same_file(&missing, &dir.path().join("sub/../m")));
    }
}
