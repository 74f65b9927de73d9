// Formatting attributes shared by <style>, <p>, <cell>, <list> and <item>:
// their names, their values ("1.25cm", "14", "justify", "true") and the
// properties they set.
#pragma once

#include <string>
#include <vector>

#include "model/document.h"

namespace docgen {

// "14", "14pt", "1.25cm", "30mm"; std::invalid_argument saying what was expected.
double parse_length(const std::string& text);
bool parse_bool(const std::string& text);

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
