// Reading the example region's data: as JSON, and as the workbook docgen
// writes from it (`docgen workbook cluster-results --from …`), at 1 and 16
// times its schools. The workbooks are written once, into a temporary folder.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <map>

#include "common/json_file.h"
#include "render/input.h"
#include "sheets/sheets.h"

namespace docgen::bench {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string& example_json() {
    static const std::string path = std::string(DOCGEN_SOURCE_DIR) + "/examples/smolensk-2022/data.json";
    return path;
}

// The example with every school repeated `times` times under new ids and names.
json scaled(int times) {
    json data = load_json_file(example_json());
    const json schools = data["schools"];
    data["schools"] = json::array();
    for (int copy = 0; copy < times; ++copy)
        for (json school : schools) {
            const std::string tail = copy == 0 ? "" : "-" + std::to_string(copy);
            school["id"] = school["id"].get<std::string>() + tail;
            school["name"] = school["name"].get<std::string>() + tail;
            if (school.contains("support") && school["support"]["mentor_school"].is_string())
                school["support"]["mentor_school"] = school["support"]["mentor_school"].get<std::string>() + tail;
            data["schools"].push_back(std::move(school));
        }
    return data;
}

// A temporary folder, removed at the end.
struct Folder {
    fs::path path = fs::temp_directory_path() / ("docgen-bench-sheets-" + std::to_string(::getpid()));
    Folder() { fs::create_directories(path); }
    ~Folder() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

// The file of the example at `times` its schools, as JSON or as a workbook.
const std::string& file(int times, bool workbook) {
    static const Folder folder_;
    static std::map<std::pair<int, bool>, std::string> files;
    std::string& path = files[{times, workbook}];
    if (path.empty()) {
        const fs::path& folder = folder_.path;
        path = (folder / ("x" + std::to_string(times) + (workbook ? ".xlsx" : ".json"))).string();
        const json data = scaled(times);
        if (workbook) sheets::write_cluster_workbook(path, data, {"ШПУ", "ШБУ", "ШНРО", "ШФНСУ", "ШсРНР"});
        else if (times == 1) path = example_json();  // the example as it is
        else std::ofstream(path) << data.dump(1);       // about as the example is written
    }
    return path;
}

void BM_ReadExampleJson(benchmark::State& state) {
    const std::string& path = file(static_cast<int>(state.range(0)), false);
    for (auto _ : state) benchmark::DoNotOptimize(read_data(path));
}
BENCHMARK(BM_ReadExampleJson)->Arg(1)->Arg(16)->Unit(benchmark::kMillisecond);

void BM_ReadExampleWorkbook(benchmark::State& state) {
    const std::string& path = file(static_cast<int>(state.range(0)), true);
    for (auto _ : state) benchmark::DoNotOptimize(read_data(path));
}
BENCHMARK(BM_ReadExampleWorkbook)->Arg(1)->Arg(16)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace docgen::bench
