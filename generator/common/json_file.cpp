#include "common/json_file.h"

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/files.h"

namespace docgen {

namespace {

// nlohmann's message is "[json.exception.parse_error.101] parse error at line
// 3, column 5: syntax error while parsing ..."; keep only what the user needs.
std::string reason_of(const nlohmann::json::parse_error& error) {
    std::string message = error.what();
    const auto colon = message.find(": ");
    return colon == std::string::npos ? message : message.substr(colon + 2);
}

}  // namespace

nlohmann::json parse_json(const std::string& text, const std::string& source_name) {
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        // error.byte is 1-based and points just past the offending character.
        const size_t offset = error.byte > 0 ? error.byte - 1 : 0;
        const TextPosition position = position_of_offset(text, offset);
        throw InputError(location_prefix(source_name, position.line, position.column) +
                         "JSON syntax error: " + reason_of(error));
    }
}

nlohmann::json load_json_file(const std::string& path) {
    return parse_json(read_file(path, "data file"), path);
}

}  // namespace docgen
