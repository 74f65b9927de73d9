#include "common/files.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "common/error.h"

namespace docgen {

std::string read_file(const std::string& path, const std::string& what) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) throw InputError(path + ": this is a folder; a " + what + " was expected");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot open " + what + ": " + std::strerror(errno));
    // Read into a string of the file's size, not through a growing stream
    // buffer and a copy of it: a country's data would be held three times.
    std::string content;
    const auto size = std::filesystem::file_size(path, error);
    if (!error) content.reserve(static_cast<size_t>(size));
    char chunk[65536];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) content.append(chunk, static_cast<size_t>(in.gcount()));
    if (in.bad()) throw InputError(path + ": cannot read " + what + ": " + std::strerror(errno));
    return content;
}

namespace {

constexpr std::string_view kTemporaryMark = ".tmp-";

// ".NAME.tmp-PID" beside NAME.
std::string temporary_name_for(const std::filesystem::path& target) {
    std::string name = target.filename().string();
    return (target.parent_path() / ("." + name + std::string(kTemporaryMark) + std::to_string(getpid()))).string();
}

}  // namespace

std::string target_of_temporary(const std::string& file) {
    const std::filesystem::path path(file);
    const std::string name = path.filename().string();
    const size_t mark = name.rfind(kTemporaryMark);
    if (name.size() < 2 || name[0] != '.' || mark == std::string::npos || mark < 2) return "";
    const std::string pid = name.substr(mark + kTemporaryMark.size());
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) return "";
    return (path.parent_path() / name.substr(1, mark - 1)).string();
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), temporary_(temporary_name_for(path_)) {
    file_ = std::fopen(temporary_.c_str(), "wb");
    if (!file_) throw InputError(path_ + ": cannot write: " + std::strerror(errno));
}

AtomicFile::~AtomicFile() {
    if (!file_) return;
    std::fclose(file_);
    std::remove(temporary_.c_str());
}

void AtomicFile::write(std::string_view bytes) {
    if (failed_ || !file_) return;
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
        failed_ = true;
        error_ = errno;
    }
}

void AtomicFile::commit() {
    if (!file_) throw InputError(path_ + ": cannot write: the file is already closed");
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!failed_ && !closed) error_ = errno;
    if (failed_ || !closed || std::rename(temporary_.c_str(), path_.c_str()) != 0) {
        const std::string reason = std::strerror(failed_ || !closed ? error_ : errno);
        std::remove(temporary_.c_str());
        throw InputError(path_ + ": cannot write: " + reason);
    }
}

void write_file_atomically(const std::string& path, std::string_view bytes) {
    AtomicFile file(path);
    file.write(bytes);
    file.commit();
}

}  // namespace docgen
