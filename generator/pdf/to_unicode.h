// The /ToUnicode CMap of a font drawn with libharu's UTF-8 encoder, whose
// character codes are the text's UTF-16 code units.
#pragma once

#include <set>
#include <string>

namespace docgen {

std::string to_unicode_cmap(const std::set<char32_t>& characters);

}  // namespace docgen
