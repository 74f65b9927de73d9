// A zip archive written entry by entry, into memory (a DOCX, the workbook of
// a chart) or into a file (the outputs of a whole batch), with a fixed
// timestamp on every entry: the same entries give the same bytes on any
// machine. Archives of more than 65 535 entries or 4 GiB use the zip64
// records, which every current reader knows.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace docgen {

class ZipWriter {
public:
    enum class Method { Deflate, Store };

    // In memory: finish() returns the archive.
    ZipWriter() = default;
    // Appended to an open file as entries are added: finish() returns "".
    // std::runtime_error when the file cannot take the bytes (disk full).
    explicit ZipWriter(std::FILE* file) : file_(file) {}

    // Entries are kept in the order they are added, their names marked as
    // UTF-8. Store what is compressed already (a PDF's streams are).
    void add(const std::string& name, std::string_view content, Method method = Method::Deflate);
    // The central directory; the archive's bytes when in memory. The writer
    // is finished afterwards.
    std::string finish();

    // zip64 records for every entry and for the end, however small the
    // archive (as `zip -fz` does): for tests of readers and of this writer.
    void force_zip64() { force_zip64_ = true; }

private:
    struct Entry {
        std::string name;
        uint32_t crc = 0;
        uint16_t method = 0;
        uint64_t size = 0;    // before compression
        uint64_t stored = 0;  // after
        uint64_t offset = 0;  // of its local header in the archive
    };
    void emit(std::string_view bytes);

    std::FILE* file_ = nullptr;
    std::vector<Entry> entries_;
    std::string bytes_;     // in memory: the archive; in a file: what waits to be written
    uint64_t written_ = 0;  // bytes of the archive so far
    bool force_zip64_ = false;
};

}  // namespace docgen
