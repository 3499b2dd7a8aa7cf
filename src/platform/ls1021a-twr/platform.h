/* SPDX-License-Identifier: MIT */
/* LS1021A-TWR facts that are not in the board DT: none so far (a real
 * GIC-400: list registers use the HW bit). */
#ifndef PLATFORM_H
#define PLATFORM_H

#endif
