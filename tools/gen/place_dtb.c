/* SPDX-License-Identifier: MIT */
/*
 * Place phase, guest DTBs: each VM's DTB (its size known from the first
 * pass of build_dtb_size()) and initrd in the VM's RAM: at dtb-address, or
 * at the end of the image's region (the first writable one when the image
 * is in ROM), the initrd right below the DTB.
 */
#include <stdio.h>

#include "dt.h"
#include "query.h"
#include "util.h"

#define ALIGN_4K(x) (((x) + SZ_4K - 1) & ~(SZ_4K - 1))

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

/* dtb-address: the DTB there, in a writable region; the initrd at that region's end. */
static bool place_at(struct gen *g, struct vm *vm)
{
	const struct region *r = vm_region_at(vm, vm->dtb_addr, vm->dtb_size);
	uint64_t dtb_end = vm->dtb_addr + vm->dtb_size;
	uint64_t initrd_span = ALIGN_4K(vm->initrd_size);

	if (!r || r->read_only) {
		report(g, vm->node, "dtb-address",
		       "dtb-address 0x%08llx: the guest DTB (%u bytes) does not fit in one writable memory region",
		       (unsigned long long)vm->dtb_addr, vm->dtb_size);
		return false;
	}
	if (overlaps(vm->dtb_addr, vm->dtb_size, vm->load, vm->image_size)) {
		report(g, vm->node, "dtb-address",
		       "dtb-address 0x%08llx: the guest DTB (%u bytes) overlaps the image (0x%08llx..0x%08llx)",
		       (unsigned long long)vm->dtb_addr, vm->dtb_size, (unsigned long long)vm->load,
		       (unsigned long long)(vm->load + vm->image_size - 1));
		return false;
	}
	vm->dtb_ipa = vm->dtb_addr;
	vm->initrd_ipa = 0;
	if (!vm->initrd_path)
		return true;
	if (initrd_span > r->ipa + r->size - dtb_end ||
	    overlaps(r->ipa + r->size - initrd_span, initrd_span, vm->load, vm->image_size)) {
		report(g, vm->node, "initrd",
		       "initrd \"%s\" (%llu bytes) does not fit between the DTB end 0x%08llx and the end of its region 0x%08llx (clear of the image)",
		       vm->initrd, (unsigned long long)vm->initrd_size, (unsigned long long)dtb_end,
		       (unsigned long long)(r->ipa + r->size));
		return false;
	}
	vm->initrd_ipa = r->ipa + r->size - initrd_span;
	return true;
}

/*
 * Without dtb-address: the DTB at the end of the image's region (or of the
 * first writable region when the image is in ROM), the initrd right below
 * it; both above the image when they share its region.
 */
bool place_dtb(struct gen *g, struct vm *vm)
{
	const struct region *img = vm_region_at(vm, vm->load, 1), *r = img;
	uint64_t dtb_span = ALIGN_4K((uint64_t)vm->dtb_size);
	uint64_t initrd_span = ALIGN_4K(vm->initrd_size);
	uint64_t lo, ram_end;
	uint32_t k;

	if (!vm->image_ok)
		return false; /* check_vm.c reported it */
	if (vm->has_dtb_addr)
		return place_at(g, vm);
	for (k = 0; (!r || r->read_only) && k < vm->nr_regions; k++)
		r = &vm->region[k];
	if (!r || r->read_only)
		return false; /* parse_ram() reported it */
	lo = r == img ? vm->load + vm->image_size : r->ipa;
	ram_end = r->ipa + r->size;
	if (dtb_span > ram_end - lo) {
		if (r->single)
			report(g, r->node, r->prop,
			       "guest DTB (%u bytes) does not fit between image end 0x%08llx and the end of RAM 0x%08llx",
			       vm->dtb_size, (unsigned long long)lo, (unsigned long long)ram_end);
		else
			report(g, r->node, r->prop,
			       "guest DTB (%u bytes) does not fit between %s 0x%08llx and the end of region \"%s\" 0x%08llx",
			       vm->dtb_size, r == img ? "image end" : "region start", (unsigned long long)lo,
			       r->name, (unsigned long long)ram_end);
		return false;
	}
	vm->dtb_ipa = ram_end - dtb_span;
	if (vm->initrd_path && initrd_span > vm->dtb_ipa - lo) {
		report(g, vm->node, "initrd",
		       "initrd \"%s\" (%llu bytes) does not fit between %s 0x%08llx and DTB 0x%08llx",
		       vm->initrd, (unsigned long long)vm->initrd_size,
		       r == img ? "image end" : "region start", (unsigned long long)lo,
		       (unsigned long long)vm->dtb_ipa);
		return false;
	}
	vm->initrd_ipa = vm->initrd_path ? vm->dtb_ipa - initrd_span : 0;
	return true;
}
