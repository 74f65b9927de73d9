// Line breaking with hyphenation: every paragraph of the order, those in the
// roadmap tables at a column's width, the others at the text's width.
#include <benchmark/benchmark.h>

#include "fixture.h"
#include "text/line_breaker.h"

namespace docgen::bench {
namespace {

struct Sample {
    const Paragraph* paragraph;
    double width;
};

void collect(const std::vector<Block>& blocks, double width, std::vector<Sample>& samples) {
    for (const Block& block : blocks) {
        if (const auto* paragraph = std::get_if<Paragraph>(&block)) samples.push_back({paragraph, width});
        if (const auto* list = std::get_if<List>(&block))
            for (const ListItem& item : list->items) collect(item.blocks, width, samples);
        if (const auto* table = std::get_if<Table>(&block))
            for (const Row& row : table->rows)
                for (const Cell& cell : row.cells) collect(cell.blocks, mm(35), samples);
    }
}

std::vector<Sample> order_paragraphs() {
    std::vector<Sample> samples;
    for (const Section& section : order_document().sections)
        collect(section.blocks, section.page.width - section.page.margin_left - section.page.margin_right, samples);
    return samples;
}

// A new breaker each time: its hyphenation cache starts empty, as in one document.
void BM_BreakOrderParagraphs(benchmark::State& state) {
    const std::vector<Sample> samples = order_paragraphs();
    for (auto _ : state) {
        LineBreaker breaker(resources().fonts, resources().hyphenator);
        for (const Sample& sample : samples) benchmark::DoNotOptimize(breaker.break_paragraph(*sample.paragraph, sample.width));
    }
    state.counters["paragraphs"] = static_cast<double>(samples.size());
}
BENCHMARK(BM_BreakOrderParagraphs)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace docgen::bench
