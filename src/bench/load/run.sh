#!/usr/bin/env bash
# Load test of LogitLab's step routes: starts the server jar on a free port with a throw-away data directory,
# drives it from wrk (a second process) over loopback, prints throughput, p50/p99 latency and errors, stops
# the server. Bounded in time: build (if the jar is missing) + start + warm-up + one wrk run per scenario.
#
#   src/bench/load/run.sh                     # defaults below
#   DURATION=10 SCENARIOS="htmx" src/bench/load/run.sh
#
# Scenarios (SCENARIOS, space separated; each on fresh runs):
#   json      POST /api/runs/{id}/step  {"count":1}                    one run per connection
#   htmx      POST /lab/step  HX-Request: true, run={id}&count=1       one run per connection (the page's request)
#   json-one  like json, every connection on ONE run                    what the per-run lock costs: steps of
#   htmx-one  like htmx, every connection on ONE run                    one run are serialized (rendering is not)
#   stream    the page's play: /lab/stream over a WebSocket, one step in flight per connection (StreamLoad.java)
#   json-1c, htmx-1c  (not run by default) one connection, one wrk thread, one run: the service time of a
#             single request with the machine otherwise idle, i.e. the server's cost per step without queueing
#
# Environment:
#   DURATION=20 CONNECTIONS=32 THREADS=2   ONE_DURATION=5 (seconds of the -one and -1c scenarios: one run stops
#              at its last step, 41 666 here, which json-one would otherwise pass)
#   WARMUP=15  seconds of unreported json load, then as many of htmx load, on separate runs (JIT warm-up; 0: none);
#              then more htmx load in 5 s slices until the JIT compilers use under JIT_QUIET_PCT=3 % of the
#              server's CPU in a slice, for at most WARMUP_MAX=60 s more: until then the compilers take up to a
#              quarter of the CPU per step, and the figures measure the JIT rather than the warm server
#   DATASET=blobs N=1000 K=5
#   JAR=<repo>/target/logitlab.jar (built with mvn if missing)   WRK=/usr/bin/wrk  WRK_TIMEOUT=2s
#   JAVA_OPTS=-Xmn64m (the README's, set in lib.sh; JAVA_OPTS= for none)
#   TARGET_RPS=500 TARGET_P99_MS=50 CHECK_TARGETS=1 (the htmx scenario must meet them, else exit 2)
#   GZIP=0     1: every request sends Accept-Encoding: gzip, as a browser does, and the server gzips (level 1);
#              the body check then only checks the status, since the marker is inside the compressed body
#   OUT=<dir> keeps the raw wrk output, the server log and results.tsv there
#   WAIT_QUIET=0  on a shared machine: wait up to this many seconds, before each scenario, for a 5 s window in
#                 which other processes use under QUIET_PCT=15 % of all CPUs (the scenario then runs anyway)
#
# Columns: other_cpu_pct is the CPU that neither the server nor wrk used during the scenario, as a percentage of
# all CPUs: anything well above 0 means other work on the machine shared the cores and the figures are low.
# jit_pct is the share of the server's CPU its JIT compiler threads used during the scenario.
#
# Exit status: 0 all good; 1 any error (non-2xx, bad body, socket error, timeout, step count mismatch) or a
# failure to start; 2 no errors but the htmx targets were missed (with CHECK_TARGETS=1).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"

DURATION="${DURATION:-20}"
# A single run stops at its last step (N = 1000, K = 5, x1, x2: step 41 666, the work limit), which the JSON
# scenario on one run would reach in about 8 s; so the single-run scenarios are shorter.
ONE_DURATION="${ONE_DURATION:-5}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-15}"
WARMUP_MAX="${WARMUP_MAX:-60}"
JIT_QUIET_PCT="${JIT_QUIET_PCT:-3}"
DATASET="${DATASET:-blobs}"
N="${N:-1000}"
K="${K:-5}"
JAR="${JAR:-$ROOT/target/logitlab.jar}"
WRK="${WRK:-/usr/bin/wrk}"
WRK_TIMEOUT="${WRK_TIMEOUT:-2s}"
SCENARIOS="${SCENARIOS:-json htmx json-one htmx-one}"
TARGET_RPS="${TARGET_RPS:-500}"
TARGET_P99_MS="${TARGET_P99_MS:-50}"
CHECK_TARGETS="${CHECK_TARGETS:-1}"
OUT="${OUT:-}"
WAIT_QUIET="${WAIT_QUIET:-0}"
GZIP="${GZIP:-0}"
QUIET_PCT="${QUIET_PCT:-15}"

# shellcheck source=lib.sh
source "$HERE/lib.sh"

[[ -x "$WRK" ]] || die "wrk not found at $WRK (apt-get install wrk)"
command -v curl >/dev/null || die "curl is required"
command -v java >/dev/null || die "java is required"
(( CONNECTIONS >= THREADS )) || die "CONNECTIONS ($CONNECTIONS) must be >= THREADS ($THREADS)"

start_server

CLK_TCK="$(getconf CLK_TCK)"
NPROC="$(nproc)"
server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
# jit_ticks: CPU jiffies of the server's JIT compiler threads (a thread's name may hold a space: read past ")").
# A compiler thread that ends between the listing and the read counts 0.
jit_ticks() {
    local t ticks total=0
    for t in /proc/"$SERVER_PID"/task/*; do
        case "$(cat "$t/comm" 2>/dev/null || true)" in
            "C1 Compiler"* | "C2 Compiler"*)
                ticks="$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}' || true)"
                total=$((total + ${ticks:-0})) ;;
        esac
    done
    echo "$total"
}
# jit_pct JIT0 JIT1 SERVER0 SERVER1: the JIT's share of the server's CPU between two readings, in whole percent.
jit_pct() { awk -v j=$(($2 - $1)) -v s=$(($4 - $3)) 'BEGIN{printf "%.0f", (s > 0 && j > 0) ? 100 * j / s : 0}'; }
# create_runs COUNT FILE: COUNT fresh runs, their ids one a line in FILE.
create_runs() {
    local count=$1 file=$2 body code i
    : >"$file"
    for ((i = 0; i < count; i++)); do
        body="$(curl -s -w '\n%{http_code}' -X POST -H 'Content-Type: application/json' \
            -d "{\"dataset\":{\"name\":\"$DATASET\",\"n\":$N},\"classes\":$K}" "$BASE/api/runs")"
        code="${body##*$'\n'}"
        [[ "$code" == 201 ]] || die "POST /api/runs answered $code: ${body%$'\n'*}"
        sed -n 's/^{"id":"\([0-9a-f]*\)".*/\1/p' <<<"${body%$'\n'*}" >>"$file"
    done
    [[ "$(wc -l <"$file")" -eq "$count" ]] || die "could not read run ids from the create answers"
}

# total_steps FILE: the sum of the current step of every run in FILE.
total_steps() {
    local file=$1 total=0 id s
    while read -r id; do
        s="$(curl -s "$BASE/api/runs/$id" | grep -o '"step":[0-9]*' | head -1 | cut -d: -f2)"
        [[ -n "$s" ]] || die "GET /api/runs/$id gave no step"
        total=$((total + s))
    done <"$file"
    echo "$total"
}

# drive NAME MODE IDS_FILE SECONDS [CONNS THREADS]: one wrk run; prints its RESULT line.
drive() {
    local name=$1 mode=$2 ids=$3 seconds=$4 conns=${5:-$CONNECTIONS} threads=${6:-$THREADS}
    local TIMEFORMAT='%U %S' rc=0
    { time LOAD_MODE="$mode" LOAD_IDS="$ids" LOAD_THREADS="$threads" LOAD_GZIP="$GZIP" \
        timeout $((seconds + 60)) "$WRK" -t"$threads" -c"$conns" -d"${seconds}s" --timeout "$WRK_TIMEOUT" \
        --latency -s "$HERE/step.lua" "$BASE" >"$OUT/wrk-$name.txt" 2>&1 || rc=$?; } 2>"$WORK/wrk-time"
    (( rc == 0 )) || { cat "$OUT/wrk-$name.txt" >&2; die "wrk failed for $name"; }
    # wrk's own CPU (user + sys seconds), appended for the other_cpu column
    echo "$(grep '^RESULT ' "$OUT/wrk-$name.txt" | tail -1) wrk_cpu_s=$(awk '{print $1 + $2}' "$WORK/wrk-time")"
}

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }

# ------------------------------------------------------------------------------------------------ machine
log "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"

if (( WARMUP > 0 )); then
    create_runs "$CONNECTIONS" "$WORK/warm.ids"
    log "warm-up: ${WARMUP}s json + ${WARMUP}s htmx on separate runs (not reported)"
    drive warmup-json json "$WORK/warm.ids" "$WARMUP" >/dev/null
    drive warmup-htmx htmx "$WORK/warm.ids" "$WARMUP" >/dev/null
    for ((extra = 0; extra < WARMUP_MAX; extra += 5)); do
        s0="$(server_cpu_ticks)"; j0="$(jit_ticks)"
        drive warmup-htmx htmx "$WORK/warm.ids" 5 >/dev/null
        share="$(jit_pct "$j0" "$(jit_ticks)" "$s0" "$(server_cpu_ticks)")"
        log "warm-up: the JIT compilers took $share % of the server's CPU in 5 s more of htmx load"
        (( share < JIT_QUIET_PCT )) && break
    done
fi

# ------------------------------------------------------------------------------------------------ scenarios
printf 'scenario\truns\tconns\trps\tp50_ms\tp99_ms\tmax_ms\terrors\tnon2xx\tbad_body\tsocket\ttimeout\tbytes_per_resp\tserver_cpu_ms_per_req\tsteps_ok\tload1\tother_cpu_pct\tjit_pct\n' \
    >"$OUT/results.tsv"
total_errors=0
htmx_rps="" htmx_p99="" htmx_errors=""
stream_line=""
for scenario in $SCENARIOS; do
    seconds=$DURATION
    if [[ "$scenario" == stream ]]; then
        # The play stream: a Java client (JDK only, run from source) keeps one step in flight per WebSocket.
        log "stream: $CONNECTIONS WebSocket(s) on /lab/stream, one run each, ${seconds}s"
        wait_quiet
        cpu0="$(server_cpu_ticks)"
        stream_line="$(java "$ROOT/src/bench/java/org/logitlab/bench/StreamLoad.java" --url "$BASE" \
            --connections "$CONNECTIONS" --seconds "$seconds" --run "dataset=$DATASET&n=$N&classes=$K")" \
            || { total_errors=$((total_errors + 1)); log "stream: errors"; }
        cpu1="$(server_cpu_ticks)"
        answers="$(awk -F'\t' '{split($4, a, " "); print a[1] * '"$seconds"'}' <<<"$stream_line")"
        stream_line="$stream_line	$(awk -v t=$((cpu1 - cpu0)) -v hz="$CLK_TCK" -v n="$answers" \
            'BEGIN{printf "%.2f ms server CPU per answer", n ? t * 1000 / hz / n : 0}')"
        continue
    fi
    case "$scenario" in
        json) mode=json; runs=$CONNECTIONS; conns=$CONNECTIONS; threads=$THREADS ;;
        htmx) mode=htmx; runs=$CONNECTIONS; conns=$CONNECTIONS; threads=$THREADS ;;
        json-one) mode=json; runs=1; conns=$CONNECTIONS; threads=$THREADS; seconds=$ONE_DURATION ;;
        htmx-one) mode=htmx; runs=1; conns=$CONNECTIONS; threads=$THREADS; seconds=$ONE_DURATION ;;
        json-1c) mode=json; runs=1; conns=1; threads=1; seconds=$ONE_DURATION ;;
        htmx-1c) mode=htmx; runs=1; conns=1; threads=1; seconds=$ONE_DURATION ;;
        *) die "unknown scenario $scenario" ;;
    esac
    (( runs == 1 || runs >= threads )) || die "need at least THREADS runs"
    ids="$WORK/$scenario.ids"
    create_runs "$runs" "$ids"
    before_steps="$(total_steps "$ids")"; [[ -n "$before_steps" ]] || die "could not read step counts"
    log "$scenario: $conns connection(s), $threads thread(s), $runs run(s), ${seconds}s"
    wait_quiet
    load1="$(cut -d' ' -f1 /proc/loadavg)"
    cpu0="$(server_cpu_ticks)"; m0="$(machine_ticks)"; jit0="$(jit_ticks)"
    r="$(drive "$scenario" "$mode" "$ids" "$seconds" "$conns" "$threads")"
    cpu1="$(server_cpu_ticks)"; m1="$(machine_ticks)"; jit1="$(jit_ticks)"
    sleep 0.5 # let requests still in flight when wrk stopped finish before counting steps
    after_steps="$(total_steps "$ids")"; [[ -n "$after_steps" ]] || die "could not read step counts"
    [[ -n "$r" ]] || die "no RESULT line from wrk for $scenario"

    requests="$(field "$r" requests)"
    non2xx="$(field "$r" non2xx)"; bad_body="$(field "$r" bad_body)"
    socket=$(( $(field "$r" connect) + $(field "$r" read) + $(field "$r" write) ))
    timeouts="$(field "$r" timeout)"
    errors=$((non2xx + bad_body + socket + timeouts))
    # Every completed request must have moved its run by exactly one step; requests still in flight when wrk
    # stopped add at most one step per connection.
    stepped=$((after_steps - before_steps))
    if (( stepped >= requests && stepped <= requests + conns )); then steps_ok=yes; else steps_ok="no($stepped)"; errors=$((errors + 1)); fi
    total_errors=$((total_errors + errors))
    other_pct="$(awk -v a="$m0" -v b="$m1" -v srv=$((cpu1 - cpu0)) -v hz="$CLK_TCK" -v w="$(field "$r" wrk_cpu_s)" \
        'BEGIN{split(a, x, " "); split(b, y, " "); t = y[2] - x[2]; o = (y[1] - x[1]) - srv - w * hz;
               printf "%.0f", ((t > 0 && o > 0) ? 100 * o / t : 0)}')"
    cpu_ms_per_req="$(awk -v t=$((cpu1 - cpu0)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN{printf "%.2f", n ? t * 1000 / hz / n : 0}')"
    row="$(awk -v s="$scenario" -v runs="$runs" -v c="$conns" -v rps="$(field "$r" rps)" \
        -v p50="$(field "$r" p50_us)" -v p99="$(field "$r" p99_us)" -v mx="$(field "$r" max_us)" -v e="$errors" \
        -v n2="$non2xx" -v bb="$bad_body" -v so="$socket" -v to="$timeouts" -v b="$(field "$r" bytes)" -v n="$requests" \
        -v cpu="$cpu_ms_per_req" -v ok="$steps_ok" -v l="$load1" -v o="$other_pct" \
        -v jit="$(jit_pct "$jit0" "$jit1" "$cpu0" "$cpu1")" \
        'BEGIN{printf "%s\t%d\t%d\t%.1f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%d\t%d\t%d\t%.0f\t%s\t%s\t%s\t%s\t%s\n",
               s, runs, c, rps, p50/1000, p99/1000, mx/1000, e, n2, bb, so, to, n ? b/n : 0, cpu, ok, l, o, jit}')"
    printf '%s\n' "$row" >>"$OUT/results.tsv"
    if [[ "$scenario" == htmx ]]; then
        htmx_rps="$(field "$r" rps)"; htmx_p99="$(field "$r" p99_us)"; htmx_errors=$errors
    fi
done

# ------------------------------------------------------------------------------------------------ report
echo
echo "LogitLab step load: $DATASET N=$N K=$K, $CONNECTIONS connections / $THREADS wrk threads, ${DURATION}s per scenario"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1); load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo
column -t -s $'\t' "$OUT/results.tsv"
echo
echo "errors = non-2xx + responses without the expected body + socket errors + timeouts (+1 if step counts disagree)"
echo "server_cpu_ms_per_req = server process CPU time (user+sys) during the scenario / completed requests"
echo "other_cpu_pct = CPU used by neither the server nor wrk during the scenario, % of all $NPROC CPUs (contention)"
echo "jit_pct = the server's JIT compiler threads' share of its CPU during the scenario (near 0 once warm)"
if [[ -n "$stream_line" ]]; then
    echo
    echo "$stream_line"
fi

status=0
if (( total_errors > 0 )); then
    echo "FAIL: $total_errors error(s)"
    status=1
fi
if [[ -n "$htmx_rps" ]]; then
    verdict="$(awk -v r="$htmx_rps" -v p="$htmx_p99" -v e="$htmx_errors" -v tr="$TARGET_RPS" -v tp="$TARGET_P99_MS" \
        'BEGIN{ok = (r >= tr && p / 1000 < tp && e == 0);
               printf "%s: htmx step %.1f steps/s (target >= %d), p99 %.2f ms (target < %d), %d errors",
                      ok ? "TARGETS MET" : "TARGETS MISSED", r, tr, p / 1000, tp, e}')"
    echo "$verdict"
    if [[ "$verdict" == "TARGETS MISSED"* && "$CHECK_TARGETS" == 1 && $status == 0 ]]; then status=2; fi
fi
[[ "$OUT" != "$WORK/out" ]] && echo "raw output in $OUT"
exit "$status"
