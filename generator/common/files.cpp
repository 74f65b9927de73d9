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

void write_file_atomically(const std::string& path, std::string_view bytes) {
    const std::filesystem::path target(path);
    const std::string temporary = temporary_name_for(target);
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (!file) throw InputError(path + ": cannot write: " + std::strerror(errno));
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    const bool closed = std::fclose(file) == 0;
    if (!written || !closed || std::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        std::remove(temporary.c_str());
        throw InputError(path + ": cannot write: " + reason);
    }
}

}  // namespace docgen
