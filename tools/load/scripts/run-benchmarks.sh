#!/usr/bin/env bash
# Reproduces the figures of docs/PERFORMANCE.md: every scenario RUNS times, each run against a fresh
# SUPCHAT on a new SQLite file (start-supchat.sh) with the baseline measured in the same run, reports
# and charts in $OUT, then the medians (`npm run bench -- summarize`). On a shared machine each
# measurement first waits (up to WAIT_QUIET seconds) for other processes to leave the CPU.
#
#   tools/load/scripts/run-benchmarks.sh [idle] [fanout] [history] [storm] [profile]   (default: all)
#
# Environment: RUNS (3), OUT (tmp/bench), PORT (3300), WAIT_QUIET (600), and extra options per
# scenario in IDLE_ARGS, FANOUT_ARGS, STORM_ARGS, HISTORY_ARGS (e.g. FANOUT_ARGS="--duration 6").
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${RUNS:-3}
OUT=${OUT:-tmp/bench}
PORT=${PORT:-3300}
WAIT_QUIET=${WAIT_QUIET:-600}
if [ "$#" -gt 0 ]; then scenarios=("$@"); else scenarios=(idle fanout history storm profile); fi
export CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false NG_CLI_ANALYTICS=false
mkdir -p "$OUT"
npx nx build api
url="http://127.0.0.1:$PORT"
server_pid=

start_server() {
  server_pid=$(tools/load/scripts/start-supchat.sh "$PORT" "$@")
}

stop_server() {
  local signal=${1:-TERM}
  [ -n "$server_pid" ] || return 0
  kill "-$signal" "$server_pid" 2>/dev/null || true
  while kill -0 "$server_pid" 2>/dev/null; do sleep 0.2; done
  server_pid=
}
trap stop_server EXIT

bench() {
  npm run --silent bench -- "$@"
}

for scenario in "${scenarios[@]}"; do
  case "$scenario" in
    idle | fanout | storm)
      extra=()
      [ "$scenario" != storm ] && extra+=(--compare-baseline)
      args_var="${scenario^^}_ARGS"
      read -r -a more <<<"${!args_var:-}"
      extra+=("${more[@]}")
      for run in $(seq 1 "$RUNS"); do
        rm -f "$OUT/$scenario-$run.db"*
        start_server "$OUT/$scenario-$run.db"
        bench "$scenario" --url "$url" --server-pid "$server_pid" "${extra[@]}" --wait-quiet "$WAIT_QUIET" \
          --json "$OUT/$scenario-$run.json" --svg "$OUT/$scenario-$run.svg" | tee "$OUT/$scenario-$run.txt"
        stop_server
      done
      bench summarize --markdown "$OUT/$scenario"-[0-9]*.json | tee "$OUT/$scenario-summary.md"
      ;;
    history)
      [ -f "$OUT/history.db" ] || npm run --silent bench:seed-history -- --sqlite "$OUT/history.db" --messages 1000000
      start_server "$OUT/history.db"
      for run in $(seq 1 "$RUNS"); do
        read -r -a more <<<"${HISTORY_ARGS:-}"
        bench history --url "$url" --server-pid "$server_pid" --wait-quiet "$WAIT_QUIET" "${more[@]}" \
          --json "$OUT/history-$run.json" | tee "$OUT/history-$run.txt"
      done
      stop_server
      bench summarize --markdown "$OUT"/history-[0-9]*.json | tee "$OUT/history-summary.md"
      ;;
    profile)
      # The server under fan-out load, profiled with --cpu-prof; the table covers the last 40 s
      # (the measured load), the server being stopped right after the run.
      rm -rf "$OUT/profile" "$OUT/profile.db"*
      mkdir -p "$OUT/profile"
      start_server "$OUT/profile.db" --cpu-prof "--cpu-prof-dir=$OUT/profile" \
        --import ./tools/load/scripts/exit-on-sigusr2.mjs
      bench fanout --url "$url" --server-pid "$server_pid" --rate "${PROFILE_RATE:-400}" --duration 45 --warmup 3 \
        --wait-quiet "$WAIT_QUIET" --json "$OUT/profile/fanout.json" | tee "$OUT/profile/fanout.txt"
      stop_server USR2
      bench profile --last 40 --top 40 --markdown "$OUT"/profile/*.cpuprofile | tee "$OUT/profile/summary.md"
      ;;
    *)
      echo "unknown scenario $scenario" >&2
      exit 2
      ;;
  esac
done
