// Deflate compression for PDF streams (/Filter /FlateDecode: the zlib
// format) and DOCX parts (raw deflate in a zip archive), and the CRC-32 that
// zip entries carry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace docgen {

// Level 1 is fast, 12 small; the same input and level give the same bytes.
// libdeflate rather than zlib: at the same level it is about twice as fast
// and its output smaller, and the data is compressed whole, in memory.
std::string deflate(std::string_view bytes, int level);       // zlib format
std::string deflate_raw(std::string_view bytes, int level);   // no header, as zip stores it
uint32_t crc32(std::string_view bytes);

// Raw deflate (as a zip archive stores it) of data whose size is known;
// nullopt when the bytes are not deflate data of exactly that size.
std::optional<std::string> inflate_raw(std::string_view bytes, size_t size);

}  // namespace docgen
