#!/usr/bin/env bash
# Cold start and resident memory of the six services, as a user gets them from `./platform up`.
#   bench/startup.sh [runs]        (default 3)
# Each run uses a fresh state folder (new embedded database, fresh JVMs), measures wall time from launching
# the runner to "Runway is up", waits 10 s, sums the resident memory of the six service JVMs, then stops.
# Run 1 starts right after a build: it unpacks the jars and its JVMs write their class-data archives;
# later runs map those archives, as every start after the first does.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
offset="${PLATFORM_PORT_OFFSET:-3000}"
"$ROOT/platform" build >/dev/null
for module in platform-api flag-service/flag-server rollout-controller/controller slo-engine chaos-service traffic-gateway; do
  rm -rf "$ROOT/$module/target/runway-launch"
done
export PLATFORM_SKIP_BUILD=1

printf '| run | cold start (s) | services RSS (MiB) | PostgreSQL RSS (MiB) |\n|---|---|---|---|\n'
for run in $(seq 1 "$runs"); do
  state="$(mktemp -d)"
  log="$state/up.out"
  start=$(date +%s.%N)
  PLATFORM_STATE_DIR="$state" PLATFORM_PORT_OFFSET="$offset" "$ROOT/platform" up >"$log" 2>&1 &
  runner=$!
  for _ in $(seq 1 600); do
    grep -q 'Runway is up in' "$log" && break
    kill -0 "$runner" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  end=$(date +%s.%N)
  sleep 10
  pids=$(grep '^pid\.' "$state/run.properties" | cut -d= -f2 | paste -sd, -)
  services=$(ps -o rss= -p "$pids" | awk '{s+=$1} END {printf "%.0f", s/1024}')
  pg=$(ps -eo rss=,args= | grep "$state/pgdata" | grep -v grep | awk '{s+=$1} END {printf "%.0f", s/1024}')
  pg_children=$(pgrep -P "$(head -1 "$state/pgdata/postmaster.pid")" | paste -sd, - || true)
  [ -n "$pg_children" ] && pg=$((pg + $(ps -o rss= -p "$pg_children" | awk '{s+=$1} END {printf "%.0f", s/1024}')))
  printf '| %d | %.1f | %s | %s |\n' "$run" "$(awk "BEGIN {print $end - $start}")" "$services" "$pg"
  PLATFORM_STATE_DIR="$state" PLATFORM_PORT_OFFSET="$offset" "$ROOT/platform" down >/dev/null
  wait "$runner" 2>/dev/null || true
  rm -rf "$state"
done
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load before the last run: $(cut -d' ' -f1-3 /proc/loadavg)"
