#!/usr/bin/env bash
# Benchmarks: every figure is a ratio against a public tool measured side by side
# in the same run on this machine, plus peak memory (max RSS, /usr/bin/time), and
# the peak memory of a listing on a terminal and of oversized imports, each of
# which must stay under 64 MB (the script fails otherwise).
#   benches/bench.sh                 # full run (1,000,000-row import included)
#   SIZES=100000 benches/bench.sh    # quicker
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"100000 1000000"}
runs=${RUNS:-5}

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || ! need sqlite3 || [ ! -x /usr/bin/time ]; then
    apt-get update -qq && apt-get install -y -qq hyperfine sqlite3 time >/dev/null
fi
if ! need sqlite-utils; then
    python3 -m pip install -q sqlite-utils
fi
cargo build --release --quiet
bin=$PWD/target/release/netflow-manager
work=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid"; rm -rf "$work"' EXIT
unset NETFLOW_MANAGER_KEY NETFLOW_MANAGER_NOW
export NETFLOW_MANAGER_CONFIG=/dev/null

schema="CREATE TABLE access (service_id INTEGER PRIMARY KEY, client_id INTEGER, username TEXT, password TEXT, url TEXT, grp TEXT, ip_address TEXT, notes TEXT, enabled TEXT);"
gen() {
    awk -v n="$1" 'BEGIN {
        print "service_id,client_id,username,password,url,group,ip_address,notes,enabled"
        for (i = 1; i <= n; i++)
            printf "%d,%d,user%d,Pw-%08d-secret,,group %d,10.%d.%d.%d,note for %d,%s\n",
                i, 1 + i % 5000, i, i, i % 300, int(i / 65536) % 256, int(i / 256) % 256, i % 256, i, (i % 10 ? "true" : "false")
    }'
}
ratio() { # hyperfine JSON, our command name, their command name, label
    python3 - "$@" <<'PY'
import json, sys
path, ours, theirs, label = sys.argv[1:5]
r = {x["command"]: x["median"] for x in json.load(open(path))["results"]}
print(f"RESULT {label}: netflow-manager {r[ours] * 1000:.1f} ms, {theirs} {r[theirs] * 1000:.1f} ms, ratio {r[ours] / r[theirs]:.2f}")
PY
}
rss() { # label, command...
    local label=$1; shift
    /usr/bin/time -f "RESULT peak RSS $label: %M KiB" "$@" >/dev/null
}
rss_tty() { # label, command...: the command's stdout is a 120x40 terminal
    python3 - "$@" <<'PY'
import fcntl, os, pty, struct, sys, termios
label, argv = sys.argv[1], sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
while True:
    try:
        if not os.read(fd, 1 << 16):
            break
    except OSError:
        break
_, status, usage = os.wait4(pid, 0)
print(f"RESULT peak RSS {label}: {usage.ru_maxrss} KiB (exit {os.waitstatus_to_exitcode(status)})")
sys.exit(usage.ru_maxrss > 64 * 1024 or os.waitstatus_to_exitcode(status) != 0)
PY
}
fresh_store() { rm -f "$work"/nf.db* "$work"/nf.key; NETFLOW_MANAGER_DB=$work/nf.db "$bin" -q activate; }

for rows in $sizes; do
    csv=$work/access-$rows.csv
    gen "$rows" > "$csv"
    echo "== CSV import of $rows rows with passwords"
    # hyperfine runs one command's runs after the other's: sqlite3 and ours go
    # first, next to each other, so that both meet the same machine.
    hyperfine --runs "$runs" --export-json "$work/import.json" \
        --prepare "rm -f $work/plain.db; sqlite3 $work/plain.db '$schema'" \
        -n "sqlite3 .import" "sqlite3 $work/plain.db '.import --csv --skip 1 $csv access'" \
        --prepare "rm -f $work/nf.db $work/nf.db-wal $work/nf.db-shm $work/nf.key; NETFLOW_MANAGER_DB=$work/nf.db $bin -q activate" \
        -n "access import" "NETFLOW_MANAGER_DB=$work/nf.db $bin -q access import $csv" \
        --prepare "rm -f $work/utils.db" \
        -n "sqlite-utils insert" "sqlite-utils insert $work/utils.db access $csv --csv --pk service_id"
    ratio "$work/import.json" "access import" "sqlite3 .import" "import $rows vs sqlite3 .import"
    ratio "$work/import.json" "access import" "sqlite-utils insert" "import $rows vs sqlite-utils insert"
    fresh_store
    rss "access import $rows" env NETFLOW_MANAGER_DB="$work/nf.db" "$bin" -q access import "$csv"
    # The same file again: every row conflicts with a record, and is remembered
    # until the end of the import without growing the memory.
    kib=$( { /usr/bin/time -f "%M" env NETFLOW_MANAGER_DB="$work/nf.db" "$bin" -q access import "$csv" --on-conflict update --dry-run >/dev/null; } 2>&1 | tail -n 1)
    echo "RESULT peak RSS access import $rows again, every row a conflict (--on-conflict update --dry-run): $kib KiB"
    [ "$kib" -le 65536 ] || { echo "re-import of $rows rows: over 64 MB" >&2; exit 1; }
    rm -f "$work/plain.db"; sqlite3 "$work/plain.db" "$schema"
    rss "sqlite3 .import $rows" sqlite3 "$work/plain.db" ".import --csv --skip 1 $csv access"
done

# The store the read benchmarks use: the last size imported above.
export NETFLOW_MANAGER_DB=$work/nf.db
rows=$("$bin" access list --format csv | tail -n +2 | wc -l)
echo "== access list --format csv of $rows rows"
hyperfine --warmup 2 --runs "$runs" --export-json "$work/list.json" \
    -n "sqlite3 select" "sqlite3 -csv -header $work/nf.db 'SELECT * FROM access' > /dev/null" \
    -n "access list" "$bin access list --format csv > /dev/null"
ratio "$work/list.json" "access list" "sqlite3 select" "list csv $rows vs sqlite3 select"
rss "access list $rows" "$bin" access list --format csv
rss_tty "access list table of $rows rows on a terminal" "$bin" access list
rss "access list table of $rows rows into a pipe" "$bin" access list
rss "access export --include-passwords of $rows rows" "$bin" access export --include-passwords

echo "== oversized input: refused with exit 65 in bounded memory (SPEC 5.8)"
oversized() { # kind, file: writes one oversized input
    python3 - "$@" <<'PY'
import sys
kind, path = sys.argv[1:3]
header = b"service_id,client_id,username,password,url,group,ip_address,notes,enabled\n"
big = 200 * 1024 * 1024
with open(path, "wb") as f:
    if kind == "line":  # a 200 MB single line of commas
        f.write(header + b"," * big + b"\n")
    elif kind == "field":  # a 200 MB quoted field
        f.write(header + b'1,7,u,,,,,"' + b"n" * big + b'",yes\n')
    elif kind == "header":  # a header of ten million columns
        f.write(b"x," * 10_000_000 + b"\n1\n")
    elif kind == "jsonl":  # a 200 MB JSON line
        f.write(b'{"service_id": 1, "username": "u", "notes": "' + b"n" * big + b'"}\n')
    elif kind == "json":  # a 200 MB string value in a JSON array
        f.write(b'[{"service_id": 1, "username": "u", "notes": "' + b"n" * big + b'"}]\n')
PY
}
refused() { # label, kind, file name
    local file=$work/$3 out code=0
    oversized "$2" "$file"
    out=$(/usr/bin/time -f "%M" "$bin" -q access import "$file" 2>&1 >/dev/null) || code=$?
    rm -f "$file"
    [ "$code" -eq 65 ] || { echo "$1: exit $code, expected 65" >&2; exit 1; }
    local kib
    kib=$(tail -n 1 <<<"$out")
    echo "RESULT peak RSS $1: $kib KiB, exit 65: $(head -n 1 <<<"$out" | cut -c1-70)"
    [ "$kib" -le 65536 ] || { echo "$1: over 64 MB" >&2; exit 1; }
}
refused "import of a 200 MB single-line CSV" line line.csv
refused "import of a CSV with a 200 MB field" field field.csv
refused "import of a 10,000,000-column CSV header" header header.csv
refused "import of a 200 MB JSON line" jsonl line.jsonl
refused "import of a 200 MB JSON string value" json string.json

# An Active local key in the cache, from a loopback stand-in server, once.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 benches/licensing_server.py "$port" bench-secret & server_pid=$!
cat > "$work/config.toml" <<TOML
[licensing]
server = "http://127.0.0.1:$port"
secret = "bench-secret"
[installation]
domain = "bench.example.net"
ip = "192.0.2.1"
directory = "/srv/bench"
TOML
export NETFLOW_MANAGER_CONFIG=$work/config.toml
echo NFM-BENCH | "$bin" -q settings set licence_key
for _ in 1 2 3 4 5 6 7 8 9 10; do "$bin" -q licence check 2>/dev/null && break; sleep 0.3; done
kill "$server_pid"; server_pid=

# An enabled record in the middle (every tenth is disabled), so that the hook path
# (email fields, client-area) decrypts and prints rather than leaving the block out.
mid=$((rows / 2 + 1))
echo "== whole-process medians on the $rows-row store"
hyperfine -N --warmup 20 --runs 300 --export-json "$work/proc.json" \
    -n "sqlite3 SELECT 1" "sqlite3 $work/nf.db 'SELECT 1'" \
    -n "access show" "$bin access show $mid --format json" \
    -n "email fields" "$bin email fields --service $mid" \
    -n "client-area --html" "$bin client-area $mid --html" \
    -n "email render" "$bin email render --service $mid" \
    -n "licence check (cache)" "$bin licence check"
for c in "access show" "email fields" "client-area --html" "email render" "licence check (cache)"; do
    ratio "$work/proc.json" "$c" "sqlite3 SELECT 1" "$c vs sqlite3 SELECT 1"
done
rss "access show" "$bin" access show "$mid" --format json
rss "email fields" "$bin" email fields --service "$mid"
rss "client-area --html" "$bin" client-area "$mid" --html
rss "email render" "$bin" email render --service "$mid"
rss "licence check (cache)" "$bin" licence check
rss "sqlite3 SELECT 1" sqlite3 "$work/nf.db" "SELECT 1"

# whmcs sync of 10,000 services from a loopback stand-in for the WHMCS API, over a
# store holding a record for each (every tenth suspended in WHMCS).
services=${WHMCS_SERVICES:-10000}
echo "== whmcs sync of $services services"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 benches/whmcs_server.py "$port" "$services" & server_pid=$!
export NETFLOW_MANAGER_DB=$work/sync.db
cat > "$work/whmcs.toml" <<TOML
[whmcs]
url = "http://127.0.0.1:$port"
identifier = "bench"
secret = "bench"
TOML
export NETFLOW_MANAGER_CONFIG=$work/whmcs.toml
"$bin" -q activate
gen "$services" | cut -d, -f1-3 > "$work/sync.csv"
"$bin" -q access import "$work/sync.csv"
for _ in 1 2 3 4 5 6 7 8 9 10; do "$bin" -q whmcs sync --dry-run >/dev/null 2>&1 && break; sleep 0.3; done
hyperfine --warmup 2 --runs "$runs" --export-json "$work/sync.json" \
    -n "whmcs sync --dry-run" "$bin whmcs sync --dry-run --format json > /dev/null"
python3 - "$work/sync.json" "$services" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"RESULT whmcs sync --dry-run of {sys.argv[2]} services: {r['median'] * 1000:.1f} ms")
PY
/usr/bin/time -f "RESULT whmcs sync (applying $services services): %e s, peak RSS %M KiB" \
    "$bin" -q whmcs sync >/dev/null
rss "whmcs sync (nothing to change)" "$bin" -q whmcs sync
kill "$server_pid"; server_pid=
