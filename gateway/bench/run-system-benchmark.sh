#!/usr/bin/env bash
# The gateway benchmark against a real service (a program, not a test; see docs/benchmarks.md): starts the whole
# system with its demo firm (./lexguard), signs in as the demo paralegal through the gateway, and sends the same
# authenticated reads direct to the owning service, through nginx as a plain reverse proxy to that service, and
# through the gateway. Prints added latency p50/p99 and throughput, like run-benchmark.sh (which uses a trivial
# in-memory upstream to show the proxies' own cost).
#
#   ./mvnw -o package -DskipTests                        # once, or let ./lexguard build
#   gateway/bench/run-system-benchmark.sh               # DURATION=12s CONNECTIONS=32 ROUNDS=3 to change
#   TARGET=feed gateway/bench/run-system-benchmark.sh   # the firm feed's first page instead of a matter
#
# Needs: wrk, nginx (apt-get install -y wrk nginx). Uses the ports of ./lexguard (8080-8085, devstack 15432/19092).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-/tmp/lexguard-system-bench}
DURATION=${DURATION:-12s}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-3}
TARGET=${TARGET:-matter}
NGINX_PORT=18282
PIDS=()
RUNNER=""

cleanup() {
    # the runner stops every service and the devstack on SIGTERM
    [ -n "$RUNNER" ] && kill "$RUNNER" 2>/dev/null && wait "$RUNNER" 2>/dev/null || true
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

cd "$ROOT"
. gateway/bench/lib.sh
rm -rf "$WORK" && mkdir -p "$WORK"

# C2 for every service (the runner's default stops at C1 for a quicker start); no per-user limit in the way; the
# gateway's access log off like nginx's (ACCESS_LOG_LEVEL=INFO to keep it)
LEXGUARD_JAVA_OPTS="-XX:TieredStopAtLevel=4 -Dquarkus.log.category.\"dev.lexguard.gateway.access\".level=${ACCESS_LOG_LEVEL:-WARN} ${SYSTEM_JAVA_OPTS:-}" \
    LEXGUARD_RATELIMIT_USER=1000000000 \
    ./lexguard >"$WORK/system.log" 2>&1 &
RUNNER=$!
for i in $(seq 1 600); do
    grep -q "Ctrl-C stops everything" "$WORK/system.log" && break
    kill -0 "$RUNNER" 2>/dev/null || { echo "./lexguard stopped:" >&2; tail -20 "$WORK/system.log" >&2; exit 1; }
    sleep 1
done
EMAIL=$(grep -o "cleo@[^ ]*" "$WORK/system.log" | head -1)
MATTER=$(grep -o "matter 2026-0001 [0-9a-f-]*" "$WORK/system.log" | awk '{print $3}')
curl -sf -X POST -H 'Content-Type: application/json' http://127.0.0.1:8080/api/v1/auth/login \
    -d "{\"email\":\"$EMAIL\",\"password\":\"brass compass morning fog\"}" >"$WORK/login.json"
TOKEN=$(sed 's/.*"accessToken":"\([^"]*\)".*/\1/' "$WORK/login.json")
AUTH="Authorization: Bearer $TOKEN"

case "$TARGET" in
    matter) SERVICE_PORT=8082; PATH_UNDER_TEST=/api/v1/matters/$MATTER ;;   # permissions-service, one row
    feed) SERVICE_PORT=8085; PATH_UNDER_TEST=/api/v1/feed ;;                # feed-service, first page (50 entries)
    *) echo "TARGET is matter or feed" >&2; exit 1 ;;
esac
start_nginx "$NGINX_PORT" "$SERVICE_PORT"
for i in $(seq 1 20); do curl -sf -H "$AUTH" "http://127.0.0.1:$NGINX_PORT$PATH_UNDER_TEST" >/dev/null && break; sleep 0.5; done
for port in "$SERVICE_PORT" "$NGINX_PORT" 8080; do
    curl -sf -o /dev/null -H "$AUTH" "http://127.0.0.1:$port$PATH_UNDER_TEST" || { echo "port $port refused the request" >&2; exit 1; }
done
# the services' start-up compilation and the demo's sign-ins (Argon2) settle first
sleep "${SETTLE:-45}"
echo "$TARGET: GET $PATH_UNDER_TEST as $EMAIL ($(curl -s -o /dev/null -w '%{size_download}' -H "$AUTH" \
    "http://127.0.0.1:$SERVICE_PORT$PATH_UNDER_TEST") bytes)"

run_rounds "direct=http://127.0.0.1:$SERVICE_PORT$PATH_UNDER_TEST" "nginx=http://127.0.0.1:$NGINX_PORT$PATH_UNDER_TEST" \
    "gateway=http://127.0.0.1:8080$PATH_UNDER_TEST"
summarize
