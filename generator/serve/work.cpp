#include "serve/work.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "batch/batch.h"
#include "batch/manifest.h"
#include "batch/output_paths.h"
#include "common/error.h"
#include "common/files.h"
#include "common/sha256.h"
#include "common/zip_writer.h"
#include "render/input.h"
#include "render/render.h"
#include "serve/page_svg.h"
#include "serve/problems.h"
#include "serve/uploaded_data.h"

namespace docgen::serve {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char* const kDocument = "document";  // the files of one document: document.pdf, …
const char* const kArchive = "cycle.zip";

// The data and the rules as uploaded, read.
struct Inputs {
    json raw;
    std::shared_ptr<const sheets::Origins> origins;  // a workbook's cells, for its problems; null for JSON
    std::optional<domain::Rules> uploaded_rules;
    const domain::Rules* rules = nullptr;
};

Inputs read_inputs(const WorkContext& context, const JobInput& input) {
    Inputs inputs;
    InputData data = read_data(read_file(kUploadedData, "the uploaded data"), input.data_name, input.data_format);
    inputs.raw = std::move(data.value);
    inputs.origins = std::move(data.origins);
    inputs.rules = context.rules;
    if (!input.rules_name.empty()) {
        inputs.uploaded_rules = domain::Rules::parse(
            read_data(read_file(kUploadedRules, "the uploaded rules"), input.rules_name, "json").value,
            input.rules_name);
        inputs.rules = &*inputs.uploaded_rules;
    }
    return inputs;
}

bool takes_cluster_results(const Template& document_template) {
    return document_template.input_format() == "cluster-results";
}

// The data a template binds to; InputError when rules come for a template that takes none.
json prepared_data(const Template& document_template, const JobInput& input, Inputs& inputs) {
    if (!input.rules_name.empty() && !takes_cluster_results(document_template))
        throw InputError(input.rules_name + ": rules are given for the template " + input.template_name +
                         ", which does not take cluster results");
    return prepare_data(document_template, std::move(inputs.raw), input.data_name, *inputs.rules,
                        inputs.origins.get());
}

// "a.b.c" of an object; null when a key is missing.
const json* member(const json& value, const std::string& dotted) {
    const json* at = &value;
    for (size_t start = 0; start <= dotted.size();) {
        const size_t dot = std::min(dotted.find('.', start), dotted.size());
        if (!at->is_object()) return nullptr;
        const auto found = at->find(dotted.substr(start, dot - start));
        if (found == at->end()) return nullptr;
        at = &*found;
        start = dot + 1;
    }
    return at;
}

std::string text_of(const json* value) {
    if (!value) return "";
    return value->is_string() ? value->get<std::string>() : value->is_number() ? value->dump() : "";
}

// The list a kind's template runs over: the data's own list for a plain key,
// else a new one made from the expression and kept in `made`.
const json& list_of(const EachElement& each, const json& data, json& made) {
    if (data.is_object())
        if (const auto found = data.find(each.in); found != data.end()) return *found;
    made = evaluate_expression(each.in, data);
    return made;
}

json elements_of(const EachElement& each, const json& data) {
    json made;
    const json& list = list_of(each, data, made);
    json elements = json::array();
    if (!list.is_array()) return elements;
    for (const json& element : list) {
        json item = {{"id", text_of(member(element, "id"))}, {"name", text_of(member(element, "name"))}};
        if (!each.group.empty()) item["group"] = text_of(member(element, each.group));
        elements.push_back(std::move(item));
    }
    return elements;
}

// A name for the downloads from the kind's pattern, else the document's title.
std::string file_name(const DocumentKind& kind, const Document& document, const json& data,
                      const std::vector<Variable>& variables) {
    if (!kind.file.empty()) {
        try {
            const std::string name = batch::safe_name(interpolate(kind.file, data, variables));
            if (name != "_") return name;
        } catch (const InputError&) {
            // a value the pattern needs is missing: the title names the document as well
        }
    }
    const std::string title = batch::safe_name(document.metadata.title);
    return title != "_" ? title : kind.name;
}

json file_entry(const std::string& format, const std::string& file, const std::string& name, const std::string& bytes,
                int pages) {
    json entry = {{"format", format}, {"file", file},          {"name", name},
                  {"bytes", bytes.size()}, {"sha256", Sha256::of(bytes)}};
    if (pages > 0) entry["pages"] = pages;
    return entry;
}

// What a job of one template works on: the template, and the data prepared for it.
struct Prepared {
    std::shared_ptr<const Template> document_template;
    json data;
};

Prepared prepare(const WorkContext& context, const JobInput& input) {
    Inputs inputs = read_inputs(context, input);
    Prepared prepared{context.catalogue->load(input.template_name), json()};
    prepared.data = prepared_data(*prepared.document_template, input, inputs);
    return prepared;
}

json check(const WorkContext& context, const JobInput& input) {
    const Prepared prepared = prepare(context, input);
    const Template& document_template = *prepared.document_template;
    const json& data = prepared.data;
    json result = {{"notes", takes_cluster_results(document_template) ? data.value("notes", json::array()) : json::array()}};
    const std::optional<DocumentKind> kind = context.catalogue->kind(input.template_name);
    if (kind && kind->each) {
        result["elements"] = elements_of(*kind->each, data);
    } else {
        document_template.render(data);  // what binding finds wrong in the data
    }
    return result;
}

json render(const WorkContext& context, const JobInput& input) {
    const Prepared prepared = prepare(context, input);
    const Template& document_template = *prepared.document_template;
    const json& data = prepared.data;
    const DocumentKind kind = context.catalogue->kind(input.template_name).value();
    std::deque<json> values;  // a deque: the variables point into it
    std::vector<Variable> variables;
    if (!input.element.empty()) {
        const EachElement& each = *kind.each;
        json made;
        const json& list = list_of(each, data, made);
        const json* chosen = nullptr;
        std::string path;
        for (size_t i = 0; list.is_array() && i < list.size() && !chosen; ++i)
            if (text_of(member(list[i], "id")) == input.element) {
                chosen = &list[i];
                path = each.in + "[" + std::to_string(i) + "]";
            }
        if (!chosen) throw InputError(each.in + ": no element has the id \"" + input.element + "\"");
        values.push_back(*chosen);
        variables.push_back({each.variable, &values.back(), path});
    }
    for (const auto& [name, expression] : input.bindings) {
        try {
            values.push_back(evaluate_expression(expression, data, variables));
        } catch (const InputError& error) {
            throw InputError("let " + name + "=" + expression + ": " + error.what());
        }
        variables.push_back({name, &values.back(), name});
    }
    const Document document = document_template.render(data, variables);
    const std::string name = file_name(kind, document, data, variables);
    json files = json::array();
    std::vector<Page> pages;
    for (const std::string& format_name : input.formats) {
        const OutputFormat format = format_named(format_name);
        const bool previews = format == OutputFormat::Pdf && input.preview;
        const RenderedFile file = render_file(document, format, *context.document, previews ? &pages : nullptr);
        const std::string path = kDocument + extension_of(format);
        write_file_atomically(path, file.bytes);
        files.push_back(file_entry(format_name, path, name + extension_of(format), file.bytes, file.pages));
    }
    if (!pages.empty()) fs::create_directory("pages");
    for (size_t i = 0; i < pages.size(); ++i)
        write_file_atomically("pages/" + std::to_string(i + 1) + ".svg", page_svg(pages[i], context.document->fonts));
    return {{"files", std::move(files)}, {"previews", pages.size()}, {"title", document.metadata.title}};
}

// The folder's outputs as listed by its manifest, the manifest first, zipped
// into `path` entry by entry: a cycle's archive is never held whole in memory.
void write_archive(const std::string& folder, const std::string& path) {
    const std::string manifest_path = (fs::path(folder) / "manifest.json").string();
    const std::string temporary = path + ".part";
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (!file) throw std::runtime_error("cannot write the archive");
    try {
        ZipWriter zip(file);
        zip.add("manifest.json", read_file(manifest_path, "the manifest"));
        for (const batch::ManifestEntry& entry : batch::Manifest::read(manifest_path).outputs)
            zip.add(entry.path, read_file((fs::path(folder) / entry.path).string(), "an output"));
        zip.finish();
    } catch (...) {
        std::fclose(file);
        throw;
    }
    if (std::fclose(file) != 0 || std::rename(temporary.c_str(), path.c_str()) != 0)
        throw std::runtime_error("cannot write the archive");
}

// The entry of a file too large to read whole.
json large_file_entry(const std::string& format, const std::string& file, const std::string& name) {
    std::ifstream in(file, std::ios::binary);
    Sha256 hash;
    size_t bytes = 0;
    std::string buffer(1 << 20, '\0');
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
        hash.update(std::string_view(buffer.data(), static_cast<size_t>(in.gcount())));
        bytes += static_cast<size_t>(in.gcount());
    }
    return {{"format", format}, {"file", file}, {"name", name}, {"bytes", bytes}, {"sha256", hash.hex()}};
}

json make_cycle(const WorkContext& context, const JobInput& input, const Progress& progress) {
    const Cycle cycle = context.catalogue->cycle().value();
    // Checked first as the cycle's templates read it: the problems name the uploaded file.
    Inputs inputs = read_inputs(context, input);
    const bool json_upload = input.data_format.empty() || input.data_format == "json";
    const std::string data_text = json_upload ? "" : inputs.raw.dump();
    std::string archive_name;
    json notes;
    {
        // Let go before the batch reads the data again.
        const json data = prepared_data(*context.catalogue->load(input.template_name), input, inputs);
        archive_name = batch::safe_name(interpolate(cycle.archive, data, {}));
        notes = data.value("notes", json::array());
    }
    if (json_upload) fs::rename(kUploadedData, "data.json");
    else write_file_atomically("data.json", data_text);
    if (!input.rules_name.empty()) fs::rename(kUploadedRules, "rules.json");
    write_file_atomically("batch.json", context.catalogue->cycle_batch(input.formats, !input.rules_name.empty(), "out").dump(2));

    batch::Options options;
    options.batch_file = "batch.json";
    options.threads = 1;  // a job makes one document at a time: --jobs bounds the documents made at once
    options.only = input.only;
    std::FILE* quiet = std::fopen("/dev/null", "w");
    options.messages = quiet;
    json failures = json::array();
    options.on_progress = [&](size_t done, size_t total, const std::string& failure) {
        progress(done, total);
        if (!failure.empty()) failures.push_back({{"place", ""}, {"message", failure}});
    };
    const batch::Summary summary = batch::run(options, *context.cycle);
    if (quiet) std::fclose(quiet);
    write_archive("out", kArchive);
    std::error_code ignored;
    fs::remove_all("out", ignored);
    json result = {{"files", json::array({large_file_entry("zip", kArchive, archive_name + ".zip")})},
                   {"summary", {{"written", summary.written}, {"failed", summary.failed}, {"pages", summary.pages}}},
                   {"notes", std::move(notes)}};
    if (!failures.empty()) result["problems"] = std::move(failures);
    return result;
}

}  // namespace

json do_work(const WorkContext& context, const JobInput& input, const Progress& progress) {
    try {
        switch (input.kind) {
            case JobKind::Check: return check(context, input);
            case JobKind::Render: return render(context, input);
            case JobKind::Batch: return make_cycle(context, input, progress);
        }
        return json::object();
    } catch (const InputError& error) {
        // Templates are named as the client names them, without the server's folder.
        std::string message = error.what();
        const std::string folder = (fs::path(context.catalogue->folder()) / "").string();
        for (size_t at; (at = message.find(folder)) != std::string::npos;) message.erase(at, folder.size());
        const Problems problems = problems_of(message, {input.data_name, input.rules_name});
        return {{"error", problems.heading.empty() ? problems.list.front().message : problems.heading},
                {"problems", to_json(problems)}};
    }
}

}  // namespace docgen::serve
