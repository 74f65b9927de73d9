// Laid-out pages: positioned text and rules, in points from the sheet's
// top-left corner. What a painter (the PDF writer) draws, and nothing more.
#pragma once

#include <string>
#include <vector>

#include "text/font_face.h"

namespace docgen {

// A colour as red, green and blue from 0 to 1.
struct Color {
    double red = 0, green = 0, blue = 0;
    bool operator==(const Color&) const = default;
    static Color from_hex(const std::string& hex);  // "2E5A88"
};

struct TextMark {
    double x = 0;
    double baseline = 0;  // from the sheet's top edge
    const FontFace* face = nullptr;
    double size = 0;
    double letter_spacing = 0;
    std::string text;
    Color color;
};

struct RuleMark {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double width = 0.5;
    Color color;
};

// A filled rectangle: a bar of a chart, a legend's key.
struct FillMark {
    double x = 0, y = 0, width = 0, height = 0;  // y: the top edge, from the sheet's top
    Color color;
};

struct Page {
    double width = 0;
    double height = 0;
    int section = 0;           // index of the document section it belongs to
    int number = 0;            // its page number within its numbering run
    std::vector<FillMark> fills;  // painted first, under the rules and the text
    std::vector<RuleMark> rules;
    std::vector<TextMark> texts;
};

}  // namespace docgen
