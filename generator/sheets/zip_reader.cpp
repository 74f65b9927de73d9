#include "sheets/zip_reader.h"

#include <algorithm>
#include <cstdint>

#include "common/deflate.h"
#include "common/error.h"

namespace docgen::sheets {

namespace {

// What one entry of a workbook may hold: a sheet of a million rows is less.
constexpr uint64_t kMaxEntrySize = 1ull << 30;

uint32_t little(std::string_view bytes, size_t at, int width) {
    uint32_t value = 0;
    for (int i = width - 1; i >= 0; --i) value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
    return value;
}

}  // namespace

void ZipReader::fail(const std::string& why) const {
    throw InputError(source_ + ": книгу не удается прочитать: " + why);
}

ZipReader::ZipReader(std::string_view bytes, std::string source) : bytes_(bytes), source_(std::move(source)) {
    // The end of central directory record: 22 bytes and a comment of up to 64 KiB.
    constexpr size_t kEnd = 22;
    if (bytes.size() < kEnd) fail("файл слишком короткий для книги XLSX");
    size_t end = std::string_view::npos;
    const size_t lowest = bytes.size() > kEnd + 0xFFFF ? bytes.size() - kEnd - 0xFFFF : 0;
    for (size_t at = bytes.size() - kEnd + 1; at-- > lowest;) {
        if (little(bytes, at, 4) == 0x06054b50) {
            end = at;
            break;
        }
    }
    if (end == std::string_view::npos) fail("это не архив zip, а файл XLSX — архив zip; сохраните книгу в формате XLSX");
    const uint32_t count = little(bytes, end + 10, 2);
    const uint32_t directory_size = little(bytes, end + 12, 4);
    const uint32_t directory = little(bytes, end + 16, 4);
    if (count == 0xFFFF || directory == 0xFFFFFFFF) fail("архивы zip64 не поддерживаются");
    if (static_cast<uint64_t>(directory) + directory_size > end) fail("файл поврежден (оглавление архива за пределами файла)");
    size_t at = directory;
    for (uint32_t i = 0; i < count; ++i) {
        if (at + 46 > end || little(bytes, at, 4) != 0x02014b50) fail("файл поврежден (оглавление архива)");
        Entry entry;
        entry.flags = static_cast<uint16_t>(little(bytes, at + 8, 2));
        entry.method = static_cast<uint16_t>(little(bytes, at + 10, 2));
        entry.crc = little(bytes, at + 16, 4);
        entry.stored = little(bytes, at + 20, 4);
        entry.size = little(bytes, at + 24, 4);
        const uint32_t name_length = little(bytes, at + 28, 2);
        const uint32_t extra_length = little(bytes, at + 30, 2);
        const uint32_t comment_length = little(bytes, at + 32, 2);
        entry.offset = little(bytes, at + 42, 4);
        if (at + 46 + name_length > end) fail("файл поврежден (оглавление архива)");
        entry.name = std::string(bytes.substr(at + 46, name_length));
        std::replace(entry.name.begin(), entry.name.end(), '\\', '/');
        entries_.push_back(std::move(entry));
        at += 46 + name_length + extra_length + comment_length;
    }
}

const ZipReader::Entry* ZipReader::find(const std::string& name) const {
    // Names are compared without case: some programs write "xl/SharedStrings.xml".
    const auto same = [&](const Entry& entry) {
        return entry.name.size() == name.size() &&
               std::equal(name.begin(), name.end(), entry.name.begin(),
                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) ==
                                                      std::tolower(static_cast<unsigned char>(b)); });
    };
    const auto found = std::find_if(entries_.begin(), entries_.end(), same);
    return found == entries_.end() ? nullptr : &*found;
}

bool ZipReader::contains(const std::string& name) const { return find(name) != nullptr; }

std::optional<std::string> ZipReader::read(const std::string& name) const {
    const Entry* entry = find(name);
    if (!entry) return std::nullopt;
    if (entry->flags & 1) fail("книга защищена паролем; сохраните ее без пароля");
    if (entry->size > kMaxEntrySize || entry->stored > kMaxEntrySize) fail("часть " + name + " больше 1 ГиБ");
    const size_t header = entry->offset;
    if (header + 30 > bytes_.size() || little(bytes_, header, 4) != 0x04034b50) fail("файл поврежден (" + name + ")");
    const size_t data = header + 30 + little(bytes_, header + 26, 2) + little(bytes_, header + 28, 2);
    if (data > bytes_.size() || entry->stored > bytes_.size() - data) fail("файл обрезан (" + name + ")");
    const std::string_view stored = bytes_.substr(data, entry->stored);
    std::optional<std::string> content;
    if (entry->method == 0) {
        if (entry->stored != entry->size) fail("файл поврежден (" + name + ")");
        content = std::string(stored);
    } else if (entry->method == 8) {
        // A deflate stream cannot grow more than about 1032 times.
        if (entry->size / 1032 > entry->stored + 1) fail("файл поврежден (" + name + ")");
        content = inflate_raw(stored, entry->size);
        if (!content) fail("файл поврежден (" + name + ")");
    } else {
        fail("часть " + name + " сжата неизвестным способом");
    }
    if (crc32(*content) != entry->crc) fail("файл поврежден (контрольная сумма " + name + ")");
    return content;
}

}  // namespace docgen::sheets
