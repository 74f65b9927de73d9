// Cuts a font down to the characters a document draws, so that a PDF embeds
// a few kilobytes instead of the whole face.
#pragma once

#include <set>
#include <string>

namespace docgen {

// The subset as TrueType bytes, glyphs renumbered from 1 in their original
// order; std::runtime_error when the font cannot be cut.
std::string subset_font(const std::string& font_bytes, const std::set<char32_t>& characters);

}  // namespace docgen
