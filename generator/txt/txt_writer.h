// The document as plain text: one line per paragraph, list markers kept,
// table rows as cells joined by " | ". For reading a document's content
// without a viewer, and for comparing it in tests and documentation.
#pragma once

#include <string>

#include "model/document.h"

namespace docgen {

// No-break spaces print as ordinary spaces; a section after the first
// starts with a line "--- section ---", a page break is "--- page break ---",
// a chart "[диаграмма] title" and a line per category with each series' value.
std::string write_txt(const Document& document);

}  // namespace docgen
