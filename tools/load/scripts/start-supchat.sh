#!/usr/bin/env bash
# Starts the built SUPCHAT (dist/apps/api/main.mjs) for a benchmark on a fresh SQLite file and waits
# until it answers /health/live; prints its pid. Extra arguments go to node (e.g. --cpu-prof).
#   tools/load/scripts/start-supchat.sh <port> <sqlite file> [node options...]
# Settings: production mode, warn-level logs, the default limits (10 messages/s per user), and 2 h
# access tokens because the load tool does not refresh tokens during a long sweep.
set -euo pipefail
port=$1
sqlite=$2
shift 2
cd "$(dirname "$0")/../../.."
mkdir -p "$(dirname "$sqlite")"
env PORT="$port" HOST=127.0.0.1 SQLITE_PATH="$sqlite" NODE_ENV=production LOG_LEVEL=warn \
  JWT_SECRET="load-test-secret-0123456789abcdef0123456789" JWT_ACCESS_TTL=2h \
  node_modules/.bin/node "$@" dist/apps/api/main.mjs >"$sqlite.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:$port/health/live" >/dev/null; then
    echo "$pid"
    exit 0
  fi
  sleep 0.2
done
echo "SUPCHAT did not start on port $port; see $sqlite.log" >&2
kill "$pid" 2>/dev/null || true
exit 1
