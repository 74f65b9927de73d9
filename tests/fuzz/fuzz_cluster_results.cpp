// Cluster results (JSON) → validated, classified, indicators computed → the
// three monitoring documents bound (the first municipality and school) as
// DOCX and text, checked; the same data read with its schools packed, as a
// batch reads it, gives the same analysis or the same problems.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <tuple>
#include <vector>
#include <nlohmann/json.hpp>

#include "common/error.h"
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

// The analysed data, or the problems (sorted: a batch checks packed schools
// one at a time, so it may list them in another order).
std::string outcome(const std::string& text, bool packed) {
    try {
        const nlohmann::json raw = packed ? parse_json(text, "fuzz.json", {"schools"}) : parse_json(text, "fuzz.json");
        const domain::Rules& rules = domain::Rules::defaults();
        return domain::analysis_json(domain::analyse(raw, rules, "fuzz.json"), rules, domain::Packing::Plain).dump();
    } catch (const InputError& error) {
        std::vector<std::string> lines;
        for (const Problem& problem : error.problems()) lines.push_back(problem.text());
        std::sort(lines.begin(), lines.end());
        std::string told = "problems:";
        for (const std::string& line : lines) told += "\n" + line;
        return told;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    // Read as a batch reads it, with each school packed as it is parsed, the
    // data gives what it gives read whole.
    const std::string plain = outcome(text, false);
    if (outcome(text, true) != plain) {
        std::fprintf(stderr, "packed schools give another outcome than plain ones\n");
        std::abort();
    }
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
