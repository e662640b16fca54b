/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the domain XML reader (src/tool/domain_xml.c): the
 * libvirt hook hands it whatever XML libvirt was given, and it runs as
 * root. Any input must parse or fail with a message saying why; what it
 * keeps must keep the header's promises (a set as written is on the heap
 * whatever its length). A broken one calls abort(). The message quotes the
 * author's values raw: that it prints as one line is the printers'
 * (vmr_put_str), tested by the domain-forged-line status case.
 * The first line of the input is also read as a libvirt bitmap.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

static bool terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

static void check_domain(const struct vmr_domain *d)
{
	check(terminated(d->name, sizeof(d->name)) && d->name[0]);
	check(terminated(d->type, sizeof(d->type)));
	check(d->n_page <= VMR_DOM_MAX_PAGE && d->n_cell <= VMR_DOM_MAX_CELL);
	check(d->n_memnode <= VMR_DOM_MAX_MEMNODE);
	check(d->n_pin <= VMR_DOM_MAX_PIN && d->n_pin <= d->cap_pin);
	check(d->n_hostdev <= d->cap_hostdev);
	check(d->hugepages || d->n_page == 0);
	for (size_t i = 0; i < d->n_page; i++)
		check(d->page[i].size_kb > 0);
	for (size_t i = 0; i < d->n_pin; i++)
		check(d->pin[i].cpuset && d->pin[i].vcpu < VMR_DOM_MAX_VCPU);
	for (size_t i = 0; i < d->n_page; i++)
		check(d->page[i].has_nodeset == (d->page[i].nodeset != NULL));
	check(d->numa.set == (d->numa.nodeset != NULL));
	for (size_t i = 0; i < d->n_hostdev; i++) {
		const char *a = d->hostdev[i].addr;

		/* DDDD:BB:SS.F, lower-case hex, function 0-7 */
		check(strlen(a) == 12 && a[4] == ':' && a[7] == ':' &&
		      a[10] == '.' && a[11] >= '0' && a[11] <= '7');
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vmr_domain d;
	static uint8_t bits[VMR_DOM_MAX_BIT / 8];
	char err[256], line[1024];
	size_t n = 0;
	int r = vmr_domain_parse((const char *)data, size, &d, err, sizeof(err));

	check(r == 0 || r == -EINVAL);
	check(terminated(err, sizeof(err)));
	if (r == 0)
		check_domain(&d);
	else
		check(err[0] != '\0'); /* a failure always says why */
	vmr_domain_free(&d);
	while (n < size && n < sizeof(line) - 1 && data[n] && data[n] != '\n') {
		line[n] = (char)data[n];
		n++;
	}
	line[n] = '\0';
	r = vmr_set_parse(line, bits, VMR_DOM_MAX_BIT);
	check(r >= -ERANGE && r <= VMR_DOM_MAX_BIT);
	return 0;
}
