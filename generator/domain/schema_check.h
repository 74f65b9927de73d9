// Validation of cluster results against schemas/cluster-results.schema.json
// (valijson), with messages that say what a user must change.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "common/error.h"

namespace docgen {
class SchemaValidator;
}

namespace docgen::domain {

// Every problem found, each with its JSON path and, inside a school or a
// municipality, its record: `schools[17] "МБОУ СОШ № 5": assessments[2].grade must be 4..11`.
std::vector<Problem> schema_problems(const nlohmann::json& input, unsigned threads = 1);

// InputError "`source`: the data does not follow schemas/cluster-results.schema.json"
// with every problem, when there is one.
void check_cluster_results_schema(const nlohmann::json& input, const std::string& source, unsigned threads = 1);

// The schema of cluster results, for readers that follow it.
const SchemaValidator& cluster_results_schema();

// The record a JSON path is in, for messages: `schools[17] "МБОУ СОШ № 5"` or "".
std::string record_of(const nlohmann::json& input, const std::string& path);

}  // namespace docgen::domain
