// The command line: exit status, messages that point at the problem, and
// outputs that are complete or absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/files.h"
#include "test_support.h"

namespace docgen {
namespace {

namespace fs = std::filesystem;

class Cli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("docgen-cli-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        write("template.xml", "<document>\n<section>\n<p>Приказ № {{ number }} от {{ date | date }}</p>\n</section>\n</document>\n");
        write("data.json", R"({"number": "859-ОД", "date": "2022-10-18"})");
    }
    void TearDown() override { fs::remove_all(dir_); }

    void write(const std::string& name, const std::string& content) { std::ofstream(dir_ / name) << content; }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    // Runs docgen with the arguments; stderr is captured into the output.
    std::string docgen(const std::string& arguments, int* status) const {
        return run_command(std::string(DOCGEN_BINARY) + " " + arguments + " 2>&1", status);
    }
    std::string render(const std::string& output, const std::string& extra = "", int* status = nullptr) const {
        int local = 0;
        return docgen("render " + path("template.xml") + " " + path("data.json") + " -o " + path(output) + " " + extra,
                      status ? status : &local);
    }
    size_t files_in_dir() const { return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), {})); }

    fs::path dir_;
};

TEST_F(Cli, RendersPdfAndText) {
    int status = -1;
    render("out.pdf", "-o " + path("out.txt"), &status);
    EXPECT_EQ(status, 0);
    EXPECT_GT(fs::file_size(path("out.pdf")), 1000u);
    std::ifstream text(path("out.txt"));
    std::string line;
    std::getline(text, line);
    EXPECT_EQ(line, "Приказ № 859-ОД от 18.10.2022");
}

// The ordinary build runs on jemalloc, which must have taken malloc's place
// (linked, it could still lose to the C library's); the sanitizer build on
// the C library's malloc, which the sanitizers replace.
TEST_F(Cli, VersionNamesTheAllocatorInUse) {
    int status = -1;
    const std::string printed = docgen("--version", &status);
    EXPECT_EQ(status, 0);
    EXPECT_EQ(printed.rfind(std::string("docgen ") + DOCGEN_VERSION + "\n", 0), 0u) << printed;
    EXPECT_NE(printed.find(std::string("memory allocator: ") + DOCGEN_ALLOCATOR), std::string::npos) << printed;
}

TEST_F(Cli, HelpAndUsage) {
    int status = -1;
    EXPECT_NE(docgen("--help", &status).find("docgen render TEMPLATE DATA -o OUTPUT"), std::string::npos);
    EXPECT_EQ(status, 0);
    EXPECT_NE(docgen("", &status).find("Try 'docgen --help'"), std::string::npos);
    EXPECT_EQ(status, 2);
    docgen("frobnicate", &status);
    EXPECT_EQ(status, 2);
    docgen("render " + path("template.xml") + " " + path("data.json"), &status);
    EXPECT_EQ(status, 2);
    EXPECT_NE(render("out.doc", "", &status).find("unknown output format \".doc\""), std::string::npos);
    EXPECT_EQ(status, 2);
    docgen("render a b -o x.pdf --bogus", &status);
    EXPECT_EQ(status, 2);
}

TEST_F(Cli, JsonSyntaxErrorNamesFileLineAndColumn) {
    write("data.json", "{\n  \"number\": \"859-ОД\",\n  \"date\" \"2022-10-18\"\n}\n");
    int status = -1;
    const std::string message = render("out.pdf", "", &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(message.find(path("data.json") + ":3:21: JSON syntax error: syntax error while parsing object separator"), std::string::npos) << message;
}

TEST_F(Cli, TemplateErrorsNameTheTemplateLine) {
    write("template.xml", "<document>\n<section>\n<p>{{ number | nope }}</p>\n</section>\n</document>\n");
    int status = -1;
    const std::string message = render("out.pdf", "", &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(message.find(path("template.xml") + ":3: in '{{ number | nope }}': unknown filter 'nope'"),
              std::string::npos)
        << message;
}

TEST_F(Cli, MissingDataNamesTheLineAndJsonPath) {
    write("data.json", R"({"date": "2022-10-18"})");
    int status = -1;
    const std::string message = render("out.pdf", "", &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(message.find(path("template.xml") + ":3: in '{{ number }}': the data has no 'number'"), std::string::npos)
        << message;
}

TEST_F(Cli, MissingResourcesSayWhereTheyWereLookedFor) {
    int status = -1;
    std::string message = render("out.pdf", "--fonts " + path("no-fonts"), &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(message.find("font file LiberationSerif-Regular.ttf not found; looked in: " + path("no-fonts")),
              std::string::npos)
        << message;
    message = render("out.pdf", "--hyphenation " + path("none.dic"), &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(message.find("hyphenation patterns " + path("none.dic") + " not found"), std::string::npos) << message;
}

TEST_F(Cli, AFailureLeavesNothingHalfWritten) {
    int status = -1;
    render("out.pdf", "", &status);
    ASSERT_EQ(status, 0);
    const auto good_size = fs::file_size(path("out.pdf"));
    const size_t files = files_in_dir();
    write("data.json", R"({"date": "not a date", "number": "1"})");
    render("out.pdf", "", &status);
    EXPECT_EQ(status, 1);
    EXPECT_EQ(fs::file_size(path("out.pdf")), good_size);  // the earlier output is untouched
    EXPECT_EQ(files_in_dir(), files);                      // and no temporary file is left
    render("other.pdf", "", &status);
    EXPECT_FALSE(fs::exists(path("other.pdf")));
}

const std::string kClusterData = std::string(DOCGEN_SOURCE_DIR) + "/examples/smolensk-2022/data.json";

TEST_F(Cli, RulesForATemplateWithoutClusterResultsAreRefused) {
    write("rules.json", read_file(std::string(DOCGEN_SOURCE_DIR) + "/rules/concept-2022.json", "rules"));
    for (const std::string rules : {"rules.json", "missing.json"}) {
        int status = -1;
        const std::string message = render("out.txt", "--rules " + path(rules), &status);
        EXPECT_EQ(status, 2) << message;
        EXPECT_NE(message.find("docgen: --rules: " + path("template.xml") + " does not take cluster results"),
                  std::string::npos)
            << message;
        EXPECT_FALSE(fs::exists(path("out.txt")));
    }
}

TEST_F(Cli, AMissingRulesFileIsAnError) {
    write("cluster.xml", "<document input=\"cluster-results\">\n<section>\n<p>{{ region.name }}</p>\n</section>\n</document>\n");
    int status = -1;
    std::string message = docgen("render " + path("cluster.xml") + " " + kClusterData + " -o " + path("out.txt") +
                                     " --rules " + path("missing.json"),
                                 &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(message.find(path("missing.json") + ": cannot open rules file"), std::string::npos) << message;
    message = docgen("indicators " + kClusterData + " --rules " + path("missing.json"), &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(message.find(path("missing.json") + ": cannot open rules file"), std::string::npos) << message;
}

TEST_F(Cli, AWronglyTypedRulesValueNamesTheFileAndTheKey) {
    nlohmann::json rules =
        nlohmann::json::parse(read_file(std::string(DOCGEN_SOURCE_DIR) + "/rules/concept-2022.json", "rules"));
    rules["markers"]["low_result_share"] = "30";
    write("rules.json", rules.dump(2));
    int status = -1;
    const std::string message = docgen("indicators " + kClusterData + " --rules " + path("rules.json"), &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(message.find("docgen: " + path("rules.json") +
                           ": the rules do not follow schemas/rules.schema.json (1 problem):\n"
                           "  markers.low_result_share must be a number\n"),
              std::string::npos)
        << message;
}

TEST_F(Cli, AFailingLetNamesTheOption) {
    int status = -1;
    std::string message = render("out.txt", "--let \"n=number | nope\"", &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(message.find("docgen: in the option --let \"n=number | nope\": unknown filter 'nope'"), std::string::npos)
        << message;
    message = docgen("render " + std::string(DOCGEN_SOURCE_DIR) + "/templates/school-reference.xml " + kClusterData +
                         " --let \"school=schools | find('id', '99999')\" -o " + path("out.txt"),
                     &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(message.find("docgen: in the option --let \"school=schools | find('id', '99999')\": "
                           "filter 'find' ('schools'): no element has id = \"99999\""),
              std::string::npos)
        << message;
}

}  // namespace
}  // namespace docgen
