// The methodology: markers, clusters, indicators and their scores, each
// reading of the Concept, and the checks of the input, on small
// hand-computed cases.
#include <gtest/gtest.h>

#include <memory>

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

std::vector<std::string> clusters_of(const json& input, const Rules& rules = Rules::defaults()) {
    const Analysis analysis = analyse(input, rules, "test.json");
    std::vector<std::string> clusters;
    for (const ClassifiedSchool& school : analysis.schools) clusters.push_back(school.classification.cluster);
    return clusters;
}

std::string cluster_of(const json& one_school) { return clusters_of(region(json::array({one_school}))).at(0); }

const IndicatorValue& indicator(const IndicatorReport& report, const std::string& id) {
    for (const IndicatorValue& value : report.indicators)
        if (value.info->id == id) return value;
    throw std::runtime_error("no indicator " + id);
}

Assessment result(const std::string& procedure, const std::string& subject, int grade, int participants, int low,
                  bool objective = true) {
    return {procedure, subject, grade, participants, low, std::nullopt, objective};
}

TEST(Classification, ALowResultIsThirtyPercentOrMore) {
    const Rules& rules = Rules::defaults();
    EXPECT_TRUE(is_low_result(result("ВПР", "математика", 5, 10, 3), rules));  // exactly 30 %
    EXPECT_FALSE(is_low_result(result("ВПР", "математика", 5, 10, 2), rules));
    EXPECT_FALSE(is_low_result(result("ОГЭ", "математика", 9, 7, 2), rules));  // 28,6 %
}

// «ЕГЭ по математике (профильной); физике, химии, … информатике», and «наличие
// необъективных результатов по ВПР»: nothing else is a marker.
TEST(Classification, OnlyTheResultsTheConceptListsAreMarkers) {
    const Rules& rules = Rules::defaults();
    EXPECT_TRUE(is_marker(result("ЕГЭ", "физика", 11, 10, 4), rules));
    EXPECT_TRUE(is_marker(result("ЕГЭ", "математика (профильная)", 11, 10, 4), rules));
    EXPECT_FALSE(is_marker(result("ЕГЭ", "русский язык", 11, 10, 4), rules));  // low, but not analysed
    EXPECT_FALSE(is_marker(result("ЕГЭ", "математика (базовая)", 11, 10, 4), rules));
    EXPECT_TRUE(is_marker(result("ВПР", "русский язык", 7, 20, 1, false), rules));  // unobjective ВПР
    EXPECT_FALSE(is_marker(result("ОГЭ", "русский язык", 9, 20, 1, false), rules));  // unobjective ОГЭ: not counted
    EXPECT_FALSE(is_marker(result("ВПР", "история", 6, 10, 5), rules));               // a ВПР subject not listed
    EXPECT_EQ(count_markers({result("ВПР", "математика", 5, 10, 5, false)}, rules), 1);  // low and unobjective: once
}

TEST(Classification, MarkersGiveTheCluster) {
    EXPECT_EQ(cluster_of(school("1", "a", 6)), "ШНРО");
    EXPECT_EQ(cluster_of(school("1", "a", 5)), "ШсРНР");
    EXPECT_EQ(cluster_of(school("1", "a", 1)), "ШсРНР");
    EXPECT_EQ(cluster_of(school("1", "a", 0)), "ШБУ");
    EXPECT_EQ(cluster_of(school("1", "a", 7, 0.2, "гимназия")), "ШНРО");
}

// ШФНСУ are «имеющих низкий уровень ИСБШ и единично показывающие низкие
// результаты»; ШсРНР have «статус «базово неуспевающие» на федеральном уровне».
TEST(Classification, ALowIsbsSchoolWithSingleLowResultsIsShfnsuUnlessFederallyAtRisk) {
    EXPECT_EQ(cluster_of(school("1", "b", 0, -0.9)), "ШФНСУ");
    EXPECT_EQ(cluster_of(school("1", "b", 1, -0.9)), "ШФНСУ");
    EXPECT_EQ(cluster_of(school("1", "b", 5, -0.9)), "ШФНСУ");
    EXPECT_EQ(cluster_of(school("1", "b", 6, -0.9)), "ШНРО");
    json at_risk = school("1", "b", 2, -0.9);
    at_risk["federal_status"] = "базово неуспевающие";
    EXPECT_EQ(cluster_of(at_risk), "ШсРНР");
    EXPECT_EQ(cluster_of(school("1", "b", 2, 0.2)), "ШсРНР");  // without the status, not low ИСБШ
    EXPECT_EQ(cluster_of(school("1", "b", 0, -0.5)), "ШБУ");   // −0,5 is «ниже среднего»
    EXPECT_EQ(Rules::defaults().isbs_level(-0.5), "ниже среднего");
    EXPECT_EQ(Rules::defaults().isbs_level(-0.51), "низкий");
    EXPECT_EQ(Rules::defaults().isbs_level(0.5), "высокий");
}

// ШПУ: «стабильные и высокие результаты»: no markers this year and last, and
// a share of low results below the region's in both years.
TEST(Classification, AGymnasiumIsShpuOnlyWithStableHighResults) {
    json gymnasium = school("1", "a", 0, 0.6, "гимназия");
    for (json& a : gymnasium["assessments"]) a["low"] = 0;
    json weak = school("2", "a", 0);  // 1 of 20 everywhere: 5 %
    EXPECT_EQ(clusters_of(region({gymnasium, weak}))[0], "ШБУ");  // no results of last year: not shown stable
    gymnasium["history"] = {{{"year", 2021}, {"assessments", gymnasium["assessments"]}}};
    weak["history"] = {{{"year", 2021}, {"assessments", weak["assessments"]}}};
    EXPECT_EQ(clusters_of(region({gymnasium, weak}))[0], "ШПУ");
    json average = gymnasium;  // as many low results as the region: not high
    for (json& a : average["assessments"]) a["low"] = 1;
    EXPECT_EQ(clusters_of(region({average, weak}))[0], "ШБУ");
    json unstable = gymnasium;  // a marker last year
    unstable["history"][0]["assessments"][0]["low"] = 10;
    EXPECT_EQ(clusters_of(region({unstable, weak}))[0], "ШБУ");
}

// The lower quartile of ИСБШ is the region's own: the quarter of schools with
// the lowest values (the nearest rank), or a fixed bound when the rules give one.
TEST(Classification, TheLowerQuartileIsTheRegionsOwn) {
    json schools = json::array();
    for (int i = 0; i < 8; ++i) schools.push_back(school(std::to_string(i), "a", 0, -0.1 * i));
    const Analysis analysis = analyse(region(schools), Rules::defaults(), "test.json");
    int in_quartile = 0;
    for (const ClassifiedSchool& s : analysis.schools) in_quartile += s.classification.isbs_lower_quartile;
    EXPECT_EQ(in_quartile, 2);  // −0,7 and −0,6
    EXPECT_TRUE(analysis.schools[7].classification.isbs_lower_quartile);
    EXPECT_FALSE(analysis.schools[5].classification.isbs_lower_quartile);
    json rules = json::parse(embedded_default_rules());
    rules["isbs"]["lower_quartile"] = -0.5;
    const Analysis fixed = analyse(region(schools), Rules::parse(rules, "fixed.json"), "test.json");
    in_quartile = 0;
    for (const ClassifiedSchool& s : fixed.schools) in_quartile += s.classification.isbs_lower_quartile;
    EXPECT_EQ(in_quartile, 2);  // −0,6 and −0,7 are below −0,5; −0,5 is not
}

TEST(Classification, RulesAreData) {
    json rules = json::parse(embedded_default_rules());
    rules["classification"] = json::parse(R"([{"cluster": "ШНРО", "when": "markers > 6"}, {"cluster": "ШБУ", "when": "true"}])");
    const Rules strict = Rules::parse(rules, "strict.json");  // "свыше 6": 7 markers or more
    EXPECT_EQ(clusters_of(region({school("1", "a", 6), school("2", "a", 7)}), strict),
              (std::vector<std::string>{"ШБУ", "ШНРО"}));
}

TEST(Classification, AGivenClusterThatDisagreesIsReported) {
    json disagreeing = school("1", "a", 2);
    disagreeing["cluster"] = "ШБУ";
    const Analysis analysis = analyse(region(json::array({disagreeing})), Rules::defaults(), "test.json");
    EXPECT_EQ(analysis.schools[0].classification.cluster, "ШсРНР");  // the methodology decides
    EXPECT_FALSE(analysis.schools[0].classification.agrees);
    ASSERT_FALSE(analysis.notes.empty());
    EXPECT_EQ(analysis.notes[0],
              "schools[0] \"Школа 1\": the data gives the cluster ШБУ, the rules give ШсРНР (2 markers, ИСБШ выше среднего); "
              "the documents use ШсРНР");
}

// Region: a ШНРО, a ШсРНР and a ШБУ in "a"; a ШФНСУ and a ШсРНР in "b".
// Last year: two ШНРО (1 and 2) of five.
json hand_computed_region() {
    json s1 = school("1", "a", 6), s2 = school("2", "a", 3), s3 = school("3", "a", 0);
    json s4 = school("4", "b", 0, -0.8), s5 = school("5", "b", 1);
    s1["history"] = {{{"year", 2021}, {"cluster", "ШНРО"}}, {{"year", 2020}, {"cluster", "ШНРО"}}};
    s2["history"] = {{{"year", 2021}, {"cluster", "ШНРО"}}, {{"year", 2020}, {"cluster", "ШсРНР"}}};
    s3["history"] = {{{"year", 2021}, {"cluster", "ШБУ"}}, {{"year", 2020}, {"cluster", "ШБУ"}}};
    s4["history"] = {{{"year", 2021}, {"cluster", "ШФНСУ"}}};
    s5["history"] = {{{"year", 2021}, {"cluster", "ШБУ"}}};
    s1["support"] = {{"improvement_programme", true}, {"mentor_school", "3"}};
    s1["history"][0]["support"] = {{"improvement_programme", false}, {"mentor_school", nullptr}};
    return region({s1, s2, s3, s4, s5});
}

TEST(Indicators, ASnizhenieIndicatorScoresWhenItsShareFalls) {
    const Analysis analysis = analyse(hand_computed_region(), Rules::defaults(), "test.json");
    const IndicatorValue& shnro = indicator(analysis.region, "1.1.1");
    EXPECT_EQ(shnro.this_year.n, 1);
    EXPECT_EQ(shnro.this_year.s, 5);
    EXPECT_DOUBLE_EQ(shnro.last_year.value(), 40);
    EXPECT_DOUBLE_EQ(*shnro.dynamics, -20);
    EXPECT_EQ(*shnro.score, 1);  // снижение: a fall is positive
    const IndicatorValue& risk = indicator(analysis.region, "1.1.2");
    EXPECT_DOUBLE_EQ(risk.this_year.value(), 40);  // 2 of 5
    EXPECT_DOUBLE_EQ(risk.last_year.value(), 0);
    EXPECT_EQ(*risk.score, 0);  // it rose
}

TEST(Indicators, ARostIndicatorScoresWhenItsShareRises) {
    const Analysis analysis = analyse(hand_computed_region(), Rules::defaults(), "test.json");
    const IndicatorValue& programme = indicator(analysis.region, "1.2.3");
    EXPECT_DOUBLE_EQ(programme.this_year.value(), 100);  // the one ШНРО has a programme
    EXPECT_FALSE(programme.last_year.computable());      // school 2, ШНРО last year, has no facts
    EXPECT_FALSE(programme.score);
    EXPECT_EQ(programme.last_year.not_computable, "нет данных о программе повышения образовательных результатов для 1 школы");
    // The notes say which fact the formula could not read, and where.
    const std::string note = "indicator 1.2.3, 2021: 1 school lacks what its formula reads, first schools[1] \"Школа 2\": "
                             "the data has no 'support'";
    EXPECT_NE(std::find(analysis.notes.begin(), analysis.notes.end(), note), analysis.notes.end()) << note;
}

// «повторно и более нескольких раз»: a ШНРО of any earlier year counts; S is every school.
TEST(Indicators, RepeatedShnroCountsAnyEarlierYear) {
    json input = hand_computed_region();
    input["schools"][0]["history"] = {{{"year", 2021}, {"cluster", "ШФНСУ"}}, {{"year", 2019}, {"cluster", "ШНРО"}}};
    const Analysis analysis = analyse(input, Rules::defaults(), "test.json");
    const IndicatorValue& repeated = indicator(analysis.region, "1.2.2");
    EXPECT_EQ(repeated.this_year.n, 1);  // school 1, ШНРО in 2019
    EXPECT_EQ(repeated.this_year.s, 5);
    EXPECT_EQ(repeated.last_year.n, 0);  // school 2 was ШНРО in 2021 only
}

TEST(Indicators, NoChangeIsPrintedAsSuchAndScoredAsTheRulesSay) {
    const Analysis analysis = analyse(hand_computed_region(), Rules::defaults(), "test.json");
    const IndicatorValue& shfnsu = indicator(analysis.region, "1.1.3");  // 1 of 5 both years
    EXPECT_DOUBLE_EQ(*shfnsu.dynamics, 0);
    EXPECT_EQ(*shfnsu.score, 0);
    const json printed = indicators_json(analysis, Rules::defaults());
    EXPECT_EQ(printed["region"]["indicators"][2]["trend"], "без изменений");
    json rules = json::parse(embedded_default_rules());
    rules["scoring"]["no_change"] = 1;
    const Rules lenient = Rules::parse(rules, "lenient.json");
    EXPECT_EQ(*indicator(analyse(hand_computed_region(), lenient, "test.json").region, "1.1.3").score, 1);
}

TEST(Indicators, AMunicipalityWithoutShnroIsNotComputableNotZero) {
    const Analysis analysis = analyse(hand_computed_region(), Rules::defaults(), "test.json");
    const IndicatorReport& b = analysis.municipalities[1];
    EXPECT_DOUBLE_EQ(indicator(b, "1.1.1").this_year.value(), 0);  // a share of zero is a value
    const IndicatorValue& mentors = indicator(b, "1.2.4");
    EXPECT_FALSE(mentors.this_year.computable());
    EXPECT_EQ(mentors.this_year.not_computable, "нет ШНРО (S = 0)");
    EXPECT_FALSE(mentors.score);
}

// Пg = Σ Пp / n, «n – количество показателей в группе»: an indicator not
// scored adds nothing and still counts in n.
TEST(Indicators, GroupResultsDivideByEveryIndicatorOfTheTask) {
    const Analysis analysis = analyse(hand_computed_region(), Rules::defaults(), "test.json");
    const TaskValue& task = analysis.region.tasks[0];  // 1.1: 1.1.1 (1), 1.1.2 (0), 1.1.3 (no change: 0)
    EXPECT_EQ(task.info->id, "1.1");
    EXPECT_EQ(task.indicators, 3);
    EXPECT_EQ(task.scored, 3);
    EXPECT_NEAR(*task.result, 1.0 / 3, 1e-12);
    const TaskValue& shnro = analysis.region.tasks[1];  // 1.2: only 1.2.1 (1) and 1.2.2 (0) scored, of 5
    EXPECT_EQ(shnro.indicators, 5);
    EXPECT_EQ(shnro.scored, 2);
    EXPECT_NEAR(*shnro.result, 1.0 / 5, 1e-12);
    const TaskValue& practices = analysis.region.tasks[5];  // 3.2: no practices facts at all
    EXPECT_EQ(practices.scored, 0);
    EXPECT_FALSE(practices.result);
}

// 1.2.4: «закреплены школы-наставники (устойчиво демонстрирующие высокое
// качество образования)»: the mentor is ШПУ or ШБУ this year and last.
TEST(Indicators, AMentorCountsOnlyWithStableHighQuality) {
    json input = hand_computed_region();
    const auto mentors = [&] { return indicator(analyse(input, Rules::defaults(), "test.json").region, "1.2.4"); };
    EXPECT_EQ(mentors().this_year.n, 1);  // school 3: ШБУ in 2022 and 2021
    input["schools"][2]["history"][0]["cluster"] = "ШсРНР";
    EXPECT_EQ(mentors().this_year.n, 0);
    EXPECT_EQ(mentors().this_year.s, 1);
    input["schools"][2]["history"].erase(0);  // its 2021 cluster unknown
    EXPECT_EQ(mentors().this_year.not_computable, "нет данных о школе-наставнике и ее кластерах для 1 школы");
}

TEST(Indicators, AMentorOfALowerLevelIsReported) {
    json input = hand_computed_region();
    input["schools"][2]["kind"] = "ООШ";
    const Analysis analysis = analyse(input, Rules::defaults(), "test.json");
    ASSERT_FALSE(analysis.notes.empty());
    EXPECT_EQ(analysis.notes[0], "schools[0] \"Школа 1\": its mentor school 3 (ООШ) teaches a lower level than it (СОШ)");
    const json schools = analysis_json(analysis, Rules::defaults())["schools"];
    EXPECT_EQ(schools[0]["mentor"]["lower_level"], true);
    EXPECT_EQ(schools[2]["mentees"], json::array({0}));
}

// The batch drops the parsed input once it is analysed: the analysis keeps
// what it needs of it (here the support facts and the mentor they name).
TEST(Indicators, TheAnalysisOutlivesItsInput) {
    auto input = std::make_unique<json>(hand_computed_region());
    const Analysis analysis = analyse(*input, Rules::defaults(), "test.json");
    input.reset();
    const json schools = analysis_json(analysis, Rules::defaults())["schools"];
    EXPECT_EQ(schools[0]["support"]["improvement_programme"], true);
    EXPECT_EQ(schools[0]["support"]["mentor_school_name"], "Школа 3");
    EXPECT_EQ(schools[0]["previous_support"]["improvement_programme"], false);
    EXPECT_EQ(schools[0]["mentor"]["id"], "3");
}

// Each municipality's place by each cluster's share, the largest first; equal
// shares share a place, and the next place counts every municipality before it.
TEST(Indicators, MunicipalitiesArePlacedByClusterShares) {
    json input = hand_computed_region();
    input["municipalities"].push_back({{"id", "c"}, {"name", "В-ский район"}, {"kind", "муниципальный район"}});
    input["schools"].push_back(school("6", "c", 1));  // ШсРНР: 1 of 1
    const json municipalities = analysis_json(analyse(input, Rules::defaults(), "test.json"), Rules::defaults())["municipalities"];
    const auto places = [&](const std::string& code) {
        std::vector<json> result;
        for (const json& m : municipalities) result.push_back(m["places"][code]);
        return result;
    };
    EXPECT_EQ(places("ШсРНР"), (std::vector<json>{3, 2, 1}));  // 1 of 3, 1 of 2, 1 of 1
    EXPECT_EQ(places("ШНРО"), (std::vector<json>{1, 2, 2}));   // 1 of 3, none, none
    EXPECT_EQ(places("ШПУ"), (std::vector<json>{1, 1, 1}));    // none anywhere
    EXPECT_EQ(municipalities[0]["places"]["of"], 3);
}

// 1.2.5: per subject, weighted by participants, basic and advanced level:
// not a mean of per-result shares.
TEST(Indicators, SubjectDynamicsArePerSubjectAndWeightedByParticipants) {
    const Rules& rules = Rules::defaults();
    YearFacts before, now;
    // Mathematics: 4 of 10 and 10 of 100 low (basic level 96 of 110) → 1 of 10 and 20 of 100 (89 of 110);
    // Russian: 5 of 50 → 6 of 50.
    before.assessments = {result("ВПР", "математика", 5, 10, 4), result("ОГЭ", "математика", 9, 100, 10),
                          result("ВПР", "русский язык", 5, 50, 5)};
    now.assessments = {result("ВПР", "математика", 5, 10, 1), result("ОГЭ", "математика", 9, 100, 20),
                       result("ВПР", "русский язык", 5, 50, 6)};
    json dynamics = results_dynamics(now, before, rules);
    ASSERT_EQ(dynamics["subjects"].size(), 2u);
    EXPECT_EQ(dynamics["subjects"][0]["subject"], "математика");  // the groups in alphabetical order
    EXPECT_EQ(dynamics["subjects"][1]["subject"], "русский язык");
    EXPECT_EQ(dynamics["subjects"][1]["positive"], false);
    // Mathematics weighted: 96 → 89 of 110 fell, though the mean of the two low shares fell from 25 % to 15 %.
    EXPECT_EQ(dynamics["subjects"][0]["positive"], false);
    EXPECT_EQ(dynamics["positive"], false);
    (*now.assessments)[1].low = 5;  // 94/110: rose
    (*now.assessments)[2].low = 4;  // Russian rose too
    dynamics = results_dynamics(now, before, rules);
    EXPECT_EQ(dynamics["positive"], true);
    // The advanced level: it fell in mathematics, so the basic level's rise is not enough.
    for (Assessment& a : *before.assessments) a.high = 30 * a.participants / 100;
    for (Assessment& a : *now.assessments) a.high = 20 * a.participants / 100;
    (*now.assessments)[2].high = 20;  // Russian: 15 of 50 → 20 of 50
    dynamics = results_dynamics(now, before, rules);
    EXPECT_EQ(dynamics["subjects"][1]["positive"], true);
    EXPECT_EQ(dynamics["subjects"][0]["positive"], false);
    EXPECT_EQ(dynamics["positive"], false);
}

// With three years of results, 1.2.5 and 2.2.1 have last year's value too.
TEST(Indicators, ThreeYearsOfHistoryGiveLastYearsDynamicsToo) {
    json s1 = school("1", "a", 6), s2 = school("2", "b", 0, -0.9);
    const json older = {assessment(20, 10), assessment(20, 12, true, "русский язык")};
    const json last = {assessment(20, 9), assessment(20, 10, true, "русский язык")};
    s1["history"] = {{{"year", 2021}, {"cluster", "ШНРО"}, {"assessments", last}, {"isbs", {{"value", 0.1}}}, {"pupils", 90}},
                     {{"year", 2020}, {"cluster", "ШНРО"}, {"assessments", older}}};
    s2["history"] = {{{"year", 2021}, {"cluster", "ШФНСУ"}, {"isbs", {{"value", -0.8}}}, {"pupils", 110}}};
    const Analysis analysis = analyse(region({s1, s2}), Rules::defaults(), "test.json");
    const IndicatorValue& dynamics = indicator(analysis.region, "1.2.5");
    EXPECT_DOUBLE_EQ(dynamics.this_year.value(), 100);  // 2022 against 2021
    EXPECT_DOUBLE_EQ(dynamics.last_year.value(), 100);  // 2021 against 2020
    const IndicatorValue& quartile = indicator(analysis.region, "2.2.1");
    EXPECT_EQ(quartile.this_year.n, 100);  // school 2, the lowest of two
    EXPECT_EQ(quartile.last_year.n, 110);
    EXPECT_EQ(quartile.last_year.s, 200);
}

// Each reason is Russian as it is written: «об» before a vowel, the genitive after «нет».
TEST(Indicators, NotComputableReasonsReadAsRussian) {
    json s1 = school("1", "a", 6), s2 = school("2", "a", 2);  // a ШНРО and a ШсРНР
    const json no_deficit = {{"found", false}, {"removed", false}};
    for (json* s : {&s1, &s2})
        (*s)["support"] = {{"practices", {{"presented", 0}, {"in_bank", 0}}},
                           {"pupils", {{"low_achieving", 0}, {"failing", 0}, {"individual_route", 0}}},
                           {"deficits", {{"material", no_deficit}, {"staff", no_deficit}}}};
    const Analysis analysis = analyse(region({s1, s2}), Rules::defaults(), "test.json");
    const auto reason = [&](const std::string& id) { return indicator(analysis.region, id).this_year.not_computable; };
    EXPECT_EQ(reason("3.2.2"), "нет представленных практик (S = 0)");
    EXPECT_EQ(reason("3.1.2"), "нет слабоуспевающих и неуспевающих (S = 0)");
    EXPECT_EQ(reason("3.1.3"), "нет данных о неуспевающих для 2 школ");
    EXPECT_EQ(reason("2.2.4"), "нет данных об информационно-коммуникационных дефицитах для 2 школ");
    EXPECT_EQ(reason("2.2.5"), "нет школ с материально-техническими дефицитами (S = 0)");
    EXPECT_EQ(reason("2.1.2"), "нет данных об антирисковой программе для 1 школы");
    EXPECT_EQ(reason("1.2.4"), "нет данных о школе-наставнике и ее кластерах для 1 школы");
    EXPECT_EQ(reason("3.1.1"), "нет данных о системе профилактики учебной неуспешности для 2 школ");
}

// One more indicator in a rules file is computed with no code: here the
// share of ШФНСУ with a deficit of any kind still open.
TEST(Indicators, AnIndicatorOfTheRulesFileIsComputedByItsFormula) {
    json rules = json::parse(embedded_default_rules());
    rules["indicators"].push_back(json::parse(R"({"id": "2.2.9", "direction": "снижение",
      "name": "Доля обучающихся ШФНСУ от обучающихся региона", "schools": "true", "denominator": "pupils",
      "event": "cluster == 'ШФНСУ'", "missing": "о численности", "none": "обучающихся"})"));
    const Rules extended = Rules::parse(rules, "extended.json");
    json input = hand_computed_region();
    input["schools"][3]["pupils"] = 300;
    const Analysis analysis = analyse(input, extended, "test.json");
    const IndicatorValue& extra = indicator(analysis.region, "2.2.9");
    EXPECT_EQ(extra.this_year.n, 300);
    EXPECT_EQ(extra.this_year.s, 700);
    EXPECT_EQ(extra.last_year.not_computable, "нет данных о численности для 5 школ");  // no pupils of 2021
}

std::string problems_of(const json& input) {
    try {
        const Analysis analysis = analyse(input, Rules::defaults(), "data.json");
        analysis_json(analysis, Rules::defaults());
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
    a["assessments"][2]["high"] = 20;  // of 20, one of them low
    a["support"] = {{"mentor_school", "99"}};
    a["history"] = {{{"year", 2022}}, {{"year", 2020}}, {{"year", 2020}, {"cluster", "ШХ"}}};
    const std::string message = problems_of(region({a, b}));
    for (const char* expected : {"schools[1] \"Школа 1\": id \"1\" is used twice",
                                 "schools[1] \"Школа 1\": municipality \"nowhere\" is not among the municipalities",
                                 "schools[0] \"Школа 1\": assessments[0].low (25) exceeds the participants (20)",
                                 "schools[0] \"Школа 1\": assessments[1].grade must be 4..8 for ВПР",
                                 "schools[0] \"Школа 1\": assessments[2].high (20) exceeds the participants less low (19)",
                                 "schools[0] \"Школа 1\": support.mentor_school \"99\" is not a school of the data",
                                 "schools[0] \"Школа 1\": history[0].year (2022) must be before the data's year 2022",
                                 "schools[0] \"Школа 1\": history[2].year (2020) is given twice"})
        EXPECT_NE(message.find(expected), std::string::npos) << expected << "\nin:\n" << message;
}

TEST(InputChecks, AClusterOutsideTheRulesIsRefused) {
    json a = school("1", "a", 0);
    a["history"] = {{{"year", 2021}, {"cluster", "ШХ"}}};
    EXPECT_NE(problems_of(region(json::array({a}))).find("schools[0] \"Школа 1\": the cluster ШХ of 2021 is not among the rules' clusters"),
              std::string::npos);
}

TEST(InputChecks, ARecommendationsConditionMustParse) {
    json input = region(json::array({school("1", "a", 0)}));
    input["recommendations"] = {{"school", json::array({{{"id", "x"}, {"when", "school.markers >"}, {"text", "Текст."}}})}};
    EXPECT_NE(problems_of(input).find("recommendations.school[0].when \"school.markers >\": the expression ends too early"),
              std::string::npos)
        << problems_of(input);
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
    rules["classification"][0]["when"] = 6;
    rules["classification"][1]["whom"] = "markers > 1";
    rules["isbs"].erase("lower_quartile");
    rules["indicators"][0]["direction"] = "падение";
    const std::string message = rules_problems_of(rules);
    EXPECT_EQ(message.rfind("rules.json: the rules do not follow schemas/rules.schema.json (4 problems):", 0), 0u)
        << message;
    for (const char* expected : {"\n  classification[0].when must be text",
                                 "\n  classification[1]: unknown key 'whom'",
                                 "\n  isbs.lower_quartile is missing",
                                 "\n  indicators[0].direction must be one of: снижение, рост"})
        EXPECT_NE(message.find(expected), std::string::npos) << expected << "\nin:\n" << message;
}

TEST(RulesChecks, ReferencesAndFormulasAreChecked) {
    json rules = json::parse(embedded_default_rules());
    rules["classification"][0]["cluster"] = "ШХ";
    rules["classification"][1]["when"] = "markers >= ";
    rules["indicators"][0]["id"] = "9.9.1";
    rules["indicators"][1]["event"] = "cluster = 'ШсРНР'";
    const std::string message = rules_problems_of(rules);
    EXPECT_EQ(message.rfind("rules.json: the rules have problems (4 problems):", 0), 0u) << message;
    for (const char* expected : {"\n  classification[0].cluster \"ШХ\" is not among the clusters",
                                 "\n  classification[1].when \"markers >= \": the expression ends too early (column 12)",
                                 "\n  indicators[0].id \"9.9.1\": its task \"9.9\" is not among the tasks",
                                 "\n  indicators[1].event \"cluster = 'ШсРНР'\": unexpected character '=': compare with == (column 9)"})
        EXPECT_NE(message.find(expected), std::string::npos) << expected << "\nin:\n" << message;
}

}  // namespace
}  // namespace docgen::domain
