// XLSX (Office Open XML spreadsheets) read with pugixml from the zip's parts:
// the workbook's sheets and their order, shared strings, the styles that make
// a number a date, and each sheet's cells, merged ranges and column widths.
#include <pugixml.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>

#include "common/error.h"
#include "common/utf8.h"
#include "sheets/grid.h"
#include "sheets/zip_reader.h"

namespace docgen::sheets {

namespace {

// Rows and columns beyond Excel's own limits are refused, not allocated.
constexpr int kMaxRows = 1048576;
constexpr int kMaxColumns = 16384;
// Cells held, counting the empty ones before a row's last: a sheet of
// monitoring data has some hundred thousand.
constexpr size_t kMaxCells = 5'000'000;

// Element names compared without their prefix ("x:c" is "c").
const char* local(const char* name) {
    const char* colon = std::strrchr(name, ':');
    return colon ? colon + 1 : name;
}
bool named(pugi::xml_node node, const char* name) { return std::strcmp(local(node.name()), name) == 0; }
pugi::xml_node child(pugi::xml_node node, const char* name) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
        if (named(c, name)) return c;
    return {};
}
const char* attribute(pugi::xml_node node, const char* name) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute())
        if (std::strcmp(local(a.name()), name) == 0) return a.value();
    return "";
}

// Text of <t> elements, with OOXML's escapes of characters XML cannot hold
// (_x000D_ for a carriage return) decoded; <rPh> (phonetic runs) left out.
void append_text(pugi::xml_node node, std::string& out) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (named(c, "t")) {
            const char* text = c.child_value();
            for (size_t i = 0; text[i];) {
                unsigned code = 0;
                if (text[i] == '_' && text[i + 1] == 'x' && std::strlen(text + i) >= 7 && text[i + 6] == '_' &&
                    std::sscanf(text + i + 2, "%4x", &code) == 1 && std::strspn(text + i + 2, "0123456789abcdefABCDEF") >= 4) {
                    utf8::append(out, static_cast<char32_t>(code));
                    i += 7;
                } else {
                    out += text[i++];
                }
            }
        } else if (named(c, "r")) {
            append_text(c, out);
        }
    }
}

// Line ends of other systems become "\n", as in JSON input.
std::string normalised(std::string text) {
    if (text.find('\r') == std::string::npos) return text;
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\r') out += text[i];
        else if (i + 1 >= text.size() || text[i + 1] != '\n') out += '\n';
    }
    return out;
}

// How a number format shows a number: as it is, as a date, or as true or
// false (LibreOffice saves its booleans so: 1 in the format "TRUE";"TRUE";"FALSE").
enum class Shown : char { Number, Date, Boolean };

bool boolean_format(std::string_view code) {
    return code.find("\"TRUE\"") != std::string_view::npos || code.find("\"ИСТИНА\"") != std::string_view::npos;
}

bool date_format(int id, std::string_view code) {
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) return true;
    if (code.empty()) return false;
    bool quoted = false, bracket = false;
    for (size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"') quoted = !quoted;
        else if (quoted) continue;
        else if (c == '\\' || c == '_' || c == '*') ++i;
        else if (c == '[') bracket = true;
        else if (c == ']') bracket = false;
        else if (!bracket && (c == 'd' || c == 'D' || c == 'y' || c == 'Y')) return true;
    }
    return false;
}

// "F57" → row 56, column 5; false when it is no cell reference.
bool parse_reference(const char* text, int& row, int& column) {
    int c = 0, r = 0, letters = 0, digits = 0;
    for (; *text >= 'A' && *text <= 'Z'; ++text, ++letters) c = c * 26 + (*text - 'A' + 1);
    for (; *text >= '0' && *text <= '9'; ++text, ++digits) r = r * 10 + (*text - '0');
    if (*text || letters == 0 || letters > 3 || digits == 0 || digits > 7 || c > kMaxColumns || r < 1 || r > kMaxRows)
        return false;
    row = r - 1;
    column = c - 1;
    return true;
}

class Reader {
public:
    Reader(std::string_view bytes, const std::string& source) : zip_(bytes, source), source_(source) {}

    Workbook read() {
        const std::string workbook_path = office_document();
        const pugi::xml_document workbook = parse(workbook_path, true);
        const pugi::xml_node root = workbook.document_element();
        const std::string properties = attribute(child(root, "workbookPr"), "date1904");
        date1904_ = properties == "1" || properties == "true";
        const std::map<std::string, std::pair<std::string, std::string>> relations = relationships(workbook_path);
        for (const auto& [id, relation] : relations) {
            const auto& [type, target] = relation;
            if (ends_with(type, "/sharedStrings")) read_shared_strings(target);
            if (ends_with(type, "/styles")) read_styles(target);
        }
        Workbook result;
        result.source = source_;
        for (pugi::xml_node sheet = child(child(root, "sheets"), "sheet"); sheet; sheet = sheet.next_sibling()) {
            if (!named(sheet, "sheet")) continue;
            const auto found = relations.find(attribute(sheet, "id"));
            if (found == relations.end() || !ends_with(found->second.first, "/worksheet")) continue;  // a chart sheet
            result.sheets.push_back(read_sheet(found->second.second, attribute(sheet, "name")));
        }
        if (result.sheets.empty()) fail("в книге нет листов");
        return result;
    }

private:
    [[noreturn]] void fail(const std::string& why) const { throw InputError(source_ + ": книгу не удается прочитать: " + why); }

    static bool ends_with(const std::string& text, const char* end) {
        const size_t n = std::strlen(end);
        return text.size() >= n && text.compare(text.size() - n, n, end) == 0;
    }

    pugi::xml_document parse(const std::string& part, bool required) {
        pugi::xml_document document;
        const std::optional<std::string> content = zip_.read(part);
        if (!content) {
            if (required) fail("в архиве нет части " + part + " (это не книга XLSX?)");
            return document;
        }
        const pugi::xml_parse_result parsed = document.load_buffer(content->data(), content->size());
        if (!parsed) fail("часть " + part + " повреждена: " + parsed.description());
        return document;
    }

    // The workbook part, as the package's relationships name it.
    std::string office_document() {
        for (const auto& [id, relation] : relationships(""))
            if (ends_with(relation.first, "/officeDocument")) return relation.second;
        return "xl/workbook.xml";
    }

    // Id → (type, target as a part's path) of the relationships of a part ("" for the package).
    std::map<std::string, std::pair<std::string, std::string>> relationships(const std::string& part) {
        const size_t slash = part.rfind('/');
        const std::string folder = slash == std::string::npos ? "" : part.substr(0, slash + 1);
        const std::string name = slash == std::string::npos ? part : part.substr(slash + 1);
        const pugi::xml_document document = parse(folder + "_rels/" + name + ".rels", false);
        std::map<std::string, std::pair<std::string, std::string>> result;
        for (pugi::xml_node r = document.document_element().first_child(); r; r = r.next_sibling()) {
            std::string target = attribute(r, "Target");
            if (!target.empty() && target.front() == '/') target.erase(0, 1);
            else target = resolve(folder, target);
            result[attribute(r, "Id")] = {attribute(r, "Type"), target};
        }
        return result;
    }

    static std::string resolve(const std::string& folder, const std::string& target) {
        std::string base = folder;
        std::string rest = target;
        while (rest.rfind("../", 0) == 0) {
            rest.erase(0, 3);
            if (!base.empty()) base.pop_back();
            const size_t slash = base.rfind('/');
            base = slash == std::string::npos ? "" : base.substr(0, slash + 1);
        }
        return base + rest;
    }

    void read_shared_strings(const std::string& part) {
        const pugi::xml_document document = parse(part, false);
        for (pugi::xml_node si = document.document_element().first_child(); si; si = si.next_sibling()) {
            if (!named(si, "si")) continue;
            std::string text;
            append_text(si, text);
            shared_.push_back(normalised(std::move(text)));
        }
    }

    void read_styles(const std::string& part) {
        const pugi::xml_document document = parse(part, false);
        const pugi::xml_node root = document.document_element();
        std::map<int, std::string> codes;
        for (pugi::xml_node f = child(child(root, "numFmts"), "numFmt"); f; f = f.next_sibling())
            codes[std::atoi(attribute(f, "numFmtId"))] = attribute(f, "formatCode");
        for (pugi::xml_node xf = child(child(root, "cellXfs"), "xf"); xf; xf = xf.next_sibling()) {
            if (!named(xf, "xf")) continue;
            const int id = std::atoi(attribute(xf, "numFmtId"));
            const auto code = codes.find(id);
            const std::string_view text = code == codes.end() ? "" : code->second;
            styles_.push_back(boolean_format(text) ? Shown::Boolean : date_format(id, text) ? Shown::Date : Shown::Number);
        }
    }

    Sheet read_sheet(const std::string& part, const std::string& name) {
        const pugi::xml_document document = parse(part, true);
        const pugi::xml_node root = document.document_element();
        Sheet sheet;
        sheet.name = name;
        sheet.date1904 = date1904_;
        for (pugi::xml_node col = child(child(root, "cols"), "col"); col; col = col.next_sibling()) {
            const int first = std::atoi(attribute(col, "min")), last = std::atoi(attribute(col, "max"));
            if (first < 1 || last < first || first > kMaxColumns) continue;
            const int upto = std::min({last, kMaxColumns, first + 255});  // a width for "every column" is no table's
            if (static_cast<int>(sheet.widths.size()) < upto) sheet.widths.resize(upto);
            for (int c = first; c <= upto; ++c) sheet.widths[c - 1] = std::atof(attribute(col, "width"));
        }
        int next_row = 0;
        for (pugi::xml_node row = child(child(root, "sheetData"), "row"); row; row = row.next_sibling()) {
            if (!named(row, "row")) continue;
            const char* number = attribute(row, "r");
            int r = *number ? std::atoi(number) - 1 : next_row;
            if (r < 0 || r >= kMaxRows) fail("лист «" + name + "»: строка с неверным номером " + number);
            next_row = r + 1;
            int next_column = 0;
            for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
                if (!named(c, "c")) continue;
                int cell_row = r, column = next_column;
                const char* reference = attribute(c, "r");
                if (*reference && !parse_reference(reference, cell_row, column))
                    fail("лист «" + name + "»: неверная ссылка на ячейку «" + std::string(reference) + "»");
                next_column = column + 1;
                Cell cell = read_cell(c);
                if (cell.type == Cell::Type::Empty) continue;
                if (static_cast<int>(sheet.rows.size()) <= cell_row) {
                    cells_ += cell_row + 1 - sheet.rows.size();  // an empty row costs about a cell
                    sheet.rows.resize(cell_row + 1);
                }
                std::vector<Cell>& cells = sheet.rows[cell_row];
                if (static_cast<int>(cells.size()) <= column) {
                    cells_ += column + 1 - cells.size();
                    if (cells_ > kMaxCells) fail("в книге больше " + std::to_string(kMaxCells) + " ячеек");
                    cells.resize(column + 1);
                }
                cells[column] = std::move(cell);
            }
        }
        for (pugi::xml_node m = child(child(root, "mergeCells"), "mergeCell"); m; m = m.next_sibling()) {
            const std::string ref = attribute(m, "ref");
            const size_t colon = ref.find(':');
            Range range;
            if (colon == std::string::npos ||
                !parse_reference(ref.substr(0, colon).c_str(), range.first_row, range.first_column) ||
                !parse_reference(ref.substr(colon + 1).c_str(), range.last_row, range.last_column) ||
                range.last_row < range.first_row || range.last_column < range.first_column)
                continue;
            sheet.merged.push_back(range);
        }
        return sheet;
    }

    Cell read_cell(pugi::xml_node c) {
        Cell cell;
        const std::string type = attribute(c, "t");
        const pugi::xml_node value = child(c, "v");
        const char* v = value.child_value();
        if (type == "inlineStr") {
            cell.type = Cell::Type::Text;
            append_text(child(c, "is"), cell.text);
            cell.text = normalised(std::move(cell.text));
        } else if (!value) {
            return cell;  // a styled empty cell, or a formula without a cached value
        } else if (type == "s") {
            const long index = std::strtol(v, nullptr, 10);
            if (index < 0 || index >= static_cast<long>(shared_.size())) fail("ссылка на строку " + std::string(v) + ", которой нет");
            cell.type = Cell::Type::Text;
            cell.text = shared_[index];
        } else if (type == "str" || type == "d") {  // a formula's text; a date as ISO text
            cell.type = Cell::Type::Text;
            cell.text = normalised(v);
        } else if (type == "b") {
            cell.type = Cell::Type::Boolean;
            cell.number = std::strcmp(v, "1") == 0 || std::strcmp(v, "true") == 0;
        } else if (type == "e") {
            cell.type = Cell::Type::Error;
            cell.text = v;
        } else {
            char* end = nullptr;
            cell.number = std::strtod(v, &end);
            if (end == v || *end) {  // not a number after all: keep what it says
                cell.type = Cell::Type::Text;
                cell.text = v;
            } else {
                cell.type = Cell::Type::Number;
                const long style = std::strtol(attribute(c, "s"), nullptr, 10);
                const Shown shown = style >= 0 && style < static_cast<long>(styles_.size()) ? styles_[style] : Shown::Number;
                cell.date = shown == Shown::Date;
                if (shown == Shown::Boolean && (cell.number == 0 || cell.number == 1)) cell.type = Cell::Type::Boolean;
            }
        }
        if (cell.type == Cell::Type::Text && cell.text.empty()) cell.type = Cell::Type::Empty;
        return cell;
    }

    ZipReader zip_;
    std::string source_;
    bool date1904_ = false;
    size_t cells_ = 0;
    std::vector<std::string> shared_;
    std::vector<Shown> styles_;
};

}  // namespace

Workbook read_xlsx(std::string_view bytes, const std::string& source) { return Reader(bytes, source).read(); }

}  // namespace docgen::sheets
