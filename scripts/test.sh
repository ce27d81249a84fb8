#!/usr/bin/env bash
# Run rasid's whole test suite on a fresh Debian machine: installs what the tests need (Debian chromium for the
# browser tests, PostgreSQL for the postgres store), starts a PostgreSQL server, installs rasid with its
# dev extras into .venv, then runs ruff, mypy and pytest. Safe to run again: every step is idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /usr/lib/postgresql ] || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing Debian packages: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "== python environment (.venv)"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
# torch (the net's training test) as the CPU wheel, before the extras ask for it: plain torch pulls CUDA
.venv/bin/python -m pip install -q torch==2.13.0 2>&1 | grep -vE 'WARNING: Location|^\s*$' || true
.venv/bin/python -m pip install -q -e '.[dev]' 2>&1 | grep -vE 'WARNING: Location|^\s*$' || true

echo "== PostgreSQL (for the postgres store tests)"
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q " online "; then
  pg_lsclusters -h | grep -q "^$ver main" || $SUDO pg_createcluster "$ver" main >/dev/null
  $SUDO pg_ctlcluster "$ver" main start
fi
port=$(pg_lsclusters -h | awk '$4=="online"{print $3; exit}')
as_pg="sudo -u postgres"
[ "$(id -u)" = 0 ] && as_pg="runuser -u postgres --"
$as_pg psql -q -p "$port" -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='rasid')
  THEN CREATE ROLE rasid LOGIN PASSWORD 'rasid' CREATEDB; END IF; END\$\$;" >/dev/null
export RASID_TEST_PG="postgresql://rasid:rasid@127.0.0.1:$port/postgres"

echo "== lint and types"
.venv/bin/ruff check .
.venv/bin/mypy

echo "== tests"
export RASID_CACHE="${RASID_CACHE:-$PWD/.cache/rasid}"
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
