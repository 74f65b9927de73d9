// PDF writing from laid-out pages: alone (fonts subset for this document) and
// in a batch (subsets of the common characters shared between documents).
#include <benchmark/benchmark.h>

#include "fixture.h"
#include "pdf/pdf_writer.h"

namespace docgen::bench {
namespace {

void BM_WritePdfAlone(benchmark::State& state) {
    const std::vector<Page>& pages = order_pages();
    for (auto _ : state) {
        FontEmbeddings embeddings(false);
        benchmark::DoNotOptimize(write_pdf(pages, order_document().metadata, embeddings));
    }
}
BENCHMARK(BM_WritePdfAlone)->Unit(benchmark::kMillisecond);

void BM_WritePdfInBatch(benchmark::State& state) {
    const std::vector<Page>& pages = order_pages();
    FontEmbeddings embeddings(true);
    for (auto _ : state) benchmark::DoNotOptimize(write_pdf(pages, order_document().metadata, embeddings));
}
BENCHMARK(BM_WritePdfInBatch)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace docgen::bench
