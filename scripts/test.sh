#!/usr/bin/env bash
# The test command: installs the system packages the suite drives (when they are
# missing and we may install them), then runs every test. Arguments go to cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian package for each command the tests run.
declare -A wanted=(
    [setpriv]=util-linux # the roles tests run the binary as another user
    [tmux]=tmux          # the prompt tests drive it on a terminal
    [zsh]=zsh            # the completion tests run each shell's completion
    [fish]=fish
    [php]=php-cli        # the Smarty differential tests and the WHMCS hook test
    # the MySQL store's tests start a private MariaDB server of their own
    [mariadb-install-db]=mariadb-server
    [mariadb]=mariadb-client
    [openssl]=openssl    # the test server's TLS certificates
)
missing=()
for cmd in "${!wanted[@]}"; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("${wanted[$cmd]}")
done
# Real Smarty 4, and mbstring for its multibyte modifiers (not commands).
for pkg in php-mbstring smarty4; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        # Packages must not start system services (the MariaDB one): the tests
        # run a server of their own on a private port, socket and directory.
        made_policy=
        if [ ! -e /usr/sbin/policy-rc.d ]; then
            printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
            chmod 755 /usr/sbin/policy-rc.d
            made_policy=1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
        if [ -n "$made_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
    else
        echo "scripts/test.sh: missing packages: ${missing[*]} (install them, or run as root on Debian)" >&2
        exit 1
    fi
fi

cargo test --locked "$@"
