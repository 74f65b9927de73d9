#include "layout/table_layout.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "common/error.h"

namespace docgen {

namespace {

constexpr double kEpsilon = 0.01;
// A tall row is split only where at least this much of it fits; otherwise
// it starts on the next page.
constexpr double kMinimumSplitPart = 36;

bool repeats(RowRole role, HeaderRepeat repeat) {
    switch (repeat) {
        case HeaderRepeat::None: return false;
        case HeaderRepeat::Full: return role == RowRole::Header || role == RowRole::ColumnNumbers;
        case HeaderRepeat::NumbersOnly: return role == RowRole::ColumnNumbers;
    }
    return false;
}

}  // namespace

TableLayout::TableLayout(const Table& table, double left, double width, LineBreaker& breaker) : table_(table) {
    while (header_rows_ < static_cast<int>(table.rows.size()) &&
           (table.rows[header_rows_].role == RowRole::Header ||
            table.rows[header_rows_].role == RowRole::ColumnNumbers))
        ++header_rows_;
    arrange_cells(table, left, width, breaker);
    measure_rows();
}

// Places every cell on the grid as HTML does: a cell takes the next column
// not covered by a cell spanning down from a row above.
void TableLayout::arrange_cells(const Table& table, double left, double width, LineBreaker& breaker) {
    const size_t columns = table.column_widths.size();
    if (columns == 0) throw InputError("a table needs at least one column");
    const double total = std::accumulate(table.column_widths.begin(), table.column_widths.end(), 0.0);
    if (total <= 0) throw InputError("table column widths must be positive");
    std::vector<double> x(columns + 1, left);
    for (size_t c = 0; c < columns; ++c) x[c + 1] = x[c] + width * table.width_fraction * table.column_widths[c] / total;

    const int rows = static_cast<int>(table.rows.size());
    std::vector<std::vector<bool>> covered(rows, std::vector<bool>(columns, false));
    cells_starting_in_row_.assign(rows, {});
    for (int r = 0; r < rows; ++r) {
        size_t c = 0;
        for (const Cell& cell : table.rows[r].cells) {
            while (c < columns && covered[r][c]) ++c;
            const size_t span = static_cast<size_t>(std::max(cell.colspan, 1));
            if (c + span > columns)
                throw InputError("table row " + std::to_string(r + 1) + " has more cells than the table's " +
                                 std::to_string(columns) + " columns");
            const int rowspan = std::clamp(cell.rowspan, 1, rows - r);
            for (int rr = r; rr < r + rowspan; ++rr)
                for (size_t cc = c; cc < c + span; ++cc) covered[rr][cc] = true;
            const double cell_width = x[c + span] - x[c];
            const double text_width = cell_width - 2 * table.cell_padding_horizontal;
            CellBox box{r, static_cast<int>(c), rowspan, static_cast<int>(span), x[c], cell_width, cell.valign,
                        stack_blocks(cell.blocks, text_width, breaker), 0};
            box.needed = box.content.height() + 2 * table.cell_padding_vertical;
            cells_starting_in_row_[r].push_back(static_cast<int>(cells_.size()));
            cells_.push_back(std::move(box));
            c += span;
        }
    }
}

// A row is as tall as its tallest one-row cell; a cell spanning rows that
// needs more than its rows give adds the difference to its last row.
void TableLayout::measure_rows() {
    row_heights_.assign(table_.rows.size(), 0);
    for (const CellBox& cell : cells_)
        if (cell.rowspan == 1) row_heights_[cell.row] = std::max(row_heights_[cell.row], cell.needed);
    for (const CellBox& cell : cells_) {
        if (cell.rowspan == 1) continue;
        const int last = cell.row + cell.rowspan - 1;
        double have = 0;
        for (int r = cell.row; r <= last; ++r) have += row_heights_[r];
        if (cell.needed > have) row_heights_[last] += cell.needed - have;
    }
}

// A body row and, for a section row, the start of the row it is kept with.
double TableLayout::unit_height(int row) const {
    double height = row_heights_[row];
    for (int cell : cells_starting_in_row_[row])
        if (cells_[cell].rowspan > 1) height = std::max(height, cells_[cell].needed);
    const int next = row + 1;
    if (table_.rows[row].keep_with_next && next < static_cast<int>(table_.rows.size()))
        height += std::min(row_heights_[next], kMinimumSplitPart);
    return height;
}

double TableLayout::start_height() const {
    double height = table_.space_before;
    for (int r = 0; r < header_rows_; ++r) height += row_heights_[r];
    if (header_rows_ < static_cast<int>(table_.rows.size())) height += unit_height(header_rows_);
    return height;
}

double TableLayout::fresh_page_room(const PageCursor& cursor) const {
    double room = cursor.capacity();
    for (int r = 0; r < header_rows_; ++r)
        if (repeats(table_.rows[r].role, table_.repeat)) room -= row_heights_[r];
    return room;
}

void TableLayout::place(PageCursor& cursor) {
    if (!cursor.at_top() && start_height() > cursor.remaining() && start_height() <= cursor.capacity())
        cursor.new_page();
    if (!cursor.at_top()) cursor.advance(table_.space_before);
    place_header(cursor, false);
    const double fresh = fresh_page_room(cursor);
    for (int row = header_rows_; row < static_cast<int>(table_.rows.size()); ++row) {
        const double needed = unit_height(row);
        if (needed <= cursor.remaining() + kEpsilon) {
            place_row_whole(cursor, row);
        } else if (row_heights_[row] <= fresh + kEpsilon) {
            break_page(cursor);
            place_row_whole(cursor, row);
        } else {
            if (cursor.remaining() < kMinimumSplitPart) break_page(cursor);
            place_row_split(cursor, row);
        }
    }
    draw(cursor);
    cursor.advance(table_.space_after);
}

void TableLayout::place_header(PageCursor& cursor, bool continuation) {
    for (int r = 0; r < header_rows_; ++r) {
        if (continuation && !repeats(table_.rows[r].role, table_.repeat)) continue;
        place_row_whole(cursor, r);
    }
}

void TableLayout::place_row_whole(PageCursor& cursor, int row) {
    Placement placement{row, cursor.page_index(), cursor.y(), row_heights_[row], true, {}};
    for (int cell : cells_starting_in_row_[row]) placement.lines.push_back({0, cells_[cell].content.lines.size()});
    placements_.push_back(std::move(placement));
    cursor.advance(row_heights_[row]);
}

// Fills the rest of each page with as many lines of each cell as fit, and
// continues on the next page until every cell's lines are placed.
void TableLayout::place_row_split(PageCursor& cursor, int row) {
    const auto& starting = cells_starting_in_row_[row];
    std::vector<size_t> next_line(starting.size(), 0);
    const double padding = 2 * table_.cell_padding_vertical;
    while (true) {
        const double room = cursor.remaining() - padding;
        Placement placement{row, cursor.page_index(), cursor.y(), 0, false, {}};
        bool finished = true;
        double used = 0;
        for (size_t k = 0; k < starting.size(); ++k) {
            const CellBox& cell = cells_[starting[k]];
            const Stack& content = cell.content;
            size_t from = next_line[k];
            size_t to = from;
            if (cell.rowspan == 1) {
                while (to < content.lines.size() && content.height(from, to + 1) <= room + kEpsilon) ++to;
                if (to == from && to < content.lines.size() && cursor.at_top()) ++to;  // always progress
            } else {
                to = content.lines.size();
            }
            if (cell.rowspan == 1) used = std::max(used, content.height(from, to));
            placement.lines.push_back({from, to});
            next_line[k] = to;
            if (to < content.lines.size()) finished = false;
        }
        // Parts before the last fill their page: the table reaches the bottom margin.
        placement.height = finished ? used + padding : cursor.remaining();
        cursor.advance(placement.height);
        placements_.push_back(std::move(placement));
        if (finished) return;
        break_page(cursor);
    }
}

// A cell spanning rows that continues on the next page repeats its text
// there; on this page its part must be tall enough for that text.
void TableLayout::stretch_open_spans(PageCursor& cursor) {
    if (placements_.empty()) return;
    Placement& last = placements_.back();
    if (last.page != cursor.page_index()) return;
    for (const CellBox& cell : cells_) {
        if (cell.rowspan == 1 || cell.row > last.row || cell.row + cell.rowspan - 1 <= last.row) continue;
        double top = last.top;
        for (const Placement& placement : placements_)
            if (placement.page == last.page && placement.row >= cell.row && placement.row <= last.row)
                top = std::min(top, placement.top);
        const double deficit = cell.needed - (last.top + last.height - top);
        if (deficit > 0) {
            const double extra = std::min(deficit, cursor.remaining());
            last.height += extra;
            cursor.advance(extra);
        }
    }
}

void TableLayout::break_page(PageCursor& cursor) {
    stretch_open_spans(cursor);
    cursor.new_page();
    place_header(cursor, true);
}

void TableLayout::draw(PageCursor& cursor) const {
    // Cells of one row: drawn from that row's placements.
    for (const Placement& placement : placements_) {
        const auto& starting = cells_starting_in_row_[placement.row];
        for (size_t k = 0; k < starting.size(); ++k) {
            const CellBox& cell = cells_[starting[k]];
            if (cell.rowspan != 1) continue;
            draw_cell_fragment(cursor.page(placement.page), cell, placement.top, placement.height,
                               placement.lines[k].first, placement.lines[k].second, placement.whole);
        }
    }
    // Cells spanning rows: one fragment per page their rows reach, each with the whole text.
    for (const CellBox& cell : cells_) {
        if (cell.rowspan == 1) continue;
        const Placement* first = nullptr;
        double bottom = 0;
        bool first_fragment = true;
        const auto flush = [&] {
            if (!first) return;
            const double height = bottom - first->top;
            size_t to = cell.content.lines.size();
            // A repeated text that the part cannot hold is cut at a line.
            while (!first_fragment && to > 0 &&
                   cell.content.height(0, to) > height - 2 * table_.cell_padding_vertical + kEpsilon)
                --to;
            draw_cell_fragment(cursor.page(first->page), cell, first->top, height, 0, to, true);
            first_fragment = false;
        };
        for (const Placement& placement : placements_) {
            if (placement.row < cell.row || placement.row >= cell.row + cell.rowspan) continue;
            if (first && placement.page != first->page) {
                flush();
                first = nullptr;
            }
            if (!first) first = &placement;
            bottom = placement.top + placement.height;
        }
        flush();
    }
}

void TableLayout::draw_cell_fragment(Page& page, const CellBox& cell, double top, double height, size_t from,
                                     size_t to, bool whole) const {
    if (table_.borders.visible) {
        const double w = table_.borders.width;
        const double left = cell.x, right = cell.x + cell.width, bottom = top + height;
        page.rules.push_back({left, top, right, top, w});
        page.rules.push_back({left, bottom, right, bottom, w});
        page.rules.push_back({left, top, left, bottom, w});
        page.rules.push_back({right, top, right, bottom, w});
    }
    double offset = table_.cell_padding_vertical;
    if (whole && cell.valign != VerticalAlign::Top) {
        const double free = height - 2 * table_.cell_padding_vertical - cell.content.height(from, to);
        offset += cell.valign == VerticalAlign::Bottom ? free : free / 2;
    }
    draw_stack(page, cell.content, from, to, cell.x + table_.cell_padding_horizontal, top + offset);
}

}  // namespace docgen
