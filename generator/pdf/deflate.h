// zlib compression for PDF streams (/Filter /FlateDecode).
#pragma once

#include <string>
#include <string_view>

namespace docgen {

// Level 1 is fast, 9 small; the same input and level give the same bytes.
std::string deflate(std::string_view bytes, int level);

}  // namespace docgen
