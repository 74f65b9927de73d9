#include "pdf/content_stream.h"

#include "common/utf8.h"
#include "pdf/joined_rules.h"
#include "pdf/pdf_file.h"

namespace docgen {

namespace {

void numbers(std::string& out, std::initializer_list<double> values, const char* operator_name) {
    for (double value : values) {
        append_pdf_number(out, value);
        out += ' ';
    }
    out += operator_name;
    out += '\n';
}

void color(std::string& out, const Color& c, const char* operator_name) {
    numbers(out, {c.red, c.green, c.blue}, operator_name);
}

void glyphs(std::string& out, const EmbeddedFont& font, const std::string& text) {
    static const char* const hex = "0123456789ABCDEF";
    out += '<';
    for (size_t pos = 0; pos < text.size();) {
        const uint16_t glyph = font.subset.glyph(utf8::next(text, pos));
        out += hex[glyph >> 12];
        out += hex[(glyph >> 8) & 15];
        out += hex[(glyph >> 4) & 15];
        out += hex[glyph & 15];
    }
    out += "> Tj\n";
}

}  // namespace

// Coordinates: pages measure from the top, PDF from the bottom.
std::string page_content(const Page& page, const std::function<PageFont(const FontFace*)>& font_of) {
    std::string out;
    out.reserve(page.texts.size() * 48 + page.rules.size() * 32 + 64);
    Color fill{-1, -1, -1};
    for (const FillMark& mark : page.fills) {
        if (!(mark.color == fill)) color(out, fill = mark.color, "rg");
        numbers(out, {mark.x, page.height - mark.y - mark.height, mark.width, mark.height}, "re");
        out += "f\n";
    }
    if (!page.rules.empty()) {
        out += "2 J\n";  // square caps close the corners where cell borders meet
        double width = -1;
        Color stroke{-1, -1, -1};
        bool open = false;
        for (const RuleMark& rule : joined_rules(page.rules)) {
            if (rule.width != width || !(rule.color == stroke)) {
                if (open) out += "S\n";
                numbers(out, {width = rule.width}, "w");
                color(out, stroke = rule.color, "RG");
            }
            numbers(out, {rule.x1, page.height - rule.y1}, "m");
            numbers(out, {rule.x2, page.height - rule.y2}, "l");
            open = true;
        }
        out += "S\n";
    }
    if (page.texts.empty()) return out;
    out += "BT\n";
    const FontFace* face = nullptr;
    PageFont current{"", nullptr};
    double size = -1, spacing = 0;
    Color text_color{};  // black, as a text object starts
    if (!(fill == text_color)) color(out, text_color, "rg");
    for (const TextMark& mark : page.texts) {
        if (mark.face != face || mark.size != size) {
            if (mark.face != face) current = font_of(face = mark.face);
            out += '/' + current.name + ' ';
            numbers(out, {size = mark.size}, "Tf");
        }
        if (mark.letter_spacing != spacing) numbers(out, {spacing = mark.letter_spacing}, "Tc");
        if (!(mark.color == text_color)) color(out, text_color = mark.color, "rg");
        numbers(out, {1, 0, 0, 1, mark.x, page.height - mark.baseline}, "Tm");
        glyphs(out, *current.font, mark.text);
    }
    out += "ET\n";
    return out;
}

}  // namespace docgen
