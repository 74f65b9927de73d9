// qpdf reads the PDF without a warning, every stream decodes and every
// page's content parses; what is wrong, or "".
#pragma once

#include <string>

namespace docgen::fuzz {

std::string pdf_problems(const std::string& bytes);

}  // namespace docgen::fuzz
