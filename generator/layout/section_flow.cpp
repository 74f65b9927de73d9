#include "layout/section_flow.h"

#include <algorithm>

#include "layout/chart_layout.h"
#include "layout/stack.h"

namespace docgen {

namespace {

constexpr double kEpsilon = 0.01;

double lines_height(const std::vector<Line>& lines, size_t from, size_t to) {
    double height = 0;
    for (size_t i = from; i < to; ++i) height += lines[i].height;
    return height;
}

// How many lines a paragraph keeps together at a page's top or bottom.
size_t lines_kept(const ParagraphProps& props, size_t count) {
    if (props.keep_together) return count;
    return std::min<size_t>(count, props.widow_control ? 2 : 1);
}

}  // namespace

SectionFlow::SectionFlow(const Section& section, PageCursor& cursor, LineBreaker& breaker)
    : cursor_(cursor), breaker_(breaker), section_(section) {}

void SectionFlow::measure(const std::vector<Block>& blocks) {
    for (const Block& block : blocks) {
        if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
            items_.push_back(MeasuredParagraph{paragraph, breaker_.break_paragraph(*paragraph, cursor_.width())});
        } else if (const auto* list = std::get_if<List>(&block)) {
            for (const ListItem& item : list->items) measure(item.blocks);
        } else if (const auto* table = std::get_if<Table>(&block)) {
            items_.push_back(std::make_unique<TableLayout>(*table, cursor_.left(), cursor_.width(), cursor_.capacity(), breaker_));
        } else if (const auto* chart = std::get_if<Chart>(&block)) {
            items_.push_back(chart);
        } else {
            items_.push_back(PageBreak{});
        }
    }
}

// What of item `index` must share a page with a heading kept with it.
double SectionFlow::start_height(size_t index) const {
    if (index >= items_.size()) return 0;
    if (const auto* measured = std::get_if<MeasuredParagraph>(&items_[index])) {
        const ParagraphProps& props = measured->paragraph->props;
        if (props.keep_with_next) return kept_height(index);
        return props.space_before + lines_height(measured->lines, 0, lines_kept(props, measured->lines.size()));
    }
    if (const auto* table = std::get_if<std::unique_ptr<TableLayout>>(&items_[index])) return (*table)->start_height();
    if (const auto* chart = std::get_if<const Chart*>(&items_[index])) return chart_height(**chart) + start_height(index + 1);
    return 0;
}

// A paragraph kept with the next item: all of it and the start of that item.
double SectionFlow::kept_height(size_t index) const {
    const auto& measured = std::get<MeasuredParagraph>(items_[index]);
    const ParagraphProps& props = measured.paragraph->props;
    return props.space_before + lines_height(measured.lines, 0, measured.lines.size()) + props.space_after +
           start_height(index + 1);
}

void SectionFlow::run() {
    measure(section_.blocks);
    for (size_t index = 0; index < items_.size(); ++index) {
        if (auto* measured = std::get_if<MeasuredParagraph>(&items_[index])) {
            place_paragraph(*measured, index);
        } else if (auto* table = std::get_if<std::unique_ptr<TableLayout>>(&items_[index])) {
            (*table)->place(cursor_);
        } else if (auto* chart = std::get_if<const Chart*>(&items_[index])) {
            place_chart(**chart, index);
        } else if (!cursor_.at_top()) {
            cursor_.new_page();
        }
    }
}

// A chart is never split, and stays with the paragraph after it: its caption
// («Рисунок 1 – …») goes under it.
void SectionFlow::place_chart(const Chart& chart, size_t index) {
    const double height = chart_height(chart);
    const double needed = height + start_height(index + 1);
    if (needed > cursor_.remaining() + kEpsilon && !cursor_.at_top() && needed <= cursor_.capacity()) cursor_.new_page();
    else if (height > cursor_.remaining() + kEpsilon && !cursor_.at_top()) cursor_.new_page();
    draw_chart(cursor_.page(), chart, cursor_.left(), cursor_.y(), cursor_.width(), breaker_);
    cursor_.advance(height);
}

void SectionFlow::place_paragraph(const MeasuredParagraph& measured, size_t index) {
    const ParagraphProps& props = measured.paragraph->props;
    const auto& lines = measured.lines;
    if (props.page_break_before && !cursor_.at_top()) cursor_.new_page();
    if (props.keep_with_next && !cursor_.at_top()) {
        const double needed = kept_height(index);
        if (needed > cursor_.remaining() + kEpsilon && needed <= cursor_.capacity()) cursor_.new_page();
    }
    // Space above a paragraph is dropped at the top of a continued page.
    double gap = cursor_.at_top() && cursor_.page_index() > 0 &&
                         cursor_.page(cursor_.page_index()).section == cursor_.page(cursor_.page_index() - 1).section
                     ? 0
                     : props.space_before;
    size_t next = 0;
    while (next < lines.size()) {
        const size_t left = lines.size() - next;
        size_t fit = 0;
        double height = gap;
        while (fit < left && height + lines[next + fit].height <= cursor_.remaining() + kEpsilon)
            height += lines[next + fit++].height;
        // On a fresh page the paragraph is longer than the page: take what fits.
        if (fit < left && !cursor_.at_top()) {
            const size_t keep = lines_kept(props, lines.size());
            if (props.keep_together) fit = 0;
            if (left - fit < keep) fit = left > keep ? left - keep : 0;  // no widow on the next page
            if (next == 0 && fit < keep) fit = 0;                       // no orphan on this one
        }
        if (fit == 0 && cursor_.at_top()) fit = 1;  // a page must make progress
        cursor_.advance(gap);
        for (size_t i = next; i < next + fit; ++i) {
            draw_line(cursor_.page(), lines[i], cursor_.left(), cursor_.y());
            cursor_.advance(lines[i].height);
        }
        next += fit;
        gap = 0;
        if (next < lines.size()) cursor_.new_page();
    }
    cursor_.advance(props.space_after);
}

}  // namespace docgen
