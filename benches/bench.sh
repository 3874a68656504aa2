#!/usr/bin/env bash
# Benchmarks: each figure is a ratio against a public tool, measured side by side
# in one run on this machine, plus peak memory (max RSS).
#   benches/bench.sh            # 1,000,000 rows
#   ROWS=100000 benches/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
runs=${RUNS:-5}

for tool in hyperfine sqlite3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null
    fi
done
cargo build --release --quiet
bin=$PWD/target/release/netflow-manager
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NETFLOW_MANAGER_DB=$work/nf.db NETFLOW_MANAGER_CONFIG=/dev/null
unset NETFLOW_MANAGER_KEY NETFLOW_MANAGER_NOW

csv=$work/access.csv
awk -v n="$rows" 'BEGIN {
    print "service_id,client_id,username,password,url,group,ip_address,notes,enabled"
    for (i = 1; i <= n; i++)
        printf "%d,%d,user%d,Pw-%08d-secret,,group %d,10.%d.%d.%d,note for %d,%s\n",
            i, 1 + i % 5000, i, i, i % 300, int(i / 65536) % 256, int(i / 256) % 256, i % 256, i, (i % 10 ? "true" : "false")
}' > "$csv"
schema="CREATE TABLE access (service_id INTEGER PRIMARY KEY, client_id INTEGER, username TEXT, password TEXT, url TEXT, grp TEXT, ip_address TEXT, notes TEXT, enabled TEXT);"

echo "== CSV import of $rows rows with passwords: netflow-manager vs sqlite3 .import"
hyperfine --runs "$runs" --export-json "$work/import.json" \
    --prepare "rm -f $work/plain.db; sqlite3 $work/plain.db '$schema'" \
    -n "sqlite3 .import" "sqlite3 $work/plain.db '.import --csv --skip 1 $csv access'" \
    --prepare "rm -f $work/nf.db $work/nf.db-wal $work/nf.db-shm $work/nf.key; $bin -q activate" \
    -n "netflow-manager access import" "$bin -q access import $csv"
python3 - "$work/import.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
ours, theirs = r["netflow-manager access import"], r["sqlite3 .import"]
print(f"import median: netflow-manager {ours:.2f} s, sqlite3 {theirs:.2f} s, ratio {ours / theirs:.2f}")
PY
rm -f "$work"/nf.db* "$work/nf.key"; "$bin" -q activate
/usr/bin/time -f "import peak RSS: %M KiB" "$bin" -q access import "$csv"
rm -f "$work/plain.db"; sqlite3 "$work/plain.db" "$schema"
/usr/bin/time -f "sqlite3 .import peak RSS: %M KiB" sqlite3 "$work/plain.db" ".import --csv --skip 1 $csv access"

echo "== access show --format json on a $rows-row store vs sqlite3 STORE 'SELECT 1'"
mid=$((rows / 2))
hyperfine -N --warmup 20 --runs 200 --export-json "$work/show.json" \
    -n "sqlite3 SELECT 1" "sqlite3 $work/nf.db 'SELECT 1'" \
    -n "access show" "$bin access show $mid --format json"
python3 - "$work/show.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
ours, theirs = r["access show"], r["sqlite3 SELECT 1"]
print(f"show median: netflow-manager {ours * 1000:.2f} ms, sqlite3 {theirs * 1000:.2f} ms, ratio {ours / theirs:.2f}")
PY
/usr/bin/time -f "access show peak RSS: %M KiB" "$bin" access show "$mid" --format json >/dev/null
