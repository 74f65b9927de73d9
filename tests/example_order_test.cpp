// End to end: the example order 859-ОД rendered by the CLI and read back with
// poppler's tools, qpdf and mupdf, as a user's viewer would read it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "common/files.h"
#include "test_support.h"

namespace docgen {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSource = DOCGEN_SOURCE_DIR;

// Runs a command; fails the test when it writes anything to stderr but a
// note about the tool's own build ("ICC support is not available").
std::string quiet(const std::string& command, int* status = nullptr) {
    const std::string errors_file = (fs::temp_directory_path() / ("docgen-stderr-" + std::to_string(::getpid()))).string();
    const std::string output = run_command(command + " 2>" + errors_file, status);
    const std::string errors =
        std::regex_replace(read_file(errors_file, "stderr"), std::regex("warning: ICC support is not available\n"), "");
    fs::remove(errors_file);
    EXPECT_EQ(errors, "") << command;
    return output;
}

std::string collapse_spaces(const std::string& text) {
    return std::regex_replace(text, std::regex("[ \t\n]+"), " ");
}

class ExampleOrder : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new fs::path(fs::temp_directory_path() / ("docgen-example-" + std::to_string(::getpid())));
        fs::create_directories(*dir_);
        pdf_ = new std::string((*dir_ / "order-859.pdf").string());
        int status = -1;
        const std::string output =
            run_command(std::string(DOCGEN_BINARY) + " render " + kSource + "/templates/order.xml " + kSource +
                            "/examples/order-859/data.json -o " + *pdf_ + " 2>&1",
                        &status);
        ASSERT_EQ(status, 0) << output;
        data_ = new json(json::parse(read_file(kSource + "/examples/order-859/data.json", "data")));
        pages_ = new std::vector<std::string>();
        std::istringstream text(quiet("pdftotext -layout " + *pdf_ + " -"));
        std::string page;
        while (std::getline(text, page, '\f')) pages_->push_back(page);
        if (!pages_->empty() && pages_->back().find_first_not_of(" \n") == std::string::npos) pages_->pop_back();
        // In drawing order: pdftotext's layout mode joins letter-spaced words ("П Р И К А З").
        raw_text_ = new std::string(collapse_spaces(quiet("pdftotext -raw " + *pdf_ + " -")));
    }
    static void TearDownTestSuite() {
        fs::remove_all(*dir_);
        delete dir_;
        delete pdf_;
        delete data_;
        delete pages_;
        delete raw_text_;
    }


    static fs::path* dir_;
    static std::string* pdf_;
    static json* data_;
    static std::vector<std::string>* pages_;  // pdftotext -layout, one string per page
    static std::string* raw_text_;            // pdftotext -raw, spaces collapsed
};

fs::path* ExampleOrder::dir_ = nullptr;
std::string* ExampleOrder::pdf_ = nullptr;
json* ExampleOrder::data_ = nullptr;
std::vector<std::string>* ExampleOrder::pages_ = nullptr;
std::string* ExampleOrder::raw_text_ = nullptr;

// The first words of a cell's rich text: what its first line in the PDF shows.
std::string first_words(const json& cell, int count) {
    std::string text = cell.is_array() ? cell[0].get<std::string>() : cell.get<std::string>();
    std::istringstream words(text);
    std::string word, out;
    for (int i = 0; i < count && words >> word; ++i) out += (i ? " " : "") + word;
    return out;
}

TEST_F(ExampleOrder, TheExpectedRussianTextIsExtracted) {
    const std::string& text = *raw_text_;
    EXPECT_NE(text.find("ДЕПАРТАМЕНТ СМОЛЕНСКОЙ ОБЛАСТИ"), std::string::npos);
    EXPECT_NE(text.find("П Р И К А З"), std::string::npos);
    EXPECT_NE(text.find("18.10.2022"), std::string::npos);
    EXPECT_NE(text.find("№ 859-ОД"), std::string::npos);
    EXPECT_NE(text.find("п р и к а з ы в а ю:"), std::string::npos);
    EXPECT_NE(text.find("Е.П. Талкина"), std::string::npos);
    EXPECT_NE(text.find(collapse_spaces((*data_)["order"]["title"].get<std::string>())), std::string::npos);
    const auto& appendices = (*data_)["appendices"];
    ASSERT_EQ(appendices.size(), 3u);
    for (size_t a = 0; a < appendices.size(); ++a) {
        SCOPED_TRACE("appendix " + std::to_string(a + 1));
        EXPECT_NE(text.find("Приложение № " + std::to_string(a + 1)), std::string::npos);
        EXPECT_NE(text.find(collapse_spaces(appendices[a]["title"].get<std::string>())), std::string::npos);
        const auto& sections = appendices[a]["table"]["sections"];
        const json& first = sections.front()["rows"].front();
        const json& last = sections.back()["rows"].back();
        for (const json* row : {&first, &last}) {
            EXPECT_NE(text.find((*row)["number"].get<std::string>()), std::string::npos);
            EXPECT_NE(text.find(first_words((*row)["event"], 2)), std::string::npos) << (*row)["event"];
        }
        for (const json& section : sections)
            EXPECT_NE(text.find(section["number"].get<std::string>() + " " + section["title"].get<std::string>()),
                      std::string::npos);
    }
}

TEST_F(ExampleOrder, EveryFontIsEmbeddedAsASubsetWithAUnicodeMap) {
    const std::string fonts = quiet("pdffonts " + *pdf_);
    std::istringstream lines(fonts);
    std::string line;
    int rows = 0;
    while (std::getline(lines, line)) {
        if (line.find("LiberationSerif") == std::string::npos) continue;
        ++rows;
        EXPECT_NE(line.find("CID TrueType      Identity-H       yes yes yes"), std::string::npos) << line;
    }
    EXPECT_GE(rows, 2);  // regular and bold at least
}

TEST_F(ExampleOrder, ReadersReportNoProblem) {
    quiet("pdfinfo " + *pdf_);
    quiet("pdftotext " + *pdf_ + " /dev/null");
    quiet("pdftoppm -r 10 -png " + *pdf_ + " " + (*dir_ / "page").string());
    int status = -1;
    const std::string check = quiet("qpdf --check " + *pdf_, &status);
    EXPECT_EQ(status, 0);
    EXPECT_NE(check.find("No syntax or stream encoding errors found"), std::string::npos) << check;
    quiet("mutool draw -q -o " + (*dir_ / "mu-%d.png").string() + " -r 10 " + *pdf_);
}

TEST_F(ExampleOrder, AppendixPagesAreLandscapeAndShowTheTableHeader) {
    const std::string info = quiet("pdfinfo -f 1 -l 999 " + *pdf_);
    const std::regex size_line(R"(Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts)");
    std::vector<bool> landscape;
    for (auto it = std::sregex_iterator(info.begin(), info.end(), size_line); it != std::sregex_iterator(); ++it)
        landscape.push_back(std::stod((*it)[2]) > std::stod((*it)[3]));
    ASSERT_EQ(landscape.size(), pages_->size());
    ASSERT_GT(landscape.size(), 10u);
    EXPECT_FALSE(landscape[0]);
    int appendix = 0;
    for (size_t p = 0; p < pages_->size(); ++p) {
        const std::string& page = (*pages_)[p];
        if (page.find("Приложение № " + std::to_string(appendix + 1)) != std::string::npos) ++appendix;
        if (appendix == 0) {
            EXPECT_FALSE(landscape[p]) << "order page " << p + 1;
            continue;
        }
        EXPECT_TRUE(landscape[p]) << "appendix page " << p + 1;
        // A page with table rows shows the header; an appendix's first page may hold only its preamble.
        const bool has_rows = page.find("Региональный") != std::string::npos ||
                              page.find("Муниципальный") != std::string::npos ||
                              page.find("Институциональный") != std::string::npos;
        if (has_rows) {
            EXPECT_NE(page.find("Мероприятие/направление"), std::string::npos) << "page " << p + 1 << " lacks the header";
        }
    }
    EXPECT_EQ(appendix, 3);
}

TEST_F(ExampleOrder, EachAppendixNumbersItsPagesFromTwo) {
    int expected = 0;
    for (const std::string& page : *pages_) {
        const bool starts_appendix = page.find("Приложение №") != std::string::npos;
        std::istringstream lines(page);
        std::string first;
        while (std::getline(lines, first) && first.find_first_not_of(' ') == std::string::npos) {
        }
        const std::string number = first.substr(first.find_first_not_of(' '));
        if (starts_appendix || expected == 0) {
            EXPECT_NE(number, "1");  // the first page carries no number
            expected = 2;
            continue;
        }
        EXPECT_EQ(number, std::to_string(expected)) << "page text starts: " << first;
        ++expected;
    }
}

}  // namespace
}  // namespace docgen
