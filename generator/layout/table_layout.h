// A table measured for a text width, then paginated onto pages: header rows
// repeated at the top of every page, a row that fits a page moved whole, a
// row taller than a page split between lines, section rows kept with the row
// after them, and cells spanning rows drawn on every page they reach with
// their text repeated.
#pragma once

#include <string>
#include <vector>

#include "layout/page_cursor.h"
#include "layout/stack.h"
#include "model/document.h"
#include "text/line_breaker.h"

namespace docgen {

class TableLayout {
public:
    // `page_room` is the height of a page's text area; `sources` name the
    // files of paragraphs' origins. InputError when the header with the first
    // lines of the first row is taller than a page.
    TableLayout(const Table& table, double left, double width, double page_room, LineBreaker& breaker,
                const std::vector<std::string>& sources);

    // What must fit on a page for the table to start there: its header and
    // the first two lines of its first body row's cells (all of a row that
    // is not split, and the row a section row is kept with).
    double start_height() const;

    void place(PageCursor& cursor);

private:
    struct CellBox {
        int row, column, rowspan, colspan;
        double x, width;
        VerticalAlign valign;
        Stack content;
        double needed;  // content height plus padding
    };
    // One row, or one part of a split row, placed on a page.
    struct Placement {
        int row;
        int page;
        double top;
        double height;
        bool whole;
        std::vector<std::pair<size_t, size_t>> lines;  // per cell of the row: [from, to)
    };

    void arrange_cells(const Table& table, double left, double width, LineBreaker& breaker);
    void check_header_fits(double page_room, const std::vector<std::string>& sources) const;
    void measure_rows();
    double unit_height(int row) const;
    bool may_split(int row, double fresh_room) const;
    double first_part_height(int row, double fresh_room) const;
    std::vector<size_t> fitting_lines(int row, const std::vector<size_t>& from, double room, bool force) const;
    double fresh_room_ = 0;  // a fresh page's room for body rows, under the repeated header
    void place_header(PageCursor& cursor, bool continuation);
    void open_spans_of(int row);
    void place_row_whole(PageCursor& cursor, int row);
    void place_row_split(PageCursor& cursor, int row);
    void break_page(PageCursor& cursor);
    void stretch_open_spans(PageCursor& cursor);
    void draw(PageCursor& cursor) const;
    void draw_cell_fragment(Page& page, const CellBox& cell, double top, double height, size_t from, size_t to,
                            bool whole) const;

    const Table& table_;
    int header_rows_ = 0;
    std::vector<CellBox> cells_;
    std::vector<std::vector<int>> cells_starting_in_row_;  // indices into cells_
    std::vector<double> row_heights_;
    std::vector<Placement> placements_;
    size_t page_start_ = 0;          // the first of placements_ on the current page
    std::vector<int> open_spans_;    // cells spanning rows, started and not yet finished
};

}  // namespace docgen
