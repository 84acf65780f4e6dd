#!/usr/bin/env bash
# CI: the offline release, unpacked into an empty directory, starts against PostgreSQL with only an env file
# and answers /healthz; then SIGTERM stops it cleanly. Usage: scripts/release-check.sh <tarball> <postgres url>
set -euo pipefail
tarball=$(realpath "$1")
admin_url="$2"
db="qm_release_check_$$"
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  psql "$admin_url" -qc "drop database if exists $db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql "$admin_url" -qc "create database $db"
tar -C "$work" -xzf "$tarball"
app=$(echo "$work"/qingmiao-*)
cat >"$app/.env" <<ENV
DATABASE_URL=${admin_url%/*}/$db
FEISHU_MODE=webhook
FEISHU_APP_ID=cli_a000000000000001
FEISHU_APP_SECRET=release-check-secret
FEISHU_ENCRYPT_KEY=release-check-encrypt-key
HOST=127.0.0.1
PORT=$port
LOG_LEVEL=warn
ENV
# No registry, no dev tools: an empty PATH apart from node itself, and npm's cache pointed nowhere.
(cd "$app" && exec env -i PATH="$(dirname "$(command -v node)")" HOME="$work" npm_config_offline=true \
  node scripts/start.mjs >"$work/bot.log" 2>&1) &
pid=$!
for _ in $(seq 1 90); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >"$work/health.json" 2>/dev/null; then break; fi
  kill -0 "$pid" 2>/dev/null || { cat "$work/bot.log"; echo "release did not start"; exit 1; }
  sleep 0.5
done
grep -q '"status":"ok"' "$work/health.json" || { cat "$work/bot.log"; echo "no /healthz"; exit 1; }
grep -q '"driver":"postgres"' "$work/health.json"
echo "healthz: $(cat "$work/health.json")"
kill -TERM "$pid"
for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$pid" 2>/dev/null; then cat "$work/bot.log"; echo "did not stop on SIGTERM"; exit 1; fi
wait "$pid" || { cat "$work/bot.log"; echo "non-zero exit after SIGTERM"; exit 1; }
pid=""
echo "release check passed"
