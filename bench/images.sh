#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Image benchmark: berthd against dockerd, side by side, in one run, through the real docker CLI.
# pull / push / save / load of a ~200 MB multi-layer image from a local registry, `docker images` with
# 500 images, and RSS after the pull. See bench/IMAGES.md.
#
#   bench/images.sh                         build berthd (release) and compare it with dockerd if installed
#   BERTHD=/path/to/berthd bench/images.sh  (berth-unpack must sit beside it)
#   DOCKERD=none bench/images.sh            berthd only
#   ROUNDS=1 bench/images.sh                quicker
#
# Needs: root, bash, curl, awk, python3, Debian's docker-registry, the docker CLI, busybox-static; ip (iproute2),
# nsenter and unshare (util-linux) for the dockerd half. Talks to loopback and unix sockets only.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT="$HERE/out"

# ---------------------------------------------------------------------------------------------
# Settings (environment)

ROUNDS=${ROUNDS:-2}                       # interleaved rounds
BERTHD=${BERTHD:-}                        # empty: build it; a path: use it
BERTHD_ARGS=${BERTHD_ARGS:-}              # extra berthd flags (word-split)
DOCKERD=${DOCKERD:-}                      # empty: `command -v dockerd`; a path: use it; none: skip
DOCKERD_ARGS=${DOCKERD_ARGS:-}            # extra dockerd flags (word-split)
DOCKER_CLI=${DOCKER_CLI:-/usr/local/bin/docker}
REGISTRY_BIN=${REGISTRY_BIN:-/usr/bin/docker-registry}
BUSYBOX=${BUSYBOX:-/bin/busybox}          # a static busybox (Debian's busybox-static) for the base layer
IMAGE_MB=${IMAGE_MB:-200}                 # size of the random layers together, MB (10^6 bytes)
IMAGE_LAYERS=${IMAGE_LAYERS:-6}           # random layers (plus the busybox layer)
SMALL_IMAGES=${SMALL_IMAGES:-500}         # images for the `docker images` latency
LIST_RUNS=${LIST_RUNS:-10}                # timed `docker images` / GET /images/json runs (median)
SETTLE=${SETTLE:-2}                       # seconds before an RSS reading
OP_TIMEOUT=${OP_TIMEOUT:-900}             # seconds any one docker command may take
START_TIMEOUT=${START_TIMEOUT:-90}
TARGET_RATIO=${TARGET_RATIO:-1.5}         # berthd throughput >= this x dockerd's (pull, save, load)

for v in ROUNDS IMAGE_MB IMAGE_LAYERS SMALL_IMAGES LIST_RUNS SETTLE OP_TIMEOUT START_TIMEOUT; do
    [[ ${!v} =~ ^[0-9]+$ ]] || { echo "images: $v must be a non-negative integer (got '${!v}')" >&2; exit 2; }
done
((ROUNDS >= 1)) || { echo "images: ROUNDS must be >= 1" >&2; exit 2; }
((IMAGE_LAYERS >= 1 && IMAGE_MB >= 1 && LIST_RUNS >= 1)) || { echo "images: IMAGE_LAYERS, IMAGE_MB, LIST_RUNS must be >= 1" >&2; exit 2; }
[[ $BERTHD != none ]] || { echo "images: BERTHD=none is not supported here (this benchmark is about berthd)" >&2; exit 2; }

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

((EUID == 0)) || die "run as root (the daemons need it)"
for c in curl awk python3 timeout; do command -v "$c" >/dev/null || die "$c not found"; done
[[ -x $DOCKER_CLI ]] || DOCKER_CLI=$(command -v docker || true)
[[ -n $DOCKER_CLI && -x $DOCKER_CLI ]] || die "the docker CLI was not found (set DOCKER_CLI)"
[[ -x $REGISTRY_BIN ]] || die "$REGISTRY_BIN not found (apt-get install -y docker-registry)"
[[ -x $BUSYBOX ]] || die "$BUSYBOX not found (apt-get install -y busybox-static)"

lib_init berthimages images-logs
mkdir -p "$OUT"
NOTES=$WORK/notes.txt       # daemon<TAB>op<TAB>message: errors and remarks, kept verbatim for the report
: >"$NOTES"
note() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$NOTES"; }

# ---------------------------------------------------------------------------------------------
# Build

[[ -n $BERTHD ]] || build_berthd
[[ -x $BERTHD ]] || die "BERTHD=$BERTHD is not an executable"
[[ -x $(dirname "$BERTHD")/berth-unpack ]] || log "warning: no berth-unpack beside $BERTHD: berthd cannot unpack layers"
resolve_dockerd

# ---------------------------------------------------------------------------------------------
# The test image: IMAGE_LAYERS layers of random bytes plus a busybox layer, gzipped tars, a config and a
# Docker schema2 manifest, all made here (no Docker Hub). Also SMALL_IMAGES tiny tarballs for `docker images`.

IMG=$WORK/image
log "making the test image ($IMAGE_LAYERS random layers, $IMAGE_MB MB, + busybox) and $SMALL_IMAGES tiny tarballs"
python3 - "$IMG" "$IMAGE_MB" "$IMAGE_LAYERS" "$BUSYBOX" "$SMALL_IMAGES" <<'PY'
import gzip, hashlib, io, json, os, platform, sys, tarfile

out, total_mb, nlayers, busybox, nsmall = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
blobs = os.path.join(out, "blobs")
os.makedirs(blobs)
os.makedirs(os.path.join(out, "small"))
MTIME = 1704067200  # 2024-01-01T00:00:00Z: the same image (same digests, same ID) every run
CREATED = "2024-01-01T00:00:00Z"

class Hashing(io.RawIOBase):
    """A write-only stream that hashes and counts what passes to `inner`."""
    def __init__(self, inner):
        self.inner, self.h, self.n = inner, hashlib.sha256(), 0
    def writable(self): return True
    def tell(self): return self.n
    def write(self, b):
        self.h.update(b); self.n += len(b); self.inner.write(b); return len(b)

def layer(build):
    """build(tarfile) -> (digest, size, diff_id): the gzipped tar goes to blobs/<hex>."""
    tmp = os.path.join(blobs, "tmp")
    with open(tmp, "wb") as f:
        outer = Hashing(f)
        gz = gzip.GzipFile(fileobj=outer, mode="wb", compresslevel=1, mtime=0)
        inner = Hashing(gz)
        with tarfile.open(fileobj=inner, mode="w", format=tarfile.PAX_FORMAT) as tf:
            build(tf)
        gz.close()
    hexd = outer.h.hexdigest()
    os.rename(tmp, os.path.join(blobs, hexd))
    return "sha256:" + hexd, outer.n, "sha256:" + inner.h.hexdigest(), inner.n

def entry(tf, name, kind=tarfile.REGTYPE, mode=0o644, data=b"", link=""):
    ti = tarfile.TarInfo(name)
    ti.type, ti.mode, ti.mtime, ti.uid, ti.gid = kind, mode, MTIME, 0, 0
    if kind == tarfile.REGTYPE:
        ti.size = len(data)
        tf.addfile(ti, io.BytesIO(data))
    else:
        ti.linkname = link
        tf.addfile(ti)

def base(tf):
    for d, m in (("bin", 0o755), ("etc", 0o755), ("root", 0o700), ("tmp", 0o1777), ("usr", 0o755), ("usr/bin", 0o755), ("var", 0o755)):
        entry(tf, d, tarfile.DIRTYPE, m)
    with open(busybox, "rb") as f:
        entry(tf, "bin/busybox", mode=0o755, data=f.read())
    for app in ("sh", "ls", "cat", "echo", "true", "sleep", "env", "mkdir", "rm", "cp"):
        entry(tf, "bin/" + app, tarfile.SYMTYPE, 0o777, link="busybox")
    entry(tf, "etc/passwd", data=b"root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n")
    entry(tf, "etc/group", data=b"root:x:0:\nnogroup:x:65534:\n")

per_layer = total_mb * 1000 * 1000 // nlayers
def random_layer(i):
    def build(tf):
        entry(tf, "data", tarfile.DIRTYPE, 0o755)
        entry(tf, "data/layer%d" % i, tarfile.DIRTYPE, 0o755)
        left = per_layer
        for j, share in enumerate((0.5, 0.3, 0.2)):
            n = left if j == 2 else int(per_layer * share)
            left -= n
            entry(tf, "data/layer%d/random%d.bin" % (i, j), data=os.urandom(n))
    return build

layers, history = [], []
layers.append(layer(base)); history.append({"created": CREATED, "created_by": "berth bench: busybox-static rootfs"})
for i in range(1, nlayers + 1):
    layers.append(layer(random_layer(i)))
    history.append({"created": CREATED, "created_by": "berth bench: layer %d, %d random bytes" % (i, per_layer)})

arch = {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "arm", "ppc64le": "ppc64le", "s390x": "s390x", "riscv64": "riscv64"}.get(platform.machine(), platform.machine())
config = {
    "architecture": arch, "os": "linux", "created": CREATED,
    "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], "Cmd": ["/bin/sh"]},
    "rootfs": {"type": "layers", "diff_ids": [l[2] for l in layers]},
    "history": history,
}
cbytes = json.dumps(config, separators=(",", ":")).encode()
chex = hashlib.sha256(cbytes).hexdigest()
with open(os.path.join(blobs, chex), "wb") as f:
    f.write(cbytes)
manifest = {
    "schemaVersion": 2,
    "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
    "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": len(cbytes), "digest": "sha256:" + chex},
    "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": l[1], "digest": l[0]} for l in layers],
}
with open(os.path.join(out, "manifest.json"), "wb") as f:
    f.write(json.dumps(manifest, indent=3).encode())
with open(os.path.join(out, "blobs.txt"), "w") as f:   # digest path, the config last
    for l in layers:
        f.write("%s %s\n" % (l[0], os.path.join(blobs, l[0][7:])))
    f.write("sha256:%s %s\n" % (chex, os.path.join(blobs, chex)))
with open(os.path.join(out, "image.env"), "w") as f:
    f.write("IMAGE_ID=sha256:%s\n" % chex)
    f.write("IMAGE_BYTES=%d\n" % (sum(l[1] for l in layers) + len(cbytes)))     # what a pull transfers
    f.write("IMAGE_TAR_BYTES=%d\n" % sum(l[3] for l in layers))                 # uncompressed layers
    f.write("IMAGE_NLAYERS=%d\n" % len(layers))

# Tiny images: one distinct file each, so every import makes a distinct layer and a distinct image.
for i in range(nsmall):
    with tarfile.open(os.path.join(out, "small", "%d.tar" % i), "w", format=tarfile.PAX_FORMAT) as tf:
        entry(tf, "small", tarfile.DIRTYPE, 0o755)
        entry(tf, "small/%d" % i, data=("berth bench tiny image %d\n" % i).encode())
PY
# shellcheck disable=SC1091
source "$IMG/image.env" # IMAGE_ID IMAGE_BYTES IMAGE_TAR_BYTES IMAGE_NLAYERS
log "test image: $IMAGE_NLAYERS layers, $IMAGE_BYTES bytes compressed, $IMAGE_TAR_BYTES bytes uncompressed, id $IMAGE_ID"

# ---------------------------------------------------------------------------------------------
# Registries. Each daemon gets two docker-registry instances in its own network namespace, on the same two
# 127.0.0.1 ports (berthd: the host's namespace; dockerd: its private one, where the host's loopback is not
# reachable). So the image references are the same for both daemons:
#   127.0.0.1:PULL_PORT/bench/big:v1      holds the test image (pushed once, with curl)
#   127.0.0.1:PUSH_PORT/bench/pushed:v1   the push target; restarted with empty storage before every push,
#                                         so every push uploads every layer (no blob already there to skip,
#                                         no cross-repository mount from bench/big, which is on another registry)

PULL_PORT=$(free_port) || die "no free TCP port"
PUSH_PORT=$(free_port "$PULL_PORT") || die "no free TCP port"
REF=127.0.0.1:$PULL_PORT/bench/big:v1
PUSHREF=127.0.0.1:$PUSH_PORT/bench/pushed:v1
declare -A REG_PID

start_registry() { # where(daemon name) kind(pull|push) port
    local where=$1 port=$3 d=$WORK/registry-$1-$2 key=$1-$2 i
    rm -rf --one-file-system "$d"
    mkdir -p "$d/storage"
    cat >"$d/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $d/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
EOF
    if [[ -n ${NETNS[$where]:-} ]]; then
        nsenter --net="/run/netns/${NETNS[$where]}" -- "$REGISTRY_BIN" serve "$d/config.yml" >>"$WORK/registry-$key.log" 2>&1 &
    else
        "$REGISTRY_BIN" serve "$d/config.yml" >>"$WORK/registry-$key.log" 2>&1 &
    fi
    REG_PID[$key]=$!
    HELPER_PIDS+=("${REG_PID[$key]}")
    for ((i = 0; i < 120; i++)); do
        kill -0 "${REG_PID[$key]}" 2>/dev/null || { tail -n 20 "$WORK/registry-$key.log" >&2; die "registry $key exited"; }
        in_ns "$where" curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$port/v2/" 2>/dev/null && return 0
        sleep 0.25
    done
    die "registry $key did not answer on 127.0.0.1:$port"
}

stop_registry() { # where kind
    local key=$1-$2
    [[ -n ${REG_PID[$key]:-} ]] || return 0
    stop_pid "${REG_PID[$key]}" "registry $key" 5
    local keep=() p
    for p in "${HELPER_PIDS[@]}"; do [[ $p == "${REG_PID[$key]}" ]] || keep+=("$p"); done
    HELPER_PIDS=("${keep[@]}")
    REG_PID[$key]=
}

# Monolithic blob uploads (POST, then PUT ?digest=) and the manifest PUT under tag v1.
upload_image() { # where port
    local where=$1 port=$2 base="http://127.0.0.1:$2" repo=bench/big digest path loc code
    while read -r digest path; do
        loc=$(in_ns "$where" curl -fsS -m 30 -X POST -D - -o /dev/null "$base/v2/$repo/blobs/uploads/" |
            tr -d '\r' | awk 'tolower($1) == "location:" { print $2 }')
        [[ -n $loc ]] || die "registry on $where: no upload location"
        [[ $loc == http* ]] || loc=$base$loc
        if [[ $loc == *\?* ]]; then loc="$loc&digest=$digest"; else loc="$loc?digest=$digest"; fi
        code=$(in_ns "$where" curl -sS -m 300 -o /dev/null -w '%{http_code}' -X PUT -T "$path" \
            -H 'Content-Type: application/octet-stream' "$loc")
        [[ $code == 201 ]] || die "registry on $where: blob $digest upload answered $code"
    done <"$IMG/blobs.txt"
    code=$(in_ns "$where" curl -sS -m 30 -o /dev/null -w '%{http_code}' -X PUT \
        -H 'Content-Type: application/vnd.docker.distribution.manifest.v2+json' \
        --data-binary "@$IMG/manifest.json" "$base/v2/$repo/manifests/v1")
    [[ $code == 201 ]] || die "registry on $where: manifest upload answered $code"
}

# ---------------------------------------------------------------------------------------------
# Daemons

log "work dir $WORK; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
start_berthd_unix $BERTHD_ARGS
if [[ $DOCKERD != none ]]; then
    # shellcheck disable=SC2086
    start_dockerd_unix $DOCKERD_ARGS || { DOCKERD=none; DOCKERD_NOTE="dockerd could not be isolated in a network namespace; berthd only"; }
fi

BERTHD_VERSION=$(curl -fsS -m 5 --unix-socket "${SOCK[berthd]}" http://localhost/version 2>/dev/null |
    python3 -c 'import json,sys; print(json.load(sys.stdin).get("Version","unknown"))' 2>/dev/null || echo unknown)
DOCKERD_VERSION=none
[[ -z ${PID[dockerd]:-} ]] || DOCKERD_VERSION=$("$DOCKERD" --version 2>/dev/null | head -n1 || echo unknown)
CLI_VERSION=$("$DOCKER_CLI" --version 2>/dev/null | head -n1 || echo unknown)

for n in "${DAEMONS[@]}"; do
    start_registry "$n" pull "$PULL_PORT"
    log "uploading the test image to the registry of $n (127.0.0.1:$PULL_PORT, $( [[ -n ${NETNS[$n]:-} ]] && echo "netns ${NETNS[$n]}" || echo "host namespace"))"
    upload_image "$n" "$PULL_PORT"
done

docker_cli_env

datasize() { du -sxb "$1" 2>/dev/null | cut -f1 || echo 0; }

# Every tag of the test image gone, and so its layers (unless something else holds them).
clean_image() { # daemon
    dk "$1" rmi "$REF" >/dev/null 2>&1 || true
    dk "$1" rmi "$PUSHREF" >/dev/null 2>&1 || true
    if dk "$1" image inspect "$REF" >/dev/null 2>&1; then log "  warning: $1 still has $REF after rmi"; fi
}

# Run one timed docker command; on success append `kind=op ...` to RESULTS.
timed() { # daemon op round bytes docker-args...
    local n=$1 op=$2 round=$3 bytes=$4 t0 s l rc=0 line
    shift 4
    l=$(load1)
    t0=$(now_ns)
    dk "$n" "$@" >"$WORK/op-$n-$op.out" 2>"$WORK/op-$n-$op.err" || rc=$?
    s=$(secs_since "$t0")
    if ((rc != 0)); then
        LAST_ERR=$(tr '\n' ' ' <"$WORK/op-$n-$op.err" | sed 's/ *$//')
        cat "$WORK/op-$n-$op.err" >>"$WORK/cli-errors.log"
        return "$rc"
    fi
    line="kind=op daemon=$n op=$op round=$round wall_s=$s bytes=$bytes mbps=$(awk -v b="$bytes" -v s="$s" 'BEGIN { printf "%.1f", (s > 0) ? b / 1e6 / s : 0 }') load1=$l"
    echo "$line" >>"$RESULTS"
    log "  $n $op r$round: ${s}s $(awk -v b="$bytes" -v s="$s" 'BEGIN { printf "%.1f MB/s", b / 1e6 / s }') (load1 $l)"
}

# After a failure: does the daemon serve the endpoint at all? Not served = 501, 405, or a 404 whose message is
# the router's "page not found" (a 404 "No such image" is a served endpoint). The probes are harmless: an empty
# body, or an image that does not exist.
probe() { # daemon method path -> "status message"
    local out code
    out=$(curl -sS -m 30 -w '\n%{http_code}' -X "$2" --unix-socket "${SOCK[$1]}" \
        -H 'Content-Type: application/x-tar' --data-binary '' "http://localhost$3" 2>/dev/null) || true
    code=${out##*$'\n'}
    echo "${code:-000} $(head -c 300 <<<"${out%$'\n'*}" | tr -s '\n' ' ' | sed 's/ *$//')"
}
declare -A UNSERVED   # daemon-op -> 1 once found not served (not retried in later rounds)
failed() { # daemon op round probe-method probe-path
    local n=$1 op=$2 round=$3 p code
    p=$(probe "$n" "$4" "$5")
    code=${p%% *}
    if [[ $code == 501 || $code == 405 ]] || [[ $code == 404 && $p == *"page not found"* ]]; then
        UNSERVED[$n-$op]=1
        echo "kind=op daemon=$n op=$op round=$round status=not_served http=$code" >>"$RESULTS"
        note "$n" "$op" "not served: $4 $5 answers $p; docker CLI: $LAST_ERR"
        log "  $n $op: not served ($4 $5 -> $code): $LAST_ERR"
    else
        echo "kind=op daemon=$n op=$op round=$round status=failed http=$code" >>"$RESULTS"
        note "$n" "$op" "round $round failed: $LAST_ERR"
        log "  $n $op r$round FAILED: $LAST_ERR"
    fi
}

op_pull() { # daemon round
    local n=$1 r=$2
    clean_image "$n"
    echo "kind=disk daemon=$n phase=before_pull round=$r bytes=$(datasize "$WORK/$n/data")" >>"$RESULTS"
    if timed "$n" pull "$r" "$IMAGE_BYTES" pull "$REF"; then
        local id
        id=$(dk "$n" image inspect -f '{{.Id}}' "$REF" 2>/dev/null || echo none)
        [[ $id == "$IMAGE_ID" ]] || note "$n" pull "round $r: image ID after pull is $id, expected $IMAGE_ID"
        echo "kind=disk daemon=$n phase=after_pull round=$r bytes=$(datasize "$WORK/$n/data")" >>"$RESULTS"
        sleep "$SETTLE"
        record_rss "$n" after_pull "$r"
    else
        failed "$n" pull "$r" POST "/images/create?fromImage=127.0.0.1:1/berthbench/none&tag=none"
    fi
}

op_push() {
    local n=$1 r=$2
    dk "$n" image inspect "$REF" >/dev/null 2>&1 || { note "$n" push "round $r: skipped, no image to push"; return 0; }
    stop_registry "$n" push
    start_registry "$n" push "$PUSH_PORT"
    if ! dk "$n" tag "$REF" "$PUSHREF" >/dev/null 2>"$WORK/op-$n-tag.err"; then
        note "$n" push "round $r: docker tag failed: $(tr '\n' ' ' <"$WORK/op-$n-tag.err")"
        stop_registry "$n" push
        return 0
    fi
    if timed "$n" push "$r" "$IMAGE_BYTES" push "$PUSHREF"; then
        echo "kind=disk daemon=$n phase=push_registry round=$r bytes=$(datasize "$WORK/registry-$n-push/storage/docker/registry/v2/blobs")" >>"$RESULTS"
    else
        failed "$n" push "$r" POST "/images/127.0.0.1:1/berthbench/none:none/push"
    fi
    dk "$n" rmi "$PUSHREF" >/dev/null 2>&1 || true
    stop_registry "$n" push
}

op_save() {
    local n=$1 r=$2 f=$WORK/save-$1.tar
    [[ -z ${UNSERVED[$n-save]:-} ]] || { echo "kind=op daemon=$n op=save round=$r status=not_served" >>"$RESULTS"; return 0; }
    dk "$n" image inspect "$REF" >/dev/null 2>&1 || { note "$n" save "round $r: skipped, no image to save"; return 0; }
    rm -f "$f"
    local t0 s l rc=0
    l=$(load1)
    t0=$(now_ns)
    dk "$n" save -o "$f" "$REF" 2>"$WORK/op-$n-save.err" || rc=$?
    s=$(secs_since "$t0")
    if ((rc == 0)) && [[ -s $f ]]; then
        local bytes
        bytes=$(stat -c %s "$f")
        echo "kind=op daemon=$n op=save round=$r wall_s=$s bytes=$bytes mbps=$(awk -v b="$bytes" -v s="$s" 'BEGIN { printf "%.1f", b / 1e6 / s }') load1=$l" >>"$RESULTS"
        log "  $n save r$r: ${s}s $(awk -v b="$bytes" -v s="$s" 'BEGIN { printf "%.1f MB/s", b / 1e6 / s }') ($bytes bytes; load1 $l)"
    else
        rm -f "$f"
        LAST_ERR=$(tr '\n' ' ' <"$WORK/op-$n-save.err" | sed 's/ *$//')
        failed "$n" save "$r" GET "/images/get?names=berthbench/none:none"
    fi
}

op_load() {
    local n=$1 r=$2 f=$WORK/save-$1.tar other
    [[ -z ${UNSERVED[$n-load]:-} ]] || { echo "kind=op daemon=$n op=load round=$r status=not_served" >>"$RESULTS"; return 0; }
    if [[ ! -s $f ]]; then
        # This daemon did not save: load the other daemon's `docker save` tarball instead.
        for other in "${DAEMONS[@]}"; do [[ $other != "$n" && -s $WORK/save-$other.tar ]] && f=$WORK/save-$other.tar; done
        if [[ ! -s $f ]]; then
            local p
            p=$(probe "$n" POST /images/load)
            if [[ ${p%% *} == 501 || ${p%% *} == 405 ]] || [[ ${p%% *} == 404 && $p == *"page not found"* ]]; then
                UNSERVED[$n-load]=1
                echo "kind=op daemon=$n op=load round=$r status=not_served http=${p%% *}" >>"$RESULTS"
                note "$n" load "not served: POST /images/load answers $p"
                log "  $n load: not served (POST /images/load -> ${p%% *})"
            else
                note "$n" load "round $r: skipped, no docker save tarball to load"
            fi
            return 0
        fi
        local src=${f##*/save-}
        ((r > 1)) || note "$n" load "loads the tarball that docker save made on ${src%.tar}"
    fi
    clean_image "$n"
    if timed "$n" load "$r" "$(stat -c %s "$f")" load -i "$f"; then
        local id
        id=$(dk "$n" image inspect -f '{{.Id}}' "$REF" 2>/dev/null || echo none)
        [[ $id == "$IMAGE_ID" ]] || note "$n" load "round $r: image ID after load is $id, expected $IMAGE_ID"
    else
        failed "$n" load "$r" POST "/images/load"
    fi
}

# ---------------------------------------------------------------------------------------------
# Rounds: each operation on each daemon in turn; the order flips every round.

sleep "$SETTLE"
for n in "${DAEMONS[@]}"; do record_rss "$n" idle_start; done
for ((r = 1; r <= ROUNDS; r++)); do
    order=("${DAEMONS[@]}")
    if ((r % 2 == 0 && ${#DAEMONS[@]} == 2)); then order=("${DAEMONS[1]}" "${DAEMONS[0]}"); fi
    log "round $r of $ROUNDS (order: ${order[*]})"
    for op in pull push save load; do
        for n in "${order[@]}"; do "op_$op" "$n" "$r"; done
    done
done
for n in "${DAEMONS[@]}"; do
    rm -f "$WORK/save-$n.tar"
    # The same image set on both for what follows: the test image back where a failed load left none.
    dk "$n" image inspect "$REF" >/dev/null 2>&1 || dk "$n" pull -q "$REF" >/dev/null 2>&1 || log "  $n: could not pull $REF again"
done

# ---------------------------------------------------------------------------------------------
# `docker images` with SMALL_IMAGES images: imported with the raw API (POST /images/create?fromSrc=-, the
# request `docker import` sends), one distinct tiny tarball each, tags bench/small:iN.

for n in "${DAEMONS[@]}"; do
    log "$n: importing $SMALL_IMAGES tiny images"
    t0=$(now_ns)
    bad=0
    for ((i = 0; i < SMALL_IMAGES; i++)); do
        code=$(curl -sS -m 60 -o "$WORK/import.out" -w '%{http_code}' -X POST --unix-socket "${SOCK[$n]}" \
            -H 'Content-Type: application/x-tar' --data-binary "@$IMG/small/$i.tar" \
            "http://localhost/images/create?fromSrc=-&repo=bench/small&tag=i$i" 2>/dev/null) || code=000
        if [[ $code != 200 ]] || grep -q '"error' "$WORK/import.out"; then
            ((bad++)) || true
            ((bad > 1)) || note "$n" import "import answered $code: $(head -c 300 "$WORK/import.out")"
        fi
    done
    s=$(secs_since "$t0")
    count=$(dk "$n" images -q 2>/dev/null | wc -l)
    echo "kind=import daemon=$n n=$SMALL_IMAGES failed=$bad wall_s=$s images=$count" >>"$RESULTS"
    log "  $n: ${s}s for $SMALL_IMAGES imports ($bad failed); docker images lists $count"
done

for n in "${DAEMONS[@]}"; do   # warm-up, and the response size
    dk "$n" images >/dev/null 2>&1 || true
    sz=$(curl -sS -m 60 -o /dev/null -w '%{size_download} %{http_code}' --unix-socket "${SOCK[$n]}" http://localhost/images/json 2>/dev/null || echo "0 000")
    echo "kind=size daemon=$n bytes=${sz% *} status=${sz#* }" >>"$RESULTS"
done
log "timing docker images and GET /images/json, $LIST_RUNS runs each"
for ((i = 1; i <= LIST_RUNS; i++)); do
    order=("${DAEMONS[@]}")
    if ((i % 2 == 0 && ${#DAEMONS[@]} == 2)); then order=("${DAEMONS[1]}" "${DAEMONS[0]}"); fi
    for n in "${order[@]}"; do
        l=$(load1)
        t0=$(now_ns)
        if dk "$n" images >/dev/null 2>>"$WORK/cli-errors.log"; then
            echo "kind=list daemon=$n how=cli i=$i ms=$(awk -v s="$(secs_since "$t0")" 'BEGIN { printf "%.1f", s * 1000 }') load1=$l" >>"$RESULTS"
        fi
        t=$(curl -sS -m 60 -o /dev/null -w '%{http_code} %{time_total}' --unix-socket "${SOCK[$n]}" http://localhost/images/json 2>/dev/null || echo "000 0")
        if [[ ${t% *} == 200 ]]; then
            echo "kind=list daemon=$n how=api i=$i ms=$(awk -v s="${t#* }" 'BEGIN { printf "%.1f", s * 1000 }') load1=$l" >>"$RESULTS"
        fi
    done
done
sleep "$SETTLE"
for n in "${DAEMONS[@]}"; do record_rss "$n" after_images; done

# ---------------------------------------------------------------------------------------------
# Report: a table on stdout and JSON in bench/out/images-<date>.json

JSON=$OUT/images-$STAMP.json
{
    common_meta
    echo "meta registry=$REGISTRY_BIN"
    echo "meta rounds=$ROUNDS"
    echo "meta image_layers=$IMAGE_NLAYERS"
    echo "meta image_bytes=$IMAGE_BYTES"
    echo "meta image_tar_bytes=$IMAGE_TAR_BYTES"
    echo "meta image_id=$IMAGE_ID"
    echo "meta small_images=$SMALL_IMAGES"
    echo "meta list_runs=$LIST_RUNS"
    echo "meta target_ratio=$TARGET_RATIO"
    cat "$RESULTS"
} >"$WORK/all.txt"

python3 - "$WORK/all.txt" "$NOTES" "$JSON" "$TARGET_RATIO" <<'PY'
import json, statistics, sys

allf, notesf, jsonf, target = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
meta, runs = {}, []
def val(s):
    try: return int(s)
    except ValueError:
        try: return float(s)
        except ValueError: return s
for line in open(allf):
    line = line.rstrip("\n")
    if line.startswith("meta "):
        k, _, v = line[5:].partition("="); meta[k] = val(v); continue
    if not line: continue
    runs.append({k: val(v) for k, _, v in (t.partition("=") for t in line.split(" "))})
notes = []
for line in open(notesf):
    d, op, msg = line.rstrip("\n").split("\t", 2)
    notes.append({"daemon": d, "op": op, "message": msg})
have = {r["daemon"] for r in runs}

def med(xs): return statistics.median(xs) if xs else None
def sel(**kw): return [r for r in runs if all(r.get(k) == v for k, v in kw.items())]
rows = []
def row(metric, b, d, better="", tgt="", status="", load=""):
    ratio = None
    if isinstance(b, (int, float)) and isinstance(d, (int, float)) and d > 0: ratio = round(b / d, 2)
    rows.append({"metric": metric, "berthd": b, "dockerd": d, "ratio": ratio, "better": better, "target": tgt, "status": status, "load1": load})
def lrange(rs):
    ls = [r["load1"] for r in rs if "load1" in r]
    if not ls: return ""
    return "%.2f" % min(ls) if min(ls) == max(ls) else "%.2f-%.2f" % (min(ls), max(ls))

mb = meta["image_bytes"] / 1e6
titles = {"pull": "docker pull (%.0f MB, %d layers)" % (mb, meta["image_layers"]), "push": "docker push (to an empty registry)",
          "save": "docker save -o", "load": "docker load -i"}
for op in ("pull", "push", "save", "load"):
    vals = {}
    for d in ("berthd", "dockerd"):
        ok = [r for r in sel(kind="op", daemon=d, op=op) if "wall_s" in r]
        if ok: vals[d] = (round(med([r["wall_s"] for r in ok]), 2), round(med([r["mbps"] for r in ok]), 1), ok)
        elif sel(kind="op", daemon=d, op=op, status="not_served"): vals[d] = ("not served",) * 2 + ([],)
        elif sel(kind="op", daemon=d, op=op): vals[d] = ("failed",) * 2 + ([],)
        elif d in have: vals[d] = ("-",) * 2 + ([],)
    b, d = vals.get("berthd", (None, None, [])), vals.get("dockerd", (None, None, []))
    load = lrange(b[2] + d[2])
    row(titles[op] + " wall s", b[0], d[0], "lower", load=load)
    tgt = st = ""
    if op in ("pull", "save", "load"):
        tgt = "berthd >= %gx dockerd" % target
        if not isinstance(d[1], (int, float)): st = "n/a"
        elif isinstance(b[1], (int, float)): st = "PASS" if b[1] >= target * d[1] else "FAIL"
        else: st = "FAIL"
    row(titles[op] + " MB/s", b[1], d[1], "higher", tgt, st, load)

def disk(d, phase):
    xs = [r["bytes"] for r in sel(kind="disk", daemon=d, phase=phase)]
    return round(med(xs) / 1e6, 1) if xs else None
row("data root MB after pull", disk("berthd", "after_pull"), disk("dockerd", "after_pull"), "lower")
row("data root MB after rmi (before pull)", disk("berthd", "before_pull"), disk("dockerd", "before_pull"), "lower")
row("push: MB the registry received", disk("berthd", "push_registry"), disk("dockerd", "push_registry"), "-")

imp = {d: sel(kind="import", daemon=d) for d in ("berthd", "dockerd")}
def impv(d, k):
    return imp[d][0][k] if imp[d] else None
row("import %d tiny images (raw API) s" % meta["small_images"], impv("berthd", "wall_s"), impv("dockerd", "wall_s"), "lower")
row("  images listed afterwards", impv("berthd", "images"), impv("dockerd", "images"), "-")
for how, label in (("cli", "docker images ms (median of %d)" % meta["list_runs"]), ("api", "GET /images/json ms (median of %d)" % meta["list_runs"])):
    rs = {d: sel(kind="list", daemon=d, how=how) for d in ("berthd", "dockerd")}
    row(label, *(round(med([r["ms"] for r in rs[d]]), 1) if rs[d] else None for d in ("berthd", "dockerd")), "lower", load=lrange(rs["berthd"] + rs["dockerd"]))
sz = {d: sel(kind="size", daemon=d) for d in ("berthd", "dockerd")}
row("GET /images/json response bytes", *(sz[d][0]["bytes"] if sz[d] else None for d in ("berthd", "dockerd")), "-")

def rss(d, phase, key):
    xs = [r[key] for r in sel(kind="rss", daemon=d, phase=phase)]
    return round(med(xs) / 1024, 1) if xs else None
children = "children"
for r in sel(kind="rss", daemon="dockerd"): children = r.get("children", children)
for phase, label in (("idle_start", "RSS MiB, idle after start"), ("after_pull", "RSS MiB, after the pull"), ("after_images", "RSS MiB, with the %d tiny images" % meta["small_images"])):
    b, d = rss("berthd", phase, "daemon_kb"), rss("dockerd", phase, "daemon_kb")
    if b is None and d is None: continue
    row(label, b, d, "lower")
    cb, cd = rss("berthd", phase, "children_kb"), rss("dockerd", phase, "children_kb")
    if (cb or 0) + (cd or 0) > 0:
        row("  + children (%s) MiB" % children, cb, cd, "lower"); rows[-1]["ratio"] = None
        row("  = total MiB", None if b is None else round(b + (cb or 0), 1), None if d is None else round(d + (cd or 0), 1), "lower")
hwm = {d: max([r["hwm_kb"] for r in sel(kind="rss", daemon=d)] or [0]) for d in ("berthd", "dockerd")}
row("peak RSS (VmHWM) MiB", *(round(hwm[d] / 1024, 1) if hwm[d] else None for d in ("berthd", "dockerd")), "lower")

def cell(v): return "-" if v is None else str(v)
w = max(len(r["metric"]) for r in rows)
print("\n%-*s | %10s | %10s | %6s | %-22s | %-6s | %s" % (w, "metric", "berthd", "dockerd", "ratio", "target", "status", "load1"))
print("-" * (w + 80))
for r in rows:
    print("%-*s | %10s | %10s | %6s | %-22s | %-6s | %s" % (w, r["metric"], cell(r["berthd"]), cell(r["dockerd"]), cell(r["ratio"]), r["target"], r["status"], r["load1"]))
print("ratio = berthd / dockerd (medians over rounds). MB = 10^6 bytes. MB/s: higher is better; s, ms, MiB: lower is better.")
for n in notes: print("NOTE %s %s: %s" % (n["daemon"], n["op"], n["message"]))
with open(jsonf, "w") as f:
    json.dump({"meta": meta, "summary": rows, "notes": notes, "runs": runs}, f, indent=2)
    f.write("\n")
PY

echo
if [[ -n ${DOCKERD_NOTE:-} ]]; then echo "$DOCKERD_NOTE"; fi
echo "berthd: $BERTHD ($BERTHD_VERSION)   dockerd: $DOCKERD ($DOCKERD_VERSION)   CLI: $CLI_VERSION"
echo "image: $REF ($IMAGE_NLAYERS layers, $IMAGE_BYTES bytes compressed)   registries: $REGISTRY_BIN on 127.0.0.1:$PULL_PORT and :$PUSH_PORT, one pair per daemon's network namespace"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)   cpus: $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')"
echo "results: $JSON   logs: $OUT/$LOGDIR_NAME/"
