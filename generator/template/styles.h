// Formatting attributes shared by <style>, <p>, <cell>, <list> and <item>:
// their names, their values ("1.25cm", "14", "justify", "true") and the
// properties they set.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"

namespace docgen {

// Parsers of attribute values. Each takes the whole value, nothing before or
// after it, and throws std::invalid_argument saying what was expected and
// what it got; the caller adds the file, line, element and attribute.

// A decimal number as templates write it: an optional minus, digits, and a
// point with digits after it ("12", "-3", "1.25"). No exponent, no "inf", no
// comma, no spaces. Empty when the text is not such a number.
std::optional<double> parse_decimal(std::string_view text);
// The longest length a template may give, in points (about 3.5 m).
inline constexpr double kMaxLength = 10000;
// "14", "14pt", "1.25cm", "30mm", "0.5in", at most kMaxLength either way.
double parse_length(const std::string& text);
// A length that must be more than zero: a font size, a chart's height.
double parse_positive_length(const std::string& text);
bool parse_bool(const std::string& text);
// "80%" as a fraction of the text width (0.8); more than 0 and at most 100%.
double parse_percent(const std::string& text);
// A whole number, optionally negative, that fits an int: "3", "-1".
int parse_whole(const std::string& text);
// A colour: six hexadecimal digits ("C0504D", "#c0504d"), returned as "C0504D".
std::string parse_color(const std::string& text);

bool is_style_attribute(const std::string& name);
// Character formatting only: what a <span> may set.
bool is_run_attribute(const std::string& name);
// Sets the property the attribute names; std::invalid_argument for a bad value.
void apply_style_attribute(const std::string& name, const std::string& value, ParagraphProps& paragraph,
                           RunProps& run);

// "Normal" as layout rules want body text: Times New Roman 14 pt, justified,
// first-line indent 1.25 cm, hyphenated. A template may redefine it.
NamedStyle default_normal_style();

}  // namespace docgen
