// Laid-out pages: positioned text and rules, in points from the sheet's
// top-left corner. What a painter (the PDF writer) draws, and nothing more.
#pragma once

#include <string>
#include <vector>

#include "text/font_face.h"

namespace docgen {

struct TextMark {
    double x = 0;
    double baseline = 0;  // from the sheet's top edge
    const FontFace* face = nullptr;
    double size = 0;
    double letter_spacing = 0;
    std::string text;
};

struct RuleMark {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double width = 0.5;
};

struct Page {
    double width = 0;
    double height = 0;
    int section = 0;           // index of the document section it belongs to
    int number = 0;            // its page number within its numbering run
    std::vector<TextMark> texts;
    std::vector<RuleMark> rules;
};

}  // namespace docgen
