#!/usr/bin/env bash
# Smoke test for the example apps, without Hangar: runs each app's process commands with
# python3 from the app's directory (as fly.toml's [processes] would), on their configured
# ports (or free ones if those are taken), with temporary data directories, then talks to
# them over loopback with curl and stops them with SIGTERM, expecting a clean exit.
#
# Usage: examples/smoke.sh        (needs python3 and curl; nothing to install)
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/hangar-smoke.XXXXXX")"
declare -A RUNNING=()   # name -> pid of the processes this script started and has not stopped
FAILED=0

cleanup() {
    local pid
    for pid in "${RUNNING[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${RUNNING[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ok() { printf 'ok   %s\n' "$*"; }
fail() {
    printf 'FAIL %s\n' "$*"
    FAILED=1
    local log
    for log in "$TMP"/*.log; do
        [ -e "$log" ] || continue
        printf -- '--- %s\n' "$(basename "$log")"
        tail -n 20 "$log"
    done
    exit 1
}

for tool in python3 curl; do
    command -v "$tool" >/dev/null || { echo "smoke.sh needs $tool" >&2; exit 2; }
done

# The configured port if nothing listens there, else a free one the kernel picks.
pick_port() {
    python3 - "$1" <<'PY'
import socket, sys
preferred = int(sys.argv[1])
for port in (preferred, 0):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("0.0.0.0", port))
    except OSError:
        continue
    else:
        print(s.getsockname()[1])
        break
    finally:
        s.close()
PY
}

# curl over loopback only, never through a proxy. Prints the body; fails on HTTP >= 400.
http() { curl --noproxy '*' -sS --fail-with-body --max-time 10 "$@"; }
post_json() { http -H 'Content-Type: application/json' -X POST --data "$2" "$1"; }

# json EXPR: evaluate a Python expression over the JSON document on stdin (bound to `d`).
json() { python3 -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1], {"d": d}))' "$1"; }

# start NAME DIR ENV... -- COMMAND...: run COMMAND in DIR with extra env, logging to NAME.log.
start() {
    local name="$1" dir="$2"
    shift 2
    local env_args=()
    while [ "$1" != "--" ]; do env_args+=("$1"); shift; done
    shift
    (cd "$dir" && exec env "${env_args[@]}" "$@") >"$TMP/$name.log" 2>&1 &
    RUNNING[$name]=$!
}

wait_healthy() {
    local name="$1" url="$2" deadline=$((SECONDS + 15))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if body="$(curl --noproxy '*' -sf --max-time 2 "$url" 2>/dev/null)"; then
            ok "$name healthy: $body"
            return 0
        fi
        kill -0 "${RUNNING[$name]}" 2>/dev/null || fail "$name exited during startup"
        sleep 0.2
    done
    fail "$name not healthy at $url within 15 s"
}

# stop NAME: SIGTERM, then expect exit status 0 within 10 s and a "stopped" log line.
stop() {
    local name="$1" pid="${RUNNING[$1]}" status=0 deadline=$((SECONDS + 10))
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do
        [ "$SECONDS" -lt "$deadline" ] || fail "$name did not stop within 10 s of SIGTERM"
        sleep 0.1
    done
    wait "$pid" || status=$?
    unset "RUNNING[$name]"
    [ "$status" -eq 0 ] || fail "$name exited with status $status after SIGTERM"
    grep -q "stopped" "$TMP/$name.log" || fail "$name did not log a clean stop"
    ok "$name stopped cleanly on SIGTERM"
}

expect() { # expect DESCRIPTION ACTUAL EXPECTED
    [ "$2" = "$3" ] || fail "$1: expected '$3', got '$2'"
    ok "$1: $2"
}

mcp() { post_json "http://127.0.0.1:$WEB_PORT/mcp" "$1"; }

echo "== mcp-vector"
APP="$HERE/mcp-vector"
VDB_PORT="$(pick_port 6333)"
WEB_PORT="$(pick_port 8080)"
mkdir -p "$TMP/vectors"
start vectordb "$APP" PORT="$VDB_PORT" DATA_DIR="$TMP/vectors" -- python3 vectordb.py
start web "$APP" PORT="$WEB_PORT" VECTORDB_URL="http://127.0.0.1:$VDB_PORT" -- python3 web.py
wait_healthy vectordb "http://127.0.0.1:$VDB_PORT/health"
wait_healthy web "http://127.0.0.1:$WEB_PORT/health"

out="$(mcp '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"smoke","version":"1"}}}')"
expect "initialize: server name" "$(json 'd["result"]["serverInfo"]["name"]' <<<"$out")" "mcp-vector"
expect "initialize: protocol version" "$(json 'd["result"]["protocolVersion"]' <<<"$out")" "2025-06-18"
code="$(curl --noproxy '*' -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    --data '{"jsonrpc":"2.0","method":"notifications/initialized"}' "http://127.0.0.1:$WEB_PORT/mcp")"
expect "notification answered" "$code" "202"
out="$(mcp '{"jsonrpc":"2.0","id":2,"method":"tools/list"}')"
expect "tools/list" "$(json '",".join(t["name"] for t in d["result"]["tools"])' <<<"$out")" "remember,search"

for text in "The vector store keeps its data on the volume mounted at /data." \
            "Bananas are an excellent source of potassium." \
            "Fly process groups run on separate machines, so localhost does not reach another group."; do
    out="$(mcp "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"remember\",\"arguments\":{\"text\":\"$text\"}}}")"
    expect "remember" "$(json 'd["result"]["content"][0]["text"].startswith("Remembered as #") and not d["result"]["isError"]' <<<"$out")" "True"
done

search_top() {
    local out
    out="$(mcp "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"search\",\"arguments\":{\"query\":\"$1\",\"limit\":2}}}")"
    json 'd["result"]["structuredContent"]["results"][0]["text"]' <<<"$out"
}
expect "search 'which fruit has potassium'" "$(search_top "which fruit has potassium")" \
    "Bananas are an excellent source of potassium."
expect "search 'machines of separate groups'" "$(search_top "machines of separate groups")" \
    "Fly process groups run on separate machines, so localhost does not reach another group."

out="$(mcp '{"jsonrpc":"2.0","id":5,"method":"no/such/method"}')"
expect "unknown method error code" "$(json 'd["error"]["code"]' <<<"$out")" "-32601"

stop web
stop vectordb
start vectordb "$APP" PORT="$VDB_PORT" DATA_DIR="$TMP/vectors" -- python3 vectordb.py
wait_healthy vectordb "http://127.0.0.1:$VDB_PORT/health"
out="$(http "http://127.0.0.1:$VDB_PORT/health")"
expect "documents persisted across a restart" "$(json 'd["documents"]' <<<"$out")" "3"
stop vectordb

echo "== api-worker"
APP="$HERE/api-worker"
API_PORT="$(pick_port 8080)"
WORKER_PORT="$(pick_port 8081)"
QUEUE="$TMP/queue"
(cd "$APP" && QUEUE_DIR="$QUEUE" python3 migrate.py) >"$TMP/migrate.log" 2>&1 || fail "migrate.py failed"
grep -q "applied migrations 1, 2" "$TMP/migrate.log" || fail "first migration run did not create the schema"
ok "migrate.py created the schema"
(cd "$APP" && QUEUE_DIR="$QUEUE" python3 migrate.py) >"$TMP/migrate.log" 2>&1 || fail "second migrate.py run failed"
grep -q "nothing to do" "$TMP/migrate.log" || fail "second migration run was not a no-op"
ok "migrate.py is idempotent"

start api "$APP" PORT="$API_PORT" QUEUE_DIR="$QUEUE" -- python3 api.py
start worker "$APP" PORT="$WORKER_PORT" QUEUE_DIR="$QUEUE" WORKER_POLL_INTERVAL=0.2 -- python3 worker.py
wait_healthy api "http://127.0.0.1:$API_PORT/health"
wait_healthy worker "http://127.0.0.1:$WORKER_PORT/health"

out="$(post_json "http://127.0.0.1:$API_PORT/jobs" '{"task":"wordcount","input":{"text":"to be or not to be"}}')"
job="$(json 'd["id"]' <<<"$out")"
expect "POST /jobs queued $job" "$(json 'd["status"]' <<<"$out")" "queued"
status=""
deadline=$((SECONDS + 15))
while [ "$SECONDS" -lt "$deadline" ]; do
    out="$(http "http://127.0.0.1:$API_PORT/jobs/$job")"
    status="$(json 'd["status"]' <<<"$out")"
    if [ "$status" = "succeeded" ] || [ "$status" = "failed" ]; then break; fi
    sleep 0.2
done
expect "worker completed $job" "$status" "succeeded"
expect "job result" "$(json 'd["result"]["words"], d["result"]["top"][0]' <<<"$out")" "(6, ['to', 2])"

code="$(curl --noproxy '*' -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    --data '{"task":"mine-bitcoin"}' "http://127.0.0.1:$API_PORT/jobs")"
expect "unknown task rejected" "$code" "422"

# Stopping the worker mid-job: it finishes the job in hand, then exits cleanly.
out="$(post_json "http://127.0.0.1:$API_PORT/jobs" '{"task":"sleep","input":{"seconds":1.5}}')"
job="$(json 'd["id"]' <<<"$out")"
deadline=$((SECONDS + 10))
until [ "$(http "http://127.0.0.1:$API_PORT/jobs/$job" | json 'd["status"]')" = "running" ]; do
    [ "$SECONDS" -lt "$deadline" ] || fail "the worker did not pick up $job"
    sleep 0.1
done
ok "worker picked up the slow job $job"
stop worker
out="$(http "http://127.0.0.1:$API_PORT/jobs/$job")"
expect "job in hand finished before the worker exited" "$(json 'd["status"]' <<<"$out")" "succeeded"
stop api

[ "$FAILED" -eq 0 ] && echo "PASS: both examples work"
