/* Randomness and secrets, from libsodium (call rand_init once at start-up). */
#ifndef PRAXIS_CORE_RAND_H
#define PRAXIS_CORE_RAND_H
#include <stddef.h>

int rand_init(void); /* sodium_init(); 0 or -1 */
void rand_bytes(void *out, size_t n);
/* 128-bit random token as 32 lowercase hex chars + NUL (session ids, API tokens, invites). */
#define TOKEN_HEX_LEN 32
void rand_token(char out[TOKEN_HEX_LEN + 1]);
/* Hash of a token for storage: hex of BLAKE2b-256 (crypto_generichash), 64 chars + NUL. */
#define TOKEN_HASH_LEN 64
void token_hash(const char *token, char out[TOKEN_HASH_LEN + 1]);
/* Keyed hash (BLAKE2b-256 with key) as 64 hex chars + NUL: CSRF tokens derive from this. */
void keyed_hash(const char *key, const char *msg, char out[TOKEN_HASH_LEN + 1]);
int const_time_eq(const char *a, const char *b); /* 1 if equal strings, constant time in len */

#endif
