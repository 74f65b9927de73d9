// A sheet as spreadsheet files hold it: cells by row and column, what each
// cell is (text, number, true/false, date), merged ranges and column widths.
// XLSX and CSV are both read into this; the layouts read from it.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace docgen::sheets {

struct Cell {
    enum class Type : char { Empty, Text, Number, Boolean, Error };
    Type type = Type::Empty;
    bool date = false;          // a Number shown as a date (a serial day)
    uint32_t size = 0;          // of the text
    const char* data = nullptr; // Text, Error ("#N/A"): kept by the sheet (Sheet::texts, Sheet::strings)
    double number = 0;          // Number; Boolean: 1 or 0

    std::string_view text() const { return {data, size}; }
    bool empty() const { return type == Type::Empty || (type == Type::Text && blank(text())); }
    static bool blank(std::string_view text);
};

struct Range {
    int first_row = 0, first_column = 0, last_row = 0, last_column = 0;  // from 0, inclusive
};

struct Sheet {
    std::string name;
    std::vector<std::vector<Cell>> rows;  // rows[r][c], from 0; rows may be shorter than others
    std::vector<Range> merged;
    std::vector<double> widths;           // column widths in characters; 0 where not given
    bool date1904 = false;                // serial days count from 1904-01-01
    std::shared_ptr<const std::vector<std::string>> strings;  // the workbook's shared strings, which cells show
    // The cells' own texts, shared by the copies of the sheet, whose cells point into them.
    std::shared_ptr<std::deque<std::string>> texts = std::make_shared<std::deque<std::string>>();

    // A cell of text or of an error, its text kept by the sheet.
    Cell own_text(Cell::Type type, std::string text);

    const Cell& at(int row, int column) const;
    // Every cell of a merged range gets the value of its first cell;
    // `multi_row_only`: only ranges that span rows (a level written once for
    // several rows), not a title spanning a row. InputError naming `source`
    // when the ranges would make millions of cells.
    void spread_merged(bool multi_row_only, const std::string& source);
};

struct Workbook {
    std::string source;       // the file's name, for messages
    std::vector<Sheet> sheets;
};

// "A", "Z", "AA" … for a column from 0.
std::string column_letters(int column);

// The text of a cell as a person sees it: numbers without a needless
// fraction and with a decimal comma, dates as ДД.ММ.ГГГГ, ИСТИНА/ЛОЖЬ as да/нет.
std::string shown_text(const Cell& cell, bool date1904);

// A serial day of a spreadsheet as YYYY-MM-DD; "" when out of 1900..9999.
std::string serial_date(double serial, bool date1904);

// Workbooks and CSV files. Each throws InputError naming `source`.
Workbook read_xlsx(std::string_view bytes, const std::string& source);
// Text in UTF-8 (with or without a byte order mark), UTF-16 with a byte order
// mark, or Windows-1251; fields separated by ';', ',' or tab, whichever the
// first line has most of outside quotes, or as a first line "sep=;" says.
Sheet read_csv(std::string_view bytes, const std::string& source, const std::string& sheet_name);

}  // namespace docgen::sheets
