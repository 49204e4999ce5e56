#!/usr/bin/env bash
# Measures how long a request waits for a machine that is not running:
#   bare       the app's own start: `python3 server.py` spawned by hand, until curl gets a first byte;
#   stopped    a stopped machine: the request wakes it (the proxy starts it and holds the request
#              until its checks pass), until the first byte;
#   suspended  a suspended (frozen) machine: the request thaws it, until the first byte.
# With the edge proxy in this build (`hangar daemon --port-offset`), each wake is one curl through
# the proxy: request to first byte. Without it, the wake is `hangar machine start ID` followed by
# curl to the machine until the first byte, and the output says so.
#
# Usage: bench/wake/run.sh
# Environment: HANGAR_BIN (binary to measure; default: a debug build of this checkout),
#              ROUNDS (default 5), MODE (default auto), PORT_OFFSET (proxy ports + N, default 18000).
# Not part of `swift test`: the test suite asserts behaviour, never timings.
set -euo pipefail

ROUNDS="${ROUNDS:-5}"
MODE="${MODE:-auto}"
PORT_OFFSET="${PORT_OFFSET:-18000}"
APP="bench-wake"
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 2; }
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

if [[ -n "${HANGAR_BIN:-}" ]]; then
    HANGAR="$HANGAR_BIN"
else
    echo "building hangar (debug)..." >&2
    (cd "$REPO" && swift build --product hangar >&2) || { echo "build failed" >&2; exit 2; }
    HANGAR="$(cd "$REPO" && swift build --show-bin-path)/hangar"
fi
[[ -x "$HANGAR" ]] || { echo "no executable hangar at $HANGAR" >&2; exit 2; }

HANGAR_HOME="$(mktemp -d /tmp/hangar-wake.XXXXXX)"
APP_DIR="$(mktemp -d /tmp/hangar-wake-app.XXXXXX)"
export HANGAR_HOME
# Autostop must not interfere with the machine states set below.
export HANGAR_AUTOSTOP_INTERVAL=1h
DAEMON_PID=""
BARE_PID=""

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    [[ -n "$BARE_PID" ]] && kill -KILL "$BARE_PID" 2>/dev/null || true
    if [[ -n "$DAEMON_PID" && -d "/proc/$DAEMON_PID" ]]; then
        (cd "$APP_DIR" && "$HANGAR" down -a "$APP" >/dev/null 2>&1) || echo "warning: hangar down failed" >&2
        kill -TERM "$DAEMON_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do [[ -d "/proc/$DAEMON_PID" ]] || break; sleep 0.1; done
        kill -KILL "$DAEMON_PID" 2>/dev/null || true
    fi
    rm -rf "$HANGAR_HOME" "$APP_DIR"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cat > "$APP_DIR/fly.toml" <<EOF
app = "$APP"
kill_timeout = "2s"

[processes]
  web = "python3 server.py"

[http_service]
  internal_port = 8080
  processes = ["web"]
  auto_stop_machines = "suspend"
  auto_start_machines = true
  min_machines_running = 0

  [[http_service.checks]]
    interval = "10s"
    timeout = "1s"
    method = "GET"
    path = "/health"
EOF

cat > "$APP_DIR/server.py" <<'EOF'
import os
from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"ok\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


HTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
EOF

now_ms() { date +%s%3N; }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Polls URL until it answers (any HTTP status); gives up after 30 s.
until_first_byte() {
    local url="$1" deadline=$(( $(date +%s) + 30 ))
    until curl -s -o /dev/null --max-time 5 "$url"; do
        (( $(date +%s) < deadline )) || return 1
        sleep 0.005
    done
}

# 1. The bare process.
BARE=()
for _ in $(seq 1 "$ROUNDS"); do
    port="$(free_port)"
    t0="$(now_ms)"
    (cd "$APP_DIR" && PORT="$port" exec python3 server.py) & BARE_PID=$!
    until_first_byte "http://127.0.0.1:$port/" || { echo "the bare server did not answer" >&2; exit 1; }
    BARE+=($(( $(now_ms) - t0 )))
    kill -KILL "$BARE_PID" 2>/dev/null || true; wait "$BARE_PID" 2>/dev/null || true; BARE_PID=""
done

# 2. The daemon, with the edge proxy when this build has one.
PROXY=0
DAEMON_ARGS=(daemon --home "$HANGAR_HOME")
if "$HANGAR" daemon --help 2>&1 | grep -q -- '--port-offset'; then
    PROXY=1
    DAEMON_ARGS+=(--port-offset "$PORT_OFFSET" --proxy-host 127.0.0.1)
fi
"$HANGAR" "${DAEMON_ARGS[@]}" >>"$HANGAR_HOME/daemon.out" 2>&1 & DAEMON_PID=$!
for _ in $(seq 1 200); do [[ -S "$HANGAR_HOME/hangar.sock" ]] && break; sleep 0.05; done
cd "$APP_DIR"
"$HANGAR" up --detach --mode "$MODE" >"$HANGAR_HOME/up.out" 2>&1 || { cat "$HANGAR_HOME/up.out" >&2; exit 1; }

machine_json() { "$HANGAR" status -a "$APP" --json; }
ID="$(machine_json | python3 -c 'import json, sys; print(json.load(sys.stdin)["machines"][0]["id"])')"
RUN_MODE="$(machine_json | python3 -c 'import json, sys; print(json.load(sys.stdin).get("mode", "?"))')"
endpoint() {
    machine_json | python3 -c '
import json, sys
m = json.load(sys.stdin)["machines"][0]
print("http://%s:%s/" % ("127.0.0.1" if m.get("port") else m.get("address"), m.get("port") or 8080))'
}
PROXY_URL="http://127.0.0.1:$(( 80 + PORT_OFFSET ))/"

# One wake: the machine is stopped or suspended (by ACTION), then the clock runs until a first byte.
wake_once() {
    local action="$1" t0 url
    "$HANGAR" machine "$action" "$ID" -a "$APP" >/dev/null
    if (( PROXY )); then
        t0="$(now_ms)"
        curl -s -o /dev/null --max-time 60 -H "Host: $APP.localhost" "$PROXY_URL" \
            || { echo "no answer through the proxy" >&2; return 1; }
    else
        url="$(endpoint)"
        t0="$(now_ms)"
        "$HANGAR" machine start "$ID" -a "$APP" >/dev/null
        [[ "$action" == stop ]] && url="$(endpoint)"   # shared mode: a new $PORT per start
        until_first_byte "$url" || { echo "the machine did not answer" >&2; return 1; }
    fi
    echo $(( $(now_ms) - t0 ))
    # Back to ready (through the proxy the wake did that; without it, wait for the checks).
    for _ in $(seq 1 600); do
        machine_json | python3 -c '
import json, sys
m = json.load(sys.stdin)["machines"][0]
sys.exit(0 if m["state"] == "started" and all(c["status"] == "passing" for c in m["checks"]) else 1)' && return 0
        sleep 0.05
    done
    echo "machine $ID did not get healthy again" >&2
    return 1
}

STOPPED=(); SUSPENDED=()
for _ in $(seq 1 "$ROUNDS"); do
    STOPPED+=("$(wake_once stop)")
    SUSPENDED+=("$(wake_once suspend)")
done

BUILD="$(case "$HANGAR" in */release/*) echo release ;; */debug/*) echo debug ;; *) echo unknown ;; esac)"
if (( PROXY )); then
    HOW="one request through the edge proxy (request to first byte; the proxy wakes the machine)"
else
    HOW="no edge proxy in this build: 'hangar machine start' then curl to the machine until the first byte"
fi
echo "hangar: $HANGAR ($BUILD build), mode $RUN_MODE, $ROUNDS rounds, medians in ms"
echo "wake measured as: $HOW"
printf '%-22s %6s ms   (%s)\n' "bare process start" "$(printf '%s\n' "${BARE[@]}" | median)" "${BARE[*]}"
printf '%-22s %6s ms   (%s)\n' "stopped machine" "$(printf '%s\n' "${STOPPED[@]}" | median)" "${STOPPED[*]}"
printf '%-22s %6s ms   (%s)\n' "suspended machine" "$(printf '%s\n' "${SUSPENDED[@]}" | median)" "${SUSPENDED[*]}"
