// Validation of cluster results against schemas/cluster-results.schema.json
// (valijson), with messages that say what a user must change.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace docgen::domain {

// Every problem found, each naming its JSON path and, inside a school or a
// municipality, its name: `schools[17] "МБОУ СОШ № 5": assessments[2].grade must be 4..11`.
std::vector<std::string> schema_problems(const nlohmann::json& input);

// The record a JSON path is in, for messages: `schools[17] "МБОУ СОШ № 5": ` or "".
std::string record_prefix(const nlohmann::json& input, const std::string& path, std::string& rest);

}  // namespace docgen::domain
