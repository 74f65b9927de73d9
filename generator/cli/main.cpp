// docgen: renders official documents from a template and JSON data.
// Exit status: 0 success, 1 bad input (the message says what and where),
// 2 wrong usage.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "common/error.h"
#include <nlohmann/json.hpp>

#include "common/json_file.h"
#include "domain/analysis.h"
#include "render/input.h"
#include "render/render.h"
#include "render/resources.h"
#include "template/template.h"

namespace {

constexpr int kBadInput = 1;
constexpr int kUsage = 2;

const char* const kHelp = R"help(docgen — Russian official documents from templates and JSON data

Usage:
  docgen render TEMPLATE DATA -o OUTPUT [-o OUTPUT ...] [options]
  docgen indicators DATA [--rules FILE]
  docgen --help

Commands:
  render    Bind DATA (JSON) to TEMPLATE (XML) and write each OUTPUT;
            the format follows the extension: .pdf, .docx, or
            .txt for the plain text of the document. Several -o write
            several formats from one binding of the data.
  indicators
            Validate cluster results, classify the schools and print the
            Concept's indicators of the region and each municipality as JSON.

Options:
  -o, --output FILE     an output file; may repeat
  --fonts DIR           where LiberationSerif-*.ttf are (default: fonts/ of docgen,
                        then $DOCGEN_FONTS, then the system's Liberation fonts)
  --hyphenation FILE    libhyphen patterns (default: $DOCGEN_HYPHENATION or
                        /usr/share/hyphen/hyph_ru_RU.dic)
  --let NAME=EXPR       bind NAME to an expression over the data, e.g.
                        --let "school=schools | find('id', '67101')"
  --rules FILE          classification rules and indicators for cluster results
                        (default: the built-in rules/concept-2022.json)
  -h, --help            this text

Exit status: 0 success, 1 bad input, 2 wrong usage.
The template language: docs/templates.md.
)help";

struct UsageError {
    std::string message;
};

struct RenderArguments {
    std::string template_path;
    std::string data_path;
    std::vector<std::string> outputs;
    docgen::Template::Bindings bindings;
    std::string rules;
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
    const docgen::Template document_template = docgen::Template::load(args.template_path);
    const nlohmann::json data = docgen::prepare_data(document_template, docgen::load_json_file(args.data_path),
                                                     args.data_path, args.rules);
    const docgen::Document document = document_template.render(data, args.bindings);
    const docgen::Resources resources = docgen::Resources::load(args.resources);
    docgen::render_outputs(document, args.outputs, resources);
    return 0;
}

int indicators(const std::vector<std::string>& args) {
    std::string data_path, rules_path;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--rules") {
            if (i + 1 >= args.size()) throw UsageError{"--rules needs a value"};
            rules_path = args[++i];
        } else if (!args[i].empty() && args[i][0] == '-') {
            throw UsageError{"unknown option " + args[i]};
        } else if (data_path.empty()) {
            data_path = args[i];
        } else {
            throw UsageError{"indicators takes one DATA file"};
        }
    }
    if (data_path.empty()) throw UsageError{"indicators needs DATA"};
    const nlohmann::json input = docgen::load_json_file(data_path);
    const docgen::domain::Rules rules =
        rules_path.empty() ? docgen::domain::Rules::defaults() : docgen::domain::Rules::load(rules_path);
    std::cout << docgen::domain::indicators_json(docgen::domain::analyse(input, rules, data_path), rules).dump(2) << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.empty()) throw UsageError{"no command given"};
        if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
            std::cout << kHelp;
            return 0;
        }
        if (args[0] == "render") return render(parse_render({args.begin() + 1, args.end()}));
        if (args[0] == "indicators") return indicators({args.begin() + 1, args.end()});
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
