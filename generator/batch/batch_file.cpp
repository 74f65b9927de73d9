#include "batch/batch_file.h"

#include "template/template.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/embedded.h"
#include "common/error.h"
#include "common/files.h"
#include "common/json_file.h"
#include "common/schema_validator.h"

namespace docgen::batch {

using nlohmann::json;

namespace {

// The schema has checked that `list` holds distinct strings; their names are
// checked here, against the one list of formats.
std::vector<OutputFormat> formats_of(const json& list, const std::string& path, const std::string& json_path) {
    std::vector<OutputFormat> formats;
    for (size_t i = 0; i < list.size(); ++i) {
        try {
            formats.push_back(format_named(list[i].get<std::string>()));
        } catch (const InputError& error) {
            throw InputError(Location::of_value(path, json_path + "[" + std::to_string(i) + "]"), error.what());
        }
    }
    return formats;
}

}  // namespace

BatchFile BatchFile::load(const std::string& path) { return parse(read_file(path, "batch file"), path); }

BatchFile BatchFile::parse(const std::string& text, const std::string& path) {
    const json file = parse_json(text, path);
    static const SchemaValidator validator(embedded_batch_schema());
    const auto problems = validator.problems(file, [&](const std::string& at) { return named_record(file, {"jobs"}, at); });
    if (!problems.empty()) {
        std::string message = path + ": the batch file does not follow schemas/batch.schema.json:";
        for (const Problem& problem : problems) message += "\n  " + problem.text();
        throw InputError(message);
    }
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    const auto resolve = [&](const std::string& relative) { return (folder / relative).lexically_normal().string(); };
    BatchFile batch;
    batch.path = path;
    batch.data_path = resolve(file["data"]);
    if (file.contains("rules")) batch.rules_path = resolve(file["rules"]);
    batch.output_dir = resolve(file.value("output", "out"));
    const std::vector<OutputFormat> formats =
        file.contains("formats") ? formats_of(file["formats"], path, "formats")
                                 : std::vector<OutputFormat>{OutputFormat::Pdf, OutputFormat::Docx};
    for (const json& item : file["jobs"]) {
        Job job;
        job.name = item["name"];
        job.template_path = resolve(item["template"]);
        job.each = item.value("each", "");
        job.in = item.value("in", "");
        job.output = item["output"];
        try {
            check_interpolation(job.output);
        } catch (const InputError& error) {
            throw InputError(path + ": job " + job.name + ", output: " + error.what());
        }
        job.formats = item.contains("formats")
                          ? formats_of(item["formats"], path, "jobs[" + std::to_string(batch.jobs.size()) + "].formats")
                          : formats;
        for (const Job& earlier : batch.jobs)
            if (earlier.name == job.name) throw InputError(path + ": two jobs are named \"" + job.name + "\"");
        batch.jobs.push_back(std::move(job));
    }
    return batch;
}

}  // namespace docgen::batch
