// The data a client uploads, read into the JSON that templates bind to. The
// one place that knows the formats of uploaded data: a new format (a
// spreadsheet) is a new case here and nowhere else.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace docgen::serve {

// The formats read_data reads, by name: "json".
const std::vector<std::string>& data_formats();

// `file_name` is the name the client gave (for messages, never opened);
// `format` one of data_formats(), or empty to tell it by the name's extension
// and then by the content. InputError naming the file, with the place of
// each problem (file:line:column for JSON).
nlohmann::json read_data(std::string_view bytes, const std::string& file_name, const std::string& format = "");

}  // namespace docgen::serve
