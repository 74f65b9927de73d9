// Every example in docs/templates.md is rendered: its template with its data
// (when given) must bind, lay out and write a PDF, and its plain text must be
// the "text" block that follows it.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "common/files.h"
#include "domain/analysis.h"
#include "render/render.h"
#include "template/template.h"
#include "test_support.h"
#include "txt/txt_writer.h"

namespace docgen {
namespace {

struct Example {
    int line = 0;
    std::string xml;
    std::string json = "{}";
    std::optional<std::string> text;
};

// A fenced block of a page: ```kind … ```, and the line it starts on.
struct Fenced {
    int line = 0;
    std::string kind;  // what follows the opening ```: "xml", "json order order-small 1 2"
    std::string body;
};

std::vector<Fenced> fenced_blocks(const std::string& markdown) {
    std::vector<Fenced> blocks;
    std::istringstream in(markdown);
    std::string line;
    int number = 0;
    std::optional<Fenced> open;
    while (std::getline(in, line)) {
        ++number;
        if (!open && line.rfind("```", 0) == 0 && line.size() > 3) {
            open = Fenced{number, line.substr(3), ""};
        } else if (open && line == "```") {
            blocks.push_back(std::move(*open));
            open.reset();
        } else if (open) {
            open->body += line + "\n";
        }
    }
    return blocks;
}

// ```xml … ``` opens an example; a ```json block and a ```text block may follow it.
std::vector<Example> examples_in(const std::string& markdown) {
    std::vector<Example> examples;
    for (const Fenced& block : fenced_blocks(markdown)) {
        if (block.kind == "xml") examples.push_back({block.line, block.body, "{}", std::nullopt});
        else if (block.kind == "json" && !examples.empty()) examples.back().json = block.body;
        else if (block.kind == "text" && !examples.empty()) examples.back().text = block.body;
    }
    return examples;
}

TEST(DocsExamples, EveryExampleRendersAsDocumented) {
    const std::string path = std::string(DOCGEN_SOURCE_DIR) + "/docs/templates.md";
    const auto examples = examples_in(read_file(path, "documentation"));
    ASSERT_GE(examples.size(), 10u) << "docs/templates.md should show the language by example";
    for (const Example& example : examples) {
        SCOPED_TRACE("docs/templates.md:" + std::to_string(example.line));
        const Document document = render_template_text(example.xml, nlohmann::json::parse(example.json));
        EXPECT_FALSE(render_pdf(document, test_resources()).empty());
        if (example.text) {
            EXPECT_EQ(write_txt(document), *example.text);
        }
    }
}

// The data examples of docs/data-order.md and docs/data-plan.md, fenced as
// ```json TEMPLATE NAME [PAGE …], render with templates/TEMPLATE.xml to the
// ```text block under them (scripts/docs-pictures.py makes their pictures).
TEST(DocsExamples, TheDataExamplesRenderAsDocumented) {
    const std::string source = DOCGEN_SOURCE_DIR;
    std::map<std::string, Template> templates;
    int count = 0;
    for (const std::string page : {"data-order.md", "data-plan.md"}) {
        std::optional<Document> document;
        for (const Fenced& block : fenced_blocks(read_file(source + "/docs/" + page, "documentation"))) {
            SCOPED_TRACE("docs/" + page + ":" + std::to_string(block.line));
            if (block.kind.rfind("json ", 0) == 0) {
                EXPECT_FALSE(document) << "the example before has no text block";
                const std::string name = block.kind.substr(5, block.kind.find(' ', 5) - 5);
                auto loaded = templates.find(name);
                if (loaded == templates.end())
                    loaded = templates.emplace(name, Template::load(source + "/templates/" + name + ".xml")).first;
                document = loaded->second.render(nlohmann::json::parse(block.body));
                EXPECT_FALSE(render_pdf(*document, test_resources()).empty());
                ++count;
            } else if (block.kind == "text" && document) {
                EXPECT_EQ(write_txt(*document), block.body);
                document.reset();
            }
        }
        EXPECT_FALSE(document) << "docs/" << page << ": an example without the text it makes";
    }
    EXPECT_GE(count, 9);
}

// The lines shown under the cluster-results example of
// docs/data-cluster-results.md appear, in order, in what `docgen indicators`
// prints for it; a line holding only "…" stands for lines left out.
TEST(DocsExamples, TheClusterResultsExampleGivesTheIndicatorsShown) {
    const std::string markdown =
        read_file(std::string(DOCGEN_SOURCE_DIR) + "/docs/data-cluster-results.md", "documentation");
    const auto block = [&](const std::string& fence) {
        const size_t start = markdown.find(fence + "\n");
        EXPECT_NE(start, std::string::npos) << fence;
        const size_t body = start + fence.size() + 1;
        return markdown.substr(body, markdown.find("```\n", body) - body);
    };
    const domain::Rules rules = domain::Rules::defaults();
    const nlohmann::json input = nlohmann::json::parse(block("```json cluster-results"));
    const std::string printed = domain::indicators_json(domain::analyse(input, rules, "example"), rules).dump(2);
    std::vector<std::string> lines;
    std::istringstream out(printed);
    for (std::string line; std::getline(out, line);) lines.push_back(line);
    std::istringstream shown(block("```text indicators"));
    size_t next = 0;
    for (std::string line; std::getline(shown, line);) {
        const size_t text = line.find_first_not_of(' ');
        if (text != std::string::npos && line.substr(text) == "…") continue;
        while (next < lines.size() && lines[next] != line) ++next;
        ASSERT_LT(next, lines.size()) << "not printed (in this order): " << line;
        ++next;
    }
}

}  // namespace
}  // namespace docgen
