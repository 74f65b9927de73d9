// Packed parts of the data (common/packed_json.h): what they stand for
// comes back exactly, expressions and filters read them as plain JSON, and
// every document of the example cycle is the same from packed data as from
// plain.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/files.h"
#include "common/json_file.h"
#include "common/packed_json.h"
#include "domain/analysis.h"
#include "domain/schema_check.h"
#include "render/render.h"
#include "template/expression.h"
#include "template/template.h"
#include "test_support.h"

namespace docgen {
namespace {

using nlohmann::json;

const std::string kSource = DOCGEN_SOURCE_DIR;

TEST(Packed, GivesBackWhatItStandsFor) {
    const json values[] = {
        json::object(), json::array(), json(nullptr), true, 0, -1, 4294967296LL, -9223372036854775807LL - 1,
        18446744073709551615ULL, 0.1, -2.5e-300, 1e300, 12.5, "", "Смоленская область «ё» \u00A0\u2011",
        json::parse(R"({"deficits": {"ict": {"found": false}}, "pupils": {"failing": 4}, "list": [1, 2.5, "три", null, [], {}]})")};
    for (const packed::Compression compression : {packed::Compression::Deflate, packed::Compression::None})
        for (const json& value : values) {
            const json packed = packed::pack(value, compression);
            ASSERT_TRUE(packed.is_binary());
            EXPECT_EQ(packed::unpack(packed), value) << value.dump();
            EXPECT_EQ(packed::unpack(packed).dump(), value.dump());
            EXPECT_EQ(packed::expanded(json{{"a", {packed}}}), (json{{"a", {value}}}));
            const packed::Session session;
            EXPECT_EQ(packed::unpacked(packed), value);
        }
    // A school's assessments deflate to less than half.
    json assessments = json::array();
    for (int grade = 4; grade <= 8; ++grade)
        for (const char* subject : {"математика", "русский язык", "история"})
            assessments.push_back({{"procedure", "ВПР"}, {"subject", subject}, {"grade", grade}, {"participants", 80},
                                   {"low", 3}, {"objective", true}, {"marker", false}, {"share", 3.8}});
    EXPECT_LT(packed::pack(assessments).get_binary().size() * 2,
              packed::pack(assessments, packed::Compression::None).get_binary().size());
    // Plain values are themselves.
    const json plain = {{"a", 1}};
    EXPECT_EQ(&packed::unpacked(plain), &plain);
}

TEST(Packed, AnAddressReusedWithOtherBytesIsUnpackedAgain) {
    const packed::Session session;
    json holder = packed::pack(json{{"name", "первая"}});
    EXPECT_EQ(packed::unpacked(holder)["name"], "первая");
    const json* first = &packed::unpacked(holder);
    EXPECT_EQ(&packed::unpacked(holder), first) << "unpacked once per session";
    // The same bytes' container now holds another value: as a copy dropped and
    // another made at its address would.
    holder.get_binary() = packed::pack(json{{"name", "вторая"}}).get_binary();
    EXPECT_EQ(packed::unpacked(holder)["name"], "вторая");
}

// Data as the analysed data holds it: each school's support and assessments packed.
json schools_data() {
    json data = json::parse(R"({"schools": [
        {"name": "А", "cluster": {"code": "ШНРО"},
         "support": {"prevention_system": false, "pupils": {"failing": 4}},
         "assessments": [{"subject": "математика", "marker": true}, {"subject": "русский язык", "marker": false}]},
        {"name": "Б", "cluster": {"code": "ШБУ"},
         "support": {"prevention_system": true, "pupils": {"failing": 1}},
         "assessments": []}],
        "ids": [1, 0]})");
    for (json& school : data["schools"])
        for (const char* key : {"support", "assessments"}) school[key] = packed::pack(school[key]);
    return data;
}

std::string evaluated(const std::string& expression, const json& data) {
    const packed::Session session;
    return Expression::parse(expression).evaluate(Scope(data)).get().dump();
}

TEST(Packed, ExpressionsAndFiltersReadThrough) {
    const json packed_data = schools_data();
    const json plain_data = packed::expanded(packed_data);
    ASSERT_FALSE(plain_data["schools"][0]["support"].is_binary());
    for (const char* expression : {
             "schools[0].support.pupils.failing",
             "schools[1]['support']['prevention_system']",
             "schools[0].assessments | length",
             "schools[0].assessments | where('marker', true) | map('subject')",
             "schools[0].assessments[1].subject",
             "schools | where('support.prevention_system', false) | map('name')",
             "schools | map('support.pupils.failing') | sum",
             "schools | sort('support.pupils.failing') | map('name')",
             "ids | pick(schools) | where('support.pupils.failing', '>', 2) | length",
             "(ids | pick(schools) | first).support.pupils",
             "(schools | find('name', 'Б')).assessments",
             "schools[0].support",
             "schools[0] == schools[0]",
             "schools[0].support == schools[1].support",
         })
        EXPECT_EQ(evaluated(expression, packed_data), evaluated(expression, plain_data)) << expression;
}

TEST(Packed, TemplatesReadThrough) {
    const json data = schools_data();
    const Document document = render_template_text(
        "<for each=\"school\" in=\"schools\"><p>{{ school.name }}: {{ school.support.pupils.failing }}, "
        "<for each=\"a\" in=\"school.assessments\">{{ a.subject }}; </for></p></for>",
        data);
    const std::string text = render_file(document, OutputFormat::Txt, test_resources()).bytes;
    EXPECT_NE(text.find("А: 4, математика; русский язык;"), std::string::npos) << text;
    EXPECT_NE(text.find("Б: 1,"), std::string::npos) << text;
}

// Every document of the example cycle, packed against plain data.
TEST(Packed, TheCycleIsTheSameFromPackedData) {
    const json input = json::parse(read_file(kSource + "/examples/smolensk-2022/data.json", "data"));
    const domain::Rules& rules = domain::Rules::defaults();
    const json plain = domain::analysis_json(domain::analyse(input, rules, "data.json"), rules, domain::Packing::Plain);
    const json packed_data = domain::analysis_json(domain::analyse(input, rules, "data.json"), rules);
    ASSERT_TRUE(packed_data["schools"][0]["assessments"].is_binary());
    EXPECT_EQ(packed::expanded(packed_data), plain);
    const auto text = [&](const Template& loaded, const json& data, const std::vector<Variable>& variables) {
        return render_file(loaded.render(data, variables), OutputFormat::Txt, test_resources()).bytes;
    };
    const Template report = Template::load(kSource + "/templates/monitoring-report.xml");
    EXPECT_EQ(text(report, packed_data, {}), text(report, plain, {}));
    // Some of each kind of element: the documents of a municipality and of a school.
    for (const auto& [file, list, each, step] : {std::tuple{"municipal-reference.xml", "municipalities", "municipality", 5},
                                                 std::tuple{"school-reference.xml", "schools", "school", 7}}) {
        const Template loaded = Template::load(kSource + "/templates/" + file);
        for (size_t i = 0; i < plain[list].size(); i += step) {
            const std::string path = std::string(list) + "[" + std::to_string(i) + "]";
            EXPECT_EQ(text(loaded, packed_data, {{each, &packed_data[list][i], path}}),
                      text(loaded, plain, {{each, &plain[list][i], path}}))
                << path;
        }
    }
}

TEST(Packed, ParsedListsArePackedAsTheyAreRead) {
    const std::string text = R"({"schools": [{"id": "a", "schools": [1]}, 2, [3]], "other": {"schools": [{"id": "b"}]}})";
    const json plain = parse_json(text, "data.json");
    const json packed_data = parse_json(text, "data.json", {"schools"});
    EXPECT_TRUE(packed_data["schools"][0].is_binary());
    EXPECT_TRUE(packed_data["schools"][1].is_number()) << "only objects and lists are packed";
    EXPECT_TRUE(packed_data["schools"][2].is_binary());
    EXPECT_TRUE(packed_data["other"]["schools"][0].is_object()) << "only the top level's lists";
    EXPECT_EQ(packed::expanded(packed_data), plain);
    // Problems inside a packed element are told at their place, as without packing.
    const std::string twice = "{\"schools\": [{\"id\": \"a\"},\n {\"id\": \"b\", \"id\": \"c\"}]}";
    try {
        parse_json(twice, "data.json", {"schools"});
        FAIL() << "a key given twice";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("data.json:2:"), std::string::npos) << error.what();
        EXPECT_NE(std::string(error.what()).find("schools[1].id"), std::string::npos) << error.what();
    }
}

// Every problem's place, record and message, in order of place.
std::vector<std::string> told(std::vector<Problem> problems) {
    std::vector<std::string> lines;
    for (const Problem& problem : problems)
        lines.push_back(problem.where.json_path + " | " + problem.where.record + " | " + problem.message);
    std::sort(lines.begin(), lines.end());
    return lines;
}

TEST(Packed, PackedSchoolsAreCheckedAsPlainOnes) {
    const std::string text = read_file(kSource + "/examples/smolensk-2022/data.json", "data");
    json plain = parse_json(text, "data.json");
    // Problems in the first school, in later ones, and outside the schools.
    plain["schools"][0]["assessments"][1]["grade"] = 3;
    plain["schools"][5].erase("pupils");
    plain["schools"][5]["colour"] = "синий";
    plain["schools"][200]["assessments"][0]["low"] = "много";
    plain["municipalities"][2].erase("kind");
    plain["year"] = "2022";
    json packed_data = parse_json(plain.dump(), "data.json", {"schools"});
    ASSERT_TRUE(packed_data["schools"][5].is_binary());
    const std::vector<std::string> expected = told(domain::schema_problems(plain));
    ASSERT_GE(expected.size(), 6u);
    EXPECT_EQ(told(domain::schema_problems(packed_data)), expected);
    EXPECT_NE(expected[0].find("\""), std::string::npos) << "records are named: " << expected[0];
    // Checked on several threads, each a part of the schools: the same problems in the same order.
    const auto in_order = [](const std::vector<Problem>& problems) {
        std::vector<std::string> lines;
        for (const Problem& problem : problems) lines.push_back(problem.where.json_path + " | " + problem.message);
        return lines;
    };
    EXPECT_EQ(in_order(domain::schema_problems(packed_data, 3)), in_order(domain::schema_problems(packed_data, 1)));
}

TEST(Packed, PackedSchoolsAreAnalysedAsPlainOnes) {
    const std::string text = read_file(kSource + "/examples/smolensk-2022/data.json", "data");
    const domain::Rules& rules = domain::Rules::defaults();
    const json plain = domain::analysis_json(domain::analyse(parse_json(text, "data.json"), rules, "data.json"), rules);
    const json from_packed =
        domain::analysis_json(domain::analyse(parse_json(text, "data.json", {"schools"}), rules, "data.json"), rules);
    EXPECT_EQ(from_packed, plain);
    // Made on several threads, each a part of the schools: the same data.
    const json on_threads = domain::analysis_json(
        domain::analyse(parse_json(text, "data.json", {"schools"}), rules, "data.json", 3), rules,
        domain::Packing::Packed, 3);
    EXPECT_EQ(on_threads, plain);
    // And the cross-record checks name the same places.
    json wrong = parse_json(text, "data.json");
    wrong["schools"][7]["id"] = wrong["schools"][3]["id"];
    wrong["schools"][9]["assessments"][0]["low"] = 100000;
    const auto problems = [&](const json& input) {
        try {
            domain::analyse(input, rules, "data.json");
        } catch (const InputError& error) {
            return told(error.problems());
        }
        return std::vector<std::string>{};
    };
    const std::vector<std::string> expected = problems(wrong);
    ASSERT_GE(expected.size(), 2u);
    EXPECT_EQ(problems(parse_json(wrong.dump(), "data.json", {"schools"})), expected);
}

}  // namespace
}  // namespace docgen
