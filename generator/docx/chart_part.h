// A chart as Word keeps it: a DrawingML chart part whose series carry their
// values as caches (what Word and LibreOffice draw), backed by an embedded
// workbook with the same data (what Word opens to edit them).
#pragma once

#include <string>

#include "model/document.h"

namespace docgen {

// word/charts/chartN.xml; `workbook_relationship` is the id, in the chart's
// own relationships, of its embedded workbook.
std::string chart_part(const Chart& chart, const std::string& workbook_relationship);

// The embedded workbook: categories in column A, a column per series.
std::string chart_workbook(const Chart& chart);

}  // namespace docgen
