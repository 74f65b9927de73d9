// Compression for PDF streams (/Filter /FlateDecode: the zlib format).
#pragma once

#include <string>
#include <string_view>

namespace docgen {

// Level 1 is fast, 12 small; the same input and level give the same bytes.
// libdeflate rather than zlib: at the same level it is about twice as fast
// and its output smaller, and the streams are compressed whole, in memory.
std::string deflate(std::string_view bytes, int level);

}  // namespace docgen
