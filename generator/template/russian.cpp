#include "template/russian.h"

#include <cmath>
#include <cstdio>

#include "common/utf8.h"

namespace docgen::russian {

namespace {

const char* const kMonthsGenitive[] = {"января", "февраля", "марта",    "апреля",  "мая",    "июня",
                                       "июля",   "августа", "сентября", "октября", "ноября", "декабря"};

bool valid(const Date& date) {
    return date.year > 0 && date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= 31;
}

std::string two_digits(int value) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d", value);
    return text;
}

// Groups of three digits separated by no-break spaces: 34 664, 1 250 000.
std::string group_thousands(const std::string& digits) {
    if (digits.size() <= 4) return digits;  // 2022, 9999: four digits stay together
    std::string out;
    const size_t lead = digits.size() % 3;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && i >= lead && (i - lead) % 3 == 0) out += utf8::kNoBreakSpaceUtf8;
        out += digits[i];
    }
    return out;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
    Date date;
    const std::string copy(text);
    char tail = 0;
    if (std::sscanf(copy.c_str(), "%4d-%2d-%2d%c", &date.year, &date.month, &date.day, &tail) >= 3 &&
        (tail == 0 || tail == 'T' || tail == ' ') && copy.size() >= 10 && copy[4] == '-')
        return valid(date) ? std::optional(date) : std::nullopt;
    if (std::sscanf(copy.c_str(), "%2d.%2d.%4d", &date.day, &date.month, &date.year) == 3 && copy.size() == 10)
        return valid(date) ? std::optional(date) : std::nullopt;
    return std::nullopt;
}

std::string month_genitive(int month) { return kMonthsGenitive[(month - 1) % 12]; }

std::string date_numeric(const Date& date) {
    return two_digits(date.day) + "." + two_digits(date.month) + "." + std::to_string(date.year);
}

std::string date_text(const Date& date) {
    const std::string nbsp = utf8::kNoBreakSpaceUtf8;
    return std::to_string(date.day) + nbsp + month_genitive(date.month) + nbsp + std::to_string(date.year) + nbsp +
           "г.";
}

std::string date_long(const Date& date) {
    const std::string nbsp = utf8::kNoBreakSpaceUtf8;
    return "«" + std::to_string(date.day) + "»" + nbsp + month_genitive(date.month) + nbsp +
           std::to_string(date.year) + nbsp + "г.";
}

std::string number(double value, std::optional<int> decimals) {
    int places = 0;
    if (decimals) {
        places = std::max(0, *decimals);
    } else if (std::fabs(value - std::round(value)) > 1e-9) {
        places = 2;
    }
    // Offices round halves up (9,25 → 9,3); printf would round to even.
    const double scale = std::pow(10.0, places);
    const double rounded = std::round(std::fabs(value) * scale + 1e-9) / scale;
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", places, rounded);
    std::string formatted = text;
    std::string fraction;
    const auto dot = formatted.find('.');
    if (dot != std::string::npos) {
        fraction = formatted.substr(dot + 1);
        formatted.resize(dot);
        if (!decimals) {
            while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
        }
    }
    const bool negative = value < 0 && (formatted.find_first_not_of('0') != std::string::npos ||
                                        fraction.find_first_not_of('0') != std::string::npos);
    std::string out = (negative ? "−" : "") + group_thousands(formatted);
    if (!fraction.empty()) out += "," + fraction;
    return out;
}

std::string percent(double value, std::optional<int> decimals) {
    return number(value, decimals) + utf8::kNoBreakSpaceUtf8 + "%";
}

PluralForm plural_form(double count) {
    const double whole = std::floor(std::fabs(count));
    if (whole != std::fabs(count)) return PluralForm::Few;  // 1,5 школы
    const long long n = static_cast<long long>(whole);
    const long long last_two = n % 100;
    const long long last = n % 10;
    if (last_two >= 11 && last_two <= 14) return PluralForm::Many;
    if (last == 1) return PluralForm::One;
    if (last >= 2 && last <= 4) return PluralForm::Few;
    return PluralForm::Many;
}

std::string letter_spaced(std::string_view text) {
    std::string out;
    bool first = true;
    for (size_t pos = 0; pos < text.size();) {
        const char32_t c = utf8::next(text, pos);
        if (c == U' ') continue;
        if (!first && c != U':' && c != U',' && c != U'.') out += ' ';
        utf8::append(out, c);
        first = false;
    }
    return out;
}

}  // namespace docgen::russian
