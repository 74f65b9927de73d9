// Which reader a file goes to, and the CSV files that make one workbook.
#include <algorithm>
#include <filesystem>

#include "common/files.h"
#include "sheets/grid.h"
#include "sheets/layout.h"
#include "sheets/sheets.h"

namespace docgen::sheets {

SheetData read_cluster_results_sheets(Workbook workbook);  // cluster_reader.cpp

namespace {

std::string lower_extension(const std::string& name) {
    std::string extension = std::filesystem::path(name).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

bool is_sheet_name(const std::string& name) {
    for (const SheetLayout& layout : cluster_layout())
        if (normalised_name(layout.name) == normalised_name(name)) return true;
    return false;
}

}  // namespace

Format format_named(const std::string& name) {
    if (name == "json") return Format::Json;
    if (name == "xlsx") return Format::Xlsx;
    if (name == "csv") return Format::Csv;
    throw InputError("unknown data format '" + name + "': json, xlsx or csv");
}

Format format_of_file(const std::string& name) {
    const std::string extension = lower_extension(name);
    if (extension == ".xlsx" || extension == ".xlsm") return Format::Xlsx;
    if (extension == ".csv") return Format::Csv;
    return Format::Json;
}

std::string csv_sheet_name(const std::string& file) {
    const std::string stem = std::filesystem::path(file).stem().string();
    if (is_sheet_name(stem)) return stem;
    const size_t dash = stem.rfind('-');
    if (dash != std::string::npos && is_sheet_name(stem.substr(dash + 1))) return stem.substr(dash + 1);
    return stem;
}

std::vector<NamedBytes> csv_files(const std::string& path) {
    namespace fs = std::filesystem;
    const fs::path given(path);
    const std::string stem = given.stem().string();
    const std::string sheet = csv_sheet_name(path);
    if (!is_sheet_name(sheet)) return {{path, read_file(path, "data file")}};
    const std::string prefix = stem.substr(0, stem.size() - sheet.size());
    std::vector<std::string> paths;
    std::error_code error;
    const fs::path folder = given.has_parent_path() ? given.parent_path() : fs::path(".");
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
        const std::string name = entry.path().filename().string();
        if (lower_extension(name) != ".csv" || name.rfind(prefix, 0) != 0) continue;
        const std::string rest = entry.path().stem().string().substr(prefix.size());
        if (is_sheet_name(rest)) paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    std::vector<NamedBytes> files;
    for (const std::string& file : paths) files.push_back({file, read_file(file, "data file")});
    if (files.empty()) files.push_back({path, read_file(path, "data file")});
    return files;
}

SheetData read_cluster_results(const std::vector<NamedBytes>& files, Format format) {
    Workbook workbook;
    if (files.empty()) throw InputError("no data file given");
    workbook.source = files.front().name;
    if (format == Format::Xlsx) {
        if (files.size() != 1) throw InputError("one workbook at a time");
        workbook = read_xlsx(files.front().bytes, files.front().name);
    } else {
        if (files.size() > 1) workbook.source = std::filesystem::path(files.front().name).parent_path().string() + "/*.csv";
        for (const NamedBytes& file : files) {
            workbook.sheets.push_back(read_csv(file.bytes, file.name, csv_sheet_name(file.name)));
        }
    }
    return read_cluster_results_sheets(std::move(workbook));
}

}  // namespace docgen::sheets
