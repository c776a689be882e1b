# Shared by the load scripts: logging, building the jar, and a private server on a free port that is stopped on exit.
# Callers set ROOT, JAR and OUT (optional) first, then call start_server; it sets WORK, OUT, BASE and
# SERVER_PID.

# The server's JVM options: the README's run command (a 64 MB young generation, see RESULTS.md); JAVA_OPTS= for none.
JAVA_OPTS="${JAVA_OPTS--Xmn64m}"

log() { printf '[load] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# machine_ticks: "busy total" jiffies summed over all CPUs.
machine_ticks() { awk '/^cpu /{b = $2 + $3 + $4 + $7 + $8 + $9; print b, b + $5 + $6; exit}' /proc/stat; }

# wait_quiet: up to WAIT_QUIET s for a 5 s window where the machine (the idle server included) is < QUIET_PCT busy.
wait_quiet() {
    (( WAIT_QUIET > 0 )) || return 0
    local deadline=$((SECONDS + WAIT_QUIET)) a b pct
    while :; do
        a="$(machine_ticks)"; sleep 5; b="$(machine_ticks)"
        pct="$(awk -v a="$a" -v b="$b" 'BEGIN{split(a, x, " "); split(b, y, " "); t = y[2] - x[2];
                                          printf "%d", (t > 0 ? 100 * (y[1] - x[1]) / t : 0)}')"
        if (( pct < QUIET_PCT )); then log "machine quiet (${pct}% busy)"; return 0; fi
        if (( SECONDS >= deadline )); then log "machine still ${pct}% busy after ${WAIT_QUIET}s: running anyway"; return 0; fi
        log "machine ${pct}% busy with other work: waiting"
    done
}

# build_jar: builds target/logitlab.jar when it is missing.
build_jar() {
if [[ ! -f "$JAR" ]]; then
    log "no $JAR: building it (mvn package -DskipTests)"
    # Others may be mid-edit: a tree that does not compile gets two more tries, a minute apart.
    for attempt in 1 2 3; do
        ( cd "$ROOT" && { timeout 600 mvn -q -o package -DskipTests || timeout 600 mvn -q package -DskipTests; } ) \
            && break
        (( attempt < 3 )) || die "build failed"
        log "build failed (attempt $attempt): retrying in 60 s"
        sleep 60
    done
    [[ -f "$JAR" ]] || die "build produced no $JAR"
fi
}

# start_server: a private copy of the jar on a free port, with a throw-away data directory.
start_server() {
build_jar

WORK="$(mktemp -d "${TMPDIR:-/tmp}/logitlab-load.XXXXXX")"
if [[ -n "$OUT" ]]; then mkdir -p "$OUT"; else OUT="$WORK/out"; mkdir -p "$OUT"; fi
# Run a private copy, so a concurrent `mvn package` rewriting target/ cannot pull classes from under the JVM.
cp "$JAR" "$WORK/logitlab.jar"
mkdir -p "$WORK/data"

SERVER_PID=""
cleanup() {
    local rc=$?
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    [[ -f "$WORK/server.log" && "$OUT" != "$WORK/out" ]] && cp "$WORK/server.log" "$OUT/server.log"
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------------------------------------ start
# PORT=0: the server takes a free port from the kernel and logs it; all traffic below goes to 127.0.0.1.
log "starting server (${JAVA_OPTS:-default JVM options})"
: >"$WORK/server.log"
# shellcheck disable=SC2086
PORT=0 LOGITLAB_DATA_DIR="$WORK/data" java $JAVA_OPTS -jar "$WORK/logitlab.jar" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 120); do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; die "server exited during start"; }
    PORT="$(sed -n 's/.*running at http:\/\/localhost:\([0-9]*\)\/.*/\1/p' "$WORK/server.log" | head -1 || true)"
    [[ -n "$PORT" ]] && break
    sleep 0.5
done
[[ -n "$PORT" ]] || { tail -20 "$WORK/server.log" >&2; die "server did not report its port within 60 s"; }
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 40); do curl -s -o /dev/null "$BASE/" && break; sleep 0.25; done
log "server pid $SERVER_PID at $BASE"
}

