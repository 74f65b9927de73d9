// A cell's value as a column's kind wants it, or what is wrong with it, in
// the words of a clerk: «ожидается целое число, указано «двадцать»».
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sheets/grid.h"
#include "sheets/layout.h"

namespace docgen::sheets {

// The value; a discarded json for an empty cell (null is the «нет» of a
// text that may be none); nullopt with `problem` set when the cell holds
// what the kind cannot take.
std::optional<nlohmann::json> cell_value(const Cell& cell, const Kind& kind, bool date1904, std::string& problem);

// A cell's text without the spaces around it.
std::string trimmed(std::string_view text);

}  // namespace docgen::sheets
