#include "layout/layout.h"

#include <algorithm>
#include <string>

#include "layout/page_cursor.h"
#include "layout/section_flow.h"
#include "layout/stack.h"

namespace docgen {

namespace {

// Page numbers: Arabic numerals alone, centred over the text in the top margin.
void number_pages(std::vector<Page>& pages, size_t first_page, const Section& section, int first_number,
                  const FontSet& fonts) {
    const FontFace& face = fonts.face(section.page_number_props);
    const double size = section.page_number_props.size;
    for (size_t i = first_page; i < pages.size(); ++i) {
        Page& page = pages[i];
        page.number = first_number + static_cast<int>(i - first_page);
        const bool shown = section.numbering == PageNumbering::All ||
                           (section.numbering == PageNumbering::FromSecond && i > first_page);
        if (!shown) continue;
        const std::string text = std::to_string(page.number);
        double left = section.page.margin_left;
        double right = page.width - section.page.margin_right;
        const double width = face.width(text, size);
        page.texts.push_back({(left + right - width) / 2, section.page.header_distance + face.ascender() * size, &face,
                              size, 0, text, {}});
    }
}

// The section's foot (the executor's line) at the bottom of its last page,
// or of a new page when the text leaves no room for it there.
void place_foot(const Section& section, PageCursor& cursor, LineBreaker& breaker) {
    if (section.foot.empty()) return;
    const Stack stack = stack_blocks(section.foot, cursor.width(), breaker);
    const double height = stack.height() - stack.gap_after;
    // Its first paragraph's space before keeps it that far from the text above.
    const double gap = paragraphs_of(section.foot, "the foot of a page").front()->props.space_before;
    if (height + gap > cursor.remaining() + 0.01 && !cursor.at_top()) cursor.new_page();
    draw_stack(cursor.page(), stack, 0, stack.lines.size(), cursor.left(),
               cursor.y() + std::max(0.0, cursor.remaining() - height));
}

}  // namespace

std::vector<Page> lay_out(const Document& document, const FontSet& fonts,
                          std::shared_ptr<const Hyphenator> hyphenator) {
    std::vector<Page> pages;
    LineBreaker breaker(fonts, std::move(hyphenator));
    int next_number = 1;
    for (size_t s = 0; s < document.sections.size(); ++s) {
        const Section& section = document.sections[s];
        const size_t first_page = pages.size();
        PageCursor cursor(pages, section.page, static_cast<int>(s));
        SectionFlow(section, cursor, breaker, document.sources).run();
        place_foot(section, cursor, breaker);
        const int first_number = section.restart_numbering ? 1 : next_number;
        number_pages(pages, first_page, section, first_number, fonts);
        next_number = pages.back().number + 1;
    }
    return pages;
}

}  // namespace docgen
