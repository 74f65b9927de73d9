#include "sheets/grid.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/error.h"

namespace docgen::sheets {

bool Cell::blank(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {  // no-break space
            ++i;
            continue;
        }
        return false;
    }
    return true;
}

Cell Sheet::own_text(Cell::Type type, std::string text) {
    Cell cell;
    if (text.empty() && type == Cell::Type::Text) return cell;
    const std::string& kept = texts->emplace_back(std::move(text));
    cell.type = type;
    cell.data = kept.data();
    cell.size = static_cast<uint32_t>(kept.size());
    return cell;
}

const Cell& Sheet::at(int row, int column) const {
    static const Cell empty;
    if (row < 0 || row >= static_cast<int>(rows.size())) return empty;
    const std::vector<Cell>& cells = rows[row];
    return column >= 0 && column < static_cast<int>(cells.size()) ? cells[column] : empty;
}

void Sheet::spread_merged(bool multi_row_only, const std::string& source) {
    // A range reaches no further than the cells there are: a merge over
    // whole rows or columns fills only what holds data.
    constexpr size_t kMaxSpread = 5'000'000;
    size_t added = 0;
    int width = 0;
    for (const std::vector<Cell>& cells : rows) width = std::max(width, static_cast<int>(cells.size()));
    for (const Range& range : merged) {
        if (multi_row_only && range.first_row == range.last_row) continue;
        const Cell first = at(range.first_row, range.first_column);
        if (first.empty()) continue;
        const int last_column = std::min(range.last_column, width - 1);
        for (int r = range.first_row; r <= range.last_row && r < static_cast<int>(rows.size()); ++r) {
            std::vector<Cell>& cells = rows[r];
            if (static_cast<int>(cells.size()) <= last_column) {
                added += last_column + 1 - cells.size();
                if (added > kMaxSpread)
                    throw InputError(source + ": лист «" + name + "»: объединенные ячейки покрывают больше " +
                                     std::to_string(kMaxSpread) + " пустых ячеек");
                cells.resize(last_column + 1);
            }
            for (int c = range.first_column; c <= last_column; ++c)
                if (cells[c].empty()) cells[c] = first;
        }
    }
}

std::string column_letters(int column) {
    std::string letters;
    for (int n = column + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    return letters;
}

std::string serial_date(double serial, bool date1904) {
    if (!std::isfinite(serial) || serial < (date1904 ? 0 : 1) || serial > 2958465) return "";
    long days = static_cast<long>(std::floor(serial));
    // Days from 1970-01-01. The 1900 system counts a 29 February 1900 that
    // never was (as Lotus 1-2-3 did): serial 60; from 61 on it is one day ahead.
    if (date1904) days += -24107;
    else if (days >= 61) days += -25569;
    else if (days == 60) return "1900-02-29";
    else days += -25568;
    // Civil date from days (H. Hinnant's algorithm).
    days += 719468;
    const long era = (days >= 0 ? days : days - 146096) / 146097;
    const long doe = days - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long day = doy - (153 * mp + 2) / 5 + 1;
    const long month = mp < 10 ? mp + 3 : mp - 9;
    const long year = yoe + era * 400 + (month <= 2);
    char text[64];
    std::snprintf(text, sizeof text, "%04ld-%02ld-%02ld", year, month, day);
    return text;
}

std::string shown_text(const Cell& cell, bool date1904) {
    switch (cell.type) {
        case Cell::Type::Empty: return "";
        case Cell::Type::Text:
        case Cell::Type::Error: return std::string(cell.text());
        case Cell::Type::Boolean: return cell.number != 0 ? "да" : "нет";
        case Cell::Type::Number: break;
    }
    if (cell.date) {
        const std::string iso = serial_date(cell.number, date1904);
        if (!iso.empty()) return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
    }
    char text[32];
    if (std::nearbyint(cell.number) == cell.number && std::fabs(cell.number) < 1e15)
        std::snprintf(text, sizeof text, "%.0f", cell.number);
    else
        std::snprintf(text, sizeof text, "%.15g", cell.number);
    std::string out = text;
    for (char& c : out)
        if (c == '.') c = ',';
    return out;
}

}  // namespace docgen::sheets
