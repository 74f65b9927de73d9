// CSV as spreadsheet programs save it: UTF-8 with or without a byte order
// mark, UTF-16 with one ("Unicode text"), or Windows-1251 (Excel's "CSV" on a
// Russian Windows); ';' (Russian Excel), ',' or tab between fields; fields in
// quotes may hold the separator, quotes doubled and line breaks.
#include "common/error.h"
#include "common/utf8.h"
#include "sheets/grid.h"

namespace docgen::sheets {

namespace {

// Windows-1251's upper half; 0x98 is unassigned.
constexpr char16_t kWindows1251[128] = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
    0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
};

std::string from_utf16(std::string_view bytes, bool little_endian) {
    std::string out;
    for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
        const auto unit = [&](size_t at) -> char32_t {
            const unsigned char a = static_cast<unsigned char>(bytes[at]), b = static_cast<unsigned char>(bytes[at + 1]);
            return little_endian ? (b << 8 | a) : (a << 8 | b);
        };
        char32_t c = unit(i);
        if (c >= 0xD800 && c < 0xDC00 && i + 3 < bytes.size()) {
            const char32_t low = unit(i + 2);
            if (low >= 0xDC00 && low < 0xE000) {
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                i += 2;
            }
        }
        if (c >= 0xD800 && c < 0xE000) c = 0xFFFD;
        utf8::append(out, c);
    }
    return out;
}

std::string from_windows1251(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char byte : bytes) {
        const unsigned char c = static_cast<unsigned char>(byte);
        if (c < 0x80) out += byte;
        else if (c >= 0xC0) utf8::append(out, 0x0410 + (c - 0xC0));
        else utf8::append(out, kWindows1251[c - 0x80]);
    }
    return out;
}

// The text in UTF-8. A byte order mark of UTF-8 before text that is not
// (a file re-saved by a program that trusted it) does not count.
std::string decoded(std::string_view bytes) {
    if (bytes.substr(0, 2) == "\xFF\xFE") return from_utf16(bytes.substr(2), true);
    if (bytes.substr(0, 2) == "\xFE\xFF") return from_utf16(bytes.substr(2), false);
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (utf8::valid(bytes)) return std::string(bytes);
    return from_windows1251(bytes);
}

// The separator the first line has most of outside quotes; ';' when none.
char separator_of(std::string_view text) {
    size_t semicolons = 0, commas = 0, tabs = 0;
    bool quoted = false;
    for (const char c : text) {
        if (c == '"') quoted = !quoted;
        else if (quoted) continue;
        else if (c == '\n' || c == '\r') break;
        else if (c == ';') ++semicolons;
        else if (c == ',') ++commas;
        else if (c == '\t') ++tabs;
    }
    if (tabs > semicolons && tabs > commas) return '\t';
    return commas > semicolons ? ',' : ';';
}

}  // namespace

Sheet read_csv(std::string_view bytes, const std::string& source, const std::string& sheet_name) {
    std::string text = decoded(bytes);
    // Excel's own hint on the first line: "sep=;".
    char separator = 0;
    if (text.size() >= 5 && text.compare(0, 4, "sep=") == 0 && (text.size() == 5 || text[5] == '\n' || text[5] == '\r')) {
        separator = text[4];
        text.erase(0, text.find('\n') == std::string::npos ? text.size() : text.find('\n') + 1);
    }
    if (!separator) separator = separator_of(text);
    Sheet sheet;
    sheet.name = sheet_name;
    std::vector<Cell> row;
    std::string field;
    bool quoted_field = false;
    const auto end_field = [&] {
        row.push_back(sheet.own_text(Cell::Type::Text, std::move(field)));
        field.clear();
        quoted_field = false;
    };
    const auto end_row = [&] {
        end_field();
        bool any = false;
        for (const Cell& cell : row) any = any || !cell.empty();
        sheet.rows.push_back(any ? std::move(row) : std::vector<Cell>{});
        row.clear();
    };
    size_t line = 1, quote_line = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quote_line) {  // inside quotes
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quote_line = 0;
                }
            } else if (c == '\r') {
                field += '\n';
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                ++line;
            } else {
                if (c == '\n') ++line;
                field += c;
            }
        } else if (c == '"' && field.empty() && !quoted_field) {
            quote_line = line;
            quoted_field = true;
        } else if (c == separator) {
            end_field();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            end_row();
            ++line;
        } else {
            field += c;
        }
    }
    if (quote_line)
        throw InputError(Location::at(source, static_cast<int>(quote_line)),
                         "кавычка, открытая в этой строке, не закрыта до конца файла");
    if (!field.empty() || !row.empty() || quoted_field) end_row();
    while (!sheet.rows.empty() && sheet.rows.back().empty()) sheet.rows.pop_back();
    return sheet;
}

}  // namespace docgen::sheets
