#include "domain/schema_check.h"

#include <map>
#include <nlohmann/json.hpp>

#include "common/embedded.h"

namespace docgen::domain {

using nlohmann::json;

namespace {

const json& resolve(const json& root, const json& schema) {
    const json* resolved = &schema;
    while (resolved->is_object() && resolved->contains("$ref"))  // "#/definitions/school"
        resolved = &root.at(json::json_pointer(resolved->at("$ref").get<std::string>().substr(1)));
    return *resolved;
}

std::string key_path(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

// The keys that the schema does not allow ("additionalProperties": false) of
// every object, by the object's path, in the order of the data.
void unknown_keys(const json& root, const json& value, const json& schema_here, const std::string& path,
                  std::map<std::string, std::vector<std::string>>& found) {
    const json& schema = resolve(root, schema_here);
    if (!schema.is_object()) return;
    if (value.is_array() && schema.contains("items") && schema.at("items").is_object()) {
        for (size_t i = 0; i < value.size(); ++i)
            unknown_keys(root, value[i], schema.at("items"), path + "[" + std::to_string(i) + "]", found);
        return;
    }
    if (!value.is_object()) return;
    static const json no_properties = json::object();
    const json& properties = schema.contains("properties") ? schema.at("properties") : no_properties;
    const json* additional = schema.contains("additionalProperties") ? &schema.at("additionalProperties") : nullptr;
    for (const auto& [key, member] : value.items()) {
        if (properties.contains(key)) unknown_keys(root, member, properties.at(key), key_path(path, key), found);
        else if (additional && additional->is_object()) unknown_keys(root, member, *additional, key_path(path, key), found);
        else if (additional && *additional == false) found[path].push_back(key);
    }
}

// An unknown key as SchemaValidator words it: `schools[1] "Школа": support: unknown key 'x'`.
std::string unknown_key_message(const SchemaValidator::RecordNamer& name_record, const std::string& path,
                                const std::string& key) {
    std::string subject;
    const std::string prefix = name_record(path, subject);
    std::string message = prefix.empty() && subject.empty() ? "the data" : prefix + subject;
    if (subject.empty() && !prefix.empty()) message.resize(message.size() - 2);  // "schools[1] "B"" alone
    return message + ": unknown key '" + key + "'";
}

}  // namespace

std::string record_prefix(const nlohmann::json& input, const std::string& path, std::string& rest) {
    return named_record(input, {"schools", "municipalities"}, path, rest);
}

std::vector<std::string> every_problem(const SchemaValidator& validator, const json& schema, const json& input,
                                       const SchemaValidator::RecordNamer& name_record) {
    std::map<std::string, std::vector<std::string>> unknown;
    unknown_keys(schema, input, schema, "", unknown);
    std::map<std::string, std::vector<std::string>> all_of_object;  // the first key's message → every key's
    for (const auto& [path, keys] : unknown) {
        std::vector<std::string>& messages = all_of_object[unknown_key_message(name_record, path, keys.front())];
        for (const std::string& key : keys) messages.push_back(unknown_key_message(name_record, path, key));
    }
    std::vector<std::string> problems;
    for (const std::string& problem : validator.problems(input, name_record)) {
        const auto all = all_of_object.find(problem);
        if (all == all_of_object.end()) problems.push_back(problem);
        else problems.insert(problems.end(), all->second.begin(), all->second.end());
    }
    return problems;
}

std::vector<std::string> schema_problems(const json& input) {
    static const json schema = json::parse(embedded_input_schema());
    static const SchemaValidator validator(embedded_input_schema());
    return every_problem(validator, schema, input, [&](const std::string& path, std::string& rest) {
        return record_prefix(input, path, rest);
    });
}

}  // namespace docgen::domain
