#!/usr/bin/env bash
# Starts the optional services the storage tests use when they are reachable:
#   PostgreSQL (Debian's package): postgres://negotiation:negotiation@127.0.0.1:5432/negotiation_test
#   Redis (Debian's redis-server) on 127.0.0.1:6379
# Installs them with apt-get when missing. Safe to run twice. Tests skip (with a message) what is not up.
set -uo pipefail
export DEBIAN_FRONTEND=noninteractive
updated=0
apt_install() {
  if [ "$updated" = 0 ]; then apt-get update -qq || true; updated=1; fi
  apt-get install -y -qq "$@" >/dev/null
}

# --- PostgreSQL ---
if ! command -v pg_ctlcluster >/dev/null 2>&1; then apt_install postgresql || echo "services: could not install postgresql"; fi
if command -v pg_lsclusters >/dev/null 2>&1; then
  cluster=$(pg_lsclusters -h 2>/dev/null | head -1)
  if [ -z "$cluster" ]; then
    ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
    pg_createcluster "$ver" main >/dev/null && cluster=$(pg_lsclusters -h | head -1)
  fi
  if [ -n "$cluster" ]; then
    read -r ver name port status _ <<<"$cluster"
    [ "$status" = online ] || pg_ctlcluster "$ver" "$name" start || echo "services: postgresql did not start"
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.5; done
    psql_su() { su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -qAt -c \"$1\""; }
    if [ "$(psql_su "SELECT 1 FROM pg_roles WHERE rolname='negotiation'")" != 1 ]; then
      psql_su "CREATE ROLE negotiation LOGIN PASSWORD 'negotiation'"
    fi
    if [ "$(psql_su "SELECT 1 FROM pg_database WHERE datname='negotiation_test'")" != 1 ]; then
      psql_su "CREATE DATABASE negotiation_test OWNER negotiation"
    fi
    echo "services: PostgreSQL ready on port $port (PG_TEST_URL=postgres://negotiation:negotiation@127.0.0.1:$port/negotiation_test)"
  fi
fi

# --- Redis ---
if ! command -v redis-server >/dev/null 2>&1; then apt_install redis-server || echo "services: could not install redis-server"; fi
if command -v redis-server >/dev/null 2>&1; then
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >/dev/null
    for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.25; done
  fi
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && echo "services: Redis ready on 127.0.0.1:6379"
fi
exit 0
