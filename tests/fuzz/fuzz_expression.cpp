// An expression → parsed → evaluated over fixed data, strictly and leniently → printed.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "common/json_file.h"
#include "fuzz_support.h"
#include "template/expression.h"

using namespace docgen;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const nlohmann::json values = parse_json(fuzz::source_file("tests/fuzz/data/values.json"), "values.json");
    const std::string text(reinterpret_cast<const char*>(data), size);
    fuzz::accept_user_errors([&] {
        const Expression expression = Expression::parse(text);
        const Scope scope(values);
        for (bool lenient : {false, true}) {
            fuzz::accept_user_errors([&] {
                const Value value = expression.evaluate(scope, lenient);
                if (!value.get().is_object() && !value.get().is_array()) to_text(value.get(), value.path);
            });
        }
    });
    return 0;
}
