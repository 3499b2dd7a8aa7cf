// SPDX-License-Identifier: MIT
/*
 * The messages of shikiri's channel demos (docs/channels.md): the RTOS,
 * the ping-pong guests and the Linux tool shikiri-chan speak them over a
 * shikiri_chan.h channel.  Every message is 8 words: a type, a sequence
 * number (per sender and type, from 1, +1 each) and six payload words.
 */
#ifndef SHIKIRI_CHAN_MSG_H
#define SHIKIRI_CHAN_MSG_H

#include <stdint.h>

#define SHIKIRI_MSG_PING 0x474e4950u /* "PING": w[i] = shikiri_msg_fill(seq, i) */
#define SHIKIRI_MSG_PONG 0x474e4f50u /* "PONG": the PING sent back, same seq and words */
#define SHIKIRI_MSG_LAT	 0x2054414cu /* "LAT ": periods, min, avg, max, overruns, hyp irq entries */
#define SHIKIRI_MSG_ACK	 0x204b4341u /* "ACK ": w[0] = the LAT seq answered */

#define SHIKIRI_MSG_WORDS 6u
#define SHIKIRI_MSG_SLOT  64u /* the slot size the demos format with */

struct shikiri_msg {
	uint32_t type, seq;
	uint32_t w[SHIKIRI_MSG_WORDS];
};

/* The payload of a PING: a pattern that shows a word out of place. */
static inline uint32_t shikiri_msg_fill(uint32_t seq, uint32_t i)
{
	return seq * 0x9e3779b1u + i * 0x01000193u;
}

/* 1 if m is a PING or PONG whose payload is intact. */
static inline int shikiri_msg_intact(const struct shikiri_msg *m)
{
	for (uint32_t i = 0; i < SHIKIRI_MSG_WORDS; i++)
		if (m->w[i] != shikiri_msg_fill(m->seq, i))
			return 0;
	return 1;
}

#endif
