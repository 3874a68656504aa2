//! Output shared by every command: tables for people, JSON and CSV for scripts,
//! colours when wanted, and data on stdout with everything else on stderr.

use std::io::{IsTerminal, Write};

use comfy_table::{Table, presets};
use serde::Serialize;

use crate::cli::{ColorChoice, Format};

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
}

pub struct Out {
    format: Option<Format>,
    pub quiet: bool,
    color: bool,
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
        }
    }

    /// The format asked for, or this command's default.
    pub fn format_or(&self, default: Format) -> Format {
        self.format.unwrap_or(default)
    }

    /// Writes text to stdout as it is.
    pub fn write(&self, text: &str) -> anyhow::Result<()> {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        Ok(())
    }

    /// A line on stdout.
    pub fn line(&self, text: &str) -> anyhow::Result<()> {
        self.write(&format!("{text}\n"))
    }

    /// A line on stdout that `--quiet` suppresses (what a command did).
    pub fn say(&self, text: &str) -> anyhow::Result<()> {
        if self.quiet {
            return Ok(());
        }
        self.line(text)
    }

    /// A warning on stderr (never suppressed: it may matter).
    pub fn warn(&self, text: &str) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "warning: {text}");
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

    /// Starts writing records one by one: JSON and CSV go out as they come
    /// (constant memory), a table is laid out at the end.
    pub fn stream<T: Tabular>(&self, default: Format) -> anyhow::Result<RecordStream<'_, T>> {
        let format = self.format_or(default);
        let stdout = std::io::stdout().lock();
        let sink = if format == Format::Csv {
            let mut w = csv::Writer::from_writer(stdout);
            w.write_record(T::csv_columns())?;
            Sink::Csv(Box::new(w))
        } else {
            let mut w = std::io::BufWriter::with_capacity(64 * 1024, stdout);
            if format == Format::Json {
                w.write_all(b"[")?;
            }
            Sink::Plain(w)
        };
        Ok(RecordStream {
            out: self,
            format,
            sink,
            count: 0,
            rows: Vec::new(),
            _items: std::marker::PhantomData,
        })
    }

    /// A plain aligned table: upper-case headers, no borders, easy to grep.
    pub fn table(&self, headers: &[&str], rows: Vec<Vec<String>>) -> Table {
        let mut t = Table::new();
        t.load_style(presets::NOTHING);
        t.set_header(headers.iter().map(|h| h.to_uppercase().replace('_', " ")));
        for row in rows {
            t.add_row(row);
        }
        t
    }

    /// Label/value lines for one-screen summaries.
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

/// Label/value lines with the values aligned, as [`Out::pairs`] prints them.
pub fn pairs_text(pairs: &[(&str, String)]) -> String {
    let width = pairs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let mut text = String::new();
    for (k, v) in pairs {
        text.push_str(&format!("{k:<width$}  {v}\n"));
    }
    text
}

/// Records on their way out; see [`Out::stream`].
pub struct RecordStream<'a, T> {
    out: &'a Out,
    format: Format,
    sink: Sink,
    count: usize,
    rows: Vec<Vec<String>>,
    _items: std::marker::PhantomData<T>,
}

enum Sink {
    Plain(std::io::BufWriter<std::io::StdoutLock<'static>>),
    Csv(Box<csv::Writer<std::io::StdoutLock<'static>>>),
}

impl<T: Tabular> RecordStream<'_, T> {
    pub fn push(&mut self, item: &T) -> anyhow::Result<()> {
        match (&mut self.sink, self.format) {
            (Sink::Csv(w), _) => w.write_record(item.csv_cells())?,
            (Sink::Plain(w), Format::Json) => {
                w.write_all(if self.count == 0 { b"\n  " } else { b",\n  " })?;
                serde_json::to_writer(&mut *w, item)?;
            }
            (Sink::Plain(_), _) => self.rows.push(item.cells()),
        }
        self.count += 1;
        Ok(())
    }

    /// Ends the output.
    pub fn finish(self) -> anyhow::Result<()> {
        match (self.sink, self.format) {
            (Sink::Csv(mut w), _) => w.flush()?,
            (Sink::Plain(mut w), Format::Json) => {
                w.write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })?;
                w.flush()?;
            }
            (Sink::Plain(mut w), _) => {
                let table = self.out.table(T::columns(), self.rows);
                writeln!(w, "{table}")?;
                w.flush()?;
            }
        }
        Ok(())
    }
}
