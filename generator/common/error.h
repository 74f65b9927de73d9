// Errors a user can act on: bad data, a bad template, a missing resource.
// The message already names the file and position or the JSON path.
#pragma once

#include <stdexcept>
#include <string>

namespace docgen {

class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "file:line:column: " or "file:line: " when the column is unknown (0).
std::string location_prefix(const std::string& file, int line, int column = 0);

// Line and column (both from 1) of a byte offset in a text.
struct TextPosition {
    int line = 1;
    int column = 1;
};
TextPosition position_of_offset(const std::string& text, size_t offset);

}  // namespace docgen
