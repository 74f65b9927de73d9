// The data a template binds to: as loaded, or, for templates that take
// cluster results (<document input="cluster-results">), validated, classified
// and with the indicators computed.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "template/template.h"

namespace docgen::domain {
struct Rules;
}

namespace docgen {

// The raw data is taken by value: a template that binds it as it is gets it
// without a copy. `rules_file` empty: the built-in rules
// (rules/concept-2022.json). Rules given for a template that does not take
// cluster results are an InputError.
nlohmann::json prepare_data(const Template& document_template, nlohmann::json raw, const std::string& source,
                            const std::string& rules_file);

// The same with the rules already read (a client's upload, or read once for
// many documents); they are used only by templates that take cluster results.
nlohmann::json prepare_data(const Template& document_template, nlohmann::json raw, const std::string& source,
                            const domain::Rules& rules);

}  // namespace docgen
