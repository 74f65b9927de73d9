#include "docx/zip_writer.h"

#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <stdexcept>

namespace docgen {

namespace {

// 1980-01-01 00:00 in MS-DOS form, the earliest a zip entry can carry.
// Set directly: libzip's time_t setter would depend on the time zone.
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr zip_uint16_t kDosTime = 0;

[[noreturn]] void fail(const std::string& action, zip_error_t* error) {
    throw std::runtime_error("cannot " + action + " the DOCX archive: " + zip_error_strerror(error));
}

}  // namespace

struct ZipWriter::State {
    zip_source_t* buffer = nullptr;
    zip_t* archive = nullptr;
    // libzip reads entry contents when the archive is closed: keep them alive,
    // at addresses that do not move as entries are added.
    std::deque<std::string> contents;
};

ZipWriter::ZipWriter() : state_(std::make_unique<State>()) {
    zip_error_t error;
    zip_error_init(&error);
    state_->buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!state_->buffer) fail("create", &error);
    zip_source_keep(state_->buffer);  // the archive's bytes are read from it after closing
    state_->archive = zip_open_from_source(state_->buffer, ZIP_TRUNCATE, &error);
    if (!state_->archive) fail("open", &error);
}

ZipWriter::~ZipWriter() {
    if (state_->archive) zip_discard(state_->archive);
    if (state_->buffer) zip_source_free(state_->buffer);
}

void ZipWriter::add(const std::string& name, std::string content) {
    state_->contents.push_back(std::move(content));
    const std::string& stored = state_->contents.back();
    zip_source_t* source = zip_source_buffer(state_->archive, stored.data(), stored.size(), 0);
    if (!source) fail("add " + name + " to", zip_get_error(state_->archive));
    const zip_int64_t index = zip_file_add(state_->archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
        zip_source_free(source);
        fail("add " + name + " to", zip_get_error(state_->archive));
    }
    zip_file_set_dostime(state_->archive, static_cast<zip_uint64_t>(index), kDosTime, kDosDate, 0);
    zip_set_file_compression(state_->archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 1);
}

std::string ZipWriter::finish() {
    if (zip_close(state_->archive) != 0) fail("write", zip_get_error(state_->archive));
    state_->archive = nullptr;
    zip_source_t* buffer = state_->buffer;
    if (zip_source_open(buffer) != 0) fail("read", zip_source_error(buffer));
    zip_source_seek(buffer, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    std::string bytes(static_cast<size_t>(std::max<zip_int64_t>(size, 0)), '\0');
    const zip_int64_t read = zip_source_read(buffer, bytes.data(), bytes.size());
    zip_source_close(buffer);
    if (read != size) fail("read", zip_source_error(buffer));
    return bytes;
}

}  // namespace docgen
