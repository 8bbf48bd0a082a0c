#!/usr/bin/env bash
# Starts or stops virtlogd + libvirtd by hand for the libvirt integration tests (systemd is not PID 1
# on the CI machines). PIDs live in /run/virtlogd.pid and /run/libvirtd.pid.
# Packages (Debian/Ubuntu): apt-get install -y --no-install-recommends \
#   libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils dnsmasq-base genisoimage
# Usage: tests/libvirtd.sh start|stop|status|env   (env prints the export line that points the libvirt
#   integration suites at this daemon: eval "$(bash tests/libvirtd.sh env)")
set -euo pipefail

URI=qemu:///system

# True when the pid file names a live, non-zombie process (PID 1 here may not reap children).
alive() {
  local pid
  [[ -f $1 ]] || return 1
  pid=$(cat "$1")
  [[ -n $pid && -r /proc/$pid/status ]] || return 1
  ! grep -q '^State:.*Z' "/proc/$pid/status"
}

start() {
  for bin in virtlogd libvirtd virsh; do
    command -v "$bin" >/dev/null || { echo "libvirtd.sh: $bin not installed (see the header for packages)" >&2; exit 1; }
  done
  mkdir -p /run/libvirt
  alive /run/virtlogd.pid || { rm -f /run/virtlogd.pid; virtlogd -d; }
  alive /run/libvirtd.pid || { rm -f /run/libvirtd.pid; libvirtd -d; }
  # The first connection probes QEMU capabilities (several seconds).
  for _ in $(seq 1 120); do
    if virsh -c "$URI" version >/dev/null 2>&1; then
      echo "libvirtd running (pid $(cat /run/libvirtd.pid)), $URI reachable"
      return 0
    fi
    sleep 0.5
  done
  echo "libvirtd.sh: $URI not reachable after 60 s" >&2
  exit 1
}

stop() {
  for name in libvirtd virtlogd; do
    local file=/run/$name.pid
    if alive "$file"; then
      kill "$(cat "$file")"
      for _ in $(seq 1 40); do alive "$file" || break; sleep 0.25; done
      alive "$file" && kill -9 "$(cat "$file")"
    fi
    rm -f "$file"
  done
  echo "libvirtd and virtlogd stopped"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status)
    if alive /run/libvirtd.pid; then echo "libvirtd running (pid $(cat /run/libvirtd.pid))"; else echo "libvirtd not running"; exit 1; fi
    ;;
  env) echo "export EXASOL_TEST_LIBVIRT_URI=$URI" ;;
  *)
    echo "usage: $0 start|stop|status|env" >&2
    exit 2
    ;;
esac
