// Loading JSON data with error messages that point into the file.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace docgen {

// How deep objects and arrays may nest in any JSON docgen reads: everything
// that walks the data (bindings, schemas, messages) stays far from the stack's end.
constexpr int kMaxJsonNesting = 100;

// Parses JSON; InputError "file:line:column: ..." (with the JSON path where
// there is one) for a syntax error, an object with the same key twice,
// nesting deeper than kMaxJsonNesting, and text holding characters that no
// document can hold (control characters other than tab and line feed, U+FFFE,
// U+FFFF). Line ends inside strings become "\n" ("\r\n" and "\r" alike).
nlohmann::json parse_json(const std::string& text, const std::string& source_name);
// The same, with each element of the top-level lists named in `packed_lists`
// packed (common/packed_json.h) as soon as it is read: a country's schools
// take a fifth of the memory of plain JSON until they are read one by one.
nlohmann::json parse_json(const std::string& text, const std::string& source_name,
                          const std::vector<std::string>& packed_lists);
nlohmann::json load_json_file(const std::string& path);

}  // namespace docgen
