// The data a client uploads, read into the JSON that templates bind to. The
// one place that knows which formats an upload may have; reading each is
// render/input.h's, as for files on the command line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "render/input.h"

namespace docgen::serve {

// The formats read_data reads, by name: "json", "xlsx", "csv".
const std::vector<std::string>& data_formats();

// `file_name` is the name the client gave (for messages, never opened);
// `format` one of data_formats(), or empty to tell it by the name's extension
// and then by the content. InputError naming the file, with the place of
// each problem (file:line:column for JSON, the sheet, row and column for a
// workbook). A JSON upload cannot take a table's rows from a sheet
// ("rows_from"): there is no folder to read that sheet from.
InputData read_data(std::string_view bytes, const std::string& file_name, const std::string& format = "");

}  // namespace docgen::serve
