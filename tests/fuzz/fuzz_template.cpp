// Template XML → loaded → bound to fixed data → PDF, DOCX and text, checked.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "common/json_file.h"
#include "fuzz_support.h"
#include "template/template.h"

using namespace docgen;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const nlohmann::json values = parse_json(fuzz::source_file("tests/fuzz/data/values.json"), "values.json");
    const std::string xml(reinterpret_cast<const char*>(data), size);
    fuzz::accept_user_errors([&] {
        const Template loaded = Template::parse(xml, "fuzz.xml");
        fuzz::write_and_check(loaded.render(values));
    });
    return 0;
}
