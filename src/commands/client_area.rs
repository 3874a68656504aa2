//! `client-area SERVICE`: the "Network Usage" section of the client area's
//! product page, as text or an HTML fragment. Shown only when every condition
//! holds; otherwise nothing on stdout, and `--explain` says why on stderr.

use crate::store::db::Conn;

use super::Ctx;
use crate::cli::ClientAreaArgs;
use crate::records::service_arg;
use crate::settings::{self as defs, http_url};
use crate::store::{access as table, state};
use crate::template::escape_html as escape;

/// What the customer sees.
struct Section {
    url: Option<String>,
    username: String,
    password: Option<String>,
}

pub fn run(ctx: &Ctx, args: &ClientAreaArgs) -> anyhow::Result<()> {
    let id = service_arg(&args.service)?;
    let store = ctx.open()?;
    match section(ctx, store.conn(), id)? {
        Ok(section) => ctx.out.write(&if args.html {
            html(&section)
        } else {
            text(&section)
        }),
        Err(why) => {
            if args.explain {
                eprintln!("nothing shown for service {id}: {why}");
            }
            Ok(())
        }
    }
}

/// The section, or why it must not show.
fn section(ctx: &Ctx, conn: &Conn, id: i64) -> anyhow::Result<Result<Section, String>> {
    if !state::module_active(conn)? {
        return Ok(Err(
            "the module is deactivated (run: netflow-manager activate)".to_owned(),
        ));
    }
    let Some(row) = table::get(conn, id)? else {
        return Ok(Err(format!("no access record for service {id}")));
    };
    if !row.enabled {
        return Ok(Err(format!(
            "the record is disabled (run: netflow-manager access enable {id})"
        )));
    }
    if !super::settings::flag(conn, defs::CLIENT_AREA_ENABLED)? {
        return Ok(Err(
            "client_area_enabled is off (run: netflow-manager settings set client_area_enabled on)"
                .to_owned(),
        ));
    }
    let licence = super::licence::cached(ctx, conn)?;
    if !licence.is_active() {
        return Ok(Err(format!(
            "the licence is not active: {}",
            licence.summary()
        )));
    }
    let url = if row.url.is_empty() {
        super::access::default_url(conn)?
    } else {
        row.url.clone()
    };
    let password = match (
        &row.password,
        super::settings::flag(conn, defs::CLIENT_AREA_SHOW_PASSWORD)?,
    ) {
        (Some(blob), true) => Some(ctx.cipher(conn)?.open(id, blob)?),
        _ => None,
    };
    Ok(Ok(Section {
        // Only an http(s) URL ever becomes a link.
        url: http_url(&url).ok(),
        username: row.username,
        password,
    }))
}

fn text(s: &Section) -> String {
    let mut out = String::from("Network Usage\n");
    if let Some(url) = &s.url {
        out.push_str(&format!("View NetFlow Stats: {url}\n"));
    }
    out.push_str(&format!("Username: {}\n", s.username));
    if let Some(pw) = &s.password {
        out.push_str(&format!("Password: {pw}\n"));
    }
    out
}

fn html(s: &Section) -> String {
    let mut out = String::from("<div class=\"netflow-usage\">\n  <h3>Network Usage</h3>\n");
    if let Some(url) = &s.url {
        out.push_str(&format!(
            "  <p><a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">View NetFlow Stats</a></p>\n",
            escape(url)
        ));
    }
    out.push_str(&format!(
        "  <p>Username: <code>{}</code></p>\n",
        escape(&s.username)
    ));
    if let Some(pw) = &s.password {
        out.push_str(&format!("  <p>Password: <code>{}</code></p>\n", escape(pw)));
    }
    out.push_str("</div>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_is_escaped_in_html() {
        let s = Section {
            url: Some("https://nf.example.net/?a=1&b=\"x\"".to_owned()),
            username: "<script>alert(1)</script>".to_owned(),
            password: Some("'><img src=x onerror=alert(1)>".to_owned()),
        };
        let h = html(&s);
        assert!(!h.contains("<script>") && !h.contains("<img"), "{h}");
        assert!(
            h.contains("href=\"https://nf.example.net/?a=1&amp;b=&quot;x&quot;\""),
            "{h}"
        );
    }
}
