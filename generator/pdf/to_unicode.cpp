#include "pdf/to_unicode.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace docgen {

namespace {

std::string hex4(unsigned value) {
    char text[8];
    std::snprintf(text, sizeof text, "%04X", value & 0xFFFF);
    return text;
}

}  // namespace

// Codes map to themselves: one bfrange per 256-code block in use (a range
// may not cross a change of its first byte), at most 100 per section.
std::string to_unicode_cmap(const std::set<char32_t>& characters) {
    std::vector<unsigned> blocks;
    for (char32_t c : characters) {
        if (c >= 0x10000 || (c >= 0xD800 && c <= 0xDFFF)) continue;
        const unsigned block = static_cast<unsigned>(c) >> 8;
        if (blocks.empty() || blocks.back() != block) blocks.push_back(block);
    }
    std::string cmap =
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (size_t start = 0; start < blocks.size(); start += 100) {
        const size_t end = std::min(blocks.size(), start + 100);
        cmap += std::to_string(end - start) + " beginbfrange\n";
        for (size_t i = start; i < end; ++i) {
            const unsigned first = blocks[i] << 8;
            cmap += "<" + hex4(first) + "> <" + hex4(first | 0xFF) + "> <" + hex4(first) + ">\n";
        }
        cmap += "endbfrange\n";
    }
    cmap +=
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\n"
        "end\n";
    return cmap;
}

}  // namespace docgen
