#!/usr/bin/env bash
# A student's steps while others replay as hard as they can: the victim-under-attack measurement of the work
# limiter. Starts a private server, then:
#   1. baseline: one student plays (one htmx step request at a time, as the page does) for DURATION seconds;
#   2. attack: the same, while ATTACKERS clients (each from its own loopback address, 127.0.0.2 and up) loop the
#      heaviest replays there are — a page at the last step of the largest run, a seek there on a fresh run, the
#      weight inspector's path there, and an API create there (about 7 s of one core each) — one kind each;
# and prints the student's p50/p95/p99 step latency for both, with how many replays finished or were refused.
#
#   src/bench/load/attack.sh                 # DURATION=20 ATTACKERS=4 WARMUP=10
#
# Exit status: 0, or 1 on any error of the student's steps; 2 when the attack p95 is not under TARGET_P95_MS (100).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
DURATION="${DURATION:-20}"
ATTACKERS="${ATTACKERS:-4}"
WARMUP="${WARMUP:-10}"
TARGET_P95_MS="${TARGET_P95_MS:-100}"
JAR="${JAR:-$ROOT/target/logitlab.jar}"
WRK="${WRK:-/usr/bin/wrk}"
OUT="${OUT:-}"

# shellcheck source=lib.sh
source "$HERE/lib.sh"
[[ -x "$WRK" ]] || die "wrk not found at $WRK (apt-get install wrk)"
start_server

LARGEST='"dataset":{"name":"blobs","n":5000},"classes":8,"features":["x1","x2","x1^2","x2^2","x1*x2","sin(x1)","sin(x2)"]'
LARGEST_QUERY='dataset=blobs&n=5000&classes=8&features=x1,x2,x1%5E2,x2%5E2,x1*x2,sin(x1),sin(x2)'
LAST=4117

create() { # create BODY: prints the new run's id
    curl -s -X POST -H 'Content-Type: application/json' -d "{$1}" "$BASE/api/runs" \
        | sed -n 's/^{"id":"\([0-9a-f]*\)".*/\1/p'
}

# attacker N KIND: loops one kind of replay from 127.0.0.(N+1) until the file $WORK/stop exists; counts answers.
attacker() {
    local n=$1 kind=$2 ip="127.0.0.$(( $1 + 1 ))" ok=0 refused=0 code id
    [[ "$kind" == inspect ]] && id="$(create "$LARGEST,\"step\":$LAST")"
    while [[ ! -f "$WORK/stop" ]]; do
        case "$kind" in
            page) code="$(curl -s -o /dev/null -w '%{http_code}' --interface "$ip" "$BASE/?$LARGEST_QUERY&step=$LAST&dataSeed=$RANDOM")" ;;
            seek) id="$(create "$LARGEST,\"seed\":$RANDOM")"
                  code="$(curl -s -o /dev/null -w '%{http_code}' --interface "$ip" -H 'HX-Request: true' \
                      -d "run=$id&state=&to=$LAST" "$BASE/lab/seek")" ;;
            inspect) code="$(curl -s -o /dev/null -w '%{http_code}' --interface "$ip" -H 'HX-Request: true' \
                      "$BASE/lab/inspect?run=$id&state=&inspect=w:0,0")" ;;
            api) code="$(curl -s -o /dev/null -w '%{http_code}' --interface "$ip" -X POST -H 'Content-Type: application/json' \
                      -d "{$LARGEST,\"seed\":$RANDOM,\"step\":$LAST}" "$BASE/api/runs")" ;;
        esac
        if [[ "$code" == 2* ]]; then ok=$((ok + 1)); else refused=$((refused + 1)); fi
    done
    echo "$kind $ok $refused" >"$WORK/attacker-$n"
}

student() { # student NAME SECONDS: one connection stepping one run, one request at a time
    local id
    id="$(create '"dataset":{"name":"blobs","n":1000},"classes":5')"
    echo "$id" >"$WORK/student.ids"
    LOAD_MODE=htmx LOAD_IDS="$WORK/student.ids" LOAD_THREADS=1 LOAD_GZIP=1 \
        "$WRK" -t1 -c1 -d"${2}s" --timeout 5s --latency -s "$HERE/step.lua" "$BASE" >"$OUT/wrk-$1.txt" 2>&1
    grep '^RESULT ' "$OUT/wrk-$1.txt" | tail -1
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }
ms() { awk -v u="$1" 'BEGIN{printf "%.1f", u / 1000}'; }

if (( WARMUP > 0 )); then
    log "warm-up: ${WARMUP}s of steps (not reported)"
    student warmup "$WARMUP" >/dev/null
fi
log "baseline: the student alone, ${DURATION}s"
base="$(student baseline "$DURATION")"
log "attack: the student with $ATTACKERS attackers, ${DURATION}s"
kinds=(page seek inspect api)
pids=()
for ((a = 1; a <= ATTACKERS; a++)); do attacker "$a" "${kinds[$(( (a - 1) % 4 ))]}" & pids+=($!); done
sleep 2
attacked="$(student attack "$DURATION")"
touch "$WORK/stop"
log "waiting for the attackers' last replays"
wait "${pids[@]}"

echo
echo "A student's htmx steps (N = 1000, K = 5, gzip) with and without $ATTACKERS clients looping the heaviest replays"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
printf '%-10s %8s %8s %8s %8s %8s %7s\n' scenario steps/s p50_ms p95_ms p99_ms max_ms errors
for row in "baseline $base" "attack $attacked"; do
    name="${row%% *}"; r="${row#* }"
    errors=$(( $(field "$r" non2xx) + $(field "$r" bad_body) + $(field "$r" timeout) ))
    printf '%-10s %8s %8s %8s %8s %8s %7s\n' "$name" "$(field "$r" rps)" "$(ms "$(field "$r" p50_us)")" \
        "$(ms "$(field "$r" p95_us)")" "$(ms "$(field "$r" p99_us)")" "$(ms "$(field "$r" max_us)")" "$errors"
done
echo
echo "attackers (kind, replays answered 2xx, refused 429/503):"
cat "$WORK"/attacker-* | sed 's/^/  /'
status=0
(( $(field "$attacked" non2xx) + $(field "$attacked" timeout) == 0 )) || status=1
p95="$(field "$attacked" p95_us)"
if (( status == 0 && p95 >= TARGET_P95_MS * 1000 )); then echo "p95 under attack $(ms "$p95") ms: over ${TARGET_P95_MS} ms"; status=2; fi
exit "$status"
