// Cluster results from the sheets of a workbook (layout.h), every row's
// object remembered with its row, and the problems found in them, by this
// reader or by the schema and the checks across records, named by cell.
#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "common/schema_validator.h"
#include "domain/schema_check.h"
#include "domain/schools.h"
#include "sheets/grid.h"
#include "sheets/layout.h"
#include "sheets/sheets.h"
#include "sheets/values.h"

namespace docgen::sheets {

using nlohmann::json;

namespace {

std::string quoted(const std::string& text) { return "«" + text + "»"; }

std::string names_of(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) out += (out.empty() ? "" : ", ") + quoted(name);
    return out;
}

// The keys of a dotted path: "isbs.value" → isbs, value.
std::vector<std::string> keys_of(const std::string& path) {
    std::vector<std::string> keys(1);
    for (const char c : path) {
        if (c == '.') keys.emplace_back();
        else keys.back() += c;
    }
    return keys;
}

// Sets a value at the keys inside an object, making the objects on the way.
void set_at(json& object, const std::vector<std::string>& keys, json value) {
    json* at = &object;
    for (size_t k = 0; k + 1 < keys.size(); ++k) at = &(*at)[keys[k]];
    (*at)[keys.back()] = std::move(value);
}
void set_at(json& object, const std::string& path, json value) { set_at(object, keys_of(path), std::move(value)); }

// What a column of a list's sheet is known by in Origins: the path of its
// value in the row's object; the year of a school's facts is theirs.
std::string column_key(const Column& column) {
    switch (column.role) {
        case Role::School: return "#school";
        case Role::Year: return "year";
        case Role::Audience: return "#document";
        default: return column.path;
    }
}

// Whether the schema requires a column's value in every row.
bool required(const SheetLayout& sheet, const Column& column) {
    if (column.role == Role::School) return true;
    if (column.role != Role::Value && column.role != Role::Municipality) return false;
    std::string parent = sheet.rows_path;
    std::string path = column.path;
    for (;;) {
        const size_t dot = path.find('.');
        const std::string key = path.substr(0, dot);
        const json* schema = domain::cluster_results_schema().schema_at(parent);
        if (!schema || !schema->contains("required")) return false;
        const json& keys = schema->at("required");
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) return false;
        if (dot == std::string::npos) return true;
        parent += (parent.empty() ? "" : ".") + key;
        path = path.substr(dot + 1);
    }
}

class Reader {
public:
    explicit Reader(Workbook workbook) : workbook_(std::move(workbook)) {
        origins_->source = workbook_.source;
    }

    SheetData read() {
        std::map<std::string, const SheetLayout*> layouts;
        for (const SheetLayout& layout : cluster_layout()) layouts[normalised_name(layout.name)] = &layout;
        std::map<const SheetLayout*, Sheet*> found;
        std::vector<std::string> expected;
        for (const SheetLayout& layout : cluster_layout()) expected.push_back(layout.name);
        for (Sheet& sheet : workbook_.sheets) {
            const std::string name = normalised_name(sheet.name);
            if (name == normalised_name(instructions_sheet())) continue;
            const auto layout = layouts.find(name);
            if (layout == layouts.end()) {
                bool filled = false;
                for (const auto& row : sheet.rows)
                    for (const Cell& cell : row) filled = filled || !cell.empty();
                if (filled) sheet_problem(sheet.name, "неизвестный лист; листы книги: " + names_of(expected));
            } else if (found.count(layout->second)) {
                sheet_problem(sheet.name, "лист " + quoted(layout->second->name) + " в книге уже есть");
            } else {
                found[layout->second] = &sheet;
            }
        }
        for (const SheetLayout& layout : cluster_layout()) {
            const auto sheet = found.find(&layout);
            if (sheet == found.end()) {
                if (layout.required) problems_.push_back({Location{}, "в книге нет листа " + quoted(layout.name)});
                absent_sheets_.insert(layout.name);
                if (*layout.rows_path == 0) fill_key_values(layout, false);
                continue;
            }
            if (*layout.rows_path == 0) read_key_values(layout, *sheet->second);
            else read_rows(layout, *sheet->second);
        }
        if (year_ <= 0)  // without the year of monitoring, the years of a school's facts cannot be told apart
            for (const char* name : {"Прошлые годы", "Результаты", "Поддержка"}) incomplete_sheets_.insert(name);
        if (!problems_.empty()) fail_with_checks();
        return {std::move(data_), std::move(origins_)};
    }

private:
    struct Place {
        int sheet;
        int row;
        int column;  // -1: the whole row
    };

    // A problem of a whole sheet: the checks across records say nothing more of it.
    void sheet_problem(const std::string& sheet, const std::string& message) {
        Location where;
        where.sheet = sheet;
        problems_.push_back({where, message});
        incomplete_sheets_.insert(sheet);
    }

    // A problem of a cell: the checks after reading say nothing more of its row.
    void problem(const Place& place, const std::string& message) {
        problems_.push_back({origins_->locate_cell(place.sheet, place.row, place.column), message});
        flagged_rows_.insert(row_key(problems_.back().where));
    }
    static std::string row_key(const Location& where) { return where.sheet + "\n" + std::to_string(where.row); }

    // A value that passes the schema at a JSON path ("schools[].pupils"), in
    // place of one that is wrong or missing: the data is never used, but the
    // checks run on it, and what they say of the rows so marked is dropped.
    static json stand_in(const std::string& path) {
        const json* schema = domain::cluster_results_schema().schema_at(path);
        if (!schema) return nullptr;
        if (schema->contains("enum")) return schema->at("enum").front();
        const json type = schema->value("type", json("string"));
        if (type.is_array()) return nullptr;  // text or null
        if (type == "integer") return static_cast<std::int64_t>(schema->value("minimum", 0.0));
        if (type == "number") return 0.0;
        if (type == "boolean") return false;
        if (type == "array") return json::array();
        if (type == "object") {
            json object = json::object();
            for (const json& key : schema->value("required", json::array()))
                object[key.get<std::string>()] = stand_in(path + "." + key.get<std::string>());
            return object;
        }
        return schema->contains("pattern") ? "2000-01-01" : "?";
    }

    // Stand-ins for the required values of a key-value sheet that it lacks;
    // `report`: say so.
    void fill_key_values(const SheetLayout& layout, bool report) {
        for (const Column& column : layout.columns) {
            if (key_rows_.count(column.path) || !required(layout, column)) continue;
            if (report) {
                Location where;
                where.sheet = origins_->sheets.back().name;
                problems_.push_back({where, "нет строки " + quoted(column.header)});
            }
            set_at(data_, column.path, stand_in(column.path));
            if (std::string(column.path) == "year") year_ = -1;
        }
    }

    int add_sheet(const Sheet& sheet) {
        Origins::SheetColumns columns;
        columns.name = sheet.name;
        origins_->sheets.push_back(std::move(columns));
        return static_cast<int>(origins_->sheets.size()) - 1;
    }

    void read_key_values(const SheetLayout& layout, Sheet& sheet) {
        sheet.spread_merged(false, workbook_.source);
        const int index = add_sheet(sheet);
        Origins::SheetColumns& columns = origins_->sheets[index];
        columns.columns.push_back({"", 1});
        columns.headers = {"Показатель", "Значение"};
        std::vector<std::string> labels;
        for (const Column& column : layout.columns) labels.push_back(column.header);
        for (int r = 0; r < static_cast<int>(sheet.rows.size()); ++r) {
            const Cell& label = sheet.at(r, 0);
            if (label.empty()) continue;
            const std::string name = normalised_name(shown_text(label, sheet.date1904));
            if (name == "показатель") continue;  // the header
            const auto column = std::find_if(layout.columns.begin(), layout.columns.end(),
                                             [&](const Column& c) { return normalised_name(c.header) == name; });
            if (column == layout.columns.end()) {
                problem({index, r, 0}, "неизвестный показатель; показатели листа: " + names_of(labels));
                continue;
            }
            if (key_rows_.count(column->path)) {
                problem({index, r, 0}, "показатель уже указан в строке " + std::to_string(key_rows_.at(column->path) + 1));
                continue;
            }
            key_rows_[column->path] = r;
            Origins::Entry entry;
            entry.list = column->path;
            entry.at = {index, r};
            origins_->entries.push_back(entry);
            std::string why;
            const Kind kind = kind_of(layout, *column);
            const std::optional<json> value = cell_value(sheet.at(r, 1), kind, sheet.date1904, why);
            const bool year = std::string(column->path) == "year";
            if (!value) {
                problem({index, r, 1}, why);
                set_at(data_, column->path, stand_in(column->path));
                if (year) year_ = -1;
            } else if (!value->is_discarded()) {
                set_at(data_, column->path, *value);
                if (year && value->is_number_integer()) year_ = value->get<int>();
            }
        }
        fill_key_values(layout, true);
    }

    // The row of headers: the first of the sheet's first rows that names its first column.
    int header_row(const SheetLayout& layout, const Sheet& sheet) const {
        const std::string first = normalised_name(layout.columns.front().header);
        for (int r = 0; r < std::min<int>(20, static_cast<int>(sheet.rows.size())); ++r)
            for (const Cell& cell : sheet.rows[r])
                if (cell.type == Cell::Type::Text && normalised_name(cell.text()) == first) return r;
        return -1;
    }

    void read_rows(const SheetLayout& layout, Sheet& sheet) {
        sheet.spread_merged(false, workbook_.source);
        const int index = add_sheet(sheet);
        const int header = header_row(layout, sheet);
        if (header < 0) {
            sheet_problem(sheet.name, "не найдена строка заголовков: в первых 20 строках нет столбца " +
                                          quoted(layout.columns.front().header));
            return;
        }
        // Columns of the sheet by the layout's column.
        std::vector<int> at(layout.columns.size(), -1);
        std::vector<std::string> headers;
        for (const Column& column : layout.columns) headers.push_back(column.header);
        Origins::SheetColumns& columns = origins_->sheets[index];
        const std::vector<Cell>& titles = sheet.rows[header];
        columns.headers.resize(titles.size());
        for (int c = 0; c < static_cast<int>(titles.size()); ++c) {
            if (titles[c].empty()) continue;
            const std::string title = trimmed(shown_text(titles[c], sheet.date1904));
            columns.headers[c] = title;
            const std::string name = normalised_name(title);
            const auto column = std::find_if(layout.columns.begin(), layout.columns.end(),
                                             [&](const Column& k) { return normalised_name(k.header) == name; });
            if (column == layout.columns.end()) {
                problem({index, header, c}, "неизвестный столбец; столбцы листа: " + names_of(headers));
                continue;
            }
            const size_t k = column - layout.columns.begin();
            if (at[k] >= 0) {
                problem({index, header, c}, "столбец уже есть: " + column_letters(at[k]));
                continue;
            }
            at[k] = c;
            columns.columns.push_back({column_key(*column), c});
        }
        for (size_t k = 0; k < layout.columns.size(); ++k) {
            if (at[k] >= 0) continue;
            columns.absent.push_back(column_key(layout.columns[k]));
            columns.absent_headers.push_back(layout.columns[k].header);
            if (required(layout, layout.columns[k])) {
                sheet_problem(sheet.name, "нет столбца " + quoted(layout.columns[k].header));
                columns.missing.insert(column_key(layout.columns[k]));
            }
        }
        std::vector<Kind> kinds;
        std::vector<std::vector<std::string>> keys;
        for (const Column& column : layout.columns) {
            kinds.push_back(kind_of(layout, column));
            keys.push_back(keys_of(column.path));
        }
        if (layout.columns.front().role == Role::Value && std::string(layout.rows_path) == "schools[]") index_municipalities();
        for (int r = header + 1; r < static_cast<int>(sheet.rows.size()); ++r) {
            bool filled = false;
            for (size_t k = 0; k < at.size(); ++k) filled = filled || (at[k] >= 0 && !sheet.at(r, at[k]).empty());
            if (!filled) continue;
            json object = json::object();
            for (size_t k = 0; k < layout.columns.size(); ++k)
                if (at[k] < 0 && columns_missing(index, layout.columns[k]) && layout.columns[k].role != Role::School)
                    set_at(object, layout.columns[k].path, stand_in(std::string(layout.rows_path) + "." + layout.columns[k].path));
            std::string school;
            std::optional<int> year;
            std::string audience;
            bool usable = true;
            for (size_t k = 0; k < layout.columns.size(); ++k) {
                if (at[k] < 0) continue;
                const Column& column = layout.columns[k];
                std::string why;
                const std::optional<json> value = cell_value(sheet.at(r, at[k]), kinds[k], sheet.date1904, why);
                if (!value) {
                    problem({index, r, at[k]}, why);
                    if (column.role != Role::Value && column.role != Role::Municipality) usable = false;
                    else set_at(object, column.path, stand_in(std::string(layout.rows_path) + "." + column.path));
                    continue;
                }
                if (value->is_discarded()) continue;
                switch (column.role) {
                    case Role::Value: set_at(object, keys[k], std::move(*value)); break;
                    case Role::Municipality: set_at(object, keys[k], municipality_id(value->get<std::string>())); break;
                    case Role::School: school = value->get<std::string>(); break;
                    case Role::Year: year = value->get<int>(); break;
                    case Role::Audience: audience = value->get<std::string>(); break;
                }
            }
            if (!usable) continue;
            place_row(layout, {index, r, -1}, std::move(object), school, year, audience, at);
        }
    }

    bool columns_missing(int sheet, const Column& column) const {
        return origins_->sheets[sheet].missing.count(column_key(column)) > 0;
    }

    // The municipalities by code and by name, for the schools that name them either way.
    void index_municipalities() {
        if (!data_.contains("municipalities")) return;
        for (const json& m : data_["municipalities"]) {
            if (!m.contains("id") || !m["id"].is_string()) continue;
            const std::string id = m["id"];
            municipalities_.emplace(id, id);
            if (m.contains("name") && m["name"].is_string()) municipality_names_.emplace(normalised_name(m["name"].get<std::string>()), id);
        }
    }

    std::string municipality_id(const std::string& given) const {
        if (municipalities_.count(given)) return given;
        const auto found = municipality_names_.find(normalised_name(given));
        return found != municipality_names_.end() ? found->second : given;  // the checks across records name it
    }

    // Where a row's object goes in the data.
    void place_row(const SheetLayout& layout, const Place& place, json object, const std::string& school,
                   std::optional<int> year, const std::string& audience, const std::vector<int>& at) {
        const std::string list = layout.rows_path;
        const auto school_column = [&] {
            for (size_t k = 0; k < layout.columns.size(); ++k)
                if (layout.columns[k].role == Role::School) return at[k];
            return -1;
        };
        Origins::Entry entry;
        entry.at = {place.sheet, place.row};
        if (list == "report.orders[]" || list == "municipalities[]" || list == "schools[]") {
            json& items = list == "report.orders[]" ? data_["report"]["orders"] : list == "schools[]" ? data_["schools"]
                                                                                                     : data_["municipalities"];
            if (list == "schools[]") {
                object["assessments"] = json::array();
                schools_.emplace(object.value("id", ""), items.size());
            }
            entry.list = list == "report.orders[]" ? "report.orders" : list == "schools[]" ? "schools" : "municipalities";
            entry.item = static_cast<int>(items.size());
            items.push_back(std::move(object));
        } else if (list == "recommendations.school[]") {
            if (audience.empty()) {
                problem({place.sheet, place.row, -1}, "не указан документ: " + names_of({"справка школы", "справка муниципалитета", "отчет региона"}));
                return;
            }
            entry.list = "recommendations";
            for (const Audience& a : audiences())
                if (a.name == audience) entry.key = a.key;
            json& items = data_["recommendations"][entry.key];
            entry.item = static_cast<int>(items.size());
            items.push_back(std::move(object));
        } else {
            // Rows of a school: its earlier years, results, support.
            const auto found = schools_.find(school);
            if (school.empty() || found == schools_.end()) {
                problem({place.sheet, place.row, school_column()},
                        school.empty() ? "не указан код школы" : "школы с кодом " + quoted(school) + " нет на листе «Школы»");
                return;
            }
            json& record = data_["schools"][found->second];
            entry.list = "schools";
            entry.item = static_cast<int>(found->second);
            if (list == "schools[].history[]") {
                json& history = record["history"];
                entry.history = static_cast<int>(history.size());
                history.push_back(std::move(object));
            } else {
                json* facts = &record;
                if (year && *year != year_) {
                    json& history = record["history"];
                    size_t h = 0;
                    while (h < history.size() && history[h].value("year", 0) != *year) ++h;
                    if (h == history.size()) {
                        history.push_back({{"year", *year}});
                        Origins::Entry created = entry;  // the year made by this row
                        created.history = static_cast<int>(h);
                        origins_->entries.push_back(created);
                    }
                    facts = &history[h];
                    entry.history = static_cast<int>(h);
                }
                if (list == "schools[].assessments[]") {
                    json& results = (*facts)["assessments"];
                    entry.part = "assessments";
                    entry.part_item = static_cast<int>(results.size());
                    results.push_back(std::move(object));
                } else {
                    entry.part = "support";
                    const auto [given, first] = support_rows_.emplace(std::pair(entry.item, entry.history), place.row);
                    if (!first) {
                        problem({place.sheet, place.row, -1},
                                "поддержка этой школы за этот год уже указана в строке " + std::to_string(given->second + 1));
                        return;
                    }
                    (*facts)["support"] = std::move(object);
                }
            }
        }
        origins_->entries.push_back(entry);
    }

    // The reader's own problems and those of the schema and the checks
    // across records, each once. A value the reader or the schema refuses
    // gets a stand-in that the schema takes, so that the checks across
    // records run too; they say nothing of rows with a problem already, nor
    // of sheets that lack a column.
    [[noreturn]] void fail_with_checks() {
        std::vector<Problem> problems = std::move(problems_);
        const auto keep = [&](const std::vector<Problem>& found, bool across) {
            if (found.empty()) return;
            const InputError relocated = origins_->relocated(InputError(workbook_.source, "", found));
            for (const Problem& later : relocated.problems()) {
                if (absent_sheets_.count(later.where.sheet)) continue;
                if (across && (incomplete_sheets_.count(later.where.sheet) || flagged_rows_.count(row_key(later.where))))
                    continue;
                problems.push_back(later);
            }
        };
        const std::vector<Problem> schema = domain::schema_problems(data_);
        keep(schema, false);
        for (const Problem& problem : schema) {
            set_path(data_, problem.where.json_path, stand_in(problem.where.json_path));
            bool dropped = false;
            if (const std::optional<Location> where = origins_->locate(problem.where.json_path, dropped))
                flagged_rows_.insert(row_key(*where));
        }
        if (domain::schema_problems(data_).empty()) {
            try {
                domain::read_cluster_results(data_, workbook_.source);
            } catch (const InputError& error) {
                keep(error.problems(), true);
            }
        }
        throw Origins::listing(workbook_.source, std::move(problems));
    }

    // Sets the value at a JSON path of the data ("schools[3].isbs.value"), making the objects on the way.
    static void set_path(json& data, const std::string& path, json value) {
        json* at = &data;
        std::string token;
        const auto step = [&] {
            if (token.empty()) return;
            if (std::isdigit(static_cast<unsigned char>(token[0])) && at->is_array()) {
                const size_t index = std::stoul(token);
                if (index < at->size()) at = &(*at)[index];
            } else if (at->is_object() || at->is_null()) {
                at = &(*at)[token];
            }
            token.clear();
        };
        for (const char c : path) {
            if (c == '.' || c == '[' || c == ']') step();
            else token += c;
        }
        step();
        *at = std::move(value);
    }

    Workbook workbook_;
    json data_ = json::object();
    std::shared_ptr<Origins> origins_ = std::make_shared<Origins>();
    std::vector<Problem> problems_;
    std::set<std::string> absent_sheets_;      // required sheets the workbook lacks
    std::set<std::string> incomplete_sheets_;  // sheets with a problem of the whole sheet
    std::set<std::string> flagged_rows_;    // rows with a problem of a cell
    std::map<std::string, size_t> schools_;  // a school's code → its index
    std::map<std::string, std::string> municipalities_, municipality_names_;  // code, name → code
    std::map<std::string, int> key_rows_;                    // a key-value's path → its row
    std::map<std::pair<int, int>, int> support_rows_;        // a school and year (−1: this year) → the row of its support
    int year_ = 0;  // of monitoring; 0 or less: unknown
};

// The checks' messages in a clerk's words.
std::string in_russian(const std::string& message) {
    static const std::vector<std::pair<std::regex, const char*>> translations = [] {
        std::vector<std::pair<std::regex, const char*>> list;
        for (const auto& [pattern, text] : std::vector<std::pair<const char*, const char*>>{
                 {R"(is missing)", "не заполнено"},
                 {R"(must not be empty)", "не заполнено"},
                 {R"(must be (\d+)\.\.(\d+) for (.+))", "для $3 класс должен быть от $1 до $2"},
                 {R"(must be (\d+) for (.+))", "для $2 класс должен быть $1"},
                 {R"(must be at least (.+))", "должно быть не меньше $1"},
                 {R"(must be at most (.+))", "должно быть не больше $1"},
                 {R"(must be (-?[\d.]+)\.\.(-?[\d.]+))", "должно быть от $1 до $2"},
                 {R"(must be one of: (.+))", "ожидается одно из значений: $1"},
                 {R"(must match .*)", "ожидается дата ДД.ММ.ГГГГ"},
                 {R"(unknown key '(.+)')", "неизвестное поле «$1»"},
                 {R"rx("(.+)" is used twice)rx", "код «$1» уже есть в другой строке"},
                 {R"rx("(.+)" is not among the municipalities)rx", "муниципалитета «$1» нет на листе «Муниципалитеты»"},
                 {R"(\((\d+)\) exceeds the participants \((\d+)\))", "низких результатов ($1) больше, чем участников ($2)"},
                 {R"(\((\d+)\) exceeds the participants less low \((\d+)\))",
                  "высоких результатов ($1) больше, чем участников без низких результатов ($2)"},
                 {R"(\((\d+)\) must be before the data's year (\d+))", "год $1 должен быть раньше года мониторинга $2"},
                 {R"(\((\d+)\) is given twice)", "год $1 указан дважды"},
                 {R"rx("(.+)" is not a school of the data)rx", "школы с кодом «$1» нет на листе «Школы»"},
                 {R"(is the school itself)", "школа не может быть наставником самой себе"},
                 {R"(exceeds low_achieving \+ failing)", "больше, чем слабоуспевающих и неуспевающих вместе"},
                 {R"(exceeds failing)", "больше, чем неуспевающих"},
                 {R"(exceeds presented)", "больше, чем представлено практик"},
                 {R"(is removed but was not found)", "дефицит указан устраненным, но не выявленным"},
                 {R"(the cluster (.+) of (\d+) is not among the rules' clusters)", "кластера $1 ($2 год) нет среди кластеров правил"},
                 {R"(the cluster (.+) is not among the rules' clusters)", "кластера $1 нет среди кластеров правил"},
                 {R"(no classification rule gives it a cluster)", "ни одно правило классификации не относит школу к кластеру"},
             })
            list.emplace_back(std::regex(pattern), text);
        return list;
    }();
    for (const auto& [pattern, text] : translations)
        if (std::regex_match(message, pattern)) return std::regex_replace(message, pattern, text);
    return message;
}

}  // namespace

Location Origins::locate_cell(int sheet, int row, int column) const {
    Location where;
    where.file = source;
    where.sheet = sheets[sheet].name;
    where.row = row + 1;
    if (column >= 0) {
        where.cell_column = column_letters(column);
        if (column < static_cast<int>(sheets[sheet].headers.size())) where.header = sheets[sheet].headers[column];
    }
    return where;
}

std::string Origins::Entry::path() const {
    if (item < 0) return list;
    std::string out = list;
    if (*key) out.append(".").append(key);
    out.append("[").append(std::to_string(item)).append("]");
    if (history >= 0) out.append(".history[").append(std::to_string(history)).append("]");
    if (*part) out.append(".").append(part);
    if (part_item >= 0) out.append("[").append(std::to_string(part_item)).append("]");
    return out;
}

const std::unordered_map<std::string, Origins::Row>& Origins::rows() const {
    if (rows_.empty())
        for (const Entry& entry : entries) rows_.emplace(entry.path(), entry.at);
    return rows_;
}

std::optional<Location> Origins::locate(const std::string& json_path, bool& dropped) const {
    dropped = false;
    std::string prefix = json_path;
    const std::unordered_map<std::string, Row>& rows = this->rows();
    for (;;) {
        const auto found = rows.find(prefix);
        if (found != rows.end()) {
            std::string rest = json_path.substr(prefix.size());
            if (!rest.empty() && rest.front() == '.') rest.erase(0, 1);
            const SheetColumns& sheet = sheets[found->second.sheet];
            const auto within = [&](const std::string& path) {
                return path == rest || (!rest.empty() && path.rfind(rest + ".", 0) == 0);
            };
            for (const auto& [path, column] : sheet.columns)
                if (path.empty() || within(path)) return locate_cell(found->second.sheet, found->second.row, column);
            Location where = locate_cell(found->second.sheet, found->second.row, -1);
            for (size_t k = 0; k < sheet.absent.size(); ++k) {
                if (!within(sheet.absent[k])) continue;
                dropped = sheet.missing.count(sheet.absent[k]) > 0;  // "нет столбца" says it once
                where.header = sheet.absent_headers[k];
                break;
            }
            return where;
        }
        const size_t cut = prefix.find_last_of(".[");
        if (cut == std::string::npos || cut == 0) break;
        prefix.resize(cut);
    }
    // No row holds it: a line of a key-value sheet, or a list without rows.
    for (const SheetLayout& layout : cluster_layout()) {
        Location where;
        where.file = source;
        where.sheet = layout.name;
        if (json_path + "[]" == layout.rows_path) return where;
        for (const Column& column : layout.columns)
            if (*layout.rows_path == 0 && (column.path == json_path || std::string(column.path).rfind(json_path + ".", 0) == 0)) {
                where.header = column.header;
                return where;
            }
    }
    return std::nullopt;
}

InputError Origins::listing(const std::string& source, std::vector<Problem> problems) {
    // In the order of the workbook: sheet by sheet, row by row.
    std::map<std::string, size_t> order;
    for (const SheetLayout& layout : cluster_layout()) order.emplace(layout.name, order.size());
    std::stable_sort(problems.begin(), problems.end(), [&](const Problem& a, const Problem& b) {
        const auto rank = [&](const Location& where) {
            const auto found = order.find(where.sheet);
            return std::tuple(where.sheet.empty() ? 0 : found == order.end() ? 1 : 2 + found->second, where.row,
                              where.cell_column.size(), where.cell_column);
        };
        return rank(a.where) < rank(b.where);
    });
    for (Problem& problem : problems) problem.where.file.clear();  // the heading names the file
    const size_t count = problems.size();
    return InputError(std::move(problems), source + ": в книге ошибки (" + std::to_string(count) + "):");
}

InputError Origins::relocated(const InputError& error) const {
    std::vector<Problem> problems;
    std::set<std::string> seen;
    for (const Problem& problem : error.problems()) {
        if (problem.where.json_path.empty() && problem.where.record.empty()) {
            problems.push_back(problem);
            continue;
        }
        bool dropped = false;
        const std::optional<Location> where = locate(problem.where.json_path, dropped);
        if (dropped) continue;
        if (!where) {
            problems.push_back(problem);
            continue;
        }
        std::string message = in_russian(problem.message);
        if (where->row == 0 && !where->header.empty()) {  // a line of «Регион» that is not there
            message = (problem.message == "is missing" ? "нет строки " : "строка " + quoted(where->header) + ": ") +
                      (problem.message == "is missing" ? quoted(where->header) : message);
            Location sheet_only = *where;
            sheet_only.header.clear();
            problems.push_back({sheet_only, message});
        } else if (where->row == 0 && where->header.empty() &&
                   (problem.message == "must not be empty" || problem.message == "is missing")) {
            problems.push_back({*where, "нет ни одной строки"});
        } else {
            problems.push_back({*where, message});
        }
        if (!seen.insert(problems.back().text()).second) problems.pop_back();
    }
    return listing(source, std::move(problems));
}

SheetData read_cluster_results_sheets(Workbook workbook) { return Reader(std::move(workbook)).read(); }

}  // namespace docgen::sheets
