#!/usr/bin/env bash
# The MySQL store's import beside MariaDB's own bulk load: ROWS rows with
# passwords through `access import` into a MySQL store, against `LOAD DATA
# LOCAL INFILE` of the same CSV into a plain table, on a private MariaDB server
# (its own directory, socket and port on 127.0.0.1) that this script starts and
# stops. Prints the medians and the ratio.
#
#   benches/mysql.sh [BINARY]       ROWS=100000 RUNS=3 by default
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/netflow-manager}
rows=${ROWS:-100000}
runs=${RUNS:-3}
[ -x "$bin" ] || cargo build --release --locked
for tool in mariadbd mariadb-install-db mariadb; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || {
        echo "benches/mysql.sh: $tool is missing (install mariadb-server and mariadb-client)" >&2
        exit 1
    }
done

work=$(mktemp -d)
user=$(id -un)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mariadb-install-db --no-defaults --auth-root-authentication-method=normal --skip-test-db \
    --datadir="$work/data" --user="$user" >/dev/null
PATH=$PATH:/usr/sbin mariadbd --no-defaults --datadir="$work/data" --socket="$work/s" \
    --port="$port" --bind-address=127.0.0.1 --user="$user" --skip-log-bin \
    --innodb-buffer-pool-size=256M --local-infile=1 >"$work/log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
sql() { mariadb --no-defaults -uroot --socket="$work/s" --local-infile=1 "$@"; }
until sql -e 'SELECT 1' >/dev/null 2>&1; do
    kill -0 $server 2>/dev/null || { cat "$work/log" >&2; exit 1; }
    sleep 0.1
done
password=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
sql -e "CREATE USER bench@'127.0.0.1' IDENTIFIED BY '$password'; GRANT ALL ON *.* TO bench@'127.0.0.1'"

python3 - "$rows" >"$work/in.csv" <<'EOF'
import sys
n = int(sys.argv[1])
print("service_id,client_id,username,password,group,ip_address")
for i in range(1, n + 1):
    print(f"{i},{i % 50 + 1},user{i},pw-{i},grp{i % 7},10.0.{i // 250 % 250}.{i % 250}")
EOF
printf '[store]\nkey_file = "%s/netflow.key"\n' "$work" >"$work/config.toml"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }
ours=() theirs=()
for run in $(seq "$runs"); do
    db=nm$run
    sql -e "CREATE DATABASE $db"
    export NETFLOW_MANAGER_DB="mysql://bench@127.0.0.1:$port/$db" NETFLOW_MANAGER_DB_PASSWORD=$password
    "$bin" --config "$work/config.toml" activate >/dev/null
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
        "$bin" --config "$work/config.toml" --quiet access import "$work/in.csv"
    read -r elapsed user system rss <"$work/time"
    ours+=("$elapsed")
    echo "run $run: access import $elapsed s (its own CPU: user $user s, system $system s; peak $((rss / 1024)) MB)"

    sql -e "CREATE DATABASE plain$run; CREATE TABLE plain$run.t (service_id BIGINT PRIMARY KEY, client_id BIGINT, username TEXT, password TEXT, grp TEXT, ip_address TEXT) ENGINE=InnoDB"
    t0=$(now)
    sql plain$run -e "LOAD DATA LOCAL INFILE '$work/in.csv' INTO TABLE t FIELDS TERMINATED BY ',' IGNORE 1 LINES"
    t1=$(now)
    theirs+=("$(echo "$t1 - $t0" | bc)")
    rm -f "$work/netflow.key"
done
a=$(printf '%s\n' "${ours[@]}" | median)
b=$(printf '%s\n' "${theirs[@]}" | median)
printf 'MySQL store, %s rows with passwords: access import %.3f s, LOAD DATA LOCAL INFILE %.3f s, ratio %.2f (median of %s)\n' \
    "$rows" "$a" "$b" "$(echo "$a / $b" | bc -l)" "$runs"
