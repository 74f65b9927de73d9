#include "model/table_grid.h"

#include <algorithm>
#include <string>

#include "common/error.h"

namespace docgen {

TableGrid arrange_grid(const Table& table) {
    TableGrid grid;
    grid.columns = static_cast<int>(table.column_widths.size());
    const int rows = static_cast<int>(table.rows.size());
    if (grid.columns == 0) throw InputError("a table needs at least one column");
    std::vector<std::vector<bool>> covered(rows, std::vector<bool>(grid.columns, false));
    grid.rows.resize(rows);
    for (int r = 0; r < rows; ++r) {
        int c = 0;
        for (const Cell& cell : table.rows[r].cells) {
            while (c < grid.columns && covered[r][c]) ++c;
            const int span = std::max(cell.colspan, 1);
            if (c + span > grid.columns)
                throw InputError("table row " + std::to_string(r + 1) + " has more cells than the table's " +
                                 std::to_string(grid.columns) + " columns");
            const int rowspan = std::clamp(cell.rowspan, 1, rows - r);
            for (int rr = r; rr < r + rowspan; ++rr)
                for (int cc = c; cc < c + span; ++cc) covered[rr][cc] = true;
            grid.rows[r].push_back({&cell, r, c, span, rowspan});
            c += span;
        }
    }
    // Pointers into grid.rows are taken only now that those vectors are complete.
    grid.covering.assign(rows, std::vector<const GridCell*>(grid.columns, nullptr));
    for (const auto& row : grid.rows)
        for (const GridCell& cell : row)
            for (int rr = cell.row; rr < cell.row + cell.rowspan; ++rr)
                for (int cc = cell.column; cc < cell.column + cell.colspan; ++cc) grid.covering[rr][cc] = &cell;
    return grid;
}

}  // namespace docgen
