// A zip archive built in memory, entry by entry, with a fixed timestamp on
// every entry: the same entries give the same bytes on any machine.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace docgen {

class ZipWriter {
public:
    ZipWriter() = default;
    // An archive written into a file as it is built, each entry as it is
    // added, rather than held whole in memory; finish() then returns nothing.
    explicit ZipWriter(std::FILE* sink) : sink_(sink) {}

    // Entries are stored in the order they are added, deflated, their
    // names marked as UTF-8.
    void add(const std::string& name, const std::string& content);
    // The archive's bytes; the writer is finished afterwards.
    std::string finish();

private:
    struct Entry {
        std::string name;
        uint32_t crc = 0;
        uint32_t size = 0;        // before compression
        uint32_t stored = 0;      // after
        uint32_t offset = 0;      // of its local header in the archive
    };
    void flush();

    std::vector<Entry> entries_;
    std::string bytes_;
    std::FILE* sink_ = nullptr;
    size_t flushed_ = 0;  // bytes already written into the sink
};

}  // namespace docgen
