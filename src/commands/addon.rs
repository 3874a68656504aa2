//! `trial`, `addon`, `subscription` and `billing`: the NetFlow add-on's commands. Each
//! loads the subscription and the recorded events, lets the pure `addon` domain decide
//! at the clock's "now", records what it decided (audited) and prints it.

use crate::store::db::Conn;
use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use serde::Serialize;

use super::Ctx;
use crate::addon::history::when;
use crate::addon::pricing::group_thousands;
use crate::addon::{
    self, Currency, Event, EventDescription, EventKind, Money, Phase, Refusal, Status,
    Subscription, Tier,
};
use crate::cli::{AddonCmd, BillingCmd, Format, OnOff, SubscriptionCmd, TierArg, TrialCmd};
use crate::clock::stamp;
use crate::error::{Exit, fail, silent};
use crate::store::Store;
use crate::store::addon::{self as table, Recorded};

/// What every add-on command says while the add-on is hidden for the account.
const HIDDEN: &str =
    "the NetFlow add-on is not available for this account; contact your super_admin or support";

pub fn trial(ctx: &Ctx, cmd: TrialCmd) -> anyhow::Result<()> {
    match cmd {
        TrialCmd::Start => change(ctx, Request::StartTrial),
        TrialCmd::Status => status(ctx),
        TrialCmd::Cancel => change(ctx, Request::CancelTrial),
    }
}

pub fn addon(ctx: &Ctx, cmd: AddonCmd) -> anyhow::Result<()> {
    match cmd {
        AddonCmd::Activate => change(ctx, Request::Activate),
        AddonCmd::Cancel => change(ctx, Request::Cancel),
        AddonCmd::Renewal { state } => change(ctx, Request::Renewal(state == OnOff::On)),
        AddonCmd::Status { check: false } => status(ctx),
        AddonCmd::Status { check: true } => check(ctx),
    }
}

pub fn subscription(ctx: &Ctx, cmd: SubscriptionCmd) -> anyhow::Result<()> {
    match cmd {
        SubscriptionCmd::Set {
            tier,
            fee,
            currency,
            customers,
            period_start,
        } => set_subscription(
            ctx,
            tier_of(tier),
            &fee,
            &currency,
            customers,
            period_start.as_deref(),
        ),
        SubscriptionCmd::Show => show_subscription(ctx),
    }
}

pub fn billing(ctx: &Ctx, cmd: BillingCmd) -> anyhow::Result<()> {
    match cmd {
        BillingCmd::Preview => preview(ctx),
    }
}

/// The add-on's state in one line, for `status`; works without a subscription.
pub fn summary(conn: &Conn, now: DateTime<Utc>) -> anyhow::Result<String> {
    if hidden(conn)? {
        return Ok("hidden for this account (setting addon_hidden)".to_owned());
    }
    let (subscription, state) = state_at(conn, now)?;
    Ok(one_line(&state, subscription.as_ref(), now))
}

/// The subscription, and the add-on's state at `now` from what was recorded.
fn state_at(conn: &Conn, now: DateTime<Utc>) -> anyhow::Result<(Option<Subscription>, Status)> {
    let subscription = table::subscription(conn)?;
    let events: Vec<Event> = table::events(conn)?.into_iter().map(|r| r.event).collect();
    let state = addon::state_at(&events, subscription.as_ref(), now);
    Ok((subscription, state))
}

/// A command that changes the add-on's lifecycle.
#[derive(Debug, Clone, Copy)]
enum Request {
    StartTrial,
    CancelTrial,
    Activate,
    Cancel,
    Renewal(bool),
}

impl Request {
    fn decide(
        self,
        events: &[Event],
        subscription: Option<&Subscription>,
        now: DateTime<Utc>,
    ) -> Result<addon::Outcome, Refusal> {
        match self {
            Request::StartTrial => addon::start_trial(events, subscription, now),
            Request::CancelTrial => addon::cancel_trial(events, subscription, now),
            Request::Activate => addon::activate(events, subscription, now),
            Request::Cancel => addon::cancel(events, subscription, now),
            Request::Renewal(on) => addon::set_renewal(events, subscription, on, now),
        }
    }

    /// Whether `refusal` only says that what was asked for is already in effect.
    fn is_repeat(self, refusal: &Refusal) -> bool {
        matches!(
            (self, refusal),
            (Request::Activate, Refusal::AlreadyActive { .. })
                | (Request::Renewal(true), Refusal::RenewalAlreadyOn)
                | (
                    Request::Cancel | Request::Renewal(false),
                    Refusal::AlreadyEnding { .. }
                )
        )
    }
}

/// Decides `request` and records its events in one transaction, after the events the
/// clock has made due; a repeated request writes nothing and says so.
fn change(ctx: &Ctx, request: Request) -> anyhow::Result<()> {
    let mut store = open_for_change(ctx)?;
    let now = now(ctx);
    let result = store.write(|tx| {
        let subscription = table::subscription(tx)?;
        let history = History::load(tx, subscription.as_ref(), now)?;
        match request.decide(&history.events(), subscription.as_ref(), now) {
            Ok(outcome) => {
                let sub = subscription.as_ref();
                record(ctx, tx, &history, sub, outcome.events, sub).map(Ok)
            }
            Err(refusal) if request.is_repeat(&refusal) => Ok(Err(refusal)),
            Err(refusal) => Err(refused(&refusal)),
        }
    })?;
    match result {
        Ok(told) => say_told(ctx, &told),
        Err(repeat) => ctx.out.say(&repeat.to_string()),
    }
}

/// `subscription set`: records the new terms and the add-on price that follows them.
fn set_subscription(
    ctx: &Ctx,
    tier: Tier,
    fee: &str,
    currency: &str,
    customers: u32,
    period_start: Option<&str>,
) -> anyhow::Result<()> {
    let mut store = open_for_change(ctx)?;
    let currency: Currency = currency
        .parse()
        .map_err(|e| fail(Exit::DataErr, format!("--currency: {e}")))?;
    let fee =
        Money::parse(fee, currency).map_err(|e| fail(Exit::DataErr, format!("--fee: {e}")))?;
    let period_start = period_start.map(parse_date).transpose()?;
    let now = now(ctx);
    let (new, told) = store.write(|tx| {
        let current = table::subscription(tx)?;
        let new = Subscription {
            tier,
            fee,
            customers,
            period_start: period_start
                .or(current.as_ref().map(|s| s.period_start))
                .unwrap_or(now.date_naive()),
        };
        if current.as_ref() == Some(&new) {
            return Ok((new, None));
        }
        let history = History::load(tx, current.as_ref(), now)?;
        let outcome = addon::change_subscription(&history.events(), current.as_ref(), &new, now)
            .map_err(|refusal| refused(&refusal))?;
        table::set_subscription(tx, &new, &stamp(now))?;
        ctx.audit(tx, "subscription.set", "", &terms(&new))?;
        let told = record(
            ctx,
            tx,
            &history,
            current.as_ref(),
            outcome.events,
            Some(&new),
        )?;
        Ok((new, Some(told)))
    })?;
    if let Some(warning) = addon::scale_warning(&new) {
        ctx.out.warn(&warning);
    }
    // One line: the recorded events say what changed; without any, the terms.
    match told {
        Some(told) if !told.is_empty() => say_told(ctx, &told),
        Some(_) => ctx.out.say(&format!("subscription: {}", terms(&new))),
        None => ctx
            .out
            .say(&format!("subscription unchanged: {}", terms(&new))),
    }
}

/// The subscription as scripts read it.
#[derive(Serialize)]
struct SubscriptionView {
    tier: &'static str,
    fee: Money,
    currency: Currency,
    customers: u32,
    period_start: String,
    addon_price: Money,
    next_invoice: String,
}

fn show_subscription(ctx: &Ctx) -> anyhow::Result<()> {
    let store = open(ctx)?;
    let subscription = required_subscription(store.conn())?;
    if let Some(warning) = addon::scale_warning(&subscription) {
        ctx.out.warn(&warning);
    }
    let view = SubscriptionView {
        tier: subscription.tier.as_str(),
        fee: subscription.fee,
        currency: subscription.fee.currency(),
        customers: subscription.customers,
        period_start: date(subscription.period_start),
        addon_price: addon::addon_price(&subscription),
        next_invoice: date(addon::next_boundary(&subscription, now(ctx)).date_naive()),
    };
    if ctx.out.format_or(Format::Table) == Format::Json {
        return ctx.out.json(&view);
    }
    ctx.out.pairs(&[
        ("tier", subscription.tier.to_string()),
        ("fee", format!("{} (monthly)", view.fee)),
        ("currency", view.currency.to_string()),
        ("customers", group_thousands(view.customers)),
        ("period start", view.period_start),
        (
            "add-on price",
            format!("{} (50% of the fee)", view.addon_price),
        ),
        ("next invoice", view.next_invoice),
    ])
}

fn preview(ctx: &Ctx) -> anyhow::Result<()> {
    let store = open(ctx)?;
    let conn = store.conn();
    let subscription = required_subscription(conn)?;
    let events: Vec<Event> = table::events(conn)?.into_iter().map(|r| r.event).collect();
    let invoice = addon::billing_preview(&events, &subscription, now(ctx))
        .map_err(|e| fail(Exit::DataErr, format!("cannot total the invoice: {e}")))?;
    if ctx.out.format_or(Format::Table) == Format::Json {
        return ctx.out.json(&invoice);
    }
    ctx.out.line(&format!(
        "Invoice of {} in {}",
        date(invoice.invoice_date),
        invoice.currency
    ))?;
    let mut lines = ctx.out.table(&["description", "amount"]).align_right(1);
    for line in &invoice.lines {
        lines.row(vec![line.description.clone(), line.amount.to_string()])?;
    }
    lines.row(vec!["Total".to_owned(), invoice.total.to_string()])?;
    Ok(lines.finish()?)
}

/// `trial status` and `addon status` as scripts read them; dates are RFC 3339 UTC,
/// null where they do not apply.
#[derive(Serialize)]
struct StatusView {
    phase: &'static str,
    collection_allowed: bool,
    /// Whether an active add-on renews with every invoice.
    renewal: Option<bool>,
    trial_ends: Option<String>,
    paid_until: Option<String>,
    history_until: Option<String>,
    history_retained: bool,
    next_charge: Option<Charge>,
    events: Vec<EventView>,
}

#[derive(Serialize)]
struct Charge {
    amount: Money,
    currency: Currency,
    invoice_date: String,
}

#[derive(Serialize)]
struct EventView {
    at: String,
    description: String,
    billing_effect: String,
}

fn status(ctx: &Ctx) -> anyhow::Result<()> {
    let store = open(ctx)?;
    let conn = store.conn();
    let now = now(ctx);
    let subscription = table::subscription(conn)?;
    let sub = subscription.as_ref();
    let history = History::load(conn, sub, now)?;
    let events = history.events();
    let state = addon::state_at(&events, sub, now);
    let (phase, dates) = phase_dates(state.phase);
    let told: Vec<EventDescription> = tell(&events, sub)
        .into_iter()
        .map(|(i, told)| EventDescription {
            // What was recorded is what was said at the time.
            billing_effect: history
                .recorded
                .get(i)
                .map_or(told.billing_effect, |r| r.billing_effect.clone()),
            ..told
        })
        .collect();
    let view = StatusView {
        phase,
        collection_allowed: state.collection_allowed,
        renewal: match state.phase {
            Phase::Active { renewal, .. } => Some(renewal),
            _ => None,
        },
        trial_ends: dates.trial_ends.map(stamp),
        paid_until: dates.paid_until.map(stamp),
        history_until: dates.history_until.map(stamp),
        history_retained: state.history_retained,
        next_charge: state.next_charge.zip(sub).map(|(amount, sub)| Charge {
            amount,
            currency: amount.currency(),
            invoice_date: date(addon::next_boundary(sub, now).date_naive()),
        }),
        events: told
            .iter()
            .map(|told| EventView {
                at: stamp(told.at),
                description: told.description.clone(),
                billing_effect: told.billing_effect.clone(),
            })
            .collect(),
    };
    if ctx.out.format_or(Format::Table) == Format::Json {
        return ctx.out.json(&view);
    }
    let mut pairs = vec![
        ("add-on", one_line(&state, sub, now)),
        (
            "collection",
            if state.collection_allowed {
                "allowed"
            } else {
                "paused"
            }
            .to_owned(),
        ),
    ];
    if let Some(ends) = dates.trial_ends {
        let label = if ends > now {
            "trial ends"
        } else {
            "trial ended"
        };
        pairs.push((label, when(&ends)));
    }
    if let Some(until) = dates.paid_until {
        pairs.push(("paid until", when(&until)));
    }
    if let Some(until) = dates.history_until {
        pairs.push(("history", history_line(until, now)));
    }
    pairs.push((
        "next charge",
        view.next_charge.as_ref().map_or("none".to_owned(), |c| {
            format!(
                "{} on the invoice of {}",
                c.amount.with_currency(),
                c.invoice_date
            )
        }),
    ));
    ctx.out.pairs(&pairs)?;
    let mut text = String::from("\nevents:\n");
    if told.is_empty() {
        text.push_str("  none yet\n");
    }
    let times: Vec<String> = told.iter().map(|event| when(&event.at)).collect();
    let width = times.iter().map(String::len).max().unwrap_or(0);
    for (at, event) in times.iter().zip(&told) {
        text.push_str(&format!("  {at:<width$}  {event}\n"));
    }
    ctx.out.write(&text)
}

/// `addon status --check`: exit 0 only while collection is allowed. Reads only, so it
/// answers while the module is deactivated.
fn check(ctx: &Ctx) -> anyhow::Result<()> {
    let store = open(ctx)?;
    let now = now(ctx);
    let (subscription, state) = state_at(store.conn(), now)?;
    ctx.out.say(&one_line(&state, subscription.as_ref(), now))?;
    if state.collection_allowed {
        Ok(())
    } else {
        Err(silent(Exit::No))
    }
}

/// The recorded events and the time-driven ones due by "now" but not recorded yet.
struct History {
    recorded: Vec<Recorded>,
    due: Vec<Event>,
}

impl History {
    fn load(
        conn: &Conn,
        subscription: Option<&Subscription>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<History> {
        let recorded = table::events(conn)?;
        let events: Vec<Event> = recorded.iter().map(|r| r.event.clone()).collect();
        let due = addon::due_events(&events, subscription, now);
        Ok(History { recorded, due })
    }

    /// Everything that happened by "now", recorded first, then what is due.
    fn events(&self) -> Vec<Event> {
        self.recorded
            .iter()
            .map(|r| r.event.clone())
            .chain(self.due.iter().cloned())
            .collect()
    }
}

/// Records the due events (told under the subscription they happened with, `before`),
/// then `new` (told under `after`), each with an audit entry; returns them as told.
fn record(
    ctx: &Ctx,
    conn: &Conn,
    history: &History,
    before: Option<&Subscription>,
    new: Vec<Event>,
    after: Option<&Subscription>,
) -> anyhow::Result<Vec<EventDescription>> {
    let mut events = history.events();
    let mut told = told_from(&events, before, history.recorded.len());
    let first_new = events.len();
    events.extend(new);
    told.extend(told_from(&events, after, first_new));
    for (event, told) in &told {
        table::record(conn, event, &told.billing_effect)?;
        ctx.audit(
            conn,
            action(&event.kind),
            &told.description,
            &told.billing_effect,
        )?;
    }
    Ok(told.into_iter().map(|(_, told)| told).collect())
}

/// The events of `events` from index `from` on, told in the context of all of them.
fn told_from(
    events: &[Event],
    subscription: Option<&Subscription>,
    from: usize,
) -> Vec<(Event, EventDescription)> {
    tell(events, subscription)
        .into_iter()
        .filter(|(i, _)| *i >= from)
        .map(|(i, told)| (events[i].clone(), told))
        .collect()
}

/// `events` told in time order, each with its index in `events`.
fn tell(events: &[Event], subscription: Option<&Subscription>) -> Vec<(usize, EventDescription)> {
    // The order `describe_events` tells them in: by time, stable for equal instants.
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| events[i].at);
    order
        .into_iter()
        .zip(addon::describe_events(events, subscription))
        .collect()
}

/// The audit action of an event.
fn action(kind: &EventKind) -> &'static str {
    match kind {
        EventKind::TrialStarted => "addon.trial_start",
        EventKind::TrialCancelled => "addon.trial_cancel",
        EventKind::TrialExpired => "addon.trial_expired",
        EventKind::Activated => "addon.activate",
        EventKind::RenewalDisabled => "addon.renewal_off",
        EventKind::RenewalEnabled => "addon.renewal_on",
        EventKind::Cancelled => "addon.cancel",
        EventKind::SubscriptionChanged { .. } => "addon.subscription_change",
        EventKind::CollectionEnded => "addon.collection_ended",
    }
}

fn say_told(ctx: &Ctx, told: &[EventDescription]) -> anyhow::Result<()> {
    for event in told {
        ctx.out.say(&event.to_string())?;
    }
    Ok(())
}

/// The dates a phase has: when the trial ends (or ended), until when the add-on is
/// paid (or was), until when history is kept.
#[derive(Default)]
struct Dates {
    trial_ends: Option<DateTime<Utc>>,
    paid_until: Option<DateTime<Utc>>,
    history_until: Option<DateTime<Utc>>,
}

fn phase_dates(phase: Phase) -> (&'static str, Dates) {
    match phase {
        Phase::NotStarted => ("not_started", Dates::default()),
        Phase::Trial { ends, .. } => (
            "trial",
            Dates {
                trial_ends: Some(ends),
                ..Dates::default()
            },
        ),
        Phase::TrialExpired {
            expired_at,
            history_until,
        } => (
            "trial_expired",
            Dates {
                trial_ends: Some(expired_at),
                history_until: Some(history_until),
                ..Dates::default()
            },
        ),
        Phase::TrialCancelled { at, history_until } => (
            "trial_cancelled",
            Dates {
                trial_ends: Some(at),
                history_until: Some(history_until),
                ..Dates::default()
            },
        ),
        Phase::Active { paid_until, .. } => (
            "active",
            Dates {
                paid_until,
                ..Dates::default()
            },
        ),
        Phase::Ended { at, history_until } => (
            "ended",
            Dates {
                paid_until: Some(at),
                history_until: Some(history_until),
                ..Dates::default()
            },
        ),
    }
}

/// The state in one line, e.g. "trial, 11 days left (collection on)" or "active,
/// renews; next charge 49.50 EUR on 2026-12-01".
fn one_line(state: &Status, subscription: Option<&Subscription>, now: DateTime<Utc>) -> String {
    let charge = |what: &str| match (state.next_charge, subscription) {
        (Some(amount), Some(sub)) => format!(
            "; {what} {} on {}",
            amount.with_currency(),
            when(&addon::next_boundary(sub, now))
        ),
        _ => "; no subscription set".to_owned(),
    };
    match state.phase {
        Phase::NotStarted => "not started".to_owned(),
        Phase::Trial { ends, .. } => {
            // Whole days, a started day counting as one: 15 at the start, 1 on day 14.
            let days = ((ends - now).num_seconds() + 86_399) / 86_400;
            let unit = if days == 1 { "day" } else { "days" };
            format!("trial, {days} {unit} left (collection on)")
        }
        Phase::TrialExpired {
            expired_at,
            history_until,
        } => format!(
            "trial expired {} (collection paused; history {})",
            when(&expired_at),
            history_line(history_until, now)
        ),
        Phase::TrialCancelled { at, history_until } => format!(
            "trial cancelled {} (collection stopped; history {})",
            when(&at),
            history_line(history_until, now)
        ),
        Phase::Active {
            paid_until: None, ..
        } => format!("active, renews{}", charge("next charge")),
        Phase::Active {
            paid_until: Some(until),
            ..
        } => format!(
            "active until {}, not renewing{}",
            when(&until),
            charge("last charge")
        ),
        Phase::Ended { at, history_until } => format!(
            "ended {} (collection stopped; history {})",
            when(&at),
            history_line(history_until, now)
        ),
    }
}

fn history_line(until: DateTime<Utc>, now: DateTime<Utc>) -> String {
    if now < until {
        format!("kept until {}", when(&until))
    } else {
        format!("retention ended {}", when(&until))
    }
}

/// "Mid-tier, 99.00 EUR, 1,500 customers, billed monthly from 2026-01-01".
fn terms(subscription: &Subscription) -> String {
    format!(
        "{}, {}, {} customer{}, billed monthly from {}",
        subscription.tier,
        subscription.fee.with_currency(),
        group_thousands(subscription.customers),
        if subscription.customers == 1 { "" } else { "s" },
        date(subscription.period_start)
    )
}

/// Opens the store for reading; refuses while the add-on is hidden.
fn open(ctx: &Ctx) -> anyhow::Result<Store> {
    let store = ctx.open()?;
    refuse_hidden(store.conn())?;
    Ok(store)
}

/// Opens the store for a change (the module must be active); refuses while the add-on
/// is hidden.
fn open_for_change(ctx: &Ctx) -> anyhow::Result<Store> {
    let store = ctx.open_for_change()?;
    refuse_hidden(store.conn())?;
    Ok(store)
}

fn refuse_hidden(conn: &Conn) -> anyhow::Result<()> {
    if hidden(conn)? {
        return Err(fail(Exit::NoPerm, HIDDEN));
    }
    Ok(())
}

fn hidden(conn: &Conn) -> anyhow::Result<bool> {
    super::settings::flag(conn, crate::settings::ADDON_HIDDEN)
}

fn required_subscription(conn: &Conn) -> anyhow::Result<Subscription> {
    table::subscription(conn)?.ok_or_else(|| refused(&Refusal::NoSubscription))
}

/// A refusal is a configuration problem: the message says what to do instead.
fn refused(refusal: &Refusal) -> anyhow::Error {
    fail(Exit::Config, refusal.to_string())
}

/// "Now" in whole seconds, as events are stored.
fn now(ctx: &Ctx) -> DateTime<Utc> {
    ctx.clock.now().trunc_subsecs(0)
}

fn parse_date(text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| {
        fail(
            Exit::DataErr,
            format!("--period-start {text:?} is not a date ({e}); expected YYYY-MM-DD"),
        )
    })
}

fn date(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn tier_of(arg: TierArg) -> Tier {
    match arg {
        TierArg::Starter => Tier::Starter,
        TierArg::Mid => Tier::Mid,
        TierArg::Large => Tier::Large,
    }
}
