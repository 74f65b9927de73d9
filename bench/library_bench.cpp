// Code written in place of a library, measured against the work it does:
// SHA-256 of a megabyte (the manifest hashes every output), and the zip
// writer on a document's worth of parts.
#include <benchmark/benchmark.h>

#include <string>

#include "common/sha256.h"
#include "common/zip_writer.h"

namespace docgen::bench {
namespace {

std::string megabyte() {
    std::string bytes(1 << 20, '\0');
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 2654435761u >> 13);
    return bytes;
}

void BM_Sha256Megabyte(benchmark::State& state) {
    const std::string bytes = megabyte();
    for (auto _ : state) benchmark::DoNotOptimize(Sha256::of(bytes));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_Sha256Megabyte)->Unit(benchmark::kMillisecond);

void BM_ZipStoreThousandEntries(benchmark::State& state) {
    const std::string content(4096, 'x');
    for (auto _ : state) {
        ZipWriter zip;
        for (int i = 0; i < 1000; ++i) zip.add("part/" + std::to_string(i) + ".pdf", content, ZipWriter::Method::Store);
        benchmark::DoNotOptimize(zip.finish());
    }
}
BENCHMARK(BM_ZipStoreThousandEntries)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace docgen::bench
