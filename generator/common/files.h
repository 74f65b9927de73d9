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

}  // namespace docgen
