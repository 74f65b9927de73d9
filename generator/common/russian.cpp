#include "common/russian.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "common/utf8.h"

namespace docgen::russian {

namespace {

const char* const kMonthsGenitive[] = {"января", "февраля", "марта",    "апреля",  "мая",    "июня",
                                       "июля",   "августа", "сентября", "октября", "ноября", "декабря"};

bool valid(const Date& date) {
    if (date.year <= 0 || date.month < 1 || date.month > 12 || date.day < 1) return false;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
    return date.day <= kDays[date.month - 1] + (date.month == 2 && leap ? 1 : 0);
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

std::string date_iso(const Date& date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
    return text;
}

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
    if (!std::isfinite(value)) throw std::invalid_argument("not a finite number");
    int places = 0;
    if (decimals) {
        places = std::clamp(*decimals, 0, 15);
    } else if (std::fabs(value - std::round(value)) > 1e-9) {
        places = 2;
    }
    // Offices round halves up (9,25 → 9,3); printf would round to even.
    const double scale = std::pow(10.0, places);
    const double scaled = std::fabs(value) * scale;
    // Beyond 2^53 a double holds no fraction to round.
    const double rounded = std::isfinite(scaled) ? std::round(scaled + 1e-9) / scale : std::fabs(value);
    char text[400];  // DBL_MAX has 309 digits
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
    if (!std::isfinite(count) || whole != std::fabs(count)) return PluralForm::Few;  // 1,5 школы
    // The last digits of the double itself: any count, however large, has them.
    const int last_two = static_cast<int>(std::fmod(whole, 100.0));
    const int last = last_two % 10;
    if (last_two >= 11 && last_two <= 14) return PluralForm::Many;
    if (last == 1) return PluralForm::One;
    if (last >= 2 && last <= 4) return PluralForm::Few;
    return PluralForm::Many;
}

std::string agree(double count, const std::string& one, const std::string& few, const std::string& many) {
    switch (plural_form(count)) {
        case PluralForm::One: return one;
        case PluralForm::Few: return few;
        case PluralForm::Many: return many;
    }
    return many;
}

// ---------------------------------------------------------------- collation

namespace {

// What a character (or a run of digits) weighs in each level of the comparison.
struct CollationElement {
    enum Group { Space, Punctuation, Digits, Cyrillic, Latin, OtherLetter };
    Group group = Punctuation;
    char32_t primary = 0;  // the letter's place in its alphabet; a code point otherwise
    std::string digits;    // Digits: the number without leading zeros
    int secondary = 0;     // Ё after Е; an accented Latin letter after the plain one
    int tertiary = 0;      // a capital after the small letter; leading zeros
};

constexpr std::u32string_view kRussianAlphabet = U"абвгдежзийклмнопрстуфхцчшщъыьэюя";

// Latin-1 letters (small) as the plain letter they are read as.
char32_t latin_base(char32_t c) {
    static constexpr std::u32string_view kAccented = U"àáâãäåçèéêëìíîïñòóôõöøùúûüýÿ";
    static constexpr std::u32string_view kBase = U"aaaaaaceeeeiiiinooooooouuuuyy";
    const size_t at = kAccented.find(c);
    return at == std::u32string_view::npos ? 0 : kBase[at];
}

std::vector<CollationElement> collation_elements(std::string_view text) {
    const std::u32string chars = utf8::decode(text);
    std::vector<CollationElement> elements;
    for (size_t i = 0; i < chars.size(); ++i) {
        const char32_t c = chars[i];
        CollationElement element;
        element.group = CollationElement::Punctuation;
        element.primary = c;
        if (utf8::is_digit(c)) {
            size_t end = i;
            while (end < chars.size() && utf8::is_digit(chars[end])) ++end;
            size_t first = i;
            while (first + 1 < end && chars[first] == U'0') ++first;
            element.group = CollationElement::Digits;
            element.primary = 0;
            for (size_t k = first; k < end; ++k) element.digits += static_cast<char>(chars[k]);
            element.tertiary = static_cast<int>(first - i);
            elements.push_back(std::move(element));
            i = end - 1;
            continue;
        }
        const char32_t lower = utf8::to_lower(c);
        element.tertiary = lower != c ? 1 : 0;
        if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == utf8::kNoBreakSpace) {
            element.group = CollationElement::Space;
            element.primary = 0;
        } else if (lower == U'ё') {
            element.group = CollationElement::Cyrillic;
            element.primary = static_cast<char32_t>(kRussianAlphabet.find(U'е'));
            element.secondary = 1;
        } else if (const size_t place = kRussianAlphabet.find(lower); place != std::u32string_view::npos) {
            element.group = CollationElement::Cyrillic;
            element.primary = static_cast<char32_t>(place);
        } else if (lower >= 0x400 && lower <= 0x4FF) {
            element.group = CollationElement::Cyrillic;  // other Cyrillic letters after я
            element.primary = 0x100 + lower;
        } else if (lower >= U'a' && lower <= U'z') {
            element.group = CollationElement::Latin;
            element.primary = lower - U'a';
        } else if (const char32_t base = latin_base(lower)) {
            element.group = CollationElement::Latin;
            element.primary = base - U'a';
            element.secondary = 1 + static_cast<int>(lower);
        } else if (utf8::is_letter(c)) {
            element.group = CollationElement::OtherLetter;
            element.primary = lower;
        }
        elements.push_back(std::move(element));
    }
    return elements;
}

int compare_primary(const CollationElement& a, const CollationElement& b) {
    if (a.group != b.group) return a.group < b.group ? -1 : 1;
    if (a.group == CollationElement::Digits) {
        if (a.digits.size() != b.digits.size()) return a.digits.size() < b.digits.size() ? -1 : 1;
        return a.digits.compare(b.digits);
    }
    return a.primary == b.primary ? 0 : a.primary < b.primary ? -1 : 1;
}

int sign(int value) { return (value > 0) - (value < 0); }

}  // namespace

int compare_text(std::string_view a, std::string_view b) {
    const std::vector<CollationElement> x = collation_elements(a);
    const std::vector<CollationElement> y = collation_elements(b);
    const size_t common = std::min(x.size(), y.size());
    for (size_t i = 0; i < common; ++i)
        if (const int order = compare_primary(x[i], y[i])) return sign(order);
    if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
    for (size_t i = 0; i < common; ++i)
        if (x[i].secondary != y[i].secondary) return x[i].secondary < y[i].secondary ? -1 : 1;
    for (size_t i = 0; i < common; ++i)
        if (x[i].tertiary != y[i].tertiary) return x[i].tertiary < y[i].tertiary ? -1 : 1;
    const std::u32string u = utf8::decode(a), v = utf8::decode(b);
    return u == v ? 0 : u < v ? -1 : 1;
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
