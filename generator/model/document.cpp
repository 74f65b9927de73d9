#include "model/document.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/error.h"

namespace docgen {

bool is_known_font_family(std::string_view family) {
    return std::find(std::begin(kFontFamilies), std::end(kFontFamilies), family) != std::end(kFontFamilies);
}

russian::Date creation_day(const Metadata& metadata) {
    return russian::parse_date(metadata.date).value_or(russian::Date{2000, 1, 1});
}

SheetSize sheet_size(const PageSetup& page) {
    const double longer = std::max(page.width, page.height), shorter = std::min(page.width, page.height);
    return page.landscape ? SheetSize{longer, shorter} : SheetSize{shorter, longer};
}

double text_width(const PageSetup& page) { return sheet_size(page).width - page.margin_left - page.margin_right; }

std::vector<double> column_widths(const Table& table, double text_width) {
    const double total = std::accumulate(table.column_widths.begin(), table.column_widths.end(), 0.0);
    if (!(total > 0) || !std::isfinite(total)) throw InputError("a table's column widths must add up to a positive width");
    std::vector<double> widths;
    for (double width : table.column_widths) widths.push_back(text_width * table.width_fraction * width / total);
    return widths;
}

}  // namespace docgen
