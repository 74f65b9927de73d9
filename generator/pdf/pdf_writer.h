// Paints laid-out pages into a PDF with libharu: fonts embedded as subsets
// with a correct /ToUnicode map, text and rules, document information.
#pragma once

#include <string>
#include <vector>

#include "layout/page.h"
#include "model/document.h"

namespace docgen {

// The PDF file's bytes. The same pages and metadata give the same bytes.
std::string write_pdf(const std::vector<Page>& pages, const Metadata& metadata);

}  // namespace docgen
