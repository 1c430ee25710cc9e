/* Deterministic randomness for fuzz targets whose code under test draws random bytes (the
 * wiki-link renderer's placeholders): libsodium's generator is replaced by a fixed-seed
 * xorshift64* stream, reset before every input, so the same input always takes the same path
 * and `scripts/fuzz.sh --check` gives the same result on every run. Include it in one fuzz
 * target source only, call fuzz_rand_install() from LLVMFuzzerInitialize (before anything
 * initialises libsodium) and fuzz_rand_reset() at the start of LLVMFuzzerTestOneInput.
 * Never for production code: these bytes are predictable by design. */
#ifndef PRAXIS_FUZZ_RAND_H
#define PRAXIS_FUZZ_RAND_H
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

struct fuzz_rand_state {
    uint64_t x; /* xorshift64* state, never 0 */
};

/* The one generator of this fuzz process (libFuzzer runs inputs on one thread). */
static struct fuzz_rand_state fuzz_rand_st = {0x9E3779B97F4A7C15ull};

static uint64_t fuzz_rand_next(void)
{
    uint64_t x = fuzz_rand_st.x;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    fuzz_rand_st.x = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static const char *fuzz_rand_name(void) { return "praxis-fuzz-deterministic"; }
static uint32_t fuzz_rand_random(void) { return (uint32_t)(fuzz_rand_next() >> 32); }

static void fuzz_rand_buf(void *const buf, const size_t size)
{
    unsigned char *p = buf;
    size_t i;
    for (i = 0; i < size; i++)
        p[i] = (unsigned char)(fuzz_rand_next() >> 56);
}

static void fuzz_rand_reset(void) { fuzz_rand_st.x = 0x9E3779B97F4A7C15ull; }

static void fuzz_rand_install(void)
{
    static struct randombytes_implementation impl = {
        fuzz_rand_name, fuzz_rand_random, NULL, NULL, fuzz_rand_buf, NULL};
    randombytes_set_implementation(&impl);
}

#endif
