// The fillable workbook of cluster results, written by libxlsxwriter: the
// instructions first, then a sheet per part of the layout with its header
// row frozen, column widths, number formats and checks of what a cell may
// hold (drop-down lists among them), filled with data when given.
//
// libxlsxwriter is loaded when a workbook is written, not when docgen starts:
// it brings libcrypto and minizip, whose loading would add 1 to 3 ms to every
// run of docgen, most of which never write a workbook.
#include <dlfcn.h>
#include <xlsxwriter.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "common/files.h"
#include "common/utf8.h"
#include "sheets/layout.h"
#include "sheets/sheets.h"

namespace docgen::sheets {

using nlohmann::json;

namespace {

#define DOCGEN_XLSX_FUNCTIONS(X)                                                                                       \
    X(workbook_new) X(workbook_add_worksheet) X(workbook_add_format) X(workbook_close) X(workbook_set_properties)      \
    X(format_set_bold) X(format_set_text_wrap) X(format_set_num_format) X(format_set_bg_color) X(format_set_align)    \
    X(format_set_border) X(format_set_font_size) X(worksheet_write_string) X(worksheet_write_number)                   \
    X(worksheet_write_datetime) X(worksheet_set_column) X(worksheet_set_row) X(worksheet_freeze_panes)                  \
    X(worksheet_data_validation_range) X(worksheet_data_validation_cell) X(worksheet_activate) X(worksheet_autofilter) \
    X(worksheet_set_tab_color) X(worksheet_set_landscape) X(worksheet_fit_to_pages) X(worksheet_repeat_rows)      \
    X(worksheet_set_paper) X(worksheet_gridlines) X(lxw_strerror)

struct Xlsx {
#define DOCGEN_DECLARE(name) decltype(&::name) name = nullptr;
    DOCGEN_XLSX_FUNCTIONS(DOCGEN_DECLARE)
#undef DOCGEN_DECLARE
};

const Xlsx& xlsx() {
    static const Xlsx loaded = [] {
        void* library = dlopen("libxlsxwriter.so.4", RTLD_NOW | RTLD_LOCAL);
        if (!library)
            throw InputError(std::string("writing a workbook needs libxlsxwriter (Debian: libxlsxwriter4): ") + dlerror());
        Xlsx x;
#define DOCGEN_LOAD(name)                                                                     \
    x.name = reinterpret_cast<decltype(&::name)>(dlsym(library, #name));                      \
    if (!x.name) throw InputError("libxlsxwriter has no " #name ": a version from 1.1 is needed");
        DOCGEN_XLSX_FUNCTIONS(DOCGEN_LOAD)
#undef DOCGEN_LOAD
        return x;
    }();
    return loaded;
}

// Rows the checks and formats of a sheet cover beyond its data.
constexpr int kSpareRows = 1000;
// Excel refuses an input title longer than this, and a message longer than 255.
constexpr size_t kTitleLength = 32;

const json* value_at(const json& object, const std::string& path) {
    const json* at = &object;
    size_t start = 0;
    for (;;) {
        const size_t dot = path.find('.', start);
        const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!at->is_object() || !at->contains(key)) return nullptr;
        at = &at->at(key);
        if (dot == std::string::npos) return at;
        start = dot + 1;
    }
}

std::string quoted_sheet(const char* name) { return std::string("'") + name + "'"; }

class Writer {
public:
    Writer(const json& data, const std::vector<std::string>& cluster_codes)
        : x_(xlsx()), data_(data), cluster_codes_(cluster_codes) {}

    void write(const std::string& path) {
        workbook_ = x_.workbook_new(path.c_str());
        if (!workbook_) throw InputError(path + ": cannot write the workbook here");
        lxw_doc_properties properties{};
        std::string title = "Результаты мониторинга школ";
        properties.title = title.data();
        properties.created = 1672531200;  // 2023-01-01: the same data gives the same bytes
        x_.workbook_set_properties(workbook_, &properties);
        make_formats();
        write_instructions();
        for (const SheetLayout& layout : cluster_layout()) write_sheet(layout);
        const lxw_error closed = x_.workbook_close(workbook_);
        if (closed != LXW_NO_ERROR) throw InputError(path + ": the workbook could not be written (libxlsxwriter error " +
                                                     std::to_string(static_cast<int>(closed)) + ")");
    }

private:
    void make_formats() {
        header_ = x_.workbook_add_format(workbook_);
        x_.format_set_bold(header_);
        x_.format_set_text_wrap(header_);
        x_.format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
        x_.format_set_bg_color(header_, 0xDDEBF7);
        x_.format_set_border(header_, LXW_BORDER_THIN);
        text_ = x_.workbook_add_format(workbook_);
        x_.format_set_num_format(text_, "@");
        whole_ = x_.workbook_add_format(workbook_);
        x_.format_set_num_format(whole_, "0");
        decimal_ = x_.workbook_add_format(workbook_);
        x_.format_set_num_format(decimal_, "0.00");
        date_ = x_.workbook_add_format(workbook_);
        x_.format_set_num_format(date_, "dd.mm.yyyy");
        wrapped_ = x_.workbook_add_format(workbook_);
        x_.format_set_text_wrap(wrapped_);
        x_.format_set_align(wrapped_, LXW_ALIGN_VERTICAL_TOP);
        title_ = x_.workbook_add_format(workbook_);
        x_.format_set_bold(title_);
        x_.format_set_font_size(title_, 14);
    }

    lxw_format* format_of(const Kind& kind) const {
        switch (kind.type) {
            case Kind::Type::Integer: return whole_;
            case Kind::Type::Number: return decimal_;
            case Kind::Type::Date: return date_;
            default: return text_;
        }
    }

    void write_instructions() {
        lxw_worksheet* sheet = x_.workbook_add_worksheet(workbook_, instructions_sheet());
        constexpr double kWidth = 68;  // characters: A4 upright
        x_.worksheet_set_column(sheet, 0, 0, kWidth, wrapped_);
        x_.worksheet_set_tab_color(sheet, 0x70AD47);
        x_.worksheet_set_paper(sheet, 9);
        x_.worksheet_fit_to_pages(sheet, 1, 0);
        int row = 0;
        x_.worksheet_write_string(sheet, row++, 0, "Результаты мониторинга школ: форма для заполнения", title_);
        // A paragraph a cell, its row as high as its lines: programs do not fit
        // the height of a row to wrapped text they did not lay out themselves.
        const auto line = [&](const std::string& text) {
            const double lines = std::ceil(static_cast<double>(utf8::count(text)) / (kWidth * 1.15));
            x_.worksheet_set_row(sheet, static_cast<lxw_row_t>(row), 15 * std::max(1.0, lines), wrapped_);
            x_.worksheet_write_string(sheet, static_cast<lxw_row_t>(row++), 0, text.c_str(), wrapped_);
        };
        line("Книгу читает docgen: по ней составляются отчет о результатах мониторинга региона и аналитические справки "
             "муниципалитетов и школ. Проверить заполненную книгу: docgen indicators книга.xlsx — программа назовет "
             "каждую ошибку с листом, строкой и столбцом.");
        row++;
        x_.worksheet_write_string(sheet, row++, 0, "Листы книги", title_);
        for (const SheetLayout& layout : cluster_layout())
            line("«" + std::string(layout.name) + "» — " + layout.about + (layout.required ? " (обязательный лист)." : "."));
        row++;
        x_.worksheet_write_string(sheet, row++, 0, "Как заполнять", title_);
        for (const char* rule : {
                 "Первая строка каждого листа — заголовки столбцов. Не меняйте их названий; порядок столбцов можно менять, "
                 "лишние столбцы добавлять нельзя.",
                 "Одна строка — одна запись: школа, результат, год. Пустые строки пропускаются.",
                 "Пустая ячейка означает «нет данных», а не «нет» и не ноль: показатель, которому нужны эти данные, "
                 "не будет рассчитан.",
                 "Где в ячейке стрелка списка, выберите значение из списка: да или нет, вид школы, муниципалитет, кластер.",
                 "Числа — цифрами, дробная часть через запятую: -0,58. Даты — ДД.ММ.ГГГГ.",
                 "Школа на листах «Прошлые годы», «Результаты» и «Поддержка» указывается кодом с листа «Школы». "
                 "Год мониторинга указан на листе «Регион»; на листах «Результаты» и «Поддержка» пустой год — год мониторинга.",
                 "Объединенные ячейки допустимы: значение относится ко всем строкам объединения.",
                 "При выборе ячейки появляется подсказка о том, что в нее вносить.",
             })
            line(std::string("• ") + rule);
        x_.worksheet_activate(sheet);
    }

    void write_sheet(const SheetLayout& layout) {
        lxw_worksheet* sheet = x_.workbook_add_worksheet(workbook_, layout.name);
        const bool key_values = *layout.rows_path == 0;
        std::vector<Kind> kinds;
        for (const Column& column : layout.columns) kinds.push_back(kind_of(layout, column));
        if (key_values) {
            x_.worksheet_set_column(sheet, 0, 0, 32, nullptr);
            x_.worksheet_set_column(sheet, 1, 1, 70, text_);
            x_.worksheet_write_string(sheet, 0, 0, "Показатель", header_);
            x_.worksheet_write_string(sheet, 0, 1, "Значение", header_);
            for (size_t k = 0; k < layout.columns.size(); ++k) {
                const int row = static_cast<int>(k) + 1;
                x_.worksheet_write_string(sheet, row, 0, layout.columns[k].header, nullptr);
                if (const json* value = value_at(data_, layout.columns[k].path)) write_value(sheet, row, 1, *value, kinds[k]);
                check(sheet, row, row, 1, layout.columns[k], kinds[k]);
            }
            x_.worksheet_freeze_panes(sheet, 1, 0);
            return;
        }
        for (size_t k = 0; k < layout.columns.size(); ++k) {
            const lxw_col_t c = static_cast<lxw_col_t>(k);
            x_.worksheet_set_column(sheet, c, c, layout.columns[k].width, format_of(kinds[k]));
            x_.worksheet_write_string(sheet, 0, c, layout.columns[k].header, header_);
        }
        x_.worksheet_set_row(sheet, 0, 48, nullptr);
        x_.worksheet_freeze_panes(sheet, 1, 0);
        // Printed on A4 across, as wide as the page, the headers on every page.
        x_.worksheet_set_paper(sheet, 9);
        x_.worksheet_set_landscape(sheet);
        x_.worksheet_fit_to_pages(sheet, 1, 0);
        x_.worksheet_repeat_rows(sheet, 0, 0);
        x_.worksheet_gridlines(sheet, LXW_SHOW_ALL_GRIDLINES);
        const int rows = write_rows(layout, sheet, kinds);
        x_.worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(std::max(rows, 1)),
                                static_cast<lxw_col_t>(layout.columns.size() - 1));
        for (size_t k = 0; k < layout.columns.size(); ++k)
            check(sheet, 1, rows + kSpareRows, static_cast<int>(k), layout.columns[k], kinds[k]);
    }

    // The rows of the data a sheet holds; how many.
    int write_rows(const SheetLayout& layout, lxw_worksheet* sheet, const std::vector<Kind>& kinds) {
        const std::string list = layout.rows_path;
        int row = 0;
        const auto write_row = [&](const json& object, const std::string& school, const json* year, const char* audience) {
            ++row;
            for (size_t k = 0; k < layout.columns.size(); ++k) {
                const Column& column = layout.columns[k];
                const int c = static_cast<int>(k);
                switch (column.role) {
                    case Role::School: write_value(sheet, row, c, school, kinds[k]); break;
                    case Role::Year: if (year) write_value(sheet, row, c, *year, kinds[k]); break;
                    case Role::Audience: write_value(sheet, row, c, audience, kinds[k]); break;
                    case Role::Municipality:
                        if (const json* id = value_at(object, column.path)) write_value(sheet, row, c, municipality_name(*id), kinds[k]);
                        break;
                    case Role::Value:
                        if (const json* value = value_at(object, column.path)) write_value(sheet, row, c, *value, kinds[k]);
                        break;
                }
            }
        };
        const json empty = json::array();
        const auto items = [&](const json& object, const char* key) -> const json& {
            return object.is_object() && object.contains(key) && object.at(key).is_array() ? object.at(key) : empty;
        };
        const json* year = data_.is_object() && data_.contains("year") ? &data_.at("year") : nullptr;
        const auto part = [&](const char* key) -> const json& {
            return data_.is_object() && data_.contains(key) ? data_.at(key) : empty;
        };
        if (list == "report.orders[]") {
            for (const json& order : items(part("report"), "orders")) write_row(order, "", nullptr, "");
        } else if (list == "municipalities[]") {
            for (const json& m : items(data_, "municipalities")) write_row(m, "", nullptr, "");
        } else if (list == "recommendations.school[]") {
            for (const Audience& audience : audiences())
                for (const json& r : items(part("recommendations"), audience.key))
                    write_row(r, "", nullptr, audience.name);
        } else {
            for (const json& school : items(data_, "schools")) {
                const std::string code = school.value("id", "");
                const json& history = items(school, "history");
                if (list == "schools[]") {
                    write_row(school, "", nullptr, "");
                } else if (list == "schools[].history[]") {
                    for (const json& past : history) write_row(past, code, nullptr, "");
                } else if (list == "schools[].assessments[]") {
                    for (const json& result : items(school, "assessments")) write_row(result, code, year, "");
                    for (const json& past : history)
                        for (const json& result : items(past, "assessments")) write_row(result, code, &past.at("year"), "");
                } else if (list == "schools[].support") {
                    if (school.contains("support")) write_row(school.at("support"), code, year, "");
                    for (const json& past : history)
                        if (past.contains("support")) write_row(past.at("support"), code, &past.at("year"), "");
                }
            }
        }
        return row;
    }

    json municipality_name(const json& id) const {
        if (data_.contains("municipalities") && data_["municipalities"].is_array())
            for (const json& m : data_["municipalities"])
                if (m.is_object() && m.value("id", json()) == id && m.contains("name")) return m["name"];
        return id;
    }

    void write_value(lxw_worksheet* sheet, int row, int column, const json& value, const Kind& kind) {
        const lxw_row_t r = static_cast<lxw_row_t>(row);
        const lxw_col_t c = static_cast<lxw_col_t>(column);
        if (value.is_null()) {
            if (kind.type == Kind::Type::TextOrNone) x_.worksheet_write_string(sheet, r, c, "нет", nullptr);
            return;
        }
        if (value.is_boolean()) {
            x_.worksheet_write_string(sheet, r, c, value.get<bool>() ? "да" : "нет", nullptr);
            return;
        }
        if (value.is_number()) {
            x_.worksheet_write_number(sheet, r, c, value.get<double>(), format_of(kind));
            return;
        }
        if (!value.is_string()) {
            x_.worksheet_write_string(sheet, r, c, value.dump().c_str(), nullptr);
            return;
        }
        const std::string text = value.get<std::string>();
        int year = 0, month = 0, day = 0;
        char tail = 0;
        if (kind.type == Kind::Type::Date && std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3) {
            lxw_datetime date{year, month, day, 0, 0, 0};
            x_.worksheet_write_datetime(sheet, r, c, &date, date_);
            return;
        }
        x_.worksheet_write_string(sheet, r, c, text.c_str(), kind.type == Kind::Type::Text ? text_ : nullptr);
    }

    // What a column's cells may hold, checked by the spreadsheet program as they are typed.
    void check(lxw_worksheet* sheet, int first, int last, int column, const Column& layout_column, const Kind& kind) {
        lxw_data_validation validation{};
        std::vector<std::string> choices;
        std::string formula;
        if (layout_column.role == Role::Municipality) {
            formula = "=" + quoted_sheet("Муниципалитеты") + "!$B$2:$B$" + std::to_string(kSpareRows);
        } else if (layout_column.role == Role::School) {
            formula = "=" + quoted_sheet("Школы") + "!$A$2:$A$" + std::to_string(kSpareRows * 20);
        } else if (std::string(layout_column.path).ends_with("cluster")) {
            choices = cluster_codes_;
        } else if (kind.type == Kind::Type::Choice) {
            choices = kind.choices;
        } else if (kind.type == Kind::Type::Boolean) {
            choices = {"да", "нет"};
        }
        std::vector<char*> list;
        if (!formula.empty()) {
            validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
            validation.value_formula = formula.data();
            validation.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;  // a new school's code is not there yet
        } else if (!choices.empty()) {
            validation.validate = LXW_VALIDATION_TYPE_LIST;
            for (std::string& choice : choices) list.push_back(choice.data());
            list.push_back(nullptr);
            validation.value_list = list.data();
        } else if (kind.type == Kind::Type::Integer) {
            validation.validate = LXW_VALIDATION_TYPE_INTEGER;
            validation.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
            validation.minimum_number = kind.minimum.value_or(-1e9);
            validation.maximum_number = kind.maximum.value_or(1e9);
        } else if (kind.type == Kind::Type::Number) {
            validation.validate = LXW_VALIDATION_TYPE_DECIMAL;
            validation.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
            validation.minimum_number = kind.minimum.value_or(-1e9);
            validation.maximum_number = kind.maximum.value_or(1e9);
        } else {
            validation.validate = LXW_VALIDATION_TYPE_ANY;
        }
        std::string title = layout_column.header;
        if (utf8::count(title) > kTitleLength) title.clear();
        std::string message = layout_column.hint;
        if (kind.type == Kind::Type::Integer && kind.minimum)
            message += std::string(message.empty() ? "" : "; ") + "целое число" +
                       (kind.maximum ? " от " + std::to_string(static_cast<int>(*kind.minimum)) + " до " +
                                           std::to_string(static_cast<int>(*kind.maximum))
                                     : ", не меньше " + std::to_string(static_cast<int>(*kind.minimum)));
        if (message.empty() && title.empty() && validation.validate == LXW_VALIDATION_TYPE_ANY) return;
        if (!title.empty()) validation.input_title = title.data();
        if (!message.empty() && message.size() <= 255) validation.input_message = message.data();
        std::string error = "Значение не подходит: " + std::string(message.empty() ? "см. подсказку" : message);
        if (error.size() <= 255) validation.error_message = error.data();
        const lxw_error error_code = x_.worksheet_data_validation_range(
            sheet, static_cast<lxw_row_t>(first), static_cast<lxw_col_t>(column), static_cast<lxw_row_t>(last),
            static_cast<lxw_col_t>(column), &validation);
        if (error_code != LXW_NO_ERROR)
            throw std::runtime_error(std::string("the check of column «") + layout_column.header + "»: " + x_.lxw_strerror(error_code));
    }

    const Xlsx& x_;
    const json& data_;
    const std::vector<std::string>& cluster_codes_;
    lxw_workbook* workbook_ = nullptr;
    lxw_format *header_ = nullptr, *text_ = nullptr, *whole_ = nullptr, *decimal_ = nullptr, *date_ = nullptr,
               *wrapped_ = nullptr, *title_ = nullptr;
};

}  // namespace

void write_cluster_workbook(const std::string& path, const json& data, const std::vector<std::string>& cluster_codes) {
    // libxlsxwriter writes a file by name: into a folder of its own, then the
    // bytes are put in place whole.
    namespace fs = std::filesystem;
    std::string folder = (fs::temp_directory_path() / "docgen-workbook-XXXXXX").string();
    if (!mkdtemp(folder.data())) throw InputError("cannot make a temporary folder for the workbook");
    const std::string temporary = folder + "/workbook.xlsx";
    try {
        Writer(data.is_null() ? json::object() : data, cluster_codes).write(temporary);
        write_file_atomically(path, read_file(temporary, "workbook"));
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(folder, ignored);
        throw;
    }
    std::error_code ignored;
    fs::remove_all(folder, ignored);
}

}  // namespace docgen::sheets
