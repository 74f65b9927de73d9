// The workbook layout of cluster results (docs/data-spreadsheets.md): its
// sheets, each sheet's columns with their Russian headers and the JSON path
// each fills. The reader and the writer both follow this one table; what a
// value must be (a whole number from 1, one of a list, a date) comes from
// schemas/cluster-results.schema.json.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docgen::sheets {

// What a column holds, as a cell.
struct Kind {
    enum class Type { Text, TextOrNone, Integer, Number, Boolean, Date, Choice };
    Type type = Type::Text;
    std::vector<std::string> choices;   // Choice
    std::optional<double> minimum, maximum;  // the schema's, for the workbook's checks
};

// Columns whose value is no key of the row's object.
enum class Role {
    Value,         // the key `path` of the row's object
    School,        // the school's code: the row belongs to that school
    Year,          // the year: this year's facts or an earlier year's
    Municipality,  // a municipality, by its code or its name: its code
    Audience,      // the document a recommendation is for
};

struct Column {
    const char* header;
    const char* path;      // in the row's object: "isbs.value"; for a key-value sheet, in the data
    Role role = Role::Value;
    double width = 14;     // in characters, for the workbook written
    const char* hint = ""; // shown when the cell is chosen, in the workbook written
};

struct SheetLayout {
    const char* name;
    const char* rows_path;  // the list a row is an element of ("schools[]"); "" for a key-value sheet
    const char* about;      // what the sheet holds, for the instructions
    bool required;
    std::vector<Column> columns;
};

// The sheets in the order they are read and written.
const std::vector<SheetLayout>& cluster_layout();
const char* instructions_sheet();  // «Инструкция», written first and skipped when read

// The kind of a column, from the schema.
Kind kind_of(const SheetLayout& sheet, const Column& column);

// Headers and names compared as people mean them: case, ё and runs of
// spaces (no-break ones and line breaks among them) do not count.
std::string normalised_name(std::string_view text);

// The recommendation lists of the data and their names in the workbook.
struct Audience {
    const char* key;   // "school"
    const char* name;  // «школа»
};
const std::vector<Audience>& audiences();

}  // namespace docgen::sheets
