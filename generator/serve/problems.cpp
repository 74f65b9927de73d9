#include "serve/problems.h"

#include <nlohmann/json.hpp>
#include <regex>

namespace docgen::serve {

namespace {

// A JSON path as messages write it: `schools[17].assessments[2].grade`.
const char* const kPath = R"([A-Za-z_][A-Za-z0-9_]*(?:\[[0-9]+\]|\.[A-Za-z_][A-Za-z0-9_]*)*)";

std::string place_of(const std::string& line, const std::vector<std::string>& files) {
    static const std::regex file_position(R"(^(.+?:[0-9]+(?::[0-9]+)?): )");
    static const std::regex json_path(R"(JSON path '([^']+)')");
    static const std::regex record(std::string("^(") + kPath + R"()(?: "[^"]*")?: (.*)$)");
    // A path that a statement is about: `pupils must be …`, `assessments[0].low (7) exceeds …`,
    // `municipality "glinka" is not among …`.
    static const std::regex about(std::string("^(") + kPath +
                                  R"()(?: \([^)]*\)| "[^"]*")? (?:must|is|are|has|have|exceeds|should)\b)");
    std::smatch match;
    // A template's line says where in the template; the JSON path it names says where in the data.
    if (std::regex_search(line, match, json_path)) return match[1];
    if (std::regex_search(line, match, file_position)) return match[1];
    for (const std::string& file : files)
        if (!file.empty() && line.rfind(file + ": ", 0) == 0) return file;
    if (line.rfind("the data", 0) == 0) return "";
    if (std::regex_match(line, match, record)) {
        const std::string path = match[1];
        const std::string rest = match[2];
        std::smatch in;
        if (std::regex_search(rest, in, about)) return path + "." + in[1].str();
        return path;
    }
    if (std::regex_search(line, match, about)) return match[1];
    return "";
}

}  // namespace

Problems problems_of(const std::string& message, const std::vector<std::string>& files) {
    Problems problems;
    std::vector<std::string> lines;
    for (size_t start = 0; start <= message.size();) {
        size_t end = message.find('\n', start);
        if (end == std::string::npos) end = message.size();
        lines.push_back(message.substr(start, end - start));
        start = end + 1;
    }
    // "source: what (N problems):" followed by indented lines, one a problem.
    if (lines.size() > 1 && !lines[0].empty() && lines[0].back() == ':') {
        problems.heading = lines[0].substr(0, lines[0].size() - 1);
        for (size_t i = 1; i < lines.size(); ++i) {
            std::string line = lines[i];
            const size_t text = line.find_first_not_of(' ');
            if (text == std::string::npos) continue;
            line.erase(0, text);
            problems.list.push_back({place_of(line, files), line});
        }
        return problems;
    }
    problems.list.push_back({place_of(message, files), message});
    return problems;
}

nlohmann::json to_json(const Problems& problems) {
    nlohmann::json list = nlohmann::json::array();
    for (const Problem& problem : problems.list) list.push_back({{"place", problem.place}, {"message", problem.message}});
    return list;
}

}  // namespace docgen::serve
