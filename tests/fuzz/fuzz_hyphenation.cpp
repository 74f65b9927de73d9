// A word → its hyphenation points, read as UTF-8 and as raw UTF-32 units.
// Every break is between two letters of a run of letters, two at least on
// either side; a word breaks as its runs of letters alone do, and its
// capitals as its small letters.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "common/utf8.h"
#include "fuzz_support.h"
#include "text/hyphenator.h"

using namespace docgen;

namespace {

void check(const Hyphenator& hyphenator, const std::u32string& word) {
    const std::vector<int> points = hyphenator.break_points(word);
    const int size = static_cast<int>(word.size());
    if (!std::is_sorted(points.begin(), points.end()) ||
        std::adjacent_find(points.begin(), points.end()) != points.end())
        fuzz::finding("break points out of order");
    for (int point : points) {
        if (point < 2 || point > size - 2) fuzz::finding("a break closer than two letters to the word's ends");
        for (int i = point - 2; i < point + 2; ++i)
            if (!utf8::is_letter(word[i]))
                fuzz::finding("a break closer than two letters to a non-letter, at " + std::to_string(point));
    }
    // The runs of letters alone break where they break in the word.
    std::vector<int> by_runs;
    for (int start = 0; start < size;) {
        if (!utf8::is_letter(word[start])) {
            ++start;
            continue;
        }
        int end = start;
        while (end < size && utf8::is_letter(word[end])) ++end;
        for (int point : hyphenator.break_points(std::u32string_view(word).substr(start, end - start)))
            by_runs.push_back(start + point);
        start = end;
    }
    if (by_runs != points) fuzz::finding("the word breaks otherwise than its runs of letters alone");
    std::u32string capitals = word;
    std::transform(capitals.begin(), capitals.end(), capitals.begin(), [](char32_t c) { return utf8::to_upper(c); });
    if (hyphenator.break_points(capitals) != points) fuzz::finding("capitals break otherwise than small letters");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const Hyphenator& hyphenator = *fuzz::resources().hyphenator;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    check(hyphenator, utf8::decode(bytes));
    std::u32string units(size / 4, U'\0');
    std::memcpy(units.data(), data, units.size() * 4);
    check(hyphenator, units);
    return 0;
}
