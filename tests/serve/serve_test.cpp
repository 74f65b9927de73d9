// The parts of `docgen serve` that need no server: reading uploads and
// forms, placing problems, drawing previews, the catalogue of templates.
// The server itself is tested over HTTP by api_test.py, load_test.py and
// browser_test.js beside this file.
#include <gtest/gtest.h>

#include "common/files.h"
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/error.h"
#include "layout/page.h"
#include "serve/catalogue.h"
#include "serve/form.h"
#include "serve/http.h"
#include "serve/page_svg.h"
#include "serve/problems.h"
#include "serve/uploaded_data.h"
#include "../test_support.h"

namespace docgen::serve {
namespace {

namespace fs = std::filesystem;

const std::string kBoundary = "----b0undary";
const std::string kType = "multipart/form-data; boundary=" + kBoundary;

std::string part(const std::string& disposition, const std::string& content) {
    return "--" + kBoundary + "\r\nContent-Disposition: form-data; " + disposition + "\r\n\r\n" + content + "\r\n";
}

TEST(Multipart, FieldsAndFiles) {
    const std::string body = part("name=\"template\"", "order") +
                             part("name=\"data\"; filename=\"Данные \\\"2022\\\".json\"", "{\"a\":\r\n1}") +
                             "--" + kBoundary + "--\r\n";
    const std::vector<MultipartPart> parts = parse_multipart(body, kType);
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].name, "template");
    EXPECT_FALSE(parts[0].file_name);
    EXPECT_EQ(parts[0].value, "order");
    EXPECT_EQ(parts[1].file_name.value_or(""), "Данные \"2022\".json");
    EXPECT_EQ(parts[1].value, "{\"a\":\r\n1}");
}

TEST(Multipart, QuotedBoundaryAndEmptyFile) {
    const std::string body = part("name=\"data\"; filename=\"\"", "") + "--" + kBoundary + "--";
    const auto parts = parse_multipart(body, "multipart/form-data; charset=utf-8; boundary=\"" + kBoundary + "\"");
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].file_name.value_or("none"), "");
    EXPECT_EQ(parts[0].value, "");
}

TEST(Multipart, MalformedBodiesAreRefusedWith400) {
    const std::string good = part("name=\"template\"", "order") + "--" + kBoundary + "--\r\n";
    const auto refused = [](const std::string& body, const std::string& type, const std::string& says) {
        try {
            parse_multipart(body, type);
            ADD_FAILURE() << "accepted: " << body;
        } catch (const RequestError& error) {
            EXPECT_EQ(error.status(), 400);
            EXPECT_NE(std::string(error.what()).find(says), std::string::npos) << error.what();
        }
    };
    refused(good, "multipart/form-data", "boundary");
    refused("no parts at all", kType, "нет ни одной части");
    refused("--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno end", kType, "не закончена");
    refused("--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"x\"\r\n", kType, "нет конца заголовков");
    refused(part("filename=\"a.json\"", "{}") + "--" + kBoundary + "--", kType, "нет имени");
    refused("--" + kBoundary + "xx", kType, "перевода строки");
}

TEST(Form, ABodyThatIsNotAFormIsTheData) {
    Request request;
    request.body = "{\"order\": {}}";
    request.headers["content-type"] = "application/json";
    request.query = {{"template", "order"}, {"name", "приказ.json"}, {"let", "a=1"}, {"let", "b=2"}};
    Form form = Form::read(request);
    EXPECT_EQ(form.field("template").value_or(""), "order");
    EXPECT_EQ(form.fields("let"), (std::vector<std::string>{"a=1", "b=2"}));
    EXPECT_FALSE(form.field("element"));
    const auto data = form.take_file("data");
    ASSERT_TRUE(data);
    EXPECT_EQ(data->name, "приказ.json");
    EXPECT_EQ(data->bytes, "{\"order\": {}}");
    EXPECT_TRUE(request.body.empty());  // taken, not copied
}

TEST(Form, FieldsOfTheBodyComeBeforeTheQuery) {
    Request request;
    request.body = part("name=\"wait\"", "5") + part("name=\"data\"", "{}") + "--" + kBoundary + "--\r\n";
    request.headers["content-type"] = kType;
    request.query = {{"wait", "30"}};
    Form form = Form::read(request);
    EXPECT_EQ(form.field("wait").value_or(""), "5");
    EXPECT_EQ(form.fields("wait"), (std::vector<std::string>{"5", "30"}));
    const auto data = form.take_file("data");  // a field holding the file's content
    ASSERT_TRUE(data);
    EXPECT_EQ(data->name, "data");
    EXPECT_EQ(data->bytes, "{}");
}

TEST(PercentDecode, QueryStringsAndPaths) {
    EXPECT_EQ(percent_decode("%D0%9F%D1%80%D0%B8%D0%BA%D0%B0%D0%B7+%E2%84%96", true), "Приказ №");
    EXPECT_EQ(percent_decode("a+b", false), "a+b");
    EXPECT_EQ(percent_decode("100%", true), "100%");
    EXPECT_EQ(percent_decode("%zz%4", true), "%zz%4");
}

TEST(Problems, EachLineWithItsPlace) {
    const Problems schema = problems_of(
        "smolensk.json: the data does not follow schemas/cluster-results.schema.json (4 problems):\n"
        "  region.genitive must be text\n"
        "  schools[1] \"МБОУ «Средняя школа № 2»: г. Смоленск\": pupils must be at least 1\n"
        "  schools[2] \"МБОУ «Гимназия № 4»\": assessments[0].grade must be 4..11\n"
        "  the data: unknown key 'extra'",
        {"smolensk.json"});
    EXPECT_EQ(schema.heading, "smolensk.json: the data does not follow schemas/cluster-results.schema.json (4 problems)");
    ASSERT_EQ(schema.list.size(), 4u);
    EXPECT_EQ(schema.list[0].place, "region.genitive");
    EXPECT_EQ(schema.list[0].message, "region.genitive must be text");
    EXPECT_EQ(schema.list[1].place, "schools[1].pupils");
    EXPECT_EQ(schema.list[2].place, "schools[2].assessments[0].grade");
    EXPECT_EQ(schema.list[3].place, "");
    const Problems checks = problems_of(
        "d.json: the data has problems (3 problems):\n"
        "  schools[2] \"МБОУ «СШ»\": municipality \"glinka\" is not among the municipalities\n"
        "  schools[2] \"МБОУ «СШ»\": assessments[0].low (7) exceeds the participants (5)\n"
        "  schools[3] \"МБОУ «СШ № 3»\": unknown key 'colour'");
    EXPECT_EQ(checks.list[0].place, "schools[2].municipality");
    EXPECT_EQ(checks.list[1].place, "schools[2].assessments[0].low");
    EXPECT_EQ(checks.list[2].place, "schools[3]");

    const Problems syntax = problems_of("data.json:3:18: JSON syntax error: unexpected ','", {"data.json"});
    EXPECT_EQ(syntax.heading, "");
    ASSERT_EQ(syntax.list.size(), 1u);
    EXPECT_EQ(syntax.list[0].place, "data.json:3:18");

    EXPECT_EQ(problems_of("order.xml:8: in '{{ order.title }}': JSON path 'order.title' is missing in the data")
                  .list[0].place,
              "order.title");
    EXPECT_EQ(problems_of("school-reference.xml:9: in '{{ school.name }}': the data has no 'school'").list[0].place,
              "school-reference.xml:9");
    EXPECT_EQ(problems_of("table.xlsx: data in the format \"xlsx\" is not read", {"table.xlsx"}).list[0].place,
              "table.xlsx");
    EXPECT_EQ(problems_of("let a=b: in 'b': the data has no 'b'").list[0].place, "");
    const Problems json_form = problems_of("x.json: the rules cannot classify every school:\n"
                                           "  schools[5] \"МБОУ «СШ № 7»\": no classification rule gives it a cluster");
    EXPECT_EQ(json_form.list[0].place, "schools[5]");
    EXPECT_EQ(to_json(json_form)[0]["place"], "schools[5]");
}

TEST(UploadedData, JsonByNameByContentOrAsTold) {
    EXPECT_EQ(read_data("{\"a\": 1}", "data.JSON").value["a"], 1);
    EXPECT_EQ(read_data("\xEF\xBB\xBF  [1, 2]", "upload").value[1], 2);  // a byte order mark, no extension
    EXPECT_EQ(read_data("{\"a\": 2}", "data.txt", "json").value["a"], 2);
    try {
        read_data("{\n  \"a\": 1,\n}", "приказ.json");
        ADD_FAILURE() << "a syntax error passed";
    } catch (const InputError& error) {
        EXPECT_EQ(std::string(error.what()).rfind("приказ.json:3:1: JSON syntax error", 0), 0u) << error.what();
    }
    try {
        read_data("{}", "results.ods");
        ADD_FAILURE() << "an unknown format passed";
    } catch (const InputError& error) {
        EXPECT_EQ(std::string(error.what()), "results.ods: data in the format \"ods\" is not read (send json, xlsx, csv)");
    }
    EXPECT_THROW(read_data("hello", "noname"), InputError);
}

// A workbook uploaded is read as the command line reads it, by name or by its
// zip signature, with every problem at its cell.
TEST(UploadedData, WorkbooksAreReadWithTheirCells) {
    const std::string workbook = read_file(std::string(DOCGEN_SOURCE_DIR) + "/tests/fuzz/corpus/spreadsheet/" +
                                               "glinka.xlsx",
                                           "workbook");
    const InputData by_name = read_data(workbook, "результаты.xlsx");
    EXPECT_TRUE(by_name.origins);
    EXPECT_TRUE(by_name.value.contains("schools"));
    EXPECT_EQ(read_data(workbook, "upload").value, by_name.value);  // no extension: "PK" says it
    try {
        read_data("PK\x03\x04", "results.xlsx");
        ADD_FAILURE() << "a broken workbook passed";
    } catch (const InputError& error) {
        EXPECT_EQ(std::string(error.what()).rfind("results.xlsx", 0), 0u) << error.what();
    }
}

TEST(PageSvg, TextRulesAndFillsWhereTheLayoutPutThem) {
    const Resources& resources = test_resources();
    Page page;
    page.width = 595.276;
    page.height = 841.89;
    page.fills.push_back({10, 20, 30, 40, Color::from_hex("2E5A88")});
    page.rules.push_back({85.04, 100, 300, 100, 0.5, {}});
    page.rules.push_back({300, 100, 510.24, 100, 0.5, {}});  // joined with the one before
    page.texts.push_back({85.04, 198.1, &resources.fonts.face(true, false), 14, 0, "«А & Б» <В>", {}});
    page.texts.push_back({90, 210, &resources.fonts.face(false, true), 12, 1.5, "курсив", Color::from_hex("FF0000")});
    const std::string svg = page_svg(page, resources.fonts);
    EXPECT_NE(svg.find("viewBox=\"0 0 595.28 841.89\""), std::string::npos) << svg;
    EXPECT_NE(svg.find("<rect x=\"10\" y=\"20\" width=\"30\" height=\"40\" fill=\"#2e5a88\"/>"), std::string::npos) << svg;
    EXPECT_NE(svg.find("d=\"M85.04 100L510.24 100\""), std::string::npos) << svg;
    EXPECT_NE(svg.find("<text x=\"85.04\" y=\"198.1\" font-size=\"14\" font-weight=\"bold\">«А &amp; Б» &lt;В&gt;</text>"),
              std::string::npos)
        << svg;
    EXPECT_NE(svg.find("font-style=\"italic\" letter-spacing=\"1.5\" fill=\"#ff0000\">курсив</text>"), std::string::npos)
        << svg;
    EXPECT_EQ(svg.find("font-weight=\"bold\" font-style"), std::string::npos);
}

class CatalogueFolder : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("docgen-catalogue-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "library");
        write("order.xml", "<document><section><p>{{ order.title }}</p></section></document>");
        write("protocol.xml", "<document><section><p>{{ protocol }}</p></section></document>");
        write("library/analytic.xml", "<library/>");
        write("notes.txt", "not a template");
    }
    void TearDown() override { fs::remove_all(dir_); }
    void write(const std::string& name, const std::string& content) { std::ofstream(dir_ / name) << content; }

    fs::path dir_;
};

TEST_F(CatalogueFolder, OffersTheFolderTemplatesDescribedFirst) {
    Catalogue catalogue(dir_.string());
    const std::vector<DocumentKind> kinds = catalogue.kinds();
    ASSERT_EQ(kinds.size(), 2u);
    EXPECT_EQ(kinds[0].name, "order");
    EXPECT_EQ(kinds[0].title, "Приказ с приложениями");
    EXPECT_EQ(kinds[1].name, "protocol");
    EXPECT_EQ(kinds[1].title, "protocol");  // not described: offered by its name
    EXPECT_FALSE(catalogue.cycle());    // its templates are not in the folder
    EXPECT_TRUE(catalogue.to_json()["cycle"].is_null());
    for (const char* name : {"../order", "library/analytic", "notes", ".order", "", "order.xml"})
        EXPECT_FALSE(catalogue.kind(name)) << name;
    EXPECT_THROW(catalogue.load("../order"), InputError);
}

TEST_F(CatalogueFolder, ATemplateChangedOnDiskIsLoadedAgain) {
    Catalogue catalogue(dir_.string());
    const auto first = catalogue.load("protocol");
    EXPECT_EQ(catalogue.load("protocol"), first);  // kept
    write("protocol.xml", "<document input=\"cluster-results\"><section><p>{{ region.name }}</p></section></document>");
    fs::last_write_time(dir_ / "protocol.xml", fs::last_write_time(dir_ / "protocol.xml") + std::chrono::seconds(2));
    const auto second = catalogue.load("protocol");
    EXPECT_NE(second, first);
    EXPECT_EQ(second->input_format(), "cluster-results");
    write("protocol.xml", "<document><broken>");
    fs::last_write_time(dir_ / "protocol.xml", fs::last_write_time(dir_ / "protocol.xml") + std::chrono::seconds(4));
    EXPECT_THROW(catalogue.load("protocol"), InputError);
}

TEST(CatalogueStock, TheCycleOfTheStockTemplates) {
    Catalogue catalogue(std::string(DOCGEN_SOURCE_DIR) + "/templates");
    const auto cycle = catalogue.cycle();
    ASSERT_TRUE(cycle);
    const nlohmann::json batch = catalogue.cycle_batch({"pdf"}, true, "out");
    EXPECT_EQ(batch["data"], "data.json");
    EXPECT_EQ(batch["rules"], "rules.json");
    EXPECT_EQ(batch["formats"], nlohmann::json::array({"pdf"}));
    for (const auto& job : batch["jobs"]) {
        EXPECT_TRUE(fs::path(job["template"].get<std::string>()).is_absolute());
        EXPECT_TRUE(fs::exists(job["template"].get<std::string>()));
    }
    for (const DocumentKind& kind : catalogue.kinds()) EXPECT_NO_THROW(catalogue.load(kind.name)) << kind.name;
}

}  // namespace
}  // namespace docgen::serve
