#!/bin/sh
# Runs inside `ip netns exec NS unshare --mount --uts`: builds the host's root (overlay over / with a
# tmpfs upper layer, private /dev, /run, /tmp) and execs sshd in it. Args: DIR ADDRESS AUTHORIZED_KEYS HOSTNAME
set -eu
dir=$1 address=$2 keys=$3
mount -t tmpfs -o mode=0700 exat-layers "$dir"
mkdir -p "$dir/upper" "$dir/work" "$dir/root"
mount -t overlay exat-root -o "lowerdir=/,upperdir=$dir/upper,workdir=$dir/work" "$dir/root"
r=$dir/root
mount -t proc proc "$r/proc"
mount -t sysfs sysfs "$r/sys"
mount -t tmpfs -o mode=0755 exat-dev "$r/dev"
for d in null zero full random urandom tty; do touch "$r/dev/$d"; mount --bind "/dev/$d" "$r/dev/$d"; done
mkdir -p "$r/dev/pts" "$r/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$r/dev/pts"
ln -s pts/ptmx "$r/dev/ptmx"
mount -t tmpfs -o mode=0755 exat-run "$r/run"
mount -t tmpfs -o mode=1777 exat-tmp "$r/tmp"
mkdir -p "$r/run/sshd" "$r/root/.ssh"
hostname "$4"
echo "$4" > "$r/etc/hostname"
rm -f "$r"/etc/ssh/ssh_host_*
ssh-keygen -q -t ed25519 -N '' -f "$r/etc/ssh/ssh_host_ed25519_key"
cp "$keys" "$r/root/.ssh/authorized_keys"
chmod 0700 "$r/root/.ssh"
cat > "$r/etc/ssh/exat_sshd_config" <<EOC
ListenAddress $address
HostKey /etc/ssh/ssh_host_ed25519_key
PidFile /run/sshd.pid
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile .ssh/authorized_keys
Subsystem sftp internal-sftp
EOC
exec chroot "$r" /usr/sbin/sshd -D -e -f /etc/ssh/exat_sshd_config
