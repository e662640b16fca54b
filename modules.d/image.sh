# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# What goes into the initramfs besides vmreserve-early itself, described
# once for every generator: the dracut module (50vmreserve/module-setup.sh,
# under bash) and the initramfs-tools hook (hooks/vmreserve, under sh)
# source this file at image-build time; a generator added later does the
# same. `make install` puts it in LIBDIR/vmreserve/image.sh and writes that
# path into both. Plain POSIX sh, sourced into the generator's own shell:
# it only defines VMR_IMAGE_* and vmr_image_*, runs nothing and sets no
# shell option.

# The vfio modules, in this order. vfio-pci matches only through
# driver_override, so nothing autoloads it and no generator's hardware
# detection (dracut's hostonly, initramfs-tools' MODULES=dep) ever picks
# it: each generator forces these names, one at a time or as its
# "optional" form, so that a name this kernel builds in or lacks is
# skipped without failing the others:
#   vfio              the core: every other vfio module stands on it
#   vfio_iommu_type1  the IOMMU backend vfio loads (a soft dependency,
#                     not a modules.dep line)
#   vfio_pci          the driver the binary binds (modprobe -b vfio-pci)
#   vfio_pci_core     vfio_pci's core, a module of its own
#   vfio_virqfd       a module up to 6.1, built into vfio since 6.2
#   irqbypass         what vfio_pci_core needs for KVM's interrupts
#   iommufd           vfio's newer backend (6.2 on); Debian's 6.12 has none
# Each generator adds their dependencies from the kernel's modules.dep and
# keeps compressed modules (.ko.xz) as the kernel ships them.
# shellcheck disable=SC2034 # read by the generators
VMR_IMAGE_VFIO_MODULES="vfio vfio_iommu_type1 vfio_pci vfio_pci_core vfio_virqfd irqbypass iommufd"

# Where vmreserve-early reads its config file in the image
# (vmreserve.conf(5)), and the largest file it reads (VMR_CONF_MAX in
# src/core/cmdline_src.h).
VMR_IMAGE_CONF=/etc/vmreserve.conf
VMR_IMAGE_CONF_MAX=16384

# vmr_image_conf ROOT WARN: the config-copy rule. Copies the host's
# /etc/vmreserve.conf, or the file VMRESERVE_CONF names (tests), into the
# image tree ROOT (dracut's $initdir, initramfs-tools' $DESTDIR,
# mkinitcpio's $BUILDROOT) as etc/vmreserve.conf. WARN is the generator's
# way to warn (a command taking the message as its one argument: dwarn;
# the hook's "W:" printer). Returns 0, also when nothing is copied: a
# config problem never fails the image build, which would leave a new
# kernel without an initramfs.
#
# The rule, and why. At boot the binary reads a regular file of at most
# 16384 bytes and never follows a symlink; the status tool reads the
# host's file following a symlink, so its fingerprint is that of the
# file's target. The image therefore gets the file's bytes (cat: never a
# link, which dracut's inst and initramfs-tools' copy_file would keep as
# one), so the copy the binary fingerprints at boot is what the status
# tool compares it with:
#   absent               nothing copied, nothing said (no file is normal)
#   symlink              its target's bytes (the man page's promise);
#                        a dangling one: nothing copied, a warning
#   not a regular file   (directory, FIFO, device) nothing copied, a
#                        warning: there are no bytes to copy (a FIFO would
#                        hang the build)
#   over 16384 bytes     copied, with a warning: the binary refuses it at
#                        boot (log "too large", record conf=skipped) just
#                        as the status tool refuses the host's file, so
#                        the two agree; dropping it here would make the
#                        record say "absent" and hide why the keys did not
#                        apply
#   cannot be read       nothing copied (a partial copy removed), a warning
vmr_image_conf() {
	vmr_ic_src=${VMRESERVE_CONF:-$VMR_IMAGE_CONF}
	vmr_ic_dst=$1$VMR_IMAGE_CONF
	if [ -L "$vmr_ic_src" ] && [ ! -e "$vmr_ic_src" ]; then
		"$2" "vmreserve: $vmr_ic_src is a symbolic link to nothing: not copied into the initramfs"
	elif [ ! -e "$vmr_ic_src" ]; then
		:
	elif [ ! -f "$vmr_ic_src" ]; then
		"$2" "vmreserve: $vmr_ic_src is not a regular file: not copied into the initramfs (vmreserve-early reads a regular file only)"
	elif mkdir -p "${vmr_ic_dst%/*}" && rm -f "$vmr_ic_dst" &&
		cat "$vmr_ic_src" >"$vmr_ic_dst"; then
		# tr: some wc pad the count with blanks
		vmr_ic_size=$(wc -c <"$vmr_ic_dst" | tr -d ' ')
		if [ "$vmr_ic_size" -gt "$VMR_IMAGE_CONF_MAX" ]; then
			"$2" "vmreserve: $vmr_ic_src is $vmr_ic_size bytes, over $VMR_IMAGE_CONF_MAX: copied, but vmreserve-early will not read it (none of its keys apply at boot)"
		fi
	else
		rm -f "$vmr_ic_dst"
		"$2" "vmreserve: cannot copy $vmr_ic_src into the initramfs"
	fi
	unset vmr_ic_src vmr_ic_dst vmr_ic_size
	return 0
}
