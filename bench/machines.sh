#!/usr/bin/env bash
# Measures Hangar's runtime with many machines of one app:
#   1. the wall time from `hangar up --detach` until COUNT machines are started with every
#      check passing (up brings the app up at one machine and starts the daemon; the app is then
#      scaled to COUNT and the clock stops once `status --json` shows COUNT healthy machines);
#   2. the daemon's resident memory (VmRSS) with those machines running;
#   3. the daemon's idle CPU over IDLE_SECONDS with those machines running (and checked);
# then stops the app (`hangar down`), stops the daemon (SIGTERM) and removes its temporary files.
#
# Usage: bench/machines.sh [COUNT]          (COUNT defaults to 100)
# Environment: HANGAR_BIN (binary to measure; default: a release build), MODE (default auto),
#              IDLE_SECONDS (default 10), WAIT_TIMEOUT (seconds for the machines to get healthy,
#              default 600).
# Not part of `swift test`: the test suite asserts behaviour, never timings.
set -euo pipefail

COUNT="${1:-100}"
MODE="${MODE:-auto}"
IDLE_SECONDS="${IDLE_SECONDS:-10}"
WAIT_TIMEOUT="${WAIT_TIMEOUT:-600}"
APP="bench-machines"

case "$COUNT" in
    ''|*[!0-9]*|0) echo "usage: $0 [COUNT]   (COUNT: a positive integer)" >&2; exit 2 ;;
esac
command -v python3 >/dev/null || { echo "python3 is needed (the machines run a python3 server)" >&2; exit 2; }

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ -n "${HANGAR_BIN:-}" ]]; then
    HANGAR="$HANGAR_BIN"
else
    echo "building hangar (release)..." >&2
    (cd "$REPO" && swift build -c release --product hangar >&2) || { echo "release build failed" >&2; exit 2; }
    HANGAR="$(cd "$REPO" && swift build -c release --show-bin-path)/hangar"
fi
[[ -x "$HANGAR" ]] || { echo "no executable hangar at $HANGAR" >&2; exit 2; }
case "$HANGAR" in
    */debug/*) BUILD="debug" ;;
    */release/*) BUILD="release" ;;
    *) BUILD="unknown" ;;
esac

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# Short paths: the daemon's unix socket lives in HANGAR_HOME and must stay under 108 bytes.
HANGAR_HOME="$(mktemp -d /tmp/hangar-bench.XXXXXX)"
APP_DIR="$(mktemp -d /tmp/hangar-bench-app.XXXXXX)"
export HANGAR_HOME
DAEMON_PID=""

daemon_pid() {
    [[ -n "$DAEMON_PID" ]] && { echo "$DAEMON_PID"; return; }
    [[ -r "$HANGAR_HOME/daemon.lock" ]] && head -n 1 "$HANGAR_HOME/daemon.lock" | tr -d '[:space:]'
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    local pid
    pid="$(daemon_pid || true)"
    if [[ -n "$pid" && -d "/proc/$pid" ]]; then
        (cd "$APP_DIR" && "$HANGAR" down -a "$APP" >/dev/null 2>&1) || echo "warning: hangar down failed" >&2
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do [[ -d "/proc/$pid" ]] || break; sleep 0.1; done
        if [[ -d "/proc/$pid" ]]; then
            echo "warning: the daemon (pid $pid) ignored SIGTERM for 10 s; sending SIGKILL" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
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
  auto_stop_machines = "off"

  [[http_service.checks]]
    interval = "2s"
    timeout = "1s"
    grace_period = "1s"
    method = "GET"
    path = "/health"

[[vm]]
  memory = "256mb"
EOF

cat > "$APP_DIR/server.py" <<'EOF'
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        ok = self.path == "/health"
        body = b"ok\n" if ok else b"not found\n"
        self.send_response(200 if ok else 404)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
EOF

# Reads `hangar status --json` on stdin; prints "<machines> <started> <healthy> <mode>" where healthy
# means started with at least one check and every check passing.
summarize='
import json, sys
doc = json.load(sys.stdin)
machines = doc.get("machines", [])
started = [m for m in machines if m.get("state") == "started"]
healthy = [m for m in started
           if m.get("checks") and all(c.get("status") == "passing" for c in m["checks"])]
print(len(machines), len(started), len(healthy), doc.get("mode", "?"))
'
status_summary() {
    (cd "$APP_DIR" && "$HANGAR" status -a "$APP" --json 2>/dev/null) | python3 -c "$summarize" 2>/dev/null \
        || echo "0 0 0 ?"
}

# /proc/<pid>/stat: fields after the ")" that ends the command name; utime and stime are fields 14, 15.
cpu_ticks() {
    local rest
    rest="$(sed 's/^.*) //' "/proc/$1/stat")"
    awk '{ print $12 + $13 }' <<<"$rest"
}

cd "$APP_DIR"
echo "hangar: $HANGAR ($BUILD build)   machines: $COUNT   mode: $MODE" >&2

FAILURES=()
T0="$(now)"
if ! "$HANGAR" up --detach --mode "$MODE" --wait-timeout "$WAIT_TIMEOUT" >"$HANGAR_HOME/up.out" 2>&1; then
    cat "$HANGAR_HOME/up.out" >&2
    echo "hangar up --detach failed" >&2
    exit 1
fi
DAEMON_PID="$(daemon_pid)"
[[ -n "$DAEMON_PID" && -d "/proc/$DAEMON_PID" ]] || { echo "cannot find the daemon pid in $HANGAR_HOME/daemon.lock" >&2; exit 1; }
T_UP="$(now)"

if ! "$HANGAR" scale count "web=$COUNT" -a "$APP" >"$HANGAR_HOME/scale.out" 2>&1; then
    cat "$HANGAR_HOME/scale.out" >&2
    echo "hangar scale count web=$COUNT failed" >&2
    exit 1
fi
T_SCALE="$(now)"

deadline=$(( $(date +%s) + WAIT_TIMEOUT ))
read -r TOTAL STARTED HEALTHY RUN_MODE <<<"$(status_summary)"
while (( HEALTHY < COUNT )); do
    if (( $(date +%s) >= deadline )); then
        FAILURES+=("only $HEALTHY of $COUNT machines healthy after ${WAIT_TIMEOUT}s ($STARTED started, $TOTAL exist)")
        break
    fi
    sleep 0.2
    read -r TOTAL STARTED HEALTHY RUN_MODE <<<"$(status_summary)"
done
T_HEALTHY="$(now)"
(( TOTAL == COUNT )) || FAILURES+=("$TOTAL machines exist, expected $COUNT")

RSS_KB="$(awk '/^VmRSS:/ { print $2 }' "/proc/$DAEMON_PID/status")"
RSS_MB="$(awk -v k="$RSS_KB" 'BEGIN { printf "%.0f", k / 1024 }')"

HZ="$(getconf CLK_TCK)"
C0="$(cpu_ticks "$DAEMON_PID")"; W0="$(now)"
sleep "$IDLE_SECONDS"
C1="$(cpu_ticks "$DAEMON_PID")"; W1="$(now)"
CPU_PCT="$(awk -v c0="$C0" -v c1="$C1" -v w0="$W0" -v w1="$W1" -v hz="$HZ" \
    'BEGIN { printf "%.1f", 100 * (c1 - c0) / hz / (w1 - w0) }')"

# Machines still healthy after the idle window (a crash loop would show here).
read -r TOTAL_AFTER STARTED_AFTER HEALTHY_AFTER _ <<<"$(status_summary)"
(( HEALTHY_AFTER == COUNT )) || FAILURES+=("after the idle window: $HEALTHY_AFTER of $COUNT healthy ($STARTED_AFTER started)")

T_DOWN0="$(now)"
if "$HANGAR" down -a "$APP" >"$HANGAR_HOME/down.out" 2>&1; then
    T_DOWN1="$(now)"
    DOWN="$(elapsed "$T_DOWN0" "$T_DOWN1") s"
else
    DOWN="failed"
    FAILURES+=("hangar down failed: $(tail -n 1 "$HANGAR_HOME/down.out")")
fi

echo "machines: $COUNT  mode: $RUN_MODE  build: $BUILD  up-to-healthy: $(elapsed "$T0" "$T_HEALTHY") s  daemon RSS: $RSS_MB MB  daemon idle CPU: $CPU_PCT % of a core"
echo "  up --detach (1 machine, daemon start): $(elapsed "$T0" "$T_UP") s   scale count web=$COUNT returned after: $(elapsed "$T_UP" "$T_SCALE") s   scale to all healthy: $(elapsed "$T_UP" "$T_HEALTHY") s"
echo "  started: $STARTED of $COUNT  healthy (all checks passing): $HEALTHY  after ${IDLE_SECONDS} s idle: $HEALTHY_AFTER healthy  down: $DOWN"
if (( ${#FAILURES[@]} > 0 )); then
    for f in "${FAILURES[@]}"; do echo "FAIL: $f"; done
    exit 1
fi
echo "failures: none"
