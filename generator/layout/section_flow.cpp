#include "layout/section_flow.h"

#include <algorithm>

#include "common/error.h"
#include "layout/chart_layout.h"
#include "layout/stack.h"
#include "model/overloaded.h"

namespace docgen {

namespace {

constexpr double kEpsilon = 0.01;
// A caption of this many lines or fewer moves with its floating chart.
constexpr size_t kLongestCaption = 3;

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

bool is_empty(const Paragraph& paragraph) {
    return std::all_of(paragraph.runs.begin(), paragraph.runs.end(), [](const Run& run) {
        return run.text.find_first_not_of(" \n") == std::string::npos;
    }) && paragraph.label.empty();
}

}  // namespace

SectionFlow::SectionFlow(const Section& section, PageCursor& cursor, LineBreaker& breaker,
                         const std::vector<std::string>& sources)
    : cursor_(cursor), breaker_(breaker), section_(section), sources_(sources) {}

void SectionFlow::measure(const std::vector<Block>& blocks) {
    for (const Block& block : blocks) {
        std::visit(Overloaded{
                       [&](const Paragraph& paragraph) {
                           check_room(paragraph, cursor_.width(), sources_);
                           items_.push_back(
                               MeasuredParagraph{&paragraph, breaker_.break_paragraph(paragraph, cursor_.width())});
                       },
                       [&](const List& list) {
                           for (const ListItem& item : list.items) measure(item.blocks);
                       },
                       [&](const Table& table) {
                           items_.push_back(std::make_unique<TableLayout>(table, cursor_.left(), cursor_.width(),
                                                                          cursor_.capacity(), breaker_, sources_));
                       },
                       [&](const Chart& chart) { items_.push_back(&chart); },
                       [&](const PageBreak& page_break) { items_.push_back(page_break); },
                   },
                   static_cast<const Block::variant&>(block));
    }
}

// A paragraph kept with the next item carries the next item's start to its
// page when it is a heading or caption (kept together) or an empty spacer;
// a paragraph of text does not, so that a chain of such paragraphs (the
// items of a list) can still break between pages.
bool SectionFlow::chains(size_t index) const {
    const auto* measured = std::get_if<MeasuredParagraph>(&items_[index]);
    if (!measured) return false;
    const Paragraph& paragraph = *measured->paragraph;
    return paragraph.props.keep_with_next && (paragraph.props.keep_together || is_empty(paragraph));
}

// What of item `index` must share a page with what is kept with it before:
// the first lines of a paragraph (all of a chained one, with the start of
// what follows), a table's header and first lines, a chart with its caption.
double SectionFlow::start_height(size_t index) const {
    if (index >= items_.size()) return 0;
    return std::visit(
        Overloaded{
            [&](const MeasuredParagraph& measured) {
                const ParagraphProps& props = measured.paragraph->props;
                if (chains(index)) return props.space_before + end_height(index);
                return props.space_before + lines_height(measured.lines, 0, lines_kept(props, measured.lines.size()));
            },
            [&](const std::unique_ptr<TableLayout>& table) { return table->start_height(); },
            [&](const Chart* chart) { return chart_height(*chart) + start_height(index + 1); },
            [&](const PageBreak&) { return 0.0; },
        },
        items_[index]);
}

// What of a paragraph kept with the next item must share that item's page:
// its last lines (all of it when kept together) and the next item's start.
double SectionFlow::end_height(size_t index) const {
    const auto& measured = std::get<MeasuredParagraph>(items_[index]);
    const ParagraphProps& props = measured.paragraph->props;
    const size_t count = measured.lines.size();
    return lines_height(measured.lines, count - lines_kept(props, count), count) + props.space_after +
           start_height(index + 1);
}

void SectionFlow::run() {
    cursor_.on_new_page([this] { place_floating(); });
    measure(section_.blocks);
    for (size_t index = 0; index < items_.size(); ++index) {
        if (floating_ && index == floating_index_ + 1 && index < items_.size() &&
            std::holds_alternative<MeasuredParagraph>(items_[index]) &&
            std::get<MeasuredParagraph>(items_[index]).lines.size() <= kLongestCaption)
            continue;  // the caption moves with its chart
        std::visit(Overloaded{
                       [&](const MeasuredParagraph& measured) { place_paragraph(measured, index); },
                       [&](const std::unique_ptr<TableLayout>& table) { table->place(cursor_); },
                       [&](const Chart* chart) { place_chart(*chart, index); },
                       [&](const PageBreak&) {
                           if (!cursor_.at_top()) new_page();
                       },
                   },
                   items_[index]);
    }
    if (floating_) new_page();
    cursor_.on_new_page(nullptr);
}

void SectionFlow::new_page() { cursor_.new_page(); }

// A chart is never split, and stays with the paragraph after it: its caption
// («Рисунок 1 – …») goes under it. One that does not fit moves to the next
// page; when it may float, the text after it fills this page first.
void SectionFlow::place_chart(const Chart& chart, size_t index) {
    if (floating_) new_page();  // an earlier one goes first
    const double height = chart_height(chart);
    const double needed = height + start_height(index + 1);
    if (needed > cursor_.remaining() + kEpsilon && !cursor_.at_top()) {
        if (chart.may_float && index + 1 < items_.size() && needed <= cursor_.capacity()) {
            floating_ = &chart;
            floating_index_ = index;
            return;
        }
        if (needed <= cursor_.capacity() || height > cursor_.remaining() + kEpsilon) new_page();
    }
    draw_chart_here(chart);
}

void SectionFlow::draw_chart_here(const Chart& chart) {
    draw_chart(cursor_.page(), chart, cursor_.left(), cursor_.y(), cursor_.width(), breaker_);
    cursor_.advance(chart_height(chart));
}

// At a new page's top: the chart that floated there, and its caption.
void SectionFlow::place_floating() {
    if (!floating_) return;
    const Chart* chart = floating_;
    const size_t caption = floating_index_ + 1;
    floating_ = nullptr;
    draw_chart_here(*chart);
    if (const auto* measured = std::get_if<MeasuredParagraph>(&items_[caption]);
        measured && measured->lines.size() <= kLongestCaption)
        place_paragraph(*measured, caption);
}

void SectionFlow::place_paragraph(const MeasuredParagraph& measured, size_t index) {
    const ParagraphProps& props = measured.paragraph->props;
    const auto& lines = measured.lines;
    if (props.page_break_before && !cursor_.at_top()) new_page();
    if (chains(index) && !cursor_.at_top()) {
        const double needed = start_height(index);
        if (needed > cursor_.remaining() + kEpsilon && needed <= cursor_.capacity()) new_page();
    }
    // Space above a paragraph is dropped at the top of a continued page.
    double gap = cursor_.at_top() && cursor_.page_index() > 0 &&
                         cursor_.page(cursor_.page_index()).section == cursor_.page(cursor_.page_index() - 1).section
                     ? 0
                     : props.space_before;
    const size_t keep = lines_kept(props, lines.size());
    size_t next = 0;
    while (next < lines.size()) {
        const size_t left = lines.size() - next;
        size_t fit = 0;
        double height = gap;
        while (fit < left && height + lines[next + fit].height <= cursor_.remaining() + kEpsilon)
            height += lines[next + fit++].height;
        // The rest fits, but not with the start of the next item it is kept
        // with: its last lines go to the next page with that.
        if (fit == left && props.keep_with_next && !chains(index) && !cursor_.at_top() &&
            height + props.space_after + start_height(index + 1) > cursor_.remaining() + kEpsilon &&
            lines_height(lines, lines.size() - keep, lines.size()) + start_height(index + 1) <= cursor_.capacity())
            fit = left > keep ? left - keep : 0;
        // On a fresh page the paragraph is longer than the page: take what fits.
        if (fit < left && !cursor_.at_top()) {
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
        if (next < lines.size()) new_page();
    }
    cursor_.advance(props.space_after);
}

}  // namespace docgen
