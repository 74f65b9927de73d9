// Every example in docs/templates.md is rendered: its template with its data
// (when given) must bind, lay out and write a PDF, and its plain text must be
// the "text" block that follows it.
#include <gtest/gtest.h>

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

// ```xml … ``` opens an example; a ```json block and a ```text block may follow it.
std::vector<Example> examples_in(const std::string& markdown) {
    std::vector<Example> examples;
    std::istringstream in(markdown);
    std::string line;
    int number = 0;
    std::string kind;
    std::string body;
    int start = 0;
    while (std::getline(in, line)) {
        ++number;
        if (kind.empty() && line.rfind("```", 0) == 0 && line.size() > 3) {
            kind = line.substr(3);
            body.clear();
            start = number;
            continue;
        }
        if (!kind.empty() && line == "```") {
            if (kind == "xml") examples.push_back({start, body, "{}", std::nullopt});
            else if (kind == "json" && !examples.empty()) examples.back().json = body;
            else if (kind == "text" && !examples.empty()) examples.back().text = body;
            kind.clear();
            continue;
        }
        if (!kind.empty()) body += line + "\n";
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

// The complete order in docs/data-order.md renders with templates/order.xml
// to the text shown under it.
TEST(DocsExamples, TheOrderDataExampleRendersAsDocumented) {
    const std::string source = DOCGEN_SOURCE_DIR;
    const std::string markdown = read_file(source + "/docs/data-order.md", "documentation");
    const auto block = [&](const std::string& fence) {
        const size_t start = markdown.find(fence + "\n");
        EXPECT_NE(start, std::string::npos) << fence;
        const size_t body = start + fence.size() + 1;
        return markdown.substr(body, markdown.find("```\n", body) - body);
    };
    const Template order = Template::load(source + "/templates/order.xml");
    const Document document = order.render(nlohmann::json::parse(block("```json order")));
    EXPECT_EQ(write_txt(document), block("```text"));
    EXPECT_FALSE(render_pdf(document, test_resources()).empty());
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
