//! The encryption key and password encryption: AES-256-GCM (ring) with the
//! service ID bound as associated data, nonces from one random base per process,
//! and the key file's creation, permission rules and fingerprint.

use std::cell::Cell;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use base64::Engine;
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};

use crate::error::{Exit, fail};
use crate::files::{self, Perms};

pub const KEY_LEN: usize = 32;
/// The first byte of every stored ciphertext: the format version.
const FORMAT_V1: u8 = 1;

#[derive(Clone)]
pub struct Key([u8; KEY_LEN]);

impl Key {
    pub fn generate() -> anyhow::Result<Key> {
        let mut bytes = [0u8; KEY_LEN];
        random_bytes(&mut bytes)?;
        Ok(Key(bytes))
    }

    /// A key from `NETFLOW_MANAGER_KEY` (base64 of 32 bytes).
    pub fn from_base64(text: &str) -> anyhow::Result<Key> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .ok()
            .filter(|b| b.len() == KEY_LEN)
            .ok_or_else(|| {
                fail(
                    Exit::Config,
                    "NETFLOW_MANAGER_KEY is not the base64 of 32 bytes (make one with: head -c 32 /dev/urandom | base64)",
                )
            })?;
        Ok(Key(to_array(&bytes)))
    }

    /// A short public name for the key; the store records it so a wrong key is
    /// recognised as such.
    pub fn fingerprint(&self) -> String {
        let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
        ctx.update(b"netflow-manager key fingerprint\0");
        ctx.update(&self.0);
        let digest = ctx.finish();
        digest.as_ref()[..8]
            .chunks(2)
            .map(|c| format!("{:02x}{:02x}", c[0], c[1]))
            .collect::<Vec<_>>()
            .join(":")
    }

    /// Reads a key file, refusing one that others can read, or that its group can
    /// read unless that group is one of `shared_gids` (the allowed admin groups).
    pub fn load(path: &Path, shared_gids: &[u32]) -> anyhow::Result<Key> {
        let meta = fs::metadata(path).map_err(|e| {
            fail(
                if e.kind() == std::io::ErrorKind::PermissionDenied {
                    Exit::NoPerm
                } else {
                    Exit::Config
                },
                format!("cannot read key file {}: {e}", path.display()),
            )
        })?;
        let mode = meta.permissions().mode() & 0o777;
        let group_ok = mode & 0o070 == 0 || shared_gids.contains(&meta.gid());
        if mode & 0o007 != 0 || !group_ok {
            return Err(fail(
                Exit::NoPerm,
                format!(
                    "key file {} is readable by {} (mode {mode:04o}); fix it with: chmod 600 {}",
                    path.display(),
                    if mode & 0o007 != 0 {
                        "others"
                    } else {
                        "its group"
                    },
                    path.display()
                ),
            ));
        }
        let bytes = fs::read(path).map_err(|e| {
            fail(
                Exit::NoPerm,
                format!("cannot read key file {}: {e}", path.display()),
            )
        })?;
        if bytes.len() != KEY_LEN {
            return Err(fail(
                Exit::Config,
                format!(
                    "key file {} holds {} bytes, not a {KEY_LEN}-byte key",
                    path.display(),
                    bytes.len()
                ),
            ));
        }
        Ok(Key(to_array(&bytes)))
    }

    /// Writes the key to a new file with `perms`, atomically and durably: the
    /// file appears whole or not at all, and an existing file is never replaced.
    pub fn create_file(&self, path: &Path, perms: Perms) -> anyhow::Result<()> {
        files::write_new(path, &self.0, perms).map_err(|e| {
            fail(
                if e.kind() == std::io::ErrorKind::PermissionDenied {
                    Exit::NoPerm
                } else {
                    Exit::CantCreate
                },
                format!("cannot create key file {}: {e}", path.display()),
            )
        })
    }
}

fn to_array(bytes: &[u8]) -> [u8; KEY_LEN] {
    let mut a = [0u8; KEY_LEN];
    a.copy_from_slice(bytes);
    a
}

/// Fills `buf` from the system's random generator (keys, nonces, tokens, passwords).
pub fn random_bytes(buf: &mut [u8]) -> anyhow::Result<()> {
    SystemRandom::new()
        .fill(buf)
        .map_err(|_| fail(Exit::Software, "the system random generator failed"))
}

/// Seals and opens passwords with one key. Nonces are a random 96-bit base drawn
/// once, XORed with a per-process counter: unique without a syscall per row.
pub struct Cipher {
    key: LessSafeKey,
    base: [u8; NONCE_LEN],
    counter: Cell<u64>,
}

impl Cipher {
    pub fn new(key: &Key) -> anyhow::Result<Cipher> {
        let unbound = UnboundKey::new(&AES_256_GCM, &key.0)
            .map_err(|_| fail(Exit::Software, "cannot use the encryption key"))?;
        let mut base = [0u8; NONCE_LEN];
        random_bytes(&mut base)?;
        Ok(Cipher {
            key: LessSafeKey::new(unbound),
            base,
            counter: Cell::new(0),
        })
    }

    fn next_nonce(&self) -> [u8; NONCE_LEN] {
        let n = self.counter.get();
        self.counter.set(n.wrapping_add(1));
        let mut nonce = self.base;
        for (b, c) in nonce[NONCE_LEN - 8..].iter_mut().zip(n.to_be_bytes()) {
            *b ^= c;
        }
        nonce
    }

    /// The stored form of a password: version, nonce, ciphertext and tag.
    pub fn seal(&self, service_id: i64, plaintext: &str) -> anyhow::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(1 + NONCE_LEN + plaintext.len() + AES_256_GCM.tag_len());
        self.seal_into(service_id, plaintext, &mut out)?;
        Ok(out)
    }

    /// Appends the stored form of a password to `out` (many passwords in one
    /// buffer: a bulk import allocates nothing per row).
    pub fn seal_into(
        &self,
        service_id: i64,
        plaintext: &str,
        out: &mut Vec<u8>,
    ) -> anyhow::Result<()> {
        let nonce = self.next_nonce();
        out.push(FORMAT_V1);
        out.extend_from_slice(&nonce);
        let start = out.len();
        out.extend_from_slice(plaintext.as_bytes());
        let tag = self
            .key
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(aad(service_id)),
                &mut out[start..],
            )
            .map_err(|_| fail(Exit::Software, "password encryption failed"))?;
        out.extend_from_slice(tag.as_ref());
        Ok(())
    }

    /// Decrypts a stored password of `service_id`; fails if the blob was altered
    /// or moved from another service's row.
    pub fn open(&self, service_id: i64, blob: &[u8]) -> anyhow::Result<String> {
        let corrupt = || {
            fail(
                Exit::DataErr,
                format!(
                    "the stored password of service {service_id} cannot be decrypted (altered, or copied from another record)"
                ),
            )
        };
        if blob.len() < 1 + NONCE_LEN + 16 || blob[0] != FORMAT_V1 {
            return Err(corrupt());
        }
        let mut nonce = [0u8; NONCE_LEN];
        nonce.copy_from_slice(&blob[1..1 + NONCE_LEN]);
        let mut body = blob[1 + NONCE_LEN..].to_vec();
        let plain = self
            .key
            .open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(aad(service_id)),
                &mut body,
            )
            .map_err(|_| corrupt())?;
        String::from_utf8(plain.to_vec()).map_err(|_| corrupt())
    }
}

fn aad(service_id: i64) -> [u8; 8] {
    service_id.to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cipher() -> Cipher {
        Cipher::new(&Key::generate().unwrap()).unwrap()
    }

    proptest! {
        #[test]
        fn seal_then_open_gives_the_password_back(id in 1i64..i64::MAX, pw in ".{0,80}") {
            let c = cipher();
            prop_assert_eq!(c.open(id, &c.seal(id, &pw).unwrap()).unwrap(), pw);
        }
    }

    #[test]
    fn passwords_sealed_into_one_buffer_open_one_by_one() {
        let c = cipher();
        let mut out = vec![9u8];
        c.seal_into(1, "one", &mut out).unwrap();
        let first = out.len();
        c.seal_into(2, "two", &mut out).unwrap();
        assert_eq!(c.open(1, &out[1..first]).unwrap(), "one");
        assert_eq!(c.open(2, &out[first..]).unwrap(), "two");
    }

    #[test]
    fn ciphertext_moved_to_another_service_fails() {
        let c = cipher();
        let blob = c.seal(10, "s3cret").unwrap();
        assert!(c.open(11, &blob).is_err());
    }

    #[test]
    fn every_seal_uses_a_new_nonce() {
        let c = cipher();
        assert_ne!(c.seal(1, "same").unwrap(), c.seal(1, "same").unwrap());
    }

    #[test]
    fn another_key_cannot_open() {
        let a = cipher();
        let b = cipher();
        assert!(b.open(1, &a.seal(1, "pw").unwrap()).is_err());
    }

    #[test]
    fn fingerprint_is_stable_and_distinct() {
        let k = Key::generate().unwrap();
        assert_eq!(k.fingerprint(), k.clone().fingerprint());
        assert_ne!(k.fingerprint(), Key::generate().unwrap().fingerprint());
        assert_eq!(k.fingerprint().len(), 19);
    }

    #[test]
    fn env_key_must_be_32_bytes() {
        assert!(Key::from_base64("c2hvcnQ=").is_err());
        let k = Key::generate().unwrap();
        assert_eq!(
            Key::from_base64(&base64::engine::general_purpose::STANDARD.encode(k.0))
                .unwrap()
                .fingerprint(),
            k.fingerprint()
        );
    }
}
