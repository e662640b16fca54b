# vmreserve: see README.md. `make` builds the two programs, `make test` runs
# the tests that need neither root nor QEMU, `make check` runs every test,
# `make demo` boots the demo VM (the last two install their own Debian
# packages). `make help` lists the targets.

# /usr, not /usr/local: dracut reads its modules from /usr/lib/dracut only.
PREFIX     ?= /usr
DESTDIR    ?=
LIBDIR     ?= $(PREFIX)/lib
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
DOCDIR     ?= $(PREFIX)/share/doc/vmreserve
DRACUTDIR  ?= /usr/lib/dracut
# initramfs-tools reads hooks and scripts from /usr/share/initramfs-tools only.
INITRAMFS_TOOLS_DIR ?= /usr/share/initramfs-tools
# mkinitcpio (Arch) reads install/ and hooks/ from /usr/lib/initcpio.
INITCPIO_DIR ?= /usr/lib/initcpio
# libvirt's hook directory is SYSCONFDIR/libvirt/hooks on every build of it
# (Debian, Fedora: /etc), whatever PREFIX is; qemu.d/ since libvirt 6.5.
HOOKDIR    ?= /etc/libvirt/hooks
# the metrics service and timer (modules.d/systemd)
SYSTEMDUNITDIR ?= $(LIBDIR)/systemd/system
EARLY_PATH := $(LIBDIR)/vmreserve/vmreserve-early
# what goes into the initramfs, sourced by every generator's hook
IMAGE_SH   := $(LIBDIR)/vmreserve/image.sh

CC         ?= gcc
KLCC       ?= klcc
CLANG      ?= clang
SIZE_LIMIT ?= 36864
B          := build

WARN      := -Wall -Wextra -Werror
CSTD      := -std=c11
HOSTFLAGS := $(CSTD) -D_DEFAULT_SOURCE $(WARN) -g -O1 \
             -fsanitize=address,undefined -fno-sanitize-recover=all \
             -fno-omit-frame-pointer
# noseparate-code and a small common page size keep the file from being
# padded to page boundaries between segments (the loader still maps pages).
# -malign-data=abi: arrays get the ABI's alignment, not 32 bytes (96 bytes).
# -Oz (GCC 12+; smaller and slower code than -Os, which nothing here needs:
# the run is syscalls) and -fno-jump-tables saved 512 bytes, which paid for
# reading /etc/vmreserve.conf.
# No build-id note by default; a package build whose tools want one on
# every ELF file (Fedora's rpmbuild stops without it) sets
# EARLY_BUILD_ID=sha1: 184 bytes more (measured: 34,352 -> 34,536).
EARLY_BUILD_ID ?= none
KLFLAGS   := $(CSTD) $(WARN) -Oz -fno-jump-tables -static -s -malign-data=abi \
             -Wl,-z,noseparate-code \
             -Wl,-z,common-page-size=64 -Wl,--build-id=$(EARLY_BUILD_ID) \
             -ffunction-sections -fdata-sections -Wl,--gc-sections

# src/core: the rules both programs share (root handle, parser, PCI scan,
# matching, safety and viability, the hugepage plan, the record schema).
# Pure or read-only, fixed buffers, no heap: it goes into the initramfs.
# src/early: vmreserve-early's actions (sysfs writes, bind, reserve, kmsg,
# main); klibc, no heap. src/tool: the status tool (may use the heap and
# libkmod); it never links src/early, so it cannot write to sysfs.
CORE_SRC  := $(sort $(wildcard src/core/*.c))
EARLY_SRC := $(CORE_SRC) $(sort $(wildcard src/early/*.c))
TOOL_SRC  := $(CORE_SRC) $(sort $(wildcard src/tool/*.c))
CORE_INC  := -Isrc/core
EARLY_INC := $(CORE_INC) -Isrc/early
TOOL_INC  := $(CORE_INC) -Isrc/tool
KMOD_CFLAGS := $(shell pkg-config --cflags libkmod 2>/dev/null)
KMOD_LIBS   := $(shell pkg-config --libs libkmod 2>/dev/null || echo -lkmod)
# libxml2 reads libvirt's domain XML (check-domain); the early binary never
# links it.
XML_CFLAGS  := $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
XML_LIBS    := $(shell pkg-config --libs libxml-2.0 2>/dev/null || echo -lxml2)
# The status tool takes the distribution's CPPFLAGS, CFLAGS and LDFLAGS
# (dpkg-buildflags, %optflags, makepkg.conf: hardening); ours only when the
# caller gives none. The fortify default is in CPPFLAGS, so a given CPPFLAGS
# (-D_FORTIFY_SOURCE=3, -Wp,-D_FORTIFY_SOURCE=2) replaces it instead of
# redefining the macro under -Werror. The early binary (KLFLAGS) and the
# test builds (HOSTFLAGS) keep their own flags.
CPPFLAGS  ?= -D_FORTIFY_SOURCE=2
CFLAGS    ?= -O2 -g -fstack-protector-strong
LDFLAGS   ?=
TOOLFLAGS := $(CSTD) -D_DEFAULT_SOURCE $(WARN)
HEADERS   := $(wildcard src/*/*.h)

.PHONY: all early tool host size install install-etc deb deb-tests unit fuzz fuzz-replay fixtures \
        status-tests monitoring-tests test image-tests image-builds libvirt-tests boot check check-all demo bench deps mutate \
        clean help

# The two programs; the test builds (ASan/UBSan, the kernel model) are made
# by the test targets that run them.
all: early tool

early: $(B)/vmreserve-early
tool: $(B)/vmreserve
host: $(B)/host/vmreserve-early $(B)/host/vmreserve

# The initramfs binary: static klibc, stripped, no heap.
$(B)/vmreserve-early: $(EARLY_SRC) $(HEADERS)
	@command -v $(KLCC) >/dev/null 2>&1 || { echo "error: $(KLCC) not found:" \
	  "install the Debian packages klibc-utils and libklibc-dev" \
	  "(apt-get install klibc-utils libklibc-dev)" >&2; exit 1; }
	@mkdir -p $(@D)
	$(KLCC) $(KLFLAGS) $(EARLY_INC) -o $@ $(EARLY_SRC)

# The same core under ASan/UBSan (`make host`; the fixture tests use the
# model build below, which is this build when a case has no .kmodel).
$(B)/host/vmreserve-early: $(EARLY_SRC) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(EARLY_INC) -o $@ $(EARLY_SRC)

# The same under a model of the kernel (tests/fixtures/kmodel.c) for the
# fixture tests: the writes' --wrap'ed calls go through it, and it plays the
# kernel on the fixture tree (unbind, probe, late unbind files, short pages).
MODEL_WRAP := -Wl,--wrap=vmr_set,--wrap=vmr_send,--wrap=vmr_send_line \
              -Wl,--wrap=vmr_exists,--wrap=nanosleep
$(B)/model/vmreserve-early: $(EARLY_SRC) tests/fixtures/kmodel.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(EARLY_INC) -o $@ $(EARLY_SRC) tests/fixtures/kmodel.c \
	  $(MODEL_WRAP)

# The status tool, as installed.
$(B)/vmreserve: $(TOOL_SRC) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(TOOLFLAGS) $(CFLAGS) $(TOOL_INC) $(KMOD_CFLAGS) $(XML_CFLAGS) \
	  $(LDFLAGS) -o $@ $(TOOL_SRC) $(KMOD_LIBS) $(XML_LIBS)

# ... and under ASan/UBSan, for the status fixture tests.
$(B)/host/vmreserve: $(TOOL_SRC) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(TOOL_INC) $(KMOD_CFLAGS) $(XML_CFLAGS) -o $@ $(TOOL_SRC) \
	  $(KMOD_LIBS) $(XML_LIBS)

size: $(B)/vmreserve-early
	@sz=$$(stat -c %s $<); \
	echo "vmreserve-early: $$sz bytes (static klibc, stripped; budget $(SIZE_LIMIT))"; \
	test $$sz -le $(SIZE_LIMIT) || { echo "error: over the size budget" >&2; exit 1; }

install: $(B)/vmreserve-early $(B)/vmreserve
	install -d $(DESTDIR)$(LIBDIR)/vmreserve $(DESTDIR)$(DRACUTDIR)/modules.d/50vmreserve \
	  $(DESTDIR)$(DRACUTDIR)/dracut.conf.d $(DESTDIR)$(MANDIR)/man8
	install -m 0755 $(B)/vmreserve-early $(DESTDIR)$(LIBDIR)/vmreserve/vmreserve-early
	install -m 0644 modules.d/image.sh $(DESTDIR)$(IMAGE_SH)
	sed -e 's|/usr/lib/vmreserve/vmreserve-early}|$(EARLY_PATH)}|' \
	  -e 's|/usr/lib/vmreserve/image.sh}|$(IMAGE_SH)}|' \
	  modules.d/50vmreserve/module-setup.sh > $(DESTDIR)$(DRACUTDIR)/modules.d/50vmreserve/module-setup.sh
	chmod 0755 $(DESTDIR)$(DRACUTDIR)/modules.d/50vmreserve/module-setup.sh
	install -m 0755 modules.d/50vmreserve/vmreserve-hook.sh $(DESTDIR)$(DRACUTDIR)/modules.d/50vmreserve/
	install -m 0644 modules.d/dracut.conf.d/50-vmreserve.conf $(DESTDIR)$(DRACUTDIR)/dracut.conf.d/
	install -d $(DESTDIR)$(INITRAMFS_TOOLS_DIR)/hooks $(DESTDIR)$(INITRAMFS_TOOLS_DIR)/scripts/init-top
	sed -e 's|^vmr_bin=/usr/lib/vmreserve/vmreserve-early$$|vmr_bin=$(EARLY_PATH)|' \
	  -e 's|^vmr_image=/usr/lib/vmreserve/image.sh$$|vmr_image=$(IMAGE_SH)|' \
	  modules.d/initramfs-tools/hooks/vmreserve > $(DESTDIR)$(INITRAMFS_TOOLS_DIR)/hooks/vmreserve
	chmod 0755 $(DESTDIR)$(INITRAMFS_TOOLS_DIR)/hooks/vmreserve
	install -m 0755 modules.d/initramfs-tools/scripts/init-top/pre_udev_vmreserve \
	  $(DESTDIR)$(INITRAMFS_TOOLS_DIR)/scripts/init-top/pre_udev_vmreserve
	install -d $(DESTDIR)$(INITCPIO_DIR)/install $(DESTDIR)$(INITCPIO_DIR)/hooks
	sed -e 's|/usr/lib/vmreserve/vmreserve-early}|$(EARLY_PATH)}|' \
	  -e 's|/usr/lib/vmreserve/image.sh}|$(IMAGE_SH)}|' \
	  modules.d/mkinitcpio/install/vmreserve > $(DESTDIR)$(INITCPIO_DIR)/install/vmreserve
	sed 's|/usr/lib/vmreserve/vmreserve-early.service}|$(LIBDIR)/vmreserve/vmreserve-early.service}|' \
	  modules.d/mkinitcpio/install/sd-vmreserve > $(DESTDIR)$(INITCPIO_DIR)/install/sd-vmreserve
	chmod 0644 $(DESTDIR)$(INITCPIO_DIR)/install/vmreserve $(DESTDIR)$(INITCPIO_DIR)/install/sd-vmreserve
	install -m 0644 modules.d/mkinitcpio/hooks/vmreserve $(DESTDIR)$(INITCPIO_DIR)/hooks/vmreserve
	# the unit goes into the image only (install/sd-vmreserve), never into
	# the host's unit directory
	install -m 0644 modules.d/mkinitcpio/vmreserve-early.service $(DESTDIR)$(LIBDIR)/vmreserve/
	install -m 0644 src/early/vmreserve-early.8 $(DESTDIR)$(MANDIR)/man8/
	install -d $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DOCDIR)
	install -m 0644 src/early/vmreserve.conf.5 $(DESTDIR)$(MANDIR)/man5/
	# an example only: no active /etc/vmreserve.conf is installed
	install -m 0644 src/early/vmreserve.conf.example $(DESTDIR)$(DOCDIR)/
	install -d $(DESTDIR)$(BINDIR)
	install -m 0755 $(B)/vmreserve $(DESTDIR)$(BINDIR)/vmreserve
	install -m 0644 src/tool/vmreserve.8 $(DESTDIR)$(MANDIR)/man8/
	install -d $(DESTDIR)$(HOOKDIR)/qemu.d
	sed 's|^vmreserve=/usr/bin/vmreserve$$|vmreserve=$(BINDIR)/vmreserve|' \
	  modules.d/libvirt/qemu-hook.sh > $(DESTDIR)$(HOOKDIR)/qemu.d/vmreserve
	chmod 0755 $(DESTDIR)$(HOOKDIR)/qemu.d/vmreserve
	install -d $(DESTDIR)$(SYSTEMDUNITDIR)
	sed 's|^ExecStart=/usr/bin/vmreserve |ExecStart=$(BINDIR)/vmreserve |' \
	  modules.d/systemd/vmreserve-metrics.service > $(DESTDIR)$(SYSTEMDUNITDIR)/vmreserve-metrics.service
	chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/vmreserve-metrics.service
	install -m 0644 modules.d/systemd/vmreserve-metrics.timer $(DESTDIR)$(SYSTEMDUNITDIR)/
	# for the Prometheus server's rule_files (often another host)
	install -m 0644 modules.d/prometheus/vmreserve-rules.yml $(DESTDIR)$(DOCDIR)/

# The two settings files, for packages (their conffiles) and source
# installs: /etc/vmreserve.conf, all comments (nothing changes until the
# admin edits it), and the libvirt hook's, in mode=warn (installing must not
# change how VMs start; the admin sets mode=enforce). A file already there
# is kept: a reinstall never overwrites the admin's edits.
SYSCONFDIR ?= /etc
install-etc:
	install -d $(DESTDIR)$(SYSCONFDIR) $(DESTDIR)$(HOOKDIR)
	@for f in src/early/vmreserve.conf.example:$(DESTDIR)$(SYSCONFDIR)/vmreserve.conf \
	          modules.d/libvirt/hook.conf:$(DESTDIR)$(HOOKDIR)/vmreserve.conf; do \
	  src=$${f%%:*} dst=$${f#*:}; \
	  if [ -e "$$dst" ] || [ -L "$$dst" ]; then echo "kept $$dst (already there)"; \
	  else echo "install -m 0644 $$src $$dst"; install -m 0644 "$$src" "$$dst" || exit 1; fi; \
	done

# The Debian packages (packaging/debian): the tree copied to
# build/deb/vmreserve-VERSION/ with packaging/debian as debian/, built with
# dpkg-buildpackage -us -uc -b; the .debs in build/deb/. DEB_VERSION=V-R
# builds that version (a changelog entry in the copy only).
DEB_VERSION ?=
deb:
	packaging/make-deb.sh $(B)/deb $(DEB_VERSION)

# ---- tests ---------------------------------------------------------------

$(B)/test_cmdline: src/core/cmdline.c tests/unit/test_cmdline.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(CORE_INC) -o $@ src/core/cmdline.c tests/unit/test_cmdline.c -lcmocka

# The record's writer and reader, and the command-line source reader.
STATE_TEST_SRC := $(CORE_SRC) src/early/record_write.c src/early/sysfs_write.c \
                  src/tool/log.c src/tool/str.c tests/unit/test_state.c
$(B)/test_state: $(STATE_TEST_SRC) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(EARLY_INC) -o $@ $(STATE_TEST_SRC) -lcmocka

$(B)/test_topology: src/tool/topology.c src/core/sysroot.c src/core/text.c tests/unit/test_topology.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(TOOL_INC) -o $@ src/tool/topology.c src/core/sysroot.c src/core/text.c tests/unit/test_topology.c -lcmocka

# The sysfs writes go through wrappers that play a kernel short of pages.
HP_TEST_SRC := src/early/reserve.c src/early/sysfs_write.c src/early/kmsg.c \
               src/core/hp_plan.c src/core/sysroot.c src/core/text.c src/core/strerror.c \
               src/core/cmdline.c tests/unit/test_hugepages.c
$(B)/test_hugepages: $(HP_TEST_SRC) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(EARLY_INC) -o $@ $(HP_TEST_SRC) \
	  -Wl,--wrap=vmr_set -Wl,--wrap=vmr_send -lcmocka

# Every record key has a writer row; built again with one row removed
# (VMR_TEST_DROP_ROW), where the same test must name that key.
ROWS_TEST_SRC := $(CORE_SRC) src/early/record_write.c src/early/sysfs_write.c \
                 src/tool/log.c src/tool/str.c tests/unit/test_record_rows.c
$(B)/test_record_rows: $(ROWS_TEST_SRC) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(EARLY_INC) -o $@ $(ROWS_TEST_SRC) -lcmocka
$(B)/test_record_rows_drop: $(ROWS_TEST_SRC) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(EARLY_INC) -DVMR_TEST_DROP_ROW=VMR_K_HP_STATUS \
	  -o $@ $(ROWS_TEST_SRC) -lcmocka

# The rules both programs take from the core (refusal, blacklists, keep,
# origins, the plan sources over a real root directory).
RULES_TEST_SRC := $(CORE_SRC) src/tool/log.c src/tool/str.c tests/unit/test_rules.c
$(B)/test_rules: $(RULES_TEST_SRC) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(CORE_INC) -o $@ $(RULES_TEST_SRC) -lcmocka

# --sysroot's confinement: openat2() and the walk without it, side by side.
$(B)/test_root_in: src/tool/root_in.c src/core/sysroot.c src/core/text.c tests/unit/test_root_in.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(TOOL_INC) -o $@ src/tool/root_in.c src/core/sysroot.c src/core/text.c tests/unit/test_root_in.c -lcmocka

$(B)/test_text: src/core/text.c tests/unit/test_text.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(CORE_INC) -o $@ src/core/text.c tests/unit/test_text.c -lcmocka

# mkinitcpio's HOOKS as vmreserve reads it, and sort -V's order.
INITCPIO_TEST_SRC := src/tool/initcpio.c src/tool/advice.c src/tool/str.c \
                     src/core/sysroot.c src/core/text.c tests/unit/test_initcpio.c
$(B)/test_initcpio: $(INITCPIO_TEST_SRC) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(TOOL_INC) -o $@ $(INITCPIO_TEST_SRC) -lcmocka

unit: $(B)/test_text $(B)/test_cmdline $(B)/test_state $(B)/test_topology $(B)/test_hugepages \
      $(B)/test_rules $(B)/test_record_rows $(B)/test_record_rows_drop $(B)/test_root_in \
      $(B)/test_initcpio
	$(B)/test_text
	$(B)/test_cmdline
	$(B)/test_state
	$(B)/test_topology
	$(B)/test_hugepages
	$(B)/test_rules
	$(B)/test_record_rows
	$(B)/test_record_rows_drop
	$(B)/test_root_in
	$(B)/test_initcpio

$(B)/fuzz_replay: src/core/cmdline.c tests/fuzz/fuzz_cmdline.c tests/fuzz/replay.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(CORE_INC) -o $@ src/core/cmdline.c tests/fuzz/fuzz_cmdline.c tests/fuzz/replay.c

$(B)/fuzz_record_replay: src/core/record.c src/core/cmdline.c src/core/sysroot.c src/core/text.c \
                         tests/fuzz/fuzz_record.c tests/fuzz/replay.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(CORE_INC) -o $@ src/core/record.c src/core/cmdline.c \
	  src/core/sysroot.c src/core/text.c tests/fuzz/fuzz_record.c tests/fuzz/replay.c

# The domain XML reader with the libxml2 it links (status tool only).
$(B)/fuzz_domain_replay: src/tool/domain_xml.c src/tool/str.c tests/fuzz/fuzz_domain.c tests/fuzz/replay.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(TOOL_INC) $(XML_CFLAGS) -o $@ src/tool/domain_xml.c \
	  src/tool/str.c tests/fuzz/fuzz_domain.c tests/fuzz/replay.c $(XML_LIBS)

# The cmdline.d listing's keeping rule (src/core/names.c), without a file system.
$(B)/fuzz_names_replay: src/core/names.c tests/fuzz/fuzz_names.c tests/fuzz/replay.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(CORE_INC) -o $@ src/core/names.c tests/fuzz/fuzz_names.c \
	  tests/fuzz/replay.c

# The kernel log's records (a tree's dev/kmsg, read as a file), from memory.
$(B)/fuzz_kmsg_replay: src/tool/read_kmsg.c src/tool/root_in.c src/core/sysroot.c src/core/text.c \
                       tests/fuzz/fuzz_kmsg.c tests/fuzz/replay.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOSTFLAGS) $(TOOL_INC) -o $@ src/tool/read_kmsg.c src/tool/root_in.c \
	  src/core/sysroot.c src/core/text.c tests/fuzz/fuzz_kmsg.c tests/fuzz/replay.c

fuzz-replay: $(B)/fuzz_replay $(B)/fuzz_record_replay $(B)/fuzz_domain_replay $(B)/fuzz_names_replay \
             $(B)/fuzz_kmsg_replay
	$(B)/fuzz_replay tests/fuzz/corpus/*
	$(B)/fuzz_record_replay tests/fuzz/record-corpus/*
	$(B)/fuzz_domain_replay tests/fuzz/domain-corpus/*
	$(B)/fuzz_names_replay tests/fuzz/names-corpus/*
	$(B)/fuzz_kmsg_replay tests/fuzz/kmsg-corpus/*

# libFuzzer (clang): each target FUZZ_RUNS runs, or FUZZ_TIME seconds when
# set; tests/fuzz/run.sh prints one summary line per target (runs, crashes)
# and keeps what each finds in $(B)/fuzz/NAME/. The command line target
# also reads its input as /etc/vmreserve.conf (fuzz_cmdline.c).
FUZZ_RUNS ?= 1000000
FUZZ_TIME ?=
FUZZ_LIMIT := $(if $(FUZZ_TIME),-max_total_time=$(FUZZ_TIME),-runs=$(FUZZ_RUNS))
FUZZ_CC := $(CLANG) $(CSTD) -D_DEFAULT_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined
FUZZ_BIN := $(B)/fuzz/cmdline/fuzz $(B)/fuzz/record/fuzz $(B)/fuzz/domain/fuzz $(B)/fuzz/names/fuzz \
            $(B)/fuzz/kmsg/fuzz
$(B)/fuzz/cmdline/fuzz: src/core/cmdline.c tests/fuzz/fuzz_cmdline.c $(HEADERS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CORE_INC) -o $@ src/core/cmdline.c tests/fuzz/fuzz_cmdline.c
$(B)/fuzz/record/fuzz: src/core/record.c src/core/cmdline.c src/core/sysroot.c src/core/text.c \
                       tests/fuzz/fuzz_record.c $(HEADERS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CORE_INC) -o $@ src/core/record.c src/core/cmdline.c \
	  src/core/sysroot.c src/core/text.c tests/fuzz/fuzz_record.c
$(B)/fuzz/domain/fuzz: src/tool/domain_xml.c src/tool/str.c tests/fuzz/fuzz_domain.c $(HEADERS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(TOOL_INC) $(XML_CFLAGS) -o $@ src/tool/domain_xml.c \
	  src/tool/str.c tests/fuzz/fuzz_domain.c $(XML_LIBS)
$(B)/fuzz/names/fuzz: src/core/names.c tests/fuzz/fuzz_names.c $(HEADERS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CORE_INC) -o $@ src/core/names.c tests/fuzz/fuzz_names.c
$(B)/fuzz/kmsg/fuzz: src/tool/read_kmsg.c src/tool/root_in.c src/core/sysroot.c src/core/text.c tests/fuzz/fuzz_kmsg.c $(HEADERS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(TOOL_INC) -o $@ src/tool/read_kmsg.c src/tool/root_in.c \
	  src/core/sysroot.c src/core/text.c tests/fuzz/fuzz_kmsg.c
fuzz: $(FUZZ_BIN)
	@rc=0; for t in cmdline record domain names kmsg; do \
	  tests/fuzz/run.sh $$t $(B)/fuzz/$$t/fuzz $(B)/fuzz/$$t $(FUZZ_LIMIT) || rc=1; \
	done; exit $$rc

# The model build (ASan/UBSan; without a case's .kmodel it is the plain host
# build) runs every case; the initramfs build skips the model=1 ones.
# TEST_JOBS: shards of the fixture and status suites run at once (their
# cases are independent; CI has two cores).
TEST_JOBS ?= 2
fixtures: $(B)/model/vmreserve-early $(B)/vmreserve-early
	VMR_JOBS=$(TEST_JOBS) tests/fixtures/run.sh $(B)/model/vmreserve-early
	VMR_JOBS=$(TEST_JOBS) tests/fixtures/run.sh $(B)/vmreserve-early

# The status tool on fixture trees (its state records come from the early
# binary), and its libvirt XML through virt-xml-validate.
# promtool (unpacked from Debian's prometheus package into $(B)/tools, not
# installed) lints every --prometheus output; VMR_PROMTOOL=PATH names another.
status-tests: $(B)/host/vmreserve $(B)/model/vmreserve-early
	VMR_PROMTOOL="$${VMR_PROMTOOL:-$$(tests/status/fetch-promtool.sh $(B)/tools)}" && \
	  export VMR_PROMTOOL && VMR_JOBS=$(TEST_JOBS) tests/status/run.sh $(B)/host/vmreserve
	tests/status/libvirt.sh $(B)/host/vmreserve

# The metrics as shipped (tests/prometheus/run.sh): the alerting rules under
# promtool, the unit's command served by Debian's node_exporter (unpacked
# into $(B)/tools like promtool), the symlink attack on --output replayed.
monitoring-tests: $(B)/vmreserve
	tests/prometheus/run.sh $(B)/vmreserve

# The tests that need neither root nor QEMU (nor the network, once promtool
# is cached in $(B)/tools): what a change should pass before anything else.
test: unit fuzz-replay fixtures status-tests image-tests check-lib-tests

# the boot checks' batched jq runs (tests/boot/lib/check-lib.sh) against
# one jq a check, on the host under busybox ash
.PHONY: check-lib-tests
check-lib-tests:
	tests/boot/check-lib-test.sh

# modules.d/image.sh's config-copy rule (every generator's hook runs it):
# the rule alone without root (image-tests), and in real images built by
# the host's dracut and initramfs-tools (image-builds, root).
image-tests:
	tests/image/conf-rule.sh
image-builds: all
	tests/image/conf-rule.sh -g

# The libvirt hook with a real libvirtd (session mode, an unprivileged user,
# a private mount namespace over /etc/libvirt): tests/libvirt/run.sh.
libvirt-tests: all
	tests/libvirt/hook.sh
	tests/libvirt/run.sh $(CURDIR)/$(B)

# The Debian packages (tests/package/deb.sh): make deb, lintian, each
# package's files, conffiles and trigger, the packaged hook in warn mode, and
# as root an upgrade in a copy of the bookworm chroot that keeps an edited
# /etc/vmreserve.conf. About 3 minutes (two package builds).
deb-tests:
	tests/package/deb.sh

# Boot tests: each case boots a Debian kernel with an initramfs holding our
# module or hook under QEMU (tests/boot/run.sh stages its own install).
# make boot: the boot matrix (tests/boot/matrix.sh): the full suite on dracut
# 059 + systemd + Debian's 6.1, the matrix set (TEST-20..22: config file,
# slot, hugepages with a node emptied, malformed keys, drivers bound before
# the hook, id selector, a refused pin) on every other generator x kernel;
# results and the table in $(B)/boot-matrix/. deb/initramfs-tools@6.1 and
# deb/dracut-ng@6.1: the Debian packages installed with dpkg in a copy of
# the generator's chroot, their trigger's image booted, purged, booted again
# (tests/boot/deb-cycle.sh; the packages deb-tests made in build/deb).
# MATRIX="dracut/nosystemd@6.12 ..." runs those combinations only.
# CASES="01 14" runs those cases on the default combination only.
# BOOT_JOBS: VMs booted at a time (QEMU's TCG runs in one thread).
# Then tests/boot/suggest.sh: suggest in one boot, its keys in a second.
# A case's qemu.env may name another kernel (VMR_KERNEL_SUITE: Debian's 6.12
# from bookworm-backports) and a boot count (VMR_BOOTS: the 6.12 race case
# boots 10 times). BOOTS=N boots each chosen case N times instead.
BOOT_JOBS ?= 2
boot:
ifneq ($(CASES),)
	tests/boot/run.sh $(if $(BOOTS),-n $(BOOTS)) $(CASES)
else
	tests/boot/matrix.sh -j $(BOOT_JOBS) $(if $(BOOTS),-n $(BOOTS)) $(MATRIX)
	tests/boot/suggest.sh
endif

deps:
	initrd/install-deps.sh all

# Everything, after installing what is missing (fresh Debian 12, as root).
check: deps
	$(MAKE) check-all

# The suites between the fast tests and the boots run two at a time
# (CHECK_JOBS): most are one process at a time (a compiler, lintian, a
# daemon, a network download), and CI has two cores.
CHECK_JOBS ?= 2
check-all: all size test
	$(MAKE) -j$(CHECK_JOBS) --output-sync=target monitoring-tests image-builds libvirt-tests deb-tests pkg-tests \
	  boot-prep
	$(MAKE) boot

# What the boot matrix would fetch and make before its lanes start (the two
# kernels, the generators' debootstrap chroots): mostly downloads, made
# beside the suites above in check-all; each is cached, so `make boot`
# finds them made. Not a test.
boot-prep:
	initrd/fetch-kernel.sh >/dev/null
	VMR_KERNEL_SUITE=bookworm-backports initrd/fetch-kernel.sh >/dev/null
	initrd/chroot.sh initramfs-tools >/dev/null
	initrd/chroot.sh dracut-ng >/dev/null

DEMO_CMDLINE ?= rd.vmreserve.pci=01:00 rd.vmreserve.hugepages=0:1G
# GENERATOR=dracut (the host's), dracut-ng or initramfs-tools: which real
# generator builds the demo's initramfs (the last two in a Debian chroot).
GENERATOR    ?= dracut
DEMO_DIR     := $(B)/demo
demo: deps
	$(MAKE) all
	rm -rf $(DEMO_DIR)/destdir
	$(MAKE) install DESTDIR=$(CURDIR)/$(DEMO_DIR)/destdir PREFIX=/usr
	VMR_GENERATOR=$(GENERATOR) VMR_DESTDIR=$(CURDIR)/$(DEMO_DIR)/destdir initrd/demo.sh "$(DEMO_CMDLINE)"

# Measurements, not tests (tests/bench/run.sh): sizes, the pre-udev hook
# against a POSIX-sh hook in real boots, a long-running host (hugepages at
# pre-udev vs the seed recipe, the kernel's boot-time format and a late unit
# after a workload) on Debian's 6.1 and 6.12 kernels, and
# scale. Prints one table; JSON in $(B)/bench/. About 36 min under TCG.
# One-line mutations of src/ on a copy of the tree, each caught by the
# suites its entry names (tests/mutate.sh, tests/mutations); slow, so not
# part of test or check.
mutate: $(B)/host/vmreserve $(B)/model/vmreserve-early
	tests/mutate.sh tests/mutations

bench:
	initrd/install-deps.sh bench
	$(MAKE) all
	tests/bench/run.sh $(CURDIR)/$(B)/bench

# ---- packages (packaging/) ------------------------------------------------
# The release's version, from where the programs take it.
VERSION := $(shell sed -n 's/^\#define VMR_VERSION "\(.*\)"$$/\1/p' src/core/version.h)
DIST_TARBALL := $(B)/dist/vmreserve-$(VERSION).tar.gz
.PHONY: dist rpm arch pkg-tests boot-prep
# The release tarball (git archive of the tracked tree): packaging/dist.sh.
dist:
	packaging/dist.sh $(VERSION) $(B)/dist
# The RPMs (packaging/rpm/vmreserve.spec) with Debian's rpm, in $(B)/rpm/RPMS/.
rpm: dist
	packaging/rpm/build.sh $(DIST_TARBALL) $(B)/rpm
# The Arch package (packaging/arch/PKGBUILD, makepkg --nodeps) in $(B)/arch/;
# as root makepkg runs as nobody.
arch: dist
	packaging/arch/build.sh $(DIST_TARBALL) $(B)/arch
# Both, their file lists against make install's, rpmlint, .PKGINFO.
pkg-tests:
	tests/package/rpm-arch.sh

clean:
	rm -rf $(B)

help:
	@echo 'make [TARGET] (default: all)'
	@echo '  all            build/vmreserve-early (klcc) and build/vmreserve'
	@echo '  early, tool    one of the two'
	@echo '  host           both under ASan/UBSan in build/host/'
	@echo '  size           check vmreserve-early against its size budget'
	@echo '  install        install (PREFIX=/usr, DESTDIR=, HOOKDIR=, ...)'
	@echo '  install-etc    /etc/vmreserve.conf and the libvirt hook settings (mode=warn), if absent'
	@echo '  deb            the Debian packages in build/deb/ (packaging/debian, dpkg-buildpackage)'
	@echo '  deb-tests      make deb, lintian, the packages file lists, an upgrade in a bookworm chroot (root)'
	@echo '  test           unit, fuzz-replay, fixtures, status-tests, image-tests: no root, no QEMU'
	@echo '  unit           cmocka unit tests'
	@echo '  fuzz-replay    the fuzz corpora under ASan/UBSan'
	@echo '  fuzz           run the fuzzers, FUZZ_RUNS runs (or FUZZ_TIME s) each (clang)'
	@echo '  fixtures       vmreserve-early on fake sysfs trees'
	@echo '  status-tests   the status tool on fake sysfs trees'
	@echo '  monitoring-tests  alerting rules (promtool), the metrics unit with a real node_exporter'
	@echo '  image-tests    the config-copy rule of modules.d/image.sh (image-builds: in real images, root)'
	@echo '  libvirt-tests  the libvirt hook, alone and with a real libvirtd'
	@echo '  boot           boot tests under QEMU, as root (CASES=, MATRIX=, BOOTS=)'
	@echo '  check          deps, then check-all: every test (what CI runs)'
	@echo '  check-all      all, size, test, monitoring-tests, image-builds, libvirt-tests, deb-tests, pkg-tests, boot'
	@echo '  deps           install the Debian packages (initrd/install-deps.sh all)'
	@echo '  demo           boot the demo VM, as root (GENERATOR=, DEMO_CMDLINE=)'
	@echo '  mutate         one-line mutations of src/, each must be caught (tests/mutations)'
	@echo '  bench          the benchmark, about 36 min (tests/bench/README.md)'
	@echo '  dist           the release tarball build/dist/vmreserve-VERSION.tar.gz (git archive)'
	@echo '  rpm            the RPMs in build/rpm/RPMS/ (packaging/rpm, rpmbuild --nodeps)'
	@echo '  arch           the Arch package in build/arch/ (packaging/arch/PKGBUILD, makepkg --nodeps)'
	@echo '  pkg-tests      make rpm and arch, their file lists against make install, rpmlint'
	@echo '  clean          remove build/'

# `make -s print-EARLY_SRC`: a variable's value, for scripts (tests/bench/).
print-%:
	@echo $($*)
