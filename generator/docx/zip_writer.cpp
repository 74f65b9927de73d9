#include "docx/zip_writer.h"

#include <limits>
#include <stdexcept>

#include "common/deflate.h"

namespace docgen {

// The zip format (PKWARE's APPNOTE): each entry a local header and its
// deflated bytes, then a central directory listing the entries, then its end
// record. No zip64: a document's parts are far below 4 GiB.
namespace {

constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kEndOfDirectory = 0x06054b50;
constexpr uint16_t kVersion = 20;          // 2.0: deflate
constexpr uint16_t kUtf8Names = 1 << 11;   // general purpose flag bit 11
constexpr uint16_t kDeflated = 8;
// 1980-01-01 00:00 in MS-DOS form, the earliest a zip entry can carry.
constexpr uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr uint16_t kDosTime = 0;
// Parts are small and many: the fastest level.
constexpr int kLevel = 1;

void put16(std::string& out, uint32_t value) {
    out += static_cast<char>(value & 0xFF);
    out += static_cast<char>((value >> 8) & 0xFF);
}

void put32(std::string& out, uint32_t value) {
    put16(out, value & 0xFFFF);
    put16(out, value >> 16);
}

uint32_t checked_size(size_t size, const std::string& what) {
    if (size > std::numeric_limits<uint32_t>::max()) throw std::runtime_error(what + " is too large for a zip archive");
    return static_cast<uint32_t>(size);
}

// What the local and the central headers both say of an entry, in the same order.
void put_entry_fields(std::string& out, uint32_t crc, uint32_t stored, uint32_t size, size_t name_size) {
    put16(out, kVersion);
    put16(out, kUtf8Names);
    put16(out, kDeflated);
    put16(out, kDosTime);
    put16(out, kDosDate);
    put32(out, crc);
    put32(out, stored);
    put32(out, size);
    put16(out, static_cast<uint32_t>(name_size));
    put16(out, 0);  // no extra field
}

}  // namespace

void ZipWriter::add(const std::string& name, const std::string& content) {
    const std::string packed = deflate_raw(content, kLevel);
    Entry entry{name, crc32(content), checked_size(content.size(), name), checked_size(packed.size(), name),
                checked_size(flushed_ + bytes_.size(), "the archive")};
    put32(bytes_, kLocalHeader);
    put_entry_fields(bytes_, entry.crc, entry.stored, entry.size, name.size());
    bytes_ += name;
    bytes_ += packed;
    entries_.push_back(std::move(entry));
    flush();
}

void ZipWriter::flush() {
    if (!sink_ || bytes_.empty()) return;
    if (std::fwrite(bytes_.data(), 1, bytes_.size(), sink_) != bytes_.size())
        throw std::runtime_error("cannot write the archive");
    flushed_ += bytes_.size();
    bytes_.clear();
}

std::string ZipWriter::finish() {
    const uint32_t directory_offset = checked_size(flushed_ + bytes_.size(), "the archive");
    for (const Entry& entry : entries_) {
        put32(bytes_, kCentralHeader);
        put16(bytes_, kVersion);  // made by
        put_entry_fields(bytes_, entry.crc, entry.stored, entry.size, entry.name.size());
        put16(bytes_, 0);  // no comment
        put16(bytes_, 0);  // disk 0
        put16(bytes_, 0);  // internal attributes
        put32(bytes_, 0);  // external attributes
        put32(bytes_, entry.offset);
        bytes_ += entry.name;
    }
    const uint32_t directory_size = checked_size(flushed_ + bytes_.size(), "the archive") - directory_offset;
    put32(bytes_, kEndOfDirectory);
    put16(bytes_, 0);  // this disk
    put16(bytes_, 0);  // the directory's disk
    put16(bytes_, static_cast<uint32_t>(entries_.size()));
    put16(bytes_, static_cast<uint32_t>(entries_.size()));
    put32(bytes_, directory_size);
    put32(bytes_, directory_offset);
    put16(bytes_, 0);  // no comment
    entries_.clear();
    flush();
    return std::move(bytes_);
}

}  // namespace docgen
