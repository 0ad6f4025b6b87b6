#include "csupervisor.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// The inner loop of JSON log lines, in C because Swift's SIMD types compile to a scalar loop
// for these comparisons (measured: 20 times slower than the 8-byte word test it replaced).
size_t sv_json_plain_length(const unsigned char *bytes, size_t count) {
    size_t index = 0;
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    for (; index + 16 <= count; index += 16) {
        __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        // Compared as signed bytes, 0x80 and above are negative: one test finds them and the
        // control characters.
        __m128i special = _mm_or_si128(_mm_cmplt_epi8(block, space),
                                       _mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, backslash)));
        int mask = _mm_movemask_epi8(special);
        if (mask != 0) return index + (size_t)__builtin_ctz((unsigned)mask);
    }
#endif
    for (; index < count; index++) {
        unsigned char byte = bytes[index];
        if (byte < 0x20 || byte >= 0x80 || byte == '"' || byte == '\\') break;
    }
    return index;
}
