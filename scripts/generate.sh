#!/usr/bin/env bash
# Regenerates the committed completions/ and man/ from the clap definition
# (src/cli.rs, src/generate.rs). Run it after changing a command, a flag or a
# help text: tests/cli/generated.rs fails until the committed files match.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --locked
run() { cargo run --quiet --locked -- "$@"; }

# Pages of commands that no longer exist must go too.
rm -f man/*.1
run man man
mkdir -p completions
run completions bash >completions/netflow-manager.bash
run completions zsh >completions/_netflow-manager
run completions fish >completions/netflow-manager.fish
