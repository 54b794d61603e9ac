#!/usr/bin/env bash
# Real-browser tests: a real Parley server on its own database, driven through Debian's Chromium
# by frontend/e2e (playwright-core). The database is made here and dropped afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
PY=${PY:-.venv/bin/python}
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
# frontend/e2e/loader.mjs serves host pages of two other origins: one allowed, one refused.
host_port=$(free_port)
refused_port=$(free_port)
server=${TEST_DATABASE_SERVER:-mysql://root@127.0.0.1:3306}
export DATABASE_URL="$server/parley_e2e_$(date +%s)_$$"
export PORT=$port HOST=127.0.0.1 SEED_DEMO_USERS=true RATE_LIMITS=off PARLEY_ENV=local LOG_LEVEL=warning
export ALLOWED_ORIGINS="http://127.0.0.1:$port,http://127.0.0.1:$host_port"
export IDENTITY_SECRET="e2e-identity-secret-$$"
# frontend/e2e/files.mjs points a webhook at a receiver on a loopback port.
export WEBHOOK_ALLOWED_NETWORKS=127.0.0.0/8
# frontend/e2e/widget-offline.mjs mails the visitor and the team: a local inbox (app/maildev.py).
mail_dir=$(mktemp -d -t parley-e2e-mail.XXXXXX)
export MAIL_DEV=1 MAIL_DEV_DIR=$mail_dir
log=$(mktemp -t parley-e2e-server.XXXXXX.log)

cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$mail_dir"
  (cd "$root/backend" && "../$PY" -c 'from app.config import get_settings; from app.manage import drop_database; drop_database(get_settings().db)') || true
}
trap cleanup EXIT

(cd backend && "../$PY" -m app.manage create-db >/dev/null && "../$PY" -m app.manage migrate >/dev/null)
(cd backend && exec "../$PY" -m app.serve) >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.2
done

status=0
(cd frontend && PARLEY_URL="http://127.0.0.1:$port" E2E_HOST_PORT=$host_port E2E_REFUSED_PORT=$refused_port \
  E2E_IDENTITY_SECRET=$IDENTITY_SECRET npm run --silent e2e) || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- server log (last 60 lines) ---"; tail -n 60 "$log"
fi
rm -f "$log"
exit "$status"
