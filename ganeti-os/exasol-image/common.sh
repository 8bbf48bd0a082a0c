# Shared by the scripts of the exasol-image OS definition (Ganeti OS API 20). Sourced, not run.
# Ganeti passes the instance in the environment: INSTANCE_NAME, DISK_0_PATH, NIC_0_IP, NIC_0_MAC,
# NIC_0_NETWORK_SUBNET, NIC_0_NETWORK_GATEWAY, and each OS parameter as OSP_<NAME>.
set -eu
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C

DEFAULT_IMAGE=/srv/ganeti/images/exasol-image/disk.img
IMAGE=${OSP_IMAGE:-$DEFAULT_IMAGE}
SEED=/var/lib/cloud/seed/nocloud

die() { echo "exasol-image: $*" >&2; exit 1; }

# One OpenSSH public key line: a known key type, base64 data, an optional comment, nothing else.
valid_key() {
  [ "$(printf '%s' "$1" | wc -l)" -eq 0 ] || return 1
  printf '%s\n' "$1" | grep -Eq '^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^[:cntrl:]]*)?$'
}

check_params() {
  if [ -n "${OSP_SSH_KEY:-}" ]; then
    valid_key "$OSP_SSH_KEY" || die "ssh_key is not one OpenSSH public key line (e.g. 'ssh-ed25519 AAAA... comment')"
  fi
  if [ -n "${OSP_USER_DATA:-}" ]; then
    printf '%s' "$OSP_USER_DATA" | base64 -d >/dev/null 2>&1 || die "user_data is not base64"
    printf '%s' "$OSP_USER_DATA" | base64 -d | head -n1 | grep -q '^#cloud-config' ||
      die "user_data must decode to cloud-init user-data starting with #cloud-config"
  fi
  case "$IMAGE" in /*) ;; *) die "image must be an absolute path, got '$IMAGE'" ;; esac
  [ -r "$IMAGE" ] || die "image $IMAGE is missing on node $(hostname) (copy it to every node: CLOUD_SETUP_GANETI.md)"
}

disk_bytes() {
  if [ -b "$1" ]; then blockdev --getsize64 "$1"; else stat -c %s "$1"; fi
}

# Writes files into the ext4 file system on $1 without mounting it: debugfs commands from stdin.
debugfs_run() {
  debugfs -w -f - "$1" >/dev/null 2>&1 || die "debugfs could not write to $1"
}

# Writes $2 (a local file) as $3 inside the file system on $1, replacing what is there.
put_file() {
  printf 'rm %s\nwrite %s %s\n' "$3" "$2" "$3" | debugfs_run "$1"
  debugfs -R "cat $3" "$1" 2>/dev/null | cmp -s - "$2" || die "writing $3 into $1 failed"
}
