#!/usr/bin/env bash
# The gateway benchmark (a program, not a test): the same requests direct to a service, through nginx as a
# plain reverse proxy, and through the gateway (token verified, revocation checked, rate limited, logged as
# metrics), in one run; and through a bare Vert.x pipe without any checks (BareVertxProxy), the floor for a proxy
# built on Vert.x/Netty. Prints added latency p50/p99 and throughput. See docs/benchmarks.md.
#
#   ./mvnw -o -pl gateway package -DskipTests      # once: the gateway jar and the benchmark classes
#   gateway/bench/run-benchmark.sh                 # DURATION=20s CONNECTIONS=32 ROUNDS=2 to change
#   GATEWAY_JAVA_OPTS="-Dquarkus.vertx.event-loops-pool-size=2" gateway/bench/run-benchmark.sh   # JVM/Quarkus options
#
# Needs: wrk, nginx (apt-get install -y wrk nginx), the devstack's Kafka (the gateway follows revocations).
# gateway/bench/run-system-benchmark.sh measures the same against a real service of the running system.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-/tmp/lexguard-gateway-bench}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-2}
UPSTREAM_PORT=18181
NGINX_PORT=18182
GATEWAY_PORT=18183
MANAGEMENT_PORT=18184
BARE_PORT=18185
PATH_UNDER_TEST=/api/v1/matters/4f9c1d2e-0b7a-4c55-9d0e-3b1f2a6c7d88
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

cd "$ROOT"
. gateway/bench/lib.sh
if [ ! -f gateway/target/quarkus-app/quarkus-run.jar ] || [ ! -d gateway/target/test-classes/dev/lexguard/gateway/benchmark ]; then
    echo "build first: ./mvnw -o -pl gateway package -DskipTests" >&2
    exit 1
fi
rm -rf "$WORK" && mkdir -p "$WORK"
./mvnw -o -q -pl gateway dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test >/dev/null
CP="gateway/target/test-classes:gateway/target/classes:$(cat "$WORK/classpath.txt")"

java -Xmx256m -cp "$CP" dev.lexguard.gateway.benchmark.BenchmarkUpstream "$UPSTREAM_PORT" "$WORK/token" >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)
# the gateway reads the JWKS from it at start-up
for i in $(seq 1 60); do grep -q BENCHMARK_UPSTREAM_READY "$WORK/upstream.log" 2>/dev/null && break; sleep 0.5; done

start_nginx "$NGINX_PORT" "$UPSTREAM_PORT"
# "vertx": a bare Vert.x pipe (no checks at all), the floor for any proxy on Vert.x/Netty
java -Xmx256m -cp "$CP" dev.lexguard.gateway.benchmark.BareVertxProxy "$BARE_PORT" "$UPSTREAM_PORT" >"$WORK/vertx.log" 2>&1 &
PIDS+=($!)

UP="http://127.0.0.1:$UPSTREAM_PORT"
# lexguard-web insists on a paging-cursor key in prod; the gateway issues no cursors
LEXGUARD_WEB_CURSOR_SECRET=$(head -c 48 /dev/urandom | base64) \
java -Xmx512m ${GATEWAY_JAVA_OPTS:-} \
    -Dquarkus.http.port=$GATEWAY_PORT -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.management.port=$MANAGEMENT_PORT -Dquarkus.management.host=127.0.0.1 \
    -Dlexguard.gateway.upstreams.identity.url=$UP -Dlexguard.gateway.upstreams.permissions.url=$UP \
    -Dlexguard.gateway.upstreams.sharing.url=$UP -Dlexguard.gateway.upstreams.sessions.url=$UP \
    -Dlexguard.gateway.upstreams.feed.url=$UP \
    -Dlexguard.gateway.tokens.issuer=https://identity.lexguard.test \
    -Dlexguard.gateway.ratelimit.user.requests=1000000000 \
    -Dquarkus.log.category.\"dev.lexguard.gateway.access\".level=${ACCESS_LOG_LEVEL:-WARN} \
    -jar gateway/target/quarkus-app/quarkus-run.jar >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)

for i in $(seq 1 120); do
    if [ -f "$WORK/token" ] && curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1 \
        && curl -sf "http://127.0.0.1:$NGINX_PORT$PATH_UNDER_TEST" >/dev/null 2>&1; then
        break
    fi
    sleep 0.5
done
TOKEN=$(cat "$WORK/token")
AUTH="Authorization: Bearer $TOKEN"
curl -sf -H "$AUTH" "http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST" >/dev/null || { echo "gateway refused the benchmark token" >&2; tail -20 "$WORK/gateway.log" >&2; exit 1; }

run_rounds "direct=http://127.0.0.1:$UPSTREAM_PORT$PATH_UNDER_TEST" "nginx=http://127.0.0.1:$NGINX_PORT$PATH_UNDER_TEST" \
    "vertx=http://127.0.0.1:$BARE_PORT$PATH_UNDER_TEST" "gateway=http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST"
summarize
