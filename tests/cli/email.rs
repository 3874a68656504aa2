//! email render/fields/lint: SPEC 5.6 merge-field rules and the seed block.

use crate::support::Env;

const PW: &str = "S3cret&<pw>";

fn with_record() -> Env {
    let env = Env::activated();
    env.ok_with_stdin(
        &[
            "access",
            "add",
            "--service",
            "42",
            "--username",
            "acme<script>",
            "--password-stdin",
            "--group",
            "Core \"A\"",
            "--ip",
            "203.0.113.0/28",
        ],
        &format!("{PW}\n"),
    );
    env
}

#[test]
fn the_seed_block_renders_byte_for_byte() {
    let env = with_record();
    let out = env.ok(&["email", "render", "--service", "42"]);
    insta::assert_snapshot!("seed_block_enabled", out);
    assert_eq!(
        out,
        format!(
            "NetFlow Analyzer Access\nURL: https://netflow.myownserver.net/\nUsername: acme<script>\nPassword: {PW}\nGroup/IP: Core \"A\" 203.0.113.0/28\n"
        )
    );
}

#[test]
fn html_output_escapes_every_value() {
    let env = with_record();
    let out = env.ok(&["email", "render", "--service", "42", "--html"]);
    insta::assert_snapshot!("seed_block_html", out);
    assert!(!out.contains("<script>"));
    assert!(out.contains("acme&lt;script&gt;"));
}

#[test]
fn disabled_missing_and_merge_off_leave_the_block_out() {
    let env = with_record();
    let hello = env.write(
        "welcome.tpl",
        "Hello\n{if $netflow_enabled}\nUser: {$netflow_username}\n{/if}\nBye\n",
    );
    let t = hello.to_str().unwrap();
    assert_eq!(
        env.ok(&["email", "render", "--service", "42", "--template", t]),
        "Hello\nUser: acme<script>\nBye\n"
    );
    // No record: the normal case for a hook.
    assert_eq!(
        env.ok(&["email", "render", "--service", "7", "--template", t]),
        "Hello\nBye\n"
    );
    assert_eq!(env.ok(&["email", "render", "--service", "7"]), "");
    let fields = env.json(&["email", "fields", "--service", "7"]);
    assert_eq!(fields["netflow_enabled"], false);
    assert_eq!(fields["netflow_password"], "");
    env.ok(&["access", "disable", "42"]);
    assert_eq!(
        env.ok(&["email", "render", "--service", "42", "--template", t]),
        "Hello\nBye\n"
    );
    env.ok(&["access", "enable", "42"]);
    env.ok(&["settings", "set", "email_merge_enabled", "off"]);
    let fields = env.json(&["email", "fields", "--service", "42"]);
    assert_eq!(fields["netflow_enabled"], false);
    assert_eq!(fields["netflow_username"], "");
    env.ok(&["settings", "set", "email_merge_enabled", "on"]);
    env.ok(&["deactivate"]);
    assert_eq!(
        env.json(&["email", "fields", "--service", "42"])["netflow_enabled"],
        false
    );
}

#[test]
fn fields_are_one_json_object_with_the_password_only_when_stored() {
    let env = with_record();
    let fields = env.json(&["email", "fields", "--service", "42"]);
    let keys: Vec<&str> = fields
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for k in [
        "netflow_enabled",
        "netflow_url",
        "netflow_username",
        "netflow_password",
        "netflow_group",
        "netflow_ip_address",
    ] {
        assert!(keys.contains(&k), "{k} missing: {keys:?}");
    }
    assert_eq!(fields["netflow_enabled"], true);
    assert_eq!(fields["netflow_password"], PW);
    env.ok(&["access", "edit", "42", "--clear-password"]);
    let fields = env.json(&["email", "fields", "--service", "42"]);
    assert_eq!(fields["netflow_enabled"], true);
    assert_eq!(fields["netflow_password"], "");
    insta::assert_snapshot!(
        "seed_block_no_password",
        env.ok(&["email", "render", "--service", "42"])
    );
}

#[test]
fn strict_names_the_undefined_variable_and_its_place() {
    let env = with_record();
    let t = env.write("typo.tpl", "Hi\n  {$netflow_usrname}\n");
    let t = t.to_str().unwrap();
    assert_eq!(
        env.ok(&["email", "render", "--service", "42", "--template", t]),
        "Hi\n  \n"
    );
    let err = env.fails(
        &[
            "email",
            "render",
            "--service",
            "42",
            "--template",
            t,
            "--strict",
        ],
        65,
    );
    assert!(
        err.contains("typo.tpl:2:4") && err.contains("netflow_usrname"),
        "{err}"
    );
}

#[test]
fn handlebars_templates_are_accepted() {
    let env = with_record();
    let t = env.write(
        "welcome.hbs",
        "{{#if netflow_enabled}}User {{netflow_username}}\n{{/if}}",
    );
    let out = env.ok(&[
        "email",
        "render",
        "--service",
        "42",
        "--template",
        t.to_str().unwrap(),
    ]);
    assert_eq!(out, "User acme<script>\n");
}

#[test]
fn lint_reports_syntax_errors_and_unknown_fields() {
    let env = Env::new();
    let good = env.write("good.tpl", crate_seed());
    let out = env.ok(&["email", "lint", good.to_str().unwrap()]);
    assert!(out.contains("ok"), "{out}");
    let bad = env.write("bad.tpl", "Hi\n{if $netflow_enabled}\n{foreach $x}\n");
    let err = env.fails(&["email", "lint", bad.to_str().unwrap()], 65);
    assert!(err.contains("bad.tpl:3:1"), "{err}");
    let typo = env.write("typo.tpl", "{$netflow_usename}\n");
    let out = env.run(&["email", "lint", typo.to_str().unwrap()]);
    let err = crate::support::expect_rejected_lines(out, 65);
    assert!(
        err.contains("typo.tpl:1:2: unknown merge field netflow_usename"),
        "{err}"
    );
    env.fails(
        &["email", "lint", env.path("missing.tpl").to_str().unwrap()],
        66,
    );
}

fn crate_seed() -> &'static str {
    "{if $netflow_enabled}\nNetFlow Analyzer Access\nURL: {$netflow_url}\nUsername: {$netflow_username}\nPassword: {$netflow_password}\nGroup/IP: {$netflow_group} {$netflow_ip_address}\n{/if}\n"
}

#[test]
fn bad_service_id_is_a_data_error() {
    let env = with_record();
    env.fails(&["email", "fields", "--service", "abc"], 65);
}

#[test]
fn other_template_variables_come_from_var_but_never_the_merge_fields() {
    let env = with_record();
    let t = env.write("hi.tpl", "Dear {$client_name}, {$netflow_username}\n");
    let t = t.to_str().unwrap();
    let out = env.ok(&[
        "email",
        "render",
        "--service",
        "42",
        "--template",
        t,
        "--var",
        "client_name=Jane",
    ]);
    assert_eq!(out, "Dear Jane, acme<script>\n");
    env.fails(
        &[
            "email",
            "render",
            "--service",
            "42",
            "--template",
            t,
            "--var",
            "netflow_username=x",
        ],
        2,
    );
    env.fails(
        &[
            "email",
            "render",
            "--service",
            "42",
            "--template",
            t,
            "--var",
            "oops",
        ],
        2,
    );
}
