#!/usr/bin/env bash
# tests/ganeti-chroot.sh - a Debian chroot with another Ganeti version, for a second test cluster.
#
#   tests/ganeti-chroot.sh path [SUITE]   print the chroot's directory (built or not)
#   tests/ganeti-chroot.sh build [SUITE]  build it unless the cache has it; print the directory
#   tests/ganeti-chroot.sh remove [SUITE] delete the cached chroot
#
# SUITE defaults to trixie (ganeti 3.1). The tree is cached under $GANETI_CHROOT_CACHE
# (default /var/cache/exasol-tests) in a directory named after the suite and the SHA-256 of this
# script, so a machine that has it skips the build and a change to this script builds afresh.
# The packages come from the machine's own Debian mirror, read from apt's sources at run time.
# Ganeti is installed with service starts forbidden (policy-rc.d) and with no network (its
# package scripts run in an empty network namespace), so nothing from the chroot binds a port of
# this machine; tests/ganeti-cluster.sh starts the daemons in the cluster's own namespaces.
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C

SUITE=${2:-trixie}
CACHE=${GANETI_CHROOT_CACHE:-/var/cache/exasol-tests}
PACKAGES="ganeti curl openssl iproute2 ca-certificates"
KEY=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)
ROOT=$CACHE/ganeti-$SUITE-$KEY

say() { echo "[ganeti-chroot] $*" >&2; }
fail() { say "error: $*"; exit 1; }

# The first non-security Debian URI of apt's sources (deb822 .sources files, then sources.list).
mirror() {
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {print $2}' | grep -v -- '-security' | head -1 || true)
  [ -n "$uri" ] || uri=$(cat /etc/apt/sources.list 2>/dev/null | awk '$1 == "deb" {print $2}' | grep -v -- '-security' | head -1 || true)
  [ -n "$uri" ] || fail "no Debian mirror found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
  echo "$uri"
}

# Runs a command in the chroot with /proc, /sys and /dev mounted in a private mount namespace.
in_root() {
  local dir=$1; shift
  unshare --mount --fork -- sh -c 'r=$0; mount --make-rprivate / && mount -t proc proc "$r/proc" &&
    mount -t sysfs sys "$r/sys" && mount --rbind /dev "$r/dev" && exec chroot "$r" "$@"' "$dir" "$@"
}

build() {
  [ "$(id -u)" = 0 ] || fail "run as root"
  if [ -x "$ROOT/usr/lib/ganeti/daemon-util" ]; then echo "$ROOT"; return 0; fi
  command -v debootstrap >/dev/null || { apt-get install -y -q --no-install-recommends debootstrap >&2 ||
    { apt-get update -q >&2 && apt-get install -y -q --no-install-recommends debootstrap >&2; }; }
  local url tmp t=$SECONDS
  url=$(mirror)
  mkdir -p "$CACHE"
  tmp=$(mktemp -d "$CACHE/.build-$SUITE-XXXXXX")
  chmod 755 "$tmp"   # the chroot's /: the daemons run as their own users
  trap 'rm -rf "$tmp"' EXIT
  say "debootstrap $SUITE from $url into $tmp"
  debootstrap --variant=minbase "$SUITE" "$tmp" "$url" >"$tmp.log" 2>&1 ||
    { tail -20 "$tmp.log" >&2; rm -f "$tmp.log"; fail "debootstrap failed"; }
  rm -f "$tmp.log"
  printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
  chmod 755 "$tmp/usr/sbin/policy-rc.d"
  cp /etc/resolv.conf "$tmp/etc/resolv.conf" 2>/dev/null || true
  say "downloading $PACKAGES"
  in_root "$tmp" apt-get update -q >&2
  # shellcheck disable=SC2086  # the package list is split on purpose
  in_root "$tmp" apt-get install -y -q --download-only --no-install-recommends $PACKAGES >&2
  say "installing them with no network"
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive unshare --net -- bash -c "$(declare -f in_root); in_root \"\$0\" apt-get install -y -q --no-install-recommends $PACKAGES" "$tmp" >&2
  in_root "$tmp" apt-get clean
  : >"$tmp/etc/resolv.conf"
  [ -x "$tmp/usr/lib/ganeti/daemon-util" ] || fail "ganeti did not install in the chroot"
  rm -rf "$ROOT"
  mv "$tmp" "$ROOT"
  trap - EXIT
  say "built $ROOT ($(in_root "$ROOT" dpkg-query -W -f='${Version}' ganeti), $((SECONDS - t)) s)"
  echo "$ROOT"
}

case "${1:-}" in
  path) echo "$ROOT" ;;
  build) build ;;
  remove) [ "$(id -u)" = 0 ] || fail "run as root"; rm -rf "$ROOT"; say "removed $ROOT" ;;
  *) echo "usage: $0 path|build|remove [SUITE]" >&2; exit 2 ;;
esac
