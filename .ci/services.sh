#!/usr/bin/env bash
# Starts the optional services the storage and scale-out tests use:
#   PostgreSQL (Debian's package): postgres://negotiation:negotiation@127.0.0.1:5432/negotiation_test
#   Redis (Debian's redis-server) on 127.0.0.1:6379
# Installs them with apt-get when missing (as root, or through sudo). Safe to run any number of times.
# Never fails the build: tests skip, with the reason, whatever is not reachable.
set -uo pipefail
export DEBIAN_FRONTEND=noninteractive
cd /
SUDO=''
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO='sudo -n'; else echo "services: not root and no sudo; only starting what is installed"; fi
fi
updated=0
apt_install() {
  if [ "$updated" = 0 ]; then $SUDO apt-get update -qq || true; updated=1; fi
  $SUDO apt-get install -y -qq "$@" >/dev/null
}
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ "$(id -u)" = 0 ] && command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"
  elif [ -n "$SUDO" ]; then $SUDO -u postgres "$@"
  else echo "services: cannot act as the postgres user" >&2; return 1; fi
}

# --- PostgreSQL ---
if ! command -v pg_lsclusters >/dev/null 2>&1; then apt_install postgresql || echo "services: could not install postgresql"; fi
if command -v pg_lsclusters >/dev/null 2>&1; then
  cluster=$(pg_lsclusters -h 2>/dev/null | head -1)
  if [ -z "$cluster" ]; then
    ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
    $SUDO pg_createcluster "$ver" main >/dev/null && cluster=$(pg_lsclusters -h | head -1)
  fi
  if [ -n "$cluster" ]; then
    read -r ver name port status _ <<<"$cluster"
    case "$status" in online*) ;; *) $SUDO pg_ctlcluster "$ver" "$name" start || echo "services: postgresql did not start" ;; esac
    for _ in $(seq 1 40); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.5; done
    psql_su() { as_postgres psql -p "$port" -v ON_ERROR_STOP=1 -qAt -c "$1"; }
    if pg_isready -q -h 127.0.0.1 -p "$port"; then
      if [ "$(psql_su "SELECT 1 FROM pg_roles WHERE rolname='negotiation'")" = 1 ]; then
        psql_su "ALTER ROLE negotiation LOGIN PASSWORD 'negotiation'"
      else
        psql_su "CREATE ROLE negotiation LOGIN PASSWORD 'negotiation'"
      fi
      if [ "$(psql_su "SELECT 1 FROM pg_database WHERE datname='negotiation_test'")" != 1 ]; then
        psql_su "CREATE DATABASE negotiation_test OWNER negotiation"
      fi
      if PGPASSWORD=negotiation psql -h 127.0.0.1 -p "$port" -U negotiation -d negotiation_test -qAtc 'SELECT 1' >/dev/null 2>&1; then
        echo "services: PostgreSQL ready on port $port (PG_TEST_URL=postgres://negotiation:negotiation@127.0.0.1:$port/negotiation_test)"
      else
        echo "services: PostgreSQL is running but the negotiation role cannot log in over TCP (check pg_hba.conf)"
      fi
    else
      echo "services: PostgreSQL is not accepting connections on port $port"
    fi
  fi
fi

# --- Redis ---
if ! command -v redis-server >/dev/null 2>&1; then apt_install redis-server || echo "services: could not install redis-server"; fi
if command -v redis-server >/dev/null 2>&1; then
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no --dir /tmp >/dev/null
    for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.25; done
  fi
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then echo "services: Redis ready on 127.0.0.1:6379 (REDIS_TEST_URL=redis://127.0.0.1:6379)"
  else echo "services: Redis did not start"; fi
fi
exit 0
