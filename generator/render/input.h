// The data a template binds to: read from JSON or from a spreadsheet (XLSX,
// CSV), as loaded, or, for templates that take cluster results
// (<document input="cluster-results">), validated, classified and with the
// indicators computed.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/analysis.h"
#include "sheets/sheets.h"
#include "template/template.h"

namespace docgen::domain {
struct Rules;
}

namespace docgen {

// Data as read, with where its values came from.
struct InputData {
    nlohmann::json value;
    std::shared_ptr<const sheets::Origins> origins;  // a spreadsheet's cells; null for JSON
    std::vector<std::string> files;                  // every file read: a workbook's CSV files, tables' sheets
};

// A data file: JSON, an XLSX workbook or CSV files of cluster results
// (docs/data-spreadsheets.md), by `format` or else by the extension. In
// JSON, a table whose rows come from a sheet ("rows_from") gets them from
// the file it names, relative to the JSON file.
// With `pack_schools`, the schools of JSON data are held packed
// (common/packed_json.h) until the analysis reads them one by one: for a
// country's data, which would otherwise be the peak of a run.
InputData read_data(const std::string& path, std::optional<sheets::Format> format = std::nullopt,
                    bool pack_schools = false);
// The same from bytes that were given a file name (an upload); a table of
// JSON data cannot name a sheet here, there being no folder to read it from.
InputData read_data(std::string_view bytes, const std::string& name, std::optional<sheets::Format> format = std::nullopt);

// The raw data is taken by value: a template that binds it as it is gets it
// without a copy. `rules_file` empty: the built-in rules
// (rules/concept-2022.json). Rules given for a template that does not take
// cluster results are an InputError. With `origins`, problems of the data
// name their cells. Cluster results are checked and analysed on up to
// `threads` threads.
nlohmann::json prepare_data(const Template& document_template, nlohmann::json raw, const std::string& source,
                            const std::string& rules_file, const sheets::Origins* origins = nullptr,
                            unsigned threads = 1);

// domain::analyse, its problems named by cell when the data came from a spreadsheet.
domain::Analysis analyse_data(const nlohmann::json& input, const domain::Rules& rules, const std::string& source,
                              const sheets::Origins* origins, unsigned threads = 1);

// The same with the rules already read (a client's upload, or read once for
// many documents); they are used only by templates that take cluster results.
nlohmann::json prepare_data(const Template& document_template, nlohmann::json raw, const std::string& source,
                            const domain::Rules& rules, const sheets::Origins* origins = nullptr,
                            unsigned threads = 1);

}  // namespace docgen
