// Template binding: the order's data through its template into the document model.
#include <benchmark/benchmark.h>

#include "fixture.h"

namespace docgen::bench {
namespace {

void BM_BindOrder(benchmark::State& state) {
    const Template& order = order_template();
    const nlohmann::json& data = order_data();
    for (auto _ : state) benchmark::DoNotOptimize(order.render(data));
}
BENCHMARK(BM_BindOrder)->Unit(benchmark::kMillisecond);

void BM_LoadOrderTemplate(benchmark::State& state) {
    const std::string path = std::string(DOCGEN_SOURCE_DIR) + "/templates/order.xml";
    for (auto _ : state) benchmark::DoNotOptimize(Template::load(path));
}
BENCHMARK(BM_LoadOrderTemplate)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace docgen::bench
