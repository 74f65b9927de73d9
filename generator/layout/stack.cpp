#include "layout/stack.h"

#include <cstdio>
#include <string>

#include "common/error.h"
#include "model/overloaded.h"

namespace docgen {

double Stack::height(size_t from, size_t to) const {
    double total = 0;
    for (size_t i = from; i < to; ++i) total += (i == from && from > 0 ? 0 : lines[i].gap_before) + lines[i].line.height;
    return total;
}

double Stack::height() const { return height(0, lines.size()) + gap_after; }

namespace {

void collect(const std::vector<Block>& blocks, std::vector<const Paragraph*>& out, const char* where) {
    for (const Block& block : blocks) {
        std::visit(Overloaded{
                       [&](const Paragraph& paragraph) { out.push_back(&paragraph); },
                       [&](const List& list) {
                           for (const ListItem& item : list.items) collect(item.blocks, out, where);
                       },
                       [&](const Table&) { throw InputError(std::string("a table inside ") + where + " is not supported"); },
                       [&](const Chart&) { throw InputError(std::string("a chart inside ") + where + " is not supported"); },
                       [](const PageBreak&) {},
                   },
                   static_cast<const Block::variant&>(block));
    }
}

bool leaves_room(const Paragraph& paragraph, double width) {
    return LineBreaker::text_room(paragraph.props, width) >= paragraph.run_props.size;
}

std::string millimetres(double points) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f mm", points / kPointsPerMm);
    return text;
}

}  // namespace

std::vector<const Paragraph*> paragraphs_of(const std::vector<Block>& blocks, const char* where) {
    std::vector<const Paragraph*> out;
    collect(blocks, out, where);
    return out;
}

std::string origin_prefix(const Paragraph& paragraph, const std::vector<std::string>& sources) {
    const Origin& origin = paragraph.origin;
    if (origin.source < 0 || static_cast<size_t>(origin.source) >= sources.size()) return "";
    return location_prefix(sources[static_cast<size_t>(origin.source)], origin.line);
}

void check_room(const Paragraph& paragraph, double width, const std::vector<std::string>& sources) {
    if (leaves_room(paragraph, width)) return;
    const ParagraphProps& props = paragraph.props;
    throw InputError(origin_prefix(paragraph, sources) + "the paragraph's indents (left " +
                     millimetres(props.indent_left) + ", right " + millimetres(props.indent_right) +
                     ", first line " + millimetres(props.first_line_indent) + ") leave no room for its text in " +
                     millimetres(width) + " of width");
}

Stack stack_blocks(const std::vector<Block>& blocks, double width, LineBreaker& breaker, Hyphenation hyphenation) {
    Stack stack;
    double pending_gap = 0;
    bool first = true;
    for (const Paragraph* paragraph : paragraphs_of(blocks, "a table cell")) {
        pending_gap += first ? 0 : paragraph->props.space_before;
        first = false;
        Paragraph narrowed;
        if (!leaves_room(*paragraph, width)) {
            narrowed = *paragraph;
            narrowed.props.indent_left = narrowed.props.indent_right = narrowed.props.first_line_indent = 0;
            paragraph = &narrowed;
        }
        for (Line& line : breaker.break_paragraph(*paragraph, width, hyphenation)) {
            stack.lines.push_back({std::move(line), pending_gap});
            pending_gap = 0;
        }
        pending_gap = paragraph->props.space_after;
    }
    stack.gap_after = pending_gap;
    return stack;
}

void draw_line(Page& page, const Line& line, double left, double top) {
    const double baseline = top + line.ascent;
    for (const PlacedText& piece : line.pieces) {
        page.texts.push_back(
            {left + piece.x, baseline - piece.rise, piece.face, piece.size, piece.letter_spacing, piece.text, {}});
        if (piece.underline) {
            const double y = baseline - piece.rise + piece.size * 0.12;
            page.rules.push_back({left + piece.x, y, left + piece.x + piece.width, y, piece.size * 0.05, {}});
        }
    }
}

void draw_stack(Page& page, const Stack& stack, size_t from, size_t to, double left, double top) {
    double y = top;
    for (size_t i = from; i < to; ++i) {
        if (i > from) y += stack.lines[i].gap_before;
        draw_line(page, stack.lines[i].line, left, y);
        y += stack.lines[i].line.height;
    }
}

}  // namespace docgen
