// The methodology: markers, clusters, indicators and their scores, and the
// checks of the input, on small hand-computed cases.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/embedded.h"
#include "common/error.h"
#include "common/files.h"
#include "domain/analysis.h"

namespace docgen::domain {
namespace {

using nlohmann::json;

json assessment(int participants, int low, bool objective = true, const std::string& subject = "математика",
                int grade = 5, const std::string& procedure = "ВПР") {
    return {{"procedure", procedure}, {"subject", subject},     {"grade", grade},
            {"participants", participants}, {"low", low}, {"objective", objective}};
}

// A school with `markers` low results (and as many good ones), in a municipality.
json school(const std::string& id, const std::string& municipality, int markers, double isbs = 0.2,
            const std::string& kind = "СОШ") {
    json assessments = json::array();
    const char* subjects[] = {"математика", "русский язык"};
    for (int i = 0; i < 12; ++i)
        assessments.push_back(assessment(20, i < markers ? 8 : 1, true, subjects[i % 2], 4 + (i / 2) % 5));
    return {{"id", id},
            {"name", "Школа " + id},
            {"municipality", municipality},
            {"locality", municipality == "a" ? "городская" : "сельская"},
            {"kind", kind},
            {"pupils", 100},
            {"isbs", {{"value", isbs}}},
            {"assessments", assessments}};
}

json region(json schools) {
    return {{"region", {{"name", "Область"}, {"genitive", "области"}}},
            {"year", 2022},
            {"municipalities",
             {{{"id", "a"}, {"name", "город А"}, {"kind", "городской округ"}},
              {{"id", "b"}, {"name", "Б-ский район"}, {"kind", "муниципальный район"}}}},
            {"schools", std::move(schools)}};
}

std::string cluster_of(const json& one_school) {
    const json input = region({one_school});
    const Analysis analysis = analyse(input, Rules::defaults(), "test.json");
    return analysis.schools.at(0).classification.cluster;
}

const IndicatorValue& indicator(const IndicatorReport& report, const std::string& id) {
    for (const IndicatorValue& value : report.indicators)
        if (value.info->id == id) return value;
    throw std::runtime_error("no indicator " + id);
}

TEST(Classification, ALowResultIsThirtyPercentOrMore) {
    const Rules& rules = Rules::defaults();
    Assessment a{"ВПР", "математика", 5, 10, 3, true};
    EXPECT_TRUE(is_low_result(a, rules));  // exactly 30 %
    a.low = 2;
    EXPECT_FALSE(is_low_result(a, rules));
    a = {"ОГЭ", "математика", 9, 7, 2, true};  // 28,6 %
    EXPECT_FALSE(is_low_result(a, rules));
    a.objective = false;
    EXPECT_TRUE(is_marker(a, rules));  // an unobjective result is a marker too
    EXPECT_FALSE(is_low_result(a, rules));
}

TEST(Classification, MarkersGiveTheCluster) {
    EXPECT_EQ(cluster_of(school("1", "a", 6)), "ШНРО");
    EXPECT_EQ(cluster_of(school("1", "a", 5)), "ШсРНР");
    EXPECT_EQ(cluster_of(school("1", "a", 1)), "ШсРНР");
    EXPECT_EQ(cluster_of(school("1", "a", 0)), "ШБУ");
    EXPECT_EQ(cluster_of(school("1", "a", 0, 0.2, "гимназия")), "ШПУ");
    EXPECT_EQ(cluster_of(school("1", "a", 7, 0.2, "гимназия")), "ШНРО");
}

TEST(Classification, TheLowerQuartileOfIsbs) {
    EXPECT_EQ(cluster_of(school("1", "b", 0, -0.51)), "ШФНСУ");
    EXPECT_EQ(cluster_of(school("1", "b", 0, -0.5)), "ШБУ");  // on the quartile: not below it
    EXPECT_EQ(cluster_of(school("1", "b", 2, -0.9)), "ШсРНР");  // markers come first
    EXPECT_EQ(Rules::defaults().isbs_level(-0.5), "ниже среднего");
    EXPECT_EQ(Rules::defaults().isbs_level(-0.51), "низкий");
    EXPECT_EQ(Rules::defaults().isbs_level(0.5), "высокий");
}

TEST(Classification, RulesAreData) {
    json rules = json::parse(R"({"low_result_share": 30, "isbs": {"lower_quartile": -0.5, "levels": [{"name": "любой"}]},
      "clusters": [{"code": "ШНРО", "name": "н"}, {"code": "ШБУ", "name": "б"}],
      "classification": [{"cluster": "ШНРО", "markers_min": 7}, {"cluster": "ШБУ"}],
      "subject_dynamics": {"subjects": [], "procedures": {}}, "tasks": [], "indicators": []})");
    const Rules strict = Rules::parse(rules, "strict.json");  // "свыше 6": 7 markers or more
    const json input = region({school("1", "a", 6), school("2", "a", 7)});
    const Analysis analysis = analyse(input, strict, "test.json");
    EXPECT_EQ(analysis.schools[0].classification.cluster, "ШБУ");
    EXPECT_EQ(analysis.schools[1].classification.cluster, "ШНРО");
}

TEST(Classification, AGivenClusterThatDisagreesIsReported) {
    json disagreeing = school("1", "a", 2);
    disagreeing["cluster"] = "ШБУ";
    const json input = region({disagreeing});
    const Analysis analysis = analyse(input, Rules::defaults(), "test.json");
    EXPECT_EQ(analysis.schools[0].classification.cluster, "ШсРНР");  // the methodology decides
    EXPECT_FALSE(analysis.schools[0].classification.agrees);
    ASSERT_EQ(analysis.notes.size(), 1u);
    EXPECT_EQ(analysis.notes[0],
              "schools[0] \"Школа 1\": the data gives the cluster ШБУ, the rules give ШсРНР (2 markers, ИСБШ выше среднего); "
              "the documents use ШсРНР");
}

// Region: a ШНРО, a ШсРНР and a ШБУ in "a"; a ШФНСУ and a ШсРНР in "b".
// Last year: two ШНРО (1 and 2) of five.
json hand_computed_region() {
    json s1 = school("1", "a", 6), s2 = school("2", "a", 3), s3 = school("3", "a", 0);
    json s4 = school("4", "b", 0, -0.8), s5 = school("5", "b", 1);
    s1["previous"] = {{"cluster", "ШНРО"}, {"earlier_clusters", {"ШНРО"}}};
    s2["previous"] = {{"cluster", "ШНРО"}, {"earlier_clusters", {"ШсРНР"}}};
    s3["previous"] = {{"cluster", "ШБУ"}};
    s4["previous"] = {{"cluster", "ШФНСУ"}};
    s5["previous"] = {{"cluster", "ШБУ"}};
    s1["support"] = {{"improvement_programme", true}, {"mentor_school", "3"}};
    s1["previous"]["support"] = {{"improvement_programme", false}, {"mentor_school", nullptr}};
    return region({s1, s2, s3, s4, s5});
}

TEST(Indicators, ASnizhenieIndicatorScoresWhenItsShareFalls) {
    const json input = hand_computed_region();
    const Analysis analysis = analyse(input, Rules::defaults(), "test.json");
    const IndicatorValue& shnro = indicator(analysis.region, "1.1.1");
    EXPECT_EQ(shnro.this_year.n, 1);
    EXPECT_EQ(shnro.this_year.s, 5);
    EXPECT_DOUBLE_EQ(shnro.this_year.value(), 20);
    EXPECT_DOUBLE_EQ(shnro.last_year.value(), 40);
    EXPECT_DOUBLE_EQ(*shnro.dynamics, -20);
    EXPECT_EQ(*shnro.score, 1);  // снижение: a fall is positive
    const IndicatorValue& risk = indicator(analysis.region, "1.1.2");
    EXPECT_DOUBLE_EQ(risk.this_year.value(), 40);  // 2 of 5
    EXPECT_DOUBLE_EQ(risk.last_year.value(), 0);
    EXPECT_EQ(*risk.score, 0);  // it rose
}

TEST(Indicators, ARostIndicatorScoresWhenItsShareRises) {
    const json input = hand_computed_region();
    const Analysis analysis = analyse(input, Rules::defaults(), "test.json");
    const IndicatorValue& programme = indicator(analysis.region, "1.2.3");
    EXPECT_DOUBLE_EQ(programme.this_year.value(), 100);  // the one ШНРО has a programme
    EXPECT_FALSE(programme.last_year.computable());      // school 2, ШНРО last year, has no facts
    EXPECT_FALSE(programme.score);
    EXPECT_EQ(programme.last_year.not_computable, "нет данных о программе повышения образовательных результатов для 1 школы");
    const IndicatorValue& repeated = indicator(analysis.region, "1.2.2");
    EXPECT_DOUBLE_EQ(repeated.this_year.value(), 100);  // ШНРО this year and last
    EXPECT_DOUBLE_EQ(repeated.last_year.value(), 50);   // of last year's two, one was ШНРО before
    EXPECT_EQ(*repeated.score, 0);                      // снижение, but it rose
}

TEST(Indicators, AMunicipalityWithoutShnroIsNotComputableNotZero) {
    const json input = hand_computed_region();
    const Analysis analysis = analyse(input, Rules::defaults(), "test.json");
    const IndicatorReport& b = analysis.municipalities[1];
    EXPECT_DOUBLE_EQ(indicator(b, "1.1.1").this_year.value(), 0);  // a share of zero is a value
    const IndicatorValue& mentors = indicator(b, "1.2.4");
    EXPECT_FALSE(mentors.this_year.computable());
    EXPECT_EQ(mentors.this_year.not_computable, "нет ШНРО (S = 0)");
    EXPECT_FALSE(mentors.score);
}

TEST(Indicators, GroupResultsAverageTheScoredIndicators) {
    const json input = hand_computed_region();
    const Analysis analysis = analyse(input, Rules::defaults(), "test.json");
    const TaskValue& task = analysis.region.tasks[0];  // 1.1: 1.1.1 (1), 1.1.2 (0), 1.1.3 (ШФНСУ 1 of 5 vs 1 of 5: 0)
    EXPECT_EQ(task.info->id, "1.1");
    EXPECT_EQ(task.indicators, 3);
    EXPECT_EQ(task.scored, 3);
    EXPECT_NEAR(*task.result, 1.0 / 3, 1e-12);
    const TaskValue& support = analysis.region.tasks[5];  // 3.2: no practices facts at all
    EXPECT_EQ(support.scored, 0);
    EXPECT_FALSE(support.result);
}

TEST(Indicators, SubjectDynamicsCompareLowSharesOfTheSameResults) {
    json s1 = school("1", "a", 6);
    s1["previous"] = {{"cluster", "ШНРО"}, {"assessments", {assessment(20, 10), assessment(20, 12, true, "русский язык")}}};
    const json input = region({s1});
    const Analysis analysis = analyse(input, Rules::defaults(), "test.json");
    // This year: математика 5 класс 8 of 20 (40 %), русский язык 5 класс 1 of 20 (5 %): mean 22,5 % < 55 %.
    EXPECT_EQ(subject_results_improved(*analysis.schools[0].school, Rules::defaults()), std::optional<bool>(true));
    const IndicatorValue& dynamics = indicator(analysis.region, "1.2.5");
    EXPECT_DOUBLE_EQ(dynamics.this_year.value(), 100);
    EXPECT_EQ(dynamics.last_year.not_computable, "нужны результаты позапрошлого года");
}

// Each reason is Russian as it is written: «об» before a vowel, the genitive after «нет».
TEST(Indicators, NotComputableReasonsReadAsRussian) {
    json s1 = school("1", "a", 6), s2 = school("2", "a", 2);  // a ШНРО and a ШсРНР
    const json no_deficit = {{"found", false}, {"removed", false}};
    s1["support"] = {{"practices", {{"presented", 0}, {"in_bank", 0}}},
                     {"pupils", {{"low_achieving", 0}, {"failing", 0}, {"individual_route", 0}}},
                     {"deficits", {{"material", no_deficit}, {"staff", no_deficit}}}};
    s2["support"] = {{"practices", {{"presented", 0}, {"in_bank", 0}}},
                     {"pupils", {{"low_achieving", 0}, {"failing", 0}, {"individual_route", 0}}},
                     {"deficits", {{"material", no_deficit}, {"staff", no_deficit}}}};
    const Analysis analysis = analyse(region({s1, s2}), Rules::defaults(), "test.json");
    const auto reason = [&](const std::string& id) { return indicator(analysis.region, id).this_year.not_computable; };
    EXPECT_EQ(reason("3.2.2"), "нет представленных практик (S = 0)");
    EXPECT_EQ(reason("3.1.2"), "нет слабоуспевающих и неуспевающих (S = 0)");
    EXPECT_EQ(reason("3.1.3"), "нет данных о неуспевающих для 2 школ");
    EXPECT_EQ(reason("2.2.4"), "нет данных об информационно-коммуникационных дефицитах для 2 школ");
    EXPECT_EQ(reason("2.2.7"), "нет данных об информационно-коммуникационных дефицитах для 2 школ");
    EXPECT_EQ(reason("2.2.5"), "нет школ с материально-техническими дефицитами (S = 0)");
    EXPECT_EQ(reason("2.1.2"), "нет данных об антирисковой программе для 1 школы");
    EXPECT_EQ(reason("1.2.4"), "нет данных о школе-наставнике для 1 школы");
    EXPECT_EQ(reason("3.1.1"), "нет данных о системе профилактики учебной неуспешности для 2 школ");
}

std::string problems_of(const json& input) {
    try {
        analyse(input, Rules::defaults(), "data.json");
    } catch (const InputError& error) {
        return error.what();
    }
    return "no error";
}

TEST(InputChecks, SchemaErrorsNameThePathAndTheSchoolAllAtOnce) {
    json bad = school("5", "a", 0);
    bad["name"] = "МБОУ СОШ № 5";
    bad["assessments"][2]["grade"] = 12;
    bad["kind"] = "колледж";
    bad.erase("pupils");
    bad["extra"] = 1;
    json input = region({school("1", "a", 0), bad});
    input["year"] = "2022";
    const std::string message = problems_of(input);
    EXPECT_NE(message.find("data.json: the data does not follow schemas/cluster-results.schema.json (5 problems):"),
              std::string::npos)
        << message;
    for (const char* expected : {"\n  year must be a whole number",
                                 "\n  schools[1] \"МБОУ СОШ № 5\": assessments[2].grade must be 4..11",
                                 "\n  schools[1] \"МБОУ СОШ № 5\": kind must be one of: НОШ, ООШ, СОШ, СОШ с УИОП, гимназия, лицей",
                                 "\n  schools[1] \"МБОУ СОШ № 5\": pupils is missing",
                                 "\n  schools[1] \"МБОУ СОШ № 5\": unknown key 'extra'"})
        EXPECT_NE(message.find(expected), std::string::npos) << expected << "\nin:\n" << message;
}

TEST(InputChecks, EveryUnknownKeyOfAnObjectIsReported) {
    json bad = school("2", "a", 0);
    bad["extra"] = 1;
    bad["extra2"] = 2;
    bad["support"] = {{"prevention_system", true}, {"typo", 1}, {"typo2", 2}};
    json input = region({school("1", "a", 0), bad});
    input["extra"] = 1;
    input["extra2"] = 2;
    const std::string message = problems_of(input);
    EXPECT_NE(message.find("(6 problems):"), std::string::npos) << message;
    for (const char* expected : {"\n  the data: unknown key 'extra'", "\n  the data: unknown key 'extra2'",
                                 "\n  schools[1] \"Школа 2\": unknown key 'extra'",
                                 "\n  schools[1] \"Школа 2\": unknown key 'extra2'",
                                 "\n  schools[1] \"Школа 2\": support: unknown key 'typo'",
                                 "\n  schools[1] \"Школа 2\": support: unknown key 'typo2'"})
        EXPECT_NE(message.find(expected), std::string::npos) << expected << "\nin:\n" << message;
}

TEST(InputChecks, CrossRecordChecks) {
    json a = school("1", "a", 0), b = school("1", "nowhere", 0);
    a["assessments"][0]["low"] = 25;  // of 20 participants
    a["assessments"][1] = assessment(20, 1, true, "математика", 9, "ВПР");
    a["support"] = {{"mentor_school", "99"}};
    const std::string message = problems_of(region({a, b}));
    for (const char* expected : {"schools[1] \"Школа 1\": id \"1\" is used twice",
                                 "schools[1] \"Школа 1\": municipality \"nowhere\" is not among the municipalities",
                                 "schools[0] \"Школа 1\": assessments[0].low (25) exceeds the participants (20)",
                                 "schools[0] \"Школа 1\": assessments[1].grade must be 4..8 for ВПР",
                                 "schools[0] \"Школа 1\": support.mentor_school \"99\" is not a school of the data"})
        EXPECT_NE(message.find(expected), std::string::npos) << expected << "\nin:\n" << message;
}

std::string rules_problems_of(const json& rules) {
    try {
        Rules::parse(rules, "rules.json");
    } catch (const InputError& error) {
        return error.what();
    }
    return "no error";
}

TEST(RulesChecks, EveryProblemNamesTheFileTheKeyAndWhatIsExpected) {
    json rules = json::parse(embedded_default_rules());
    rules["classification"][0]["markers_min"] = "6";
    rules["classification"][1]["marker_max"] = 5;
    rules["isbs"].erase("lower_quartile");
    rules["indicators"][0]["direction"] = "падение";
    const std::string message = rules_problems_of(rules);
    EXPECT_EQ(message.rfind("rules.json: the rules do not follow schemas/rules.schema.json (4 problems):", 0), 0u)
        << message;
    for (const char* expected : {"\n  classification[0].markers_min must be a whole number",
                                 "\n  classification[1]: unknown key 'marker_max'",
                                 "\n  isbs.lower_quartile is missing",
                                 "\n  indicators[0].direction must be one of: снижение, рост"})
        EXPECT_NE(message.find(expected), std::string::npos) << expected << "\nin:\n" << message;
}

TEST(RulesChecks, ReferencesBetweenThePartsAreChecked) {
    json rules = json::parse(embedded_default_rules());
    rules["classification"][0]["cluster"] = "ШХ";
    rules["classification"][1]["markers_min"] = 6;  // markers_max is 5
    rules["indicators"][0]["id"] = "9.9.1";
    const std::string message = rules_problems_of(rules);
    EXPECT_EQ(message.rfind("rules.json: the rules have problems (3 problems):", 0), 0u) << message;
    for (const char* expected : {"\n  classification[0].cluster \"ШХ\" is not among the clusters",
                                 "\n  classification[1]: markers_min is greater than markers_max",
                                 "\n  indicators[0].id \"9.9.1\": its task \"9.9\" is not among the tasks"})
        EXPECT_NE(message.find(expected), std::string::npos) << expected << "\nin:\n" << message;
}

}  // namespace
}  // namespace docgen::domain
