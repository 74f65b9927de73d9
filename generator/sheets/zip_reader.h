// The entries of a zip archive held in memory (an XLSX workbook), read with
// libdeflate: the central directory gives each entry's place and sizes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docgen::sheets {

class ZipReader {
public:
    // InputError naming `source` when the bytes are no zip archive this reader
    // can open (encrypted, zip64, another compression than deflate).
    ZipReader(std::string_view bytes, std::string source);

    bool contains(const std::string& name) const;
    // The entry's content, checked against its CRC; nullopt when absent.
    std::optional<std::string> read(const std::string& name) const;

private:
    struct Entry {
        std::string name;
        uint16_t method = 0;
        uint16_t flags = 0;
        uint32_t crc = 0;
        uint64_t stored = 0;
        uint64_t size = 0;
        uint64_t offset = 0;
    };
    [[noreturn]] void fail(const std::string& why) const;
    const Entry* find(const std::string& name) const;

    std::string_view bytes_;
    std::string source_;
    std::vector<Entry> entries_;
};

}  // namespace docgen::sheets
