#include "render/input.h"

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "domain/analysis.h"

namespace docgen {

nlohmann::json prepare_data(const Template& document_template, nlohmann::json raw, const std::string& source,
                            const std::string& rules_file) {
    if (document_template.input_format() != "cluster-results") {
        if (!rules_file.empty())
            throw InputError("rules " + rules_file + " given for a template that does not take cluster results "
                             "(<document input=\"cluster-results\">)");
        return raw;
    }
    if (rules_file.empty()) return prepare_data(document_template, std::move(raw), source, domain::Rules::defaults());
    return prepare_data(document_template, std::move(raw), source, domain::Rules::load(rules_file));
}

nlohmann::json prepare_data(const Template& document_template, nlohmann::json raw, const std::string& source,
                            const domain::Rules& rules) {
    if (document_template.input_format() != "cluster-results") return raw;
    return domain::analysis_json(domain::analyse(raw, rules, source), rules);
}

}  // namespace docgen
