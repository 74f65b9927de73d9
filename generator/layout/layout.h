// Layout: turns the document model into pages for a painter. It measures with
// the fonts' metrics, breaks and hyphenates lines, paginates paragraphs and
// tables (repeated headers, rows kept whole or split, no lone lines), and
// numbers the pages of each section.
#pragma once

#include <memory>
#include <vector>

#include "layout/page.h"
#include "model/document.h"
#include "text/font_set.h"
#include "text/hyphenator.h"

namespace docgen {

std::vector<Page> lay_out(const Document& document, const FontSet& fonts,
                          std::shared_ptr<const Hyphenator> hyphenator);

}  // namespace docgen
