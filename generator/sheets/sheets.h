// Spreadsheets as data: XLSX workbooks and CSV files read into the JSON that
// the schemas describe, every value remembered with its cell, so that a
// problem found later names the sheet, row and column; and the fillable
// workbook of cluster results written (docs/data-spreadsheets.md).
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/error.h"

namespace docgen::sheets {

enum class Format { Json, Xlsx, Csv };

// "json", "xlsx", "csv"; InputError for any other.
Format format_named(const std::string& name);
// By the file's extension; JSON for any other.
Format format_of_file(const std::string& name);

// Where each value read from a spreadsheet came from: the row of each row's
// object by its JSON path, and each sheet's columns by the path of their value.
class Origins {
public:
    struct Row {
        int sheet = 0;  // into sheets
        int row = 0;    // from 0
    };
    struct SheetColumns {
        std::string name;
        std::vector<std::pair<std::string, int>> columns;  // a value's path in the row's object → its column
        std::vector<std::string> headers;                  // by column: the header as the sheet gives it
        std::vector<std::string> absent, absent_headers;   // the layout's columns the sheet lacks
        std::set<std::string> missing;                     // of them, those reported as missing
    };

    // A row's object by its place in the data; its JSON path is made only
    // when a problem is to be told.
    struct Entry {
        const char* list = "";  // "schools", "municipalities", "report.orders", "recommendations"; or a key-value's path
        const char* key = "";   // recommendations: "school", "municipality", "region"
        int item = -1;          // the index in the list; −1: `list` is the path itself
        int history = -1;       // a school's year, by its index in the school's history
        const char* part = "";  // a school's (or year's) "assessments" or "support"
        int part_item = -1;     // the index in assessments
        Row at;

        std::string path() const;
    };

    std::string source;
    std::vector<SheetColumns> sheets;
    std::vector<Entry> entries;

    Location locate_cell(int sheet, int row, int column) const;  // column −1: the row
    // The cell, row or sheet of a JSON path; nullopt when unknown. `dropped`:
    // the path is a column reported missing, whose problems say nothing more.
    std::optional<Location> locate(const std::string& json_path, bool& dropped) const;
    // The error's problems at their cells and in Russian, as one error.
    InputError relocated(const InputError& error) const;
    // "`source`: в книге ошибки (N):" and the problems in the workbook's order.
    static InputError listing(const std::string& source, std::vector<Problem> problems);

private:
    const std::unordered_map<std::string, Row>& rows() const;
    mutable std::unordered_map<std::string, Row> rows_;  // made from the entries on the first question
};

struct SheetData {
    nlohmann::json data;
    std::shared_ptr<const Origins> origins;  // null for JSON
};

// A spreadsheet file's bytes as cluster results: an XLSX workbook, or CSV
// files each of which is one sheet, named by the file's name
// («Школы.csv», or «данные-Школы.csv» as LibreOffice names the sheets it
// saves one by one). InputError listing every problem, each at its cell, with
// the schema's and the checks across records among them.
struct NamedBytes {
    std::string name;
    std::string bytes;
};
SheetData read_cluster_results(const std::vector<NamedBytes>& files, Format format);
// The CSV files of one workbook, given one of them: those of its folder named
// as it is, with another sheet's name («данные-Результаты.csv» beside
// «данные-Школы.csv»); the file alone when its name is no sheet's.
std::vector<NamedBytes> csv_files(const std::string& path);
// The sheet a CSV file is, by its name.
std::string csv_sheet_name(const std::string& file);

// The rows of a table (data-plan.md) from a sheet of an XLSX or CSV file: one
// row a measure, a row whose only filled cell is the first a section. The
// columns are the table's own when `columns` is a list (matched to the
// sheet's headers by title), or the sheet's, with its column widths.
// `sheet_name` empty: the first sheet. Keys of the result: columns, rows, sections.
nlohmann::json read_table(const NamedBytes& file, Format format, const std::string& sheet_name,
                          const nlohmann::json& columns);

// The workbook that municipalities fill in, as a file at `path` (written
// whole or not at all); filled with `data` unless it is null. `rules` gives
// the cluster codes of the drop-down lists.
void write_cluster_workbook(const std::string& path, const nlohmann::json& data,
                            const std::vector<std::string>& cluster_codes);

}  // namespace docgen::sheets
