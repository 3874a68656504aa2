//! Reading bulk-import files as people have them: CSV with a header row (its
//! delimiter, `,` `;` or TAB, found from the header line; header names in any
//! case), a JSON array, or one JSON object per line, each with or without a
//! UTF-8 byte order mark. Rows stream one by one with their position for
//! reports, in bounded memory whatever the input: a header, a field or a JSON
//! record over its limit is reported, never held.

use std::cell::Cell;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::rc::Rc;
use std::str::FromStr;

use serde::Deserialize;
use serde::de::{self, Deserializer as _, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::records::{self, FieldError};

/// The longest CSV header line, in bytes.
const MAX_HEADER: usize = 64 * 1024;
/// The longest CSV field, in bytes (the longest valid one, notes, is 10,000
/// characters: at most 40,000 bytes).
const MAX_FIELD: usize = 64 * 1024;
/// The longest JSON record (a line, or an element of an array), in bytes.
const MAX_RECORD: usize = 1024 * 1024;
/// The UTF-8 byte order mark some editors and spreadsheets put first.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Where a row is, for error reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Position {
    Line(u64),
    /// The n-th element of a JSON array, and the line it ends on.
    Element(u64, u64),
    /// A CSV header, on its line: its problems are not bad rows.
    Header(u64),
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Line(l) | Position::Header(l) => write!(f, "line {l}"),
            Position::Element(n, l) => write!(f, "record {n} (line {l})"),
        }
    }
}

/// One row: its (column, value) cells, or what makes it unreadable.
pub struct RawRow<'a> {
    pub position: Position,
    pub cells: Result<Vec<(&'a str, Option<&'a str>)>, Vec<FieldError>>,
}

/// The input cannot be read as its format at all: one line says why.
#[derive(Debug)]
pub struct Unreadable(pub String);

/// What the callback returns; its error stops reading and is passed through.
pub type Sink<'a> = dyn FnMut(RawRow<'_>) -> anyhow::Result<()> + 'a;

/// The character between CSV fields: `,` `;` or TAB as found in the header
/// line, or any one ASCII character given with `--delimiter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delimiter(u8);

impl FromStr for Delimiter {
    type Err = String;

    /// One ASCII character, or `tab` / `\t` for TAB.
    fn from_str(text: &str) -> Result<Delimiter, String> {
        let byte = match text {
            "tab" | "TAB" | "\\t" => b'\t',
            _ => match text.as_bytes() {
                [b] if b.is_ascii() => *b,
                _ => return Err("the delimiter is one ASCII character (or \"tab\")".to_owned()),
            },
        };
        match byte {
            b'"' | b'\n' | b'\r' => Err(
                "the delimiter cannot be a double quote or a line break (they are CSV's own)"
                    .to_owned(),
            ),
            b => Ok(Delimiter(b)),
        }
    }
}

impl Delimiter {
    /// The delimiter a header line uses: whichever of `,` `;` TAB it holds most
    /// of outside quotes (a comma when none, or on a tie).
    fn of_header(line: &[u8]) -> Delimiter {
        let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
        let mut quoted = false;
        for &b in line.split(|b| *b == b'\n').next().unwrap_or_default() {
            match b {
                b'"' => quoted = !quoted,
                _ if quoted => {}
                _ => {
                    if let Some(c) = counts.iter_mut().find(|(d, _)| *d == b) {
                        c.1 += 1;
                    }
                }
            }
        }
        // The first of the most frequent: `max_by_key` would take the last.
        let most = counts.iter().map(|c| c.1).max().unwrap_or(0);
        Delimiter(counts.iter().find(|c| c.1 == most).map_or(b',', |c| c.0))
    }
}

/// The start of an input, read ahead: a leading byte order mark dropped,
/// blank lines before the content counted and dropped, and the content's first
/// line (up to [`MAX_HEADER`] + 1 bytes) held, so that the CSV delimiter can
/// be found from the header before parsing begins.
struct Start<R> {
    /// The bytes read ahead, from the first line that holds anything.
    head: Vec<u8>,
    /// The line `head` starts on.
    line: u64,
    rest: R,
}

impl<R: Read> Start<R> {
    /// `None` when the input holds nothing but blanks (or nothing at all).
    fn read(mut rest: R) -> std::io::Result<Option<Start<R>>> {
        let mut head = Vec::new();
        let mut line = 1;
        let mut chunk = [0u8; 8 * 1024];
        let mut bom_checked = false;
        loop {
            let n = match rest.read(&mut chunk) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let end = n == 0;
            head.extend_from_slice(&chunk[..n]);
            if !bom_checked {
                // A pipe may hand over the mark a byte at a time.
                if head.len() < BOM.len() && BOM.starts_with(&head) && !end {
                    continue;
                }
                if head.starts_with(BOM) {
                    head.drain(..BOM.len());
                }
                bom_checked = true;
            }
            let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
            match head.iter().position(|b| !blank(b)) {
                Some(content) => {
                    if let Some(nl) = head[..content].iter().rposition(|b| *b == b'\n') {
                        line += newlines(&head[..=nl]);
                        head.drain(..=nl);
                    }
                    if end || head.contains(&b'\n') || head.len() > MAX_HEADER {
                        return Ok(Some(Start { head, line, rest }));
                    }
                }
                None if end => return Ok(None),
                None => {
                    // Only blanks so far: count their lines and drop them, however
                    // many (blanks before the content on its line change nothing).
                    line += newlines(&head);
                    head.clear();
                }
            }
        }
    }

    /// The whole input again, from the first line that holds anything.
    fn into_reader(self) -> BufReader<std::io::Chain<std::io::Cursor<Vec<u8>>, R>> {
        BufReader::with_capacity(64 * 1024, std::io::Cursor::new(self.head).chain(self.rest))
    }
}

/// Why an input with nothing in it cannot be imported.
fn empty(expected: &str) -> Unreadable {
    Unreadable(format!("the input is empty (expected {expected})"))
}

fn cannot_read(e: std::io::Error) -> Unreadable {
    Unreadable(format!("cannot read the input: {e}"))
}

/// Streams CSV rows, with `delimiter` or the one the header line uses; header
/// problems are reported at [`Position::Header`].
pub fn csv(
    input: impl Read,
    delimiter: Option<Delimiter>,
    sink: &mut Sink<'_>,
) -> anyhow::Result<Result<(), Unreadable>> {
    let columns = records::COLUMNS.join(",");
    let nothing = || empty(&format!("a header row naming the columns: {columns}"));
    let start = match Start::read(input) {
        Ok(Some(start)) => start,
        Ok(None) => return Ok(Err(nothing())),
        Err(e) => return Ok(Err(cannot_read(e))),
    };
    let delimiter = delimiter.unwrap_or_else(|| Delimiter::of_header(&start.head));
    let header_line = start.line;
    let mut reader = CsvReader::new(start.into_reader(), delimiter.0, header_line);
    let mut record = CsvRecord::default();
    match reader.next(&mut record, MAX_HEADER, MAX_HEADER + 1) {
        Ok(true) => {}
        Ok(false) => return Ok(Err(nothing())),
        Err(e) => return Ok(Err(cannot_read(e))),
    }
    if record.len > MAX_HEADER {
        return Ok(Err(Unreadable(format!(
            "line {header_line}: the header is longer than {} KiB; it names the columns: {columns}",
            MAX_HEADER / 1024,
        ))));
    }
    if record.unterminated {
        return Ok(Err(Unreadable(format!(
            "line {header_line}: a quoted name in the header is never closed (the file ends inside its quotes)"
        ))));
    }
    let not_utf8 = |line: u64| Ok(Err(Unreadable(format!("line {line}: not UTF-8 text"))));
    let Some(text) = record.kept_text() else {
        return not_utf8(header_line);
    };
    let mut headers = Vec::with_capacity(record.count);
    for i in 0..record.count {
        match record.bounds(i).and_then(|(s, e)| text.get(s..e)) {
            Some(h) => headers.push(h.trim().to_owned()),
            None => return not_utf8(header_line),
        }
    }
    if headers.iter().all(String::is_empty) {
        return Ok(Err(Unreadable(format!(
            "line {header_line}: no header row (the first line names the columns: {columns})"
        ))));
    }
    let header_errors = check_columns(&headers);
    // The column of each field, worked out once: unknown and repeated columns
    // are left out.
    let mut seen = std::collections::HashSet::new();
    let known: Vec<(usize, &str)> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| records::import_column(h).map(|c| (i, c)))
        .filter(|(_, c)| seen.insert(*c))
        .collect();
    drop(seen);
    if !header_errors.is_empty() {
        sink(RawRow {
            position: Position::Header(header_line),
            cells: Err(header_errors),
        })?;
    }
    loop {
        match reader.next(&mut record, MAX_CSV_RECORD, headers.len() + 1) {
            Ok(true) => {}
            Ok(false) => return Ok(Ok(())),
            Err(e) => return Ok(Err(cannot_read(e))),
        }
        let line = record.line;
        let cells = if record.unterminated {
            Err(vec![FieldError {
                column: "*".to_owned(),
                reason: "a quoted field is never closed (the file ends inside its quotes)"
                    .to_owned(),
            }])
        } else if record.count != headers.len() {
            Err(vec![FieldError {
                column: "*".to_owned(),
                reason: format!(
                    "has {} fields, the header has {}",
                    record.count,
                    headers.len()
                ),
            }])
        } else {
            let Some(text) = record.kept_text() else {
                return not_utf8(line);
            };
            let mut cells = Vec::with_capacity(known.len());
            let mut errors = Vec::new();
            for &(i, column) in &known {
                match record.bounds(i) {
                    Some((start, end)) if end - start > MAX_FIELD => errors.push(FieldError {
                        column: column.to_owned(),
                        reason: format!("is longer than {} KiB", MAX_FIELD / 1024),
                    }),
                    // A field split inside a character is not UTF-8 by itself.
                    Some((start, end)) if end <= record.kept => match text.get(start..end) {
                        Some(value) => cells.push((column, Some(value))),
                        None => return not_utf8(line),
                    },
                    _ => {}
                }
            }
            if errors.is_empty() && cells.len() < known.len() {
                errors.push(FieldError {
                    column: "*".to_owned(),
                    reason: format!("is longer than {} KiB", MAX_CSV_RECORD / 1024),
                });
            }
            if errors.is_empty() {
                Ok(cells)
            } else {
                Err(errors)
            }
        };
        sink(RawRow {
            position: Position::Line(line),
            cells,
        })?;
    }
}

/// The most a CSV record holds; the fields past it are parsed and dropped.
const MAX_CSV_RECORD: usize = 1024 * 1024;

/// A CSV record as [`CsvReader::next`] leaves it.
#[derive(Default)]
struct CsvRecord {
    /// The line the record starts on.
    line: u64,
    /// How many fields it has.
    count: usize,
    /// How many bytes its fields hold together.
    len: usize,
    /// The fields' bytes, one after the other, as far as they were kept; the
    /// buffer is reused from record to record.
    text: Vec<u8>,
    kept: usize,
    /// Where each field ends in the record, for as many fields as were kept.
    ends: Vec<usize>,
    kept_ends: usize,
    /// The input ends inside a quoted field of this record.
    unterminated: bool,
}

impl CsvRecord {
    /// Where field `i` starts and ends in the record, if its end was kept.
    fn bounds(&self, i: usize) -> Option<(usize, usize)> {
        if i >= self.kept_ends {
            return None;
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some((start, self.ends[i]))
    }

    /// The bytes of the fields kept whole, as text; `None` when they are not
    /// UTF-8. (A record cut at its limit may end inside a character.)
    fn kept_text(&self) -> Option<&str> {
        let whole = self.ends[..self.kept_ends].partition_point(|&e| e <= self.kept);
        let end = if whole == 0 { 0 } else { self.ends[whole - 1] };
        std::str::from_utf8(&self.text[..end]).ok()
    }
}

/// CSV records from a byte stream in bounded memory: a record's bytes are kept
/// up to a limit, and only so many field ends; the rest is parsed and dropped.
struct CsvReader<B> {
    input: B,
    /// The parser; it also counts the lines it has read.
    core: csv_core::Reader,
    /// Where the bytes and ends past the limits go.
    spill: Vec<u8>,
    spill_ends: Vec<usize>,
}

/// Fed to the parser once at the end of the input: a record it does not end
/// is inside quotes that are never closed.
const PROBE: &[u8] = b"\n";

impl<B: BufRead> CsvReader<B> {
    /// A reader of `input`, whose first byte is on line `line`.
    fn new(input: B, delimiter: u8, line: u64) -> CsvReader<B> {
        let mut core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        core.set_line(line);
        CsvReader {
            input,
            core,
            spill: vec![0; 8 * 1024],
            spill_ends: vec![0; 256],
        }
    }

    /// Reads the next record into `rec`, keeping at most `max_bytes` of its
    /// fields and the ends of at most `max_fields`. False at the end of the input.
    fn next(
        &mut self,
        rec: &mut CsvRecord,
        max_bytes: usize,
        max_fields: usize,
    ) -> std::io::Result<bool> {
        // Blank lines before a record are skipped here, counted, so that the
        // record knows the line it starts on.
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(false);
            }
            let blank = buf
                .iter()
                .take_while(|b| matches!(b, b'\n' | b'\r'))
                .count();
            let line = self.core.line() + newlines(&buf[..blank]);
            self.core.set_line(line);
            let started = blank < buf.len();
            self.input.consume(blank);
            if started {
                break;
            }
        }
        rec.line = self.core.line();
        rec.count = 0;
        rec.len = 0;
        rec.kept = 0;
        rec.kept_ends = 0;
        rec.unterminated = false;
        let mut probed = false;
        loop {
            if rec.kept == rec.text.len() && rec.text.len() < max_bytes {
                let grown = (rec.text.len() * 2).clamp(4 * 1024, max_bytes);
                rec.text.resize(grown, 0);
            }
            if rec.kept_ends == rec.ends.len() && rec.ends.len() < max_fields {
                let grown = (rec.ends.len() * 2).clamp(16, max_fields);
                rec.ends.resize(grown, 0);
            }
            let keeping = rec.kept < rec.text.len();
            let keeping_ends = rec.kept_ends < rec.ends.len();
            let out = if keeping {
                &mut rec.text[rec.kept..]
            } else {
                &mut self.spill[..]
            };
            let ends = if keeping_ends {
                &mut rec.ends[rec.kept_ends..]
            } else {
                &mut self.spill_ends[..]
            };
            let buf = self.input.fill_buf()?;
            let probing = buf.is_empty() && !probed;
            let buf = if probing { PROBE } else { buf };
            let (result, read, written, ended) = self.core.read_record(buf, out, ends);
            if probing {
                probed = read > 0;
                // The line end went into a field: the parser is inside quotes.
                rec.unterminated = probed && result == csv_core::ReadRecordResult::InputEmpty;
            } else {
                self.input.consume(read);
            }
            rec.len += written;
            rec.count += ended;
            if keeping {
                rec.kept += written;
            }
            if keeping_ends {
                rec.kept_ends += ended;
            }
            match result {
                csv_core::ReadRecordResult::Record => return Ok(true),
                csv_core::ReadRecordResult::End => return Ok(rec.count > 0),
                _ => {}
            }
        }
    }
}

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| **b == b'\n').count() as u64
}

fn check_columns(names: &[String]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for name in names {
        match records::import_column(name) {
            None => errors.push(FieldError {
                column: name.clone(),
                reason: unknown("column", name),
            }),
            Some(column) if !seen.insert(column) => errors.push(FieldError {
                column: name.clone(),
                reason: "appears twice in the header".to_owned(),
            }),
            Some(_) => {}
        }
    }
    errors
}

/// Why a column or field name is refused: the known name it most likely
/// meant, or all of them.
fn unknown(what: &str, name: &str) -> String {
    match records::closest_column(name) {
        Some(meant) => format!("unknown {what} (did you mean {meant}?)"),
        None => format!("unknown {what} (known: {})", records::COLUMNS.join(", ")),
    }
}

/// Streams JSON: an array of objects, or one object per line.
pub fn json(input: impl Read, sink: &mut Sink<'_>) -> anyhow::Result<Result<(), Unreadable>> {
    let start = match Start::read(input) {
        Ok(Some(start)) => start,
        Ok(None) => {
            return Ok(Err(empty(
                "a JSON array of records, or one JSON object per line",
            )));
        }
        Err(e) => return Ok(Err(cannot_read(e))),
    };
    let line = start.line;
    let array = start.head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    if array {
        json_array(start.into_reader(), line, sink)
    } else {
        json_lines(start.into_reader(), line, sink)
    }
}

/// One JSON object per line, the first on line `first`.
fn json_lines(
    mut reader: impl BufRead,
    first: u64,
    sink: &mut Sink<'_>,
) -> anyhow::Result<Result<(), Unreadable>> {
    let mut line = Vec::new();
    let mut line_no = first - 1;
    loop {
        line.clear();
        let read = (&mut reader)
            .take(MAX_RECORD as u64 + 1)
            .read_until(b'\n', &mut line);
        match read {
            Ok(0) => return Ok(Ok(())),
            Ok(_) => {}
            Err(e) => return Ok(Err(cannot_read(e))),
        }
        line_no += 1;
        if line.len() > MAX_RECORD && line.last() != Some(&b'\n') {
            // Left unread: the rest of the line is skipped, never held.
            if let Err(e) = reader.skip_until(b'\n') {
                return Ok(Err(cannot_read(e)));
            }
            sink(RawRow {
                position: Position::Line(line_no),
                cells: Err(vec![FieldError {
                    column: "*".to_owned(),
                    reason: format!("is longer than {} KiB", MAX_RECORD / 1024),
                }]),
            })?;
            continue;
        }
        let Ok(text) = std::str::from_utf8(&line) else {
            return Ok(Err(Unreadable(format!("line {line_no}: not UTF-8 text"))));
        };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let owned = match serde_json::from_str::<JsonRecord>(text) {
            Ok(record) => record.0,
            Err(e) => Err(vec![FieldError {
                column: "*".to_owned(),
                reason: format!("not a JSON object: {e}"),
            }]),
        };
        sink(RawRow {
            position: Position::Line(line_no),
            cells: borrowed(&owned),
        })?;
    }
}

/// Counts what the JSON parser has consumed, for positions, and refuses to
/// give it more than [`MAX_RECORD`] bytes for one element.
struct Metered<R> {
    inner: R,
    lines: Rc<Cell<u64>>,
    /// Bytes read since the current element began.
    element: Rc<Cell<usize>>,
    /// Set when an element went over the limit.
    over: Rc<Cell<bool>>,
}

impl<R: Read> Read for Metered<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.lines.set(self.lines.get() + newlines(&buf[..n]));
        self.element.set(self.element.get() + n);
        if self.element.get() > MAX_RECORD {
            self.over.set(true);
            return Err(std::io::Error::other("a record is too long"));
        }
        Ok(n)
    }
}

/// A JSON array of objects that opens on line `first`.
fn json_array(
    reader: impl BufRead,
    first: u64,
    sink: &mut Sink<'_>,
) -> anyhow::Result<Result<(), Unreadable>> {
    let lines = Rc::new(Cell::new(first));
    let element = Rc::new(Cell::new(0));
    let over = Rc::new(Cell::new(false));
    // serde_json reads its input a byte at a time through `Read`, so the
    // counts are exact at the end of each element.
    let metered = Metered {
        inner: reader,
        lines: lines.clone(),
        element: element.clone(),
        over: over.clone(),
    };
    let mut de = serde_json::Deserializer::from_reader(metered);
    let mut failed: Option<anyhow::Error> = None;
    let mut count = 0;
    let visitor = Elements {
        sink,
        lines: &lines,
        element: &element,
        count: &mut count,
        failed: &mut failed,
    };
    let parsed = (&mut de).deserialize_seq(visitor);
    if let Some(e) = failed {
        return Err(e);
    }
    if over.get() {
        return Ok(Err(Unreadable(format!(
            "record {} (line {}): longer than {} KiB",
            count + 1,
            lines.get(),
            MAX_RECORD / 1024
        ))));
    }
    if let Err(e) = parsed.and_then(|()| de.end()) {
        return Ok(Err(Unreadable(
            if e.classify() == serde_json::error::Category::Io {
                format!("not UTF-8 text, or unreadable: {e}")
            } else {
                format!("not readable as JSON: {e}")
            },
        )));
    }
    Ok(Ok(()))
}

struct Elements<'s, 'a> {
    sink: &'s mut Sink<'a>,
    lines: &'s Cell<u64>,
    element: &'s Cell<usize>,
    count: &'s mut u64,
    failed: &'s mut Option<anyhow::Error>,
}

impl<'de> Visitor<'de> for Elements<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.element.set(0);
        while let Some(record) = seq.next_element::<JsonRecord>()? {
            *self.count += 1;
            let row = RawRow {
                position: Position::Element(*self.count, self.lines.get()),
                cells: borrowed(&record.0),
            };
            if let Err(e) = (self.sink)(row) {
                *self.failed = Some(e);
                return Err(de::Error::custom("stopped"));
            }
            self.element.set(0);
        }
        Ok(())
    }
}

type OwnedCells = Result<Vec<(&'static str, Option<String>)>, Vec<FieldError>>;

fn borrowed(owned: &OwnedCells) -> Result<Vec<(&str, Option<&str>)>, Vec<FieldError>> {
    match owned {
        Ok(cells) => Ok(cells.iter().map(|(k, v)| (*k, v.as_deref())).collect()),
        Err(e) => Err(e.clone()),
    }
}

/// A JSON record's cells, read without building a tree: strings, numbers and
/// booleans become text, null is absent, and nested values are skipped.
struct JsonRecord(OwnedCells);

impl<'de> Deserialize<'de> for JsonRecord {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<JsonRecord, D::Error> {
        d.deserialize_any(RecordVisitor)
    }
}

struct RecordVisitor;

impl RecordVisitor {
    fn not_an_object() -> JsonRecord {
        JsonRecord(Err(vec![FieldError {
            column: "*".to_owned(),
            reason: "is not a JSON object".to_owned(),
        }]))
    }
}

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = JsonRecord;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonRecord, A::Error> {
        let mut cells = Vec::new();
        let mut errors = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let Some(column) = records::import_column(&key) else {
                map.next_value::<IgnoredAny>()?;
                errors.push(FieldError {
                    reason: unknown("field", &key),
                    column: key,
                });
                continue;
            };
            if cells.iter().any(|(c, _)| *c == column) {
                map.next_value::<IgnoredAny>()?;
                errors.push(FieldError {
                    column: key,
                    reason: "appears twice in the record".to_owned(),
                });
                continue;
            }
            match map.next_value::<Scalar>()? {
                Scalar::Text(t) => cells.push((column, Some(t))),
                Scalar::Null => cells.push((column, None)),
                Scalar::Nested => errors.push(FieldError {
                    column: column.to_owned(),
                    reason: "must be a string, number, boolean or null".to_owned(),
                }),
            }
        }
        Ok(JsonRecord(if errors.is_empty() {
            Ok(cells)
        } else {
            Err(errors)
        }))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonRecord, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Self::not_an_object())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<JsonRecord, E> {
        Ok(Self::not_an_object())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<JsonRecord, E> {
        Ok(Self::not_an_object())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<JsonRecord, E> {
        Ok(Self::not_an_object())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<JsonRecord, E> {
        Ok(Self::not_an_object())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<JsonRecord, E> {
        Ok(Self::not_an_object())
    }

    fn visit_unit<E: de::Error>(self) -> Result<JsonRecord, E> {
        Ok(Self::not_an_object())
    }
}

/// A JSON value as one cell.
enum Scalar {
    Text(String),
    Null,
    /// An array or object: skipped, never held.
    Nested,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        // As JSON writes it: 1.0 stays "1.0", which is not an ID.
        Ok(Scalar::Text(
            serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string()),
        ))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Nested)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Nested)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect_csv(text: &str) -> (Vec<(Position, bool)>, Option<String>) {
        let mut rows = Vec::new();
        let r = csv(text.as_bytes(), None, &mut |row: RawRow| {
            rows.push((row.position, row.cells.is_ok()));
            Ok(())
        })
        .unwrap();
        (rows, r.err().map(|u| u.0))
    }

    #[test]
    fn csv_rows_carry_their_line() {
        let (rows, err) = collect_csv("service_id,username\n1,a\n\n2,b\n3,\"x\ny\"\n4,d\n");
        assert!(err.is_none());
        let lines: Vec<Position> = rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, [2, 4, 5, 7].map(Position::Line));
        let (rows, _) = collect_csv("service_id\r\n1\r\n\r\n2\r\n3\n");
        let lines: Vec<Position> = rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, [2, 4, 5].map(Position::Line));
    }

    /// Hands out its bytes a few at a time, so that records and line ends
    /// straddle every buffer boundary.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    proptest::proptest! {
        /// Row positions match the physical lines whatever the blank lines,
        /// line endings and buffer boundaries.
        #[test]
        fn csv_lines_match_the_text(rows in proptest::collection::vec((0usize..3, proptest::bool::ANY, "[a-z]{1,40}"), 1..200), step in 1usize..9) {
            let mut text = String::from("service_id,username\n");
            let mut line = 2u64;
            let mut expected = Vec::new();
            for (i, (blanks, crlf, name)) in rows.iter().enumerate() {
                let end = if *crlf { "\r\n" } else { "\n" };
                for _ in 0..*blanks {
                    text.push_str(end);
                    line += 1;
                }
                text.push_str(&format!("{i},{name}{end}"));
                expected.push(Position::Line(line));
                line += 1;
            }
            let (got, err) = collect_csv(&text);
            proptest::prop_assert!(err.is_none());
            let got: Vec<Position> = got.into_iter().map(|r| r.0).collect();
            proptest::prop_assert_eq!(&got, &expected);
            let mut trickled = Vec::new();
            csv(Trickle { data: text.as_bytes(), step }, None, &mut |row: RawRow| {
                trickled.push(row.position);
                Ok(())
            })
            .unwrap()
            .unwrap();
            proptest::prop_assert_eq!(trickled, expected);
        }
    }

    #[test]
    fn a_csv_header_over_its_limit_is_one_error() {
        let header = format!("service_id,{}\n1\n", "x,".repeat(MAX_HEADER));
        let (rows, err) = collect_csv(&header);
        assert!(rows.is_empty());
        assert!(
            err.unwrap()
                .starts_with("line 1: the header is longer than 64 KiB")
        );
        let (_, err) = collect_csv(&format!("{}\n", "a".repeat(MAX_HEADER - 1)));
        assert!(err.is_none(), "a header just under the limit is read");
    }

    #[test]
    fn a_csv_field_over_its_limit_is_reported_and_reading_goes_on() {
        let long = "n".repeat(MAX_FIELD + 1);
        let text = format!(
            "service_id,username,notes\n1,a,\"{long}\"\n2,b,\"{}\"\n3,c,x\n",
            &long[1..]
        );
        let mut rows = Vec::new();
        let r = csv(text.as_bytes(), None, &mut |row: RawRow| {
            rows.push((
                row.position,
                row.cells.map(|c| c.len()).map_err(|e| e[0].clone()),
            ));
            Ok(())
        })
        .unwrap();
        assert!(r.is_ok());
        assert_eq!(rows.len(), 3);
        let (pos, cells) = &rows[0];
        assert_eq!(*pos, Position::Line(2));
        let e = cells.as_ref().unwrap_err();
        assert_eq!(
            (e.column.as_str(), e.reason.as_str()),
            ("notes", "is longer than 64 KiB")
        );
        assert_eq!(rows[1], (Position::Line(3), Ok(3)), "exactly at the limit");
        assert_eq!(rows[2], (Position::Line(4), Ok(3)));
    }

    #[test]
    fn a_record_cut_inside_a_character_is_still_text() {
        let text = format!(
            "service_id,username,notes\n1,ab,{}\n",
            "é".repeat(MAX_CSV_RECORD)
        );
        let mut errors = Vec::new();
        let r = csv(text.as_bytes(), None, &mut |row: RawRow| {
            errors.extend(row.cells.unwrap_err());
            Ok(())
        })
        .unwrap();
        assert!(r.is_ok(), "{:?}", r.err());
        assert_eq!(errors[0].column, "notes");
        assert_eq!(errors[0].reason, "is longer than 64 KiB");
    }

    #[test]
    fn extra_csv_fields_are_counted_not_kept() {
        let text = format!("service_id,username\n1,a{}\n2,b\n", ",".repeat(1_000_000));
        let (rows, err) = collect_csv(&text);
        assert!(err.is_none());
        assert_eq!(
            rows,
            [(Position::Line(2), false), (Position::Line(3), true)]
        );
    }

    #[test]
    fn a_json_line_over_its_limit_is_reported_and_reading_goes_on() {
        let at_limit = format!(
            "{{\"service_id\": 2, \"notes\": \"{}\"}}",
            "n".repeat(MAX_RECORD - 30)
        );
        // Padded to the limit exactly: trailing blanks are still part of the line.
        let at_limit = format!("{at_limit}{}", " ".repeat(MAX_RECORD - at_limit.len()));
        let text = format!(
            "{{\"service_id\": 1, \"notes\": \"{}\"}}\n{at_limit}\n{{\"service_id\": 3}}\n",
            "n".repeat(MAX_RECORD)
        );
        let mut rows = Vec::new();
        json(text.as_bytes(), &mut |row: RawRow| {
            rows.push((
                row.position,
                row.cells.map_err(|e| e[0].reason.clone()).map(|c| c.len()),
            ));
            Ok(())
        })
        .unwrap()
        .unwrap();
        assert_eq!(
            rows,
            [
                (Position::Line(1), Err("is longer than 1024 KiB".to_owned())),
                (Position::Line(2), Ok(2)),
                (Position::Line(3), Ok(1)),
            ]
        );
    }

    #[test]
    fn a_json_array_element_over_its_limit_is_one_error() {
        let text = format!(
            "[\n{{\"service_id\": 1}},\n{{\"service_id\": 2, \"notes\": \"{}\"}}]",
            "n".repeat(MAX_RECORD)
        );
        let mut seen = 0;
        let r = json(text.as_bytes(), &mut |_row: RawRow| {
            seen += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, 1);
        assert_eq!(r.unwrap_err().0, "record 2 (line 3): longer than 1024 KiB");
    }

    /// The (column, reason) of every problem in JSON whose every record has one.
    fn json_errors(input: &[u8]) -> Vec<(String, String)> {
        let mut errors = Vec::new();
        json(input, &mut |row: RawRow| {
            errors.extend(
                row.cells
                    .unwrap_err()
                    .into_iter()
                    .map(|e| (e.column, e.reason)),
            );
            Ok(())
        })
        .unwrap()
        .unwrap();
        errors
    }

    #[test]
    fn nested_json_values_are_refused_without_being_kept() {
        let reasons = json_errors(
            br#"[{"service_id": 1, "notes": [1, [2, {"a": 3}]], "colour": {"x": [1]}}, 5]"#,
        );
        assert_eq!(
            reasons,
            [
                (
                    "notes".to_owned(),
                    "must be a string, number, boolean or null".to_owned()
                ),
                ("colour".to_owned(), unknown("field", "colour")),
                ("*".to_owned(), "is not a JSON object".to_owned()),
            ]
        );
    }

    #[test]
    fn unknown_csv_column_is_a_problem_of_the_header() {
        let (rows, _) = collect_csv("service_id,username,colour\n1,a,red\n");
        assert_eq!(rows[0], (Position::Header(1), false));
        let (rows, _) = collect_csv("\n\nservice_id,username,colour\n1,a,red\n");
        assert_eq!(rows[0], (Position::Header(3), false));
        assert_eq!(rows[1], (Position::Line(4), true));
    }

    #[test]
    fn an_empty_input_is_one_error_in_every_format() {
        for text in ["", "\n", "\n\n", " \r\n\t", "\u{feff}", "\u{feff}\n"] {
            let (_, err) = collect_csv(text);
            assert!(
                err.is_some_and(|e| e.starts_with("the input is empty")),
                "{text:?}"
            );
            let r = json(text.as_bytes(), &mut |_row: RawRow| Ok(())).unwrap();
            assert!(
                r.is_err_and(|e| e.0.starts_with("the input is empty")),
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_delimiter_is_the_one_the_header_uses() {
        for (header, d) in [
            ("service_id,username", b','),
            ("service_id;username;group", b';'),
            ("service_id\tusername", b'\t'),
            ("\"a;b\",c", b','),
            ("service_id", b','),
            ("a;b,c", b','),
            ("a;b;c,d\n1,2,3,4,5,6", b';'),
        ] {
            assert_eq!(
                Delimiter::of_header(header.as_bytes()),
                Delimiter(d),
                "{header}"
            );
        }
        let mut rows = Vec::new();
        let text = "service_id;username;notes\n1;a;\"x;y\"\n";
        csv(text.as_bytes(), None, &mut |row: RawRow| {
            rows.push(owned(row.cells.unwrap()));
            Ok(())
        })
        .unwrap()
        .unwrap();
        assert_eq!(rows[0][2], ("notes".to_owned(), Some("x;y".to_owned())));
        let given = Some("|".parse().unwrap());
        let mut n = 0;
        csv(
            &b"service_id|username\n1|a\n"[..],
            given,
            &mut |row: RawRow| {
                assert_eq!(row.cells.unwrap().len(), 2);
                n += 1;
                Ok(())
            },
        )
        .unwrap()
        .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn a_delimiter_is_one_ascii_character() {
        assert_eq!("tab".parse(), Ok(Delimiter(b'\t')));
        assert_eq!("\t".parse(), Ok(Delimiter(b'\t')));
        assert_eq!(";".parse(), Ok(Delimiter(b';')));
        for bad in ["", ";;", "\"", "\n", "é"] {
            assert!(bad.parse::<Delimiter>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_dropped_in_every_format() {
        let (rows, err) = collect_csv("\u{feff}service_id,username\n1,a\n");
        assert!(err.is_none());
        assert_eq!(rows, [(Position::Line(2), true)]);
        for text in [
            "\u{feff}[{\"service_id\": 1, \"username\": \"a\"}]",
            "\u{feff}{\"service_id\": 1, \"username\": \"a\"}\n",
            "\u{feff}\n\n[{\"service_id\": 1, \"username\": \"a\"}]",
        ] {
            let mut n = 0;
            json(text.as_bytes(), &mut |row: RawRow| {
                assert_eq!(row.cells.unwrap().len(), 2);
                n += 1;
                Ok(())
            })
            .unwrap()
            .unwrap();
            assert_eq!(n, 1, "{text:?}");
        }
        // Handed over a byte at a time, as a pipe may.
        let text = "\u{feff}service_id,username\n1,a\n";
        let r = csv(
            Trickle {
                data: text.as_bytes(),
                step: 1,
            },
            None,
            &mut |row: RawRow| {
                assert!(row.cells.is_ok());
                Ok(())
            },
        )
        .unwrap();
        assert!(r.is_ok());
    }

    #[test]
    fn an_unterminated_quoted_field_is_an_error_of_its_record() {
        let mut got = Vec::new();
        let text = "service_id,username,notes\n1,a,ok\n2,b,\"never closed\n3,c,x\n";
        csv(text.as_bytes(), None, &mut |row: RawRow| {
            got.push((
                row.position,
                row.cells.map(|_| ()).map_err(|e| e[0].reason.clone()),
            ));
            Ok(())
        })
        .unwrap()
        .unwrap();
        assert_eq!(
            got,
            [
                (Position::Line(2), Ok(())),
                (
                    Position::Line(3),
                    Err(
                        "a quoted field is never closed (the file ends inside its quotes)"
                            .to_owned()
                    )
                ),
            ]
        );
        for closed in [
            "1,a,\"x\"",
            "1,a,\"x\"\n",
            "1,a,x",
            "1,a,\"x\ny\"",
            "1,a,\"\"",
        ] {
            let (rows, _) = collect_csv(&format!("service_id,username,notes\n{closed}"));
            assert_eq!(rows, [(Position::Line(2), true)], "{closed:?}");
        }
        let (_, err) = collect_csv("service_id,\"username\n1,a\n");
        assert!(err.unwrap().contains("never closed"));
    }

    #[test]
    fn blanks_before_the_content_are_dropped_not_held() {
        let mut text = " ".repeat(3 * MAX_HEADER);
        text.push_str("\n\t\n");
        text.push_str(&" ".repeat(3 * MAX_HEADER));
        text.push_str("service_id,username\n1,a\n");
        let start = Start::read(text.as_bytes()).unwrap().unwrap();
        assert_eq!(start.line, 3);
        assert!(start.head.len() < 2 * 8 * 1024, "{}", start.head.len());
        let (rows, err) = collect_csv(&text);
        assert!(err.is_none(), "{err:?}");
        assert_eq!(rows, [(Position::Line(4), true)]);
    }

    #[test]
    fn json_lines_after_blank_lines_know_their_line() {
        let mut pos = Vec::new();
        json(
            &b"\n\n{\"service_id\": 1}\n\n{\"service_id\": 2}\n"[..],
            &mut |row: RawRow| {
                pos.push(row.position);
                Ok(())
            },
        )
        .unwrap()
        .unwrap();
        assert_eq!(pos, [Position::Line(3), Position::Line(5)]);
    }

    #[test]
    fn json_keys_match_like_csv_headers() {
        let got =
            json_errors(br#"{" Service_ID ": 1, "USERNAME": "a", "grop": "g", "username": "b"}"#);
        assert_eq!(
            got,
            [
                (
                    "grop".to_owned(),
                    "unknown field (did you mean group?)".to_owned()
                ),
                (
                    "username".to_owned(),
                    "appears twice in the record".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn non_utf8_csv_is_one_error() {
        let mut bytes = b"service_id,username\n1,".to_vec();
        bytes.extend([0xff, 0xfe, b'\n']);
        let r = csv(&bytes[..], None, &mut |_row: RawRow| Ok(())).unwrap();
        assert!(r.unwrap_err().0.contains("UTF-8"));
    }

    fn owned(cells: Vec<(&str, Option<&str>)>) -> Vec<(String, Option<String>)> {
        cells
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.map(str::to_owned)))
            .collect()
    }

    #[test]
    fn json_array_and_lines_give_the_same_cells() {
        let mut a = Vec::new();
        json(
            &br#"[{"service_id": 1, "username": "a", "enabled": false, "client_id": null}]"#[..],
            &mut |row: RawRow| {
                a.push(owned(row.cells.unwrap()));
                Ok(())
            },
        )
        .unwrap()
        .unwrap();
        let mut b = Vec::new();
        json(
            &b"\n{\"service_id\": 1, \"username\": \"a\", \"enabled\": false, \"client_id\": null}\n"[..],
            &mut |row: RawRow| {
                b.push(owned(row.cells.unwrap()));
                Ok(())
            },
        )
        .unwrap()
        .unwrap();
        assert_eq!(a, b);
        let cell = |k: &str| a[0].iter().find(|(c, _)| c == k).unwrap().1.clone();
        assert_eq!(cell("enabled").as_deref(), Some("false"));
        assert_eq!(cell("client_id"), None);
    }

    #[test]
    fn broken_json_array_is_one_error() {
        let r = json(&b"[{\"service_id\": 1,"[..], &mut |_row: RawRow| Ok(())).unwrap();
        assert!(r.unwrap_err().0.contains("JSON"));
    }

    #[test]
    fn json_array_elements_know_their_line() {
        let mut pos = Vec::new();
        json(
            &b"[\n {\"service_id\": 1},\n {\"service_id\": 2}\n]"[..],
            &mut |row: RawRow| {
                pos.push(row.position);
                Ok(())
            },
        )
        .unwrap()
        .unwrap();
        assert_eq!(pos, [Position::Element(1, 2), Position::Element(2, 3)]);
    }
}
