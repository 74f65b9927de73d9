// Cuts a font down to the characters a document draws, so that libharu loads
// and embeds a few kilobytes instead of the whole face.
#pragma once

#include <set>
#include <string>

namespace docgen {

// The subset as TrueType bytes; std::runtime_error when the font cannot be cut.
std::string subset_font(const std::string& font_path, const std::set<char32_t>& characters);

}  // namespace docgen
