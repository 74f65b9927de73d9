// Pagination: the whole order laid out (38 of its 39 pages are roadmap tables
// with repeated headers and rows split across pages), and the appendices alone.
#include <benchmark/benchmark.h>

#include "fixture.h"
#include "layout/layout.h"

namespace docgen::bench {
namespace {

void BM_LayOutOrder(benchmark::State& state) {
    const Document& document = order_document();
    size_t pages = 0;
    for (auto _ : state) pages = lay_out(document, resources().fonts, resources().hyphenator).size();
    state.counters["pages"] = static_cast<double>(pages);
}
BENCHMARK(BM_LayOutOrder)->Unit(benchmark::kMillisecond);

void BM_PaginateRoadmapTables(benchmark::State& state) {
    Document tables = order_document();
    std::erase_if(tables.sections, [](const Section& section) { return !section.page.landscape; });
    size_t pages = 0;
    for (auto _ : state) pages = lay_out(tables, resources().fonts, resources().hyphenator).size();
    state.counters["pages"] = static_cast<double>(pages);
}
BENCHMARK(BM_PaginateRoadmapTables)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace docgen::bench

namespace docgen::bench {
namespace {

// A roadmap table of N rows (the order's first appendix's rows repeated, its
// merged «Уровень управления» cells spanning many rows): pagination must take
// time in proportion to the rows. Compare /10000 with /20000: at most 2.2×.
void BM_PaginateLongTable(benchmark::State& state) {
    Document document;
    for (const Section& section : order_document().sections) {
        if (!section.page.landscape) continue;
        Section long_section = section;
        long_section.blocks.clear();
        for (const Block& block : section.blocks) {
            const auto* table = std::get_if<Table>(&block);
            if (!table) continue;
            Table long_table = *table;
            long_table.rows.clear();
            size_t header = 0;
            while (header < table->rows.size() && table->rows[header].role != RowRole::Body &&
                   table->rows[header].role != RowRole::Section)
                long_table.rows.push_back(table->rows[header++]);
            while (long_table.rows.size() < static_cast<size_t>(state.range(0)))
                for (size_t r = header; r < table->rows.size() && long_table.rows.size() < static_cast<size_t>(state.range(0)); ++r)
                    long_table.rows.push_back(table->rows[r]);
            long_section.blocks.push_back(std::move(long_table));
        }
        document.sections.push_back(std::move(long_section));
        break;
    }
    size_t pages = 0;
    for (auto _ : state) pages = lay_out(document, resources().fonts, resources().hyphenator).size();
    state.counters["pages"] = static_cast<double>(pages);
}
BENCHMARK(BM_PaginateLongTable)->Arg(10000)->Arg(20000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace docgen::bench
