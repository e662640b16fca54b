#!/bin/sh
# Install the Debian packages vmreserve needs to build, test and boot its
# demo VM. Quiet and quick when everything is there already.
#   initrd/install-deps.sh build   compilers and libraries only
#   initrd/install-deps.sh all     also dracut, QEMU, the root fs tools and
#                                  the test-only tools (jq, libvirt-clients)
#   initrd/install-deps.sh bench   all, plus musl-tools (musl-gcc) for the
#                                  size comparison in tests/bench/size.sh
set -eu

BUILD="make gcc libc6-dev klibc-utils libklibc-dev libcmocka-dev libkmod-dev libxml2-dev pkg-config"
# dracut-core, not dracut: the latter conflicts with initramfs-tools and
# would replace the host's own initramfs generator. jq and libvirt-clients
# are for testing, not building: jq goes into the boot tests' root image (the
# checks read `vmreserve status --json` with it).
# debootstrap makes the chroots that hold the other generators the boot
# tests and the demo use (Debian 12's initramfs-tools, Debian 13's dracut):
# they are never installed on this machine.
BOOT="dracut-core kmod cpio e2fsprogs busybox-static qemu-system-x86 jq libvirt-clients debootstrap"
# python3: the status tests parse JSON strictly (json.load rejects the raw
# control characters jq lets through) and compare XML element by element.
BOOT="$BOOT python3"
# The libvirt hook's end-to-end test (tests/libvirt/run.sh) starts its own
# session-mode libvirtd; with --no-install-recommends nothing else comes
# along, and no system daemon is enabled by the test.
BOOT="$BOOT libvirt-daemon libvirt-daemon-driver-qemu"
# make deb and its test (tests/package/deb.sh): dpkg-buildpackage, dh,
# lintian; fakeroot for a dpkg-buildpackage that asks for it (the packages
# say Rules-Requires-Root: no).
BOOT="$BOOT debhelper dpkg-dev lintian fakeroot"
# Only `make bench` uses these: the early binary built with musl, for
# comparison with klcc.
BENCH="musl-tools"

case "${1:-all}" in
build) want="$BUILD" ;;
all) want="$BUILD $BOOT" ;;
bench) want="$BUILD $BOOT $BENCH" ;;
*) echo "usage: $0 [build|all|bench]" >&2; exit 2 ;;
esac

# The boot tests fetch Debian's kernel package by name: the package lists
# must know it even when every package above is already installed.
need_update=0
if [ "${1:-all}" != build ] && ! apt-cache show linux-image-amd64 >/dev/null 2>&1; then
	need_update=1
fi

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && [ "$need_update" = 0 ] && exit 0

if [ "$(id -u)" != 0 ] && [ -z "$missing" ]; then
	echo "note: apt's package lists do not know linux-image-amd64; run apt-get update as root" >&2
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "error: missing Debian packages:$missing" >&2
	echo "       run as root, or: sudo apt-get install$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
[ -z "$missing" ] && exit 0
echo "installing:$missing"
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
