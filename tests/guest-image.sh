#!/usr/bin/env bash
# tests/guest-image.sh - the Debian 12 guest image the real-machine suites boot (Ganeti kvm, libvirt).
#
#   tests/guest-image.sh build   build the image unless this machine already has it; print its folder
#   tests/guest-image.sh path    print the folder of the built image; exit 1 when it is not built
#
# The folder holds disk.img (a raw ext4 file system: the whole disk is the root file system, no
# partition table), vmlinuz and initrd.img (the image's own kernel and initramfs, for direct kernel
# boot with root=/dev/vda), and packages.txt (what is installed). It is cached under
# ${EXASOL_GUEST_IMAGE_CACHE:-/var/cache/exasol-guest-image}/<key>, the key being the sha256 of this
# script, so a machine that has built it once skips the build (a fresh machine pays ~5 minutes).
#
# Everything comes from Debian's packages through the mirror this machine's apt is configured with
# (read from apt's sources at run time, never written here). The image carries what the playbooks
# need so they run offline (the guests have no uplink): python3 + python3-apt for Ansible, sudo,
# openssh, the playbooks' exasol_packages (parted, lvm2), and cloud-init, which applies the NoCloud
# seed (user-data rendered from templates/common/cloud-init.yaml.tftpl, meta-data, network-config).
# Direct kernel boot instead of a bootloader: it needs no loop mounts or GRUB install on the build
# machine (CLOUD_SETUP_GANETI.md says how production images differ).
# Needs root and debootstrap, e2fsprogs.
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C

SUITE=bookworm
SIZE=3G
PACKAGES=(systemd-sysv udev dbus kmod linux-image-amd64 initramfs-tools openssh-server python3 python3-apt
  sudo iproute2 ifupdown procps cloud-init python3-cffi-backend parted lvm2)
CACHE=${EXASOL_GUEST_IMAGE_CACHE:-/var/cache/exasol-guest-image}
KEY=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)
DIR=$CACHE/$KEY

say() { echo "[guest-image] $*" >&2; }
fail() { say "error: $*"; exit 1; }
built() { [ -s "$DIR/disk.img" ] && [ -s "$DIR/vmlinuz" ] && [ -s "$DIR/initrd.img" ]; }

# The first Debian archive URI of apt's configuration (deb822 .sources files, then one-line lists).
mirror() {
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
    awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }')
  [ -n "$uri" ] || uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { if ($i !~ /security/) print $i; break } }' | head -n1)
  [ -n "$uri" ] || fail "no Debian mirror found in /etc/apt/sources.list or /etc/apt/sources.list.d/"
  echo "$uri"
}

# Settings baked into the tree before it becomes a file system.
configure_tree() {
  local root=$1
  printf '/dev/vda / ext4 defaults,errors=remount-ro 0 1\n' >"$root/etc/fstab"
  echo localhost >"$root/etc/hostname"
  # debootstrap writes no /etc/hosts; `localhost` must resolve (c4 reaches its cos host as localhost)
  printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"
  : >"$root/etc/machine-id"   # each guest makes its own on first boot
  rm -f "$root"/etc/ssh/ssh_host_*   # each guest gets its own host keys (cloud-init's ssh module)
  mkdir -p "$root/etc/ssh/sshd_config.d" "$root/etc/cloud/cloud.cfg.d" "$root/etc/network/interfaces.d"
  printf 'PermitRootLogin no\nPasswordAuthentication no\nUseDNS no\n' >"$root/etc/ssh/sshd_config.d/90-exasol-image.conf"
  # Only the NoCloud seed: no probing for cloud metadata services that are not there.
  # The image has no locales package: leave the locale alone (cc_locale would fail the boot's status).
  printf 'datasource_list: [ NoCloud, None ]\nlocale: false\n' >"$root/etc/cloud/cloud.cfg.d/90-exasol-image.cfg"
  printf 'auto lo\niface lo inet loopback\nsource /etc/network/interfaces.d/*\n' >"$root/etc/network/interfaces"
  # No uplink: apt must not wait on the mirror; the playbooks install nothing that is present already.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/log/*.log
  chroot "$root" dpkg-query -W -f '${Package} ${Version}\n' >"$root.packages.txt"
}

cmd_build() {
  if built; then echo "$DIR"; return 0; fi
  [ "$(id -u)" = 0 ] || fail "run as root"
  command -v debootstrap >/dev/null || fail "debootstrap missing (apt-get install debootstrap)"
  command -v mkfs.ext4 >/dev/null || fail "mkfs.ext4 missing (apt-get install e2fsprogs)"
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.build.lock"
  flock 9
  if built; then echo "$DIR"; return 0; fi   # another build finished while this one waited
  local t=$SECONDS work=$CACHE/.build-$KEY src
  src=$(mirror)
  rm -rf "$work"; mkdir -p "$work"
  trap 'rm -rf "$work"' EXIT
  say "debootstrap $SUITE from $src (about 5 minutes)"
  local pk; pk=$(IFS=,; echo "${PACKAGES[*]}")
  debootstrap --variant=minbase --include="$pk" "$SUITE" "$work/root" "$src" >"$work/debootstrap.log" 2>&1 ||
    { tail -n 20 "$work/debootstrap.log" "$work/root/debootstrap/debootstrap.log" >&2; fail "debootstrap failed (logs above)"; }
  configure_tree "$work/root"
  cp "$work/root"/boot/vmlinuz-* "$work/vmlinuz"
  cp "$work/root"/boot/initrd.img-* "$work/initrd.img"
  mv "$work/root.packages.txt" "$work/packages.txt"
  mkfs.ext4 -q -F -L exasol-root -d "$work/root" "$work/disk.img" "$SIZE" || fail "mkfs.ext4 failed"
  rm -rf "$work/root" "$work/debootstrap.log"
  rm -rf "$DIR"; mv "$work" "$DIR"
  trap - EXIT
  find "$CACHE" -mindepth 1 -maxdepth 1 -type d ! -name "$KEY" ! -name '.*' -exec rm -rf {} +   # older keys
  say "built in $((SECONDS - t)) s"
  echo "$DIR"
}

case "${1:-}" in
  build) cmd_build ;;
  path) if built; then echo "$DIR"; else say "not built (tests/guest-image.sh build)"; exit 1; fi ;;
  *) echo "usage: $0 build|path" >&2; exit 2 ;;
esac
