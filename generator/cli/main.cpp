// docgen: renders official documents from a template and data (JSON, or a
// spreadsheet), and writes the workbook in which the data is filled in.
// Exit status: 0 success, 1 bad input (the message says what and where),
// 2 wrong usage.
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <future>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#ifdef DOCGEN_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif

#include "common/error.h"
#include <nlohmann/json.hpp>

#include "common/json_file.h"
#include "batch/batch.h"
#include "batch/manifest.h"
#include "domain/analysis.h"
#include "domain/schema_check.h"
#include "render/input.h"
#include "render/render.h"
#include "render/resources.h"
#include "serve/serve.h"
#include "sheets/sheets.h"
#include "template/template.h"

namespace {

constexpr int kBadInput = 1;
constexpr int kUsage = 2;

const char* const kHelp = R"help(docgen — Russian official documents from templates and data

Usage:
  docgen render TEMPLATE DATA -o OUTPUT [-o OUTPUT ...] [options]
  docgen indicators DATA [--rules FILE] [--data-format FORMAT]
  docgen batch BATCH [-j N] [--force] [--only ID] [--shard K/N] [--output DIR]
  docgen workbook cluster-results -o FILE.xlsx [--from DATA] [--rules FILE]
  docgen merge-manifests DIR
  docgen serve [--bind ADDRESS] [--port N] [--jobs N] [--token TOKEN] [options]
  docgen --help
  docgen --version

DATA is JSON, an XLSX workbook or CSV files of cluster results
(docs/data-spreadsheets.md), told by the extension or by --data-format.

Commands:
  render    Bind DATA to TEMPLATE (XML) and write each OUTPUT;
            the format follows the extension: .pdf, .docx, or
            .txt for the plain text of the document. Several -o write
            several formats from one binding of the data.
  indicators
            Validate cluster results, classify the schools and print the
            Concept's indicators of the region and each municipality as JSON.
  batch     Render every document a batch file describes (docs/batch.md) on
            several threads; write manifest.json beside them and skip
            outputs whose inputs have not changed.
              -j N          threads (default: one per core it may use)
              --force       render even what is up to date
              --only ID     only the documents of this element (a school, a
                            municipality and its schools), by id or name
              --shard K/N   only the K-th of N equal parts (for job arrays);
                            its manifest is manifest.shard-K-of-N.json
              --output DIR  the output folder instead of the batch file's
  workbook  Write the workbook in which cluster results are filled in:
            instructions, a sheet per part, drop-down lists and checks;
            --from DATA fills it with existing data.
  merge-manifests
            Merge the manifest.shard-*.json of a sharded run into manifest.json.
  serve     Serve the page (in Russian) and the JSON API of docs/serve.md:
            upload data, see its errors, preview pages, download PDF, DOCX
            or the monitoring cycle as a ZIP. Stops on Ctrl-C.
              --bind ADDRESS   the address to listen on (default 127.0.0.1);
                               another than loopback needs --token
              --port N         the port (default 8080; 0: any free one)
              --jobs N         documents made at once (default: one per core);
                               further requests wait in a queue
              --token TOKEN    the key every API request must give
              --max-upload MB  the largest upload (default 50)
              --keep MINUTES   how long made files are kept (default 60)
              --queue N        the most jobs waiting at once (default 100)
              --templates DIR  the templates offered (default: templates/ of docgen)
              --rules, --fonts, --hyphenation as for render

Options:
  -o, --output FILE     an output file; may repeat
  --fonts DIR           where LiberationSerif-*.ttf are (default: fonts/ of docgen,
                        then $DOCGEN_FONTS, then the system's Liberation fonts)
  --hyphenation FILE    hyphenation patterns in libhyphen's format (default:
                        $DOCGEN_HYPHENATION or /usr/share/hyphen/hyph_ru_RU.dic)
  --let NAME=EXPR       bind NAME to an expression over the data, e.g.
                        --let "school=schools | find('id', '67101')"
  --rules FILE          classification rules and indicators for cluster results
                        (default: the built-in rules/concept-2022.json)
  --data-format FORMAT  json, xlsx or csv: how to read DATA whatever its extension
                        (render, indicators, batch)
  -h, --help            this text
  --version             the version, and the memory allocator in use

Exit status: 0 success, 1 bad input or a document that failed, 2 wrong usage.
The template language: docs/templates.md.
)help";

struct UsageError {
    std::string message;
};

docgen::sheets::Format data_format_option(const std::string& name) {
    try {
        return docgen::sheets::format_named(name);
    } catch (const docgen::InputError& error) {
        throw UsageError{std::string("--data-format: ") + error.what()};
    }
}

struct RenderArguments {
    std::string template_path;
    std::string data_path;
    std::vector<std::string> outputs;
    std::vector<std::pair<std::string, std::string>> bindings;  // --let NAME=EXPRESSION
    std::string rules;
    std::optional<docgen::sheets::Format> data_format;
    docgen::ResourceOptions resources;
};

RenderArguments parse_render(const std::vector<std::string>& args) {
    RenderArguments parsed;
    std::vector<std::string> positional;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw UsageError{arg + " needs a value"};
            return args[++i];
        };
        if (arg == "-o" || arg == "--output") parsed.outputs.push_back(value());
        else if (arg == "--fonts") parsed.resources.fonts_dir = value();
        else if (arg == "--hyphenation") parsed.resources.hyphenation_file = value();
        else if (arg == "--rules") parsed.rules = value();
        else if (arg == "--data-format") parsed.data_format = data_format_option(value());
        else if (arg == "--let") {
            const std::string binding = value();
            const size_t equals = binding.find('=');
            if (equals == std::string::npos || equals == 0) throw UsageError{"--let needs NAME=EXPRESSION"};
            parsed.bindings.emplace_back(binding.substr(0, equals), binding.substr(equals + 1));
        }
        else if (!arg.empty() && arg[0] == '-') throw UsageError{"unknown option " + arg};
        else positional.push_back(arg);
    }
    if (positional.size() != 2) throw UsageError{"render needs TEMPLATE and DATA"};
    if (parsed.outputs.empty()) throw UsageError{"render needs at least one -o OUTPUT"};
    for (const std::string& output : parsed.outputs) {
        try {
            docgen::format_of(output);
        } catch (const docgen::InputError& error) {
            throw UsageError{error.what()};
        }
    }
    parsed.template_path = positional[0];
    parsed.data_path = positional[1];
    return parsed;
}

int render(const RenderArguments& args) {
    // Fonts and hyphenation patterns load while the data is read and bound.
    std::shared_future<docgen::Resources> resources =
        std::async(std::launch::async, [&] { return docgen::Resources::load(args.resources); });
    const docgen::Template document_template = docgen::Template::load(args.template_path);
    if (!args.rules.empty() && document_template.input_format() != "cluster-results")
        throw UsageError{"--rules: " + args.template_path +
                         " does not take cluster results (<document input=\"cluster-results\">), so it has no use for rules"};
    docgen::InputData input = docgen::read_data(args.data_path, args.data_format);
    const nlohmann::json data = docgen::prepare_data(document_template, std::move(input.value), args.data_path,
                                                     args.rules, input.origins.get(), docgen::batch::available_cores());
    std::deque<nlohmann::json> values;  // a deque: the variables point into it
    std::vector<docgen::Variable> variables;
    for (const auto& [name, expression] : args.bindings) {
        try {
            values.push_back(docgen::evaluate_expression(expression, data, variables));
        } catch (const docgen::InputError& error) {
            // "in 'EXPR': why" names the expression but not the option it came from.
            std::string why = error.what();
            const std::string own = "in '" + expression + "': ";
            if (why.rfind(own, 0) == 0) why.erase(0, own.size());
            throw docgen::InputError("in the option --let \"" + name + "=" + expression + "\": " + why);
        }
        variables.push_back({name, &values.back(), name});
    }
    const docgen::Document document = document_template.render(data, variables);
    docgen::render_outputs(document, args.outputs, resources);
    return 0;
}

int indicators(const std::vector<std::string>& args) {
    std::string data_path, rules_path;
    std::optional<docgen::sheets::Format> format;
    for (size_t i = 0; i < args.size(); ++i) {
        const auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw UsageError{args[i] + " needs a value"};
            return args[++i];
        };
        if (args[i] == "--rules") {
            rules_path = value();
        } else if (args[i] == "--data-format") {
            format = data_format_option(value());
        } else if (!args[i].empty() && args[i][0] == '-') {
            throw UsageError{"unknown option " + args[i]};
        } else if (data_path.empty()) {
            data_path = args[i];
        } else {
            throw UsageError{"indicators takes one DATA file"};
        }
    }
    if (data_path.empty()) throw UsageError{"indicators needs DATA"};
    const docgen::InputData input = docgen::read_data(data_path, format);
    const docgen::domain::Rules rules =
        rules_path.empty() ? docgen::domain::Rules::defaults() : docgen::domain::Rules::load(rules_path);
    const auto analysis = docgen::analyse_data(input.value, rules, data_path, input.origins.get());
    std::cout << docgen::domain::indicators_json(analysis, rules).dump(2) << "\n";
    return 0;
}

int workbook_command(const std::vector<std::string>& args) {
    std::string layout, output, from, rules_path;
    for (size_t i = 0; i < args.size(); ++i) {
        const auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw UsageError{args[i] + " needs a value"};
            return args[++i];
        };
        if (args[i] == "-o" || args[i] == "--output") output = value();
        else if (args[i] == "--from") from = value();
        else if (args[i] == "--rules") rules_path = value();
        else if (!args[i].empty() && args[i][0] == '-') throw UsageError{"unknown option " + args[i]};
        else if (layout.empty()) layout = args[i];
        else throw UsageError{"workbook takes one layout: cluster-results"};
    }
    if (layout != "cluster-results") throw UsageError{"workbook needs the layout: cluster-results"};
    if (output.empty()) throw UsageError{"workbook needs -o FILE.xlsx"};
    if (docgen::sheets::format_of_file(output) != docgen::sheets::Format::Xlsx)
        throw UsageError{"workbook writes XLSX: " + output + " should end in .xlsx"};
    const docgen::domain::Rules rules =
        rules_path.empty() ? docgen::domain::Rules::defaults() : docgen::domain::Rules::load(rules_path);
    std::vector<std::string> clusters;
    for (const auto& cluster : rules.clusters) clusters.push_back(cluster.code);
    nlohmann::json data;
    if (!from.empty()) {
        data = docgen::read_data(from).value;
        docgen::domain::check_cluster_results_schema(data, from);
    }
    docgen::sheets::write_cluster_workbook(output, data, clusters);
    return 0;
}

int batch_command(const std::vector<std::string>& args) {
    docgen::batch::Options options;
    docgen::ResourceOptions resources;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw UsageError{arg + " needs a value"};
            return args[++i];
        };
        if (arg == "--jobs" || arg.rfind("-j", 0) == 0) {
            const std::string text = arg.size() > 2 && arg[1] == 'j' ? arg.substr(2) : value();  // -j2 as in make
            int threads = 0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), threads);
            if (error != std::errc() || end != text.data() + text.size() || threads < 1 || threads > 1024)
                throw UsageError{"-j needs a number of threads from 1 to 1024, not " + text};
            options.threads = threads;
        } else if (arg == "--force") {
            options.force = true;
        } else if (arg == "--only") {
            options.only = value();
        } else if (arg == "--shard") {
            const std::string text = value();
            int k = 0, n = 0;
            char tail = 0;
            if (std::sscanf(text.c_str(), "%d/%d%c", &k, &n, &tail) != 2 || n < 1 || k < 1 || k > n)
                throw UsageError{"--shard needs K/N with 1 <= K <= N, not " + text};
            options.shard = k;
            options.shards = n;
        } else if (arg == "--output") {
            options.output_dir = value();
        } else if (arg == "--data-format") {
            data_format_option(value());
            options.data_format = args[i];
        } else if (arg == "--fonts") {
            resources.fonts_dir = value();
        } else if (arg == "--hyphenation") {
            resources.hyphenation_file = value();
        } else if (!arg.empty() && arg[0] == '-') {
            throw UsageError{"unknown option " + arg};
        } else if (options.batch_file.empty()) {
            options.batch_file = arg;
        } else {
            throw UsageError{"batch takes one BATCH file"};
        }
    }
    if (options.batch_file.empty()) throw UsageError{"batch needs a BATCH file"};
    options.progress_bar = isatty(fileno(stderr));
    resources.many_documents = true;
    const docgen::Resources loaded = docgen::Resources::load(resources);
    const docgen::batch::Summary summary = docgen::batch::run(options, loaded);
    std::fprintf(stderr, "written %zu, failed %zu, skipped %zu, pages %zu, %.2f s; %s\n", summary.written,
                 summary.failed, summary.skipped, summary.pages, summary.seconds,
                 summary.manifest_error.empty() ? summary.manifest.c_str() : "no manifest");
    if (!summary.manifest_error.empty()) std::fprintf(stderr, "docgen: %s\n", summary.manifest_error.c_str());
    return summary.failed > 0 || !summary.manifest_error.empty() ? 1 : 0;
}

int serve_command(const std::vector<std::string>& args) {
    docgen::serve::ServeOptions options;
    const auto number = [](const std::string& option, const std::string& text, long long low, long long high) {
        long long value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || value < low || value > high)
            throw UsageError{option + " needs a number from " + std::to_string(low) + " to " + std::to_string(high) +
                             ", not " + text};
        return value;
    };
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw UsageError{arg + " needs a value"};
            return args[++i];
        };
        if (arg == "--bind") options.bind = value();
        else if (arg == "--port") options.port = static_cast<int>(number(arg, value(), 0, 65535));
        else if (arg == "--jobs" || arg == "-j") options.jobs = static_cast<int>(number(arg, value(), 1, 256));
        else if (arg == "--token") options.token = value();
        else if (arg == "--max-upload") options.max_upload_mb = static_cast<size_t>(number(arg, value(), 1, 4095));
        else if (arg == "--keep") options.keep_minutes = static_cast<int>(number(arg, value(), 1, 7 * 24 * 60));
        else if (arg == "--queue") options.queue = static_cast<size_t>(number(arg, value(), 1, 100000));
        else if (arg == "--templates") options.templates_dir = value();
        else if (arg == "--rules") options.rules_file = value();
        else if (arg == "--fonts") options.resources.fonts_dir = value();
        else if (arg == "--hyphenation") options.resources.hyphenation_file = value();
        else throw UsageError{(arg.empty() || arg[0] != '-' ? "serve takes no argument " : "unknown option ") + arg};
    }
    if (!docgen::serve::is_loopback(options.bind) && options.token.empty())
        throw UsageError{"--bind " + options.bind + " opens the server to other machines: give --token TOKEN too"};
    if (!options.token.empty() && options.token.size() < 16)
        throw UsageError{"--token needs at least 16 characters"};
    return docgen::serve::run(options);
}

int merge_command(const std::vector<std::string>& args) {
    if (args.size() != 1) throw UsageError{"merge-manifests needs the output folder"};
    const size_t outputs = docgen::batch::merge_manifests(args[0]);
    std::fprintf(stderr, "merged %zu outputs into %s/manifest.json\n", outputs, args[0].c_str());
    return 0;
}

// The allocator that malloc reaches: jemalloc where it is linked and has
// taken malloc's place (docs/architecture.md, "Dependencies and why"), as
// its count of the thread's allocated bytes shows.
std::string allocator() {
#ifdef DOCGEN_JEMALLOC
    uint64_t before = 0, after = 0;
    size_t size = sizeof before;
    if (mallctl("thread.allocated", &before, &size, nullptr, 0) == 0) {
        void* volatile block = std::malloc(4096);
        std::free(block);
        size = sizeof after;
        const char* version = nullptr;
        size_t version_size = sizeof version;
        if (mallctl("thread.allocated", &after, &size, nullptr, 0) == 0 && after >= before + 4096 &&
            mallctl("version", &version, &version_size, nullptr, 0) == 0) {
            const std::string full = version;
            return "jemalloc " + full.substr(0, full.find('-'));
        }
    }
#endif
    return "the C library's malloc";
}

}  // namespace

#ifdef DOCGEN_JEMALLOC
// jemalloc's settings, read when it starts: dirty pages go back to the system
// after a second instead of ten, unused ones at once (a country's cycle
// peaks about 10 % lower, no slower; docs/performance.md).
const char* malloc_conf = "dirty_decay_ms:1000,muzzy_decay_ms:0";  // declared by jemalloc.h
#endif

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.empty()) throw UsageError{"no command given"};
        if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
            std::cout << kHelp;
            return 0;
        }
        if (args[0] == "--version") {
            std::cout << "docgen " << DOCGEN_VERSION << "\nmemory allocator: " << allocator() << "\n";
            return 0;
        }
        if (args[0] == "render") return render(parse_render({args.begin() + 1, args.end()}));
        if (args[0] == "indicators") return indicators({args.begin() + 1, args.end()});
        if (args[0] == "batch") return batch_command({args.begin() + 1, args.end()});
        if (args[0] == "workbook") return workbook_command({args.begin() + 1, args.end()});
        if (args[0] == "merge-manifests") return merge_command({args.begin() + 1, args.end()});
        if (args[0] == "serve") return serve_command({args.begin() + 1, args.end()});
        throw UsageError{"unknown command " + args[0]};
    } catch (const UsageError& error) {
        std::cerr << "docgen: " << error.message << "\nTry 'docgen --help'.\n";
        return kUsage;
    } catch (const docgen::InputError& error) {
        std::cerr << "docgen: " << error.what() << "\n";
        return kBadInput;
    } catch (const std::exception& error) {
        std::cerr << "docgen: " << error.what() << "\n";
        return kBadInput;
    }
}
