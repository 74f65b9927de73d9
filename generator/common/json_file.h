// Loading JSON data with error messages that point into the file.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace docgen {

// Parses a JSON file; a syntax error is an InputError "file:line:column: ...".
nlohmann::json load_json_file(const std::string& path);
nlohmann::json parse_json(const std::string& text, const std::string& source_name);

}  // namespace docgen
