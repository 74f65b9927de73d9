#include "batch/plan.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

#include "batch/output_paths.h"
#include "common/error.h"
#include "common/files.h"
#include "common/json_file.h"
#include "common/sha256.h"
#include "render/input.h"

namespace docgen::batch {

using nlohmann::json;

namespace {

std::string text_field(const json& element, const char* key) {
    if (!element.is_object() || !element.contains(key)) return "";
    const json& value = element.at(key);
    return value.is_string() ? value.get<std::string>() : value.is_number() ? value.dump() : "";
}

// The names between the '/' of a path, or of a pattern, where a '/' inside
// {{ … }} separates nothing.
std::vector<std::string> names_of(std::string_view text) {
    std::vector<std::string> names(1);
    int depth = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.substr(i, 2) == "{{") ++depth;
        if (text.substr(i, 2) == "}}" && depth > 0) --depth;
        if (text[i] == '/' && depth == 0) names.emplace_back();
        else names.back() += text[i];
    }
    return names;
}

bool blank(const std::string& name) { return name.find_first_not_of(' ') == std::string::npos; }

// A document's path from its job's pattern. A value is one name (one_name):
// data makes no folders. A name of the pattern that
// its values leave empty (a school whose name is null) fails the document,
// rather than dropping a folder level.
std::string output_path(const std::string& pattern, const json& data, const std::vector<Variable>& variables) {
    const std::string path = interpolate(pattern, data, variables, [](std::string value) { return one_name(value); });
    const std::vector<std::string> wanted = names_of(pattern);
    const std::vector<std::string> made = names_of(path);
    for (size_t i = 0; i < wanted.size() && i < made.size(); ++i)
        if (blank(made[i]) && !blank(wanted[i]))
            throw InputError("'" + wanted[i] + "' gives an empty name in '" + pattern + "'");
    return safe_relative_path(path);
}

// The list a job runs over. A plain key ("schools") is the data's own list;
// any other expression makes a new one, kept in the plan. Lists of schools
// are the largest part of the data: they are not copied when not needed.
const json& job_list(const BatchFile& batch, const Job& job, const json& data, Plan& plan) {
    if (data.is_object()) {
        const auto found = data.find(job.in);
        if (found != data.end()) return *found;
    }
    try {
        plan.elements.push_back(evaluate_expression(job.in, data));
    } catch (const InputError& error) {
        throw InputError(batch.path + ": job " + job.name + ": " + error.what());
    }
    return plan.elements.back();
}

}  // namespace

Inputs load_inputs(const BatchFile& batch, const Resources& resources, unsigned threads) {
    Inputs inputs;
    std::map<std::string, std::shared_ptr<const Template>> by_path;
    for (const Job& job : batch.jobs) {
        auto& loaded = by_path[job.template_path];
        if (!loaded) loaded = std::make_shared<const Template>(Template::load(job.template_path));
        inputs.templates.push_back(loaded);
    }
    // The raw data is kept only for templates that bind it as it is: it is
    // the largest thing in memory after the analysed data.
    const auto binds_raw = [](const auto& loaded) { return loaded->input_format() != "cluster-results"; };
    const bool keep_raw = std::any_of(inputs.templates.begin(), inputs.templates.end(), binds_raw);
    // A batch is the whole cycle: its data may be a country's schools, held
    // packed until they are analysed, when only the analysis reads them.
    InputData data = read_data(batch.data_path,
                               batch.data_format.empty() ? std::nullopt
                                                         : std::optional(sheets::format_named(batch.data_format)),
                               !keep_raw);
    inputs.raw = std::move(data.value);
    for (const auto& loaded : inputs.templates) {
        if (loaded->input_format() == "cluster-results" && inputs.analysed.is_null()) {
            inputs.analysed = prepare_data(*loaded, keep_raw ? inputs.raw : std::move(inputs.raw), batch.data_path,
                                           batch.rules_path, data.origins.get(), threads);
        }
    }
    if (!keep_raw) inputs.raw = nullptr;
    // Everything an output is made from: if none of it changed, neither did the output.
    Sha256 shared;
    shared.update(DOCGEN_VERSION);
    // The data's bytes go through the hash a megabyte at a time: read whole,
    // a country's data would be held once more beside its analysis.
    for (const std::string& file : data.files)
        if (!shared.update_file(file)) throw InputError(file + ": cannot read data: " + std::strerror(errno));
    if (!batch.rules_path.empty()) shared.update(read_file(batch.rules_path, "rules"));
    for (bool bold : {false, true})
        for (bool italic : {false, true}) shared.update(resources.fonts.face(bold, italic).bytes());
    shared.update(read_file(resources.hyphenation_file, "hyphenation patterns"));
    const std::string shared_part = shared.hex();
    for (size_t j = 0; j < batch.jobs.size(); ++j) {
        const Job& job = batch.jobs[j];
        const Template& loaded = *inputs.templates[j];
        Sha256 fingerprint;
        fingerprint.update(shared_part);
        for (const std::string& part : {job.name, job.each, job.in, job.output}) fingerprint.update(part + '\0');
        for (const std::string& source : loaded.source_files()) fingerprint.update(read_file(source, "template"));
        inputs.fingerprints.push_back(fingerprint.hex());
    }
    Sha256 all;
    for (const std::string& fingerprint : inputs.fingerprints) all.update(fingerprint);
    inputs.fingerprint = all.hex();
    return inputs;
}

Plan make_plan(const BatchFile& batch, const Inputs& inputs) {
    Plan plan;
    for (size_t j = 0; j < batch.jobs.size(); ++j) {
        const Job& job = batch.jobs[j];
        const json& data = inputs.data(j);
        const auto add = [&](const json* element, size_t index) {
            WorkItem item;
            item.job = j;
            item.element = element;
            std::vector<Variable> variables;
            if (element) {
                item.element_path = job.in + "[" + std::to_string(index) + "]";
                variables.push_back({job.each, element, item.element_path});
                const std::string name = text_field(*element, "name");
                item.label = job.each + (name.empty() ? "" : " \"" + name + "\"") + " (" + item.element_path + ")";
                json summary = {{"index", index}};
                if (!text_field(*element, "id").empty()) summary["id"] = text_field(*element, "id");
                if (!name.empty()) summary["name"] = name;
                item.summary = summary.dump();
            } else {
                item.label = "job " + job.name;
            }
            // A document whose path cannot be made fails alone, as if its rendering had.
            try {
                item.output = output_path(job.output, data, variables);
            } catch (const InputError& error) {
                item.failure = "its output path: " + std::string(error.what());
            }
            plan.items.push_back(std::move(item));
        };
        if (job.each.empty()) {
            add(nullptr, 0);
            continue;
        }
        const json& elements = job_list(batch, job, data, plan);
        if (!elements.is_array())
            throw InputError(batch.path + ": job " + job.name + ": '" + job.in + "' is " + elements.type_name() +
                             ", not a list");
        for (size_t i = 0; i < elements.size(); ++i) add(&elements[i], i);
    }
    std::vector<std::string> outputs;
    for (const WorkItem& item : plan.items)
        if (item.failure.empty()) outputs.push_back(item.output);
    make_unique(outputs);
    auto unique = outputs.begin();
    for (size_t i = 0; i < plan.items.size(); ++i) {
        plan.items[i].order = i;
        if (plan.items[i].failure.empty()) plan.items[i].output = *unique++;
    }
    return plan;
}

void keep_only(Plan& plan, const std::string& value) {
    const auto matches = [&](const json& element) {
        if (text_field(element, "id") == value || text_field(element, "name") == value) return true;
        if (element.is_object() && element.contains("municipality")) {
            const json& municipality = element.at("municipality");
            return text_field(municipality, "id") == value || text_field(municipality, "name") == value ||
                   (municipality.is_string() && municipality.get<std::string>() == value);
        }
        return false;
    };
    std::erase_if(plan.items, [&](const WorkItem& item) { return !item.element || !matches(*item.element); });
    if (plan.items.empty())
        throw InputError("--only " + value + ": no municipality or school of the batch has this id or name");
}

void keep_shard(Plan& plan, int k, int n) {
    std::vector<WorkItem> kept;
    for (WorkItem& item : plan.items)
        if (static_cast<int>(item.order % static_cast<size_t>(n)) == k - 1) kept.push_back(std::move(item));
    plan.items = std::move(kept);
}

}  // namespace docgen::batch
