/* ka_fuzz.h - what the libFuzzer harnesses of tests/fuzz share: a reader that
 * turns the fuzzer's bytes into counts and doubles (biased towards the values
 * that break arithmetic), and the abort that reports a broken contract. */
#ifndef KA_FUZZ_H
#define KA_FUZZ_H

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Aborts (a libFuzzer crash, the input saved) with the broken contract on stderr. */
#define KA_FUZZ_REQUIRE(cond, ...)                                                                 \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "contract broken at %s:%d: ", __FILE__, __LINE__);                     \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* The fuzzer's input, consumed from the front; reads past the end give zeros,
 * so every input decodes to something. */
typedef struct ka_fuzz_input {
    const uint8_t *data;
    size_t size, pos;
} ka_fuzz_input;

static inline uint8_t ka_fuzz_byte(ka_fuzz_input *in)
{
    return in->pos < in->size ? in->data[in->pos++] : 0;
}

/* A count in 0..max. */
static inline size_t ka_fuzz_count(ka_fuzz_input *in, size_t max)
{
    return (size_t)ka_fuzz_byte(in) % (max + 1);
}

/* One double: one selector byte picks a special value (NaN, +-Inf, +-0,
 * the smallest denormal, DBL_MIN, DBL_MAX, +-1e308, 1e270), a small integer
 * or a small fraction (the values real data has), or the next 8 raw bytes
 * (any bit pattern at all). */
static inline double ka_fuzz_double(ka_fuzz_input *in)
{
    static const double specials[] = {NAN,       INFINITY, -INFINITY, 0.0,    -0.0,
                                      0x1p-1074, DBL_MIN,  DBL_MAX,   1e308,  -1e308,
                                      1e270,     -1e270,   0x1p53,    1e-300, 1e9};
    const size_t n_specials = sizeof specials / sizeof specials[0];
    uint8_t sel = ka_fuzz_byte(in);
    if (sel < 48)
        return specials[sel % n_specials];
    if (sel < 144)
        return (double)ka_fuzz_byte(in) - 16.0;
    if (sel < 192)
        return ((double)ka_fuzz_byte(in) + 1.0) / 16.0;
    uint64_t bits = 0;
    for (int i = 0; i < 8; i++)
        bits = bits << 8 | ka_fuzz_byte(in);
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

/* Bit-for-bit equality of two doubles (NaN equals the same NaN; 0 and -0 differ). */
static inline int ka_fuzz_same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* Shuffles v[0..n-1] (elements of size bytes each) with a generator seeded from seed:
 * the same permutation for the same seed. */
static inline void ka_fuzz_shuffle(void *v, size_t n, size_t size, uint32_t seed)
{
    unsigned char *p = v, tmp[64];
    uint32_t s = seed * 2654435761u + 1u;
    if (size > sizeof tmp)
        abort();
    for (size_t i = n; i > 1; i--) {
        s = s * 1664525u + 1013904223u;
        size_t j = (size_t)(s >> 8) % i;
        memcpy(tmp, p + (i - 1) * size, size);
        memcpy(p + (i - 1) * size, p + j * size, size);
        memcpy(p + j * size, tmp, size);
    }
}

#endif
