// JSON Schema validation (valijson) with messages that say what a user must
// change: "assessments[2].grade must be 4..11", "pupils is missing".
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace valijson {
class Schema;
}

namespace docgen {

class SchemaValidator {
public:
    explicit SchemaValidator(const char* schema_text);
    ~SchemaValidator();

    // Names the record a path is in, e.g. `schools[17] "МБОУ СОШ № 5": `,
    // and gives back the rest of the path; "" when the path is in no record.
    using RecordNamer = std::function<std::string(const std::string& path, std::string& rest)>;

    // Every problem, each naming its JSON path; empty when the input is valid.
    std::vector<std::string> problems(const nlohmann::json& input, const RecordNamer& name_record) const;

private:
    struct Explanation;
    const nlohmann::json* subschema(const std::vector<std::string>& tokens) const;
    const nlohmann::json* resolve(const nlohmann::json* schema) const;
    Explanation explain(const std::string& description, const nlohmann::json* schema) const;

    std::unique_ptr<nlohmann::json> schema_;
    std::unique_ptr<valijson::Schema> compiled_;
};

// `list[3] "name": ` for a record of a list of named objects, for RecordNamer.
std::string named_record(const nlohmann::json& input, const std::vector<std::string>& lists, const std::string& path,
                         std::string& rest);

}  // namespace docgen
