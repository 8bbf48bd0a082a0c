#!/usr/bin/env bash
# tests/ganeti-cluster.sh - the real single-node Ganeti cluster the exasol test suites run against.
#
#   tests/ganeti-cluster.sh up      install ganeti if missing, set up and start the cluster, print env
#   tests/ganeti-cluster.sh down    remove all instances, destroy the cluster, undo the host changes
#   tests/ganeti-cluster.sh status  what is set up and running; exit 0 only when RAPI answers
#   tests/ganeti-cluster.sh env     print `export EXASOL_TEST_GANETI=1 GANETI_...=...` lines for `eval "$(... env)"`
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

BRIDGE=gnt0
NODE_IP=198.51.100.10
CLUSTER_IP=198.51.100.100
NODE=gnt-node1.ganeti.test
CLUSTER=gnt-cluster.ganeti.test
NETWORK=exanet
OS_NAME=noop
OS_DIR=/srv/ganeti/os
FILE_DIR=/srv/ganeti/file-storage
RW_USER=exasol RW_PASS=exasol-sandbox-pw
RO_USER=exasol-ro RO_PASS=exasol-sandbox-ro-pw
ENDPOINT=https://127.0.0.1:5080
DU=/usr/lib/ganeti/daemon-util
LIB=/var/lib/ganeti
TAG="# exasol-ganeti-test"
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C

say() { echo "[ganeti-cluster] $*" >&2; }
fail() { say "error: $*"; exit 1; }
as_node() { unshare --uts -- sh -c 'hostname "$0" && exec "$@"' "$NODE" "$@"; }
installed() { [ -x "$DU" ] && command -v gnt-cluster >/dev/null; }
rapi() { curl -sk -m 10 -u "$RW_USER:$RW_PASS" "$@"; }   # password only ever on this machine's loopback
rapi_ok() { [ "$(rapi -o /dev/null -w '%{http_code}' "$ENDPOINT/2/info" || true)" = 200 ]; }

install_ganeti() {
  installed && return 0
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
  ip link show $BRIDGE >/dev/null 2>&1 || ip link add $BRIDGE type bridge || fail "cannot create bridge $BRIDGE"
  ip link set $BRIDGE up
  ip -4 -o addr show dev $BRIDGE | grep " $NODE_IP/" >/dev/null || ip addr add "$NODE_IP/24" dev $BRIDGE
  local line
  for line in "$NODE_IP $NODE ${NODE%%.*}" "$CLUSTER_IP $CLUSTER ${CLUSTER%%.*}"; do
    grep -q "^$line\b" /etc/hosts || echo "$line $TAG" >>/etc/hosts   # append: /etc/hosts may be a bind mount
  done
  mkdir -p $FILE_DIR /etc/ganeti
  grep -qxF $FILE_DIR /etc/ganeti/file-storage-paths 2>/dev/null || echo $FILE_DIR >>/etc/ganeti/file-storage-paths
}

os_definition() {
  local d=$OS_DIR/$OS_NAME s
  grep -q '^sleep' $d/parameters.list 2>/dev/null && return 0
  mkdir -p $d
  echo 20 >$d/ganeti_api_version
  echo "sleep seconds the create, import and rename scripts wait (slow jobs for tests)" >$d/parameters.list
  for s in create import export rename; do
    printf '#!/bin/sh\ncase "${OSP_SLEEP:-0}" in *[!0-9]*) ;; *) sleep "${OSP_SLEEP:-0}" ;; esac\nexit 0\n' >$d/$s
  done
  printf '#!/bin/sh\ncase "${OSP_SLEEP:-0}" in *[!0-9]*) echo "sleep must be a number of seconds" >&2; exit 1 ;; esac\nexit 0\n' >$d/verify
  chmod 755 $d/create $d/import $d/export $d/rename $d/verify
}

start_cluster() {
  if [ ! -f $LIB/config.data ]; then
    say "initialising $CLUSTER on node $NODE"
    as_node gnt-cluster init --no-ssh-init --no-etc-hosts --enabled-hypervisors=fake \
      --enabled-disk-templates=diskless,file --file-storage-dir=$FILE_DIR --master-netdev=$BRIDGE \
      --nic-parameters=mode=bridged,link=$BRIDGE --default-iallocator-params=-no-capacity-checks \
      --ipolicy-vcpu-ratio=64 $CLUSTER >&2 || fail "gnt-cluster init failed; see /var/log/ganeti/"
  else
    local name; name=$(cat $LIB/ssconf_cluster_name 2>/dev/null || true)
    [ "$name" = $CLUSTER ] || fail "this machine runs Ganeti cluster '$name', not $CLUSTER; leaving it alone"
  fi
  local d
  for d in $($DU list-start-daemons); do   # "start-all" fails when some already run, so one by one
    [ "$d" = ganeti-kvmd ] && continue
    $DU check "$d" >/dev/null 2>&1 || { say "starting $d"; as_node $DU start "$d" >&2; }
  done
}

rapi_users() {
  local f=$LIB/rapi/users
  if ! grep -qx "$RW_USER $RW_PASS write" $f 2>/dev/null || ! grep -qx "$RO_USER $RO_PASS" $f; then
    mkdir -p $LIB/rapi
    printf '%s\n%s\n%s\n' "$TAG: user password [write]" "$RW_USER $RW_PASS write" "$RO_USER $RO_PASS" >$f.new
    chown gnt-rapi:gnt-masterd $f.new && chmod 640 $f.new && mv $f.new $f   # ganeti-rapi re-reads it
  fi
  ip -4 -o addr show dev $BRIDGE | grep " $CLUSTER_IP/" >/dev/null || as_node gnt-cluster activate-master-ip >&2 || true
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
    as_node gnt-network add --network=198.51.100.0/24 --gateway=198.51.100.1 $NETWORK >&2
    as_node gnt-network connect --nic-parameters=mode=bridged,link=$BRIDGE $NETWORK default >&2
  fi
}

print_env() {
  echo "export EXASOL_TEST_GANETI=1"
  echo "export GANETI_ENDPOINT=$ENDPOINT GANETI_USERNAME=$RW_USER GANETI_PASSWORD=$RW_PASS"
  echo "export GANETI_RO_USERNAME=$RO_USER GANETI_RO_PASSWORD=$RO_PASS"
  echo "export GANETI_OS_TYPE=$OS_NAME GANETI_NETWORK=$NETWORK GANETI_NIC_LINK=$BRIDGE"
  if [ -r $LIB/rapi.pem ]; then
    echo "export GANETI_CA_FINGERPRINT=sha256:$(openssl x509 -in $LIB/rapi.pem -noout -fingerprint -sha256 | sed 's/.*=//; s/://g')"
  fi
}

cmd_up() {
  local t=$SECONDS
  install_ganeti; host_setup; os_definition; start_cluster; rapi_users; cluster_settings
  say "RAPI answers at $ENDPOINT ($((SECONDS - t)) s)"
  print_env
}

cmd_down() {
  [ "$(id -u)" = 0 ] || fail "run as root"
  if installed && [ -f $LIB/config.data ]; then
    [ "$(cat $LIB/ssconf_cluster_name 2>/dev/null)" = $CLUSTER ] || fail "not our cluster; leaving it alone"
    local n
    for n in $(as_node gnt-instance list --no-headers -o name 2>/dev/null || true); do
      as_node gnt-instance remove --force --ignore-failures --shutdown-timeout=0 "$n" >&2 || true
    done
    as_node gnt-cluster destroy --yes-do-it >&2 || say "gnt-cluster destroy failed; cleaning up by hand"
  fi
  if installed; then as_node $DU stop-all >&2 || true; fi
  find $LIB -maxdepth 1 -type f -delete 2>/dev/null || true
  rm -rf $LIB/queue/* $LIB/rapi/users /var/run/ganeti/fake-hypervisor/* "${FILE_DIR:?}"/* $OS_DIR/$OS_NAME
  sed -i "\\#^$FILE_DIR\$#d" /etc/ganeti/file-storage-paths 2>/dev/null || true
  local tmp; tmp=$(grep -v -- "$TAG\$" /etc/hosts || true); printf '%s\n' "$tmp" >/etc/hosts
  ip link del $BRIDGE 2>/dev/null || true
  say "down"
}

cmd_status() {
  if installed; then echo "ganeti: $(dpkg-query -W -f='${Version}' ganeti 2>/dev/null)"; else echo "ganeti: not installed"; fi
  if ip link show $BRIDGE >/dev/null 2>&1; then
    echo "bridge: $BRIDGE $(ip -4 -o addr show dev $BRIDGE | awk '{printf "%s ", $4}')"
  else
    echo "bridge: $BRIDGE absent"
  fi
  echo "cluster: $(cat $LIB/ssconf_cluster_name 2>/dev/null || echo 'not initialised')"
  if rapi_ok; then echo "rapi: $ENDPOINT answers"; else echo "rapi: $ENDPOINT not answering"; return 3; fi
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) print_env ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
