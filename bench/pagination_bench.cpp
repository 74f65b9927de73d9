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
