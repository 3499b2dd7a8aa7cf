// SPDX-License-Identifier: MIT
/* src/lib/sha256.c against known vectors (FIPS 180-2 appendix B) and the
 * lengths around the padding boundary (55, 56, 63, 64 bytes of 'a', digests
 * from coreutils' sha256sum), each fed whole and byte by byte. */
#include <stdio.h>
#include <string.h>

#include "sha256.h"

static int fails;

static void hex(const uint8_t *d, char *out)
{
	for (unsigned i = 0; i < SHA256_LEN; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void check(const char *name, const void *msg, size_t len, const char *want)
{
	struct sha256 s;
	uint8_t d[SHA256_LEN];
	char got[2 * SHA256_LEN + 1];

	sha256_init(&s);
	sha256_update(&s, msg, len);
	sha256_final(&s, d);
	hex(d, got);
	if (strcmp(got, want) != 0) {
		printf("FAIL unit/sha256/%s: %s, expected %s\n", name, got, want);
		fails++;
		return;
	}
	/* the same, one byte at a time (the hypervisor hashes in chunks) */
	sha256_init(&s);
	for (size_t i = 0; i < len; i++)
		sha256_update(&s, (const uint8_t *)msg + i, 1);
	sha256_final(&s, d);
	hex(d, got);
	if (strcmp(got, want) != 0) {
		printf("FAIL unit/sha256/%s_bytewise: %s, expected %s\n", name, got, want);
		fails++;
		return;
	}
	printf("PASS unit/sha256/%s\n", name);
}

int main(void)
{
	static uint8_t million[1000000];
	char a56[57], a64[65];

	check("empty", "", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check("abc", "abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check("two_blocks", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
	      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	check("four_blocks",
	      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklm"
	      "nopqrlmnopqrsmnopqrstnopqrstu",
	      112, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
	memset(million, 'a', sizeof(million));
	check("million_a", million, sizeof(million),
	      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	memset(a56, 'a', 56);
	a56[56] = 0;
	check("a55", a56, 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
	check("a56", a56, 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
	memset(a64, 'a', 64);
	a64[64] = 0;
	check("a63", a64, 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
	check("a64", a64, 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
	return fails != 0;
}
