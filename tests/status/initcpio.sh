# Helpers for the mkinitcpio cases (cases/initcpio-*.sh), sourced in a
# case's prepare() (cwd: the tree, host-arch-gpupm: an Arch host whose
# /etc/mkinitcpio.conf has HOOKS=(base udev autodetect modconf block
# filesystems keyboard fsck)).

# ic_conf FILE LINE...: FILE (a path in the tree) holds these lines.
ic_conf() {
	_f=$1
	shift
	mkdir -p "$(dirname "$_f")"
	printf '%s\n' "$@" >"$_f"
}

# ic_install NAME...: vmreserve's mkinitcpio hooks as its package puts
# them: install/NAME, and hooks/vmreserve for the early hook.
ic_install() {
	mkdir -p usr/lib/initcpio/install usr/lib/initcpio/hooks
	for _h; do
		printf 'build() { :; }\n' >"usr/lib/initcpio/install/$_h"
		if [ "$_h" = vmreserve ]; then
			printf 'run_earlyhook() { :; }\n' >usr/lib/initcpio/hooks/vmreserve
		fi
	done
}
