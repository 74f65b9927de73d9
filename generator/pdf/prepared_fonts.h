// Fonts cut from a document's own characters while its pages are being laid
// out, so that a single document's PDF does not wait for HarfBuzz after the
// layout. The pages may hold characters the document does not (a hyphen at a
// line's end, page numbers, a chart's figures): those are added to every cut,
// and write_pdf cuts a face again when its pages still hold others.
#pragma once

#include <map>
#include <memory>

#include "model/document.h"
#include "pdf/embedded_font.h"
#include "text/font_set.h"

namespace docgen {

using PreparedFonts = std::map<const FontFace*, std::shared_ptr<const EmbeddedFont>>;

PreparedFonts prepare_fonts(const Document& document, const FontSet& fonts);

}  // namespace docgen
