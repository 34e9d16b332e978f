# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
# Shared helpers for the benchmark scripts that source it (bench/images.sh, bench/containers.sh, and
# bench/bench.sh for the helpers below that do not need lib_init). Sourced, never run. Daemons: berthd in the host
# network namespace, dockerd in a fresh network namespace and a private mount namespace, everything under
# $WORK, and a cleanup trap that stops what was started, unmounts what is left under $WORK, and removes what
# dockerd 20.10 writes on the host.
#
# The sourcing script sets, before calling lib_init:  HERE ROOT OUT  and the settings BERTHD DOCKERD
# START_TIMEOUT (and DOCKER_CLI OP_TIMEOUT for dk); it may append commands to CLEANUP_HOOKS (run first by
# the trap, in order, while the daemons still run) and AFTER_STOP_HOOKS (run once they are stopped).

# Messages go to the script's stderr as it was at lib_init (LOG_FD), also from a trap that runs while a
# command's stderr is redirected.
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&"${LOG_FD:-2}"; }
die() { log "ERROR: $*"; exit 1; }
load1() { cut -d' ' -f1 /proc/loadavg; }
now_ns() { date +%s%N; }
now_us() { local t=${EPOCHREALTIME/./}; echo "${t#0}"; } # bash 5: no fork, so it can time short commands
ms_since_us() { awk -v a="$1" -v b="$(now_us)" 'BEGIN { printf "%.1f", (b - a) / 1e3 }'; } # start_us -> ms
secs_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; } # start_ns -> seconds

lib_init() { # prefix of the temporary directory, name of the log folder under $OUT (-STAMP is added)
    exec {LOG_FD}>&2
    STAMP=$(date +%Y%m%d-%H%M%S)
    WORK=$(mktemp -d "/tmp/$1.XXXXXX")
    LOGDIR_NAME=$2-$STAMP
    RESULTS=$WORK/results.txt
    : >"$RESULTS"
    DAEMONS=()            # daemons running: berthd, dockerd
    declare -gA PID SOCK NETNS CHILDREN
    NETNS_MADE=()
    HELPER_PIDS=()        # other processes started (registries): stopped by the trap
    CLEANUP_HOOKS=()
    AFTER_STOP_HOOKS=()   # run by the trap once the daemons are stopped, before the unmounting
    ETC_KEY_EXISTED=1; [[ -e /etc/docker/key.json ]] || ETC_KEY_EXISTED=0
    ETC_DIR_EXISTED=1; [[ -d /etc/docker ]] || ETC_DIR_EXISTED=0
    RUN_DOCKER_EXISTED=1; [[ -d /run/docker ]] || RUN_DOCKER_EXISTED=0
    DOCKERD_STARTED=0
    trap lib_cleanup EXIT
    trap 'exit 130' INT TERM
}

stop_pid() { # pid label [seconds before SIGKILL]
    local p=$1 label=$2 wait_s=${3:-20} i
    kill -0 "$p" 2>/dev/null || return 0
    kill -TERM "$p" 2>/dev/null || true
    for ((i = 0; i < wait_s * 5; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$p" 2>/dev/null; then
        log "$label (pid $p) did not stop in ${wait_s} s; SIGKILL"
        kill -KILL "$p" 2>/dev/null || true
        sleep 0.5
    fi
    wait "$p" 2>/dev/null || true
}

stop_daemon() { # name
    local name=$1 pid=${PID[$1]:-} c i
    [[ -n $pid ]] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        log "stopping $name (pid $pid)"
        stop_pid "$pid" "$name" 20
    fi
    # Helpers it started (dockerd's managed containerd): only the pids recorded while it ran.
    for c in ${CHILDREN[$name]:-}; do
        if kill -0 "$c" 2>/dev/null; then
            for ((i = 0; i < 25; i++)); do kill -0 "$c" 2>/dev/null || break; sleep 0.2; done
            if kill -0 "$c" 2>/dev/null; then
                log "child $c of $name still running; SIGTERM"
                kill -TERM "$c" 2>/dev/null || true
                sleep 2
                kill -KILL "$c" 2>/dev/null || true
            fi
        fi
    done
    PID[$name]=
}

lib_cleanup() {
    local rc=$? p n h
    trap - EXIT INT TERM
    for h in "${CLEANUP_HOOKS[@]}"; do eval "$h" || true; done
    for n in "${DAEMONS[@]}"; do stop_daemon "$n"; done
    for p in "${HELPER_PIDS[@]}"; do stop_pid "$p" "helper" 5; done
    for h in "${AFTER_STOP_HOOKS[@]}"; do eval "$h" || true; done
    for n in "${NETNS_MADE[@]}"; do ip netns del "$n" 2>/dev/null || log "could not delete netns $n"; done
    [[ ! -d $WORK ]] || unmount_under "$WORK"
    if ((DOCKERD_STARTED)); then
        if ((!ETC_KEY_EXISTED)) && [[ -e /etc/docker/key.json ]]; then rm -f /etc/docker/key.json; fi
        if ((!ETC_DIR_EXISTED)); then rmdir /etc/docker 2>/dev/null || true; fi
        if ((!RUN_DOCKER_EXISTED)); then rmdir /run/docker/plugins /run/docker 2>/dev/null || true; fi
    fi
    # Keep the logs next to the results, then remove the temporary tree (never crossing a mount).
    if [[ -d $WORK ]]; then
        mkdir -p "$OUT/$LOGDIR_NAME"
        cp "$WORK"/*.log "$RESULTS" "$OUT/$LOGDIR_NAME/" 2>/dev/null || true
        rm -rf --one-file-system "$WORK" 2>/dev/null || log "could not remove all of $WORK (a mount inside?)"
    fi
    exit "$rc"
}

# Unmount whatever is still mounted at or below a directory of ours (berthd's container rootfs mounts when it
# was stopped with containers left), deepest first; lazily if busy. Only mounts in this mount namespace.
unmount_under() { # dir
    local dir=$1 m
    awk -v d="$dir" '{ p = $5; gsub(/\\040/, " ", p); if (p == d || index(p, d "/") == 1) print p }' /proc/self/mountinfo |
        sort -r | while IFS= read -r m; do
            log "unmounting leftover $m"
            umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "could not unmount $m"
        done
}

# Build berthd with scripts/build-release, plus other products that must sit beside it (berth-shim,
# berth-unpack), with the same flags. Sets BERTHD.
build_berthd() { # (scripts/build-release also builds berth-shim and berth-unpack beside berthd)
    local bin
    command -v swift >/dev/null || die "swift not found; set BERTHD=/path/to/berthd"
    log "building berthd, berth-shim and berth-unpack (scripts/build-release)"
    bin=$("$ROOT/scripts/build-release") || die "scripts/build-release failed"
    BERTHD=$bin/berthd
}

# The docker CLI against one of our daemons, with a private config (no credentials or contexts of the host).
docker_cli_env() {
    export DOCKER_CONFIG=$WORK/docker-config DOCKER_CLI_HINTS=false
    unset DOCKER_HOST DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
    mkdir -p "$DOCKER_CONFIG"
}
dk() { # daemon docker-args...
    local n=$1
    shift
    timeout "$OP_TIMEOUT" "$DOCKER_CLI" -H "unix://${SOCK[$n]}" "$@"
}

# Run a command in the daemon's network namespace (or here when it has none).
in_ns() { # name cmd...
    local ns=${NETNS[$1]:-}
    shift
    if [[ -n $ns ]]; then nsenter --net="/run/netns/$ns" -- "$@"; else "$@"; fi
}

make_netns() { # name -> sets NETNS[name]
    local ns="berthbench-$$-$1"
    ip netns add "$ns" || return 1
    NETNS_MADE+=("$ns")
    ip netns exec "$ns" ip link set lo up || return 1
    NETNS[$1]=$ns
}

free_port() { # a free TCP port on 127.0.0.1 in this namespace, not in the list given
    local p i
    for ((i = 0; i < 200; i++)); do
        p=$((20000 + RANDOM % 30000))
        [[ " $* " == *" $p "* ]] && continue
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
    done
    return 1
}

children_of() { # pid -> direct child pids
    cat /proc/"$1"/task/*/children 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+$' || true
}

# Resolve DOCKERD (empty: command -v dockerd; none: skip) and check what isolating it needs.
resolve_dockerd() {
    DOCKERD_NOTE=""
    if [[ -z $DOCKERD ]]; then
        DOCKERD=$(command -v dockerd || echo none)
        [[ $DOCKERD != none ]] || DOCKERD_NOTE="dockerd not installed; berthd only"
    elif [[ $DOCKERD == none ]]; then
        DOCKERD_NOTE="dockerd skipped (DOCKERD=none); berthd only"
    fi
    if [[ $DOCKERD != none ]]; then
        if [[ ! -x $DOCKERD ]]; then
            DOCKERD_NOTE="DOCKERD=$DOCKERD is not an executable; berthd only"; DOCKERD=none
        elif ((EUID != 0)); then
            DOCKERD_NOTE="the dockerd comparison needs root (network namespace); berthd only"; DOCKERD=none
        elif ! command -v ip >/dev/null || ! command -v nsenter >/dev/null || ! command -v unshare >/dev/null; then
            DOCKERD_NOTE="the dockerd comparison needs ip (iproute2), nsenter and unshare (util-linux); berthd only"; DOCKERD=none
        fi
    fi
    [[ -z $DOCKERD_NOTE ]] || log "$DOCKERD_NOTE"
}

wait_ping() { # name logfile: until /_ping answers on its unix socket
    local name=$1 logf=$2 i pid=${PID[$1]}
    for ((i = 0; i < START_TIMEOUT * 4; i++)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            log "$name exited during start; last lines of its log:"
            tail -n 25 "$logf" >&2 || true
            return 1
        fi
        if curl -fsS -m 2 --unix-socket "${SOCK[$name]}" http://localhost/_ping >/dev/null 2>&1; then return 0; fi
        sleep 0.25
    done
    log "$name did not answer /_ping within ${START_TIMEOUT}s; last lines of its log:"
    tail -n 25 "$logf" >&2 || true
    return 1
}

# berthd, unix socket only, in the host network namespace (it only talks to 127.0.0.1 registries).
start_berthd_unix() { # extra flags...
    local d=$WORK/berthd
    mkdir -p "$d/data" "$d/exec"
    SOCK[berthd]=$d/berth.sock
    local cmd=("$BERTHD" -H "unix://${SOCK[berthd]}" --data-root "$d/data" --exec-root "$d/exec" --pidfile "$d/berthd.pid" "$@")
    log "starting berthd: ${cmd[*]}"
    "${cmd[@]}" >"$WORK/berthd.log" 2>&1 &
    PID[berthd]=$!
    DAEMONS+=(berthd)
    wait_ping berthd "$WORK/berthd.log" || die "berthd did not start"
    CHILDREN[berthd]=$(children_of "${PID[berthd]}" | tr '\n' ' ')
}

# dockerd in a fresh network namespace and a private mount namespace; nsenter rather than `ip netns exec`,
# which remounts /sys and hides the cgroup mounts. It keeps its default bridge: the docker0 and the iptables
# rules it makes exist only inside that namespace (never pass --bridge=none: run in the host namespace by
# mistake, it deletes the host's docker0). Extra flags (--iptables=false where iptables is missing) come as
# arguments.
start_dockerd_unix() { # extra flags...
    local d=$WORK/dockerd
    mkdir -p "$d/data" "$d/exec"
    echo '{}' >"$d/daemon.json"
    SOCK[dockerd]=$d/docker.sock
    [[ -n ${NETNS[dockerd]:-} ]] || make_netns dockerd || { log "cannot create a network namespace; skipping dockerd"; return 1; }
    local cmd=("$DOCKERD" -H "unix://${SOCK[dockerd]}"
        --data-root "$d/data" --exec-root "$d/exec" --pidfile "$d/dockerd.pid" --config-file "$d/daemon.json"
        --containerd-namespace berthbench --containerd-plugins-namespace berthbench-plugins "$@")
    log "starting dockerd in netns ${NETNS[dockerd]}: ${cmd[*]}"
    DOCKERD_STARTED=1
    nsenter --net="/run/netns/${NETNS[dockerd]}" unshare --mount --propagation private -- \
        "${cmd[@]}" >"$WORK/dockerd.log" 2>&1 &
    PID[dockerd]=$!
    DAEMONS+=(dockerd)
    wait_ping dockerd "$WORK/dockerd.log" || die "dockerd did not start"
    local i
    for ((i = 0; i < 20; i++)); do
        CHILDREN[dockerd]=$(children_of "${PID[dockerd]}" | tr '\n' ' ')
        [[ -n ${CHILDREN[dockerd]// /} ]] && break
        sleep 0.25
    done
}

# The `meta` lines every report starts with (machine, daemons, CLI); the caller sets the *_VERSION variables.
common_meta() {
    echo "meta date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "meta kernel=$(uname -r)"
    echo "meta cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 0)"
    echo "meta loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "meta berthd=$BERTHD"
    echo "meta berthd_version=$BERTHD_VERSION"
    echo "meta dockerd=$DOCKERD"
    echo "meta dockerd_version=$DOCKERD_VERSION"
    echo "meta dockerd_note=${DOCKERD_NOTE:-}"
    echo "meta docker_cli=$CLI_VERSION"
}

rss_kb() { awk '/^VmRSS:/ {print $2; f=1} END {if (!f) print 0}' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM:/ {print $2; f=1} END {if (!f) print 0}' "/proc/$1/status" 2>/dev/null || echo 0; }

child_names() { # name -> comma-separated comm of recorded children
    local c out=""
    for c in ${CHILDREN[$1]:-}; do
        [[ -r /proc/$c/comm ]] && out+="${out:+,}$(cat "/proc/$c/comm")"
    done
    echo "${out:-none}"
}

# One line `kind=rss daemon= phase= ...` into $RESULTS: the daemon process, and its long-lived children
# (dockerd's managed containerd) recorded at start.
record_rss() { # name phase [round]
    local name=$1 phase=$2 round=${3:-0} pid=${PID[$1]} c ckb=0 line
    for c in ${CHILDREN[$name]:-}; do ckb=$((ckb + $(rss_kb "$c"))); done
    line="kind=rss daemon=$name phase=$phase round=$round load1=$(load1) daemon_kb=$(rss_kb "$pid") hwm_kb=$(hwm_kb "$pid") children_kb=$ckb children=$(child_names "$name") threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status" 2>/dev/null)"
    echo "$line" >>"$RESULTS"
    log "  $line"
}
