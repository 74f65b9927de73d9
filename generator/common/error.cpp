#include "common/error.h"

#include <algorithm>

#include "common/utf8.h"

namespace docgen {

Location Location::at(std::string file, int line, int column) {
    Location where;
    where.file = std::move(file);
    where.line = line;
    where.column = column;
    return where;
}

Location Location::of_value(std::string file, std::string json_path) {
    Location where;
    where.file = std::move(file);
    where.json_path = std::move(json_path);
    return where;
}

bool Location::empty() const {
    return file.empty() && line == 0 && json_path.empty() && record.empty() && sheet.empty() && row == 0;
}

std::string Location::text() const {
    std::string out = file;
    if (line > 0) {
        out += ":" + std::to_string(line);
        if (column > 0) out += ":" + std::to_string(column);
    }
    const auto part = [&](const std::string& text) {
        if (text.empty()) return;
        if (!out.empty()) out += ": ";
        out += text;
    };
    if (!sheet.empty()) {
        std::string cell = (out.empty() ? "Лист «" : "лист «") + sheet + "»";
        if (row > 0) cell += ", строка " + std::to_string(row);
        if (!cell_column.empty() || !header.empty()) {
            cell += ", столбец " + cell_column;
            if (!header.empty()) cell += (cell_column.empty() ? "«" : " «") + header + "»";
        }
        part(cell);
    }
    // A record names the object; the path inside it follows after a colon.
    if (!record.empty()) {
        part(record);
        const std::string own_path = record.substr(0, record.find(' '));
        std::string inside = json_path.rfind(own_path, 0) == 0 ? json_path.substr(own_path.size()) : json_path;
        if (!inside.empty() && inside.front() == '.') inside.erase(0, 1);
        part(inside);
    } else {
        part(json_path);
    }
    return out;
}

std::string Problem::text() const {
    const std::string place = where.text();
    return place.empty() ? message : place + (predicate ? " " : ": ") + message;
}

InputError::InputError(const std::string& message) : std::runtime_error(message), problems_{{Location{}, message}} {}

InputError::InputError(Location where, const std::string& message)
    : std::runtime_error(Problem{where, message}.text()), problems_{{std::move(where), message}} {}

namespace {

std::string listing(const std::string& source, const std::string& summary, const std::vector<Problem>& problems) {
    std::string text = source + ": " + summary + " (" + std::to_string(problems.size()) +
                       (problems.size() == 1 ? " problem" : " problems") + "):";
    for (const Problem& problem : problems) text += "\n  " + problem.text();
    return text;
}

}  // namespace

InputError::InputError(const std::string& source, const std::string& summary, std::vector<Problem> problems)
    : std::runtime_error(listing(source, summary, problems)), problems_(std::move(problems)) {
    if (problems_.empty()) problems_.push_back({Location::at(source), summary});
}

InputError::InputError(std::vector<Problem> problems, const std::string& heading)
    : std::runtime_error([&] {
          std::string text = heading;
          for (const Problem& problem : problems) text += "\n  " + problem.text();
          return text;
      }()),
      problems_(std::move(problems)) {
    if (problems_.empty()) problems_.push_back({Location{}, heading});
}

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
