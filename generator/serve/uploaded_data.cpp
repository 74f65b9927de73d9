#include "serve/uploaded_data.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/utf8.h"

namespace docgen::serve {

namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

// The format from the file's extension, else from its first bytes: JSON
// starts with a brace or a bracket, a workbook is a zip archive ("PK").
std::string guess_format(std::string_view bytes, const std::string& file_name) {
    const std::string extension = utf8::to_lower(std::filesystem::path(file_name).extension().string());
    if (extension.size() > 1) return extension.substr(1);
    if (bytes.substr(0, 2) == "PK") return "xlsx";
    const size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string_view::npos && (bytes[first] == '{' || bytes[first] == '[')) return "json";
    return "";
}

}  // namespace

const std::vector<std::string>& data_formats() {
    static const std::vector<std::string> formats{"json", "xlsx", "csv"};
    return formats;
}

InputData read_data(std::string_view bytes, const std::string& file_name, const std::string& format) {
    const std::string wanted = format.empty() ? guess_format(bytes, file_name) : utf8::to_lower(format);
    if (wanted.empty())
        throw InputError(file_name + ": the format of the data is not known by its name or its content (send " +
                         joined(data_formats()) + ")");
    if (std::find(data_formats().begin(), data_formats().end(), wanted) == data_formats().end())
        throw InputError(file_name + ": data in the format \"" + wanted + "\" is not read (send " +
                         joined(data_formats()) + ")");
    // A byte order mark, as some Windows editors write, is no syntax error.
    if (wanted == "json" && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    return docgen::read_data(bytes, file_name, sheets::format_named(wanted));
}

}  // namespace docgen::serve
