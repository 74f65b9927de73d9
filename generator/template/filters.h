// Filters: "value | name(arguments)" in a template. Russian formatting of
// dates, numbers, percentages and counted nouns, case and letter spacing,
// and a few helpers for lists. docs/templates.md lists them all.
#pragma once

#include <string>
#include <vector>

#include "template/expression.h"

namespace docgen {

bool filter_exists(const std::string& name);
std::vector<std::string> filter_names();

// ExpressionError naming the filter when the input or arguments do not suit it.
Value apply_filter(const std::string& name, const Value& input, const std::vector<Value>& arguments);

}  // namespace docgen
