// A spreadsheet's bytes → read as cluster results (an XLSX workbook when the
// bytes are a zip archive, else a CSV sheet) and as a roadmap's table →
// when the data is whole, analysed. Damaged archives, XML and text must end
// in a user's error, never a crash or a runaway allocation.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "domain/analysis.h"
#include "fuzz_support.h"
#include "render/input.h"
#include "sheets/sheets.h"

using namespace docgen;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const bool zip = bytes.rfind("PK", 0) == 0;
    const sheets::Format format = zip ? sheets::Format::Xlsx : sheets::Format::Csv;
    const std::string name = zip ? "fuzz.xlsx" : "Школы.csv";
    fuzz::accept_user_errors([&] {
        const InputData input = read_data(bytes, name, format);
        const domain::Rules& rules = domain::Rules::defaults();
        domain::analysis_json(analyse_data(input.value, rules, name, input.origins.get()), rules).dump();
    });
    fuzz::accept_user_errors([&] { sheets::read_table({name, bytes}, format, "", nullptr).dump(); });
    return 0;
}
