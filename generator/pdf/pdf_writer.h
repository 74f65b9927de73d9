// Paints laid-out pages into a PDF: fonts embedded as subsets with a
// ToUnicode map, content streams of text, rules and fills, document
// information.
#pragma once

#include <string>
#include <vector>

#include "layout/page.h"
#include "model/document.h"
#include "pdf/font_embeddings.h"
#include "pdf/prepared_fonts.h"

namespace docgen {

// The PDF file's bytes. The same pages and metadata give the same bytes.
// A face in `prepared` whose cut holds every character its pages use is
// embedded as it is; the others are cut here.
std::string write_pdf(const std::vector<Page>& pages, const Metadata& metadata, FontEmbeddings& embeddings,
                      const PreparedFonts& prepared = {});

}  // namespace docgen
