#!/usr/bin/env bash
# LogitLab as several instances behind nginx, on one machine: for trying it, and for the load measurement.
#
#   deploy/run-local.sh                 start the instances and nginx, wait until they answer, stay in the
#                                       foreground; Ctrl-C stops them all
#   deploy/run-local.sh up              the same, but return once they answer (they keep running)
#   deploy/run-local.sh stop            stop them all (from another terminal, or after `up`)
#   deploy/run-local.sh status          which of them answer
#   deploy/run-local.sh stop-instance PORT | kill-instance PORT | start-instance PORT
#                                       stop one instance gracefully (SIGTERM), kill it (SIGKILL, as a crash),
#                                       or start it again: to watch a failover
#
# The instances are the ports of deploy/nginx.conf's upstream `server 127.0.0.1:PORT` lines (7071 and 7072; add a
# line for a third), started from a copy of target/logitlab.jar (built if missing) with PORT, one shared
# LOGITLAB_DATA_DIR and LOGITLAB_TRUSTED_PROXY=127.0.0.1. nginx listens on 127.0.0.1:8080 (see its `listen`).
#
# Environment: RUN_DIR=<repo>/target/deploy-run (pid files, logs, nginx's files, the jar's copy)
#              LOGITLAB_DATA_DIR=$RUN_DIR/data   JAVA_OPTS=-Xmn64m (the README's)   NGINX=/usr/sbin/nginx
#              CONF=deploy/nginx.conf (another config: other ports, more or fewer instances)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
CONF="${CONF:-$HERE/nginx.conf}"
RUN_DIR="${RUN_DIR:-$ROOT/target/deploy-run}"
DATA_DIR="${LOGITLAB_DATA_DIR:-$RUN_DIR/data}"
NGINX="${NGINX:-/usr/sbin/nginx}"
JAVA_OPTS="${JAVA_OPTS--Xmn64m}"
JAR="$ROOT/target/logitlab.jar"

log() { printf '[run-local] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PORTS=($(sed -n 's/^[[:space:]]*server 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$CONF"))
LISTEN="$(sed -n 's/^[[:space:]]*listen \([0-9.]*:[0-9]*\);.*/\1/p' "$CONF" | head -1)"
(( ${#PORTS[@]} > 0 )) && [[ -n "$LISTEN" ]] || die "cannot read the listen and server lines of $CONF"

answers() { curl -s -o /dev/null -m 2 "http://$1/api/runs/00000000000000000000000000000000"; }

# alive PIDFILE PATTERN: the pid in the file, if that process is still ours (its command line matches).
alive() {
    local pid
    [[ -f "$1" ]] || return 1
    pid="$(cat "$1")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2" || return 1
    echo "$pid"
}

instance_pattern() { echo "$RUN_DIR/logitlab.jar"; }

start_instance() {
    local port=$1 pid
    if pid="$(alive "$RUN_DIR/instance-$port.pid" "$(instance_pattern)")"; then
        log "instance $port is already running (pid $pid)"; return 0
    fi
    answers "127.0.0.1:$port" && die "something else already answers on port $port"
    # shellcheck disable=SC2086
    PORT="$port" LOGITLAB_DATA_DIR="$DATA_DIR" LOGITLAB_TRUSTED_PROXY=127.0.0.1 \
        nohup java $JAVA_OPTS -jar "$RUN_DIR/logitlab.jar" >>"$RUN_DIR/instance-$port.log" 2>&1 &
    echo $! >"$RUN_DIR/instance-$port.pid"
    log "instance $port: pid $!, log $RUN_DIR/instance-$port.log"
}

# stop_pid PIDFILE PATTERN SIGNAL SECONDS: signal our process, wait for it, then SIGKILL.
stop_pid() {
    local pid
    pid="$(alive "$1" "$2")" || { rm -f "$1"; return 0; }
    kill -"$3" "$pid" 2>/dev/null || true
    for _ in $(seq $(($4 * 5))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$1"
}

start_nginx() {
    [[ -x "$NGINX" ]] || die "nginx not found at $NGINX (apt-get install nginx)"
    if alive "$RUN_DIR/nginx.pid" "$RUN_DIR/nginx/" >/dev/null; then log "nginx is already running"; return 0; fi
    answers "$LISTEN" && die "something else already answers on $LISTEN"
    mkdir -p "$RUN_DIR/nginx"
    "$NGINX" -t -q -p "$RUN_DIR/nginx/" -c "$CONF" || die "nginx refuses $CONF"
    nohup "$NGINX" -p "$RUN_DIR/nginx/" -c "$CONF" -g 'daemon off;' >>"$RUN_DIR/nginx/stdout.log" 2>&1 &
    echo $! >"$RUN_DIR/nginx.pid"
    log "nginx: pid $!, on http://$LISTEN/, logs in $RUN_DIR/nginx/"
}

await() {
    local what=$1 address=$2
    for _ in $(seq 120); do answers "$address" && return 0; sleep 0.25; done
    die "$what does not answer on $address after 30 s (see $RUN_DIR)"
}

up() {
    command -v java >/dev/null || die "java is required"
    command -v curl >/dev/null || die "curl is required"
    mkdir -p "$RUN_DIR" "$DATA_DIR"
    if [[ ! -f "$JAR" ]]; then
        log "no $JAR: building it"
        (cd "$ROOT" && mvn -q -B package -DskipTests) || die "build failed"
    fi
    # A copy, so that a rebuild cannot pull classes from under running instances.
    cp "$JAR" "$RUN_DIR/logitlab.jar"
    for port in "${PORTS[@]}"; do start_instance "$port"; done
    for port in "${PORTS[@]}"; do await "instance $port" "127.0.0.1:$port"; done
    start_nginx
    await nginx "$LISTEN"
    log "up: http://$LISTEN/ in front of ${PORTS[*]} (data in $DATA_DIR)"
}

stop() {
    stop_pid "$RUN_DIR/nginx.pid" "$RUN_DIR/nginx/" QUIT 10
    # Instances finish their requests in flight (up to 30 s) on SIGTERM.
    for port in "${PORTS[@]}"; do stop_pid "$RUN_DIR/instance-$port.pid" "$(instance_pattern)" TERM 35 & done
    wait
    log "stopped"
}

status() {
    for port in "${PORTS[@]}"; do
        if answers "127.0.0.1:$port"; then echo "instance $port: up"; else echo "instance $port: down"; fi
    done
    if answers "$LISTEN"; then echo "nginx $LISTEN: up"; else echo "nginx $LISTEN: down"; fi
}

known_port() {
    [[ " ${PORTS[*]} " == *" ${1:-} "* ]] || die "not an instance port of $CONF: ${1:-} (they are ${PORTS[*]})"
}

case "${1:-run}" in
    run)
        trap 'stop; exit 0' INT TERM
        up
        log "Ctrl-C stops them all"
        while :; do sleep 1; done
        ;;
    up) up ;;
    stop) stop ;;
    status) status ;;
    stop-instance) known_port "${2:-}"; stop_pid "$RUN_DIR/instance-$2.pid" "$(instance_pattern)" TERM 35 ;;
    kill-instance) known_port "${2:-}"; stop_pid "$RUN_DIR/instance-$2.pid" "$(instance_pattern)" KILL 5 ;;
    start-instance) known_port "${2:-}"; start_instance "$2"; await "instance $2" "127.0.0.1:$2" ;;
    *) die "unknown command ${1}: run, up, stop, status, stop-instance PORT, kill-instance PORT, start-instance PORT" ;;
esac
