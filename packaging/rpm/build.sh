#!/bin/bash
# SPDX-License-Identifier: MIT
#
# packaging/rpm/build.sh TARBALL TOPDIR: the RPMs of packaging/rpm/
# vmreserve.spec from `make dist`'s tarball, with rpmbuild -bb under
# TOPDIR (emptied first); they land in TOPDIR/RPMS/<arch>/. `make rpm`.
# --nodeps: the build dependencies are Fedora's package names, which an
# empty RPM database (Debian's rpm) cannot check. As root or any user.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 TARBALL TOPDIR" >&2; exit 2; }
command -v rpmbuild >/dev/null || {
	echo "error: rpmbuild not found: install the Debian package rpm" >&2; exit 1; }
tarball=$(realpath "$1")
top=$(realpath -m "$2")
spec=$(dirname "$(realpath "$0")")/vmreserve.spec

rm -rf "$top"
mkdir -p "$top"/{SOURCES,SPECS,BUILD,BUILDROOT,RPMS,SRPMS}
cp "$tarball" "$top/SOURCES/"

# Fedora's compiler and linker flags (redhat-rpm-config, Fedora 40, x86_64)
# without its -specs= files, which Debian lacks; Debian's rpm defines
# %{build_cflags} as "-O2 -g" and no %{build_ldflags}. The build then sees
# what a Fedora build sees: _FORTIFY_SOURCE=3 given with -Wp,-U first,
# -Werror=format-security, a linker asking for --build-id=sha1 (the early
# binary's build-id comes from EARLY_BUILD_ID: klcc takes no LDFLAGS).
# _missing_build_ids_terminate_build is Fedora's setting: an ELF file
# without a build-id stops the build here as it would in Koji or COPR.
fedora_cflags="-O2 -flto=auto -ffat-lto-objects -fexceptions -g -grecord-gcc-switches -pipe -Wall -Werror=format-security -Wp,-U_FORTIFY_SOURCE,-D_FORTIFY_SOURCE=3 -Wp,-D_GLIBCXX_ASSERTIONS -fstack-protector-strong -m64 -march=x86-64 -mtune=generic -fasynchronous-unwind-tables -fstack-clash-protection -fcf-protection -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer"
fedora_ldflags="-Wl,-z,relro -Wl,--as-needed -Wl,-z,pack-relative-relocs -Wl,-z,now -Wl,--build-id=sha1"

# Debuginfo as on Fedora (Debian's rpm turns it off; the %install macro
# that adds the -debuginfo package is Fedora's, from redhat-rpm-config,
# which Debian lacks): the status tool's
# symbols go to vmreserve-debuginfo and the sources to -debugsource;
# find-debuginfo (Debian's debugedit) takes only "not stripped" ELF files,
# which vmreserve-early (klcc -s) is not.
# brp-compress (man pages to .gz) uses bash's `read -d` under #!/bin/sh:
# Debian's dash stops it, so it runs under bash, as /bin/sh is on Fedora.
rpmbuild -bb --nodeps \
	--define "_topdir $top" \
	--define "_missing_build_ids_terminate_build 1" \
	--define "_enable_debug_packages 1" \
	--define "_debugsource_packages 1" \
	--define 'install %{?_enable_debug_packages:%{?buildsubdir:%{debug_package}}}%%install' \
	--define "__brp_compress /bin/bash %{_rpmconfigdir}/brp-compress %{?_prefix}" \
	--define "build_cflags $fedora_cflags" \
	--define "build_ldflags $fedora_ldflags" \
	"$spec"
ls "$top"/RPMS/*/*.rpm
