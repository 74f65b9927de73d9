#include "layout/table_layout.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "common/error.h"
#include "model/table_grid.h"

namespace docgen {

namespace {

constexpr double kEpsilon = 0.01;

bool repeats(RowRole role, HeaderRepeat repeat) {
    switch (repeat) {
        case HeaderRepeat::None: return false;
        case HeaderRepeat::Full: return role == RowRole::Header || role == RowRole::ColumnNumbers;
        case HeaderRepeat::NumbersOnly: return role == RowRole::ColumnNumbers;
    }
    return false;
}

}  // namespace

TableLayout::TableLayout(const Table& table, double left, double width, double page_room, LineBreaker& breaker,
                         const std::vector<std::string>& sources)
    : table_(table) {
    while (header_rows_ < static_cast<int>(table.rows.size()) &&
           (table.rows[header_rows_].role == RowRole::Header ||
            table.rows[header_rows_].role == RowRole::ColumnNumbers))
        ++header_rows_;
    arrange_cells(table, left, width, breaker);
    measure_rows();
    fresh_room_ = page_room;
    for (int r = 0; r < header_rows_; ++r)
        if (repeats(table_.rows[r].role, table_.repeat)) fresh_room_ -= row_heights_[r];
    check_header_fits(page_room, sources);
}

// A header that leaves no room on a page for the first lines of a row could
// never be followed by any: the table is refused, naming its first title.
void TableLayout::check_header_fits(double page_room, const std::vector<std::string>& sources) const {
    if (header_rows_ == 0 || start_height() - table_.space_before <= page_room + kEpsilon) return;
    std::string where;
    if (!table_.rows.front().cells.empty()) {
        const auto paragraphs = paragraphs_of(table_.rows.front().cells.front().blocks, "a table cell");
        if (!paragraphs.empty()) where = origin_prefix(*paragraphs.front(), sources);
    }
    const auto mm_text = [](double points) { return std::to_string(static_cast<int>(points / kPointsPerMm + 0.5)) + " mm"; };
    throw InputError(where + "the table's header rows with the first lines of its first row are " +
                     mm_text(start_height() - table_.space_before) + " tall, more than a page's " + mm_text(page_room) +
                     ": shorten the column titles or widen their columns");
}

void TableLayout::arrange_cells(const Table& table, double left, double width, LineBreaker& breaker) {
    const TableGrid grid = arrange_grid(table);
    const std::vector<double> widths = column_widths(table, width);
    std::vector<double> x(grid.columns + 1, left);
    for (int c = 0; c < grid.columns; ++c) x[c + 1] = x[c] + widths[static_cast<size_t>(c)];
    cells_starting_in_row_.assign(grid.rows.size(), {});
    for (const auto& row : grid.rows) {
        for (const GridCell& placed : row) {
            const double cell_width = x[placed.column + placed.colspan] - x[placed.column];
            const double text_width = cell_width - 2 * table.cell_padding_horizontal;
            // Column titles are not hyphenated unless a word is wider than its column.
            const Hyphenation hyphenation = placed.row < header_rows_ ? Hyphenation::LastResort : Hyphenation::Allowed;
            CellBox box{placed.row, placed.column, placed.rowspan, placed.colspan, x[placed.column], cell_width,
                        placed.cell->valign, stack_blocks(placed.cell->blocks, text_width, breaker, hyphenation), 0};
            box.needed = box.content.height() + 2 * table.cell_padding_vertical;
            cells_starting_in_row_[placed.row].push_back(static_cast<int>(cells_.size()));
            cells_.push_back(std::move(box));
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

// Whether a row that reaches the page's bottom may be split there.
bool TableLayout::may_split(int row, double fresh_room) const {
    if (table_.rows[row].keep_with_next) return false;
    return !table_.keep_rows_whole || row_heights_[row] > fresh_room + kEpsilon;
}

// The least of a row that must share a page with the row kept with it.
double TableLayout::first_part_height(int row, double fresh_room) const {
    if (!may_split(row, fresh_room)) return std::min(row_heights_[row], fresh_room);
    double height = 0;
    for (int index : cells_starting_in_row_[row]) {
        const Stack& content = cells_[index].content;
        // A cell of three lines or fewer cannot split without leaving one alone.
        const size_t lines = content.lines.size() <= 3 ? content.lines.size() : 2;
        if (cells_[index].rowspan == 1) height = std::max(height, content.height(0, lines));
    }
    return std::min(row_heights_[row], height + 2 * table_.cell_padding_vertical);
}

// A body row and, for a section row, the start of the row it is kept with.
double TableLayout::unit_height(int row) const {
    double height = row_heights_[row];
    for (int cell : cells_starting_in_row_[row])
        if (cells_[cell].rowspan > 1) height = std::max(height, cells_[cell].needed);
    const int next = row + 1;
    if (table_.rows[row].keep_with_next && next < static_cast<int>(table_.rows.size()))
        height += first_part_height(next, fresh_room_);
    return height;
}

double TableLayout::start_height() const {
    double height = table_.space_before;
    for (int r = 0; r < header_rows_; ++r) height += row_heights_[r];
    const int first = header_rows_;
    if (first < static_cast<int>(table_.rows.size()))
        height += table_.rows[first].keep_with_next ? unit_height(first) : first_part_height(first, fresh_room_);
    return height;
}

// How many lines of each one-row cell, continuing from `from`, go on this
// page: as many as fit in `room`, but never one line of a cell alone on
// either side of the break. Forced (at a fresh page's top), at least one
// line goes, so that a row taller than a page always makes progress.
std::vector<size_t> TableLayout::fitting_lines(int row, const std::vector<size_t>& from, double room,
                                               bool force) const {
    const auto& starting = cells_starting_in_row_[row];
    std::vector<size_t> to(starting.size());
    // The split must carry on the cell with the most left to place: a row
    // whose number sits on one page and whose text starts on the next is no split.
    size_t tallest = 0;
    double tallest_height = -1;
    for (size_t k = 0; k < starting.size(); ++k) {
        const CellBox& cell = cells_[starting[k]];
        const double left = cell.rowspan > 1 ? 0 : cell.content.height(from[k], cell.content.lines.size());
        if (left > tallest_height) {
            tallest = k;
            tallest_height = left;
        }
    }
    bool progress = false;
    for (size_t k = 0; k < starting.size(); ++k) {
        const CellBox& cell = cells_[starting[k]];
        const size_t count = cell.content.lines.size();
        size_t end = from[k];
        if (cell.rowspan > 1) {
            to[k] = count;  // drawn whole in every fragment
            continue;
        }
        while (end < count && cell.content.height(from[k], end + 1) <= room + kEpsilon) ++end;
        if (end < count && count - end < 2) end = std::max(from[k], count >= 2 ? count - 2 : 0);  // no widow
        if (end < count && from[k] == 0 && end < 2) end = 0;                                    // no orphan
        to[k] = end;
        if (k == tallest) progress = end > from[k];
    }
    if (!progress && force) {
        for (size_t k = 0; k < starting.size(); ++k) {
            const CellBox& cell = cells_[starting[k]];
            if (cell.rowspan > 1) continue;
            while (to[k] < cell.content.lines.size() && cell.content.height(from[k], to[k] + 1) <= room + kEpsilon)
                ++to[k];
            if (to[k] == from[k] && to[k] < cell.content.lines.size()) ++to[k];
        }
        progress = true;
    }
    if (!progress) return {};
    // A row's first part is fair: every cell with text shows its first lines
    // there, or the whole row moves on.
    if (!force)
        for (size_t k = 0; k < starting.size(); ++k)
            if (from[k] == 0 && to[k] == 0 && !cells_[starting[k]].content.lines.empty() && cells_[starting[k]].rowspan == 1)
                return {};
    return to;
}

void TableLayout::place(PageCursor& cursor) {
    if (!cursor.at_top() && start_height() > cursor.remaining() && start_height() <= cursor.capacity())
        cursor.new_page();
    if (!cursor.at_top()) cursor.advance(table_.space_before);
    place_header(cursor, false);
    const double padding = 2 * table_.cell_padding_vertical;
    for (int row = header_rows_; row < static_cast<int>(table_.rows.size()); ++row) {
        if (unit_height(row) <= cursor.remaining() + kEpsilon) {
            place_row_whole(cursor, row);
            continue;
        }
        const std::vector<size_t> start(cells_starting_in_row_[row].size(), 0);
        if (may_split(row, fresh_room_) && !fitting_lines(row, start, cursor.remaining() - padding, false).empty()) {
            place_row_split(cursor, row);
            continue;
        }
        break_page(cursor);
        if (row_heights_[row] <= cursor.remaining() + kEpsilon) place_row_whole(cursor, row);
        else place_row_split(cursor, row);
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

void TableLayout::open_spans_of(int row) {
    for (int cell : cells_starting_in_row_[row])
        if (cells_[cell].rowspan > 1) open_spans_.push_back(cell);
}

void TableLayout::place_row_whole(PageCursor& cursor, int row) {
    open_spans_of(row);
    Placement placement{row, cursor.page_index(), cursor.y(), row_heights_[row], true, {}};
    for (int cell : cells_starting_in_row_[row]) placement.lines.push_back({0, cells_[cell].content.lines.size()});
    placements_.push_back(std::move(placement));
    cursor.advance(row_heights_[row]);
}

// Fills the rest of each page with the lines of each cell that fit, and
// continues on the next page until every cell's lines are placed.
void TableLayout::place_row_split(PageCursor& cursor, int row) {
    const auto& starting = cells_starting_in_row_[row];
    open_spans_of(row);
    std::vector<size_t> next_line(starting.size(), 0);
    const double padding = 2 * table_.cell_padding_vertical;
    while (true) {
        const std::vector<size_t> to = fitting_lines(row, next_line, cursor.remaining() - padding, cursor.at_top());
        if (to.empty()) {  // nothing fits under what is already on this page
            break_page(cursor);
            continue;
        }
        Placement placement{row, cursor.page_index(), cursor.y(), 0, false, {}};
        bool finished = true;
        double used = 0;
        for (size_t k = 0; k < starting.size(); ++k) {
            const CellBox& cell = cells_[starting[k]];
            placement.lines.push_back({next_line[k], to[k]});
            if (cell.rowspan == 1) used = std::max(used, cell.content.height(next_line[k], to[k]));
            if (to[k] < cell.content.lines.size()) finished = false;
            next_line[k] = to[k];
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
// there; on this page its part must be tall enough for that text. Only the
// spans open at the break and the placements of this page are looked at, so
// that a long table costs time in proportion to its rows.
void TableLayout::stretch_open_spans(PageCursor& cursor) {
    if (placements_.empty()) return;
    Placement& last = placements_.back();
    if (last.page != cursor.page_index()) return;
    std::erase_if(open_spans_, [&](int index) {
        const CellBox& cell = cells_[index];
        return cell.row + cell.rowspan - 1 <= last.row;
    });
    for (int index : open_spans_) {
        const CellBox& cell = cells_[index];
        double top = last.top;
        for (size_t p = page_start_; p < placements_.size(); ++p)
            if (placements_[p].row >= cell.row) top = std::min(top, placements_[p].top);
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
    page_start_ = placements_.size();
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
    // Where each row's placements start: placements_ are in row order.
    std::vector<size_t> first_placement(table_.rows.size() + 1, placements_.size());
    for (size_t p = placements_.size(); p-- > 0;) first_placement[placements_[p].row] = p;
    for (size_t r = table_.rows.size(); r-- > 0;) first_placement[r] = std::min(first_placement[r], first_placement[r + 1]);
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
        // Header rows repeat on every page: their placements are looked at all.
        const bool header = cell.row < header_rows_;
        for (size_t p = header ? 0 : first_placement[cell.row]; p < placements_.size(); ++p) {
            const Placement& placement = placements_[p];
            if (placement.row >= cell.row + cell.rowspan) {
                if (header) continue;
                break;
            }
            if (placement.row < cell.row) continue;
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
        page.rules.push_back({left, top, right, top, w, {}});
        page.rules.push_back({left, bottom, right, bottom, w, {}});
        page.rules.push_back({left, top, left, bottom, w, {}});
        page.rules.push_back({right, top, right, bottom, w, {}});
    }
    double offset = table_.cell_padding_vertical;
    if (whole && cell.valign != VerticalAlign::Top) {
        const double free = height - 2 * table_.cell_padding_vertical - cell.content.height(from, to);
        offset += cell.valign == VerticalAlign::Bottom ? free : free / 2;
    }
    draw_stack(page, cell.content, from, to, cell.x + table_.cell_padding_horizontal, top + offset);
}

}  // namespace docgen
