//! The reading half of `access import`: on a thread of its own, rows are read,
//! validated and their passwords sealed, then handed to the store's writer in
//! batches through a bounded channel, so that the store is written while the
//! next rows are read, in constant memory. Batches go back to the reader for
//! reuse: in the steady state nothing is allocated per row.

use std::borrow::Cow;
use std::io::Read;
use std::sync::mpsc::{Receiver, SyncSender};

use crate::cli::InputFormat;
use crate::crypto::Cipher;
use crate::error::{Exit, fail};
use crate::import::{self, Delimiter, Position, RawRow, Unreadable};
use crate::records::{self, FieldError, Fields};
use crate::whmcs::rules::DisabledBy;

/// A batch is handed over at this many rows, or this many bytes of text and
/// sealed passwords, whichever comes first.
const ROWS: usize = 1024;
const BYTES: usize = 256 * 1024;
/// How many full batches may wait for the writer: with the one being filled
/// and the one being written, at most `DEPTH + 2` exist.
pub const DEPTH: usize = 4;

/// Where a value is in a batch's `text` or `sealed` buffer.
type Span = (u32, u32);

/// The rows of part of the input, in file order: valid rows with their values
/// in two buffers, and bad rows with their problems.
#[derive(Default)]
pub struct Batch {
    items: Vec<Item>,
    text: String,
    sealed: Vec<u8>,
}

enum Item {
    Valid(Valid),
    Bad(Position, Vec<FieldError>),
}

/// A validated row, its values kept as spans of the batch's buffers; `None`
/// fields were not given, as in [`Fields`].
struct Valid {
    position: Position,
    service_id: i64,
    client_id: Option<Option<i64>>,
    username: Option<Span>,
    url: Option<Span>,
    group: Option<Span>,
    ip_address: Option<Span>,
    notes: Option<Span>,
    /// `Some(None)`: no password; `Some(Some(_))`: the sealed one.
    password: Option<Option<Span>>,
    enabled: Option<bool>,
    disabled_by: Option<Option<DisabledBy>>,
    created_at: Option<i64>,
    updated_at: Option<i64>,
}

/// A row of a batch as the writer takes it: valid, or its problems.
pub struct Entry<'b> {
    pub position: Position,
    pub row: Result<Row<'b>, &'b [FieldError]>,
}

pub struct Row<'b> {
    pub service_id: i64,
    /// The fields; a password given in the file is in `sealed` only.
    pub fields: Fields<'b>,
    pub sealed: Option<&'b [u8]>,
}

impl Batch {
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        let text =
            |s: Option<Span>| s.map(|(a, b)| Cow::Borrowed(&self.text[a as usize..b as usize]));
        self.items.iter().map(move |item| match item {
            Item::Bad(position, errors) => Entry {
                position: *position,
                row: Err(errors),
            },
            Item::Valid(v) => Entry {
                position: v.position,
                row: Ok(Row {
                    service_id: v.service_id,
                    fields: Fields {
                        client_id: v.client_id,
                        username: text(v.username),
                        password: matches!(v.password, Some(None)).then_some(None),
                        url: text(v.url),
                        group: text(v.group),
                        ip_address: text(v.ip_address),
                        notes: text(v.notes),
                        enabled: v.enabled,
                        disabled_by: v.disabled_by,
                        created_at: v.created_at,
                        updated_at: v.updated_at,
                    },
                    sealed: v
                        .password
                        .flatten()
                        .map(|(a, b)| &self.sealed[a as usize..b as usize]),
                }),
            },
        })
    }

    fn clear(&mut self) {
        self.items.clear();
        self.text.clear();
        self.sealed.clear();
    }

    fn full(&self) -> bool {
        self.items.len() >= ROWS || self.text.len() + self.sealed.len() >= BYTES
    }

    fn put(&mut self, value: Option<&Cow<'_, str>>) -> Option<Span> {
        value.map(|v| {
            let start = self.text.len();
            self.text.push_str(v);
            (start as u32, self.text.len() as u32)
        })
    }
}

/// What the reader reads.
pub struct Source {
    pub input: Box<dyn Read + Send>,
    pub format: InputFormat,
    pub delimiter: Option<Delimiter>,
}

/// Reads every row of `source` into batches sent on `full`, reusing the ones
/// that come back on `empty`. `cipher` is needed only when a row has a
/// password: its error is the import's error then. Stops when the writer
/// hangs up (it then has an error of its own).
pub fn read(
    source: Source,
    cipher: anyhow::Result<Cipher>,
    full: SyncSender<Batch>,
    empty: Receiver<Batch>,
) -> anyhow::Result<Result<(), Unreadable>> {
    let mut reader = Reader {
        cipher: cipher.map_err(Some),
        batch: Batch::default(),
        full,
        empty,
    };
    let read = match source.format {
        InputFormat::Csv => {
            import::csv(source.input, source.delimiter, &mut |row| reader.row(row))?
        }
        InputFormat::Json => import::json(source.input, &mut |row| reader.row(row))?,
    };
    // The rows before a point where the input became unreadable are reported too.
    reader.hand_over()?;
    Ok(read)
}

struct Reader {
    /// The error is taken out when a password needs the key.
    cipher: Result<Cipher, Option<anyhow::Error>>,
    batch: Batch,
    full: SyncSender<Batch>,
    empty: Receiver<Batch>,
}

impl Reader {
    fn row(&mut self, raw: RawRow<'_>) -> anyhow::Result<()> {
        let item = match raw.cells {
            Err(errors) => Item::Bad(raw.position, errors),
            Ok(cells) => match records::validate_row(cells.iter().copied()) {
                Err(errors) => Item::Bad(raw.position, errors),
                Ok((id, fields)) => Item::Valid(self.valid(raw.position, id, &fields)?),
            },
        };
        self.batch.items.push(item);
        if self.batch.full() {
            self.hand_over()?;
        }
        Ok(())
    }

    fn valid(&mut self, position: Position, id: i64, f: &Fields<'_>) -> anyhow::Result<Valid> {
        let password = match &f.password {
            None => None,
            Some(None) => Some(None),
            Some(Some(plain)) => {
                let cipher = match &mut self.cipher {
                    Ok(cipher) => cipher,
                    Err(e) => {
                        return Err(e
                            .take()
                            .unwrap_or_else(|| fail(Exit::Software, "no encryption key")));
                    }
                };
                let start = self.batch.sealed.len();
                cipher.seal_into(id, plain, &mut self.batch.sealed)?;
                Some(Some((start as u32, self.batch.sealed.len() as u32)))
            }
        };
        let b = &mut self.batch;
        Ok(Valid {
            position,
            service_id: id,
            client_id: f.client_id,
            username: b.put(f.username.as_ref()),
            url: b.put(f.url.as_ref()),
            group: b.put(f.group.as_ref()),
            ip_address: b.put(f.ip_address.as_ref()),
            notes: b.put(f.notes.as_ref()),
            password,
            enabled: f.enabled,
            disabled_by: f.disabled_by,
            created_at: f.created_at,
            updated_at: f.updated_at,
        })
    }

    /// Sends the batch filled so far, and takes a returned one (or a new one)
    /// to fill next.
    fn hand_over(&mut self) -> anyhow::Result<()> {
        if self.batch.items.is_empty() {
            return Ok(());
        }
        let mut next = self.empty.try_recv().unwrap_or_default();
        next.clear();
        let batch = std::mem::replace(&mut self.batch, next);
        self.full
            .send(batch)
            .map_err(|_| fail(Exit::Software, "the import's writer stopped"))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;
    use crate::crypto::Key;

    type Taken = (i64, String, String, Option<String>);

    /// Reads `text` as CSV through batches, as the writer takes them: each
    /// row's position and (service, username, notes, opened password), or its
    /// number of problems.
    fn through_batches(text: &str) -> Vec<(Position, Result<Taken, usize>)> {
        let key = Key::generate().unwrap();
        let (full, batches) = mpsc::sync_channel(DEPTH);
        let (back, empty) = mpsc::channel();
        let source = Source {
            input: Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            format: InputFormat::Csv,
            delimiter: None,
        };
        let sealer = Cipher::new(&key).unwrap();
        let reader = std::thread::spawn(move || read(source, Ok(sealer), full, empty));
        let opener = Cipher::new(&key).unwrap();
        let mut out = Vec::new();
        for batch in batches {
            for entry in batch.entries() {
                let row = entry.row.map_err(<[FieldError]>::len).map(|r| {
                    (
                        r.service_id,
                        r.fields.username.unwrap_or_default().into_owned(),
                        r.fields.notes.unwrap_or_default().into_owned(),
                        r.sealed.map(|s| opener.open(r.service_id, s).unwrap()),
                    )
                });
                out.push((entry.position, row));
            }
            let _ = back.send(batch);
        }
        assert!(reader.join().unwrap().unwrap().is_ok());
        out
    }

    #[test]
    fn rows_come_out_of_batches_as_they_went_in() {
        let mut text = String::from("service_id,username,password,notes\n");
        for i in 1..=3000 {
            if i == 1500 {
                text.push_str("x,bad,,\n");
            }
            text.push_str(&format!("{i},user{i},pw-{i},\"note, {i}\"\n"));
        }
        let rows = through_batches(&text);
        assert_eq!(rows.len(), 3001);
        assert_eq!(
            rows[0],
            (
                Position::Line(2),
                Ok((
                    1,
                    "user1".to_owned(),
                    "note, 1".to_owned(),
                    Some("pw-1".to_owned())
                ))
            )
        );
        assert_eq!(rows[1499], (Position::Line(1501), Err(1)));
        assert_eq!(
            rows[3000],
            (
                Position::Line(3002),
                Ok((
                    3000,
                    "user3000".to_owned(),
                    "note, 3000".to_owned(),
                    Some("pw-3000".to_owned())
                ))
            )
        );
    }

    #[test]
    fn the_key_is_needed_only_for_a_password() {
        let run = |text: &'static [u8]| {
            let (full, _batches) = mpsc::sync_channel(DEPTH);
            let (_back, empty) = mpsc::channel();
            let source = Source {
                input: Box::new(text),
                format: InputFormat::Csv,
                delimiter: None,
            };
            read(source, Err(fail(Exit::Config, "no key here")), full, empty)
        };
        assert!(run(b"service_id,username,password\n1,a,\n").is_ok());
        let err = run(b"service_id,username,password\n1,a,\n2,b,pw\n").unwrap_err();
        assert_eq!(err.to_string(), "no key here");
    }
}
