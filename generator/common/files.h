// Reading inputs and writing outputs so that a failure leaves nothing half-written.
#pragma once

#include <string>
#include <string_view>

namespace docgen {

// The whole file; InputError naming the file when it cannot be read.
std::string read_file(const std::string& path, const std::string& what);

// Writes to a temporary file beside the target and renames it into place, so
// readers see either the old file or the complete new one.
void write_file_atomically(const std::string& path, std::string_view bytes);

// When `file` is such a temporary file (left by a process killed while it
// wrote), the file it was to become; otherwise empty.
std::string target_of_temporary(const std::string& file);

}  // namespace docgen
