#include "serve/uploaded_data.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/utf8.h"
#include "common/json_file.h"

namespace docgen::serve {

namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

// The format from the file's extension, else from its first bytes.
std::string guess_format(std::string_view bytes, const std::string& file_name) {
    const std::string extension = utf8::to_lower(std::filesystem::path(file_name).extension().string());
    if (extension.size() > 1) return extension.substr(1);
    const size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string_view::npos && (bytes[first] == '{' || bytes[first] == '[')) return "json";
    return "";
}

}  // namespace

const std::vector<std::string>& data_formats() {
    static const std::vector<std::string> formats{"json"};
    return formats;
}

nlohmann::json read_data(std::string_view bytes, const std::string& file_name, const std::string& format) {
    const std::string wanted = format.empty() ? guess_format(bytes, file_name) : utf8::to_lower(format);
    if (wanted == "json") {
        // A byte order mark, as some Windows editors write, is no syntax error.
        if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
        return parse_json(std::string(bytes), file_name);
    }
    if (wanted.empty())
        throw InputError(file_name + ": the format of the data is not known by its name or its content (send " +
                         joined(data_formats()) + ")");
    throw InputError(file_name + ": data in the format \"" + wanted + "\" is not read (send " + joined(data_formats()) +
                     ")");
}

}  // namespace docgen::serve
