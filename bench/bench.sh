#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Berth benchmark: berthd against dockerd, side by side, in one run. See bench/README.md.
#
#   bench/bench.sh                      build berthd (release) and compare it with dockerd if installed
#   BERTHD=/path/to/berthd bench/bench.sh
#   BERTHD=none bench/bench.sh          dockerd only
#   DOCKERD=none bench/bench.sh         berthd only
#   DURATION=5 ROUNDS=1 bench/bench.sh  quicker
#
# Needs: bash, cc, curl, awk, util-linux (nsenter, unshare), iproute2 (ip) for the dockerd comparison;
# root for the dockerd comparison (network namespace, dockerd itself). Talks to loopback only.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT="$HERE/out"

# ---------------------------------------------------------------------------------------------
# Settings (environment)

DURATION=${DURATION:-10}          # seconds per measured load run
WARMUP=${WARMUP:-1}               # seconds of unmeasured load before each measured run (0 = none)
THREADS=${THREADS:-2}             # loadgen threads
CONNS=${CONNS:-25}                # keep-alive connections per thread
ROUNDS=${ROUNDS:-2}               # interleaved rounds (berthd, dockerd, dockerd, berthd, ...)
TESTS=${TESTS:-"ping_unix ping_tcp version_unix info_unix"}
IDLE_CONNS=${IDLE_CONNS:-1000}    # idle connections held open for the RSS figure (0 = skip)
IDLE_REQUEST=${IDLE_REQUEST:-1}   # 1: each idle connection first does one GET /_ping (keep-alive idle)
SETTLE=${SETTLE:-3}               # seconds to let a daemon settle before an RSS reading
START_TIMEOUT=${START_TIMEOUT:-90}
HEADERS=${HEADERS:-}              # extra request header lines, one per line ("Authorization: Bearer x")
BERTHD=${BERTHD:-}                # empty: build it; a path: use it; none: skip
BERTHD_ARGS=${BERTHD_ARGS:-}      # extra berthd flags (word-split)
BERTHD_NETNS=${BERTHD_NETNS:-0}   # 1: run berthd in its own network namespace too (symmetry)
DOCKERD=${DOCKERD:-}              # empty: `command -v dockerd`; a path: use it; none: skip
DOCKERD_ARGS=${DOCKERD_ARGS:-}    # extra dockerd flags (word-split)
FLOOR=${FLOOR:-1}                 # 1: also load bench/floor.c (a minimal C server) with the ping tests
TARGET_PING_RATIO=${TARGET_PING_RATIO:-4}
TARGET_IDLE_RSS_MIB=${TARGET_IDLE_RSS_MIB:-15}

for v in DURATION THREADS CONNS ROUNDS IDLE_CONNS SETTLE START_TIMEOUT WARMUP; do
    [[ ${!v} =~ ^[0-9]+$ ]] || { echo "bench: $v must be a non-negative integer (got '${!v}')" >&2; exit 2; }
done
((DURATION >= 1 && DURATION <= 3600)) || { echo "bench: DURATION must be 1..3600" >&2; exit 2; }
((ROUNDS >= 1)) || { echo "bench: ROUNDS must be >= 1" >&2; exit 2; }

# test name -> transport method path
test_spec() {
    case $1 in
    ping_unix) echo "unix GET /_ping" ;;
    ping_tcp) echo "tcp GET /_ping" ;;
    ping_head_unix) echo "unix HEAD /_ping" ;;
    ping_head_tcp) echo "tcp HEAD /_ping" ;;
    version_unix) echo "unix GET /version" ;;
    version_tcp) echo "tcp GET /version" ;;
    info_unix) echo "unix GET /info" ;;
    info_tcp) echo "tcp GET /info" ;;
    containers_unix) echo "unix GET /containers/json?all=1" ;;
    images_unix) echo "unix GET /images/json" ;;
    *) return 1 ;;
    esac
}
for t in $TESTS; do
    test_spec "$t" >/dev/null || { echo "bench: unknown test '$t' in TESTS" >&2; exit 2; }
done

# log, die, load1, stop_daemon, in_ns, make_netns, free_port, children_of, rss_kb, hwm_kb, child_names:
# the helpers bench/lib.sh shares with images.sh and containers.sh (this script keeps its own set-up,
# TCP listeners and cleanup, and its record_rss, which also counts descriptors).
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"

command -v cc >/dev/null || die "cc not found (apt-get install -y gcc)"
command -v curl >/dev/null || die "curl not found (apt-get install -y curl)"
command -v awk >/dev/null || die "awk not found"

# ---------------------------------------------------------------------------------------------
# State and cleanup

STAMP=$(date +%Y%m%d-%H%M%S)
WORK=$(mktemp -d /tmp/berthbench.XXXXXX)
RESULTS=$WORK/results.txt
: >"$RESULTS"
DAEMONS=()                   # names of the daemons running: berthd, dockerd
declare -A PID SOCK PORT NETNS CHILDREN
NETNS_MADE=()
BG_PIDS=()                   # loadgen --connect-only runs
# dockerd 20.10 writes /etc/docker/key.json and makes /run/docker/plugins: undo what was not there before.
ETC_KEY_EXISTED=1; [[ -e /etc/docker/key.json ]] || ETC_KEY_EXISTED=0
ETC_DIR_EXISTED=1; [[ -d /etc/docker ]] || ETC_DIR_EXISTED=0
RUN_DOCKER_EXISTED=1; [[ -d /run/docker ]] || RUN_DOCKER_EXISTED=0
DOCKERD_STARTED=0

cleanup() {
    local rc=$? p n
    trap - EXIT INT TERM
    for p in "${BG_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for n in "${DAEMONS[@]}"; do stop_daemon "$n"; done
    for n in "${NETNS_MADE[@]}"; do ip netns del "$n" 2>/dev/null || log "could not delete netns $n"; done
    if ((DOCKERD_STARTED)); then
        if ((!ETC_KEY_EXISTED)) && [[ -e /etc/docker/key.json ]]; then rm -f /etc/docker/key.json; fi
        if ((!ETC_DIR_EXISTED)); then rmdir /etc/docker 2>/dev/null || true; fi
        if ((!RUN_DOCKER_EXISTED)); then rmdir /run/docker/plugins /run/docker 2>/dev/null || true; fi
    fi
    # Keep the logs next to the results, then remove the temporary tree (never crossing a mount).
    if [[ -d $WORK ]]; then
        mkdir -p "$OUT/logs-$STAMP"
        cp "$WORK"/*.log "$RESULTS" "$OUT/logs-$STAMP/" 2>/dev/null || true
        rm -rf --one-file-system "$WORK" 2>/dev/null || log "could not remove all of $WORK (a mount inside?)"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Build

mkdir -p "$OUT"
LOADGEN=$OUT/loadgen
log "compiling loadgen"
cc -O2 -pthread -o "$LOADGEN" "$HERE/loadgen.c"
FLOOR_BIN=$OUT/floor
if ((FLOOR)); then
    log "compiling floor"
    cc -O2 -D_GNU_SOURCE -o "$FLOOR_BIN" "$HERE/floor.c"
fi

if [[ -z $BERTHD ]]; then
    command -v swift >/dev/null || die "swift not found; set BERTHD=/path/to/berthd or BERTHD=none"
    log "building berthd (scripts/build-release)"
    BERTHD="$("$ROOT/scripts/build-release")/berthd"
fi
if [[ $BERTHD != none ]]; then
    [[ -x $BERTHD ]] || die "BERTHD=$BERTHD is not an executable"
fi

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
[[ $BERTHD != none || $DOCKERD != none ]] || die "nothing to measure (BERTHD=none and no dockerd)"

# Idle-connection test: the loadgen process and both daemons need the descriptors.
need_fd=$((IDLE_CONNS + 4096))
if (($(ulimit -n) < need_fd)); then
    ulimit -n "$need_fd" 2>/dev/null || ulimit -Sn "$(ulimit -Hn)" 2>/dev/null || true
fi
if (($(ulimit -n) < IDLE_CONNS + 64)); then
    log "ulimit -n is $(ulimit -n): lowering IDLE_CONNS from $IDLE_CONNS"
    IDLE_CONNS=$(($(ulimit -n) - 64))
fi

# ---------------------------------------------------------------------------------------------
# Daemon helpers

# Run a command in the daemon's network namespace (or here when it has none).

wait_ready() { # name logfile
    local name=$1 logf=$2 i pid=${PID[$1]}
    for ((i = 0; i < START_TIMEOUT * 4; i++)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            log "$name exited during start; last lines of its log:"
            tail -n 25 "$logf" >&2 || true
            return 1
        fi
        if curl -fsS -m 2 --unix-socket "${SOCK[$name]}" http://localhost/_ping >/dev/null 2>&1 &&
            in_ns "$name" curl -fsS -m 2 "http://127.0.0.1:${PORT[$name]}/_ping" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.25
    done
    log "$name did not answer /_ping on both listeners within ${START_TIMEOUT}s; last lines of its log:"
    tail -n 25 "$logf" >&2 || true
    return 1
}

start_berthd() {
    local d=$WORK/berthd
    mkdir -p "$d/data" "$d/exec"
    SOCK[berthd]=$d/berth.sock
    local prefix=()
    if ((BERTHD_NETNS)); then
        make_netns berthd || die "cannot create a network namespace for berthd"
        PORT[berthd]=2375
        prefix=(nsenter --net="/run/netns/${NETNS[berthd]}" unshare --mount --propagation private --)
    else
        PORT[berthd]=$(free_port) || die "no free TCP port"
    fi
    local cmd=("$BERTHD" -H "unix://${SOCK[berthd]}" -H "tcp://127.0.0.1:${PORT[berthd]}" --insecure-tcp
        --data-root "$d/data" --exec-root "$d/exec" --pidfile "$d/berthd.pid")
    # shellcheck disable=SC2206
    cmd+=($BERTHD_ARGS)
    log "starting berthd: ${cmd[*]}"
    "${prefix[@]}" "${cmd[@]}" >"$WORK/berthd.log" 2>&1 &
    PID[berthd]=$!
    DAEMONS+=(berthd)
    wait_ready berthd "$WORK/berthd.log" || die "berthd did not start"
    CHILDREN[berthd]=$(children_of "${PID[berthd]}" | tr '\n' ' ')
}

start_dockerd() {
    local d=$WORK/dockerd
    mkdir -p "$d/data" "$d/exec"
    echo '{}' >"$d/daemon.json"
    SOCK[dockerd]=$d/docker.sock
    PORT[dockerd]=2375
    # dockerd runs in a fresh network namespace: the docker0 it makes there never reaches the host (and
    # no --bridge=none, which in the host namespace by mistake would delete the host's docker0); a
    # private mount namespace keeps its mounts away from the host. nsenter is used rather than
    # `ip netns exec`, which would remount /sys and hide the cgroup mounts from dockerd.
    make_netns dockerd || { log "cannot create a network namespace; skipping dockerd"; return 1; }
    local cmd=("$DOCKERD" -H "unix://${SOCK[dockerd]}" -H "tcp://127.0.0.1:${PORT[dockerd]}" --tls=false
        --data-root "$d/data" --exec-root "$d/exec" --pidfile "$d/dockerd.pid" --config-file "$d/daemon.json"
        --containerd-namespace berthbench --containerd-plugins-namespace berthbench-plugins
        --iptables=false --ip-masq=false)
    # shellcheck disable=SC2206
    cmd+=($DOCKERD_ARGS)
    log "starting dockerd in netns ${NETNS[dockerd]}: ${cmd[*]}"
    DOCKERD_STARTED=1
    nsenter --net="/run/netns/${NETNS[dockerd]}" unshare --mount --propagation private -- \
        "${cmd[@]}" >"$WORK/dockerd.log" 2>&1 &
    PID[dockerd]=$!
    DAEMONS+=(dockerd)
    wait_ready dockerd "$WORK/dockerd.log" || die "dockerd did not start"
    # Its managed containerd (started unless --containerd was given) is its child.
    local c i
    for ((i = 0; i < 20; i++)); do
        CHILDREN[dockerd]=$(children_of "${PID[dockerd]}" | tr '\n' ' ')
        [[ -n ${CHILDREN[dockerd]// /} ]] && break
        sleep 0.25
    done
}

record_rss() { # name phase
    local name=$1 phase=$2 pid=${PID[$1]} c ckb=0 fds
    for c in ${CHILDREN[$name]:-}; do ckb=$((ckb + $(rss_kb "$c"))); done
    fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
    local line
    line="kind=rss daemon=$name phase=$phase load1=$(load1) daemon_kb=$(rss_kb "$pid") hwm_kb=$(hwm_kb "$pid") children_kb=$ckb children=$(child_names "$name") threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status") fds=$fds"
    echo "$line" >>"$RESULTS"
    log "  $line"
}

CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
cpu_ticks() { # pid -> utime+stime+cutime+cstime (ticks) of it and its recorded children
    local name=$1 total=0 p s fld
    for p in ${PID[$name]} ${CHILDREN[$name]:-}; do
        s=$(cat "/proc/$p/stat" 2>/dev/null) || continue
        s=${s##*) }
        read -ra fld <<<"$s"
        total=$((total + fld[11] + fld[12] + fld[13] + fld[14]))
    done
    echo "$total"
}

HDR_ARGS=()
while IFS= read -r h; do [[ -n $h ]] && HDR_ARGS+=(-H "$h"); done <<<"$HEADERS"

run_load() { # name test round
    local name=$1 t=$2 round=$3 transport method path target=()
    read -r transport method path <<<"$(test_spec "$t")"
    if [[ $transport == unix ]]; then target=(-u "${SOCK[$name]}"); else target=(-t "127.0.0.1:${PORT[$name]}"); fi
    local lg=("$LOADGEN" "${target[@]}" -T "$THREADS" -c "$CONNS" -m "$method" -p "$path" "${HDR_ARGS[@]}")
    if ((WARMUP > 0)); then in_ns "$name" "${lg[@]}" -d "$WARMUP" >/dev/null 2>&1 || true; fi
    local l c0 c1 line cpu
    l=$(load1)
    c0=$(cpu_ticks "$name")
    line=$(in_ns "$name" "${lg[@]}" -d "$DURATION" 2>>"$WORK/loadgen.log") || true
    c1=$(cpu_ticks "$name")
    [[ $line == reqs=* ]] || line="reqs=0 errors=1 rps=0"
    local reqs=${line#reqs=}
    reqs=${reqs%% *}
    cpu=$(awk -v d=$((c1 - c0)) -v r="$reqs" -v hz="$CLK_TCK" 'BEGIN { if (r > 0) printf "%.1f", d * 1e6 / hz / r; else print 0 }')
    line="kind=load daemon=$name test=$t round=$round method=$method path=$path load1=$l cpu_us_per_req=$cpu $line"
    echo "$line" >>"$RESULTS"
    log "  $name $t r$round: $(awk '{for (i=1;i<=NF;i++) if ($i ~ /^(rps|p50_us|p99_us|errors|cpu_us_per_req|load1)=/) printf "%s ", $i}' <<<"$line")"
}

idle_conns() { # name
    local name=$1 f=$WORK/idle-$1.out lp i extra=()
    if ((IDLE_REQUEST)); then extra=(--idle-request); fi
    log "$name: opening $IDLE_CONNS idle connections on the unix socket"
    "$LOADGEN" -u "${SOCK[$name]}" --connect-only "$IDLE_CONNS" "${extra[@]}" "${HDR_ARGS[@]}" \
        -d $((SETTLE + 60)) >"$f" 2>>"$WORK/loadgen.log" &
    lp=$!
    BG_PIDS+=("$lp")
    for ((i = 0; i < 240; i++)); do
        grep -q '^opened=' "$f" 2>/dev/null && break
        kill -0 "$lp" 2>/dev/null || break
        sleep 0.25
    done
    sleep "$SETTLE"
    log "  $(head -n1 "$f" 2>/dev/null || echo 'opened=?')"
    record_rss "$name" "idle_conns"
    kill -TERM "$lp" 2>/dev/null || true
    wait "$lp" 2>/dev/null || true
    sleep "$SETTLE"
    record_rss "$name" "after_close"
}

# ---------------------------------------------------------------------------------------------
# Run

log "work dir $WORK; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $BERTHD != none ]]; then start_berthd; fi
if [[ $DOCKERD != none ]]; then start_dockerd || { DOCKERD=none; DOCKERD_NOTE="dockerd could not be isolated in a network namespace; berthd only"; }; fi

# The floor server: not a daemon, a yardstick (see floor.c). It runs in the host's namespace, like
# berthd by default, and only serves the ping tests.
start_floor() {
    local d=$WORK/floor
    mkdir -p "$d"
    SOCK[floor]=$d/floor.sock
    PORT[floor]=$(free_port) || die "no free TCP port"
    "$FLOOR_BIN" -u "${SOCK[floor]}" >"$WORK/floor-unix.log" 2>&1 &
    PID[floor]=$!
    BG_PIDS+=("${PID[floor]}")
    "$FLOOR_BIN" -t "${PORT[floor]}" >"$WORK/floor-tcp.log" 2>&1 &
    FLOOR_TCP_PID=$!
    BG_PIDS+=("$FLOOR_TCP_PID")
    local i
    for ((i = 0; i < 40; i++)); do
        curl -fsS -m 1 --unix-socket "${SOCK[floor]}" http://localhost/_ping >/dev/null 2>&1 &&
            curl -fsS -m 1 "http://127.0.0.1:${PORT[floor]}/_ping" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    die "the floor server did not answer"
}
# Both floor processes count for its CPU figure (only one is loaded at a time).
floor_children() { CHILDREN[floor]=$FLOOR_TCP_PID; }
if ((FLOOR)); then start_floor; floor_children; fi

BERTHD_VERSION=none
DOCKERD_VERSION=none
if [[ -n ${PID[berthd]:-} ]]; then
    BERTHD_VERSION=$(curl -fsS -m 5 --unix-socket "${SOCK[berthd]}" http://localhost/version 2>/dev/null |
        grep -o '"Version" *: *"[^"]*"' | head -n1 | sed 's/.*"\([^"]*\)"$/\1/' || true)
    BERTHD_VERSION=${BERTHD_VERSION:-unknown}
fi
if [[ -n ${PID[dockerd]:-} ]]; then
    DOCKERD_VERSION=$("$DOCKERD" --version 2>/dev/null | head -n1 || echo unknown)
fi

# Response sizes of the JSON endpoints, for the table.
for n in "${DAEMONS[@]}"; do
    for t in $TESTS; do
        read -r transport method path <<<"$(test_spec "$t")"
        [[ $method == GET && $transport == unix ]] || continue
        sz=$(curl -sS -m 30 -o /dev/null -w '%{size_download} %{http_code}' --unix-socket "${SOCK[$n]}" "http://localhost$path" 2>/dev/null || echo "0 000")
        echo "kind=size daemon=$n test=$t bytes=${sz% *} status=${sz#* }" >>"$RESULTS"
    done
done

log "letting the daemons settle for ${SETTLE}s"
sleep "$SETTLE"
for n in "${DAEMONS[@]}"; do record_rss "$n" idle_start; done

for ((r = 1; r <= ROUNDS; r++)); do
    order=("${DAEMONS[@]}")
    if ((r % 2 == 0 && ${#DAEMONS[@]} == 2)); then order=("${DAEMONS[1]}" "${DAEMONS[0]}"); fi
    log "round $r of $ROUNDS (order: ${order[*]}; ${THREADS}x${CONNS} connections, ${DURATION}s each)"
    for t in $TESTS; do
        for n in "${order[@]}"; do run_load "$n" "$t" "$r"; done
        if ((FLOOR)) && [[ $t == ping_* ]]; then run_load floor "$t" "$r"; fi
    done
done

sleep "$SETTLE"
for n in "${DAEMONS[@]}"; do record_rss "$n" after_load; done
if ((IDLE_CONNS > 0)); then
    for n in "${DAEMONS[@]}"; do idle_conns "$n"; done
fi

# ---------------------------------------------------------------------------------------------
# Report: a table on stdout and JSON in bench/out/results-<date>.json

JSON=$OUT/results-$STAMP.json
{
    CLI_VERSION=$(docker --version 2>/dev/null | head -n1 || echo none) # common_meta reports it; no load uses it here
    common_meta
    echo "meta berthd_netns=$BERTHD_NETNS"
    echo "meta duration_s=$DURATION"
    echo "meta warmup_s=$WARMUP"
    echo "meta threads=$THREADS"
    echo "meta conns_per_thread=$CONNS"
    echo "meta rounds=$ROUNDS"
    echo "meta idle_conns=$IDLE_CONNS"
    echo "meta idle_request=$IDLE_REQUEST"
    echo "meta tests=$TESTS"
    cat "$RESULTS"
} >"$WORK/all.txt"

awk -v json="$JSON" -v ratio_target="$TARGET_PING_RATIO" -v rss_target="$TARGET_IDLE_RSS_MIB" '
function jstr(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s); return "\"" s "\"" }
function jval(s) { return (s ~ /^-?[0-9]+(\.[0-9]+)?$/) ? s : jstr(s) }
function median(list,    n, a, i, j, t) {
    n = split(list, a, " ")
    if (n == 0) return ""
    for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function fmt(v, d) { if (v == "") return "-"; return sprintf("%." d "f", v) }
function addrow(label, b, dd, better, target, status, ld) {
    nrows++
    R_label[nrows] = label; R_b[nrows] = b; R_d[nrows] = dd; R_target[nrows] = target; R_status[nrows] = status; R_load[nrows] = ld
    R_ratio[nrows] = (b != "" && dd != "" && dd + 0 > 0) ? sprintf("%.2f", b / dd) : "-"
    R_better[nrows] = better
}
function loadrange(t,    lo, hi) {
    lo = LMIN[t]; hi = LMAX[t]
    if (lo == "") return "-"
    return (lo == hi) ? lo : lo "-" hi
}
{
    if ($1 == "meta") { sub(/^meta /, ""); k = substr($0, 1, index($0, "=") - 1); META_K[++nmeta] = k; META_V[nmeta] = substr($0, index($0, "=") + 1); next }
    delete kv
    for (i = 1; i <= NF; i++) { k = substr($i, 1, index($i, "=") - 1); kv[k] = substr($i, index($i, "=") + 1) }
    nraw++; RAW[nraw] = ""
    for (i = 1; i <= NF; i++) { k = substr($i, 1, index($i, "=") - 1); RAW[nraw] = RAW[nraw] (i > 1 ? ", " : "") jstr(k) ": " jval(kv[k]) }
    d = kv["daemon"]; HAVE[d] = 1
    if (kv["kind"] == "load") {
        t = kv["test"]; key = d SUBSEP t
        RPS[key] = RPS[key] " " kv["rps"]; P50[key] = P50[key] " " kv["p50_us"]; P99[key] = P99[key] " " kv["p99_us"]
        CPU[key] = CPU[key] " " kv["cpu_us_per_req"]
        if (kv["max_us"] + 0 > MAXL[key] + 0) MAXL[key] = kv["max_us"]
        ERR[key] += kv["errors"] + kv["stalled"]; NON2XX[key] += kv["non2xx"]
        if (kv["reqs"] + 0 > 0) BYTES[key] = kv["body_bytes"] / kv["reqs"]
        if (LMIN[t] == "" || kv["load1"] + 0 < LMIN[t] + 0) LMIN[t] = kv["load1"]
        if (LMAX[t] == "" || kv["load1"] + 0 > LMAX[t] + 0) LMAX[t] = kv["load1"]
        if (!(t in TSEEN)) { TSEEN[t] = 1; TORDER[++nt] = t; TPATH[t] = kv["method"] " " kv["path"]; TTRANS[t] = (t ~ /_tcp$/) ? "tcp" : "unix" }
        if (kv["errors"] + kv["stalled"] + kv["non2xx"] > 0) WARN[++nwarn] = d " " t " round " kv["round"] ": errors=" kv["errors"] " stalled=" kv["stalled"] " non2xx=" kv["non2xx"]
    } else if (kv["kind"] == "rss") {
        key = d SUBSEP kv["phase"]
        RSS[key] = kv["daemon_kb"]; CRSS[key] = kv["children_kb"]; CNAME[d] = kv["children"]; RLOAD[kv["phase"]] = RLOAD[kv["phase"]] (RLOAD[kv["phase"]] == "" ? "" : "/") kv["load1"]
        FDS[key] = kv["fds"]; HWM[d] = kv["hwm_kb"]
    } else if (kv["kind"] == "size") {
        SIZE[d SUBSEP kv["test"]] = kv["bytes"]
    }
}
END {
    for (i = 1; i <= nt; i++) {
        t = TORDER[i]; kb = "berthd" SUBSEP t; kd = "dockerd" SUBSEP t
        lbl = TPATH[t] " (" TTRANS[t] ")"
        b = median(RPS[kb]); dd = median(RPS[kd])
        tg = ""; st = ""
        if (t ~ /^ping/) {
            tg = "berthd >= " ratio_target "x dockerd"
            st = (b != "" && dd != "") ? ((b >= ratio_target * dd) ? "PASS" : "FAIL") : "n/a"
        }
        addrow(lbl " req/s", b == "" ? "" : fmt(b, 0), dd == "" ? "" : fmt(dd, 0), "higher", tg, st, loadrange(t))
        b = median(P50[kb]); dd = median(P50[kd]); addrow(lbl " p50 us", b, dd, "lower", "", "", loadrange(t))
        b = median(P99[kb]); dd = median(P99[kd]); addrow(lbl " p99 us", b, dd, "lower", "", "", loadrange(t))
        addrow(lbl " max us", MAXL[kb], MAXL[kd], "lower", "", "", loadrange(t))
        b = median(CPU[kb]); dd = median(CPU[kd]); addrow(lbl " server CPU us/req", b, dd, "lower", "", "", loadrange(t))
        kf = "floor" SUBSEP t
        if (RPS[kf] != "") {
            # The ceiling of this machine: a C server that does nothing but answer, in the berthd column.
            f = median(RPS[kf]); dd = median(RPS[kd])
            addrow(lbl " req/s, floor.c (C, 1 thread)", fmt(f, 0), dd == "" ? "" : fmt(dd, 0), "higher", "", "", loadrange(t))
            addrow(lbl " floor.c server CPU us/req", median(CPU[kf]), median(CPU[kd]), "lower", "", "", loadrange(t))
            b = median(RPS[kb])
            if (b != "" && f + 0 > 0) { addrow(lbl " berthd / floor.c req/s", sprintf("%.2f", b / f), "", "higher", "", "", loadrange(t)); R_ratio[nrows] = "-" }
        }
        if (t !~ /^ping/) {
            b = SIZE[kb]; dd = SIZE[kd]
            if (b == "" && BYTES[kb] != "") b = fmt(BYTES[kb], 0)
            if (dd == "" && BYTES[kd] != "") dd = fmt(BYTES[kd], 0)
            addrow(lbl " response bytes", b, dd, "-", "", "", "-")
        }
    }
    split("idle_start after_load idle_conns after_close", PH, " ")
    PHL["idle_start"] = "idle after start"; PHL["after_load"] = "idle after the load runs"
    PHL["idle_conns"] = "with idle conns open"; PHL["after_close"] = "after those conns closed"
    for (i = 1; i <= 4; i++) {
        p = PH[i]; kb = "berthd" SUBSEP p; kd = "dockerd" SUBSEP p
        if (!((kb in RSS) || (kd in RSS))) continue
        b = (kb in RSS) ? sprintf("%.1f", RSS[kb] / 1024) : ""; dd = (kd in RSS) ? sprintf("%.1f", RSS[kd] / 1024) : ""
        tg = ""; st = ""
        if (p == "idle_start") { tg = "berthd <= " rss_target " MiB"; st = (b == "") ? "n/a" : ((b + 0 <= rss_target) ? "PASS" : "FAIL") }
        lbl = "RSS MiB, " PHL[p]
        addrow(lbl, b, dd, "lower", tg, st, RLOAD[p])
        cb = (kb in RSS) ? sprintf("%.1f", CRSS[kb] / 1024) : ""; cd = (kd in RSS) ? sprintf("%.1f", CRSS[kd] / 1024) : ""
        if (CRSS[kb] + CRSS[kd] > 0) {
            addrow("  + children (" (CNAME["dockerd"] != "" ? CNAME["dockerd"] : CNAME["berthd"]) ") MiB", cb, cd, "lower", "", "", "")
            R_ratio[nrows] = "-"
            tb = (b == "") ? "" : sprintf("%.1f", b + cb); td = (dd == "") ? "" : sprintf("%.1f", dd + cd)
            addrow("  = total MiB", tb, td, "lower", "", "", "")
        }
    }
    if (("berthd" SUBSEP "idle_conns") in FDS || ("dockerd" SUBSEP "idle_conns") in FDS)
        addrow("open fds with idle conns", FDS["berthd" SUBSEP "idle_conns"], FDS["dockerd" SUBSEP "idle_conns"], "-", "", "", "")
    if (HWM["berthd"] != "" || HWM["dockerd"] != "")
        addrow("peak RSS (VmHWM) MiB", HWM["berthd"] == "" ? "" : sprintf("%.1f", HWM["berthd"] / 1024), HWM["dockerd"] == "" ? "" : sprintf("%.1f", HWM["dockerd"] / 1024), "lower", "", "", "")

    # table
    w = 6; for (i = 1; i <= nrows; i++) if (length(R_label[i]) > w) w = length(R_label[i])
    printf "\n%-" w "s | %10s | %10s | %6s | %-24s | %-6s | %s\n", "metric", "berthd", "dockerd", "ratio", "target", "status", "load1"
    line = ""; for (i = 0; i < w + 78; i++) line = line "-"; print line
    for (i = 1; i <= nrows; i++)
        printf "%-" w "s | %10s | %10s | %6s | %-24s | %-6s | %s\n", R_label[i], (R_b[i] == "" ? "-" : R_b[i]), (R_d[i] == "" ? "-" : R_d[i]), R_ratio[i], R_target[i], R_status[i], R_load[i]
    print "ratio = berthd / dockerd (medians over rounds). req/s: higher is better; us, MiB: lower is better."
    for (i = 1; i <= nwarn; i++) print "WARNING: " WARN[i]

    # JSON
    printf "{\n  \"meta\": {" > json
    for (i = 1; i <= nmeta; i++) printf "%s\n    %s: %s", (i > 1 ? "," : ""), jstr(META_K[i]), jval(META_V[i]) > json
    printf "\n  },\n  \"summary\": [" > json
    for (i = 1; i <= nrows; i++)
        printf "%s\n    {\"metric\": %s, \"berthd\": %s, \"dockerd\": %s, \"ratio\": %s, \"better\": %s, \"target\": %s, \"status\": %s, \"load1\": %s}", (i > 1 ? "," : ""), jstr(R_label[i]), (R_b[i] == "" ? "null" : jval(R_b[i])), (R_d[i] == "" ? "null" : jval(R_d[i])), (R_ratio[i] == "-" ? "null" : R_ratio[i]), jstr(R_better[i]), jstr(R_target[i]), jstr(R_status[i]), jstr(R_load[i]) > json
    printf "\n  ],\n  \"runs\": [" > json
    for (i = 1; i <= nraw; i++) printf "%s\n    {%s}", (i > 1 ? "," : ""), RAW[i] > json
    printf "\n  ]\n}\n" > json
}' "$WORK/all.txt"

echo
if [[ -n $DOCKERD_NOTE ]]; then echo "$DOCKERD_NOTE"; fi
if [[ $BERTHD == none ]]; then echo "berthd skipped (BERTHD=none); dockerd only"; fi
echo "berthd: $BERTHD ($BERTHD_VERSION)   dockerd: $DOCKERD ($DOCKERD_VERSION)"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)   cpus: $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')"
echo "results: $JSON   logs: $OUT/logs-$STAMP/"
