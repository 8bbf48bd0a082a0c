#!/usr/bin/env bash
# tests/ganeti-cluster.sh - the real single-node Ganeti cluster the exasol test suites run against.
#
#   tests/ganeti-cluster.sh up      install ganeti if missing, set up and start the cluster, print env
#   tests/ganeti-cluster.sh down    remove all instances, destroy the cluster, undo the host changes
#   tests/ganeti-cluster.sh status  what is set up and running; exit 0 only when RAPI answers
#   tests/ganeti-cluster.sh env     print `export EXASOL_TEST_GANETI=1 GANETI_...=...` lines for `eval "$(... env)"`
#   tests/ganeti-cluster.sh guests  also run real guests: build (or reuse) tests/guest-image.sh's image,
#                                   install the project's OS definition exasol-image, enable kvm (TCG)
#
# Which cluster: the machine's own Ganeti by default. A second cluster (another Ganeti version) runs
# beside it from a chroot in its own network namespace, chosen by these variables or the flags
# before the verb (`tests/ganeti-cluster.sh --root DIR --netns NS ... up`):
#   GANETI_CLUSTER_ROOT   --root    chroot with its own Ganeti (tests/ganeti-chroot.sh build); empty: /
#   GANETI_CLUSTER_NETNS  --netns   network namespace for the daemons (needs --root); empty: the machine's
#   GANETI_CLUSTER_BRIDGE --bridge  bridge of node and cluster IPs (default gnt0)
#   GANETI_CLUSTER_SUBNET --subnet  first three octets of its /24 (default 198.51.100): node .10, cluster
#                                   .100; in a namespace the machine's end of a veth pair is .1
#   GANETI_CLUSTER_PORT   --port    RAPI port (default 5080); RAPI listens on 127.0.0.1, in a namespace on
#                                   the node IP, which this machine reaches through the veth pair
# Its state (/var/lib/ganeti, /run/ganeti, the file storage) lives inside ROOT; `down` removes it.
# `env` prints these too for a second cluster (with EXASOL_TEST_GANETI31=1, the gate of the suites' second
# run), so `status`/`down` after `eval` address the same one.
#
# How (facts from ../shared/docs/ganeti-rapi.md): hypervisor "fake", templates diskless,file; the
# node name lives in a private UTS namespace (Ganeti refuses a node name resolving to 127.x, and the
# host's own hostname is never changed); node and cluster IPs sit on a bridge without ports, so no
# traffic leaves the machine; hail runs with no-capacity-checks (a single node fails every N+1 check);
# OS "noop" has a "sleep" parameter for slow jobs; network "exanet" gives pool addresses; vcpu-ratio 64
# lets many small instances share the node's CPUs. `up` on a running cluster changes nothing.
# Needs root, CAP_NET_ADMIN and CAP_SYS_ADMIN; not where systemd is PID 1 (it would start the daemons
# outside the namespace).
set -euo pipefail
# (grep reads all of its input below: with pipefail, grep -q would make the writer die of SIGPIPE.)

while [ $# -gt 1 ]; do
  case "$1" in
    --root) GANETI_CLUSTER_ROOT=$2 ;;
    --netns) GANETI_CLUSTER_NETNS=$2 ;;
    --bridge) GANETI_CLUSTER_BRIDGE=$2 ;;
    --subnet) GANETI_CLUSTER_SUBNET=$2 ;;
    --port) GANETI_CLUSTER_PORT=$2 ;;
    *) break ;;
  esac
  shift 2
done
ROOT=${GANETI_CLUSTER_ROOT:-}
NETNS=${GANETI_CLUSTER_NETNS:-}
BRIDGE=${GANETI_CLUSTER_BRIDGE:-gnt0}
SUBNET=${GANETI_CLUSTER_SUBNET:-198.51.100}
PORT=${GANETI_CLUSTER_PORT:-5080}
NODE_IP=$SUBNET.10
CLUSTER_IP=$SUBNET.100
HOST_IP=$SUBNET.1   # this machine's end of the veth pair into NETNS
RAPI_BIND=127.0.0.1
[ -z "$NETNS" ] || RAPI_BIND=$NODE_IP
NODE=gnt-node1.ganeti.test
CLUSTER=gnt-cluster.ganeti.test
NETWORK=exanet
OS_NAME=noop
OS_DIR=/srv/ganeti/os
FILE_DIR=/srv/ganeti/file-storage
RW_USER=exasol RW_PASS=exasol-sandbox-pw
RO_USER=exasol-ro RO_PASS=exasol-sandbox-ro-pw
ENDPOINT=https://$RAPI_BIND:$PORT
DU=/usr/lib/ganeti/daemon-util
LIB=/var/lib/ganeti
TAG="# exasol-ganeti-test"
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C

say() { echo "[ganeti-cluster] $*" >&2; }
fail() { say "error: $*"; exit 1; }
# Runs a command as the node: its own hostname (UTS namespace); for a chroot cluster also in NETNS and
# in a private mount namespace with /proc, /sys and /dev mounted inside ROOT (all daemons share ROOT/run).
as_node() {
  if [ -z "$ROOT" ]; then unshare --uts -- sh -c 'hostname "$0" && exec "$@"' "$NODE" "$@"; return; fi
  ${NETNS:+nsenter --net=/run/netns/$NETNS} unshare --uts --mount --fork -- sh -c 'r=$0 && hostname "$1" && shift &&
    mount -t proc proc "$r/proc" && mount -t sysfs sys "$r/sys" && mount --rbind /dev "$r/dev" &&
    exec chroot "$r" "$@"' "$ROOT" "$NODE" "$@"
}
# Runs a command that starts daemons with every descriptor above 2 closed: a daemon inheriting, say,
# the descriptor of `flock LOCK tests/ganeti-cluster.sh up` would hold that lock for its lifetime.
detached() {
  local fd
  for fd in $(ls /proc/$BASHPID/fd); do [ "$fd" -le 2 ] || eval "exec $fd>&-" 2>/dev/null || true; done
  "$@"
}
installed() { [ -x "$ROOT$DU" ] && { [ -n "$ROOT" ] || command -v gnt-cluster >/dev/null; }; }
rapi() { curl -sk -m 10 -u "$RW_USER:$RW_PASS" "$@"; }   # password only ever on this machine's loopback
rapi_ok() { [ "$(rapi -o /dev/null -w '%{http_code}' "$ENDPOINT/2/info" || true)" = 200 ]; }

install_ganeti() {
  installed && return 0
  [ -z "$ROOT" ] || fail "no Ganeti in $ROOT; build the chroot with tests/ganeti-chroot.sh build"
  say "installing ganeti (no recommends: qemu, drbd and debootstrap are not needed)"
  local blocker=/usr/sbin/policy-rc.d added=""
  if [ ! -e $blocker ]; then printf '#!/bin/sh\nexit 101\n' >$blocker; chmod 755 $blocker; added=1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends ganeti curl iproute2 util-linux openssl >&2 ||
    { apt-get update -q >&2 && apt-get install -y -q --no-install-recommends ganeti curl iproute2 util-linux openssl >&2; } ||
    { [ -z "$added" ] || rm -f $blocker; fail "apt-get install ganeti failed"; }
  [ -z "$added" ] || rm -f $blocker
}

host_setup() {
  [ "$(id -u)" = 0 ] || fail "run as root"
  [ "$(cat /proc/1/comm 2>/dev/null)" != systemd ] || fail "systemd is PID 1; the daemons would escape the UTS namespace"
  unshare --uts -- true 2>/dev/null || fail "unshare --uts not permitted (needs CAP_SYS_ADMIN)"
  [ -z "$NETNS" ] || [ -n "$ROOT" ] || fail "--netns needs --root (the machine's own daemons stay in its namespace)"
  if [ -n "$NETNS" ]; then netns_setup; fi
  ipn link show $BRIDGE >/dev/null 2>&1 || ipn link add $BRIDGE type bridge || fail "cannot create bridge $BRIDGE"
  ipn link set $BRIDGE up
  ipn -4 -o addr show dev $BRIDGE | grep " $NODE_IP/" >/dev/null || ipn addr add "$NODE_IP/24" dev $BRIDGE
  if [ -n "$NETNS" ]; then
    ipn link set "$BRIDGE-n" master $BRIDGE up
    # RAPI on the node IP and our port; RAPI is the daemons' only listener this machine reaches.
    sed -i "s|^RAPI_ARGS=.*|RAPI_ARGS=\"-b $RAPI_BIND -p $PORT --require-authentication\"|" "$ROOT/etc/default/ganeti"
  fi
  local line
  for line in "$NODE_IP $NODE ${NODE%%.*}" "$CLUSTER_IP $CLUSTER ${CLUSTER%%.*}"; do
    grep -q "^$line\b" "$ROOT/etc/hosts" || echo "$line $TAG" >>"$ROOT/etc/hosts"   # append: /etc/hosts may be a bind mount
  done
  mkdir -p "$ROOT$FILE_DIR" "$ROOT/etc/ganeti"
  grep -qxF $FILE_DIR "$ROOT/etc/ganeti/file-storage-paths" 2>/dev/null || echo $FILE_DIR >>"$ROOT/etc/ganeti/file-storage-paths"
}

ipn() { ip ${NETNS:+-n "$NETNS"} "$@"; }

# The namespace with loopback up and a veth pair: "$BRIDGE-h" here with HOST_IP, "$BRIDGE-n" on the bridge.
netns_setup() {
  [ -e "/run/netns/$NETNS" ] || ip netns add "$NETNS" || fail "cannot create network namespace $NETNS"
  ipn link set lo up
  ip link show "$BRIDGE-h" >/dev/null 2>&1 ||
    ip link add "$BRIDGE-h" type veth peer name "$BRIDGE-n" netns "$NETNS" || fail "cannot create veth pair $BRIDGE-h"
  ip -4 -o addr show dev "$BRIDGE-h" | grep " $HOST_IP/" >/dev/null || ip addr add "$HOST_IP/24" dev "$BRIDGE-h"
  ip link set "$BRIDGE-h" up
}

os_definition() {
  local d=$ROOT$OS_DIR/$OS_NAME s
  grep -q '^user_data' $d/parameters.list 2>/dev/null && return 0
  mkdir -p $d
  echo 20 >$d/ganeti_api_version
  # ssh_key and user_data are accepted (and ignored) so deployments made with init's defaults for the
  # shipped OS definition (--ganeti-os-key-param ssh_key) also run on noop.
  printf '%s\n' "sleep seconds the create, import and rename scripts wait (slow jobs for tests)" \
    "ssh_key ignored (accepted like exasol-image's)" "user_data ignored (accepted like exasol-image's)" >$d/parameters.list
  for s in create import export rename; do
    printf '#!/bin/sh\ncase "${OSP_SLEEP:-0}" in *[!0-9]*) ;; *) sleep "${OSP_SLEEP:-0}" ;; esac\nexit 0\n' >$d/$s
  done
  printf '#!/bin/sh\ncase "${OSP_SLEEP:-0}" in *[!0-9]*) echo "sleep must be a number of seconds" >&2; exit 1 ;; esac\nexit 0\n' >$d/verify
  chmod 755 $d/create $d/import $d/export $d/rename $d/verify
}

start_cluster() {
  if [ ! -f "$ROOT$LIB/config.data" ]; then
    say "initialising $CLUSTER on node $NODE"
    (detached as_node gnt-cluster init --no-ssh-init --no-etc-hosts --enabled-hypervisors=fake \
      --enabled-disk-templates=diskless,file --file-storage-dir=$FILE_DIR --master-netdev=$BRIDGE \
      --nic-parameters=mode=bridged,link=$BRIDGE --default-iallocator-params=-no-capacity-checks \
      --ipolicy-vcpu-ratio=64 $CLUSTER >&2) || fail "gnt-cluster init failed; see /var/log/ganeti/"
  else
    local name; name=$(cat "$ROOT$LIB/ssconf_cluster_name" 2>/dev/null || true)
    [ "$name" = $CLUSTER ] || fail "this machine runs Ganeti cluster '$name', not $CLUSTER; leaving it alone"
  fi
  local d
  for d in $(as_node $DU list-start-daemons); do   # "start-all" fails when some already run, so one by one
    [ "$d" = ganeti-kvmd ] && continue
    as_node $DU check "$d" >/dev/null 2>&1 || { say "starting $d"; (detached as_node $DU start "$d") >&2; }
  done
}

rapi_users() {
  local f=$ROOT$LIB/rapi/users
  if ! grep -qx "$RW_USER $RW_PASS write" $f 2>/dev/null || ! grep -qx "$RO_USER $RO_PASS" $f; then
    mkdir -p "$ROOT$LIB/rapi"
    printf '%s\n%s\n%s\n' "$TAG: user password [write]" "$RW_USER $RW_PASS write" "$RO_USER $RO_PASS" >$f.new
    as_node chown gnt-rapi:gnt-masterd $LIB/rapi/users.new && chmod 640 $f.new && mv $f.new $f   # ganeti-rapi re-reads it
  fi
  ipn -4 -o addr show dev $BRIDGE | grep " $CLUSTER_IP/" >/dev/null || as_node gnt-cluster activate-master-ip >&2 || true
  local i
  for i in $(seq 240); do rapi_ok && return 0; sleep 0.5; done
  fail "RAPI did not answer at $ENDPOINT within 120 s; see /var/log/ganeti/rapi-daemon.log"
}

cluster_settings() {
  as_node gnt-cluster watcher pause 1d >/dev/null 2>&1 || true   # no cron-run watcher interfering
  local info; info=$(rapi "$ENDPOINT/2/info")
  grep -q '"vcpu-ratio": 64' <<<"$info" || as_node gnt-cluster modify --ipolicy-vcpu-ratio=64 >&2
  grep -q '"no-capacity-checks"' <<<"$info" || as_node gnt-cluster modify --default-iallocator-params=-no-capacity-checks >&2
  if ! rapi "$ENDPOINT/2/networks" | grep "\"name\": \"$NETWORK\"" >/dev/null; then
    as_node gnt-network add --network=$SUBNET.0/24 --gateway=$SUBNET.1 $NETWORK >&2
    as_node gnt-network connect --nic-parameters=mode=bridged,link=$BRIDGE $NETWORK default >&2
  fi
}

# --- Real guests (issue 16): kvm under TCG beside fake, the exasol-image OS definition and its image.
# fake stays the cluster default (the first enabled hypervisor), so suites that do not ask for kvm
# start no qemu. KVM does not boot Linux guests on these machines, hence kvm_flag=disabled (TCG).
# The test image boots its own kernel directly (root=/dev/vda, see tests/guest-image.sh).
GUEST_OS=exasol-image
IMAGE_LINK=/srv/ganeti/images/exasol-image
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

guest_os_definition() {
  local d=$OS_DIR/$GUEST_OS
  rm -rf "$d.new"; cp -r "$REPO/ganeti-os/$GUEST_OS" "$d.new"
  rm -rf "$d"; mv "$d.new" "$d"
}

guest_image() {
  local dir; dir=$(bash "$REPO/tests/guest-image.sh" build)
  mkdir -p "$(dirname $IMAGE_LINK)"
  [ "$(readlink $IMAGE_LINK 2>/dev/null)" = "$dir" ] || ln -sfn "$dir" $IMAGE_LINK
}

kvm_hypervisor() {
  local hv="kvm_path=/usr/bin/qemu-system-x86_64,kernel_path=$IMAGE_LINK/vmlinuz,initrd_path=$IMAGE_LINK/initrd.img"
  hv+=",root_path=/dev/vda,kernel_args=console=ttyS0 net.ifnames=0 panic=-1 ro,serial_console=true"
  hv+=",vnc_bind_address=,kvm_flag=disabled,disk_type=paravirtual,nic_type=paravirtual"
  command -v qemu-system-x86_64 >/dev/null || fail "qemu-system-x86_64 missing (apt-get install qemu-system-x86)"
  as_node gnt-cluster modify --enabled-hypervisors=fake,kvm -H "kvm:$hv" >&2 || fail "enabling kvm failed"
}

cmd_guests() {
  local t=$SECONDS
  rapi_ok || fail "the cluster is not up (tests/ganeti-cluster.sh up)"
  guest_image; guest_os_definition; kvm_hypervisor
  say "kvm (TCG) enabled beside fake; OS $GUEST_OS with image $(readlink $IMAGE_LINK) ($((SECONDS - t)) s)"
}

guests_down() {
  rm -rf "${OS_DIR:?}/$GUEST_OS" $IMAGE_LINK
}

print_env() {
  echo "export EXASOL_TEST_GANETI=1"
  echo "export GANETI_ENDPOINT=$ENDPOINT GANETI_USERNAME=$RW_USER GANETI_PASSWORD=$RW_PASS"
  echo "export GANETI_RO_USERNAME=$RO_USER GANETI_RO_PASSWORD=$RO_PASS"
  echo "export GANETI_OS_TYPE=$OS_NAME GANETI_NETWORK=$NETWORK GANETI_NIC_LINK=$BRIDGE"
  if [ -r "$ROOT$LIB/rapi.pem" ]; then
    echo "export GANETI_CA_FINGERPRINT=sha256:$(openssl x509 -in "$ROOT$LIB/rapi.pem" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g')"
  fi
  if [ -n "$ROOT" ]; then
    echo "export EXASOL_TEST_GANETI31=1 GANETI_RAPI_PEM=$ROOT$LIB/rapi.pem"
    echo "export GANETI_CLUSTER_ROOT=$ROOT GANETI_CLUSTER_NETNS=$NETNS GANETI_CLUSTER_BRIDGE=$BRIDGE GANETI_CLUSTER_SUBNET=$SUBNET GANETI_CLUSTER_PORT=$PORT"
  fi
}

cmd_up() {
  local t=$SECONDS
  install_ganeti; host_setup; os_definition; start_cluster; rapi_users; cluster_settings
  # A machine that has the guest image keeps running real guests after a restart (only the machine's
  # own cluster: a chroot cluster has no kvm set-up).
  if [ -z "$ROOT" ] && bash "$REPO/tests/guest-image.sh" path >/dev/null 2>&1; then cmd_guests; fi
  say "RAPI answers at $ENDPOINT ($((SECONDS - t)) s)"
  print_env
}

cmd_down() {
  [ "$(id -u)" = 0 ] || fail "run as root"
  if installed && [ -f "$ROOT$LIB/config.data" ]; then
    [ "$(cat "$ROOT$LIB/ssconf_cluster_name" 2>/dev/null)" = $CLUSTER ] || fail "not our cluster; leaving it alone"
    local n
    for n in $(as_node gnt-instance list --no-headers -o name 2>/dev/null || true); do
      as_node gnt-instance remove --force --ignore-failures --shutdown-timeout=0 "$n" >&2 || true
    done
    as_node gnt-cluster destroy --yes-do-it >&2 || say "gnt-cluster destroy failed; cleaning up by hand"
  fi
  if installed; then as_node $DU stop-all >&2 || true; fi
  find "$ROOT$LIB" -maxdepth 1 -type f -delete 2>/dev/null || true
  rm -rf "$ROOT$LIB"/queue/* "$ROOT$LIB/rapi/users" "$ROOT"/var/run/ganeti/fake-hypervisor/* "$ROOT${FILE_DIR:?}"/* "$ROOT$OS_DIR/$OS_NAME"
  sed -i "\\#^$FILE_DIR\$#d" "$ROOT/etc/ganeti/file-storage-paths" 2>/dev/null || true
  if [ -f "$ROOT/etc/hosts" ]; then
    local tmp; tmp=$(grep -v -- "$TAG\$" "$ROOT/etc/hosts" || true); printf '%s\n' "$tmp" >"$ROOT/etc/hosts"
  fi
  [ -n "$ROOT" ] || guests_down
  ipn link del $BRIDGE 2>/dev/null || true
  if [ -n "$NETNS" ]; then ip link del "$BRIDGE-h" 2>/dev/null || true; ip netns del "$NETNS" 2>/dev/null || true; fi
  say "down"
}

cmd_status() {
  if installed; then echo "ganeti: $(dpkg-query ${ROOT:+--admindir="$ROOT/var/lib/dpkg"} -W -f='${Version}' ganeti 2>/dev/null)"; else echo "ganeti: not installed"; fi
  if ipn link show $BRIDGE >/dev/null 2>&1; then
    echo "bridge: $BRIDGE${NETNS:+ (netns $NETNS)} $(ipn -4 -o addr show dev $BRIDGE | awk '{printf "%s ", $4}')"
  else
    echo "bridge: $BRIDGE absent"
  fi
  echo "cluster: $(cat "$ROOT$LIB/ssconf_cluster_name" 2>/dev/null || echo 'not initialised')"
  if rapi_ok; then echo "rapi: $ENDPOINT answers"; else echo "rapi: $ENDPOINT not answering"; return 3; fi
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) print_env ;;
  guests) cmd_guests ;;
  *) echo "usage: $0 up|down|status|env|guests" >&2; exit 2 ;;
esac
