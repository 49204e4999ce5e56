#!/usr/bin/env bash
# bench/proxy/run.sh — Hangar's edge proxy next to HAProxy and nginx, on loopback.
#
# Starts one fixed-response upstream (upstream.c, epoll, one thread per core), HAProxy and nginx as
# HTTP reverse proxies to it with upstream keep-alive, and a Hangar daemon running an app whose
# process is the same upstream program. Then runs wrk against each target in turn (upstream,
# hangar, haproxy, nginx; same threads, connections and duration), for ROUNDS rounds, and prints
# one line per target (mean req/s, median p50 and p99 over the rounds) and the Hangar/HAProxy
# ratios. Not a test: figures depend on the machine (wrk, proxy and upstream share its cores).
#
# Environment: THREADS (wrk -t, 2), CONNECTIONS (wrk -c, 64), DURATION (10s), ROUNDS (3),
# PORT_BASE (18600), HANGAR (a hangar binary; default: release build of this checkout),
# SKIP_HANGAR=1 to leave Hangar out. Needs root for apt-get (haproxy, nginx and wrk are installed
# when missing) and for Hangar's isolated machines.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
DURATION="${DURATION:-10s}"
ROUNDS="${ROUNDS:-3}"
PORT_BASE="${PORT_BASE:-18600}"
CORES="$(nproc)"

upstream_port=$PORT_BASE
haproxy_port=$((PORT_BASE + 1))
nginx_port=$((PORT_BASE + 2))
# Hangar's public port 80 lands on 80 + offset.
hangar_offset=$((PORT_BASE + 3 - 80))
hangar_port=$((80 + hangar_offset))

work="$(mktemp -d /tmp/hangar-bench-proxy.XXXXXX)"
pids=()
hangar_home=""

cleanup() {
    set +e
    if [ -n "$hangar_home" ] && [ -n "${hangar_bin:-}" ]; then
        HANGAR_HOME="$hangar_home" "$hangar_bin" down -a bench >/dev/null 2>&1
    fi
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

log() { printf '%s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------
missing=()
command -v haproxy >/dev/null || missing+=(haproxy)
command -v nginx >/dev/null || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
command -v gcc >/dev/null || missing+=(gcc)
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || {
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    }
fi

wait_port() {
    local port=$1 tries=0
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        tries=$((tries + 1))
        if [ $tries -gt 300 ]; then
            log "nothing listens on port $port; logs:"
            tail -n 5 "$work"/*.log "$work"/nginx/*.log 2>/dev/null >&2
            return 1
        fi
        sleep 0.1
    done
}

# --- upstream ----------------------------------------------------------------------------------
gcc -O2 -Wall -pthread -o "$work/upstream" "$here/upstream.c"
"$work/upstream" "$upstream_port" "$CORES" 127.0.0.1 &
pids+=($!)
wait_port "$upstream_port"

# --- HAProxy -----------------------------------------------------------------------------------
cat >"$work/haproxy.cfg" <<EOF
global
    nbthread $CORES
    maxconn 4096
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    option http-keep-alive
    http-reuse always
frontend bench
    bind 127.0.0.1:$haproxy_port
    default_backend upstream
backend upstream
    server up1 127.0.0.1:$upstream_port
EOF
haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
pids+=($!)
wait_port "$haproxy_port"

# --- nginx -------------------------------------------------------------------------------------
mkdir -p "$work/nginx"
cat >"$work/nginx.conf" <<EOF
worker_processes $CORES;
pid $work/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 10000; }
http {
    access_log off;
    client_body_temp_path $work/nginx;
    proxy_temp_path $work/nginx;
    fastcgi_temp_path $work/nginx;
    uwsgi_temp_path $work/nginx;
    scgi_temp_path $work/nginx;
    upstream backend {
        server 127.0.0.1:$upstream_port;
        keepalive 128;
    }
    server {
        listen 127.0.0.1:$nginx_port;
        location / {
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
EOF
nginx -c "$work/nginx.conf" -p "$work/nginx" -g 'daemon off;' 2>"$work/nginx/stderr.log" &
pids+=($!)
wait_port "$nginx_port"

# --- Hangar ------------------------------------------------------------------------------------
targets=(upstream)
declare -A url
url[upstream]="http://127.0.0.1:$upstream_port/"
url[haproxy]="http://127.0.0.1:$haproxy_port/"
url[nginx]="http://127.0.0.1:$nginx_port/"

if [ "${SKIP_HANGAR:-0}" != 1 ]; then
    hangar_bin="${HANGAR:-}"
    if [ -z "$hangar_bin" ]; then
        log "building hangar (release)"
        (cd "$root" && swift build -c release --product hangar >"$work/build.log" 2>&1) || {
            tail -20 "$work/build.log" >&2
            exit 1
        }
        hangar_bin="$(cd "$root" && swift build -c release --show-bin-path)/hangar"
    fi
    if "$hangar_bin" daemon --help 2>&1 | grep -q -- '--port-offset'; then
        hangar_home="$work/hangar"
        mkdir -p "$hangar_home" "$work/app"
        cp "$work/upstream" "$work/app/upstream"
        cat >"$work/app/fly.toml" <<EOF
app = "bench"

[processes]
  app = "./upstream 8080 $CORES"

[http_service]
  internal_port = 8080
  processes = ["app"]
  auto_stop_machines = "off"
  min_machines_running = 1
  [http_service.concurrency]
    type = "requests"
    soft_limit = 100000
    hard_limit = 100000
  [[http_service.checks]]
    interval = "15s"
    timeout = "2s"
    grace_period = "5s"
    method = "GET"
    path = "/"
EOF
        HANGAR_HOME="$hangar_home" "$hangar_bin" daemon --port-offset "$hangar_offset" --proxy-host 127.0.0.1 \
            >"$work/daemon.out" 2>&1 &
        pids+=($!)
        (cd "$work/app" && HANGAR_HOME="$hangar_home" "$hangar_bin" up --detach --wait-timeout 60 >"$work/up.log" 2>&1) || {
            log "hangar up failed:"
            tail -20 "$work/up.log" >&2
            exit 1
        }
        wait_port "$hangar_port"
        url[hangar]="http://127.0.0.1:$hangar_port/"
        targets+=(hangar)
    else
        log "hangar: skipped (this build has no edge proxy: \`hangar daemon\` has no --port-offset)"
    fi
fi
targets+=(haproxy nginx)

# --- check every target answers ---------------------------------------------------------------
for target in "${targets[@]}"; do
    body="$(curl -fsS -H 'Host: bench.localhost' "${url[$target]}")" || { log "$target does not answer"; exit 1; }
    [ "$body" = "hello world" ] || { log "$target answered: $body"; exit 1; }
done

# --- runs --------------------------------------------------------------------------------------
# wrk's latency figures come as 1.23us / 4.56ms / 1.20s: print milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.3f", n }'
}

declare -A rps p50 p99
log "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS rounds, targets: ${targets[*]}"
for round in $(seq 1 "$ROUNDS"); do
    for target in "${targets[@]}"; do
        out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Host: bench.localhost' "${url[$target]}")"
        r="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
        a="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
        b="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
        errors="$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")"
        [ -n "$errors" ] && log "  $target round $round: $errors"
        log "  round $round $target: $r req/s, p50 ${a}ms, p99 ${b}ms"
        rps[$target]+="$r "
        p50[$target]+="$a "
        p99[$target]+="$b "
    done
done

mean() { tr ' ' '\n' <<<"$1" | awk 'NF {s += $1; n++} END {printf "%.0f", s / n}'; }
median() { tr ' ' '\n' <<<"$1" | awk 'NF' | sort -g | awk '{v[NR] = $1} END {printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

for target in "${targets[@]}"; do
    printf '%-9s req/s %8s  p50 %7sms  p99 %7sms\n' "$target" "$(mean "${rps[$target]}")" \
        "$(median "${p50[$target]}")" "$(median "${p99[$target]}")"
done
if [ -n "${url[hangar]:-}" ]; then
    awk -v h="$(mean "${rps[hangar]}")" -v x="$(mean "${rps[haproxy]}")" 'BEGIN {printf "hangar/haproxy rps ratio: %.2f\n", h / x}'
    awk -v h="$(median "${p99[hangar]}")" -v x="$(median "${p99[haproxy]}")" 'BEGIN {printf "hangar/haproxy p99 ratio: %.2f\n", h / x}'
else
    echo "hangar/haproxy rps ratio: n/a (hangar not run)"
    echo "hangar/haproxy p99 ratio: n/a (hangar not run)"
fi
