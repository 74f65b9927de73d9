// Places a section's blocks one after another onto its pages: paragraphs
// split between pages without leaving a single line alone, headings kept
// with what follows, tables paginated by TableLayout.
#pragma once

#include <memory>
#include <variant>
#include <vector>

#include "layout/page_cursor.h"
#include "layout/table_layout.h"
#include "model/document.h"
#include "text/line_breaker.h"

namespace docgen {

class SectionFlow {
public:
    SectionFlow(const Section& section, PageCursor& cursor, LineBreaker& breaker);
    void run();

private:
    struct MeasuredParagraph {
        const Paragraph* paragraph;
        std::vector<Line> lines;
    };
    using Item = std::variant<MeasuredParagraph, std::unique_ptr<TableLayout>, PageBreak, const Chart*>;

    void measure(const std::vector<Block>& blocks);
    double start_height(size_t index) const;
    double kept_height(size_t index) const;
    void place_paragraph(const MeasuredParagraph& measured, size_t index);
    void place_chart(const Chart& chart, size_t index);

    PageCursor& cursor_;
    LineBreaker& breaker_;
    const Section& section_;
    std::vector<Item> items_;
};

}  // namespace docgen
