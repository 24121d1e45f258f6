#!/usr/bin/env bash
# postgres-up.sh — make sure a trust-auth PostgreSQL answers on 127.0.0.1:$PG_PORT.
#
# Usage: eval "$(bash scripts/postgres-up.sh)"   # exports PGHOST PGPORT PGUSER PGDATABASE DATABASE_URL
#
# Order of attempts, cheapest first:
#   1. it already answers (the target machines start it before a session): nothing to do;
#   2. a Debian cluster exists but is stopped: start it with pg_ctlcluster (the machine's own way);
#   3. otherwise a private throw-away cluster in $PG_DIR (initdb, trust auth, loopback, fsync off).
# It never edits /etc/postgresql. Env: PG_PORT (5432), PG_DIR (/tmp/intake-pg), PG_DATABASES ("test").
set -euo pipefail

PG_PORT="${PG_PORT:-5432}"
PG_DIR="${PG_DIR:-/tmp/intake-pg}"
PG_DATABASES="${PG_DATABASES:-test}"
log() { echo "[postgres-up] $*" >&2; }
die() { echo "[postgres-up] ERROR: $*" >&2; exit 1; }

command -v psql >/dev/null || die "psql not installed (apt-get install -y postgresql)"
trust_ok() {
  PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -w -Atqc 'select 1' >/dev/null 2>&1
}
wait_ok() { for _ in $(seq 1 100); do trust_ok && return 0; sleep 0.2; done; return 1; }

if trust_ok; then
  log "PostgreSQL already answers on 127.0.0.1:$PG_PORT"
else
  if [[ "$PG_PORT" == 5432 ]] && command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]] \
     && [[ -n "$(ls /etc/postgresql 2>/dev/null)" ]]; then
    ver=$(ls /etc/postgresql | sort -V | tail -1)
    log "starting the machine's cluster: pg_ctlcluster $ver main start"
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start >&2 2>&1 || log "pg_ctlcluster failed, trying a private cluster"
    wait_ok || true
  fi
fi

if ! trust_ok; then
  BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [[ -n "$BIN" ]] || die "PostgreSQL server not installed (apt-get install -y postgresql)"
  if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then
    die "127.0.0.1:$PG_PORT runs a PostgreSQL that wants a password; set PG_PORT=5433 or DATABASE_URL yourself"
  fi
  [[ $(id -u) == 0 ]] || die "must run as root to start a private cluster (initdb/pg_ctl run as OS user postgres)"
  as_pg() { (cd / && runuser -u postgres -- "$@"); }
  mkdir -p "$PG_DIR"; chown postgres:postgres "$PG_DIR"
  if [[ ! -s "$PG_DIR/data/PG_VERSION" ]]; then
    log "initdb $PG_DIR/data (trust auth)…"
    as_pg "$BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      >"$PG_DIR/initdb.log" 2>&1 || { tail -20 "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
  fi
  log "starting private cluster on 127.0.0.1:$PG_PORT…"
  as_pg "$BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off" \
    start </dev/null >/dev/null 2>&1 || { tail -20 "$PG_DIR/server.log" >&2; die "pg_ctl start failed"; }
  wait_ok || die "started, but trust login as postgres fails"
fi

for db in $PG_DATABASES; do
  exists=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -w -Atc "select 1 from pg_database where datname='$db'")
  [[ "$exists" == 1 ]] || { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -w -qc "create database \"$db\"" >&2; log "created database $db"; }
done

cat <<EOT
export PGHOST=127.0.0.1
export PGPORT=$PG_PORT
export PGUSER=postgres
export PGDATABASE=${PG_DATABASES%% *}
export DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/${PG_DATABASES%% *}
EOT
