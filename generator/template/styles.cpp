#include "template/styles.h"

#include "text/font_set.h"

#include <cstdlib>
#include <functional>
#include <map>
#include <stdexcept>

namespace docgen {

double parse_length(const std::string& text) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    const std::string unit = end ? std::string(end) : "";
    if (end == text.c_str()) throw std::invalid_argument("expected a length such as 14pt, 1.25cm or 30mm, got \"" + text + "\"");
    if (unit.empty() || unit == "pt") return value;
    if (unit == "mm") return mm(value);
    if (unit == "cm") return mm(value * 10);
    if (unit == "in") return value * 72;
    throw std::invalid_argument("unknown length unit \"" + unit + "\" (use pt, mm, cm or in)");
}

bool parse_bool(const std::string& text) {
    if (text == "true" || text == "yes" || text == "1" || text == "да") return true;
    if (text == "false" || text == "no" || text == "0" || text == "нет" || text.empty()) return false;
    throw std::invalid_argument("expected true or false, got \"" + text + "\"");
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
             if (!FontSet::knows_family(v))
                 throw std::invalid_argument("font \"" + v + "\" is not available; use Times New Roman (drawn with "
                                             "its metric twin Liberation Serif)");
             r.font_family = v;
         }},
        {"size", [](const std::string& v, ParagraphProps&, RunProps& r) { r.size = parse_length(v); }},
        {"bold", [](const std::string& v, ParagraphProps&, RunProps& r) { r.bold = parse_bool(v); }},
        {"italic", [](const std::string& v, ParagraphProps&, RunProps& r) { r.italic = parse_bool(v); }},
        {"underline", [](const std::string& v, ParagraphProps&, RunProps& r) { r.underline = parse_bool(v); }},
        {"letter-spacing", [](const std::string& v, ParagraphProps&, RunProps& r) { r.letter_spacing = parse_length(v); }},
        {"align", [](const std::string& v, ParagraphProps& p, RunProps&) { p.align = parse_align(v); }},
        {"first-line-indent", [](const std::string& v, ParagraphProps& p, RunProps&) { p.first_line_indent = parse_length(v); }},
        {"indent-left", [](const std::string& v, ParagraphProps& p, RunProps&) { p.indent_left = parse_length(v); }},
        {"indent-right", [](const std::string& v, ParagraphProps& p, RunProps&) { p.indent_right = parse_length(v); }},
        {"space-before", [](const std::string& v, ParagraphProps& p, RunProps&) { p.space_before = parse_length(v); }},
        {"space-after", [](const std::string& v, ParagraphProps& p, RunProps&) { p.space_after = parse_length(v); }},
        {"line-spacing", [](const std::string& v, ParagraphProps& p, RunProps&) {
             char* end = nullptr;
             p.line_spacing = std::strtod(v.c_str(), &end);
             if (end == v.c_str() || *end || p.line_spacing <= 0)
                 throw std::invalid_argument("expected a positive multiple such as 1 or 1.5, got \"" + v + "\"");
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
           name == "letter-spacing";
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
