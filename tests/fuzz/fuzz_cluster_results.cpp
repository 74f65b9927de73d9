// Cluster results (JSON) → validated, classified, indicators computed → the
// three monitoring documents bound (the first municipality and school) as
// DOCX and text, checked.
#include <cstdint>
#include <map>
#include <tuple>
#include <nlohmann/json.hpp>

#include "common/json_file.h"
#include "domain/analysis.h"
#include "fuzz_support.h"
#include "render/input.h"
#include "template/template.h"

using namespace docgen;

namespace {

const Template& stock(const char* name) {
    static std::map<std::string, Template> loaded;
    auto found = loaded.find(name);
    if (found == loaded.end())
        found = loaded.emplace(name, Template::load(std::string(DOCGEN_SOURCE_DIR) + "/templates/" + name)).first;
    return found->second;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    fuzz::accept_user_errors([&] {
        const nlohmann::json raw = parse_json(text, "fuzz.json");
        const domain::Rules& rules = domain::Rules::defaults();
        const domain::Analysis analysis = domain::analyse(raw, rules, "fuzz.json");
        domain::indicators_json(analysis, rules).dump();
        const nlohmann::json analysed = domain::analysis_json(analysis, rules);
        fuzz::write_and_check(stock("monitoring-report.xml").render(analysed), false);
        for (const auto& [list, name, file] : {std::tuple{"municipalities", "municipality", "municipal-reference.xml"},
                                               std::tuple{"schools", "school", "school-reference.xml"}}) {
            if (!analysed.contains(list) || analysed[list].empty()) continue;
            const Variable element{name, &analysed[list][0], std::string(list) + "[0]"};
            fuzz::write_and_check(stock(file).render(analysed, {element}), false);
        }
    });
    return 0;
}
