/* Randomness and secret handling on top of libsodium: random bytes and 128-bit hex tokens,
 * BLAKE2b-256 token hashes for storage, a keyed BLAKE2b-256 hash (CSRF tokens), and a
 * constant-time string comparison. rand_init must run once at start-up (sodium_init is
 * idempotent and thread-safe afterwards). */
#include <string.h>

#include <sodium.h>

#include "core/rand.h"
#include "core/util.h"

/* Initialise libsodium. Returns 0 (also when already initialised) or -1. */
int rand_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

/* Fill out[0..n) with cryptographically secure random bytes. */
void rand_bytes(void *out, size_t n)
{
    randombytes_buf(out, n);
}

/* 16 random bytes as 32 lowercase hex digits + NUL. */
void rand_token(char out[TOKEN_HEX_LEN + 1])
{
    unsigned char raw[TOKEN_HEX_LEN / 2];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2hex(out, TOKEN_HEX_LEN + 1, raw, sizeof(raw));
    sodium_memzero(raw, sizeof(raw));
}

/* Unkeyed BLAKE2b-256 of the bytes of token (strlen), as 64 lowercase hex digits + NUL.
 * Tokens are 128-bit random, so a fast unsalted hash is the right tool for storing them. */
void token_hash(const char *token, char out[TOKEN_HASH_LEN + 1])
{
    unsigned char h[TOKEN_HASH_LEN / 2];
    crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, TOKEN_HASH_LEN + 1, h, sizeof(h));
}

/* Keyed BLAKE2b-256 of the bytes of msg, as 64 lowercase hex digits + NUL.
 * The key is taken as a raw string: its bytes up to the NUL are used as they are (a hex
 * secret is NOT decoded first; its hex characters are the key material). Because BLAKE2b
 * keys must be 16..64 bytes, the key string is first reduced to 32 bytes with an unkeyed
 * BLAKE2b-256, so keys of any length work; use at least 32 random bytes' worth. */
void keyed_hash(const char *key, const char *msg, char out[TOKEN_HASH_LEN + 1])
{
    unsigned char k[crypto_generichash_KEYBYTES];
    unsigned char h[TOKEN_HASH_LEN / 2];
    crypto_generichash(k, sizeof(k), (const unsigned char *)key, strlen(key), NULL, 0);
    crypto_generichash(h, sizeof(h), (const unsigned char *)msg, strlen(msg), k, sizeof(k));
    sodium_memzero(k, sizeof(k));
    sodium_bin2hex(out, TOKEN_HASH_LEN + 1, h, sizeof(h));
}

/* 1 if the NUL-terminated strings a and b are equal, else 0 (also if either is NULL).
 * Strings of different lengths compare unequal at once: only the length can leak, never
 * which byte differs; equal-length strings are compared with sodium_memcmp. */
int const_time_eq(const char *a, const char *b)
{
    size_t la, lb;
    if (!a || !b)
        return 0;
    la = strlen(a);
    lb = strlen(b);
    if (la != lb)
        return 0;
    return sodium_memcmp(a, b, la) == 0;
}
