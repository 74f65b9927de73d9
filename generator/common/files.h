// Reading inputs and writing outputs so that a failure leaves nothing half-written.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace docgen {

// The whole file; InputError naming the file when it cannot be read.
std::string read_file(const std::string& path, const std::string& what);

// Writes to a temporary file beside the target and renames it into place, so
// readers see either the old file or the complete new one.
void write_file_atomically(const std::string& path, std::string_view bytes);

// The same, piece by piece, for a file too large to be held whole first:
// written as it comes into the temporary file, which commit() renames into
// place; destroyed uncommitted, it removes the temporary file.
class AtomicFile {
public:
    explicit AtomicFile(std::string path);  // InputError when it cannot be created
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    void write(std::string_view bytes);
    void commit();  // InputError naming the file when any of it could not be written

private:
    std::string path_, temporary_;
    std::FILE* file_ = nullptr;
    bool failed_ = false;
    int error_ = 0;
};

// When `file` is such a temporary file (left by a process killed while it
// wrote), the file it was to become; otherwise empty.
std::string target_of_temporary(const std::string& file);

}  // namespace docgen
