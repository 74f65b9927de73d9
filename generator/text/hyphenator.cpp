#include "text/hyphenator.h"

#include <hyphen.h>

#include <cstdio>
#include <fstream>

#include "common/error.h"
#include "common/utf8.h"

namespace docgen {

namespace {

// KOI8-R bytes 0xC0–0xDF are these lower-case letters, 0xE0–0xFF their capitals.
constexpr std::u32string_view kKoi8Lower = U"юабцдефгхийклмнопярстужвьызшэщчъ";
constexpr int kMinLeft = 2;   // Russian rules: never one letter alone before
constexpr int kMinRight = 2;  // or after a break

// The word in KOI8-R, or empty when it has a character KOI8-R cannot hold.
std::string to_koi8(std::u32string_view lower_word) {
    std::string out;
    out.reserve(lower_word.size());
    for (char32_t c : lower_word) {
        if (c == U'ё') {
            out += static_cast<char>(0xA3);
            continue;
        }
        const auto at = kKoi8Lower.find(c);
        if (at == std::u32string_view::npos) return {};
        out += static_cast<char>(0xC0 + at);
    }
    return out;
}

bool first_line_says_utf8(const std::string& path) {
    std::ifstream in(path);
    std::string first;
    std::getline(in, first);
    return first.rfind("UTF-8", 0) == 0;
}

}  // namespace

std::shared_ptr<const Hyphenator> Hyphenator::load(const std::string& path) {
    std::FILE* probe = std::fopen(path.c_str(), "r");
    if (!probe)
        throw InputError("hyphenation patterns " + path +
                         " not found (install hyphen-ru, or set --hyphenation FILE or DOCGEN_HYPHENATION)");
    std::fclose(probe);
    std::shared_ptr<Hyphenator> hyphenator(new Hyphenator());
    hyphenator->dict_ = hnj_hyphen_load(path.c_str());
    if (!hyphenator->dict_) throw InputError(path + ": cannot read hyphenation patterns");
    hyphenator->utf8_ = first_line_says_utf8(path);
    return hyphenator;
}

Hyphenator::~Hyphenator() {
    if (dict_) hnj_hyphen_free(dict_);
}

std::vector<int> Hyphenator::break_points(std::u32string_view word) const {
    std::vector<int> points;
    if (static_cast<int>(word.size()) < kMinLeft + kMinRight) return points;
    std::u32string lower(word);
    for (char32_t& c : lower) c = utf8::to_lower(c);
    // Encoded so that one byte is one character: KOI8-R for KOI8-R patterns;
    // for UTF-8 patterns the byte positions are mapped back to characters.
    const std::string encoded = utf8_ ? utf8::encode(lower) : to_koi8(lower);
    if (encoded.empty()) return points;
    std::vector<char> hyphens(encoded.size() + 5, 0);
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    hnj_hyphen_hyphenate3(dict_, encoded.c_str(), static_cast<int>(encoded.size()), hyphens.data(), nullptr, &rep,
                          &pos, &cut, kMinLeft, kMinRight, kMinLeft, kMinRight);
    int characters = 0;
    for (size_t i = 0; i + 1 < encoded.size(); ++i) {
        if (utf8_ && (static_cast<unsigned char>(encoded[i + 1]) & 0xC0) == 0x80) continue;
        ++characters;
        if (hyphens[i] & 1) points.push_back(characters);
    }
    if (rep) {
        for (size_t i = 0; i < encoded.size(); ++i) std::free(rep[i]);
        std::free(rep);
    }
    std::free(pos);
    std::free(cut);
    return points;
}

}  // namespace docgen
