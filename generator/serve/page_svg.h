// A laid-out page as SVG, for the page's previews: drawn from the same pages
// the PDF is painted from, so text, rules and fills stand where they stand in
// the PDF. Text stays text (Liberation Serif, named as the page serves it),
// so a preview is small and sharp at any zoom.
#pragma once

#include <string>

#include "layout/page.h"
#include "text/font_set.h"

namespace docgen::serve {

// The font family the SVG names first; the page's style sheet binds it to
// the fonts docgen lays out with. Viewed alone, the SVG falls back to
// Liberation Serif or Times New Roman, which have the same metrics.
extern const char* const kPreviewFontFamily;

std::string page_svg(const Page& page, const FontSet& fonts);

}  // namespace docgen::serve
