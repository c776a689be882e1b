#!/usr/bin/env bash
# The page's htmx step through nginx (deploy/nginx.conf, started by deploy/run-local.sh): steps/s and latency with
# one instance and with two, and the latency around a failover, when an instance is killed or stopped mid-load.
#
#   src/bench/load/cluster.sh                                  # every scenario
#   SCENARIOS="two kill" DURATION=20 src/bench/load/cluster.sh
#
# Scenarios (each on its own instances, warmed up first):
#   direct  wrk -> one instance, no nginx: what nginx itself costs
#   one     wrk -> nginx -> one instance
#   two     wrk -> nginx -> two instances (on this machine: the same cores, shared)
#   kill    like two; KILL_AT seconds in, the instance with the first port is killed (SIGKILL: a crash)
#   term    like two; KILL_AT seconds in, that instance is stopped (SIGTERM: a deploy; requests in flight finish)
#
# Each of CONNECTIONS closed-loop clients (one wrk thread and connection each) plays its own run as the page does
# (follow.lua): the run id and state of the last answer, and the affinity header. Every answer must be a 200 showing
# the next step; anything else is an error. Percentiles are of every answer; for kill and term also of the answers
# that ended within WINDOW seconds after the instance went.
#
# other_cpu_pct is the CPU that neither the instances, nginx nor wrk used during the scenario, as a percentage of all
# CPUs: well above 0, other work shared the cores and the figures are low.
#
# Environment: DURATION=20 CONNECTIONS=32 WARMUP=10 KILL_AT=8 WINDOW=5 DATASET=blobs N=1000 K=5
#              JAR=<repo>/target/logitlab.jar (built if missing)  JAVA_OPTS=-Xmn64m (the README's)  WRK=/usr/bin/wrk  OUT=<dir> (keep files)
#              WAIT_QUIET=0 QUIET_PCT=15: on a shared machine, wait up to WAIT_QUIET s before each scenario for a 5 s
#              window in which the machine is under QUIET_PCT % busy (as in run.sh)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
SCENARIOS="${SCENARIOS:-direct one two kill term}"
DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-32}"
WARMUP="${WARMUP:-10}"
KILL_AT="${KILL_AT:-8}"
WINDOW="${WINDOW:-5}"
DATASET="${DATASET:-blobs}"
N="${N:-1000}"
K="${K:-5}"
JAR="${JAR:-$ROOT/target/logitlab.jar}"
WRK="${WRK:-/usr/bin/wrk}"
OUT="${OUT:-}"
WAIT_QUIET="${WAIT_QUIET:-0}"
QUIET_PCT="${QUIET_PCT:-15}"
RUN_LOCAL="$ROOT/deploy/run-local.sh"

# shellcheck source=lib.sh
source "$HERE/lib.sh"
[[ -x "$WRK" ]] || die "wrk not found at $WRK (apt-get install wrk)"
build_jar

WORK="$(mktemp -d "${TMPDIR:-/tmp}/logitlab-cluster.XXXXXX")"
[[ -n "$OUT" ]] || OUT="$WORK/out"
mkdir -p "$OUT"
CURRENT_RUN_DIR=""
CURRENT_CONF=""
cleanup() {
    local rc=$?
    [[ -n "$CURRENT_RUN_DIR" ]] && RUN_DIR="$CURRENT_RUN_DIR" CONF="$CURRENT_CONF" "$RUN_LOCAL" stop || true
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# config INSTANCES FILE: deploy/nginx.conf on a free port, in front of INSTANCES instances on free ports.
config() {
    local count=$1 file=$2 servers="" i
    for ((i = 0; i < count; i++)); do
        servers+="        server 127.0.0.1:$(free_port) max_fails=2 fail_timeout=5s;\n"
    done
    awk -v servers="$servers" -v listen="$(free_port)" '
        /^[[:space:]]*server 127\.0\.0\.1:[0-9]+/ { if (!done) { printf "%s", servers; done = 1 }; next }
        /listen 127\.0\.0\.1:8080;/ { sub(/8080/, listen) }
        { print }' "$ROOT/deploy/nginx.conf" | sed 's/\\n/\n/g' >"$file"
    grep -q "max_fails=2 fail_timeout=5s;" "$ROOT/deploy/nginx.conf" \
        || die "deploy/nginx.conf's server lines changed: update config() here"
}

# pages COUNT TARGET FILE: opens COUNT pages through TARGET; one "<run id> <state>" line each in FILE.
pages() {
    local count=$1 target=$2 file=$3 i html
    : >"$file"
    for ((i = 0; i < count; i++)); do
        html="$(curl -s "http://$target/?dataset=$DATASET&n=$N&classes=$K")"
        printf '%s %s\n' "$(sed -n 's/.*name="run" value="\([0-9a-f]*\)".*/\1/p' <<<"$html" | head -1)" \
            "$(sed -n 's/.*name="state" value="\([^"]*\)".*/\1/p' <<<"$html" | head -1)" >>"$file"
    done
    awk 'NF != 2 { exit 1 }' "$file" || die "could not read the pages' run ids and states"
}

# our_ticks RUN_DIR: CPU jiffies (user + system) of the instances and of nginx's processes, while they live.
our_ticks() {
    local pids pid total=0
    pids="$(cat "$1"/instance-*.pid "$1/nginx.pid" 2>/dev/null || true)"
    [[ -f "$1/nginx.pid" ]] && pids+=" $(pgrep -P "$(cat "$1/nginx.pid")" | tr '\n' ' ')"
    for pid in $pids; do
        [[ -r "/proc/$pid/stat" ]] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
    echo "$total"
}

# play NAME TARGET SECONDS: the closed-loop clients on the pages in $WORK/NAME.runs for SECONDS; their answers in
# $OUT/NAME/, and the CPU share of other work in $OUT/NAME/other_cpu_pct.
play() {
    local name=$1 target=$2 seconds=$3 TIMEFORMAT='%U %S' ours0 m0 ours1 m1
    mkdir -p "$OUT/$name"
    ours0="$(our_ticks "$CURRENT_RUN_DIR")"; m0="$(machine_ticks)"
    { time LOAD_RUNS="$WORK/$name.runs" LOAD_THREADS="$CONNECTIONS" LOAD_OUT="$OUT/$name" \
        timeout $((seconds + 60)) "$WRK" -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s \
        -s "$HERE/follow.lua" "http://$target" >"$OUT/$name/wrk.txt" 2>&1 \
        || { cat "$OUT/$name/wrk.txt" >&2; die "wrk failed"; }; } 2>"$WORK/wrk-time"
    # An instance lost during the scenario is no longer in our_ticks: add what it had used when it went.
    ours1=$(( $(our_ticks "$CURRENT_RUN_DIR") + $(cat "$WORK/lost-ticks" 2>/dev/null || echo 0) ))
    m1="$(machine_ticks)"
    rm -f "$WORK/lost-ticks"
    awk -v a="$m0" -v b="$m1" -v ours=$((ours1 - ours0)) -v hz="$(getconf CLK_TCK)" -v w="$(cat "$WORK/wrk-time")" \
        'BEGIN{split(a, x, " "); split(b, y, " "); split(w, c, " "); t = y[2] - x[2];
               o = (y[1] - x[1]) - (ours > 0 ? ours : 0) - (c[1] + c[2]) * hz;
               printf "%.0f", ((t > 0 && o > 0) ? 100 * o / t : 0)}' >"$OUT/$name/other_cpu_pct"
}

# summary NAME [FROM_MS TO_MS]: answers/s, percentiles and errors of the answers (ending in the window, if given).
summary() {
    local name=$1 from=${2:-0} to=${3:-1e18}
    cat "$OUT/$name"/thread-*.tsv | awk -v from="$from" -v to="$to" '$1 >= from && $1 <= to' | sort -k2,2n | awk '
        { t[NR] = $2; if ($4 != 1) e++; if (min == "" || $1 < min) min = $1; if ($1 > max) max = $1 }
        END {
            if (NR == 0) { print "answers=0"; exit }
            secs = (max - min) / 1000; if (secs <= 0) secs = 1
            i50 = int(NR * 0.50); if (i50 < 1) i50 = 1
            i99 = int(NR * 0.99); if (i99 < 1) i99 = 1
            printf "answers=%d per_s=%.0f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f errors=%d\n", NR, NR / secs,
                t[i50], t[i99], t[NR], e + 0
        }'
}

# timeline NAME AT_MS: answers and the slowest answer in each second from 2 s before AT_MS to 6 s after.
timeline() {
    cat "$OUT/$1"/thread-*.tsv | awk -v at="$2" '
        { s = int(($1 - at) / 1000 + 100) - 100; if (s >= -2 && s <= 5) { c[s]++; if ($2 > m[s]) m[s] = $2 } }
        END { for (s = -2; s <= 5; s++) printf "  %+d s from the loss: %4d answers, slowest %4.0f ms\n", s, c[s], m[s] }'
}

instance_ports() { sed -n 's/^[[:space:]]*server 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$1"; }
listen_of() { sed -n 's/^[[:space:]]*listen \([0-9.]*:[0-9]*\);.*/\1/p' "$1" | head -1; }

log "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); $CONNECTIONS clients, ${DURATION}s per scenario"
printf 'scenario\tinstances\tsteps_per_s\tp50_ms\tp99_ms\tmax_ms\terrors\tother_cpu_pct\tafter_loss\n' >"$OUT/results.tsv"
for scenario in $SCENARIOS; do
    case "$scenario" in
        direct|one) instances=1 ;;
        two|kill|term) instances=2 ;;
        *) die "unknown scenario $scenario" ;;
    esac
    CURRENT_CONF="$WORK/$scenario.conf"
    CURRENT_RUN_DIR="$WORK/$scenario-run"
    config "$instances" "$CURRENT_CONF"
    RUN_DIR="$CURRENT_RUN_DIR" CONF="$CURRENT_CONF" "$RUN_LOCAL" up 2>>"$OUT/run-local.log"
    target="$(listen_of "$CURRENT_CONF")"
    [[ "$scenario" == direct ]] && target="127.0.0.1:$(instance_ports "$CURRENT_CONF" | head -1)"
    log "$scenario: $instances instance(s) via $target: warm-up ${WARMUP}s, then ${DURATION}s"
    if (( WARMUP > 0 )); then
        pages "$CONNECTIONS" "$target" "$WORK/$scenario-warmup.runs"
        play "$scenario-warmup" "$target" "$WARMUP"
    fi
    pages "$CONNECTIONS" "$target" "$WORK/$scenario.runs"
    wait_quiet

    lost=""
    if [[ "$scenario" == kill || "$scenario" == term ]]; then
        victim="$(instance_ports "$CURRENT_CONF" | head -1)"
        command=kill-instance; [[ "$scenario" == term ]] && command=stop-instance
        ( sleep "$KILL_AT"; date +%s%3N >"$WORK/lost-at"
          awk '{print $14 + $15}' "/proc/$(cat "$CURRENT_RUN_DIR/instance-$victim.pid")/stat" >"$WORK/lost-ticks"
          RUN_DIR="$CURRENT_RUN_DIR" CONF="$CURRENT_CONF" "$RUN_LOCAL" "$command" "$victim" 2>>"$OUT/run-local.log" ) &
    fi
    play "$scenario" "$target" "$DURATION"
    wait
    all="$(summary "$scenario")"
    if [[ -f "$WORK/lost-at" ]]; then
        at="$(cat "$WORK/lost-at")"; mv "$WORK/lost-at" "$OUT/$scenario/lost-at"
        lost="$(summary "$scenario" "$at" "$((at + WINDOW * 1000))")"
    fi
    field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
    printf '%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scenario" "$instances" "$(field per_s "$all")" \
        "$(field p50_ms "$all")" "$(field p99_ms "$all")" "$(field max_ms "$all")" "$(field errors "$all")" \
        "$(cat "$OUT/$scenario/other_cpu_pct")" \
        "${lost:+p99 $(field p99_ms "$lost") ms, max $(field max_ms "$lost") ms, $(field errors "$lost") errors, $(field answers "$lost") answers in ${WINDOW}s}" \
        >>"$OUT/results.tsv"
    [[ -n "$lost" ]] && timeline "$scenario" "$at" >"$OUT/$scenario/timeline.txt"
    RUN_DIR="$CURRENT_RUN_DIR" CONF="$CURRENT_CONF" "$RUN_LOCAL" stop 2>>"$OUT/run-local.log"
    CURRENT_RUN_DIR=""
done

echo
echo "LogitLab htmx step through nginx: $DATASET N=$N K=$K, $CONNECTIONS closed-loop clients, ${DURATION}s per scenario"
echo "machine: $(nproc) CPUs; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo
column -t -s $'\t' "$OUT/results.tsv"
echo
for scenario in $SCENARIOS; do
    [[ -f "$OUT/$scenario/timeline.txt" ]] && { echo "$scenario:"; cat "$OUT/$scenario/timeline.txt"; }
done
echo
echo "errors: answers that were not a 200 showing the next step of their run (wrk's socket errors are in wrk.txt)"
[[ "$OUT" != "$WORK/out" ]] && echo "raw answers in $OUT"
