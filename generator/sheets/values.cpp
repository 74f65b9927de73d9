#include "sheets/values.h"

#include <cmath>
#include <cstdlib>

#include "common/utf8.h"

namespace docgen::sheets {

using nlohmann::json;

namespace {

// Whole numbers beyond this lose their last digits in a spreadsheet.
constexpr double kLargest = 1e15;

std::string quoted(const std::string& text) { return "«" + text + "»"; }

// "1 234,5" and "1234.5" alike; nullopt when the text is no number.
std::optional<double> number_in(const std::string& text) {
    std::string plain;
    for (size_t i = 0; i < text.size();) {
        const char32_t c = utf8::next(text, i);
        if (c == U' ' || c == utf8::kNoBreakSpace || c == U'\u202F') continue;  // thousands apart
        if (c == U',') plain += '.';
        else if (c == U'−') plain += '-';
        else if (c < 0x80) plain += static_cast<char>(c);
        else return std::nullopt;
    }
    if (plain.empty() || plain.find_first_not_of("+-0123456789.eE") != std::string::npos) return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(plain.c_str(), &end);
    if (end != plain.c_str() + plain.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

bool real_date(int year, int month, int day) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days[month - 1] + (month == 2 && leap);
}

// "18.10.2022", "8.6.2022", "2022-10-18" as YYYY-MM-DD; "" otherwise.
std::string date_in(const std::string& text) {
    int day = 0, month = 0, year = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%2d.%2d.%4d%c", &day, &month, &year, &tail) == 3 && text.size() >= 8 && text.size() <= 10) {
    } else if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3 && text.size() == 10) {
    } else {
        return "";
    }
    if (!real_date(year, month, day)) return "";
    char iso[48];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
    return iso;
}

std::string listing(const std::vector<std::string>& values) {
    std::string out;
    for (const std::string& value : values) out += (out.empty() ? "" : ", ") + value;
    return out;
}

}  // namespace

std::string trimmed(std::string_view text) {
    size_t first = 0, last = text.size();
    const auto space_at = [&](size_t at, size_t& width) {
        if (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r') return width = 1, true;
        if (text.substr(at, 2) == "\u00A0") return width = 2, true;
        return false;
    };
    size_t width = 0;
    while (first < last && space_at(first, width)) first += width;
    while (last > first) {
        if (space_at(last - 1, width)) --last;
        else if (last >= first + 2 && text.substr(last - 2, 2) == "\u00A0") last -= 2;
        else break;
    }
    return std::string(text.substr(first, last - first));
}

std::optional<json> cell_value(const Cell& cell, const Kind& kind, bool date1904, std::string& problem) {
    if (cell.type == Cell::Type::Empty) return json(json::value_t::discarded);
    // Numbers and booleans as the kind wants them need no text.
    if (cell.type == Cell::Type::Number && !cell.date) {
        const double value = cell.number;
        if (kind.type == Kind::Type::Integer && std::nearbyint(value) == value && std::fabs(value) <= kLargest)
            return json(static_cast<std::int64_t>(value));
        if (kind.type == Kind::Type::Number && std::fabs(value) <= kLargest) return json(value);
        if (kind.type == Kind::Type::Boolean && (value == 0 || value == 1)) return json(value != 0);
    }
    if (cell.type == Cell::Type::Boolean && kind.type == Kind::Type::Boolean) return json(cell.number != 0);
    if (cell.type == Cell::Type::Text && Cell::blank(cell.text())) return json(json::value_t::discarded);
    const std::string shown = cell.type == Cell::Type::Text ? trimmed(cell.text()) : trimmed(shown_text(cell, date1904));
    const auto given = [&] { return ", указано " + quoted(shown); };
    if (cell.type == Cell::Type::Error) {
        problem = "в ячейке ошибка формулы " + shown;
        return std::nullopt;
    }
    if (const auto bad = utf8::first_forbidden_character(shown)) {
        problem = "текст содержит символ " + utf8::code_point_name(*bad) +
                  (*bad < 0x20 ? " (управляющий)" : "") + ", которого не может быть в документе: удалите его";
        return std::nullopt;
    }
    switch (kind.type) {
        case Kind::Type::Text:
            return json(shown);
        case Kind::Type::TextOrNone:
            if (shown == "нет" || normalised_name(shown) == "нет") return json(nullptr);
            return json(shown);
        case Kind::Type::Integer: {
            const std::optional<double> value = cell.type == Cell::Type::Text ? number_in(shown) : std::nullopt;
            if (!value || std::nearbyint(*value) != *value || std::fabs(*value) > kLargest) {
                problem = "ожидается целое число" + given();
                return std::nullopt;
            }
            return json(static_cast<std::int64_t>(*value));  // its range is the schema's to check
        }
        case Kind::Type::Number: {
            const std::optional<double> value = cell.type == Cell::Type::Text ? number_in(shown) : std::nullopt;
            if (!value || std::fabs(*value) > kLargest) {
                problem = "ожидается число" + given();
                return std::nullopt;
            }
            return json(*value);
        }
        case Kind::Type::Boolean: {
            if (shown == "да") return json(true);
            if (shown == "нет") return json(false);
            const std::string word = normalised_name(shown);
            if (word == "да" || word == "истина" || word == "true" || word == "1" || word == "+") return json(true);
            if (word == "нет" || word == "ложь" || word == "false" || word == "0" || word == "-") return json(false);
            problem = "ожидается «да» или «нет»" + given();
            return std::nullopt;
        }
        case Kind::Type::Date: {
            const std::string iso = cell.type == Cell::Type::Number ? serial_date(cell.number, date1904) : date_in(shown);
            if (iso.empty()) {
                problem = "ожидается дата ДД.ММ.ГГГГ" + given();
                return std::nullopt;
            }
            return json(iso);
        }
        case Kind::Type::Choice: {
            for (const std::string& choice : kind.choices)
                if (choice == shown) return json(choice);
            const std::string wanted = normalised_name(shown);
            for (const std::string& choice : kind.choices)
                if (normalised_name(choice) == wanted) return json(choice);
            problem = "ожидается одно из значений: " + listing(kind.choices) + given();
            return std::nullopt;
        }
    }
    return json(json::value_t::discarded);
}

}  // namespace docgen::sheets
