// The DOCX package at the XML level: what Word reads for sections, merged
// cells, header rows, fields and settings; and byte-for-byte reproducibility.
#include "docx/docx_writer.h"

#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "render/render.h"
#include "test_support.h"

namespace docgen {
namespace {

class Docx : public ::testing::Test {
protected:
    static void SetUpTestSuite() { package_ = new std::string(write_docx(example_order())); }
    static void TearDownTestSuite() { delete package_; }

    static pugi::xml_document part(const std::string& name) {
        pugi::xml_document xml;
        const std::string content = zip_entry(*package_, name);
        EXPECT_FALSE(content.empty()) << name << " is missing";
        EXPECT_TRUE(xml.load_string(content.c_str())) << name << " is not XML";
        return xml;
    }
    static size_t count(const pugi::xml_document& xml, const char* xpath) { return xml.select_nodes(xpath).size(); }

    static std::string* package_;
};

std::string* Docx::package_ = nullptr;

TEST_F(Docx, PackageHasThePartsWordExpects) {
    for (const char* name : {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                             "word/settings.xml", "word/fontTable.xml", "word/_rels/document.xml.rels",
                             "docProps/core.xml", "docProps/app.xml"})
        EXPECT_FALSE(zip_entry(*package_, name).empty()) << name;
    const auto relationships = part("word/_rels/document.xml.rels");
    for (const auto& node : relationships.select_nodes("//Relationship")) {
        const std::string target = node.node().attribute("Target").value();
        EXPECT_FALSE(zip_entry(*package_, "word/" + target).empty()) << target;
    }
    const auto types = part("[Content_Types].xml");
    EXPECT_EQ(count(types, "//Override[@PartName='/word/header1.xml']"), 1u);
}

TEST_F(Docx, SectionsCarryOrientationMarginsAndNumbering) {
    const auto document = part("word/document.xml");
    const auto sections = document.select_nodes("//w:sectPr");
    ASSERT_EQ(sections.size(), 4u);  // the order and three appendices
    for (size_t s = 0; s < sections.size(); ++s) {
        const pugi::xml_node section = sections[s].node();
        const pugi::xml_node size = section.child("w:pgSz");
        const bool landscape = s > 0;
        EXPECT_EQ(size.attribute("w:w").as_int(), landscape ? 16838 : 11906) << s;
        EXPECT_EQ(size.attribute("w:h").as_int(), landscape ? 11906 : 16838) << s;
        EXPECT_EQ(std::string(size.attribute("w:orient").value()), landscape ? "landscape" : "") << s;
        const pugi::xml_node margins = section.child("w:pgMar");
        EXPECT_EQ(margins.attribute("w:left").as_int(), 1701);  // 30 mm
        EXPECT_EQ(margins.attribute("w:right").as_int(), 567);  // 10 mm
        EXPECT_EQ(margins.attribute("w:top").as_int(), 1134);   // 20 mm
        EXPECT_EQ(margins.attribute("w:bottom").as_int(), 1134);
        EXPECT_TRUE(section.child("w:titlePg")) << "no number on the first page";
        EXPECT_EQ(section.child("w:pgNumType").attribute("w:start").as_int(), 1) << "each part numbered anew";
        EXPECT_TRUE(section.find_child_by_attribute("w:headerReference", "w:type", "default"));
        EXPECT_TRUE(section.find_child_by_attribute("w:headerReference", "w:type", "first"));
    }
}

TEST_F(Docx, PageNumbersAreFieldsInTheHeaders) {
    const auto header = part("word/header1.xml");
    EXPECT_EQ(std::string(header.select_node("//w:instrText").node().text().get()), " PAGE ");
    EXPECT_EQ(std::string(header.select_node("//w:jc").node().attribute("w:val").value()), "center");
    const auto first_page = part("word/header2.xml");
    EXPECT_EQ(count(first_page, "//w:instrText"), 0u);
}

TEST_F(Docx, TablesMergeAndRepeatAsThePdfDoes) {
    const auto document = part("word/document.xml");
    const auto tables = document.select_nodes("/w:document/w:body/w:tbl");
    ASSERT_EQ(tables.size(), 5u);  // date line, signature, three roadmaps
    for (size_t t = 2; t < tables.size(); ++t) {
        const pugi::xml_node table = tables[t].node();
        EXPECT_EQ(table.select_nodes("w:tblGrid/w:gridCol").size(), 7u);
        const auto rows = table.select_nodes("w:tr");
        EXPECT_TRUE(rows[0].node().select_node("w:trPr/w:tblHeader"));
        EXPECT_TRUE(rows[1].node().select_node("w:trPr/w:tblHeader"));
        EXPECT_EQ(table.select_nodes("w:tr[w:trPr/w:tblHeader]").size(), 2u);
        // Section rows span all columns, stay whole and keep with the next row.
        const auto sections = table.select_nodes("w:tr[w:tc/w:tcPr/w:gridSpan[@w:val='7']]");
        EXPECT_EQ(sections.size(), 3u);
        for (const auto& row : sections) {
            EXPECT_TRUE(row.node().select_node("w:trPr/w:cantSplit"));
            EXPECT_TRUE(row.node().select_node("w:tc/w:p/w:pPr/w:keepNext"));
        }
        // The level column: one restart per group, continuations in the rows below.
        const size_t restarts = table.select_nodes("w:tr/w:tc[1]/w:tcPr/w:vMerge[@w:val='restart']").size() +
                                table.select_nodes("w:tr/w:tc[2]/w:tcPr/w:vMerge[@w:val='restart']").size();
        const size_t continuations = table.select_nodes("w:tr/w:tc/w:tcPr/w:vMerge[not(@w:val)]").size();
        EXPECT_GE(restarts, 6u);
        EXPECT_GT(continuations, 20u);
        // Every row has a cell for each grid column (a continuation counts as one).
        for (const auto& row : rows) {
            size_t columns = 0;
            for (const auto& cell : row.node().select_nodes("w:tc")) {
                const auto span = cell.node().select_node("w:tcPr/w:gridSpan");
                columns += span ? span.node().attribute("w:val").as_uint() : 1;
            }
            EXPECT_EQ(columns, 7u);
        }
    }
}

TEST_F(Docx, StylesAndSettingsMakeRussianTimesNewRoman) {
    const auto styles = part("word/styles.xml");
    EXPECT_EQ(std::string(styles.select_node("//w:docDefaults//w:lang").node().attribute("w:val").value()), "ru-RU");
    const pugi::xml_node normal = styles.select_node("//w:style[@w:styleId='Normal']").node();
    ASSERT_TRUE(normal);
    EXPECT_EQ(std::string(normal.attribute("w:default").value()), "1");
    EXPECT_EQ(std::string(styles.select_node("//w:docDefaults//w:rFonts").node().attribute("w:ascii").value()),
              "Times New Roman");
    EXPECT_EQ(styles.select_node("//w:docDefaults//w:sz").node().attribute("w:val").as_int(), 28);
    EXPECT_EQ(std::string(normal.select_node("w:pPr/w:ind").node().attribute("w:firstLine").value()), "709");
    EXPECT_TRUE(styles.select_node("//w:style[@w:styleId='Title']/w:pPr/w:keepNext"));
    const auto settings = part("word/settings.xml");
    EXPECT_TRUE(settings.select_node("//w:autoHyphenation"));
    EXPECT_EQ(std::string(settings.select_node("//w:themeFontLang").node().attribute("w:val").value()), "ru-RU");
}

TEST_F(Docx, TypographyIsKeptAsTheModelHasIt) {
    const std::string document = zip_entry(*package_, "word/document.xml");
    EXPECT_NE(document.find("№\u00A0859-ОД"), std::string::npos);
    EXPECT_NE(document.find("Е.П.\u00A0Талкина"), std::string::npos);
    EXPECT_NE(document.find("(далее\u00A0– План мероприятий №\u00A01)"), std::string::npos);
    EXPECT_NE(document.find("«дорожную карту»"), std::string::npos);
}

TEST_F(Docx, PropertiesComeFromTheData) {
    const auto core = part("docProps/core.xml");
    EXPECT_EQ(std::string(core.select_node("//dcterms:created").node().text().get()), "2022-10-18T12:00:00Z");
    EXPECT_NE(std::string(core.select_node("//dc:title").node().text().get()).find("Об утверждении плана"),
              std::string::npos);
    EXPECT_EQ(std::string(core.select_node("//dc:creator").node().text().get()),
              "Департамент Смоленской области по образованию и науке");
}

TEST(Reproducible, TheSameInputGivesTheSameBytes) {
    EXPECT_EQ(write_docx(example_order()), write_docx(example_order()));
    EXPECT_EQ(render_pdf(example_order(), test_resources()), render_pdf(example_order(), test_resources()));
}

TEST(Reproducible, TheTimeZoneDoesNotMatter) {
    const std::string source = DOCGEN_SOURCE_DIR;
    const std::string dir = ::testing::TempDir();
    std::string sums;
    for (const char* zone : {"UTC", "Asia/Vladivostok"}) {
        int status = -1;
        run_command(std::string("TZ=") + zone + " " + DOCGEN_BINARY + " render " + source + "/templates/order.xml " +
                        source + "/examples/order-859/data.json -o " + dir + "/tz-" + zone[0] + ".pdf -o " + dir +
                        "/tz-" + zone[0] + ".docx",
                    &status);
        ASSERT_EQ(status, 0);
    }
    EXPECT_EQ(run_command("cmp " + dir + "/tz-U.pdf " + dir + "/tz-A.pdf && cmp " + dir + "/tz-U.docx " + dir +
                          "/tz-A.docx && echo same"),
              "same\n");
}

// A document made from template text, its parts read back as XML.
class DocxOf {
public:
    explicit DocxOf(const std::string& xml, const nlohmann::json& data = nlohmann::json::object())
        : package_(write_docx(render_template_text(xml, data))) {}
    pugi::xml_document part(const std::string& name) const {
        pugi::xml_document xml;
        const std::string content = zip_entry(package_, name);
        EXPECT_FALSE(content.empty()) << name << " is missing";
        EXPECT_TRUE(xml.load_string(content.c_str())) << name << " is not XML";
        return xml;
    }

private:
    std::string package_;
};

const char* const kChartData = R"({"names": ["ШНРО", "ШсРНР"], "counts": [68, 35]})";

TEST(DocxChart, IsCentredAndKeptWithItsCaptionAsInThePdf) {
    const DocxOf docx(R"(<chart categories="names" width="60%"><series values="counts"/></chart>
        <p>Рисунок 1 – Школы</p>)",
                      nlohmann::json::parse(kChartData));
    const auto document = docx.part("word/document.xml");
    const pugi::xml_node chart_paragraph = document.select_node("//w:p[w:r/w:drawing]").node();
    ASSERT_TRUE(chart_paragraph);
    EXPECT_TRUE(chart_paragraph.select_node("w:pPr/w:keepNext")) << "the chart leaves its caption";
    EXPECT_TRUE(chart_paragraph.select_node("w:pPr/w:keepLines"));
    EXPECT_EQ(std::string(chart_paragraph.select_node("w:pPr/w:jc").node().attribute("w:val").value()), "center");
}

// The PDF prints every bar's value, inside the bar or beside it: so does every series here.
TEST(DocxChart, ShowsTheValuesThePdfPrints) {
    for (const char* kind : {"bar", "stacked-bar"}) {
        const DocxOf docx(std::string(R"(<chart kind=")") + kind + R"(" categories="names">
            <series name="2021" values="counts"/><series name="2022" values="counts"/></chart>)",
                          nlohmann::json::parse(kChartData));
        const auto chart = docx.part("word/charts/chart1.xml");
        const auto series = chart.select_nodes("//c:ser");
        ASSERT_EQ(series.size(), 2u) << kind;
        for (const auto& ser : series)
            EXPECT_STREQ(ser.node().select_node("c:dLbls/c:showVal").node().attribute("val").value(), "1") << kind;
    }
}

TEST(DocxChart, HasTheValueAxisTitle) {
    const DocxOf docx(R"(<chart categories="names" value-title="школ"><series values="counts"/></chart>)",
                      nlohmann::json::parse(kChartData));
    const auto chart = docx.part("word/charts/chart1.xml");
    EXPECT_EQ(std::string(chart.select_node("//c:valAx/c:title//a:t").node().text().get()), "школ");
    EXPECT_FALSE(chart.select_node("//c:catAx/c:title"));
    const DocxOf untitled(R"(<chart categories="names"><series values="counts"/></chart>)",
                          nlohmann::json::parse(kChartData));
    EXPECT_FALSE(untitled.part("word/charts/chart1.xml").select_node("//c:valAx/c:title"));
}

TEST(DocxTable, RowsKeptWithTheNextAreNeverSplit) {
    const DocxOf docx(R"(<table><column/><column/>
        <row keep-with-next="true"><cell>Проректор</cell><cell>Н.В. Кравцова</cell></row>
        <row><cell colspan="2">15.11.2022</cell></row>
      </table>)");
    const auto document = docx.part("word/document.xml");
    const auto rows = document.select_nodes("//w:tbl/w:tr");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_TRUE(rows[0].node().select_node("w:trPr/w:cantSplit"));
    EXPECT_TRUE(rows[0].node().select_node("w:tc/w:p/w:pPr/w:keepNext"));
    EXPECT_FALSE(rows[1].node().select_node("w:trPr/w:cantSplit"));
}

}  // namespace
}  // namespace docgen
