#!/usr/bin/env bash
# Measures the embedded default: its cold start (a fresh data folder, binaries unpacked and
# database created), a warm restart on the same data, and the time from approval to a running
# VM with the simulator's default delays (2 s to create, 1 s to start). Reports seconds and,
# as ratios measured in this one run, cold start over warm restart and approval-to-running
# over the simulator's own 3 s of delays.
#
#   bench/walking-skeleton.sh            (builds the jar first if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=portal/target/vsip4x-portal.jar
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
WORK=$(mktemp -d /tmp/vsip4x-bench.XXXXXX)
PORT=${PORT:-18080}
URL="http://127.0.0.1:$PORT"
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

start() { # $1 log file; sets PID; returns when the portal answers
  java -jar "$JAR" --server.port="$PORT" --portal.data-dir="$WORK/data" > "$1" 2>&1 &
  PID=$!
  until curl -fs -o /dev/null "$URL/login"; do
    kill -0 "$PID" 2>/dev/null || { echo "the portal died; see $1"; cat "$1"; exit 1; }
    sleep 0.1
  done
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }

t0=$(now); start "$WORK/cold.log"; cold=$(elapsed "$t0" "$(now)")

api() { curl -fs -u "$1:demo1234" -H 'Content-Type: application/json' "${@:2}"; }
id=$(api alice -d '{"templateId":"tpl-centos7","repoName":"pool-prod","cpu":2,"memoryMb":2048,
  "diskGb":40,"count":1,"network":"vnet-office","reason":"benchmark"}' "$URL/api/v1/requests" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
t1=$(now)
api bob -X POST "$URL/api/v1/requests/$id/approve" > /dev/null
until api alice "$URL/api/v1/vms" | python3 -c '
import json,sys; vms=json.load(sys.stdin); sys.exit(0 if vms and vms[0]["status"] == 1 else 1)'; do
  sleep 0.05
done
running=$(elapsed "$t1" "$(now)")
stop

t2=$(now); start "$WORK/warm.log"; warm=$(elapsed "$t2" "$(now)")
stop

printf 'cold start (fresh data folder, first run):  %6.2f s\n' "$cold"
printf 'warm restart (same data folder):            %6.2f s\n' "$warm"
printf 'approval to running VM (default delays):    %6.2f s\n' "$running"
printf 'ratio cold / warm start:                    %6.2f\n' "$(echo "$cold / $warm" | bc -l)"
printf 'ratio approval-to-running / simulated 3 s:  %6.2f\n' "$(echo "$running / 3" | bc -l)"
