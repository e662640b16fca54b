/* SPDX-License-Identifier: MIT */
/*
 * A libvirt domain XML, reduced to what `vmreserve check-domain` judges:
 * hugepage-backed memory per guest NUMA cell and the host nodes it may come
 * from, vCPU pins, and PCI hostdevs.
 *
 * The XML is hostile input (a hook gets it from libvirt, a user from
 * anywhere): it is parsed by libxml2 from memory, at most
 * VMR_DOM_MAX_XML bytes, without network access, without loading a DTD
 * and without substituting entities; a document with a DOCTYPE is refused
 * (libvirt never writes one, and the DOCTYPE is where entities are
 * declared): before libxml2 sees it when the prolog (the bytes before the
 * root element: XML declaration, comments, PIs, blanks) holds
 * "<!DOCTYPE", and in any other encoding (UTF-16) from the DTD the parse
 * left, before a value is read. The text "<!DOCTYPE" after the root's
 * start tag (a comment or CDATA in <metadata>, which libvirt keeps) is
 * no DOCTYPE: XML allows one only in the prolog, and libxml2 reads it as
 * text. Every value is bounded; anything that does not fit is an error
 * naming the element, never silently cut.
 *
 * The limits are libvirt's and QEMU's own (vmreserve(8), LIBVIRT HOOK):
 * a domain libvirt accepts is never refused for its size. Pins, hostdevs
 * and every cpuset or nodeset as written are on the heap
 * (vmr_domain_free): libvirt bounds a set only by the XML's size, and a
 * set of every other CPU of a large host is longer than any fixed buffer
 * we would pick; what bounds it is VMR_DOM_MAX_BIT, the numbers it may
 * name.
 *
 * Host-only (the status tool); the parse touches no file.
 */
#ifndef VMR_DOMAIN_XML_H
#define VMR_DOMAIN_XML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pci.h"

/* libvirt's REMOTE_STRING_MAX: no domain XML passes its RPC larger */
#define VMR_DOM_MAX_XML     (4u << 20)
/* QEMU's MAX_NODES (include/sysemu/numa.h): guest NUMA cells */
#define VMR_DOM_MAX_CELL    128
/* one <page> per guest cell, and one without a nodeset */
#define VMR_DOM_MAX_PAGE    (VMR_DOM_MAX_CELL + 1)
/* one <memnode> per guest cell (libvirt refuses a second) */
#define VMR_DOM_MAX_MEMNODE VMR_DOM_MAX_CELL
/* one <vcpupin> per vCPU (libvirt refuses a second); on the heap */
#define VMR_DOM_MAX_PIN     VMR_DOM_MAX_VCPU
/* a node list as check-domain shows it (the sets as written are on the heap) */
#define VMR_DOM_SET_LEN     256
#define VMR_DOM_NAME_LEN    256
#define VMR_DOM_MAX_BIT     65536 /* CPU and node numbers below this */
#define VMR_DOM_MAX_VCPU    16384u /* libvirt's limit on <vcpu> */

/* <numatune> modes (libvirt's; strict is its default). */
enum vmr_numa_mode {
	VMR_NUMA_STRICT,
	VMR_NUMA_PREFERRED,
	VMR_NUMA_INTERLEAVE,
	VMR_NUMA_RESTRICTIVE,
};

struct vmr_dom_page {
	uint64_t size_kb;
	bool has_nodeset;
	char *nodeset;                 /* guest cells, as written; heap */
};

struct vmr_dom_cell {
	unsigned id;
	uint64_t mem_kb;
	char *cpus;                    /* guest vCPUs, NULL not given; heap */
};

/* Where guest memory may come from: <numatune><memory> or <memnode>. */
struct vmr_dom_numa {
	bool set;                      /* a nodeset is given */
	bool automatic;                /* placement='auto': numad decides */
	enum vmr_numa_mode mode;
	char *nodeset;                 /* host nodes, as written; heap */
};

struct vmr_dom_memnode {
	unsigned cellid;
	struct vmr_dom_numa numa;
};

struct vmr_dom_pin {
	unsigned vcpu;
	char *cpuset;                  /* host CPUs, as written; heap */
};

struct vmr_dom_hostdev {
	char addr[VMR_BDF_LEN];        /* DDDD:BB:SS.F */
	bool managed;                  /* libvirt's default is no */
	bool interface;                /* <interface type='hostdev'> */
};

struct vmr_domain {
	char name[VMR_DOM_NAME_LEN];
	char type[16];                 /* kvm, qemu, ... */
	uint64_t mem_kb;               /* <memory> */
	bool hugepages;                /* <memoryBacking><hugepages> */
	size_t n_page;
	struct vmr_dom_page page[VMR_DOM_MAX_PAGE];
	struct vmr_dom_numa numa;      /* <numatune><memory> */
	size_t n_memnode;
	struct vmr_dom_memnode memnode[VMR_DOM_MAX_MEMNODE];
	size_t n_cell;                 /* <cpu><numa><cell> */
	struct vmr_dom_cell cell[VMR_DOM_MAX_CELL];
	unsigned vcpus;
	char *vcpu_cpuset;             /* <vcpu cpuset=>, NULL none; heap */
	size_t n_pin, cap_pin;
	struct vmr_dom_pin *pin;       /* heap */
	size_t n_hostdev, cap_hostdev;
	struct vmr_dom_hostdev *hostdev; /* heap; no address twice */
};

/*
 * Parse len bytes of XML into d. Returns 0, or -EINVAL with one reason in err
 * saying what is wrong and where ("line 3: ...", "<memory unit='XB'>: ...").
 * err holds XML values as written (an "&#10;" is a newline there): print
 * it through vmr_put_str, which makes it one line. A long set is quoted
 * cut ("...") so the reason shows. Needs
 * no global setup; safe to call repeatedly (the fuzzer does) with a
 * vmr_domain_free of d after each call, whatever it returned.
 */
int vmr_domain_parse(const char *xml, size_t len, struct vmr_domain *d,
		     char *err, size_t errlen);

/* Free what d holds on the heap; d is then empty. */
void vmr_domain_free(struct vmr_domain *d);

/*
 * libvirt's bitmap syntax ("0-3,^2,8"): set the named bits below nbits in
 * bits (cleared first). Returns how many are set, or -EINVAL (malformed) /
 * -ERANGE (a number >= nbits).
 */
int vmr_set_parse(const char *s, uint8_t *bits, unsigned nbits);

static inline bool vmr_bit(const uint8_t *bits, unsigned i)
{
	return bits[i / 8] & (1u << (i % 8));
}

#endif
