#include "serve/page_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "pdf/joined_rules.h"

namespace docgen::serve {

const char* const kPreviewFontFamily = "docgen-serif";

namespace {

// Points with at most two decimals: a hundredth of a point is far below a pixel.
void number(std::string& out, double value) {
    char buffer[32];
    const double rounded = std::round(value * 100) / 100;
    int length = std::snprintf(buffer, sizeof buffer, "%.2f", rounded == 0 ? 0.0 : rounded);
    while (length > 0 && buffer[length - 1] == '0') --length;
    if (length > 0 && buffer[length - 1] == '.') --length;
    out.append(buffer, static_cast<size_t>(length));
}

void attribute(std::string& out, const char* name, double value) {
    out += ' ';
    out += name;
    out += "=\"";
    number(out, value);
    out += '"';
}

std::string hex(const Color& color) {
    const auto channel = [](double value) {
        return static_cast<int>(std::lround(std::clamp(value, 0.0, 1.0) * 255));
    };
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", channel(color.red), channel(color.green), channel(color.blue));
    return buffer;
}

void escaped(std::string& out, const std::string& text) {
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default:
                // Control characters are not allowed in XML 1.0.
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out += c;
        }
    }
}

}  // namespace

std::string page_svg(const Page& page, const FontSet& fonts) {
    std::string out;
    out.reserve(page.texts.size() * 96 + page.rules.size() * 40 + 512);
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ";
    number(out, page.width);
    out += ' ';
    number(out, page.height);
    out += '"';
    attribute(out, "width", page.width);
    attribute(out, "height", page.height);
    out += " font-family=\"";
    out += kPreviewFontFamily;
    out += ", 'Liberation Serif', 'Times New Roman', serif\" style=\"font-kerning:none;white-space:pre\">\n";
    out += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";
    for (const FillMark& fill : page.fills) {
        out += "<rect";
        attribute(out, "x", fill.x);
        attribute(out, "y", fill.y);
        attribute(out, "width", fill.width);
        attribute(out, "height", fill.height);
        out += " fill=\"" + hex(fill.color) + "\"/>\n";
    }
    // Rules of one width and colour in a row become one path, as the PDF strokes them.
    const std::vector<RuleMark> rules = joined_rules(page.rules);
    for (size_t i = 0; i < rules.size();) {
        out += "<path fill=\"none\" stroke-linecap=\"square\" stroke=\"" + hex(rules[i].color) + "\"";
        attribute(out, "stroke-width", rules[i].width);
        out += " d=\"";
        size_t j = i;
        for (; j < rules.size() && rules[j].width == rules[i].width && rules[j].color == rules[i].color; ++j) {
            out += 'M';
            number(out, rules[j].x1);
            out += ' ';
            number(out, rules[j].y1);
            out += 'L';
            number(out, rules[j].x2);
            out += ' ';
            number(out, rules[j].y2);
        }
        out += "\"/>\n";
        i = j;
    }
    for (const TextMark& mark : page.texts) {
        out += "<text";
        attribute(out, "x", mark.x);
        attribute(out, "y", mark.baseline);
        attribute(out, "font-size", mark.size);
        if (mark.face == &fonts.face(true, false) || mark.face == &fonts.face(true, true)) out += " font-weight=\"bold\"";
        if (mark.face == &fonts.face(false, true) || mark.face == &fonts.face(true, true)) out += " font-style=\"italic\"";
        if (mark.letter_spacing != 0) attribute(out, "letter-spacing", mark.letter_spacing);
        if (!(mark.color == Color{})) out += " fill=\"" + hex(mark.color) + "\"";
        out += '>';
        escaped(out, mark.text);
        out += "</text>\n";
    }
    out += "</svg>\n";
    return out;
}

}  // namespace docgen::serve
