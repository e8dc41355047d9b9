#!/usr/bin/env bash
# Ensure a MariaDB server with the Renkei settings (.ci/mariadb-renkei.cnf:
# utf8mb4 / utf8mb4_bin, lower_case_table_names=1, DYNAMIC rows) listens on
# 127.0.0.1:3306, with database `renkei` (utf8mb4) and user `renkei`.
#
# Idempotent, needs root, no systemd:
#   - a server already answering on 127.0.0.1:3306 is used as it is (never restarted
#     or stopped); its settings are checked and the script fails if they differ;
#   - otherwise mariadb-server is installed if missing, a data directory of its own
#     (/var/lib/renkei-mariadb, created with lower_case_table_names=1 from the start;
#     Debian's /var/lib/mysql is left alone) is initialised once, and mariadbd is
#     started in the background.
# The password is $RENKEI_MARIADB_PASSWORD if set, else the one already in the
# credentials file, else a new random one; it is (re)applied to the user every run.
#
# Usage: .ci/start-mariadb.sh [--reset] [--stop]
#   --reset  drop and recreate database `renkei` (empty)
#   --stop   stop the server this script started earlier (PID from its pid-file), then exit
# Output: RENKEI_MARIADB_{URL,USER,PASSWORD,DATABASE,HOST,PORT,PID} in
#   ${RENKEI_DB_CREDENTIALS_FILE:-/tmp/renkei-db-credentials.env} (mode 600).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOG_TAG=mariadb
# shellcheck source-path=SCRIPTDIR source=db-lib.sh
. "$HERE/db-lib.sh"

HOST=127.0.0.1
PORT=3306
DB=renkei
DB_USER=renkei
COLLATION=utf8mb4_bin
CNF_SRC="$HERE/mariadb-renkei.cnf"
CNF=/etc/mysql/renkei-mariadb.cnf
DATADIR=/var/lib/renkei-mariadb
RUNDIR=/run/renkei-mariadb
LOGDIR=/var/log/renkei-mariadb
SOCKET="$RUNDIR/mysqld.sock"
PIDFILE="$RUNDIR/mysqld.pid"
JDBC_PARAMS="characterEncoding=UTF-8&connectionCollation=${COLLATION}&sslMode=DISABLED&allowPublicKeyRetrieval=true&connectionTimeZone=UTC"

RESET=0
for arg in "$@"; do
  case "$arg" in
    --reset) RESET=1 ;;
    --stop)
      if [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
        pid="$(cat "$PIDFILE")"; log "stopping mariadbd pid $pid"; kill -TERM "$pid"
        for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || { log "stopped"; exit 0; }; sleep 0.5; done
        die "mariadbd pid $pid did not stop within 60 s"
      fi
      log "no Renkei mariadbd running (pid-file $PIDFILE)"; exit 0 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done
require_root

our_pid() {  # PID of the mariadbd this script manages, if it runs
  local pid
  [ -s "$PIDFILE" ] || return 1
  pid="$(cat "$PIDFILE")"
  kill -0 "$pid" 2>/dev/null || return 1
  grep -qE 'mariadbd|mysqld' "/proc/$pid/comm" 2>/dev/null || return 1
  printf '%s' "$pid"
}

# ---- 1. a server: reuse the one there is, or install + initialise + start ours --------
ADMIN=()
SERVER_PID=""
if pid="$(our_pid)"; then
  log "Renkei MariaDB already running (pid $pid), reusing it"
  SERVER_PID="$pid"
  ADMIN=(mariadb --defaults-file="$CNF" --protocol=socket -uroot)
elif tcp_open "$HOST" "$PORT"; then
  log "a server not started by this script answers on $HOST:$PORT: using it, leaving it running"
  if [ -n "${RENKEI_MARIADB_ADMIN_USER:-}" ]; then
    export MYSQL_PWD="${RENKEI_MARIADB_ADMIN_PASSWORD:-}"
    ADMIN=(mariadb --no-defaults --protocol=tcp -h "$HOST" -P "$PORT" -u"$RENKEI_MARIADB_ADMIN_USER")
  else
    ADMIN=(mariadb --protocol=socket -uroot)   # distribution server: root via unix_socket
  fi
  command -v mariadb >/dev/null || die "no mariadb client; apt-get install mariadb-client"
  "${ADMIN[@]}" -e 'SELECT 1' >/dev/null 2>&1 ||
    die "cannot log in as an administrator to the server on $HOST:$PORT. Stop it, or set RENKEI_MARIADB_ADMIN_USER/RENKEI_MARIADB_ADMIN_PASSWORD."
else
  t0=$SECONDS
  if ! command -v mariadbd >/dev/null || ! command -v mariadb-install-db >/dev/null || ! command -v mariadb >/dev/null; then
    apt_install mariadb-server mariadb-client
    log "installed in $((SECONDS - t0)) s: $(mariadbd --version)"
  fi
  install -d -m 755 /etc/mysql
  install -m 644 "$CNF_SRC" "$CNF"
  install -d -o mysql -g mysql -m 755 "$RUNDIR"
  install -d -o mysql -g mysql -m 750 "$LOGDIR"

  if [ ! -e "$DATADIR/.renkei-initialised" ]; then
    # Created here, so ours to wipe: a half-initialised directory is started afresh.
    rm -rf "$DATADIR"
    install -d -o mysql -g mysql -m 750 "$DATADIR"
    log "initialising $DATADIR (lower_case_table_names=1 from the start)"
    t1=$SECONDS
    if ! mariadb-install-db --defaults-file="$CNF" --auth-root-authentication-method=socket \
         --skip-test-db >"$LOGDIR/install-db.log" 2>&1; then
      tail -n 40 "$LOGDIR/install-db.log" >&2
      die "mariadb-install-db failed (log: $LOGDIR/install-db.log)"
    fi
    printf 'initialised %s with %s\n' "$(date -u +%FT%TZ)" "$CNF_SRC" >"$DATADIR/.renkei-initialised"
    log "data directory initialised in $((SECONDS - t1)) s"
  fi

  log "starting mariadbd (--defaults-file=$CNF)"
  t1=$SECONDS
  rm -f "$PIDFILE"
  # setsid: its own session, so it survives this shell and a Ctrl-C in it.
  setsid /usr/sbin/mariadbd --defaults-file="$CNF" </dev/null >>"$LOGDIR/console.log" 2>&1 &
  launcher=$!
  ADMIN=(mariadb --defaults-file="$CNF" --protocol=socket -uroot)
  for _ in $(seq 1 240); do
    if [ -S "$SOCKET" ] && mariadb-admin --defaults-file="$CNF" --protocol=socket -uroot ping >/dev/null 2>&1; then
      break
    fi
    if ! kill -0 "$launcher" 2>/dev/null; then
      tail -n 40 "$LOGDIR/error.log" >&2 || true
      die "mariadbd exited during start-up (log: $LOGDIR/error.log)"
    fi
    sleep 0.5
  done
  SERVER_PID="$(our_pid)" || { tail -n 40 "$LOGDIR/error.log" >&2 || true; die "mariadbd did not become ready within 120 s"; }
  tcp_open "$HOST" "$PORT" || die "mariadbd runs but does not listen on $HOST:$PORT"
  log "ready in $((SECONDS - t1)) s (pid $SERVER_PID, setup total $((SECONDS - t0)) s)"
  note_started_pid mariadb "$SERVER_PID"
fi

# ---- 2. the settings the FHIR server relies on ----------------------------------------
read -r version charset collation lctn rowfmt <<<"$("${ADMIN[@]}" -N -B -e \
  'SELECT @@version, @@character_set_server, @@collation_server, @@lower_case_table_names, @@innodb_default_row_format')"
log "server $version: character_set_server=$charset collation_server=$collation lower_case_table_names=$lctn innodb_default_row_format=$rowfmt"
problems=""
[ "$charset" = utf8mb4 ] || problems+=" character_set_server=$charset (need utf8mb4);"
case "$collation" in utf8mb4_bin|utf8mb4_0900_bin) ;; *) problems+=" collation_server=$collation (need utf8mb4_bin);" ;; esac
[ "$lctn" = 1 ] || problems+=" lower_case_table_names=$lctn (need 1, set before the data directory is initialised);"
[ "$rowfmt" = dynamic ] || problems+=" innodb_default_row_format=$rowfmt (need dynamic);"
[ -z "$problems" ] || die "the server on $HOST:$PORT is not configured for Renkei:$problems see docs/databases.md"

# ---- 3. database and user ---------------------------------------------------------------
PASSWORD="${RENKEI_MARIADB_PASSWORD:-}"
[ -n "$PASSWORD" ] || PASSWORD="$(cred_get RENKEI_MARIADB_PASSWORD)"
[ -n "$PASSWORD" ] || PASSWORD="$(new_password)"
pw="$(sql_quote_mysql "$PASSWORD")"

sql=""
if [ "$RESET" = 1 ]; then
  log "--reset: dropping database $DB"
  sql+="DROP DATABASE IF EXISTS \`$DB\`;"
fi
sql+="CREATE DATABASE IF NOT EXISTS \`$DB\` CHARACTER SET utf8mb4 COLLATE $COLLATION;"
for h in 127.0.0.1 localhost; do
  sql+="CREATE USER IF NOT EXISTS '$DB_USER'@'$h' IDENTIFIED BY '$pw';"
  sql+="ALTER USER '$DB_USER'@'$h' IDENTIFIED BY '$pw';"
  sql+="GRANT ALL PRIVILEGES ON \`$DB\`.* TO '$DB_USER'@'$h';"
done
# SQL on stdin, so the password never shows in the process list.
printf '%s\n' "$sql" | "${ADMIN[@]}"

URL="jdbc:mysql://$HOST:$PORT/$DB?$JDBC_PARAMS"
# Prove the credentials work over TCP as the application will use them.
MYSQL_PWD="$PASSWORD" mariadb --no-defaults --protocol=tcp -h "$HOST" -P "$PORT" -u"$DB_USER" "$DB" \
  -N -B -e 'SELECT 1' >/dev/null || die "cannot log in as $DB_USER over TCP"

cred_put RENKEI_MARIADB_ \
  "RENKEI_MARIADB_URL=$URL" \
  "RENKEI_MARIADB_USER=$DB_USER" \
  "RENKEI_MARIADB_PASSWORD=$PASSWORD" \
  "RENKEI_MARIADB_DATABASE=$DB" \
  "RENKEI_MARIADB_HOST=$HOST" \
  "RENKEI_MARIADB_PORT=$PORT" \
  "RENKEI_MARIADB_PID=$SERVER_PID"

log "JDBC URL: $URL"
log "user:     $DB_USER (password: RENKEI_MARIADB_PASSWORD in $RENKEI_DB_CREDENTIALS_FILE)"
[ -z "$SERVER_PID" ] || log "server pid: $SERVER_PID (stop: .ci/start-mariadb.sh --stop)"
