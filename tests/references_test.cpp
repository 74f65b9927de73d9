// The example region end to end: the dataset classifies to the published
// counts, the three reference templates render to PDF and DOCX with their
// charts, their figures are those `docgen indicators` prints, and their
// Russian reads right.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "common/files.h"
#include "domain/analysis.h"
#include "test_support.h"

namespace docgen {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSource = DOCGEN_SOURCE_DIR;
const std::string kData = kSource + "/examples/smolensk-2022/data.json";

struct Rendered {
    std::string pdf_text;  // pdftotext -raw, spaces collapsed
    std::string pdf_path;
    std::string docx;      // the package's bytes
    std::string txt;       // the model's plain text
};

std::string collapse(const std::string& text) { return std::regex_replace(text, std::regex("[ \t\n]+"), " "); }

Rendered render(const std::string& template_name, const std::string& let, const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("docgen-references-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string base = (dir / name).string();
    int status = -1;
    const std::string output = run_command(std::string(DOCGEN_BINARY) + " render " + kSource + "/templates/" +
                                               template_name + " " + kData + (let.empty() ? "" : " --let \"" + let + "\"") +
                                               " -o " + base + ".pdf -o " + base + ".docx -o " + base + ".txt 2>&1",
                                           &status);
    EXPECT_EQ(status, 0) << output;
    return {collapse(run_command("pdftotext -raw " + base + ".pdf - 2>&1")), base + ".pdf",
            read_file(base + ".docx", "docx"), read_file(base + ".txt", "txt")};
}

// The text of a DOCX's document part, tags dropped.
std::string docx_text(const std::string& package) {
    std::string xml = zip_entry(package, "word/document.xml");
    xml = std::regex_replace(xml, std::regex("</w:p>"), " ");
    xml = std::regex_replace(xml, std::regex("<[^>]*>"), "");
    return collapse(std::regex_replace(xml, std::regex("\u00A0"), " "));
}

TEST(ExampleRegion, ClassifiesToThePublishedCounts) {
    const json input = json::parse(read_file(kData, "data"));
    const domain::Analysis analysis = domain::analyse(input, domain::Rules::defaults(), kData);
    std::map<std::string, int> clusters;
    for (const auto& school : analysis.schools) ++clusters[school.classification.derived_cluster];
    EXPECT_EQ(clusters["ШПУ"], 10);
    EXPECT_EQ(clusters["ШБУ"], 99);
    EXPECT_EQ(clusters["ШНРО"], 68);
    EXPECT_EQ(clusters["ШФНСУ"], 130);
    EXPECT_EQ(clusters["ШсРНР"], 35);
    EXPECT_EQ(analysis.data.municipalities.size(), 27u);
    std::map<std::string, int> pupils;
    int rural = 0;
    for (const auto& school : analysis.data.schools) {
        pupils[analysis.data.municipalities[school.municipality].id] += *school.this_year.pupils;
        rural += school.rural;
    }
    EXPECT_EQ(pupils["smolensk"], 34664);
    EXPECT_EQ(pupils["glinka"], 322);
    EXPECT_NEAR(100.0 * rural / static_cast<double>(analysis.data.schools.size()), 65, 1.5);
    int disagreeing = 0;  // the one school whose given cluster the rules contradict
    for (const std::string& note : analysis.notes)
        disagreeing += note.find("the data gives the cluster ШБУ, the rules give ШсРНР") != std::string::npos;
    EXPECT_EQ(disagreeing, 1);
}

// `report` and its `date` are optional: without a date the three documents
// leave out the date line under the signature; with it they print it there.
TEST(ExampleRegion, TheDocumentsNeedNoReportDate) {
    const json input = json::parse(read_file(kData, "data"));
    const fs::path dir = fs::temp_directory_path() / ("docgen-undated-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::vector<std::pair<std::string, std::string>> documents = {
        {"monitoring-report.xml", ""},
        {"municipal-reference.xml", "municipality=municipalities | find('id', 'glinka')"},
        {"school-reference.xml", "school=schools | find('id', '67224')"}};
    for (const std::string variant : {"dated", "no date", "no report"}) {
        json data = input;
        if (variant == "no date") data["report"].erase("date");
        if (variant == "no report") data.erase("report");
        const std::string data_path = (dir / "data.json").string();
        std::ofstream(data_path) << data.dump();
        for (const auto& [template_name, let] : documents) {
            SCOPED_TRACE(variant + ": " + template_name);
            const std::string text_path = (dir / "out.txt").string();
            int status = -1;
            const std::string output = run_command(std::string(DOCGEN_BINARY) + " render " + kSource + "/templates/" +
                                                       template_name + " " + data_path +
                                                       (let.empty() ? "" : " --let \"" + let + "\"") + " -o " +
                                                       text_path + " 2>&1",
                                                   &status);
            ASSERT_EQ(status, 0) << output;
            const std::string text = read_file(text_path, "txt");
            // The date under the signature; the executor's line, at the foot, follows the text.
            const std::string executor = "Исп. Смирнова Ольга Викторовна, тел. 8 (4812) 00-00-00\n";
            const std::string ending = variant == "dated" ? "Н.В. Кравцова\n15.11.2022\n" + executor
                                       : variant == "no date" ? "Проректор ГАУ ДПО СОИРО | Н.В. Кравцова\n" + executor
                                                              : " | \n";
            // The signature ends the document, or its text before the appendix's section.
            const size_t end = text.find("\n--- section ---\n");
            const std::string body = end == std::string::npos ? text : text.substr(0, end + 1);
            EXPECT_EQ(body.substr(body.size() - std::min(body.size(), ending.size())), ending);
        }
    }
    fs::remove_all(dir);
}

class References : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        report_ = new Rendered(render("monitoring-report.xml", "", "report"));
        municipal_ = new Rendered(
            render("municipal-reference.xml", "municipality=municipalities | find('id', 'glinka')", "glinka"));
        school_ = new Rendered(render("school-reference.xml", "school=schools | find('id', '67224')", "school"));
        indicators_ = new json(json::parse(run_command(std::string(DOCGEN_BINARY) + " indicators " + kData)));
    }
    static void TearDownTestSuite() {
        fs::remove_all(fs::temp_directory_path() / ("docgen-references-" + std::to_string(::getpid())));
        delete report_;
        delete municipal_;
        delete school_;
        delete indicators_;
    }
    static Rendered* report_;
    static Rendered* municipal_;
    static Rendered* school_;
    static json* indicators_;
};

Rendered* References::report_ = nullptr;
Rendered* References::municipal_ = nullptr;
Rendered* References::school_ = nullptr;
json* References::indicators_ = nullptr;

void expect_in_both(const Rendered& document, const std::vector<std::string>& phrases) {
    const std::string docx = docx_text(document.docx);
    for (const std::string& phrase : phrases) {
        EXPECT_NE(document.pdf_text.find(phrase), std::string::npos) << "PDF lacks: " << phrase;
        EXPECT_NE(docx.find(phrase), std::string::npos) << "DOCX lacks: " << phrase;
    }
}

TEST_F(References, TheRegionalReportSaysWhatTheDataGives) {
    expect_in_both(*report_, {"ОТЧЕТ", "Таблица 1 – Школы Смоленской области по кластерам",
                              "к кластеру ШНРО отнесены 68 школ", "ШсРНР – 35 школ",
                              "Таблица 4 – Показатели Концепции, 2021–2022 гг.",
                              "Таблица 3 – Рейтинг муниципальных образований", "6. Рекомендации",
                              "Приложение. Школы по кластерам и муниципальным образованиям", "Глинковский район",
                              "Рисунок 1 – Распределение школ по кластерам в муниципальных образованиях",
                              "Н.В. Кравцова"});
}

TEST_F(References, TheMunicipalReferenceIsAboutItsMunicipality) {
    expect_in_both(*municipal_, {"АНАЛИТИЧЕСКАЯ СПРАВКА", "по результатам мониторинга школ Глинковского района в 2022 году",
                                 "Таблица 2 – ШНРО, ШсРНР и ШФНСУ Глинковского района",
                                 "1-е место из 27 муниципальных образований", "Регион, 2022 год",
                                 "Рисунок 1 – Доли кластеров среди школ Глинковского района и по региону, %"});
}

TEST_F(References, TheSchoolReferenceIsAboutItsSchool) {
    expect_in_both(*school_, {"МБОУ «Бабинская средняя школа» Духовщинского района",
                              "школа отнесена к кластеру «Школы с низкими результатами обучения» (ШНРО)",
                              "Таблица 1 – Результаты оценочных процедур", "Таблица 2 – Меры поддержки в 2021 и 2022 годах",
                              "7. Рекомендации", "Основание: приказ Департамента Смоленской области по образованию и науке от 08.06.2022 № 548-ОД"});
}

TEST_F(References, ChartsAreVectorGraphicsInThePdfAndNativeChartsInTheDocx) {
    for (const Rendered* document : {report_, municipal_}) {
        const std::string chart = zip_entry(document->docx, "word/charts/chart1.xml");
        EXPECT_NE(chart.find("<c:barChart>"), std::string::npos);
        EXPECT_NE(chart.find("<c:numCache>"), std::string::npos);
        EXPECT_FALSE(zip_entry(document->docx, "word/embeddings/Microsoft_Excel_Worksheet1.xlsx").empty());
        EXPECT_NE(zip_entry(document->docx, "[Content_Types].xml").find("drawingml.chart+xml"), std::string::npos);
        // Filled rectangles in the PDF's content streams: the bars and the legend's keys.
        const std::string content = run_command("qpdf --qdf --object-streams=disable " + document->pdf_path + " - 2>/dev/null");
        const std::regex filled_rectangle(" re\nf\n");
        const auto bars = std::distance(std::sregex_iterator(content.begin(), content.end(), filled_rectangle),
                                        std::sregex_iterator());
        EXPECT_GT(bars, 5) << document->pdf_path;
    }
    EXPECT_NE(zip_entry(report_->docx, "word/charts/chart1.xml").find("<c:grouping val=\"stacked\"/>"), std::string::npos);
}

std::string number_text(double value, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    std::string out = text;
    for (char& c : out)
        if (c == '.') c = ',';
    if (out.front() == '-') out = "−" + out.substr(1);
    return out;
}

// A row of the indicator table; a municipality's has the region's value beside its own.
std::string expected_row(const json& indicator, const json* in_region = nullptr) {
    const auto share = [](const json& year) { return year.is_null() ? std::string("—") : number_text(year["value"], 1); };
    std::string dynamics = "—";
    if (!indicator["dynamics"].is_null()) {
        const double value = indicator["dynamics"];
        dynamics = number_text(value, 1);
        if (value > 0 && dynamics != "0,0") dynamics = "+" + dynamics;
        if (dynamics == "0,0") dynamics = "без изменений";
    }
    return indicator["id"].get<std::string>() + " | " + indicator["name"].get<std::string>() + " | % | " +
           share(indicator["last_year"]) + " | " + share(indicator["this_year"]) + " | " +
           (in_region ? share((*in_region)["this_year"]) + " | " : "") + dynamics + " | " +
           (indicator["score"].is_null() ? "—" : std::to_string(indicator["score"].get<int>()));
}

TEST_F(References, FiguresAreThoseDocgenIndicatorsPrints) {
    const json& region = (*indicators_)["region"]["indicators"];
    for (const json& indicator : region)
        EXPECT_NE(report_->txt.find(expected_row(indicator) + "\n"), std::string::npos) << expected_row(indicator);
    for (const json& municipality : (*indicators_)["municipalities"]) {
        if (municipality["id"] != "glinka") continue;
        for (size_t i = 0; i < municipality["indicators"].size(); ++i) {
            const std::string row = expected_row(municipality["indicators"][i], &region[i]);
            EXPECT_NE(municipal_->txt.find(row + "\n"), std::string::npos) << row;
        }
    }
}

// One more indicator in a rules file is computed and printed in the three
// documents with no change to the code or the templates.
TEST(ExampleRegion, AnIndicatorAddedToTheRulesIsPrintedInEveryDocument) {
    json rules = json::parse(read_file(kSource + "/rules/concept-2022.json", "rules"));
    rules["indicators"].push_back({{"id", "3.2.3"},
                                   {"direction", "рост"},
                                   {"name", "Доля сельских школ, представивших практики профилактики учебной неуспешности"},
                                   {"schools", "rural"},
                                   {"event", "support.practices.presented > 0"},
                                   {"missing", "о представленных практиках"},
                                   {"none", "сельских школ"}});
    const fs::path dir = fs::temp_directory_path() / ("docgen-extra-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string rules_path = (dir / "rules.json").string();
    std::ofstream(rules_path) << rules.dump();
    const json indicators =
        json::parse(run_command(std::string(DOCGEN_BINARY) + " indicators " + kData + " --rules " + rules_path));
    const json& extra = indicators["region"]["indicators"].back();
    ASSERT_EQ(extra["id"], "3.2.3");
    EXPECT_TRUE(extra["computable"].get<bool>());
    for (const auto& [template_name, let] : std::vector<std::pair<std::string, std::string>>{
             {"monitoring-report.xml", ""},
             {"municipal-reference.xml", "municipality=municipalities | find('id', 'glinka')"},
             {"school-reference.xml", "school=schools | find('id', '67224')"}}) {
        const std::string out = (dir / "out.txt").string();
        int status = -1;
        const std::string output = run_command(std::string(DOCGEN_BINARY) + " render " + kSource + "/templates/" +
                                                   template_name + " " + kData + " --rules " + rules_path +
                                                   (let.empty() ? "" : " --let \"" + let + "\"") + " -o " + out + " 2>&1",
                                               &status);
        ASSERT_EQ(status, 0) << output;
        EXPECT_NE(read_file(out, "txt").find("3.2.3 | Доля сельских школ, представивших практики профилактики учебной неуспешности | "),
                  std::string::npos)
            << template_name;
    }
    EXPECT_NE(extra["this_year"]["value"], nullptr);
    fs::remove_all(dir);
}

// Counts agree with their nouns, shares use a decimal comma.
void expect_good_russian(const std::string& text, const std::string& what) {
    const std::string plain = std::regex_replace(text, std::regex("\u00A0"), " ");
    const std::vector<std::pair<std::string, std::string>> mistakes = {
        {R"((^|[^0-9])(1|[2-9]1|[0-9]*[02-9]1) школ[^аы])", "\"1 школ\": one school takes «школа»"},
        {R"((^|[^0-9])(1|[2-9]1|[0-9]*[02-9]1) школы)", "\"21 школы\" as a count"},
        {R"((^|[^0-9])([2-4]|[0-9]*[02-9][2-4]) школ[^аы])", "\"3 школ\": two to four take «школы»"},
        {R"([0-9]\.[0-9]+ ?%)", "a decimal point in a percentage"},
        {R"([0-9]%)", "a percent sign without a space"},
    };
    for (const auto& [pattern, problem] : mistakes) {
        std::smatch match;
        EXPECT_FALSE(std::regex_search(plain, match, std::regex(pattern)))
            << what << ": " << problem << " in «" << match.str() << "»";
    }
}

TEST_F(References, RussianTextReadsRight) {
    expect_good_russian(report_->txt, "report");
    expect_good_russian(municipal_->txt, "municipal reference");
    expect_good_russian(school_->txt, "school reference");
}

}  // namespace
}  // namespace docgen
