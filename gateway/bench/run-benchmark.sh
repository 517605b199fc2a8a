#!/usr/bin/env bash
# The gateway benchmark (a program, not a test): the same requests direct to a service, through nginx as a
# plain reverse proxy, and through the gateway (token verified, revocation checked, rate limited, logged as
# metrics), in one run. Prints added latency p50/p99 and throughput. See docs/benchmarks.md.
#
#   ./mvnw -o -pl gateway package -DskipTests      # once: the gateway jar and the benchmark classes
#   gateway/bench/run-benchmark.sh                 # DURATION=20s CONNECTIONS=32 ROUNDS=2 to change
#   GATEWAY_JAVA_OPTS="-Dquarkus.vertx.event-loops-pool-size=2" gateway/bench/run-benchmark.sh   # JVM/Quarkus options
#
# Needs: wrk, nginx (apt-get install -y wrk nginx), the devstack's Kafka (the gateway follows revocations).
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
PATH_UNDER_TEST=/api/v1/matters/4f9c1d2e-0b7a-4c55-9d0e-3b1f2a6c7d88
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

cd "$ROOT"
if [ ! -f gateway/target/quarkus-app/quarkus-run.jar ] || [ ! -d gateway/target/test-classes/dev/lexguard/gateway/benchmark ]; then
    echo "build first: ./mvnw -o -pl gateway package -DskipTests" >&2
    exit 1
fi
rm -rf "$WORK" && mkdir -p "$WORK"
./mvnw -o -q -pl gateway dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test >/dev/null
CP="gateway/target/test-classes:gateway/target/classes:$(cat "$WORK/classpath.txt")"

java -Xmx256m -cp "$CP" dev.lexguard.gateway.benchmark.BenchmarkUpstream "$UPSTREAM_PORT" "$WORK/token" >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)

cat >"$WORK/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    upstream service { server 127.0.0.1:$UPSTREAM_PORT; keepalive 64; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://service;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-Forwarded-For \$remote_addr;
        }
    }
}
EOF
nginx -c "$WORK/nginx.conf" -p "$WORK" &
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

# wrk --latency prints "50%  123.45us"; this prints p50 p99 (ms) and requests/s
measure() {
    local port=$1 threads=$2 connections=$3
    wrk -t"$threads" -c"$connections" -d"$DURATION" --latency -H "$AUTH" "http://127.0.0.1:$port$PATH_UNDER_TEST" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Requests/sec:" { rps = $2 }
        / Non-2xx/ { bad = $NF }
        END { if (bad != "") { print "NON-2XX " bad > "/dev/stderr" } printf "%.3f %.3f %.0f\n", p50, p99, rps }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "warming up (JIT) ..."
for port in $UPSTREAM_PORT $NGINX_PORT $GATEWAY_PORT; do
    wrk -t2 -c"$CONNECTIONS" -d10s -H "$AUTH" "http://127.0.0.1:$port$PATH_UNDER_TEST" >/dev/null
done

printf "\n%-6s %-9s %-32s %10s %10s %12s\n" round target mode p50_ms p99_ms req_per_s
for round in $(seq 1 "$ROUNDS"); do
    for mode in "latency 1 1" "throughput 2 $CONNECTIONS"; do
        set -- $mode
        for target in direct:$UPSTREAM_PORT nginx:$NGINX_PORT gateway:$GATEWAY_PORT; do
            name=${target%%:*}; port=${target##*:}
            read -r p50 p99 rps < <(measure "$port" "$2" "$3")
            printf "%-6s %-9s %-32s %10s %10s %12s\n" "$round" "$name" "$1 (-t$2 -c$3, $DURATION)" "$p50" "$p99" "$rps"
            echo "$round $name $1 $p50 $p99 $rps" >>"$WORK/results.txt"
        done
    done
done

echo
echo "Added by each proxy (median over rounds of: proxy minus direct in the same round)"
awk '
    function median(arr, n,    i, j, t) {
        for (i = 2; i <= n; i++) { t = arr[i]; for (j = i - 1; j >= 1 && arr[j] > t; j--) arr[j + 1] = arr[j]; arr[j + 1] = t }
        return arr[int((n + 1) / 2)]
    }
    { key = $1 " " $3; v[key " " $2 " p50"] = $4; v[key " " $2 " p99"] = $5; v[key " " $2 " rps"] = $6; rounds[$1] = 1; modes[$3] = 1 }
    END {
        split("nginx gateway", proxies, " ")
        for (m in modes) {
            for (i = 1; i <= 2; i++) {
                px = proxies[i]; n = 0
                for (r in rounds) {
                    k = r " " m
                    d50[++n] = v[k " " px " p50"] - v[k " direct p50"]
                    d99[n] = v[k " " px " p99"] - v[k " direct p99"]
                    ratio[n] = 100 * v[k " " px " rps"] / v[k " direct rps"]
                }
                printf "%-10s %-8s added p50 %7.3f ms  added p99 %7.3f ms  throughput %5.1f%% of direct\n", m, px, median(d50, n), median(d99, n), median(ratio, n)
            }
        }
    }' "$WORK/results.txt"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "raw results: $WORK/results.txt; logs: $WORK/*.log"
