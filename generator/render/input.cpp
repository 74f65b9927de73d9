#include "render/input.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/files.h"
#include "common/json_file.h"
#include "domain/analysis.h"

namespace docgen {

using nlohmann::json;

namespace {

// Tables whose rows come from a sheet: {"rows_from": {"file": "…", "sheet": "…"}}.
void read_tables(json& value, const std::string& path, const std::string& source,
                 const std::optional<std::filesystem::path>& folder, std::vector<std::string>& files) {
    if (value.is_array()) {
        for (size_t i = 0; i < value.size(); ++i) read_tables(value[i], path + "[" + std::to_string(i) + "]", source, folder, files);
        return;
    }
    if (!value.is_object()) return;
    for (auto& [key, item] : value.items())
        if (key != "rows_from") read_tables(item, path.empty() ? key : path + "." + key, source, folder, files);
    if (!value.contains("rows_from")) return;
    const std::string where = path.empty() ? "rows_from" : path + ".rows_from";
    const json& from = value["rows_from"];
    if (!from.is_object() || !from.contains("file") || !from["file"].is_string() ||
        (from.contains("sheet") && !from["sheet"].is_string()))
        throw InputError(Location::of_value(source, where),
                         "must be {\"file\": \"roadmap.xlsx\"} with an optional \"sheet\": the sheet's name");
    for (const auto& [key, item] : from.items())
        if (key != "file" && key != "sheet") throw InputError(Location::of_value(source, where), "unknown key '" + key + "'");
    if (!folder) throw InputError(Location::of_value(source, where), "a table's sheet is read only beside a data file");
    const std::string file = (*folder / from["file"].get<std::string>()).lexically_normal().string();
    const sheets::Format format = sheets::format_of_file(file);
    json table = sheets::read_table({file, read_file(file, "table's sheet")}, format, from.value("sheet", ""),
                                    value.value("columns", json()));
    files.push_back(file);
    value.erase("rows_from");
    for (auto& [key, item] : table.items())
        if (!value.contains(key)) value[key] = std::move(item);
        else if (key != "columns") throw InputError(Location::of_value(source, path + "." + key), "is given beside rows_from, which gives it");
}

InputData read_any(std::string bytes, const std::string& name, std::optional<sheets::Format> format,
                   const std::optional<std::filesystem::path>& folder, bool pack_schools = false) {
    const sheets::Format chosen = format.value_or(sheets::format_of_file(name));
    if (chosen == sheets::Format::Json) {
        InputData data;
        data.value = pack_schools ? parse_json(bytes, name, {"schools"}) : parse_json(bytes, name);
        data.files.push_back(name);
        // Most data has no such table: the text says so faster than a walk through it.
        if (bytes.find("\"rows_from\"") != std::string::npos) read_tables(data.value, "", name, folder, data.files);
        return data;
    }
    sheets::SheetData read = sheets::read_cluster_results({{name, std::move(bytes)}}, chosen);
    return {std::move(read.data), std::move(read.origins), {name}};
}

}  // namespace

InputData read_data(const std::string& path, std::optional<sheets::Format> format, bool pack_schools) {
    const sheets::Format chosen = format.value_or(sheets::format_of_file(path));
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    if (chosen != sheets::Format::Csv) return read_any(read_file(path, "data file"), path, chosen, folder, pack_schools);
    const std::vector<sheets::NamedBytes> files = sheets::csv_files(path);
    sheets::SheetData read = sheets::read_cluster_results(files, chosen);
    InputData data{std::move(read.data), std::move(read.origins), {}};
    for (const sheets::NamedBytes& file : files) data.files.push_back(file.name);
    return data;
}

InputData read_data(std::string_view bytes, const std::string& name, std::optional<sheets::Format> format) {
    return read_any(std::string(bytes), name, format, std::nullopt);
}

domain::Analysis analyse_data(const json& input, const domain::Rules& rules, const std::string& source,
                              const sheets::Origins* origins, unsigned threads) {
    try {
        return domain::analyse(input, rules, source, threads);
    } catch (const InputError& error) {
        if (!origins) throw;
        throw origins->relocated(error);
    }
}

json prepare_data(const Template& document_template, json raw, const std::string& source, const std::string& rules_file,
                  const sheets::Origins* origins, unsigned threads) {
    if (document_template.input_format() != "cluster-results") {
        if (!rules_file.empty())
            throw InputError("rules " + rules_file + " given for a template that does not take cluster results "
                             "(<document input=\"cluster-results\">)");
        if (origins)
            throw InputError(source + ": a workbook holds cluster results (docs/data-spreadsheets.md), and this template "
                                      "does not take them; a table of its own may come from a sheet with \"rows_from\"");
        return raw;
    }
    if (rules_file.empty())
        return prepare_data(document_template, std::move(raw), source, domain::Rules::defaults(), origins, threads);
    return prepare_data(document_template, std::move(raw), source, domain::Rules::load(rules_file), origins, threads);
}

json prepare_data(const Template& document_template, json raw, const std::string& source, const domain::Rules& rules,
                  const sheets::Origins* origins, unsigned threads) {
    if (document_template.input_format() != "cluster-results") return raw;
    domain::Analysis analysis = analyse_data(raw, rules, source, origins, threads);
    // The analysis holds what it needs of the input: the parsed input goes
    // before the analysed data is built, so that the two are never held together.
    raw = nullptr;
    return domain::analysis_json(std::move(analysis), rules, domain::Packing::Packed, threads);
}

}  // namespace docgen
