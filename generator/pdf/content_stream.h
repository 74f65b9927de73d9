// A page's content stream: fills, rules and text as PDF operators, text as
// the glyph numbers of the embedded subsets.
#pragma once

#include <functional>
#include <string>

#include "layout/page.h"
#include "pdf/embedded_font.h"

namespace docgen {

// The resource name a page gives a face's font ("F1") and that font.
struct PageFont {
    std::string name;
    const EmbeddedFont* font;
};

std::string page_content(const Page& page, const std::function<PageFont(const FontFace*)>& font_of);

}  // namespace docgen
