#include "common/error.h"

#include <algorithm>

#include "common/utf8.h"

namespace docgen {

std::string location_prefix(const std::string& file, int line, int column) {
    std::string prefix = file;
    prefix.append(":").append(std::to_string(line));
    if (column > 0) prefix.append(":").append(std::to_string(column));
    return prefix.append(": ");
}

TextPosition position_of_offset(const std::string& text, size_t offset) {
    TextPosition position;
    size_t line_start = 0;
    const size_t end = std::min(offset, text.size());
    for (size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++position.line;
            line_start = i + 1;
        }
    }
    // Columns count characters, not bytes: editors show Cyrillic as one column.
    position.column = 1 + static_cast<int>(utf8::count(std::string_view(text).substr(line_start, end - line_start)));
    return position;
}

}  // namespace docgen
