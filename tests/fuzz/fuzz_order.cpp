// Order data (JSON) → the stock order template → PDF, DOCX and text, checked.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "common/json_file.h"
#include "fuzz_support.h"
#include "template/template.h"

using namespace docgen;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const Template order = Template::load(std::string(DOCGEN_SOURCE_DIR) + "/templates/order.xml");
    const std::string text(reinterpret_cast<const char*>(data), size);
    fuzz::accept_user_errors([&] { fuzz::write_and_check(order.render(parse_json(text, "fuzz.json"))); });
    return 0;
}
