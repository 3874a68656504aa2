#!/usr/bin/env bash
# The main job end to end on a scratch store, no network: activate, import access
# records, list them, render the welcome e-mail, look at the client-area fragment,
# follow a service WHMCS suspends and unsuspends, run the doctor, start the add-on
# trial and preview the next invoice.
# Usage: examples/demo.sh [path-to-netflow-manager]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-netflow-manager}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export NETFLOW_MANAGER_DB="$scratch/netflow.db"
export NETFLOW_MANAGER_CONFIG="$here/config.toml"
export NETFLOW_MANAGER_NOW=2026-11-23T09:00:00Z
unset NETFLOW_MANAGER_KEY

step() { printf '\n$ netflow-manager %s\n' "$*"; "$bin" "$@"; }
# A step whose non-zero exit is part of the story (a check that answers "no").
check() { printf '\n$ netflow-manager %s\n' "$*"; "$bin" "$@" || printf '(exit %d)\n' "$?"; }

step activate
step access import "$here/import.csv"
step access import "$here/import.json"
step access list
step access show 1042
step email render --service 1042 --template "$here/welcome.tpl" \
    --var client_name="Jane Operator" --var service_domain=vps1042.example.net \
    --var whmcs_url=https://billing.example.net/ --var signature="The hosting team"
step email fields --service 2001
# No licensing server is configured here, so the licence is not active and the
# client area shows nothing; --explain says why.
check client-area 1042 --html --explain
# What the WHMCS hooks run when a service is suspended and unsuspended.
step whmcs apply 1042 --status Suspended
step access list --fields service_id,username,enabled,disabled_by
step whmcs apply 1042 --status Active
check doctor --service 1042
step subscription set --tier mid --fee 199.00 --currency EUR --customers 1500 --period-start 2026-11-01
step trial start
step billing preview
step status
