//! Reading bulk-import files: CSV with a header row, a JSON array, or one JSON
//! object per line, streamed row by row with each row's position for reports.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::rc::Rc;

use serde::de::{self, Deserializer as _, SeqAccess, Visitor};
use serde_json::Value;

use crate::records::{self, FieldError};

/// Where a row is, for error reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Position {
    Line(u64),
    /// The n-th element of a JSON array, and the line it ends on.
    Element(u64, u64),
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Line(l) => write!(f, "line {l}"),
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

/// Streams CSV rows; header problems are reported as errors of line 1.
pub fn csv(input: impl Read, sink: &mut Sink<'_>) -> anyhow::Result<Result<(), Unreadable>> {
    let newlines = Rc::new(RefCell::new(Newlines::default()));
    let tracked = Tracked {
        inner: input,
        newlines: newlines.clone(),
        offset: 0,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(tracked);
    let headers = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_owned()).collect::<Vec<_>>(),
        Err(e) => return Ok(Err(unreadable_csv(&e))),
    };
    if headers.iter().all(String::is_empty) {
        return Ok(Err(Unreadable(format!(
            "no header row (the first line names the columns: {})",
            records::COLUMNS.join(",")
        ))));
    }
    let header_errors = check_columns(&headers);
    // The columns a row's cells belong to, worked out once: unknown ones are dropped.
    let known: Vec<Option<&str>> = headers.iter().map(|h| records::import_column(h)).collect();
    if !header_errors.is_empty() {
        sink(RawRow {
            position: Position::Line(1),
            cells: Err(header_errors),
        })?;
    }
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(Ok(())),
            Ok(true) => {}
            Err(e) => return Ok(Err(unreadable_csv(&e))),
        }
        // The csv crate's own line count skips blank lines; count them ourselves.
        let line = record
            .position()
            .map_or(0, |p| newlines.borrow_mut().line_at(p.byte()));
        let cells = if record.len() != headers.len() {
            Err(vec![FieldError {
                column: "*".to_owned(),
                reason: format!(
                    "has {} fields, the header has {}",
                    record.len(),
                    headers.len()
                ),
            }])
        } else {
            let mut cells = Vec::with_capacity(known.len());
            cells.extend(
                known
                    .iter()
                    .zip(record.iter())
                    .filter_map(|(h, v)| h.map(|h| (h, Some(v)))),
            );
            Ok(cells)
        };
        sink(RawRow {
            position: Position::Line(line),
            cells,
        })?;
    }
}

/// Where the newlines of the input are, for line numbers by byte offset; only
/// those not yet passed are kept (bounded by the reader's buffer).
#[derive(Default)]
struct Newlines {
    /// Offsets of `\n`, and whether a `\r` stands right before it.
    ahead: VecDeque<(u64, bool)>,
    passed: u64,
    last_was_cr: bool,
}

impl Newlines {
    /// The 1-based line where the record read from `offset` starts: blank lines
    /// the CSV reader skipped before it (`\n` or `\r\n`) are passed over.
    /// Offsets only grow.
    fn line_at(&mut self, mut offset: u64) -> u64 {
        while let Some(&(o, crlf)) = self.ahead.front() {
            if o < offset {
                self.passed += 1;
            } else if o == offset || (crlf && o == offset + 1) {
                self.passed += 1;
                offset = o + 1;
            } else {
                break;
            }
            self.ahead.pop_front();
        }
        self.passed + 1
    }
}

struct Tracked<R> {
    inner: R,
    newlines: Rc<RefCell<Newlines>>,
    offset: u64,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let data = &buf[..n];
        let mut nl = self.newlines.borrow_mut();
        let note = |i: usize, nl: &mut Newlines| {
            let crlf = if i == 0 {
                nl.last_was_cr
            } else {
                data[i - 1] == b'\r'
            };
            nl.ahead.push_back((self.offset + i as u64, crlf));
        };
        // Eight bytes at a time: most words of a CSV file hold no newline.
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        let mut chunks = data.chunks_exact(8);
        let mut at = 0;
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_le_bytes(word) ^ (ONES * u64::from(b'\n'));
            if x.wrapping_sub(ONES) & !x & HIGHS != 0 {
                for (k, b) in chunk.iter().enumerate() {
                    if *b == b'\n' {
                        note(at + k, &mut nl);
                    }
                }
            }
            at += 8;
        }
        for (k, b) in chunks.remainder().iter().enumerate() {
            if *b == b'\n' {
                note(at + k, &mut nl);
            }
        }
        if let Some(last) = data.last() {
            nl.last_was_cr = *last == b'\r';
        }
        self.offset += n as u64;
        Ok(n)
    }
}

fn unreadable_csv(e: &csv::Error) -> Unreadable {
    let at = e
        .position()
        .map(|p| format!("line {}: ", p.line()))
        .unwrap_or_default();
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => Unreadable(format!("{at}not UTF-8 text")),
        csv::ErrorKind::Io(io) => Unreadable(format!("cannot read the input: {io}")),
        _ => Unreadable(format!("{at}not readable as CSV: {e}")),
    }
}

fn check_columns(names: &[String]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if records::import_column(name).is_none() {
            errors.push(FieldError {
                column: name.clone(),
                reason: format!("unknown column (known: {})", records::COLUMNS.join(", ")),
            });
        } else if names[..i].contains(name) {
            errors.push(FieldError {
                column: name.clone(),
                reason: "appears twice in the header".to_owned(),
            });
        }
    }
    errors
}

/// Streams JSON: an array of objects, or one object per line.
pub fn json(input: impl Read, sink: &mut Sink<'_>) -> anyhow::Result<Result<(), Unreadable>> {
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    let first = loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) => return Ok(Err(Unreadable(format!("cannot read the input: {e}")))),
        };
        if buf.is_empty() {
            return Ok(Ok(()));
        }
        let skip = buf
            .iter()
            .take_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
            .count();
        if skip < buf.len() {
            let first = buf[skip];
            break first;
        }
        let n = buf.len();
        reader.consume(n);
    };
    if first == b'[' {
        json_array(reader, sink)
    } else {
        json_lines(reader, sink)
    }
}

fn json_lines(reader: impl BufRead, sink: &mut Sink<'_>) -> anyhow::Result<Result<(), Unreadable>> {
    for (i, line) in reader.lines().enumerate() {
        let line_no = i as u64 + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                return Ok(Err(Unreadable(format!("line {line_no}: not UTF-8 text"))));
            }
            Err(e) => return Ok(Err(Unreadable(format!("cannot read the input: {e}")))),
        };
        let text = line.trim().trim_start_matches('\u{feff}');
        if text.is_empty() {
            continue;
        }
        let owned = match serde_json::from_str::<Value>(text) {
            Ok(v) => cells_of(v),
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
    Ok(Ok(()))
}

/// Counts the lines the JSON parser has consumed, for positions.
struct LineCounter<R> {
    inner: R,
    lines: Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let nl = buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
        self.lines.set(self.lines.get() + nl);
        Ok(n)
    }
}

fn json_array(reader: impl BufRead, sink: &mut Sink<'_>) -> anyhow::Result<Result<(), Unreadable>> {
    let lines = Rc::new(std::cell::Cell::new(1));
    // serde_json reads its input a byte at a time through `Read`, so the count
    // is exact at the end of each element.
    let counter = LineCounter {
        inner: reader,
        lines: lines.clone(),
    };
    let mut de = serde_json::Deserializer::from_reader(counter);
    let mut failed: Option<anyhow::Error> = None;
    let visitor = Elements {
        sink,
        lines: &lines,
        failed: &mut failed,
    };
    let parsed = (&mut de).deserialize_seq(visitor);
    if let Some(e) = failed {
        return Err(e);
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
    lines: &'s std::cell::Cell<u64>,
    failed: &'s mut Option<anyhow::Error>,
}

impl<'de> Visitor<'de> for Elements<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut n = 0;
        while let Some(v) = seq.next_element::<Value>()? {
            n += 1;
            let owned = cells_of(v);
            let row = RawRow {
                position: Position::Element(n, self.lines.get()),
                cells: borrowed(&owned),
            };
            if let Err(e) = (self.sink)(row) {
                *self.failed = Some(e);
                return Err(de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

type OwnedCells = Result<Vec<(String, Option<String>)>, Vec<FieldError>>;

fn borrowed(owned: &OwnedCells) -> Result<Vec<(&str, Option<&str>)>, Vec<FieldError>> {
    match owned {
        Ok(cells) => Ok(cells
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_deref()))
            .collect()),
        Err(e) => Err(e.clone()),
    }
}

/// A JSON record's cells; strings, numbers and booleans become text, null is absent.
fn cells_of(v: Value) -> OwnedCells {
    let Value::Object(map) = v else {
        return Err(vec![FieldError {
            column: "*".to_owned(),
            reason: "is not a JSON object".to_owned(),
        }]);
    };
    let mut cells = Vec::with_capacity(map.len());
    let mut errors = Vec::new();
    for (k, v) in map {
        if records::import_column(&k).is_none() {
            errors.push(FieldError {
                reason: "unknown field".to_owned(),
                column: k,
            });
            continue;
        }
        let text = match v {
            Value::Null => None,
            Value::String(s) => Some(s),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Array(_) | Value::Object(_) => {
                errors.push(FieldError {
                    column: k,
                    reason: "must be a string, number, boolean or null".to_owned(),
                });
                continue;
            }
        };
        cells.push((k, text));
    }
    if errors.is_empty() {
        Ok(cells)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect_csv(text: &str) -> (Vec<(Position, bool)>, Option<String>) {
        let mut rows = Vec::new();
        let r = csv(text.as_bytes(), &mut |row: RawRow| {
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

    proptest::proptest! {
        /// Row positions match the physical lines whatever the blank lines,
        /// line endings and buffer boundaries.
        #[test]
        fn csv_lines_match_the_text(rows in proptest::collection::vec((0usize..3, proptest::bool::ANY, "[a-z]{1,40}"), 1..200)) {
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
            proptest::prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn unknown_csv_column_is_reported_on_line_one() {
        let (rows, _) = collect_csv("service_id,username,colour\n1,a,red\n");
        assert_eq!(rows[0], (Position::Line(1), false));
    }

    #[test]
    fn an_empty_csv_has_no_header_row() {
        for text in ["", "\n", "\n\n"] {
            let (_, err) = collect_csv(text);
            assert!(err.is_some_and(|e| e.contains("no header row")), "{text:?}");
        }
    }

    #[test]
    fn non_utf8_csv_is_one_error() {
        let mut bytes = b"service_id,username\n1,".to_vec();
        bytes.extend([0xff, 0xfe, b'\n']);
        let r = csv(&bytes[..], &mut |_row: RawRow| Ok(())).unwrap();
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
