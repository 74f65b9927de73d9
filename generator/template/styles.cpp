#include "template/styles.h"

#include "text/font_set.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <stdexcept>

namespace docgen {

std::optional<double> parse_decimal(std::string_view text) {
    size_t i = text.size() > 0 && text[0] == '-' ? 1 : 0;
    const size_t digits_start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == digits_start) return std::nullopt;
    if (i < text.size() && text[i] == '.') {
        const size_t fraction_start = ++i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
        if (i == fraction_start) return std::nullopt;
    }
    if (i != text.size()) return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

double parse_length(const std::string& text) {
    const auto expected = [&] {
        return std::invalid_argument("expected a length such as 14pt, 1.25cm or 30mm, got \"" + text + "\"");
    };
    // The number, then a unit of letters (or none).
    size_t unit_start = text.size();
    while (unit_start > 0 && std::isalpha(static_cast<unsigned char>(text[unit_start - 1]))) --unit_start;
    const std::optional<double> value = parse_decimal(std::string_view(text).substr(0, unit_start));
    if (!value) throw expected();
    const std::string unit = text.substr(unit_start);
    double points = 0;
    if (unit.empty() || unit == "pt")
        points = *value;
    else if (unit == "mm")
        points = mm(*value);
    else if (unit == "cm")
        points = mm(*value * 10);
    else if (unit == "in")
        points = *value * 72;
    else
        throw std::invalid_argument("unknown length unit \"" + unit + "\" (use pt, mm, cm or in)");
    // Nothing on a page is longer than a few sheets; both writers count in
    // whole units of a twentieth of a point or finer.
    if (std::abs(points) > kMaxLength)
        throw std::invalid_argument("a length of at most " + std::to_string(static_cast<int>(kMaxLength)) +
                                    "pt (about 3.5 m), got \"" + text + "\"");
    return points;
}

double parse_positive_length(const std::string& text) {
    const double value = parse_length(text);
    if (value <= 0) throw std::invalid_argument("expected a length above zero, got \"" + text + "\"");
    return value;
}

bool parse_bool(const std::string& text) {
    if (text == "true" || text == "yes" || text == "1" || text == "да") return true;
    if (text == "false" || text == "no" || text == "0" || text == "нет" || text.empty()) return false;
    throw std::invalid_argument("expected true or false, got \"" + text + "\"");
}

double parse_percent(const std::string& text) {
    const std::optional<double> value =
        !text.empty() && text.back() == '%' ? parse_decimal(std::string_view(text).substr(0, text.size() - 1))
                                            : std::nullopt;
    if (!value || *value <= 0 || *value > 100)
        throw std::invalid_argument("expected a percentage such as 80%, got \"" + text + "\"");
    return *value / 100;
}

int parse_whole(const std::string& text) {
    int value = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    const auto [end, error] = std::from_chars(first, last, value);
    if (text.empty() || text[0] == '+' || error != std::errc() || end != last)
        throw std::invalid_argument("expected a whole number, got \"" + text + "\"");
    return value;
}

std::string parse_color(const std::string& text) {
    const std::string digits = !text.empty() && text[0] == '#' ? text.substr(1) : text;
    const bool hex = digits.size() == 6 && std::all_of(digits.begin(), digits.end(), [](char c) {
                         return std::isxdigit(static_cast<unsigned char>(c)) != 0;
                     });
    if (!hex) throw std::invalid_argument("expected six hexadecimal digits such as C0504D, got \"" + text + "\"");
    std::string upper = digits;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper;
}

namespace {

Align parse_align(const std::string& text) {
    if (text == "left") return Align::Left;
    if (text == "center") return Align::Center;
    if (text == "right") return Align::Right;
    if (text == "justify") return Align::Justify;
    throw std::invalid_argument("expected left, center, right or justify, got \"" + text + "\"");
}

using Setter = std::function<void(const std::string&, ParagraphProps&, RunProps&)>;

const std::map<std::string, Setter>& setters() {
    static const std::map<std::string, Setter> table = {
        {"font", [](const std::string& v, ParagraphProps&, RunProps& r) {
             if (!is_known_font_family(v))
                 throw std::invalid_argument("font \"" + v + "\" is not available; use Times New Roman (drawn with "
                                             "its metric twin Liberation Serif)");
             r.font_family = v;
         }},
        {"size", [](const std::string& v, ParagraphProps&, RunProps& r) { r.size = parse_positive_length(v); }},
        {"bold", [](const std::string& v, ParagraphProps&, RunProps& r) { r.bold = parse_bool(v); }},
        {"italic", [](const std::string& v, ParagraphProps&, RunProps& r) { r.italic = parse_bool(v); }},
        {"underline", [](const std::string& v, ParagraphProps&, RunProps& r) { r.underline = parse_bool(v); }},
        {"letter-spacing", [](const std::string& v, ParagraphProps&, RunProps& r) { r.letter_spacing = parse_length(v); }},
        {"typography", [](const std::string& v, ParagraphProps&, RunProps& r) { r.typography = parse_bool(v); }},
        {"align", [](const std::string& v, ParagraphProps& p, RunProps&) { p.align = parse_align(v); }},
        {"first-line-indent", [](const std::string& v, ParagraphProps& p, RunProps&) { p.first_line_indent = parse_length(v); }},
        {"indent-left", [](const std::string& v, ParagraphProps& p, RunProps&) { p.indent_left = parse_length(v); }},
        {"indent-right", [](const std::string& v, ParagraphProps& p, RunProps&) { p.indent_right = parse_length(v); }},
        {"space-before", [](const std::string& v, ParagraphProps& p, RunProps&) { p.space_before = parse_length(v); }},
        {"space-after", [](const std::string& v, ParagraphProps& p, RunProps&) { p.space_after = parse_length(v); }},
        {"line-spacing", [](const std::string& v, ParagraphProps& p, RunProps&) {
             const std::optional<double> value = parse_decimal(v);
             if (!value || *value <= 0)
                 throw std::invalid_argument("expected a positive multiple such as 1 or 1.5, got \"" + v + "\"");
             p.line_spacing = *value;
         }},
        {"keep-with-next", [](const std::string& v, ParagraphProps& p, RunProps&) { p.keep_with_next = parse_bool(v); }},
        {"keep-together", [](const std::string& v, ParagraphProps& p, RunProps&) { p.keep_together = parse_bool(v); }},
        {"widow-control", [](const std::string& v, ParagraphProps& p, RunProps&) { p.widow_control = parse_bool(v); }},
        {"hyphenate", [](const std::string& v, ParagraphProps& p, RunProps&) { p.hyphenate = parse_bool(v); }},
        {"page-break-before", [](const std::string& v, ParagraphProps& p, RunProps&) { p.page_break_before = parse_bool(v); }},
    };
    return table;
}

}  // namespace

bool is_style_attribute(const std::string& name) { return setters().count(name) > 0; }

bool is_run_attribute(const std::string& name) {
    return name == "font" || name == "size" || name == "bold" || name == "italic" || name == "underline" ||
           name == "letter-spacing" || name == "typography";
}

void apply_style_attribute(const std::string& name, const std::string& value, ParagraphProps& paragraph,
                           RunProps& run) {
    setters().at(name)(value, paragraph, run);
}

NamedStyle default_normal_style() {
    NamedStyle normal;
    normal.name = "Normal";
    normal.paragraph.align = Align::Justify;
    normal.paragraph.first_line_indent = mm(12.5);
    normal.paragraph.hyphenate = true;
    normal.run.size = 14;
    return normal;
}

}  // namespace docgen
