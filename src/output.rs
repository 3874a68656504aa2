//! Output shared by every command: tables for people (streamed, escaped, fitted to
//! the terminal), JSON and CSV for scripts, colours when wanted, and data on
//! stdout with everything else on stderr.

use std::io::{BufWriter, IsTerminal, StdoutLock, Write};

use serde::Serialize;

use crate::cli::{ColorChoice, Format};
use crate::escape::{cut, escaped, width};

/// A record type that can be listed: its columns for tables and CSV; JSON comes
/// from `Serialize`.
pub trait Tabular: Serialize {
    fn columns() -> &'static [&'static str];
    fn cells(&self) -> Vec<String>;
    /// CSV carries every field, like JSON; by default the table's columns.
    fn csv_columns() -> &'static [&'static str] {
        Self::columns()
    }
    fn csv_cells(&self) -> Vec<String> {
        self.cells()
    }
    /// Writes the CSV row; a type on a hot path writes its fields without
    /// allocating.
    fn write_csv<W: Write>(&self, w: &mut csv::Writer<W>) -> csv::Result<()> {
        w.write_record(self.csv_cells())
    }
    /// The field names `--fields` may pick: by default the CSV columns.
    fn fields() -> &'static [&'static str] {
        Self::csv_columns()
    }
}

/// How many rows a table's column widths are worked out from; later rows are
/// cut to those widths, so a table of any length streams in bounded memory.
const LAYOUT_ROWS: usize = 1_000;

/// The widest a table column gets, in terminal columns (CSV and JSON carry whole values).
const MAX_COLUMN: usize = 120;

pub struct Out {
    format: Option<Format>,
    pub quiet: bool,
    color: bool,
    /// Whether data reached stdout.
    printed: std::cell::Cell<bool>,
    /// What the command said it did, kept for `--format json` (see `finish`).
    said: std::cell::RefCell<Vec<String>>,
}

impl Out {
    pub fn new(format: Option<Format>, quiet: bool, color: ColorChoice) -> Out {
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
        Out {
            format,
            quiet,
            color,
            printed: std::cell::Cell::new(false),
            said: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// Ends a command that succeeded: with `--format json`, one that printed no
    /// data of its own prints one object of what it did, `{"messages": [...]}`.
    pub fn finish(&self) -> anyhow::Result<()> {
        if self.format == Some(Format::Json) && !self.printed.get() {
            let messages = self.said.take();
            return self.json(&serde_json::json!({ "messages": messages }));
        }
        Ok(())
    }

    /// The format asked for, or this command's default.
    pub fn format_or(&self, default: Format) -> Format {
        self.format.unwrap_or(default)
    }

    /// Stdout for data a command streams itself (a database on `backup -`).
    pub fn stdout(&self) -> StdoutLock<'static> {
        self.printed.set(true);
        std::io::stdout().lock()
    }

    /// Writes text to stdout as it is.
    pub fn write(&self, text: &str) -> anyhow::Result<()> {
        self.printed.set(true);
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        Ok(())
    }

    /// A line on stdout.
    pub fn line(&self, text: &str) -> anyhow::Result<()> {
        self.write(&format!("{text}\n"))
    }

    /// A line on stdout that `--quiet` suppresses (what a command did); stored
    /// text in it is shown escaped.
    pub fn say(&self, text: &str) -> anyhow::Result<()> {
        if self.format == Some(Format::Json) {
            self.said.borrow_mut().push(text.to_owned());
            return Ok(());
        }
        if self.quiet {
            return Ok(());
        }
        self.line(&escaped(text))
    }

    /// A warning on stderr (never suppressed: it may matter).
    pub fn warn(&self, text: &str) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "warning: {}", escaped(text));
    }

    /// One value as pretty JSON on stdout.
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> anyhow::Result<()> {
        let mut text = serde_json::to_string_pretty(value)?;
        text.push('\n');
        self.write(&text)
    }

    /// A list of records in the asked format (tables by default).
    pub fn records<T: Tabular>(&self, items: &[T], default: Format) -> anyhow::Result<()> {
        let mut stream = self.stream::<T>(default)?;
        for item in items {
            stream.push(item)?;
        }
        stream.finish()
    }

    /// Starts writing records one by one, each format in constant memory.
    pub fn stream<T: Tabular>(&self, default: Format) -> anyhow::Result<RecordStream<T>> {
        self.stream_fields(default, None)
    }

    /// As `stream`, with only the named fields, in that order, in every format
    /// (`--fields`); an unknown name is a usage error naming the valid ones.
    pub fn stream_fields<T: Tabular>(
        &self,
        default: Format,
        fields: Option<&[String]>,
    ) -> anyhow::Result<RecordStream<T>> {
        let select = fields.map(|names| select::<T>(names)).transpose()?;
        let stdout = std::io::stdout().lock();
        let sink = match self.format_or(default) {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(stdout);
                match &select {
                    Some(names) => w.write_record(names)?,
                    None => w.write_record(T::csv_columns())?,
                }
                Sink::Csv(Box::new(w))
            }
            Format::Json => {
                let mut w = BufWriter::with_capacity(64 * 1024, stdout);
                w.write_all(b"[")?;
                Sink::Json(w)
            }
            Format::Table => match &select {
                Some(names) => {
                    let headers: Vec<&str> = names.to_vec();
                    Sink::Table(self.table(&headers))
                }
                None => Sink::Table(self.table(T::columns())),
            },
        };
        self.printed.set(true);
        Ok(RecordStream {
            sink,
            select,
            count: 0,
            _items: std::marker::PhantomData,
        })
    }

    /// A table on stdout: upper-case headers, columns two spaces apart, no
    /// borders, fitted to the terminal's width when stdout is one.
    pub fn table(&self, headers: &[&str]) -> Table<BufWriter<StdoutLock<'static>>> {
        self.printed.set(true);
        let stdout = std::io::stdout();
        let fit = if stdout.is_terminal() {
            // A terminal that reports no size (0 columns) is not fitted.
            terminal_size::terminal_size_of(&stdout)
                .map(|(w, _)| usize::from(w.0))
                .filter(|w| *w > 0)
        } else {
            None
        };
        Table::new(
            BufWriter::with_capacity(64 * 1024, stdout.lock()),
            headers,
            fit,
        )
    }

    /// Label/value lines for one-screen summaries. The values are shown as
    /// given: callers escape stored text (`escape::escaped`), colours come from
    /// [`Out::green`] and [`Out::red`].
    pub fn pairs(&self, pairs: &[(&str, String)]) -> anyhow::Result<()> {
        self.write(&pairs_text(pairs))
    }

    pub fn green(&self, text: &str) -> String {
        self.paint("32", text)
    }

    pub fn red(&self, text: &str) -> String {
        self.paint("31", text)
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// `n` and what is counted, singular for one: "1 record", "2 records".
pub fn counted(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Label/value lines with the values aligned, as [`Out::pairs`] prints them.
pub fn pairs_text(pairs: &[(&str, String)]) -> String {
    let width = pairs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let mut text = String::new();
    for (k, v) in pairs {
        text.push_str(&format!("{k:<width$}  {v}\n"));
    }
    text
}

/// A table written as rows arrive: the first [`LAYOUT_ROWS`] rows are held to
/// work out the column widths, then everything streams. Every cell is shown
/// escaped and cut (`…`) to its column.
pub struct Table<W: Write> {
    out: W,
    headers: Vec<String>,
    right: Vec<bool>,
    /// The terminal's width, when the table must fit one.
    fit: Option<usize>,
    held: Vec<Vec<String>>,
    widths: Option<Vec<usize>>,
}

impl<W: Write> Table<W> {
    pub fn new(out: W, headers: &[&str], fit: Option<usize>) -> Table<W> {
        Table {
            out,
            headers: headers
                .iter()
                .map(|h| h.to_uppercase().replace('_', " "))
                .collect(),
            right: vec![false; headers.len()],
            fit,
            held: Vec::new(),
            widths: None,
        }
    }

    /// Aligns a column to the right (amounts).
    pub fn align_right(mut self, column: usize) -> Table<W> {
        if let Some(r) = self.right.get_mut(column) {
            *r = true;
        }
        self
    }

    pub fn row(&mut self, cells: Vec<String>) -> std::io::Result<()> {
        let cells: Vec<String> = cells
            .iter()
            .map(|c| cut(&escaped(c), MAX_COLUMN).into_owned())
            .collect();
        if let Some(widths) = &self.widths {
            return write_row(&mut self.out, &cells, widths, &self.right);
        }
        self.held.push(cells);
        if self.held.len() >= LAYOUT_ROWS {
            self.lay_out()?;
        }
        Ok(())
    }

    /// Writes what is held and flushes.
    pub fn finish(mut self) -> std::io::Result<()> {
        if self.widths.is_none() {
            self.lay_out()?;
        }
        self.out.flush()
    }

    /// Fixes the widths from the header and the rows held, then writes them.
    fn lay_out(&mut self) -> std::io::Result<()> {
        let mut content = vec![0; self.headers.len()];
        for row in &self.held {
            for (w, cell) in content.iter_mut().zip(row) {
                *w = (*w).max(width(cell));
            }
        }
        let headers: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        let widths = fit(&headers, &content, self.fit.unwrap_or(usize::MAX));
        write_row(&mut self.out, &self.headers, &widths, &self.right)?;
        for row in std::mem::take(&mut self.held) {
            write_row(&mut self.out, &row, &widths, &self.right)?;
        }
        self.widths = Some(widths);
        Ok(())
    }
}

/// Column widths that fit in `max` columns: each as wide as its header and
/// cells when that fits; otherwise the widest contents are narrowed first (to a
/// few characters at least), and headers wider than their cells are cut last.
fn fit(headers: &[usize], content: &[usize], max: usize) -> Vec<usize> {
    const NARROWEST: usize = 4;
    let gaps = 2 * headers.len().saturating_sub(1);
    let natural: Vec<usize> = headers
        .iter()
        .zip(content)
        .map(|(h, c)| *h.max(c))
        .collect();
    if natural.iter().sum::<usize>() + gaps <= max {
        return natural;
    }
    let mut widths: Vec<usize> = content
        .iter()
        .zip(&natural)
        .map(|(c, n)| (*c).max(NARROWEST).min(*n))
        .collect();
    while widths.iter().sum::<usize>() + gaps > max {
        let Some(widest) = widths
            .iter_mut()
            .filter(|w| **w > NARROWEST)
            .max_by_key(|w| **w)
        else {
            break;
        };
        *widest -= 1;
    }
    let mut spare = max.saturating_sub(widths.iter().sum::<usize>() + gaps);
    for (w, n) in widths.iter_mut().zip(&natural) {
        let more = n.saturating_sub(*w).min(spare);
        *w += more;
        spare -= more;
    }
    widths
}

fn write_row(
    out: &mut impl Write,
    cells: &[String],
    widths: &[usize],
    right: &[bool],
) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, (cell, &w)) in cells.iter().zip(widths).enumerate() {
        if i > 0 {
            line.push_str("  ");
        }
        let shown = cut(cell, w);
        let pad = w.saturating_sub(width(&shown));
        if right.get(i).copied().unwrap_or(false) {
            line.extend(std::iter::repeat_n(' ', pad));
            line.push_str(&shown);
        } else {
            line.push_str(&shown);
            line.extend(std::iter::repeat_n(' ', pad));
        }
    }
    writeln!(out, "{}", line.trim_end())
}

/// The `--fields` names checked against what `T` has.
fn select<T: Tabular>(names: &[String]) -> anyhow::Result<Vec<&'static str>> {
    names
        .iter()
        .map(|name| {
            let name = name.trim();
            T::fields()
                .iter()
                .copied()
                .find(|f| *f == name)
                .ok_or_else(|| {
                    crate::error::fail(
                        crate::error::Exit::Usage,
                        format!(
                            "--fields: unknown field {}; valid fields: {}",
                            crate::escape::quoted(name),
                            T::fields().join(", ")
                        ),
                    )
                })
        })
        .collect()
}

/// The `--fields` of one item, in order, with their JSON values.
pub fn pick<T: Tabular>(
    item: &T,
    names: &[String],
) -> anyhow::Result<serde_json::Map<String, serde_json::Value>> {
    let serde_json::Value::Object(all) = serde_json::to_value(item)? else {
        unreachable!("records serialise as objects");
    };
    Ok(select::<T>(names)?
        .into_iter()
        .map(|n| (n.to_owned(), all.get(n).cloned().unwrap_or_default()))
        .collect())
}

/// A JSON value as a CSV or table cell: strings as they are, null empty.
pub fn cell(value: Option<&serde_json::Value>) -> String {
    match value {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// Records on their way out; see [`Out::stream`].
pub struct RecordStream<T> {
    sink: Sink,
    select: Option<Vec<&'static str>>,
    count: usize,
    _items: std::marker::PhantomData<T>,
}

enum Sink {
    Table(Table<BufWriter<StdoutLock<'static>>>),
    Json(BufWriter<StdoutLock<'static>>),
    Csv(Box<csv::Writer<StdoutLock<'static>>>),
}

impl<T: Tabular> RecordStream<T> {
    pub fn push(&mut self, item: &T) -> anyhow::Result<()> {
        if let Some(names) = &self.select {
            let serde_json::Value::Object(all) = serde_json::to_value(item)? else {
                unreachable!("records serialise as objects");
            };
            match &mut self.sink {
                Sink::Json(w) => {
                    w.write_all(if self.count == 0 { b"\n  " } else { b",\n  " })?;
                    let picked: serde_json::Map<String, serde_json::Value> = names
                        .iter()
                        .map(|n| ((*n).to_owned(), all.get(*n).cloned().unwrap_or_default()))
                        .collect();
                    serde_json::to_writer(&mut *w, &picked)?;
                }
                Sink::Csv(w) => w.write_record(names.iter().map(|n| cell(all.get(*n))))?,
                Sink::Table(t) => t.row(names.iter().map(|n| cell(all.get(*n))).collect())?,
            }
            self.count += 1;
            return Ok(());
        }
        match &mut self.sink {
            Sink::Csv(w) => item.write_csv(w)?,
            Sink::Json(w) => {
                w.write_all(if self.count == 0 { b"\n  " } else { b",\n  " })?;
                serde_json::to_writer(&mut *w, item)?;
            }
            Sink::Table(t) => t.row(item.cells())?,
        }
        self.count += 1;
        Ok(())
    }

    /// Ends the output.
    pub fn finish(self) -> anyhow::Result<()> {
        match self.sink {
            Sink::Csv(mut w) => w.flush()?,
            Sink::Json(mut w) => {
                w.write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })?;
                w.flush()?;
            }
            Sink::Table(t) => t.finish()?,
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(rows: &[&[&str]], fit: Option<usize>) -> String {
        let mut out = Vec::new();
        let mut t = Table::new(&mut out, &["service_id", "username", "url"], fit);
        for r in rows {
            t.row(r.iter().map(|c| (*c).to_owned()).collect()).unwrap();
        }
        t.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_table_is_aligned_and_escaped() {
        let text = render(
            &[
                &["1", "alice", "https://a.example/"],
                &["22", "b\u{1b}[2J", ""],
            ],
            None,
        );
        assert_eq!(
            text,
            "SERVICE ID  USERNAME  URL\n\
             1           alice     https://a.example/\n\
             22          b\\x1b[2J\n"
        );
    }

    #[test]
    fn a_table_fits_the_terminal() {
        let long = format!("https://nf.example.net/{}", "x".repeat(200));
        let text = render(&[&["1", "alice", &long]], Some(40));
        for line in text.lines() {
            assert!(width(line) <= 40, "{line:?}");
        }
        assert!(text.contains('…'));
    }

    #[test]
    fn rows_after_the_layout_are_cut_to_it() {
        let mut rows: Vec<Vec<String>> = (0..LAYOUT_ROWS)
            .map(|i| vec![i.to_string(), "u".to_owned(), String::new()])
            .collect();
        rows.push(vec![
            "1".to_owned(),
            "a-much-longer-name".to_owned(),
            String::new(),
        ]);
        let refs: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
        let text = render(&slices, None);
        assert_eq!(text.lines().last(), Some("1           a-much-…"));
    }

    #[test]
    fn right_aligned_columns() {
        let mut out = Vec::new();
        let mut t = Table::new(&mut out, &["description", "amount"], None).align_right(1);
        t.row(vec!["Add-on".to_owned(), "49.50".to_owned()])
            .unwrap();
        t.row(vec!["Total".to_owned(), "149.50".to_owned()])
            .unwrap();
        t.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "DESCRIPTION  AMOUNT\nAdd-on        49.50\nTotal        149.50\n"
        );
    }
}
