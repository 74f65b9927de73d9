#include "common/zip_writer.h"

#include <cerrno>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "common/deflate.h"

namespace docgen {

// The zip format (PKWARE's APPNOTE 6.3): each entry a local header and its
// bytes, then a central directory listing the entries, then its end record.
// A size or offset that does not fit 32 bits (or a count that does not fit
// 16) is written as all ones, and the true value goes into a zip64 extra
// field of the entry, or into the zip64 end record and its locator.
namespace {

constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kZip64EndOfDirectory = 0x06064b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint32_t kEndOfDirectory = 0x06054b50;
constexpr uint16_t kZip64Extra = 0x0001;
constexpr uint16_t kVersion = 20;         // 2.0: deflate
constexpr uint16_t kVersionZip64 = 45;    // 4.5: zip64
constexpr uint16_t kUtf8Names = 1 << 11;  // general purpose flag bit 11
constexpr uint16_t kDeflated = 8;
constexpr uint16_t kStored = 0;
// 1980-01-01 00:00 in MS-DOS form, the earliest a zip entry can carry.
constexpr uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr uint16_t kDosTime = 0;
constexpr uint32_t kMax32 = std::numeric_limits<uint32_t>::max();
constexpr uint16_t kMax16 = std::numeric_limits<uint16_t>::max();
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

void put64(std::string& out, uint64_t value) {
    put32(out, static_cast<uint32_t>(value));
    put32(out, static_cast<uint32_t>(value >> 32));
}

uint32_t low32(uint64_t value, bool zip64) { return zip64 || value >= kMax32 ? kMax32 : static_cast<uint32_t>(value); }

}  // namespace

void ZipWriter::emit(std::string_view bytes) {
    written_ += bytes.size();
    if (!file_) {
        bytes_ += bytes;
        return;
    }
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
        throw std::runtime_error(std::string("cannot write the zip archive: ") + std::strerror(errno));
}

void ZipWriter::add(const std::string& name, std::string_view content, Method method) {
    if (name.size() > kMax16) throw std::runtime_error("a zip entry's name is longer than 65 535 bytes");
    const std::string packed = method == Method::Deflate ? deflate_raw(content, kLevel) : std::string();
    const std::string_view data = method == Method::Deflate ? std::string_view(packed) : content;
    Entry entry{name, crc32(content), method == Method::Deflate ? kDeflated : kStored, content.size(), data.size(),
                written_};
    // The local header says zip64 when either size needs it; both sizes are then in its extra field.
    const bool zip64 = force_zip64_ || entry.size >= kMax32 || entry.stored >= kMax32;
    std::string header;
    put32(header, kLocalHeader);
    put16(header, zip64 ? kVersionZip64 : kVersion);
    put16(header, kUtf8Names);
    put16(header, entry.method);
    put16(header, kDosTime);
    put16(header, kDosDate);
    put32(header, entry.crc);
    put32(header, low32(entry.stored, zip64));
    put32(header, low32(entry.size, zip64));
    put16(header, static_cast<uint32_t>(name.size()));
    put16(header, zip64 ? 20 : 0);
    header += name;
    if (zip64) {
        put16(header, kZip64Extra);
        put16(header, 16);
        put64(header, entry.size);
        put64(header, entry.stored);
    }
    emit(header);
    emit(data);
    entries_.push_back(std::move(entry));
}

std::string ZipWriter::finish() {
    const uint64_t directory_offset = written_;
    std::string directory;
    for (const Entry& entry : entries_) {
        // The central header's zip64 field holds, in this order, only the values set to all ones.
        std::string extra;
        if (force_zip64_ || entry.size >= kMax32) put64(extra, entry.size);
        if (force_zip64_ || entry.stored >= kMax32) put64(extra, entry.stored);
        if (force_zip64_ || entry.offset >= kMax32) put64(extra, entry.offset);
        const bool zip64 = !extra.empty();
        put32(directory, kCentralHeader);
        put16(directory, zip64 ? kVersionZip64 : kVersion);  // made by
        put16(directory, zip64 ? kVersionZip64 : kVersion);  // needed
        put16(directory, kUtf8Names);
        put16(directory, entry.method);
        put16(directory, kDosTime);
        put16(directory, kDosDate);
        put32(directory, entry.crc);
        put32(directory, low32(entry.stored, force_zip64_));
        put32(directory, low32(entry.size, force_zip64_));
        put16(directory, static_cast<uint32_t>(entry.name.size()));
        put16(directory, zip64 ? static_cast<uint32_t>(extra.size() + 4) : 0);
        put16(directory, 0);  // no comment
        put16(directory, 0);  // disk 0
        put16(directory, 0);  // internal attributes
        put32(directory, 0);  // external attributes
        put32(directory, low32(entry.offset, force_zip64_));
        directory += entry.name;
        if (zip64) {
            put16(directory, kZip64Extra);
            put16(directory, static_cast<uint32_t>(extra.size()));
            directory += extra;
        }
        // A file's directory goes out in pieces: it may list a country's documents.
        if (file_ && directory.size() >= (1u << 20)) {
            emit(directory);
            directory.clear();
        }
    }
    emit(directory);
    const uint64_t directory_size = written_ - directory_offset;
    const uint64_t count = entries_.size();
    std::string end;
    if (force_zip64_ || count >= kMax16 || directory_size >= kMax32 || directory_offset >= kMax32) {
        const uint64_t record_offset = written_;
        put32(end, kZip64EndOfDirectory);
        put64(end, 44);  // the record's size after this field
        put16(end, kVersionZip64);
        put16(end, kVersionZip64);
        put32(end, 0);  // this disk
        put32(end, 0);  // the directory's disk
        put64(end, count);
        put64(end, count);
        put64(end, directory_size);
        put64(end, directory_offset);
        put32(end, kZip64Locator);
        put32(end, 0);  // the disk of the zip64 end record
        put64(end, record_offset);
        put32(end, 1);  // disks in all
    }
    const bool many = force_zip64_ || count >= kMax16;
    put32(end, kEndOfDirectory);
    put16(end, 0);  // this disk
    put16(end, 0);  // the directory's disk
    put16(end, many ? kMax16 : static_cast<uint32_t>(count));
    put16(end, many ? kMax16 : static_cast<uint32_t>(count));
    put32(end, low32(directory_size, force_zip64_));
    put32(end, low32(directory_offset, force_zip64_));
    put16(end, 0);  // no comment
    emit(end);
    entries_.clear();
    return std::move(bytes_);
}

}  // namespace docgen
