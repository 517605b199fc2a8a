# Shared by the gateway benchmarks (sourced, not run): nginx as a plain reverse proxy, one wrk measurement, the
# table of rounds and the summary of what each proxy adds. Needs WORK, DURATION, ROUNDS, CONNECTIONS and AUTH set.

# start_nginx LISTEN_PORT UPSTREAM_PORT: Debian's nginx, 2 workers, upstream keep-alive, no access log
start_nginx() {
    cat >"$WORK/nginx.conf" <<NGINX
worker_processes 2;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    upstream service { server 127.0.0.1:$2; keepalive 64; }
    server {
        listen 127.0.0.1:$1;
        location / {
            proxy_pass http://service;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-Forwarded-For \$remote_addr;
        }
    }
}
NGINX
    nginx -c "$WORK/nginx.conf" -p "$WORK" &
    PIDS+=($!)
}

# measure URL THREADS CONNECTIONS: wrk --latency prints "50%  123.45us"; this prints p50 p99 (ms) and requests/s
measure() {
    local url=$1 threads=$2 connections=$3
    wrk -t"$threads" -c"$connections" -d"$DURATION" --latency -H "$AUTH" "$url" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Requests/sec:" { rps = $2 }
        / Non-2xx/ { bad = $NF }
        END { if (bad != "") { print "NON-2XX " bad > "/dev/stderr" } printf "%.3f %.3f %.0f\n", p50, p99, rps }'
}

# run_rounds NAME=URL ...: the first is "direct"; warms each target up, then ROUNDS rounds of every target in two modes
run_rounds() {
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
    echo "warming up (JIT) ..."
    local target
    for target in "$@"; do
        wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-10s}" -H "$AUTH" "${target#*=}" >/dev/null
    done
    printf "\n%-6s %-9s %-32s %10s %10s %12s\n" round target mode p50_ms p99_ms req_per_s
    local round mode label threads connections p50 p99 rps
    for round in $(seq 1 "$ROUNDS"); do
        for mode in "latency 1 1" "throughput 2 $CONNECTIONS"; do
            read -r label threads connections <<<"$mode"
            for target in "$@"; do
                read -r p50 p99 rps < <(measure "${target#*=}" "$threads" "$connections")
                printf "%-6s %-9s %-32s %10s %10s %12s\n" "$round" "${target%%=*}" "$label (-t$threads -c$connections, $DURATION)" "$p50" "$p99" "$rps"
                echo "$round ${target%%=*} $label $p50 $p99 $rps" >>"$WORK/results.txt"
            done
        done
    done
}

# summarize: each proxy minus direct within each round, the median over rounds
summarize() {
    echo
    echo "Added by each proxy (median over rounds of: proxy minus direct in the same round)"
    awk '
        function median(arr, n,    i, j, t) {
            for (i = 2; i <= n; i++) { t = arr[i]; for (j = i - 1; j >= 1 && arr[j] > t; j--) arr[j + 1] = arr[j]; arr[j + 1] = t }
            return arr[int((n + 1) / 2)]
        }
        { key = $1 " " $3; v[key " " $2 " p50"] = $4; v[key " " $2 " p99"] = $5; v[key " " $2 " rps"] = $6; rounds[$1] = 1
          if (!($3 in modes)) { modes[$3] = 1; order[++nm] = $3 }
          if ($2 != "direct" && !($2 in seen)) { seen[$2] = 1; proxies[++np] = $2 } }
        END {
            for (mi = 1; mi <= nm; mi++) {
                m = order[mi]
                for (i = 1; i <= np; i++) {
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
}
