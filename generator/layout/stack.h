// Paragraphs measured into lines, and lines drawn onto a page. A stack is the
// content of a table cell: its paragraphs' lines one under another.
#pragma once

#include <string>
#include <vector>

#include "layout/page.h"
#include "model/document.h"
#include "text/line_breaker.h"

namespace docgen {

struct StackedLine {
    Line line;
    double gap_before = 0;  // paragraph spacing above this line
};

struct Stack {
    std::vector<StackedLine> lines;
    double gap_after = 0;  // the last paragraph's space after
    double height() const;
    // Height of lines [from, to) as placed together.
    double height(size_t from, size_t to) const;
};

// The paragraphs of blocks in reading order, lists opened up; a table inside
// is an InputError (cells hold text and lists only).
std::vector<const Paragraph*> paragraphs_of(const std::vector<Block>& blocks, const char* where);

// A table cell's paragraphs broken for its text width. Indents that leave
// less than an em for text in a narrow column are dropped for that cell (a
// list label then leads its text): the data chose the column's width.
Stack stack_blocks(const std::vector<Block>& blocks, double width, LineBreaker& breaker,
                   Hyphenation hyphenation = Hyphenation::Allowed);

// "template.xml:12: " for a paragraph from a template, "" for one the program made.
std::string origin_prefix(const Paragraph& paragraph, const std::vector<std::string>& sources);

// InputError when a paragraph's indents leave less than an em for its text in
// a box of this width: naming the template line it comes from.
void check_room(const Paragraph& paragraph, double width, const std::vector<std::string>& sources);

void draw_line(Page& page, const Line& line, double left, double top);

// Draws lines [from, to) of a stack with the first line's top at `top`.
void draw_stack(Page& page, const Stack& stack, size_t from, size_t to, double left, double top);

}  // namespace docgen
