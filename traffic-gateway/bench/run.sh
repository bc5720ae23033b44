#!/usr/bin/env bash
# Traffic-gateway benchmarks on loopback: direct vs through the gateway vs through nginx (throughput, p50,
# p99), added p99 at a fixed 1,000 req/s, the cost of 100 % shadowing on the primary's p99, 10 vs 10,000
# routes, and the propagation delay of weight changes between two replicas.
#
# Usage: traffic-gateway/bench/run.sh [seconds-per-run]   (default 20; every run is bounded by it)
# Needs: wrk, nginx, psql (installed with apt-get when missing), JDK 25 (JAVA_HOME). Traffic goes to
# 127.0.0.1 only. Results: traffic-gateway/target/bench/results.md, raw wrk output beside it.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
MODULE=$(dirname "$HERE")
ROOT=$(dirname "$MODULE")
SECONDS_PER_RUN=${1:-20}
OUT=$MODULE/target/bench
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
TOKEN=bench-token
PG_PORT=15432
BACKEND=http://127.0.0.1:18080
NGINX=http://127.0.0.1:18081
SHADOW=http://127.0.0.1:18082
GATEWAY=http://127.0.0.1:18000
ADMIN=http://127.0.0.1:18086

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need nginx || ! need psql; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light postgresql-client >/dev/null
fi

rm -rf "$OUT" && mkdir -p "$OUT/nginx"
echo "building the gateway (tests skipped)"
(cd "$ROOT" && ./mvnw -q -B -pl traffic-gateway install -DskipTests -Dspotless.check.skip=true \
    && ./mvnw -q -B -pl traffic-gateway dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$OUT/test.classpath")
JAR=$(ls "$MODULE"/target/traffic-gateway-*-exec.jar)

STARTED=()
cleanup() {
    nginx -p "$OUT/nginx" -c nginx.conf -e "$OUT/nginx/error.log" -s quit 2>/dev/null || true
    for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

cp "$HERE/nginx.conf" "$OUT/nginx/nginx.conf"
nginx -p "$OUT/nginx" -c nginx.conf -e "$OUT/nginx/error.log"

"$JAVA" -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$OUT/test.classpath")" \
    dev.runway.gateway.bench.BenchDatabase "$PG_PORT" "$OUT/pg" >"$OUT/postgres.log" 2>&1 &
STARTED+=($!)
for _ in $(seq 1 60); do grep -q READY "$OUT/postgres.log" && break; sleep 1; done
grep -q READY "$OUT/postgres.log" || { echo "PostgreSQL did not start"; cat "$OUT/postgres.log"; exit 1; }

PLATFORM_DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/runway PLATFORM_DB_USER=runway_app \
    PLATFORM_DB_PASSWORD=runway_app PLATFORM_INTERNAL_TOKEN=$TOKEN \
    GATEWAY_TRAFFIC_PORT=18000 GATEWAY_ADMIN_PORT=18086 \
    "$JAVA" -Xms512m -Xmx512m -jar "$JAR" --runway.gateway.traffic-host=127.0.0.1 >"$OUT/gateway.log" 2>&1 &
STARTED+=($!)
for _ in $(seq 1 90); do curl -sf "$ADMIN/actuator/health" >/dev/null && break; sleep 1; done

admin() { # method path [json]
    curl -sf -X "$1" -H "X-Runway-Internal-Token: $TOKEN" -H "X-Runway-Actor: bench" \
        -H "Content-Type: application/json" ${3:+-d "$3"} "$ADMIN$2" >/dev/null
}
sql() { PGPASSWORD=runway_app psql -q -h 127.0.0.1 -p "$PG_PORT" -U runway_app runway -c "$1" >/dev/null; }

admin POST /api/v1/routes \
    "{\"id\":\"bench\",\"pathPrefix\":\"/api\",\"stable\":[\"$BACKEND\"],\"stickiness\":{\"source\":\"HEADER\",\"name\":\"X-User-Id\"}}"

to_ms() { # wrk prints 812.00us, 1.23ms or 1.02s
    awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); printf "%.3f", v/1000}
          else if (v ~ /ms$/) {sub(/ms$/,"",v); printf "%.3f", v}
          else if (v ~ /s$/) {sub(/s$/,"",v); printf "%.3f", v*1000} else print v}' <<<"$1"
}
RESULTS="$OUT/results.md"
RUNS="$OUT/runs.tsv"
: >"$RUNS"
echo "| run | command | req/s | p50 ms | p99 ms |" >"$RESULTS"
echo "|---|---|---|---|---|" >>"$RESULTS"
bench() { # kind round url [wrk options...]
    local kind=$1 round=$2 url=$3; shift 3
    local cmd="wrk $* --latency $url/api/price?sku=A"
    local raw="$OUT/$kind-$round.txt"
    echo "== $kind (round $round): $cmd"
    wrk "$@" --latency "$url/api/price?sku=A" >"$raw"
    local rps p50 p99
    rps=$(awk '/Requests\/sec/ {print $2}' "$raw")
    p50=$(to_ms "$(awk '$1=="50%" {print $2}' "$raw")")
    p99=$(to_ms "$(awk '$1=="99%" {print $2}' "$raw")")
    printf '%s\t%s\t%s\t%s\n' "$kind" "$rps" "$p50" "$p99" >>"$RUNS"
    echo "| $kind #$round | \`$cmd\` | $rps | $p50 | $p99 |" | tee -a "$RESULTS"
}
MAX=(-t2 -c64 -d"${SECONDS_PER_RUN}s")
PACED=(-t1 -c10 -d"${SECONDS_PER_RUN}s" -s "$HERE/paced.lua")
export RATE=1000 CONNECTIONS=10
ROUNDS=3

echo "== warm-up (JIT) of the gateway, with and without shadowing, and of nginx"
admin PUT /api/v1/routes/bench/shadow "{\"upstream\":\"$SHADOW\",\"percent\":100}"
wrk -t2 -c64 -d15s "$GATEWAY/api/price?sku=A" >/dev/null
admin DELETE /api/v1/routes/bench/shadow
wrk -t2 -c64 -d15s "$GATEWAY/api/price?sku=A" >/dev/null
wrk -t2 -c64 -d5s "$NGINX/api/price?sku=A" >/dev/null

# Rounds interleave the variants so that load from elsewhere on the machine hits all of them alike; the
# summary takes the median of the rounds.
for round in $(seq 1 $ROUNDS); do
    bench direct-max "$round" "$BACKEND" "${MAX[@]}"
    bench nginx-max "$round" "$NGINX" "${MAX[@]}"
    bench gateway-max "$round" "$GATEWAY" "${MAX[@]}"
done
for round in $(seq 1 $ROUNDS); do
    bench direct-1000rps "$round" "$BACKEND" "${PACED[@]}"
    bench nginx-1000rps "$round" "$NGINX" "${PACED[@]}"
    bench gateway-1000rps "$round" "$GATEWAY" "${PACED[@]}"
    admin PUT /api/v1/routes/bench/shadow "{\"upstream\":\"$SHADOW\",\"percent\":100}"
    bench gateway-shadow100-1000rps "$round" "$GATEWAY" "${PACED[@]}"
    admin DELETE /api/v1/routes/bench/shadow
done

bulk() { # total routes wanted (the bench route included)
    sql "DELETE FROM traffic.routes WHERE id LIKE 'bulk-%';
         INSERT INTO traffic.routes (id, spec)
         SELECT 'bulk-' || g, jsonb_build_object('id', 'bulk-' || g, 'pathPrefix', '/bulk-' || g,
                'stable', jsonb_build_array('$BACKEND'))
         FROM generate_series(1, $1 - 1) AS g;
         SELECT pg_notify('traffic_changes', 'all');"
    for _ in $(seq 1 30); do
        curl -sf "$ADMIN/actuator/health" | grep -Eq "\"routes\":$1[,}]" && return 0
        sleep 1
    done
    echo "the gateway did not load $1 routes"; exit 1
}
for round in $(seq 1 $ROUNDS); do
    bulk 10
    bench routes-10-max "$round" "$GATEWAY" "${MAX[@]}"
    bulk 10000
    bench routes-10000-max "$round" "$GATEWAY" "${MAX[@]}"
done

{
    echo
    echo "Medians over $ROUNDS rounds:"
    echo
    echo "| variant | req/s | p50 ms | p99 ms |"
    echo "|---|---|---|---|"
    for kind in $(cut -f1 "$RUNS" | awk '!seen[$0]++'); do
        median() { awk -F'\t' -v k="$kind" -v c="$1" '$1==k {print $c}' "$RUNS" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
        echo "| $kind | $(median 2) | $(median 3) | $(median 4) |"
    done
} | tee -a "$RESULTS"

echo "== propagation of weight changes between two replicas (100 changes)"
(cd "$ROOT" && ./mvnw -q -B -pl traffic-gateway test -Dtest=PropagationBenchmark \
    -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true >/dev/null)
cp "$MODULE/target/propagation-benchmark.txt" "$OUT/" 2>/dev/null || true
cat "$OUT/propagation-benchmark.txt" | tee -a "$RESULTS"

echo
echo "nproc: $(nproc); $(wrk --version 2>&1 | head -1); $(nginx -v 2>&1)" | tee -a "$RESULTS"
echo "results: $RESULTS"
