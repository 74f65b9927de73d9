#include "common/files.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.h"

namespace docgen {

std::string read_file(const std::string& path, const std::string& what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot open " + what + ": " + std::strerror(errno));
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

namespace {

std::string temporary_name_for(const std::filesystem::path& target) {
    std::string name = target.filename().string();
    return (target.parent_path() / ("." + name + ".tmp-" + std::to_string(getpid()))).string();
}

}  // namespace

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
