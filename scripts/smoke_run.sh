#!/usr/bin/env bash
# Start `make run` from this checkout, wait for /health/ready/ to be all "ok", log in as the
# demo user, then stop everything. Used by CI; handy after changing the Procfile.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${SMOKE_PORT:-8765}"
redis_port="${SMOKE_REDIS_PORT:-6395}"
workdir="$(mktemp -d)"
log="$workdir/run.log"
export SMOKE_DB="$workdir/smoke.sqlite3"

env -u DATABASE_URL -u REDIS_URL DATABASE_URL="sqlite:///$SMOKE_DB" \
  setsid make run PORT="$port" EMBEDDED_REDIS_PORT="$redis_port" >"$log" 2>&1 &
pid=$!
cleanup() { kill -TERM -- "-$pid" 2>/dev/null || true; sleep 2; kill -KILL -- "-$pid" 2>/dev/null || true; }
trap cleanup EXIT

started=$(date +%s)
status=""
while [ $(( $(date +%s) - started )) -lt 180 ]; do
  status=$(curl -s -o "$workdir/ready.json" -w '%{http_code}' "http://127.0.0.1:$port/health/ready/" || true)
  if [ "$status" = "200" ]; then break; fi
  sleep 2
done
elapsed=$(( $(date +%s) - started ))
if [ "$status" != "200" ]; then
  echo "smoke: /health/ready/ did not answer 200 (last: $status) after ${elapsed}s"
  cat "$workdir/ready.json" 2>/dev/null || true
  tail -50 "$log"
  exit 1
fi
echo "smoke: ready after ${elapsed}s (includes install, migrate and seed): $(cat "$workdir/ready.json")"

DATABASE_URL="sqlite:///$SMOKE_DB" PORT="$port" python3 scripts/smoke_login.py
echo "smoke: demo login works"
