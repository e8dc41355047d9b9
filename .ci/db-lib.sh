# shellcheck shell=bash
# Helpers shared by .ci/start-mariadb.sh and .ci/start-postgres.sh (sourced, not run).
#
# Credentials-file contract (see docs/databases.md):
#   ${RENKEI_DB_CREDENTIALS_FILE:-/tmp/renkei-db-credentials.env}, mode 600, owned by
#   the caller, outside the repository, lines of the form  NAME='value'  (sourceable
#   by sh/bash). start-mariadb.sh owns the RENKEI_MARIADB_* lines, start-postgres.sh
#   the RENKEI_POSTGRES_* lines; each rewrites only its own lines.
#
# Optional inputs (environment):
#   RENKEI_DB_CREDENTIALS_FILE  where the credentials live (default above)
#   RENKEI_STARTED_PIDS_FILE    if set, a server this run *starts* is appended as
#                               "<kind> <pid>" so the caller (e.g. .ci/run) can stop
#                               exactly that process later, by PID
#   RENKEI_APT_STAMP            if set, 'apt-get update' runs at most once for all
#                               scripts sharing this stamp path

RENKEI_DB_CREDENTIALS_FILE="${RENKEI_DB_CREDENTIALS_FILE:-/tmp/renkei-db-credentials.env}"

log()  { printf '[%s] %s\n' "${LOG_TAG:-db}" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "${LOG_TAG:-db}" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "${LOG_TAG:-db}" "$*" >&2; exit 1; }

require_root() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (installs packages, starts a server as a system user)"
}

# tcp_open HOST PORT: true when something accepts TCP connections there.
tcp_open() {
  timeout 3 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# apt_install PKG...: installs Debian packages non-interactively; 'apt-get update'
# runs once per RENKEI_APT_STAMP (or once per call without it).
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* by hand"
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "${RENKEI_APT_STAMP:-}" ] || [ ! -e "$RENKEI_APT_STAMP" ]; then
    log "apt-get update"
    apt-get update -q </dev/null
    if [ -n "${RENKEI_APT_STAMP:-}" ]; then : >"$RENKEI_APT_STAMP"; fi
  fi
  log "apt-get install -y --no-install-recommends $*"
  apt-get install -y -q --no-install-recommends "$@" </dev/null
}

new_password() {
  if command -v openssl >/dev/null; then
    openssl rand -hex 12
  else
    head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n'
  fi
}

# cred_get NAME: the value of NAME in the credentials file, or nothing.
cred_get() {
  local f="$RENKEI_DB_CREDENTIALS_FILE"
  [ -r "$f" ] || return 0
  # shellcheck disable=SC1090
  (set +u; unset "$1"; . "$f" >/dev/null 2>&1 || true; printf '%s' "${!1:-}")
}

# cred_put PREFIX NAME=VALUE...: replace all PREFIX* lines of the credentials file
# with the given ones, atomically, mode 600.
cred_put() {
  local prefix="$1"; shift
  local f="$RENKEI_DB_CREDENTIALS_FILE" tmp kv name value
  mkdir -p "$(dirname "$f")"
  tmp="$(umask 077; mktemp "$f.XXXXXX")"
  {
    if [ -r "$f" ]; then grep -v "^${prefix}" "$f" | grep -v '^#' || true; fi
    for kv in "$@"; do
      name="${kv%%=*}"; value="${kv#*=}"
      value="${value//\'/\'\\\'\'}"   # ' -> '\''
      printf "%s='%s'\n" "$name" "$value"
    done
  } >"$tmp.body"
  { printf '# Renkei test-database credentials, written by .ci/start-*.sh. Do not commit.\n'
    sort "$tmp.body"; } >"$tmp"
  rm -f "$tmp.body"
  chmod 600 "$tmp"
  mv -f "$tmp" "$f"
}

# sql_quote_mysql / sql_quote_pg VALUE: VALUE as the inside of a single-quoted
# SQL string literal (MySQL treats backslash as an escape, PostgreSQL does not).
sql_quote_mysql() {
  local v="${1//\\/\\\\}"
  printf '%s' "${v//\'/\'\'}"
}
sql_quote_pg() {
  printf '%s' "${1//\'/\'\'}"
}

note_started_pid() {  # note_started_pid KIND PID
  if [ -n "${RENKEI_STARTED_PIDS_FILE:-}" ]; then
    printf '%s %s\n' "$1" "$2" >>"$RENKEI_STARTED_PIDS_FILE"
  fi
}
