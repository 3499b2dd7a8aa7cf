/* SPDX-License-Identifier: MIT */
/* The TrustZone mode's image has the VE mode's layout (zImage header at
 * the link address, guest blobs placed or packed): one linker script. */
#include "../armv7/shikiri.ld.S"
