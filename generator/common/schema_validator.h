// JSON Schema validation (valijson) with messages that say what a user must
// change: "assessments[2].grade must be 4..11", "pupils is missing".
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "common/error.h"

namespace valijson {
class Schema;
}

namespace docgen {

class SchemaValidator {
public:
    explicit SchemaValidator(const char* schema_text);
    ~SchemaValidator();

    // Names the record a path is in, e.g. `schools[17] "МБОУ СОШ № 5"`; "" when
    // the path is in no record.
    using RecordNamer = std::function<std::string(const std::string& path)>;

    // Every problem, each with its JSON path and record; empty when the input
    // is valid. A problem of the whole input is in the record "the data".
    std::vector<Problem> problems(const nlohmann::json& input, const RecordNamer& name_record) const;

    // The schema of the values at a JSON path ("schools[0].isbs.value", or
    // "schools[].isbs.value" for any element), its references resolved; null
    // when the schema does not describe the path.
    const nlohmann::json* schema_at(const std::string& path) const;

private:
    struct Explanation;
    const nlohmann::json* subschema(const std::vector<std::string>& tokens) const;
    const nlohmann::json* resolve(const nlohmann::json* schema) const;
    Explanation explain(const std::string& description, const nlohmann::json* schema) const;

    std::unique_ptr<nlohmann::json> schema_;
    std::unique_ptr<valijson::Schema> compiled_;
};

// `list[3] "name"` for a path inside a record of a list of named objects,
// for RecordNamer; "" for any other path.
std::string named_record(const nlohmann::json& input, const std::vector<std::string>& lists, const std::string& path);

// A problem at a JSON path of the input, in the record the namer gives.
Problem value_problem(const std::string& path, const std::string& record, std::string message, bool predicate = true);

}  // namespace docgen
