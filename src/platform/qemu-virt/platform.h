/* SPDX-License-Identifier: MIT */
/*
 * QEMU virt platform facts that are not in the board DT because the
 * hypervisor needs them before it reads any table.
 */
#ifndef PLATFORM_H
#define PLATFORM_H

/* Hyp identity map: GiB 0 holds the devices (GIC, UART, virtio), GiB 1..3
 * RAM (QEMU virt places RAM at 0x40000000, up to 3 GiB below 4 GiB). */
#define PLATFORM_NORMAL_GIB_MASK 0xeu

#endif
