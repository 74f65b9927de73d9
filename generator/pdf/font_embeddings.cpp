#include "pdf/font_embeddings.h"

#include <algorithm>

namespace docgen {

const std::set<char32_t>& FontEmbeddings::common_characters() {
    static const std::set<char32_t> characters = [] {
        std::set<char32_t> set;
        const auto range = [&](char32_t from, char32_t to) {
            for (char32_t c = from; c <= to; ++c) set.insert(c);
        };
        range(0x20, 0x7E);      // Basic Latin
        range(0xA0, 0xFF);      // Latin-1: «», §, °, ×
        range(0x400, 0x45F);    // Cyrillic, Ё and ё among it
        range(0x2010, 0x2027);  // dashes, quotes, bullets, ellipsis
        range(0x2030, 0x203A);  // per mille, primes, angle quotes
        for (char32_t c : {U'№', U'−', U'→', U'←', U'≤', U'≥', U'≈', U'≠', U'±', U'€', U'₽'}) set.insert(c);
        return set;
    }();
    return characters;
}

std::shared_ptr<const EmbeddedFont> FontEmbeddings::font_for(const FontFace& face, const std::set<char32_t>& used) {
    const auto& common = common_characters();
    const bool fits = std::includes(common.begin(), common.end(), used.begin(), used.end());
    if (!share_ || !fits) return EmbeddedFont::make(face, used);
    std::lock_guard<std::mutex> lock(mutex_);
    auto& font = common_[&face];
    if (!font) font = EmbeddedFont::make(face, common);
    return font;
}

}  // namespace docgen
