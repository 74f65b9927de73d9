// XLSX (Office Open XML spreadsheets) read with pugixml from the zip's parts:
// the workbook's sheets and their order, shared strings, the styles that make
// a number a date, and each sheet's cells, merged ranges and column widths.
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
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
bool same_local(const char* name, const char* wanted) {
    if (std::strcmp(name, wanted) == 0) return true;
    const char* colon = std::strchr(name, ':');
    return colon && std::strcmp(colon + 1, wanted) == 0;
}
bool named(pugi::xml_node node, const char* name) { return same_local(node.name(), name); }
pugi::xml_node child(pugi::xml_node node, const char* name) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
        if (named(c, name)) return c;
    return {};
}
const char* attribute(pugi::xml_node node, const char* name) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute())
        if (same_local(a.name(), name)) return a.value();
    return "";
}

// A text with OOXML's escapes of characters XML cannot hold (_x000D_ for a
// carriage return) decoded.
void append_unescaped(std::string_view text, std::string& out) {
    for (size_t i = 0; i < text.size();) {
        if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_' &&
            std::all_of(text.begin() + i + 2, text.begin() + i + 6, [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) {
            utf8::append(out, static_cast<char32_t>(std::stoul(std::string(text.substr(i + 2, 4)), nullptr, 16)));
            i += 7;
        } else {
            out += text[i++];
        }
    }
}

// Text of <t> elements; <rPh> (phonetic runs) left out.
void append_text(pugi::xml_node node, std::string& out) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (named(c, "t")) append_unescaped(c.child_value(), out);
        else if (named(c, "r")) append_text(c, out);
    }
}

// A worksheet's XML read as a stream of tags, without building a tree: the
// sheets hold most of a workbook's bytes, and a tree of them took three
// times as long to build as the cells took to read. Comments, processing
// instructions, CDATA and the five entities and character references of XML
// are understood; entities a document type would declare are not expanded.
class TagStream {
    static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

public:
    struct Tag {
        std::string_view name;        // without its prefix
        std::string_view attributes;  // the text between the name and the end
        bool closing = false;         // </name>
        bool empty = false;           // <name/>
    };

    explicit TagStream(std::string_view xml) : xml_(xml) {}
    bool damaged() const { return damaged_; }
    void set_damaged() { damaged_ = true; }

    // The value of a cell written as most programs write it, <v>…</v></c>
    // with no entity in the value, taken at once; nullopt for any other form.
    std::optional<std::string_view> plain_value() {
        const std::string_view rest = xml_.substr(at_);
        if (!rest.starts_with("<v>")) return std::nullopt;
        size_t end = 3;
        while (end < rest.size() && rest[end] != '<' && rest[end] != '&') ++end;
        if (!rest.substr(end).starts_with("</v></c>")) return std::nullopt;
        at_ += end + 8;
        return rest.substr(3, end - 3);
    }

    // The next tag; false at the end or where the XML is cut short (damaged()).
    bool next(Tag& tag) {
        for (;;) {
            const size_t open = xml_.find('<', at_);
            if (open == std::string_view::npos) return false;
            const std::string_view rest = xml_.substr(open);
            const auto skip_to = [&](std::string_view end) {
                const size_t found = xml_.find(end, open);
                if (found == std::string_view::npos) return damaged_ = true, false;
                at_ = found + end.size();
                return true;
            };
            if (rest.starts_with("<!--")) {
                if (!skip_to("-->")) return false;
            } else if (rest.starts_with("<![CDATA[")) {
                if (!skip_to("]]>")) return false;
            } else if (rest.starts_with("<?")) {
                if (!skip_to("?>")) return false;
            } else if (rest.starts_with("<!")) {
                if (!skip_to(">")) return false;
            } else {
                return read_tag(open, tag);
            }
        }
    }

    // The text from here to the next tag, its entities and CDATA decoded.
    std::string text() {
        std::string out;
        while (at_ < xml_.size()) {
            const size_t open = xml_.find('<', at_);
            const size_t end = open == std::string_view::npos ? xml_.size() : open;
            append_decoded(xml_.substr(at_, end - at_), out);
            at_ = end;
            if (xml_.substr(at_).starts_with("<![CDATA[")) {
                const size_t close = xml_.find("]]>", at_);
                if (close == std::string_view::npos) return damaged_ = true, out;
                out.append(xml_.substr(at_ + 9, close - at_ - 9));
                at_ = close + 3;
            } else {
                break;
            }
        }
        return out;
    }

    // Skips to the end of the element just opened.
    void skip_element(std::string_view name) {
        Tag tag;
        while (next(tag))
            if (tag.closing && tag.name == name) return;
    }

    // Each attribute's name (without its prefix) and value, as it is written
    // (the attributes read here need no decoding).
    template <typename Visit>
    static void each_attribute(std::string_view attributes, Visit&& visit) {
        size_t i = 0;
        const size_t n = attributes.size();
        while (i < n) {
            while (i < n && is_space(attributes[i])) ++i;
            const size_t key_start = i;
            while (i < n && attributes[i] != '=' && !is_space(attributes[i])) ++i;
            std::string_view key = attributes.substr(key_start, i - key_start);
            while (i < n && is_space(attributes[i])) ++i;
            if (i >= n || attributes[i] != '=') return;
            ++i;
            while (i < n && is_space(attributes[i])) ++i;
            if (i >= n || (attributes[i] != '"' && attributes[i] != '\'')) return;
            const char quote = attributes[i++];
            const size_t value_start = i;
            while (i < n && attributes[i] != quote) ++i;
            if (i >= n) return;
            if (const size_t colon = key.find(':'); colon != std::string_view::npos) key.remove_prefix(colon + 1);
            visit(key, attributes.substr(value_start, i - value_start));
            ++i;
        }
    }

    static std::string_view attribute(std::string_view attributes, std::string_view name) {
        std::string_view found;
        each_attribute(attributes, [&](std::string_view key, std::string_view value) {
            if (key == name && found.empty()) found = value;
        });
        return found;
    }

private:
    bool read_tag(size_t open, Tag& tag) {
        // The end of the tag: the first '>' outside quotes.
        size_t end = open + 1;
        char quote = 0;
        for (; end < xml_.size(); ++end) {
            const char c = xml_[end];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                break;
            }
        }
        if (end >= xml_.size()) return damaged_ = true, false;
        std::string_view inside = xml_.substr(open + 1, end - open - 1);
        at_ = end + 1;
        tag.closing = !inside.empty() && inside.front() == '/';
        if (tag.closing) inside.remove_prefix(1);
        tag.empty = !inside.empty() && inside.back() == '/';
        if (tag.empty) inside.remove_suffix(1);
        size_t name_end = 0;
        while (name_end < inside.size() && !is_space(inside[name_end])) ++name_end;
        tag.name = inside.substr(0, name_end);
        if (const size_t colon = tag.name.find(':'); colon != std::string_view::npos) tag.name.remove_prefix(colon + 1);
        tag.attributes = inside.substr(name_end);
        return true;
    }

    static void append_decoded(std::string_view text, std::string& out) {
        for (size_t i = 0; i < text.size(); ++i) {
            if (text[i] != '&') {
                out += text[i];
                continue;
            }
            const size_t semicolon = text.find(';', i);
            const std::string_view entity = semicolon == std::string_view::npos ? "" : text.substr(i + 1, semicolon - i - 1);
            char32_t code = 0;
            if (entity == "lt") code = '<';
            else if (entity == "gt") code = '>';
            else if (entity == "amp") code = '&';
            else if (entity == "quot") code = '"';
            else if (entity == "apos") code = '\'';
            else if (entity.size() > 1 && entity.size() < 10 && entity[0] == '#') {
                const bool hex = entity[1] == 'x' || entity[1] == 'X';
                const std::string digits(entity.substr(hex ? 2 : 1));
                char* stop = nullptr;
                const unsigned long value = std::strtoul(digits.c_str(), &stop, hex ? 16 : 10);
                if (!digits.empty() && *stop == 0 && value > 0 && value <= 0x10FFFF) code = static_cast<char32_t>(value);
            }
            if (code == 0) {
                out += '&';  // not an entity this reader knows: as it is
                continue;
            }
            utf8::append(out, code);
            i = semicolon;
        }
    }

    std::string_view xml_;
    size_t at_ = 0;
    bool damaged_ = false;
};

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
        if (!utf8::valid(*content)) fail("часть " + part + " не в кодировке UTF-8");
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
        auto strings = std::make_shared<std::vector<std::string>>();
        for (pugi::xml_node si = document.document_element().first_child(); si; si = si.next_sibling()) {
            if (!named(si, "si")) continue;
            std::string text;
            append_text(si, text);
            strings->push_back(normalised(std::move(text)));
        }
        shared_ = std::move(strings);
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
            const std::string_view text = code == codes.end() ? std::string_view() : std::string_view(code->second);
            styles_.push_back(boolean_format(text) ? Shown::Boolean : date_format(id, text) ? Shown::Date : Shown::Number);
        }
    }

    Sheet read_sheet(const std::string& part, const std::string& name) {
        const std::optional<std::string> xml = zip_.read(part);
        if (!xml) fail("в архиве нет части " + part);
        if (!utf8::valid(*xml)) fail("часть " + part + " не в кодировке UTF-8");
        Sheet sheet;
        sheet.name = name;
        sheet.date1904 = date1904_;
        sheet.strings = shared_;
        const auto number = [](std::string_view text) { return std::atof(std::string(text).c_str()); };
        TagStream stream(*xml);
        TagStream::Tag tag;
        int next_row = 0, next_column = 0;
        std::string root;  // the document element, which must end the document
        bool ended = false;
        while (stream.next(tag)) {
            if (root.empty()) {
                root = tag.name;
                ended = tag.empty;
            } else if (tag.closing && tag.name == root) {
                ended = true;
            }
            if (tag.closing) continue;
            if (tag.name == "col") {
                const int first = static_cast<int>(number(TagStream::attribute(tag.attributes, "min")));
                const int last = static_cast<int>(number(TagStream::attribute(tag.attributes, "max")));
                if (first < 1 || last < first || first > kMaxColumns) continue;
                const int upto = std::min({last, kMaxColumns, first + 255});  // a width for "every column" is no table's
                if (static_cast<int>(sheet.widths.size()) < upto) sheet.widths.resize(upto);
                for (int c = first; c <= upto; ++c) sheet.widths[c - 1] = number(TagStream::attribute(tag.attributes, "width"));
            } else if (tag.name == "row") {
                const std::string_view given = TagStream::attribute(tag.attributes, "r");
                const int r = given.empty() ? next_row : static_cast<int>(number(given)) - 1;
                if (r < 0 || r >= kMaxRows) fail("лист «" + name + "»: строка с неверным номером " + std::string(given));
                next_row = r + 1;
                next_column = 0;
            } else if (tag.name == "c") {
                int cell_row = next_row > 0 ? next_row - 1 : 0, column = next_column;
                std::string_view reference, type, style;
                TagStream::each_attribute(tag.attributes, [&](std::string_view key, std::string_view value) {
                    if (key == "r") reference = value;
                    else if (key == "t") type = value;
                    else if (key == "s") style = value;
                });
                if (!reference.empty() && !parse_reference(std::string(reference).c_str(), cell_row, column))
                    fail("лист «" + name + "»: неверная ссылка на ячейку «" + std::string(reference) + "»");
                next_column = column + 1;
                Cell cell = tag.empty ? Cell{} : read_cell(stream, type, style, sheet);
                if (cell.type == Cell::Type::Empty) continue;
                if (static_cast<int>(sheet.rows.size()) <= cell_row) {
                    cells_ += cell_row + 1 - sheet.rows.size();  // an empty row costs about a cell
                    if (cells_ > kMaxCells) fail("в книге больше " + std::to_string(kMaxCells) + " ячеек");
                    sheet.rows.resize(cell_row + 1);
                }
                std::vector<Cell>& cells = sheet.rows[cell_row];
                if (static_cast<int>(cells.size()) <= column) {
                    cells_ += column + 1 - cells.size();
                    if (cells_ > kMaxCells) fail("в книге больше " + std::to_string(kMaxCells) + " ячеек");
                    cells.resize(column + 1);
                }
                cells[column] = std::move(cell);
            } else if (tag.name == "mergeCell") {
                const std::string ref(TagStream::attribute(tag.attributes, "ref"));
                const size_t colon = ref.find(':');
                Range range;
                if (colon == std::string::npos ||
                    !parse_reference(ref.substr(0, colon).c_str(), range.first_row, range.first_column) ||
                    !parse_reference(ref.substr(colon + 1).c_str(), range.last_row, range.last_column) ||
                    range.last_row < range.first_row || range.last_column < range.first_column)
                    continue;
                sheet.merged.push_back(range);
            }
        }
        if (stream.damaged() || !ended) fail("часть " + part + " повреждена: XML обрывается");
        return sheet;
    }

    // A cell from its attributes and, in the stream, its children up to </c>.
    Cell read_cell(TagStream& stream, std::string_view type, std::string_view style, Sheet& sheet) {
        std::string value, inline_text;
        bool has_value = false, in_inline = false;
        TagStream::Tag tag;
        bool closed = false;
        if (const std::optional<std::string_view> plain = stream.plain_value()) {
            value = *plain;
            has_value = closed = true;
        } else while (stream.next(tag)) {
            if (tag.closing) {
                if (tag.name == "c") {
                    closed = true;
                    break;
                }
                if (tag.name == "is") in_inline = false;
                continue;
            }
            if (tag.empty) continue;
            if (tag.name == "v") {
                value = stream.text();
                has_value = true;
            } else if (tag.name == "is") {
                in_inline = true;
            } else if (tag.name == "t" && in_inline) {
                append_unescaped(stream.text(), inline_text);
            } else if (tag.name == "f" || tag.name == "rPh") {
                stream.skip_element(tag.name);
            }
        }
        if (!closed) stream.set_damaged();
        Cell cell;
        if (type == "inlineStr") {
            cell = sheet.own_text(Cell::Type::Text, normalised(std::move(inline_text)));
        } else if (!has_value) {
            return cell;  // a formula without a cached value
        } else if (type == "s") {
            size_t index = 0;
            const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), index);
            if (error != std::errc() || end != value.data() + value.size() || !shared_ || index >= shared_->size())
                fail("ссылка на строку " + value + ", которой нет");
            const std::string& text = (*shared_)[index];
            cell.type = text.empty() ? Cell::Type::Empty : Cell::Type::Text;
            cell.data = text.data();
            cell.size = static_cast<uint32_t>(text.size());
        } else if (type == "str" || type == "d") {  // a formula's text; a date as ISO text
            cell = sheet.own_text(Cell::Type::Text, normalised(std::move(value)));
        } else if (type == "b") {
            cell.type = Cell::Type::Boolean;
            cell.number = value == "1" || value == "true";
        } else if (type == "e") {
            cell = sheet.own_text(Cell::Type::Error, std::move(value));
        } else {
            const char* first = value.data();
            const char* last = first + value.size();
            if (first != last && *first == '+') ++first;
            const auto [end, error] = std::from_chars(first, last, cell.number);
            if (error != std::errc() || end != last || !std::isfinite(cell.number)) {  // not a number after all: keep what it says
                cell = sheet.own_text(Cell::Type::Text, std::move(value));
            } else {
                cell.type = Cell::Type::Number;
                size_t index = 0;
                std::from_chars(style.data(), style.data() + style.size(), index);
                const Shown shown = index < styles_.size() ? styles_[index] : Shown::Number;
                cell.date = shown == Shown::Date;
                if (shown == Shown::Boolean && (cell.number == 0 || cell.number == 1)) cell.type = Cell::Type::Boolean;
            }
        }
        return cell;
    }

    ZipReader zip_;
    std::string source_;
    bool date1904_ = false;
    size_t cells_ = 0;
    std::shared_ptr<std::vector<std::string>> shared_;
    std::vector<Shown> styles_;
};

}  // namespace

Workbook read_xlsx(std::string_view bytes, const std::string& source) { return Reader(bytes, source).read(); }

}  // namespace docgen::sheets
