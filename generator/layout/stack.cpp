#include "layout/stack.h"

#include <string>

#include "common/error.h"

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
        if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
            out.push_back(paragraph);
        } else if (const auto* list = std::get_if<List>(&block)) {
            for (const ListItem& item : list->items) collect(item.blocks, out, where);
        } else if (std::holds_alternative<Table>(block)) {
            throw InputError(std::string("a table inside ") + where + " is not supported");
        } else if (std::holds_alternative<Chart>(block)) {
            throw InputError(std::string("a chart inside ") + where + " is not supported");
        }
    }
}

}  // namespace

std::vector<const Paragraph*> paragraphs_of(const std::vector<Block>& blocks, const char* where) {
    std::vector<const Paragraph*> out;
    collect(blocks, out, where);
    return out;
}

Stack stack_blocks(const std::vector<Block>& blocks, double width, LineBreaker& breaker) {
    Stack stack;
    double pending_gap = 0;
    bool first = true;
    for (const Paragraph* paragraph : paragraphs_of(blocks, "a table cell")) {
        pending_gap += first ? 0 : paragraph->props.space_before;
        first = false;
        for (Line& line : breaker.break_paragraph(*paragraph, width)) {
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
