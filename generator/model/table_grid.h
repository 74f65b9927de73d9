// Where each cell of a table sits on the column grid. A cell takes the next
// column not covered by a cell spanning down from a row above, as in HTML;
// both the layout and the DOCX writer (which must write the covered places
// explicitly) need this.
#pragma once

#include <vector>

#include "model/document.h"

namespace docgen {

struct GridCell {
    const Cell* cell;
    int row;
    int column;
    int colspan;
    int rowspan;  // clipped to the rows the table has
};

struct TableGrid {
    int columns = 0;
    std::vector<std::vector<GridCell>> rows;  // the cells starting in each row, left to right
    // For each row and column, the cell covering it (starting there or above), or null.
    std::vector<std::vector<const GridCell*>> covering;
};

// InputError when a row has more cells than the table has columns.
TableGrid arrange_grid(const Table& table);

}  // namespace docgen
