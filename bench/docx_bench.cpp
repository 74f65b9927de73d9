// DOCX writing: the order's document model into a Word package.
#include <benchmark/benchmark.h>

#include "docx/docx_writer.h"
#include "fixture.h"

namespace docgen::bench {
namespace {

void BM_WriteDocx(benchmark::State& state) {
    const Document& document = order_document();
    for (auto _ : state) benchmark::DoNotOptimize(write_docx(document));
}
BENCHMARK(BM_WriteDocx)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace docgen::bench
