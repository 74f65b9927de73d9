// Writes the document model as a DOCX package (OOXML) that Word and
// LibreOffice open and lay out themselves: the same model the PDF comes from.
#pragma once

#include <string>

#include "model/document.h"

namespace docgen {

// The DOCX file's bytes. The same document gives the same bytes.
std::string write_docx(const Document& document);

}  // namespace docgen
