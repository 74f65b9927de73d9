// Inputs that once crashed docgen or were accepted silently: each is now a
// clear error naming its place, or is handled as documented.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/files.h"
#include "common/json_file.h"
#include "docx/ooxml.h"
#include "render/render.h"
#include "template/expression.h"
#include "template/template.h"
#include "test_support.h"

namespace docgen {
namespace {

using nlohmann::json;

std::string expression_error(const std::string& text) {
    try {
        const json root = json::object();
        Expression::parse(text).evaluate(Scope(root));
    } catch (const ExpressionError& error) {
        return error.what();
    }
    return "no error";
}

std::string repeated(const std::string& part, size_t times) {
    std::string out;
    out.reserve(part.size() * times);
    for (size_t i = 0; i < times; ++i) out += part;
    return out;
}

TEST(Hardening, DeepExpressionsAreRefusedNotOverflowed) {
    EXPECT_NE(expression_error(repeated("-", 50000) + "1").find("nests deeper than 64 levels"), std::string::npos);
    EXPECT_NE(expression_error(repeated("not ", 50000) + "true").find("nests deeper than 64"), std::string::npos);
    EXPECT_NE(expression_error(repeated("(", 50000) + "1" + repeated(")", 50000)).find("nests deeper"),
              std::string::npos);
    EXPECT_NE(expression_error("x" + repeated(".a", 50000)).find("nests deeper"), std::string::npos);
    EXPECT_NE(expression_error("1" + repeated(" | default(1)", 50000)).find("nests deeper"), std::string::npos);
    // Sixty levels are fine.
    EXPECT_EQ(expression_error(repeated("(", 60) + "1" + repeated(")", 60)), "no error");
}

TEST(Hardening, LongFlatChainsAreOneLevel) {
    const json root = json::object();
    const Scope scope(root);
    EXPECT_EQ(Expression::parse("1" + repeated(" + 1", 39999)).evaluate(scope).get(), 40000);
    EXPECT_EQ(Expression::parse("100" + repeated(" - 1", 40000)).evaluate(scope).get(), -39900);
    EXPECT_EQ(Expression::parse("true" + repeated(" and true", 40000)).evaluate(scope).get(), true);
    EXPECT_EQ(Expression::parse("false" + repeated(" or false", 40000) + " or 1").evaluate(scope).get(), true);
    EXPECT_EQ(Expression::parse("2 * 3 - 4 / 2 + 10 % 4").evaluate(scope).get(), 6.0);
}

std::string template_error(const std::string& xml) {
    try {
        Template::parse(xml, "deep.xml");
    } catch (const InputError& error) {
        return error.what();
    }
    return "no error";
}

TEST(Hardening, DeepTemplatesAreRefusedWithTheLine) {
    const std::string deep = "<document>\n<section>\n<p>" + repeated("<b>", 50000) + "x" + repeated("</b>", 50000) +
                             "</p>\n</section>\n</document>\n";
    const std::string error = template_error(deep);
    EXPECT_EQ(error.rfind("deep.xml:3: elements nest deeper than 100 levels", 0), 0u) << error;
}

TEST(Hardening, FragmentsUsingThemselvesInCellsAreRefused) {
    const std::string xml = R"(<document>
<fragment name="loop"><use fragment="loop"/></fragment>
<section><table><column width="1"/><row><cell><use fragment="loop"/></cell></row></table></section>
</document>)";
    std::string error;
    try {
        Template::parse(xml, "loop.xml").render(json::object());
    } catch (const InputError& e) {
        error = e.what();
    }
    EXPECT_NE(error.find("uses itself"), std::string::npos) << error;
}

std::string json_error(const std::string& text) {
    try {
        parse_json(text, "data.json");
    } catch (const InputError& error) {
        return error.what();
    }
    return "no error";
}

TEST(Hardening, DeepJsonIsRefusedWithItsPlace) {
    const std::string deep = json_error("{\"a\":\n" + repeated("[", 50000) + repeated("]", 50000) + "}");
    EXPECT_EQ(deep.rfind("data.json:2:100: a" + repeated("[0]", 99) + ": ", 0), 0u) << deep;
    EXPECT_NE(deep.find(": objects and lists nest deeper than 100 levels"), std::string::npos);
    EXPECT_EQ(json_error(repeated("[", 100) + repeated("]", 100)), "no error");
}

TEST(Hardening, DuplicateKeysAreRefused) {
    EXPECT_EQ(json_error("{\"schools\": [\n  {\"id\": 1,\n   \"id\": 2}\n]}"),
              "data.json:3:4: schools[0].id: the key 'id' appears twice in this object; keep one");
    EXPECT_EQ(json_error(R"({"a": {"b\"c": 1, "b\"c": 2}})"),
              "data.json:1:19: a.b\"c: the key 'b\"c' appears twice in this object; keep one");
    EXPECT_EQ(json_error(R"({"a": 1, "b": {"a": 2}})"), "no error");
}

TEST(Hardening, ControlCharactersAreRefusedWithTheirPath) {
    EXPECT_EQ(json_error("{\"order\": {\"title\": \"При\\u0001каз\"}}"),
              "data.json:1:21: order.title: the text holds the character U+0001 (a control character), which no "
              "document can hold: remove it (tab and line feed are allowed)");
    EXPECT_NE(json_error("[\"a\", \"b\\u0000c\"]").find("data.json:1:7: [1]: the text holds the character U+0000"),
              std::string::npos);
    EXPECT_NE(json_error("[\"\\uFFFF\"]").find("U+FFFF"), std::string::npos);
    EXPECT_EQ(json_error("[\"tab\\there\\nnext\"]"), "no error");
    EXPECT_EQ(parse_json("[\"a\\r\\nb\\rc\"]", "x")[0], "a\nb\nc");
}

TEST(Hardening, SyntaxErrorsKeepTheirPosition) {
    EXPECT_EQ(json_error("{\n  \"a\": tru\n}").rfind("data.json:2:11: JSON syntax error: ", 0), 0u);
    EXPECT_EQ(json_error("").rfind("data.json:1:1: JSON syntax error: ", 0), 0u);
}

TEST(Hardening, NumbersKeepTheirTypes) {
    const json value = parse_json(R"({"i": -3, "u": 3000000000, "f": 12.5, "b": true, "n": null})", "x");
    EXPECT_TRUE(value["i"].is_number_integer());
    EXPECT_TRUE(value["u"].is_number_unsigned());
    EXPECT_TRUE(value["f"].is_number_float());
    EXPECT_EQ(value, json::parse(R"({"i": -3, "u": 3000000000, "f": 12.5, "b": true, "n": null})"));
}

json evaluate(const std::string& text, const json& root = json::object()) {
    return Expression::parse(text).evaluate(Scope(root)).get();
}

TEST(Hardening, NumbersStayNumbersAtTheirLimits) {
    const json data = {{"big", 3000000000LL}, {"min", std::numeric_limits<long long>::min()},
                       {"max", std::numeric_limits<long long>::max()}, {"huge", 1e300}};
    const std::string nbsp = "\u00A0";
    EXPECT_EQ(to_text(data["min"], "min"), "−9223372036854775808");
    EXPECT_EQ(evaluate("big | number", data), "3" + nbsp + "000" + nbsp + "000" + nbsp + "000");
    EXPECT_EQ(evaluate("big | plural('школа', 'школы', 'школ')", data),
              "3" + nbsp + "000" + nbsp + "000" + nbsp + "000" + nbsp + "школ");
    EXPECT_EQ(evaluate("max | plural('школа', 'школы', 'школ')", data).get<std::string>().substr(0, 1), "9");
    EXPECT_NE(evaluate("huge | plural('школа', 'школы', 'школ')", data).get<std::string>().find("школ"),
              std::string::npos);
    EXPECT_EQ(evaluate("min | abs", data), 9223372036854775808.0);
    EXPECT_EQ(evaluate("list | sum", json{{"list", {9000000000000000LL, 9000000000000000LL}}}), 1.8e16);
}

TEST(Hardening, NonFiniteNumbersAreErrors) {
    const json data = {{"huge", 1e300}};
    EXPECT_NE(expression_error("1 | number(400)").find("argument 1 must be from 0 to 10, not 400"), std::string::npos);
    EXPECT_NE(expression_error("1 | number(-1)").find("must be from 0 to 10"), std::string::npos);
    EXPECT_NE(expression_error("1 | number(4294967297)").find("must be from 0 to 10"), std::string::npos);
    EXPECT_NE(expression_error("1 | round(99999)").find("must be from 0 to 10"), std::string::npos);
    try {
        evaluate("huge * huge", data);
        FAIL() << "no error";
    } catch (const ExpressionError& error) {
        EXPECT_NE(std::string(error.what()).find("too large"), std::string::npos) << error.what();
    }
    const std::string huge = evaluate("huge | number(10)", data).get<std::string>();
    EXPECT_EQ(huge.rfind("1", 0), 0u) << huge;
    EXPECT_EQ(huge.find("inf"), std::string::npos) << huge;
}

TEST(Hardening, FractionalSettingsFromDataKeepTheirPoint) {
    const Document document = render_template_text(
        R"(<table><for each="w" in="widths"><column width="{{ w }}"/></for><row><cell>a</cell><cell>b</cell></row></table>)",
        json{{"widths", {12.5, 2}}});
    const Table& table = std::get<Table>(document.sections.at(0).blocks.at(0));
    EXPECT_EQ(table.column_widths, (std::vector<double>{12.5, 2}));
}

TEST(Hardening, AnOutputNamedOnlyByItsExtensionIsRefused) {
    int status = 0;
    const std::string output = run_command(std::string(DOCGEN_BINARY) + " render " + DOCGEN_SOURCE_DIR +
                                               "/templates/order.xml " + DOCGEN_SOURCE_DIR +
                                               "/examples/order-859/data.json -o .pdf 2>&1",
                                           &status);
    EXPECT_EQ(status, 2);
    EXPECT_NE(output.find(".pdf: the file has no name before \".pdf\""), std::string::npos) << output;
}

// A length far beyond any page (a table's padding of 10^13 cm) would not fit
// the DOCX's whole twentieths of a point: refused where the template gives it.
TEST(Hardening, LengthsBeyondAnyPageAreRefused) {
    const std::string folder = testing::TempDir();
    write_file_atomically(folder + "/long.xml",
                          "<document>\n<section>\n<table padding=\"033333333333333\"><column width=\"1\"/>"
                          "<row><cell>a</cell></row></table>\n</section>\n</document>\n");
    write_file_atomically(folder + "/long.json", "{}");
    int status = 0;
    const std::string output = run_command(std::string(DOCGEN_BINARY) + " render " + folder + "/long.xml " + folder +
                                               "/long.json -o " + folder + "/long.docx 2>&1",
                                           &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(output.find("long.xml:3: <table> attribute 'padding': a length of at most 10000pt (about 3.5 m), got "
                          "\"033333333333333\""),
              std::string::npos)
        << output;
    EXPECT_FALSE(std::filesystem::exists(folder + "/long.docx"));
}

TEST(Hardening, ControlCharactersInTemplatesAreRefused) {
    EXPECT_EQ(template_error("<document>\n<section>\n<p>При&#1;каз</p>\n</section>\n</document>"),
              "deep.xml:3: the template holds the character U+0001, which no document can hold (tab and line feed "
              "are allowed)");
    EXPECT_NE(expression_error("'a\x02" "b'").find("the string holds the character U+0002"), std::string::npos);
}

TEST(Hardening, DocxPartsNeverHoldCharactersXmlForbids) {
    pugi::xml_document xml;
    pugi::xml_node root = ooxml::start_part(xml, "w:document");
    root.append_attribute("a") = "x\x01y\tz";
    root.text().set("т\x1Fе\x0Bкст\nконец\xEF\xBF\xBE");
    const std::string part = ooxml::serialize(xml);
    EXPECT_NE(part.find("<w:document a=\"xy&#09;z\">текст\nконец</w:document>"), std::string::npos) << part;
    pugi::xml_document parsed;
    EXPECT_TRUE(parsed.load_string(part.c_str()));
}

TEST(Hardening, DatesAreReadOnceForEveryWriter) {
    const auto error_of = [](const std::string& date) {
        try {
            render_template_text("<document date=\"" + date + "\"><section><p>x</p></section></document>");
        } catch (const InputError& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(error_of("2022-13-45").find("<document> attribute 'date': expected a date as YYYY-MM-DD or DD.MM.YYYY, "
                                          "got \"2022-13-45\""),
              std::string::npos);
    EXPECT_NE(error_of("2023-02-29").find("expected a date"), std::string::npos);
    EXPECT_EQ(error_of("2024-02-29"), "no error");
    const Document document =
        render_template_text("<document date=\"18.10.2022\"><section><p>x</p></section></document>");
    EXPECT_EQ(document.metadata.date, "2022-10-18");
    const std::string docx = render_file(document, OutputFormat::Docx, test_resources()).bytes;
    EXPECT_NE(zip_entry(docx, "docProps/core.xml").find("2022-10-18T12:00:00Z"), std::string::npos);
    const std::string pdf = render_file(document, OutputFormat::Pdf, test_resources()).bytes;
    EXPECT_NE(pdf.find("/CreationDate (D:20221018120000Z)"), std::string::npos);
}

TEST(Hardening, AFolderIsNotData) {
    const std::string folder = std::filesystem::temp_directory_path().string();
    int status = 0;
    const std::string output = run_command(std::string(DOCGEN_BINARY) + " indicators " + folder + " 2>&1", &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(output.find(folder + ": this is a folder; a data file was expected"), std::string::npos) << output;
}

}  // namespace
}  // namespace docgen
