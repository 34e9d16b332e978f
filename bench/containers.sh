#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Container benchmark: berthd against dockerd, side by side, in one run, through the real docker CLI and curl.
# `docker run --rm busybox true`, create+start+wait+remove through the API, 50 containers started in parallel,
# `docker exec` latency, `docker logs` of 100 MB, `docker ps -a` with 1,000 containers, and daemon + shim
# memory per running container. See bench/README.md ("Container benchmark").
#
#   bench/containers.sh                         build berthd, berth-shim, berth-unpack (release); compare with dockerd
#   BERTHD=/path/to/berthd bench/containers.sh  (berth-shim and berth-unpack must sit beside it)
#   DOCKERD=none bench/containers.sh            berthd only
#   ITEMS="run api" REPS=5 bench/containers.sh  a subset, quicker
#
# Needs: root, bash 5, curl, awk, python3, timeout, tar, the docker CLI, busybox-static; ip (iproute2), nsenter and
# unshare (util-linux) for the dockerd half. Every container uses --network none; no traffic leaves unix sockets.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT="$HERE/out"

# ---------------------------------------------------------------------------------------------
# Settings (environment)

ITEMS=${ITEMS:-"run api exec logs parallel ps"}  # which measurements, in this order
REPS=${REPS:-15}                          # repetitions of run --rm, the API lifecycle and exec
PS_REPS=${PS_REPS:-10}                    # timed `docker ps -a` runs
PS_CONTAINERS=${PS_CONTAINERS:-1000}      # containers present for `docker ps -a`
PARALLEL=${PARALLEL:-50}                  # containers started at once (and kept running for the memory figure)
PAR_REPS=${PAR_REPS:-3}                   # repetitions of the parallel start
LOG_MB=${LOG_MB:-100}                     # MB (10^6 bytes) of output for `docker logs`
LOG_REPS=${LOG_REPS:-3}                   # timed `docker logs` runs
CREATE_JOBS=${CREATE_JOBS:-4}             # concurrent curl clients creating/removing the PS_CONTAINERS
SETTLE=${SETTLE:-3}                       # seconds before an RSS reading
OP_TIMEOUT=${OP_TIMEOUT:-300}             # seconds any one docker/curl command may take
START_TIMEOUT=${START_TIMEOUT:-90}
API=${API:-v1.41}                         # API version prefix for the curl requests (dockerd 20.10 serves up to 1.41)
BERTHD=${BERTHD:-}                        # empty: build it; a path: use it
BERTHD_ARGS=${BERTHD_ARGS:-}              # extra berthd flags (word-split), e.g. --log-level debug
DOCKERD=${DOCKERD:-}                      # empty: `command -v dockerd`; a path: use it; none: skip
DOCKERD_ARGS=${DOCKERD_ARGS:-}            # extra dockerd flags (word-split)
DOCKER_CLI=${DOCKER_CLI:-/usr/local/bin/docker}
BUSYBOX=${BUSYBOX:-/bin/busybox}          # a static busybox (Debian's busybox-static) for the image
IMAGE=${IMAGE:-busybox:latest}
TARGET_RUN=${TARGET_RUN:-0.4}             # berthd time <= this x dockerd's: docker run --rm
TARGET_API=${TARGET_API:-0.4}             #   the API lifecycle
TARGET_PS=${TARGET_PS:-0.25}              #   docker ps -a with PS_CONTAINERS containers
TARGET_MEM=${TARGET_MEM:-0.3}             # berthd RSS per running container <= this x dockerd's

for v in REPS PS_REPS PS_CONTAINERS PARALLEL PAR_REPS LOG_MB LOG_REPS CREATE_JOBS SETTLE OP_TIMEOUT START_TIMEOUT; do
    [[ ${!v} =~ ^[0-9]+$ ]] || { echo "containers: $v must be a non-negative integer (got '${!v}')" >&2; exit 2; }
done
((REPS >= 1 && PS_REPS >= 1 && PAR_REPS >= 1 && LOG_REPS >= 1 && PARALLEL >= 1 && CREATE_JOBS >= 1)) ||
    { echo "containers: REPS, PS_REPS, PAR_REPS, LOG_REPS, PARALLEL, CREATE_JOBS must be >= 1" >&2; exit 2; }
for it in $ITEMS; do
    [[ " run api exec logs parallel ps " == *" $it "* ]] || { echo "containers: unknown item '$it' in ITEMS" >&2; exit 2; }
done
[[ $BERTHD != none ]] || { echo "containers: BERTHD=none is not supported (this benchmark is about berthd)" >&2; exit 2; }

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

((EUID == 0)) || die "run as root (the daemons need it)"
[[ -n ${EPOCHREALTIME:-} ]] || die "bash 5 is needed (EPOCHREALTIME)"
for c in curl awk python3 timeout tar xargs; do command -v "$c" >/dev/null || die "$c not found"; done
[[ -x $DOCKER_CLI ]] || DOCKER_CLI=$(command -v docker || true)
[[ -n $DOCKER_CLI && -x $DOCKER_CLI ]] || die "the docker CLI was not found (set DOCKER_CLI)"
[[ -x $BUSYBOX ]] || die "$BUSYBOX not found (apt-get install -y busybox-static)"

lib_init berthcontainers containers-logs
mkdir -p "$OUT"
NOTES=$WORK/notes.txt       # daemon<TAB>item<TAB>message, kept verbatim for the report
: >"$NOTES"
note() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$NOTES"; log "  NOTE $1 $2: $3"; }
rec() { echo "$* load1=$(load1)" >>"$RESULTS"; }

[[ -n $BERTHD ]] || build_berthd
[[ -x $BERTHD ]] || die "BERTHD=$BERTHD is not an executable"
[[ -x $(dirname "$BERTHD")/berth-shim ]] || die "no berth-shim beside $BERTHD: berthd cannot run containers"
resolve_dockerd

# ---------------------------------------------------------------------------------------------
# The image: a rootfs with /bin/busybox and a symlink per applet (busybox --list-full), imported with `docker import`.

ROOTFS=$WORK/rootfs
mkdir -p "$ROOTFS"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,proc,sys,dev,var}
chmod 1777 "$ROOTFS/tmp"
chmod 700 "$ROOTFS/root"
cp "$BUSYBOX" "$ROOTFS/bin/busybox"
while IFS= read -r app; do
    [[ -n $app && $app != bin/busybox && ! -e $ROOTFS/$app ]] || continue
    mkdir -p "$ROOTFS/$(dirname "$app")"
    ln -s /bin/busybox "$ROOTFS/$app"
done < <("$BUSYBOX" --list-full)
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$ROOTFS/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$ROOTFS/etc/group"
IMAGE_TAR=$WORK/busybox.tar
(cd "$ROOTFS" && tar --numeric-owner --owner=0 --group=0 -cf "$IMAGE_TAR" -- *)
log "image rootfs: $(find "$ROOTFS" -type l | wc -l) applet links, tar $(stat -c %s "$IMAGE_TAR") bytes"

# ---------------------------------------------------------------------------------------------
# Daemons

log "work dir $WORK; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
start_berthd_unix $BERTHD_ARGS
if [[ $DOCKERD != none ]]; then
    dflags=()
    # dockerd programs iptables inside its own network namespace; only without the binary does it need this.
    command -v iptables >/dev/null || dflags+=(--iptables=false)
    # shellcheck disable=SC2086
    start_dockerd_unix "${dflags[@]}" $DOCKERD_ARGS || { DOCKERD=none; DOCKERD_NOTE="dockerd could not be isolated in a network namespace; berthd only"; }
fi
docker_cli_env

BERTHD_VERSION=$(curl -fsS -m 5 --unix-socket "${SOCK[berthd]}" http://localhost/version 2>/dev/null |
    python3 -c 'import json,sys; print(json.load(sys.stdin).get("Version","unknown"))' 2>/dev/null || echo unknown)
DOCKERD_VERSION=none
[[ -z ${PID[dockerd]:-} ]] || DOCKERD_VERSION=$("$DOCKERD" --version 2>/dev/null | head -n1 || echo unknown)
CLI_VERSION=$("$DOCKER_CLI" --version 2>/dev/null | head -n1 || echo unknown)

api() { # daemon curl-args... (path last, without the version prefix)
    local n=$1
    shift
    curl -sS -m "$OP_TIMEOUT" --unix-socket "${SOCK[$n]}" "$@"
}

# Every container of a daemon removed (force), CREATE_JOBS at a time.
remove_all() { # daemon
    local n=$1
    [[ -n ${PID[$n]:-} ]] && kill -0 "${PID[$n]}" 2>/dev/null || return 0
    api "$n" "http://localhost/$API/containers/json?all=1" 2>/dev/null |
        python3 -c 'import json,sys; [print(c["Id"]) for c in json.load(sys.stdin)]' 2>/dev/null |
        xargs -r -P "$CREATE_JOBS" -I{} curl -sS -m "$OP_TIMEOUT" -o /dev/null --unix-socket "${SOCK[$n]}" \
            -X DELETE "http://localhost/$API/containers/{}?force=1&v=1" || true
}
cleanup_containers() {
    local n
    for n in "${DAEMONS[@]}"; do
        [[ -n ${PID[$n]:-} ]] || continue
        log "removing the containers of $n"
        remove_all "$n"
    done
}
CLEANUP_HOOKS+=(cleanup_containers)

# Shim processes of one daemon: berth-shim for berthd, containerd-shim-runc-v2 for dockerd, recognised by their
# name and by our work directory in their command line (other daemons on the machine have their own shims).
shim_pids() { # daemon
    local n=$1 want p comm
    case $n in berthd) want=berth-shim ;; *) want=containerd-shim ;; esac
    for p in /proc/[0-9]*; do
        comm=$(cat "$p/comm" 2>/dev/null) || continue
        [[ $comm == "$want" ]] || continue
        tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -qF "$WORK/$n/" || continue
        echo "${p#/proc/}"
    done
}

# After the daemons stopped: anything of ours still alive (only after a failure or a Ctrl-C mid-way). Containers
# left by a runtime: `runc delete --force` on each state.json under $WORK; then the shims, by pid.
kill_leftovers() {
    local state root id n p
    while IFS= read -r state; do
        root=$(dirname "$(dirname "$state")")
        id=$(basename "$(dirname "$state")")
        log "leftover container $id (runtime root $root): runc delete --force"
        runc --root "$root" delete --force "$id" 2>/dev/null || log "could not delete $id"
    done < <(find "$WORK" -xdev -name state.json -path '*/runtime*/*' 2>/dev/null)
    for n in berthd dockerd; do
        for p in $(shim_pids "$n"); do
            log "leftover shim $p of $n: SIGKILL"
            kill -KILL "$p" 2>/dev/null || true
        done
    done
}
AFTER_STOP_HOOKS+=(kill_leftovers)

for n in "${DAEMONS[@]}"; do
    log "$n: docker import of the busybox rootfs as $IMAGE"
    dk "$n" import "$IMAGE_TAR" "$IMAGE" >/dev/null 2>"$WORK/import-$n.err" || die "$n: docker import failed: $(cat "$WORK/import-$n.err")"
    out=$(dk "$n" run --rm --network none "$IMAGE" echo hello 2>&1) || die "$n: a first docker run failed: $out"
    [[ $out == hello ]] || die "$n: docker run printed '$out', not hello"
done

# Daemon order for repetition i: the daemons take turns and the order flips every repetition.
order() { # i
    ORDER=("${DAEMONS[@]}")
    if (($1 % 2 == 0 && ${#DAEMONS[@]} == 2)); then ORDER=("${DAEMONS[1]}" "${DAEMONS[0]}"); fi
}

# kB of the daemon process, its recorded helpers (dockerd's containerd) and its shims: RSS and PSS.
kb_of() { awk -v k="$2:" '$1 == k { print $2; f = 1 } END { if (!f) print 0 }' "$1" 2>/dev/null || echo 0; }
record_mem() { # daemon phase round
    local n=$1 phase=$2 r=$3 p d_rss d_pss h_rss=0 h_pss=0 s_rss=0 s_pss=0 shims=0
    d_rss=$(kb_of "/proc/${PID[$n]}/status" VmRSS)
    d_pss=$(kb_of "/proc/${PID[$n]}/smaps_rollup" Pss)
    for p in ${CHILDREN[$n]:-}; do
        h_rss=$((h_rss + $(kb_of "/proc/$p/status" VmRSS)))
        h_pss=$((h_pss + $(kb_of "/proc/$p/smaps_rollup" Pss)))
    done
    for p in $(shim_pids "$n"); do
        s_rss=$((s_rss + $(kb_of "/proc/$p/status" VmRSS)))
        s_pss=$((s_pss + $(kb_of "/proc/$p/smaps_rollup" Pss)))
        shims=$((shims + 1))
    done
    rec "kind=mem daemon=$n phase=$phase round=$r daemon_rss=$d_rss daemon_pss=$d_pss helpers_rss=$h_rss helpers_pss=$h_pss shims_rss=$s_rss shims_pss=$s_pss shims=$shims helpers=$(child_names "$n")"
    log "  $n $phase: daemon ${d_rss} kB, helpers ${h_rss} kB, $shims shims ${s_rss} kB (RSS)"
}

# ---------------------------------------------------------------------------------------------
# Items

# REPS timed runs of one docker command on each daemon in turn: `kind=t item=ITEM ms=` per success.
timed_reps() { # item docker-args...
    local item=$1 i n t0
    shift
    for ((i = 1; i <= REPS; i++)); do
        order "$i"
        for n in "${ORDER[@]}"; do
            t0=$(now_us)
            if dk "$n" "$@" >/dev/null 2>"$WORK/$item.err"; then
                rec "kind=t item=$item daemon=$n i=$i ms=$(ms_since_us "$t0")"
            else
                note "$n" "$item" "rep $i failed: $(tr '\n' ' ' <"$WORK/$item.err")"
            fi
        done
    done
}

# docker run --rm busybox true, end to end.
item_run() {
    log "docker run --rm --network none $IMAGE true, $REPS times"
    timed_reps run run --rm --network none "$IMAGE" true
}

# POST create, POST start, POST wait, DELETE: one curl process, one keep-alive connection, a time per request.
item_api() {
    local i n name out t0 wall body
    body='{"Image":"'$IMAGE'","Cmd":["true"],"HostConfig":{"NetworkMode":"none"}}'
    log "API lifecycle (curl: create, start, wait, delete), $REPS times"
    for ((i = 1; i <= REPS; i++)); do
        order "$i"
        for n in "${ORDER[@]}"; do
            name=bench-api-$i
            local u="http://localhost/$API/containers" c=(-sS -m "$OP_TIMEOUT" --unix-socket "${SOCK[$n]}" -o /dev/null)
            t0=$(now_us)
            out=$(curl "${c[@]}" -w 'create %{http_code} %{time_total}\n' -X POST -H 'Content-Type: application/json' -d "$body" "$u/create?name=$name" \
                --next "${c[@]}" -w 'start %{http_code} %{time_total}\n' -X POST "$u/$name/start" \
                --next "${c[@]}" -w 'wait %{http_code} %{time_total}\n' -X POST "$u/$name/wait" \
                --next "${c[@]}" -w 'remove %{http_code} %{time_total}\n' -X DELETE "$u/$name" 2>&1) || true
            wall=$(ms_since_us "$t0")
            if [[ $(awk '{print $2}' <<<"$out" | tr '\n' ' ') == "201 204 200 204 " ]]; then
                rec "kind=t item=api daemon=$n i=$i wall_ms=$wall $(awk '{ printf "%s_ms=%.1f ", $1, $3 * 1000; s += $3 } END { printf "ms=%.1f", s * 1000 }' <<<"$out")"
            else
                note "$n" api "rep $i: $(tr '\n' ' ' <<<"$out")"
                api "$n" -o /dev/null -X DELETE "$u/$name?force=1" || true
            fi
        done
    done
}

# docker exec into one running container.
item_exec() {
    local n
    log "docker exec CONTAINER true, $REPS times"
    for n in "${DAEMONS[@]}"; do
        dk "$n" run -d --name bench-exec --network none "$IMAGE" sleep 1000000 >/dev/null || die "$n: cannot start the exec target"
        dk "$n" exec bench-exec true >/dev/null 2>&1 || true # warm-up
    done
    timed_reps exec exec bench-exec true
    for n in "${DAEMONS[@]}"; do dk "$n" rm -f bench-exec >/dev/null 2>&1 || true; done
}

# A container writes LOG_MB MB of 100-byte lines and exits; then `docker logs` of it, timed, bytes checked.
item_logs() {
    local i n t0 bytes want=$((LOG_MB * 1000000))
    for n in "${DAEMONS[@]}"; do
        log "$n: a container writes $LOG_MB MB to stdout"
        t0=$(now_us)
        dk "$n" run -d --name bench-logs --network none "$IMAGE" sh -c "yes $(printf '%099d' 0) | head -c $want" >/dev/null ||
            die "$n: cannot start the log writer"
        local code
        code=$(dk "$n" wait bench-logs 2>/dev/null || echo fail)
        rec "kind=t item=logwrite daemon=$n i=1 ms=$(ms_since_us "$t0") exit=$code"
        [[ $code == 0 ]] || note "$n" logs "the writer exited with $code"
    done
    log "docker logs of $LOG_MB MB, $LOG_REPS times"
    for ((i = 1; i <= LOG_REPS; i++)); do
        order "$i"
        for n in "${ORDER[@]}"; do
            t0=$(now_us)
            bytes=$(dk "$n" logs bench-logs 2>"$WORK/logs.err" | wc -c) || true
            local ms
            ms=$(ms_since_us "$t0")
            if [[ $bytes == "$want" ]]; then
                rec "kind=t item=logs daemon=$n i=$i ms=$ms bytes=$bytes"
            else
                note "$n" logs "rep $i: docker logs gave $bytes bytes, not $want: $(head -c 300 "$WORK/logs.err" | tr '\n' ' ')"
            fi
        done
    done
    for n in "${DAEMONS[@]}"; do dk "$n" rm -f bench-logs >/dev/null 2>&1 || true; done
}

# PARALLEL `docker run -d ... sleep` at once; then the memory with them running; then `docker rm -f` of them all.
item_parallel() {
    local r n i t0 ms bad running names
    for ((r = 1; r <= PAR_REPS; r++)); do
        order "$r"
        for n in "${ORDER[@]}"; do
            sleep "$SETTLE"
            record_mem "$n" idle "$r"
            log "$n: $PARALLEL containers started in parallel (rep $r)"
            local pids=()
            : >"$WORK/par.err"
            t0=$(now_us)
            for ((i = 1; i <= PARALLEL; i++)); do
                dk "$n" run -d --name "bench-par-$i" --network none "$IMAGE" sleep 1000000 >/dev/null 2>>"$WORK/par.err" &
                pids+=($!)
            done
            bad=0
            for i in "${pids[@]}"; do wait "$i" || bad=$((bad + 1)); done
            ms=$(ms_since_us "$t0")
            running=$(dk "$n" ps -q --filter name=bench-par- 2>/dev/null | wc -l)
            rec "kind=t item=parallel daemon=$n i=$r ms=$ms failed=$bad running=$running"
            ((bad == 0 && running == PARALLEL)) || note "$n" parallel "rep $r: $bad runs failed, $running running: $(head -c 300 "$WORK/par.err" | tr '\n' ' ')"
            sleep "$SETTLE"
            record_mem "$n" running "$r"
            names=()
            for ((i = 1; i <= PARALLEL; i++)); do names+=("bench-par-$i"); done
            t0=$(now_us)
            dk "$n" rm -f "${names[@]}" >/dev/null 2>"$WORK/par.err" || note "$n" parallel "rep $r: docker rm -f: $(head -c 300 "$WORK/par.err" | tr '\n' ' ')"
            rec "kind=t item=parallel_rm daemon=$n i=$r ms=$(ms_since_us "$t0")"
        done
    done
}

# The docker CLI's own share of `docker ps -a`: each daemon's /containers/json answer, saved, is served by
# bench/floor.c (a server that costs nothing) and `docker ps -a` is timed against it. No server can make the
# command faster than this.
ps_cli_alone() {
    local n i t0 lines fp
    command -v cc >/dev/null || { log "no cc: skipping the docker ps -a against floor.c"; return 0; }
    cc -O2 -D_GNU_SOURCE -o "$OUT/floor" "$HERE/floor.c" || return 0
    for n in "${DAEMONS[@]}"; do
        api "$n" -o "$WORK/ps-$n.json" "http://localhost/$API/containers/json?all=1" || continue
        SOCK[floor-$n]=$WORK/floor-$n.sock
        "$OUT/floor" -u "${SOCK[floor-$n]}" -f "$WORK/ps-$n.json" >/dev/null 2>&1 &
        fp=$!
        for ((i = 0; i < 50; i++)); do curl -sf --unix-socket "${SOCK[floor-$n]}" http://localhost/_ping >/dev/null 2>&1 && break; sleep 0.1; done
        log "docker ps -a against floor.c serving $n's answer, $PS_REPS times"
        dk "floor-$n" ps -a >/dev/null 2>&1 || true # warm-up
        for ((i = 1; i <= PS_REPS; i++)); do
            t0=$(now_us)
            lines=$(dk "floor-$n" ps -a 2>/dev/null | wc -l) || true
            if ((lines == PS_CONTAINERS + 1)); then
                rec "kind=t item=ps_floor daemon=$n i=$i ms=$(ms_since_us "$t0")"
            else
                note "$n" ps "rep $i: docker ps -a against floor.c printed $lines lines"
            fi
        done
        kill "$fp" 2>/dev/null || true
        wait "$fp" 2>/dev/null || true
    done
}

# PS_CONTAINERS created containers (curl, CREATE_JOBS at a time), `docker ps -a` and GET /containers/json?all=1 timed.
item_ps() {
    local n i t0 ok lines t body
    body='{"Image":"'$IMAGE'","Cmd":["true"],"HostConfig":{"NetworkMode":"none"}}'
    for n in "${DAEMONS[@]}"; do
        log "$n: creating $PS_CONTAINERS containers ($CREATE_JOBS curl clients)"
        t0=$(now_us)
        ok=$(seq 1 "$PS_CONTAINERS" | xargs -P "$CREATE_JOBS" -I{} curl -sS -m "$OP_TIMEOUT" -o /dev/null -w '%{http_code}\n' \
            --unix-socket "${SOCK[$n]}" -X POST -H 'Content-Type: application/json' -d "$body" \
            "http://localhost/$API/containers/create?name=bench-ps-{}" 2>/dev/null | grep -c '^201$') || true
        rec "kind=t item=ps_create daemon=$n i=1 ms=$(ms_since_us "$t0") created=$ok"
        ((ok == PS_CONTAINERS)) || note "$n" ps "only $ok of $PS_CONTAINERS creates answered 201"
        dk "$n" ps -a >/dev/null 2>&1 || true # warm-up
    done
    log "docker ps -a and GET /containers/json?all=1 with $PS_CONTAINERS containers, $PS_REPS times"
    for ((i = 1; i <= PS_REPS; i++)); do
        order "$i"
        for n in "${ORDER[@]}"; do
            t0=$(now_us)
            lines=$(dk "$n" ps -a 2>"$WORK/ps.err" | wc -l) || true
            if ((lines == PS_CONTAINERS + 1)); then
                rec "kind=t item=ps daemon=$n i=$i ms=$(ms_since_us "$t0")"
            else
                note "$n" ps "rep $i: docker ps -a printed $lines lines: $(head -c 300 "$WORK/ps.err" | tr '\n' ' ')"
            fi
            t=$(api "$n" -o "$WORK/ps.json" -w '%{http_code} %{time_total} %{size_download}' "http://localhost/$API/containers/json?all=1" 2>/dev/null || echo "000 0 0")
            read -r code secs size <<<"$t"
            [[ $code == 200 ]] && rec "kind=t item=ps_api daemon=$n i=$i ms=$(awk -v s="$secs" 'BEGIN { printf "%.1f", s * 1000 }') bytes=$size"
        done
    done
    ps_cli_alone
    for n in "${DAEMONS[@]}"; do
        log "$n: removing the $PS_CONTAINERS containers"
        t0=$(now_us)
        remove_all "$n"
        rec "kind=t item=ps_remove daemon=$n i=1 ms=$(ms_since_us "$t0")"
    done
}

# ---------------------------------------------------------------------------------------------
# Run

sleep "$SETTLE"
for n in "${DAEMONS[@]}"; do record_mem "$n" start 0; done
for it in $ITEMS; do "item_$it"; done
sleep "$SETTLE"
for n in "${DAEMONS[@]}"; do record_mem "$n" end 0; done

# ---------------------------------------------------------------------------------------------
# Report: a markdown table on stdout, JSON in bench/out/containers-<date>.json

JSON=$OUT/containers-$STAMP.json
{
    common_meta
    echo "meta items=$ITEMS"
    echo "meta reps=$REPS"
    echo "meta ps_reps=$PS_REPS"
    echo "meta ps_containers=$PS_CONTAINERS"
    echo "meta parallel=$PARALLEL"
    echo "meta par_reps=$PAR_REPS"
    echo "meta log_mb=$LOG_MB"
    echo "meta log_reps=$LOG_REPS"
    echo "meta targets=run:$TARGET_RUN,api:$TARGET_API,ps:$TARGET_PS,mem:$TARGET_MEM"
    cat "$RESULTS"
} >"$WORK/all.txt"
cp "$WORK/all.txt" "$OUT/containers-$STAMP.txt"

python3 "$HERE/containers_report.py" "$WORK/all.txt" "$NOTES" "$JSON"

echo
if [[ -n ${DOCKERD_NOTE:-} ]]; then echo "$DOCKERD_NOTE"; fi
echo "berthd: $BERTHD ($BERTHD_VERSION)   dockerd: $DOCKERD ($DOCKERD_VERSION)   CLI: $CLI_VERSION"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)   cpus: $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')"
echo "results: $JSON (raw lines: $OUT/containers-$STAMP.txt)   logs: $OUT/$LOGDIR_NAME/"
