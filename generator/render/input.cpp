#include "render/input.h"

#include <nlohmann/json.hpp>

#include "domain/analysis.h"

namespace docgen {

nlohmann::json prepare_data(const Template& document_template, const nlohmann::json& raw, const std::string& source,
                            const std::string& rules_file) {
    if (document_template.input_format() != "cluster-results") return raw;
    const domain::Rules rules = rules_file.empty() ? domain::Rules::defaults() : domain::Rules::load(rules_file);
    return domain::analysis_json(domain::analyse(raw, rules, source), rules);
}

}  // namespace docgen
