//! `access import`: validate every row, report every bad one, and write all or
//! nothing in one transaction, streaming in constant memory. Reading,
//! validation and sealing run on a thread of their own (`batch`) while this
//! one writes the store.

mod batch;

use std::fs::File;
use std::io::{IsTerminal, Read};
use std::path::Path;
use std::sync::mpsc;

use crate::store::db::{Conn, Optional, params};
use serde::Serialize;

use super::Ctx;
use super::access::{apply, new_row};
use crate::cli::{Format, ImportArgs, InputFormat, OnConflict};
use crate::error::{Exit, fail};
use crate::escape::{cut, escaped};
use crate::import::{self, Unreadable};
use crate::output::counted;
use crate::records;
use crate::store::access as table;
use crate::store::{self, Store};
use batch::{Batch, Row};

#[derive(Debug, Default, Serialize)]
struct Summary {
    inserted: u64,
    updated: u64,
    skipped: u64,
    dry_run: bool,
}

pub fn run(ctx: &Ctx, args: &ImportArgs) -> anyhow::Result<()> {
    let stdin = args.file.as_os_str() == "-";
    let format = args.input_format.unwrap_or_else(|| format_of(&args.file));
    let name = if stdin {
        "stdin".to_owned()
    } else {
        args.file.display().to_string()
    };
    let (input, size): (Box<dyn Read + Send>, Option<u64>) = if stdin {
        (Box::new(std::io::stdin()), None)
    } else {
        let file = File::open(&args.file).map_err(|e| {
            let code = match e.kind() {
                std::io::ErrorKind::PermissionDenied => Exit::NoPerm,
                _ => Exit::NoInput,
            };
            fail(code, format!("cannot open {name}: {e}"))
        })?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(file), size)
    };
    if args.delimiter.is_some() && format == InputFormat::Json {
        return Err(fail(
            Exit::Usage,
            format!("--delimiter is for CSV input; {name} is read as JSON"),
        ));
    }
    let bar = progress_bar(size, ctx.out.quiet);
    let source = batch::Source {
        input: Box::new(bar.wrap_read(input)),
        format,
        delimiter: args.delimiter,
    };

    let mut store = ctx.open_for_change()?;
    let body = |tx: &Conn| {
        let mut run = Import {
            tx,
            inserter: table::Inserter::bulk(tx)?,
            store: &ctx.store,
            on_conflict: args.on_conflict,
            now: ctx.clock.unix(),
            before: None,
            settled: None,
            summary: Summary {
                dry_run: args.dry_run,
                ..Summary::default()
            },
            bad_rows: 0,
            header_problems: 0,
            problems: 0,
        };
        // Loaded before reading starts; needed (and its error the import's)
        // only when a row has a password.
        let cipher = ctx.cipher(tx);
        let (full, batches) = mpsc::sync_channel(batch::DEPTH);
        let (back, empty) = mpsc::channel();
        let (written, read) = std::thread::scope(|scope| {
            let reader = scope.spawn(move || batch::read(source, cipher, full, empty));
            let written = run.write(batches, back);
            let read = reader
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (written, read)
        });
        bar.finish_and_clear();
        // A writer that failed hung up on the reader: its error is the one.
        written?;
        let read = read?;
        run.report_unshown()?;
        if let Err(Unreadable(why)) = read {
            return Err(fail(
                Exit::DataErr,
                format!("{name}: {why}; nothing was imported"),
            ));
        }
        if let Some(what) = run.problems_found() {
            return Err(fail(
                Exit::DataErr,
                format!("{name}: {what}; nothing was imported"),
            ));
        }
        if !args.dry_run {
            ctx.audit(
                tx,
                "access.import",
                &name,
                &format!(
                    "{} inserted, {} updated, {} skipped",
                    run.summary.inserted, run.summary.updated, run.summary.skipped
                ),
            )?;
        }
        Ok(run.summary)
    };
    let summary = if args.dry_run {
        store.rehearse(body)?
    } else {
        store.write(body)?
    };
    if ctx.out.format_or(Format::Table) == Format::Json {
        return ctx.out.json(&summary);
    }
    ctx.out.say(&format!(
        "{}{name}: {} inserted, {} updated, {} skipped",
        if summary.dry_run {
            "dry run, nothing written: "
        } else {
            ""
        },
        summary.inserted,
        summary.updated,
        summary.skipped
    ))
}

/// `.json`, `.jsonl`, `.ndjson` are JSON; everything else is CSV.
fn format_of(path: &Path) -> InputFormat {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("json" | "jsonl" | "ndjson") => InputFormat::Json,
        _ => InputFormat::Csv,
    }
}

/// A bar of the bytes read, on stderr when it is a terminal and `--quiet` was
/// not given; a spinner when the size is unknown (stdin).
fn progress_bar(size: Option<u64>, quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    match size {
        Some(n) => indicatif::ProgressBar::new(n).with_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        ),
        None => indicatif::ProgressBar::new_spinner(),
    }
}

/// The writing half of an import: inserts the rows the reader validated,
/// settles conflicts with existing records, and reports every problem in file
/// order.
struct Import<'a> {
    tx: &'a Conn,
    inserter: table::Inserter<'a>,
    store: &'a store::Access,
    on_conflict: OnConflict,
    now: i64,
    /// A second connection that sees the store as it was before this import
    /// (our writes are not committed), opened at the first conflict.
    before: Option<Store>,
    /// Services that had a record before and that a row of this file settled,
    /// made at the first conflict.
    settled: Option<table::Settled<'a>>,
    summary: Summary,
    /// Rows with a problem; the header's problems are counted apart.
    bad_rows: u64,
    header_problems: u64,
    /// Problems found; the first [`MAX_REPORTED`] are printed.
    problems: u64,
}

/// At most this many problem lines are printed; the rest are counted.
const MAX_REPORTED: u64 = 100;

impl Import<'_> {
    /// Takes batches until the reader is done, handing each back for reuse.
    /// Returning drops `batches`, which stops a reader still at work.
    fn write(
        &mut self,
        batches: mpsc::Receiver<Batch>,
        back: mpsc::Sender<Batch>,
    ) -> anyhow::Result<()> {
        for batch in batches {
            self.inserter.expect(
                batch
                    .entries()
                    .filter_map(|e| e.row.ok().map(|r| r.service_id)),
            )?;
            for entry in batch.entries() {
                match entry.row {
                    Ok(row) => self.row(entry.position, &row)?,
                    Err(errors) => self.bad(entry.position, errors)?,
                }
            }
            // The reader may be done already.
            let _ = back.send(batch);
        }
        self.inserter.flush()
    }

    fn row(&mut self, position: import::Position, row: &Row<'_>) -> anyhow::Result<()> {
        let Row {
            service_id: id,
            ref fields,
            sealed,
        } = *row;
        if self
            .inserter
            .insert(&new_row(id, fields, sealed, self.now))?
        {
            self.summary.inserted += 1;
            return Ok(());
        }
        if !self.existed_before(id)? || !self.settle(id)? {
            return self.bad_one(
                position,
                "service_id",
                format!("duplicate service_id {id}: an earlier row of the file has it"),
            );
        }
        match self.on_conflict {
            OnConflict::Fail => self.bad_one(
                position,
                "service_id",
                format!(
                    "service {id} already has an access record (use --on-conflict skip or update)"
                ),
            ),
            OnConflict::Skip => {
                self.summary.skipped += 1;
                Ok(())
            }
            OnConflict::Update => {
                let Some(mut current) = table::get(self.tx, id)? else {
                    return Ok(());
                };
                apply(&mut current, fields);
                if let Some(sealed) = sealed {
                    current.password = Some(sealed.to_vec());
                }
                current.updated_at = fields.updated_at.unwrap_or(self.now);
                table::update(self.tx, &current)?;
                self.summary.updated += 1;
                Ok(())
            }
        }
    }

    /// Marks a service that had a record as settled by this row; false when
    /// an earlier row did.
    fn settle(&mut self, id: i64) -> anyhow::Result<bool> {
        let settled = match &mut self.settled {
            Some(settled) => settled,
            None => self.settled.insert(table::Settled::new(self.tx)?),
        };
        settled.insert(id)
    }

    fn existed_before(&mut self, id: i64) -> anyhow::Result<bool> {
        if self.before.is_none() {
            self.before = Some(Store::open(self.store)?);
        }
        let Some(before) = &self.before else {
            return Ok(false);
        };
        Ok(before
            .conn()
            .query_row(
                "SELECT 1 FROM access WHERE service_id = ?1",
                params![id],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    fn bad(
        &mut self,
        position: import::Position,
        errors: &[records::FieldError],
    ) -> anyhow::Result<()> {
        use std::io::Write;
        match position {
            import::Position::Header(_) => self.header_problems += errors.len() as u64,
            _ => self.bad_rows += 1,
        }
        let mut stderr = std::io::stderr().lock();
        for e in errors {
            self.problems += 1;
            if self.problems > MAX_REPORTED {
                continue;
            }
            // A column name comes from the file: shown escaped and short.
            let line = if e.column == "*" {
                format!("{position}: {}", e.reason)
            } else {
                format!(
                    "{position}, column {}: {}",
                    cut(&escaped(&e.column), 60),
                    e.reason
                )
            };
            writeln!(stderr, "{}", escaped(&line))?;
        }
        Ok(())
    }

    /// What was wrong with the file, for the error line; `None` when nothing was.
    fn problems_found(&self) -> Option<String> {
        let rows = counted(self.bad_rows, "bad row", "bad rows");
        let header = counted(
            self.header_problems,
            "problem in the header",
            "problems in the header",
        );
        match (self.header_problems, self.bad_rows) {
            (0, 0) => None,
            (0, _) => Some(rows),
            (_, 0) => Some(header),
            _ => Some(format!("{header} and {rows}")),
        }
    }

    /// One line counting the problems past the first [`MAX_REPORTED`].
    fn report_unshown(&self) -> anyhow::Result<()> {
        use std::io::Write;
        if self.problems > MAX_REPORTED {
            writeln!(
                std::io::stderr().lock(),
                "… and {} more problems not shown (the first {MAX_REPORTED} are)",
                self.problems - MAX_REPORTED
            )?;
        }
        Ok(())
    }

    fn bad_one(
        &mut self,
        position: import::Position,
        column: &str,
        reason: String,
    ) -> anyhow::Result<()> {
        self.bad(
            position,
            &[records::FieldError {
                column: column.to_owned(),
                reason,
            }],
        )
    }
}
