// Places a section's blocks one after another onto its pages: paragraphs
// split between pages without leaving a single line alone, headings and
// captions kept with the start of what follows, text kept with a signature,
// tables paginated by TableLayout, and a chart that does not fit moved to the
// next page (with the text after it filling this one when it may float).
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "layout/page_cursor.h"
#include "layout/table_layout.h"
#include "model/document.h"
#include "text/line_breaker.h"

namespace docgen {

class SectionFlow {
public:
    // `sources` names the files paragraphs' origins point into (Document::sources).
    SectionFlow(const Section& section, PageCursor& cursor, LineBreaker& breaker,
                const std::vector<std::string>& sources);
    void run();

private:
    struct MeasuredParagraph {
        const Paragraph* paragraph;
        std::vector<Line> lines;
    };
    using Item = std::variant<MeasuredParagraph, std::unique_ptr<TableLayout>, PageBreak, const Chart*>;

    void measure(const std::vector<Block>& blocks);
    double start_height(size_t index) const;
    double end_height(size_t index) const;
    bool chains(size_t index) const;
    void place_paragraph(const MeasuredParagraph& measured, size_t index);
    void place_chart(const Chart& chart, size_t index);
    void draw_chart_here(const Chart& chart);
    void place_floating();
    void new_page();

    PageCursor& cursor_;
    LineBreaker& breaker_;
    const Section& section_;
    const std::vector<std::string>& sources_;
    std::vector<Item> items_;
    // A floating chart moved on: drawn at the next page's top with its caption.
    const Chart* floating_ = nullptr;
    size_t floating_index_ = 0;
};

}  // namespace docgen
