// A roadmap's table from a sheet: the header row gives the columns, each row
// below a measure, and a row whose only filled cell is the first a section.
#include <algorithm>
#include <filesystem>

#include "common/utf8.h"
#include "sheets/grid.h"
#include "sheets/layout.h"
#include "sheets/sheets.h"
#include "sheets/values.h"

namespace docgen::sheets {

using nlohmann::json;

namespace {

Sheet sheet_of(const NamedBytes& file, Format format, const std::string& name) {
    if (format == Format::Csv) return read_csv(file.bytes, file.name, std::filesystem::path(file.name).stem().string());
    if (format != Format::Xlsx) throw InputError(file.name + ": a table is read from an XLSX or CSV file");
    Workbook workbook = read_xlsx(file.bytes, file.name);
    if (name.empty()) return std::move(workbook.sheets.front());
    std::string names;
    for (Sheet& sheet : workbook.sheets) {
        if (normalised_name(sheet.name) == normalised_name(name)) return std::move(sheet);
        names += (names.empty() ? "«" : ", «") + sheet.name + "»";
    }
    throw InputError(file.name + ": в книге нет листа «" + name + "»; листы книги: " + names);
}

// A column's width where the sheet gives none (a CSV file): its cells' mean
// length in characters, within 4 to 40, so that a number column stays narrow
// and the measures' column is wide. Section rows do not count.
double text_width(const Sheet& sheet, int header, size_t column) {
    size_t characters = 0, cells = 0;
    for (int r = header; r < static_cast<int>(sheet.rows.size()); ++r) {
        size_t filled = 0;
        for (const Cell& cell : sheet.rows[r]) filled += !cell.empty();
        if (r > header && filled == 1 && !sheet.at(r, 0).empty()) continue;
        const std::string text = shown_text(sheet.at(r, static_cast<int>(column)), sheet.date1904);
        if (text.empty()) continue;
        characters += utf8::count(text);
        ++cells;
    }
    const double mean = cells ? static_cast<double>(characters) / static_cast<double>(cells) : 10.0;
    return std::clamp(mean + 2, 4.0, 40.0);
}

}  // namespace

json read_table(const NamedBytes& file, Format format, const std::string& sheet_name, const json& given_columns) {
    Sheet sheet = sheet_of(file, format, sheet_name);
    sheet.spread_merged(true, file.name);
    const auto where = [&](int row, int column, const std::string& header) {
        Location at = Location::at(file.name);
        at.sheet = sheet.name;
        at.row = row + 1;
        if (column >= 0) at.cell_column = column_letters(column);
        at.header = header;
        return at;
    };
    int header = 0;
    while (header < static_cast<int>(sheet.rows.size()) && sheet.rows[header].empty()) ++header;
    if (header >= static_cast<int>(sheet.rows.size())) throw InputError(where(-1, -1, ""), "лист пуст: нет строки заголовков");
    std::vector<std::string> titles;
    for (const Cell& cell : sheet.rows[header]) titles.push_back(trimmed(shown_text(cell, sheet.date1904)));
    while (!titles.empty() && titles.back().empty()) titles.pop_back();

    // Each column of the sheet: the key it fills.
    json columns = json::array();
    std::vector<std::string> keys(titles.size());
    if (given_columns.is_array()) {
        columns = given_columns;
        for (size_t k = 0; k < given_columns.size(); ++k) {
            const json& column = given_columns[k];
            const std::string title = column.is_object() ? column.value("title", "") : "";
            size_t c = 0;
            while (c < titles.size() && normalised_name(titles[c]) != normalised_name(title)) ++c;
            if (c == titles.size())
                throw InputError(where(header, -1, ""), "нет столбца «" + title + "», который называет таблица");
            keys[c] = column.value("key", "");
        }
        for (size_t c = 0; c < titles.size(); ++c)
            if (keys[c].empty() && !titles[c].empty())
                throw InputError(where(header, static_cast<int>(c), titles[c]), "этого столбца нет среди столбцов таблицы");
    } else {
        for (size_t c = 0; c < titles.size(); ++c) {
            if (titles[c].empty()) throw InputError(where(header, static_cast<int>(c), ""), "у столбца нет заголовка");
            keys[c] = "c" + std::to_string(c + 1);
            const double width = c < sheet.widths.size() && sheet.widths[c] > 0 ? sheet.widths[c] : text_width(sheet, header, c);
            json column = {{"key", keys[c]}, {"title", titles[c]}, {"width", width}};
            for (const Range& range : sheet.merged)
                if (range.first_column == static_cast<int>(c) && range.last_row > range.first_row) column["merge"] = true;
            columns.push_back(std::move(column));
        }
    }

    json rows = json::array(), sections = json::array();
    for (int r = header + 1; r < static_cast<int>(sheet.rows.size()); ++r) {
        std::vector<std::string> texts(titles.size());
        size_t filled = 0;
        for (size_t c = 0; c < titles.size(); ++c) {
            texts[c] = trimmed(shown_text(sheet.at(r, static_cast<int>(c)), sheet.date1904));
            if (const auto bad = utf8::first_forbidden_character(texts[c]))
                throw InputError(where(r, static_cast<int>(c), titles[c]),
                                 "текст содержит символ " + utf8::code_point_name(*bad) +
                                     ", которого не может быть в документе: удалите его");
            if (!texts[c].empty()) ++filled;
        }
        for (size_t c = titles.size(); c < sheet.rows[r].size(); ++c)
            if (!sheet.rows[r][c].empty())
                throw InputError(where(r, static_cast<int>(c), ""), "ячейка правее последнего столбца с заголовком");
        if (filled == 0) continue;
        if (filled == 1 && !texts[0].empty() && titles.size() > 1) {
            sections.push_back({{"title", texts[0]}, {"rows", json::array()}});
            continue;
        }
        json row = json::object();
        for (size_t c = 0; c < titles.size(); ++c) row[keys[c]] = texts[c];
        (sections.empty() ? rows : sections.back()["rows"]).push_back(std::move(row));
    }
    json table = {{"columns", std::move(columns)}};
    if (!rows.empty() || sections.empty()) table["rows"] = std::move(rows);
    if (!sections.empty()) table["sections"] = std::move(sections);
    return table;
}

}  // namespace docgen::sheets
