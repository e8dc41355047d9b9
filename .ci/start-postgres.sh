#!/usr/bin/env bash
# Ensure a PostgreSQL server listens on 127.0.0.1:5432 with role `renkei` and
# database `renkei` (ENCODING 'UTF8', LC_COLLATE/LC_CTYPE 'C.UTF-8', from template0).
#
# Idempotent, needs root, no systemd (Debian's pg_ctlcluster runs pg_ctl directly
# when systemd is not PID 1):
#   - a server already answering on 127.0.0.1:5432 is used as it is (never restarted
#     or stopped);
#   - otherwise the `postgresql` package is installed if missing, the Debian cluster
#     configured for port 5432 is used (one named `renkei` is created if there is
#     none), and it is started with pg_ctlcluster.
# The password is $RENKEI_POSTGRES_PASSWORD if set, else the one already in the
# credentials file, else a new random one; it is (re)applied to the role every run.
#
# Usage: .ci/start-postgres.sh [--reset] [--stop]
#   --reset  drop and recreate database `renkei` (empty)
#   --stop   stop the cluster if this script started it (PID recorded at start), then exit
# Output: RENKEI_POSTGRES_{URL,USER,PASSWORD,DATABASE,HOST,PORT,PID} in
#   ${RENKEI_DB_CREDENTIALS_FILE:-/tmp/renkei-db-credentials.env} (mode 600).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOG_TAG=postgres
# shellcheck source-path=SCRIPTDIR source=db-lib.sh
. "$HERE/db-lib.sh"

HOST=127.0.0.1
PORT=5432
DB=renkei
DB_USER=renkei
STARTED_MARKER=/run/renkei-postgres.started   # "<version> <cluster> <pid>" of a cluster we started

RESET=0
STOP=0
for arg in "$@"; do
  case "$arg" in
    --reset) RESET=1 ;;
    --stop) STOP=1 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done
require_root

postmaster_pid() {  # postmaster_pid DATADIR
  [ -s "$1/postmaster.pid" ] || return 1
  local pid; pid="$(head -n 1 "$1/postmaster.pid")"
  kill -0 "$pid" 2>/dev/null || return 1
  printf '%s' "$pid"
}

if [ "$STOP" = 1 ]; then
  if [ -s "$STARTED_MARKER" ]; then
    read -r mver mname mpid <"$STARTED_MARKER"
    if kill -0 "$mpid" 2>/dev/null && grep -q postgres "/proc/$mpid/comm" 2>/dev/null; then
      log "stopping PostgreSQL $mver/$mname, postmaster pid $mpid (fast shutdown)"
      kill -INT "$mpid"
      for _ in $(seq 1 120); do kill -0 "$mpid" 2>/dev/null || { rm -f "$STARTED_MARKER"; log "stopped"; exit 0; }; sleep 0.5; done
      die "postmaster $mpid did not stop within 60 s"
    fi
    rm -f "$STARTED_MARKER"
  fi
  log "no PostgreSQL cluster started by this script is running"; exit 0
fi

# ---- 1. a server: reuse the one there is, or install + start a Debian cluster ----------
cluster_on_port() {  # prints "<version> <name> <status> <datadir>" of the cluster on $PORT
  command -v pg_lsclusters >/dev/null || return 1
  pg_lsclusters -h 2>/dev/null | awk -v p="$PORT" '$3 == p { print $1, $2, $4, $6; exit }' | grep . 
}

ADMIN=()
SERVER_PID=""
if tcp_open "$HOST" "$PORT"; then
  if c="$(cluster_on_port)"; then
    read -r ver name _status datadir <<<"$c"
    SERVER_PID="$(postmaster_pid "$datadir" || true)"
    log "PostgreSQL $ver/$name already running on $HOST:$PORT (postmaster pid ${SERVER_PID:-?}), using it, leaving it running"
    ADMIN=(runuser -u postgres -- psql --cluster "$ver/$name")
  elif [ -n "${RENKEI_POSTGRES_ADMIN_USER:-}" ]; then
    log "a server not managed by pg_ctlcluster answers on $HOST:$PORT: using it as ${RENKEI_POSTGRES_ADMIN_USER}"
    export PGPASSWORD="${RENKEI_POSTGRES_ADMIN_PASSWORD:-}"
    ADMIN=(psql -h "$HOST" -p "$PORT" -U "$RENKEI_POSTGRES_ADMIN_USER" -d postgres)
  else
    die "a server not managed by pg_ctlcluster answers on $HOST:$PORT. Stop it, or set RENKEI_POSTGRES_ADMIN_USER/RENKEI_POSTGRES_ADMIN_PASSWORD."
  fi
else
  t0=$SECONDS
  if ! command -v pg_ctlcluster >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt_install postgresql
    log "installed in $((SECONDS - t0)) s"
  fi
  if ! c="$(cluster_on_port)"; then
    ver="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' | cut -d/ -f5 | sort -n | tail -n 1)"
    log "no cluster for port $PORT: creating $ver/renkei"
    pg_createcluster --locale=C.UTF-8 --encoding=UTF8 --port="$PORT" "$ver" renkei
    c="$(cluster_on_port)" || die "pg_createcluster did not create a cluster on port $PORT"
  fi
  read -r ver name _status datadir <<<"$c"
  log "starting PostgreSQL $ver/$name ($datadir) with pg_ctlcluster"
  t1=$SECONDS
  if ! pg_ctlcluster "$ver" "$name" start; then
    tail -n 40 "/var/log/postgresql/postgresql-$ver-$name.log" >&2 || true
    die "pg_ctlcluster $ver $name start failed"
  fi
  for _ in $(seq 1 120); do
    pg_isready -q -h "$HOST" -p "$PORT" && break
    sleep 0.5
  done
  pg_isready -q -h "$HOST" -p "$PORT" || die "PostgreSQL did not become ready on $HOST:$PORT within 60 s"
  SERVER_PID="$(postmaster_pid "$datadir")" || die "no postmaster.pid in $datadir"
  printf '%s %s %s\n' "$ver" "$name" "$SERVER_PID" >"$STARTED_MARKER"
  log "ready in $((SECONDS - t1)) s (postmaster pid $SERVER_PID, setup total $((SECONDS - t0)) s)"
  note_started_pid postgres "$SERVER_PID"
  ADMIN=(runuser -u postgres -- psql --cluster "$ver/$name")
fi
ADMIN+=(-X -q -v ON_ERROR_STOP=1)

version="$("${ADMIN[@]}" -At -c 'SHOW server_version')"
log "server PostgreSQL $version"

# ---- 2. role and database -----------------------------------------------------------------
PASSWORD="${RENKEI_POSTGRES_PASSWORD:-}"
[ -n "$PASSWORD" ] || PASSWORD="$(cred_get RENKEI_POSTGRES_PASSWORD)"
[ -n "$PASSWORD" ] || PASSWORD="$(new_password)"
pw="$(sql_quote_pg "$PASSWORD")"

# C.UTF-8: code-point order (same as MySQL's utf8mb4_bin), no dependence on glibc's
# collation tables (whose changes corrupt text indexes on OS upgrades), LIKE 'x%' can use
# plain b-tree indexes. Debian's libc always ships it; elsewhere fall back to C.
LOCALE=C.UTF-8
locale -a 2>/dev/null | grep -qixE 'c\.utf-?8' || LOCALE=C

# SQL on stdin, so the password never shows in the process list.
"${ADMIN[@]}" -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN;
  END IF;
END \$\$;
ALTER ROLE $DB_USER WITH LOGIN PASSWORD '$pw';
SQL

if [ "$RESET" = 1 ]; then
  log "--reset: dropping database $DB"
  "${ADMIN[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
fi
if [ -z "$("${ADMIN[@]}" -d postgres -At -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
  "${ADMIN[@]}" -d postgres -c "CREATE DATABASE $DB OWNER $DB_USER ENCODING 'UTF8' LC_COLLATE '$LOCALE' LC_CTYPE '$LOCALE' TEMPLATE template0"
fi
read -r enc coll ctype <<<"$("${ADMIN[@]}" -d postgres -At -F ' ' -c \
  "SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database WHERE datname = '$DB'")"
log "database $DB: encoding=$enc collate=$coll ctype=$ctype"
[ "$enc" = UTF8 ] || die "database $DB has encoding $enc, need UTF8 (run with --reset)"

URL="jdbc:postgresql://$HOST:$PORT/$DB"
PGPASSWORD="$PASSWORD" psql -X -q -h "$HOST" -p "$PORT" -U "$DB_USER" -d "$DB" -At -c 'SELECT 1' >/dev/null ||
  die "cannot log in as $DB_USER over TCP"

cred_put RENKEI_POSTGRES_ \
  "RENKEI_POSTGRES_URL=$URL" \
  "RENKEI_POSTGRES_USER=$DB_USER" \
  "RENKEI_POSTGRES_PASSWORD=$PASSWORD" \
  "RENKEI_POSTGRES_DATABASE=$DB" \
  "RENKEI_POSTGRES_HOST=$HOST" \
  "RENKEI_POSTGRES_PORT=$PORT" \
  "RENKEI_POSTGRES_PID=$SERVER_PID"

log "JDBC URL: $URL"
log "user:     $DB_USER (password: RENKEI_POSTGRES_PASSWORD in $RENKEI_DB_CREDENTIALS_FILE)"
