#include "common/sha256.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace docgen {

namespace {

constexpr std::array<uint32_t, 64> kRoundConstants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr uint32_t rotate_right(uint32_t value, int bits) { return (value >> bits) | (value << (32 - bits)); }

void compress_portable(std::array<uint32_t, 8>& state, const uint8_t* block) {
    uint32_t schedule[64];
    for (int i = 0; i < 16; ++i)
        schedule[i] = static_cast<uint32_t>(block[4 * i]) << 24 | static_cast<uint32_t>(block[4 * i + 1]) << 16 |
                      static_cast<uint32_t>(block[4 * i + 2]) << 8 | block[4 * i + 3];
    for (int i = 16; i < 64; ++i) {
        const uint32_t s0 = rotate_right(schedule[i - 15], 7) ^ rotate_right(schedule[i - 15], 18) ^ (schedule[i - 15] >> 3);
        const uint32_t s1 = rotate_right(schedule[i - 2], 17) ^ rotate_right(schedule[i - 2], 19) ^ (schedule[i - 2] >> 10);
        schedule[i] = schedule[i - 16] + s0 + schedule[i - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; ++i) {
        const uint32_t sum1 = rotate_right(e, 6) ^ rotate_right(e, 11) ^ rotate_right(e, 25);
        const uint32_t choice = (e & f) ^ (~e & g);
        const uint32_t first = h + sum1 + choice + kRoundConstants[i] + schedule[i];
        const uint32_t sum0 = rotate_right(a, 2) ^ rotate_right(a, 13) ^ rotate_right(a, 22);
        const uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
        const uint32_t second = sum0 + majority;
        h = g;
        g = f;
        f = e;
        e = d + first;
        d = c;
        c = b;
        b = a;
        a = first + second;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

#if defined(__x86_64__)
bool has_sha_instructions() {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSSE3) || !(c & bit_SSE4_1)) return false;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
    return (b & (1u << 29)) != 0;  // SHA
}

// The x86 SHA extensions (Intel's "SHA-NI"): two rounds an instruction, the
// state held as ABEF and CDGH, the message schedule four words at a time.
__attribute__((target("sha,sse4.1,ssse3"))) void compress_sha_instructions(std::array<uint32_t, 8>& state,
                                                                             const uint8_t* data, size_t count) {
    const __m128i byte_order = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[0]));
    __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[4]));
    const __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    const __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
    for (; count > 0; --count, data += 64) {
        const __m128i abef_before = abef, cdgh_before = cdgh;
        __m128i words[4];  // the schedule's last sixteen words, four groups of four in a ring
        for (int group = 0; group < 16; ++group) {
            __m128i& current = words[group % 4];
            if (group < 4) {
                current = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * group)),
                                           byte_order);
            } else {
                // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], for four t at once:
                // `current` holds W[t-16..t-13], the others t-12.., t-8.., t-4...
                const __m128i& later = words[(group + 1) % 4];
                const __m128i& previous = words[(group + 3) % 4];
                const __m128i& before_previous = words[(group + 2) % 4];
                const __m128i sum = _mm_add_epi32(_mm_sha256msg1_epu32(current, later),
                                                  _mm_alignr_epi8(previous, before_previous, 4));
                current = _mm_sha256msg2_epu32(sum, previous);
            }
            __m128i message = _mm_add_epi32(
                current, _mm_loadu_si128(reinterpret_cast<const __m128i*>(&kRoundConstants[4 * group])));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, message);
            message = _mm_shuffle_epi32(message, 0x0E);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, message);
        }
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }
    const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    dcba = _mm_blend_epi16(feba, dchg, 0xF0);
    hgfe = _mm_alignr_epi8(dchg, feba, 8);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[0]), dcba);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[4]), hgfe);
}
#else
bool has_sha_instructions() { return false; }
void compress_sha_instructions(std::array<uint32_t, 8>&, const uint8_t*, size_t) {}
#endif

std::atomic<bool> use_sha_instructions{has_sha_instructions()};

}  // namespace

Sha256::Sha256()
    : state_{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19} {}

bool Sha256::accelerated() { return use_sha_instructions; }

void Sha256::set_accelerated(bool use_when_available) {
    use_sha_instructions = use_when_available && has_sha_instructions();
}

void Sha256::compress(const uint8_t* blocks, size_t count) {
    if (count == 0) return;
    if (use_sha_instructions) {
        compress_sha_instructions(state_, blocks, count);
        return;
    }
    for (size_t i = 0; i < count; ++i) compress_portable(state_, blocks + 64 * i);
}

// Whole blocks are compressed where they lie; only a block's worth of bytes
// that straddles two calls is copied.
void Sha256::update(std::string_view bytes) {
    length_ += bytes.size();
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    size_t size = bytes.size();
    if (buffered_ > 0) {
        const size_t taken = std::min(size, buffer_.size() - buffered_);
        std::memcpy(buffer_.data() + buffered_, data, taken);
        buffered_ += taken;
        data += taken;
        size -= taken;
        if (buffered_ < buffer_.size()) return;
        compress(buffer_.data(), 1);
        buffered_ = 0;
    }
    compress(data, size / 64);
    data += size / 64 * 64;
    size %= 64;
    if (size > 0) std::memcpy(buffer_.data(), data, size);
    buffered_ = size;
}

std::string Sha256::hex() {
    // The padding: 0x80, zeros up to 56 bytes of the last block, the length in bits.
    const uint64_t bits = length_ * 8;
    buffer_[buffered_++] = 0x80;
    if (buffered_ > 56) {
        std::memset(buffer_.data() + buffered_, 0, buffer_.size() - buffered_);
        compress(buffer_.data(), 1);
        buffered_ = 0;
    }
    std::memset(buffer_.data() + buffered_, 0, 56 - buffered_);
    buffered_ = 56;
    for (int shift = 56; shift >= 0; shift -= 8) buffer_[buffered_++] = static_cast<uint8_t>(bits >> shift);
    compress(buffer_.data(), 1);
    std::string digest;
    char text[9];
    for (uint32_t word : state_) {
        std::snprintf(text, sizeof text, "%08x", word);
        digest += text;
    }
    return digest;
}

std::string Sha256::of(std::string_view bytes) {
    Sha256 sha;
    sha.update(bytes);
    return sha.hex();
}

bool Sha256::update_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::string chunk(1 << 20, '\0');
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        update(std::string_view(chunk.data(), static_cast<size_t>(in.gcount())));
    }
    return !in.bad();
}

std::string Sha256::of_file(const std::string& path) {
    Sha256 sha;
    return sha.update_file(path) ? sha.hex() : "";
}

}  // namespace docgen
