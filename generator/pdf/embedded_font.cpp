#include "pdf/embedded_font.h"

#include <cstdio>
#include <map>

#include "common/deflate.h"
#include "pdf/font_subset.h"

namespace docgen {

namespace {

// Six capitals that differ when the subset does (ISO 32000: a subset's name
// is a tag, "+", the font's name); from a hash, so the same subset gets the
// same tag in every run.
std::string subset_tag(const std::string& name, const std::set<char32_t>& characters) {
    uint64_t hash = 1469598103934665603ull;  // FNV-1a
    const auto mix = [&](uint64_t value) {
        hash ^= value;
        hash *= 1099511628211ull;
    };
    for (char c : name) mix(static_cast<unsigned char>(c));
    for (char32_t c : characters) mix(c);
    std::string tag;
    for (int i = 0; i < 6; ++i) {
        tag += static_cast<char>('A' + hash % 26);
        hash /= 26;
    }
    return tag;
}

std::string hex4(unsigned value) {
    char text[8];
    std::snprintf(text, sizeof text, "%04X", value & 0xFFFF);
    return text;
}

// Glyph → character, 100 entries to a bfchar block as the CMap format allows.
std::string to_unicode_cmap(const std::map<uint16_t, char32_t>& characters) {
    std::string cmap =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    auto it = characters.begin();
    while (it != characters.end()) {
        std::string block;
        int count = 0;
        for (; it != characters.end() && count < 100; ++it, ++count)
            block += "<" + hex4(it->first) + "> <" + hex4(static_cast<unsigned>(it->second)) + ">\n";
        cmap += std::to_string(count) + " beginbfchar\n" + block + "endbfchar\n";
    }
    cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return cmap;
}

}  // namespace

std::shared_ptr<const EmbeddedFont> EmbeddedFont::make(const FontFace& face, const std::set<char32_t>& characters) {
    auto font = std::make_shared<EmbeddedFont>();
    font->face = &face;
    std::string bytes = subset_font(face.bytes(), characters);
    font->program_length = bytes.size();
    font->program = deflate(bytes, 1);
    font->subset = FontFace::from_bytes(std::move(bytes), face.path() + " (subset)");
    font->base_font = subset_tag(face.postscript_name(), characters) + "+" + face.postscript_name();
    for (size_t glyph = 0; glyph < font->subset.glyph_count(); ++glyph)
        font->widths.push_back(font->subset.glyph_width(static_cast<uint16_t>(glyph)));
    std::map<uint16_t, char32_t> unicode;
    for (char32_t c : characters) {
        const uint16_t glyph = font->subset.glyph(c);
        if (glyph != 0) unicode.emplace(glyph, c);  // the first character of a shared glyph
    }
    font->to_unicode = deflate(to_unicode_cmap(unicode), 1);
    return font;
}

}  // namespace docgen
