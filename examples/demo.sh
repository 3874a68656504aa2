#!/usr/bin/env bash
# The main job end to end on a scratch store, no network: activate, import
# access records, list them, and look at what a customer and support would see.
# Usage: examples/demo.sh [path-to-netflow-manager]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-netflow-manager}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export NETFLOW_MANAGER_DB="$scratch/netflow.db"
export NETFLOW_MANAGER_CONFIG="$here/config.toml"
unset NETFLOW_MANAGER_KEY

step() { printf '\n$ netflow-manager %s\n' "$*"; "$bin" "$@"; }

step activate
step access import "$here/import.csv"
step access import "$here/import.json"
step access list
step access show 1042
step status
step audit list --limit 5
