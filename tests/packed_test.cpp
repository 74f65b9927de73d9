// Packed parts of the data (common/packed_json.h): what they stand for
// comes back exactly, expressions and filters read them as plain JSON, and
// every document of the example cycle is the same from packed data as from
// plain.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/files.h"
#include "common/packed_json.h"
#include "domain/analysis.h"
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
    for (const json& value : values) {
        const json packed = packed::pack(value);
        ASSERT_TRUE(packed.is_binary());
        EXPECT_EQ(packed::unpack(packed), value) << value.dump();
        EXPECT_EQ(packed::unpack(packed).dump(), value.dump());
        EXPECT_EQ(packed::expanded(json{{"a", {packed}}}), (json{{"a", {value}}}));
    }
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
    const Template municipal = Template::load(kSource + "/templates/municipal-reference.xml");
    for (size_t m = 0; m < plain["municipalities"].size(); m += 5) {
        const std::string path = "municipalities[" + std::to_string(m) + "]";
        EXPECT_EQ(text(municipal, packed_data, {{"municipality", &packed_data["municipalities"][m], path}}),
                  text(municipal, plain, {{"municipality", &plain["municipalities"][m], path}}))
            << path;
    }
    const Template school = Template::load(kSource + "/templates/school-reference.xml");
    for (size_t s = 0; s < plain["schools"].size(); s += 7) {
        const std::string path = "schools[" + std::to_string(s) + "]";
        EXPECT_EQ(text(school, packed_data, {{"school", &packed_data["schools"][s], path}}),
                  text(school, plain, {{"school", &plain["schools"][s], path}}))
            << path;
    }
}

}  // namespace
}  // namespace docgen
