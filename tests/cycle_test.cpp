// The example region's whole monitoring cycle as text (`docgen batch` with
// TXT outputs: the report, 27 municipal and 342 school references): every
// recommendation printed follows from the facts of its school or
// municipality, and the Russian of every document reads as written by a person.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <tuple>
#include <unordered_set>

#include "common/files.h"
#include "domain/analysis.h"
#include "test_support.h"

namespace docgen {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSource = DOCGEN_SOURCE_DIR;
const std::string kExample = kSource + "/examples/smolensk-2022";

struct Document {
    std::string job;  // report, municipality, school
    size_t index = 0;
    std::string path;
    std::string text;
};

class Cycle : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new fs::path(fs::temp_directory_path() / ("docgen-cycle-" + std::to_string(::getpid())));
        fs::create_directories(*dir_);
        json batch = json::parse(read_file(kExample + "/batch.json", "batch"));
        batch["data"] = kExample + "/data.json";
        batch["formats"] = {"txt"};
        for (json& job : batch["jobs"]) job["template"] = kSource + "/templates/" + fs::path(job["template"].get<std::string>()).filename().string();
        const std::string batch_path = (*dir_ / "batch.json").string();
        std::ofstream(batch_path) << batch.dump();
        int status = -1;
        const std::string output = run_command(std::string(DOCGEN_BINARY) + " batch " + batch_path + " -j 2 --output " +
                                                   (*dir_ / "out").string() + " 2>&1",
                                               &status);
        ASSERT_EQ(status, 0) << output;
        documents_ = new std::vector<Document>;
        const json manifest = json::parse(read_file((*dir_ / "out" / "manifest.json").string(), "manifest"));
        for (const json& entry : manifest["outputs"]) {
            Document document;
            document.job = entry["job"];
            document.index = entry["element"].is_null() ? 0 : entry["element"]["index"].get<size_t>();
            document.path = entry["path"];
            document.text = read_file((*dir_ / "out" / document.path).string(), "txt");
            documents_->push_back(std::move(document));
        }
        const json input = json::parse(read_file(kExample + "/data.json", "data"));
        const domain::Rules& rules = domain::Rules::defaults();
        analysed_ = new json(domain::analysis_json(domain::analyse(input, rules, "data.json"), rules, domain::Packing::Plain));
        recommendations_ = new json(input["recommendations"]);
    }
    static void TearDownTestSuite() {
        fs::remove_all(*dir_);
        delete dir_;
        delete documents_;
        delete analysed_;
        delete recommendations_;
    }
    static fs::path* dir_;
    static std::vector<Document>* documents_;
    static json* analysed_;
    static json* recommendations_;
};

fs::path* Cycle::dir_ = nullptr;
std::vector<Document>* Cycle::documents_ = nullptr;
json* Cycle::analysed_ = nullptr;
json* Cycle::recommendations_ = nullptr;

TEST_F(Cycle, EveryDocumentOfTheCycleIsMade) {
    std::map<std::string, int> jobs;
    for (const Document& document : *documents_) ++jobs[document.job];
    EXPECT_EQ(jobs["report"], 1);
    EXPECT_EQ(jobs["municipality"], 27);
    EXPECT_EQ(jobs["school"], 342);
}

// The facts each recommendation rests on, written here a second time and
// independently of the data's conditions: a condition removed or loosened
// there prints a recommendation where the fact below is false.
using Fact = std::function<bool(const json& subject, const json& all)>;

const json& at(const json& object, std::initializer_list<const char*> path) {
    static const json null_value;
    const json* value = &object;
    for (const char* key : path) {
        if (!value->is_object() || !value->contains(key)) return null_value;
        value = &(*value)[key];
    }
    return *value;
}

bool in(const json& school, const char* cluster) { return school["cluster"]["code"] == cluster; }

// The schools of a municipality, or every school for null.
std::vector<const json*> schools_of(const json& all, const json& municipality) {
    std::vector<const json*> found;
    for (const json& school : all["schools"])
        if (municipality.is_null() || school["municipality"]["id"] == municipality["id"]) found.push_back(&school);
    return found;
}

bool any(const std::vector<const json*>& schools, const std::function<bool(const json&)>& fact) {
    return std::any_of(schools.begin(), schools.end(), [&](const json* school) { return fact(*school); });
}

bool open_deficit(const json& school, const char* kind) {
    return at(school, {"support", "deficits", kind, "found"}) == true &&
           at(school, {"support", "deficits", kind, "removed"}) == false;
}

int pupils(const json& school, const char* key) { return at(school, {"support", "pupils", key}).get<int>(); }

const std::map<std::string, Fact>& school_facts() {
    static const std::map<std::string, Fact> facts = {
        {"programme-develop", [](const json& s, const json&) { return in(s, "ШНРО") && at(s, {"support", "improvement_programme"}) == false; }},
        {"programme-review", [](const json& s, const json&) { return in(s, "ШНРО") && at(s, {"support", "improvement_programme"}) == true; }},
        {"diagnostics", [](const json& s, const json&) { return in(s, "ШНРО"); }},
        {"mentor-work", [](const json& s, const json&) { return in(s, "ШНРО") && !s["mentor"].is_null(); }},
        {"mentor-request", [](const json& s, const json&) { return in(s, "ШНРО") && s["mentor"].is_null(); }},
        {"mentor-level", [](const json& s, const json&) { return !s["mentor"].is_null() && s["mentor"]["lower_level"] == true; }},
        {"events", [](const json& s, const json&) { return in(s, "ШНРО"); }},
        {"antirisk-develop", [](const json& s, const json&) { return in(s, "ШсРНР") && at(s, {"support", "antirisk_programme"}) != true; }},
        {"antirisk-review", [](const json& s, const json&) { return in(s, "ШсРНР") && at(s, {"support", "antirisk_programme"}) == true; }},
        {"risk-profile", [](const json& s, const json&) { return s["markers"] > 0 && !in(s, "ШНРО"); }},
        {"teacher-mentoring", [](const json& s, const json&) { return in(s, "ШсРНР"); }},
        {"objectivity", [](const json& s, const json&) {
             for (const json& a : s["assessments"])
                 if (a["marker"] == true && a["objective"] == false) return true;
             return false;
         }},
        {"deficit-material", [](const json& s, const json&) { return open_deficit(s, "material"); }},
        {"deficit-staff", [](const json& s, const json&) { return open_deficit(s, "staff"); }},
        {"deficit-ict", [](const json& s, const json&) { return open_deficit(s, "ict"); }},
        {"psychology", [](const json& s, const json&) { return in(s, "ШФНСУ"); }},
        {"community", [](const json& s, const json&) { return in(s, "ШФНСУ") || in(s, "ШНРО"); }},
        {"prevention-build", [](const json& s, const json&) { return at(s, {"support", "prevention_system"}) == false; }},
        {"routes", [](const json& s, const json&) {
             return pupils(s, "individual_route") < pupils(s, "low_achieving") + pupils(s, "failing");
         }},
        {"extra-classes", [](const json& s, const json&) { return pupils(s, "failing_extra_classes") < pupils(s, "failing"); }},
        {"pupil-mentors", [](const json& s, const json&) { return pupils(s, "failing_with_mentor") < pupils(s, "failing"); }},
        {"mentee-plan", [](const json& s, const json& all) {
             return any(schools_of(all, nullptr), [&](const json& other) {
                 return at(other, {"support", "mentor_school"}) == s["id"];
             });
         }},
        {"practices", [](const json& s, const json&) {
             return (in(s, "ШПУ") || in(s, "ШБУ")) && at(s, {"support", "practices", "presented"}) == 0;
         }},
        {"stable-results", [](const json& s, const json&) { return in(s, "ШПУ"); }},
    };
    return facts;
}

const std::map<std::string, Fact>& area_facts() {
    // For a municipality its own schools, for the region every school.
    static const auto schools = [](const json& m, const json& all) {
        return schools_of(all, m.contains("id") ? m : json(nullptr));
    };
    static const std::map<std::string, Fact> facts = {
        {"m-mentors", [](const json& m, const json& all) { return any(schools(m, all), [](const json& s) { return in(s, "ШНРО") && s["mentor"].is_null(); }); }},
        {"m-mentor-level", [](const json& m, const json& all) {
             return any(schools(m, all), [](const json& s) { return in(s, "ШНРО") && !s["mentor"].is_null() && s["mentor"]["lower_level"] == true; });
         }},
        {"m-programmes", [](const json& m, const json& all) {
             return any(schools(m, all), [](const json& s) { return in(s, "ШНРО") && at(s, {"support", "improvement_programme"}) == false; });
         }},
        {"m-programme-control", [](const json& m, const json& all) { return any(schools(m, all), [](const json& s) { return in(s, "ШНРО"); }); }},
        {"m-antirisk", [](const json& m, const json& all) {
             return any(schools(m, all), [](const json& s) { return in(s, "ШсРНР") && at(s, {"support", "antirisk_programme"}) != true; });
         }},
        {"m-plan-shnro", [](const json& m, const json& all) { return any(schools(m, all), [](const json& s) { return in(s, "ШНРО"); }); }},
        {"m-plan-risk", [](const json& m, const json& all) { return any(schools(m, all), [](const json& s) { return in(s, "ШсРНР"); }); }},
        {"m-shfnsu-deficits", [](const json& m, const json& all) {
             return any(schools(m, all), [](const json& s) {
                 return in(s, "ШФНСУ") && (open_deficit(s, "material") || open_deficit(s, "staff") || open_deficit(s, "ict"));
             });
         }},
        {"m-prevention", [](const json& m, const json& all) {
             return any(schools(m, all), [](const json& s) { return at(s, {"support", "prevention_system"}) == false; });
         }},
        {"m-practices", [](const json& m, const json& all) {
             return !any(schools(m, all), [](const json& s) { return at(s, {"support", "practices", "presented"}) > 0; });
         }},
        {"r-mentors", [](const json& r, const json& all) { return area_facts().at("m-mentors")(r, all); }},
        {"r-mentor-level", [](const json& r, const json& all) { return area_facts().at("m-mentor-level")(r, all); }},
        {"r-antirisk", [](const json& r, const json& all) { return area_facts().at("m-antirisk")(r, all); }},
        {"r-negative", [](const json& r, const json&) {
             for (const json& indicator : r["indicators"])
                 if (indicator["score"] == 0) return true;
             return false;
         }},
        {"r-data", [](const json& r, const json&) {
             for (const json& indicator : r["indicators"])
                 if (indicator["computable"] == false) return true;
             return false;
         }},
        {"r-shfnsu", [](const json& r, const json& all) { return any(schools(r, all), [](const json& s) { return in(s, "ШФНСУ"); }); }},
    };
    return facts;
}

TEST_F(Cycle, EveryRecommendationPrintedFollowsFromTheFactsItsDocumentStates) {
    const std::map<std::string, std::string> parts = {{"report", "region"}, {"municipality", "municipality"}, {"school", "school"}};
    for (const Document& document : *documents_) {
        const std::string part = parts.at(document.job);
        const json& subject = part == "region"         ? (*analysed_)["region"]
                              : part == "municipality" ? (*analysed_)["municipalities"][document.index]
                                                       : (*analysed_)["schools"][document.index];
        const auto& facts = part == "school" ? school_facts() : area_facts();
        for (const json& recommendation : (*recommendations_)[part]) {
            const std::string id = recommendation["id"];
            const auto fact = facts.find(id);
            ASSERT_NE(fact, facts.end()) << "the test knows no fact for the recommendation " << id;
            const bool shown = document.text.find(recommendation["text"].get<std::string>()) != std::string::npos;
            const bool holds = fact->second(subject, *analysed_);
            EXPECT_EQ(shown, holds) << document.path << ": " << id << (shown ? " is printed, but its fact is false"
                                                                              : " is not printed, though its fact holds");
        }
    }
}

// What an analyst would have to correct, as patterns; and numbers standing
// without their noun in prose (tables excepted).
TEST_F(Cycle, TheRussianOfEveryDocumentReadsAsWrittenByAPerson) {
    const std::vector<std::pair<std::string, std::string>> mistakes = {
        {R"((^|[^0-9,])(1|[0-9]*[02-9]1) школ[^аы])", "«1 школ»: one school takes «школа»"},
        {R"((^|[^0-9,])([2-4]|[0-9]*[02-9][2-4]) школ[^аы])", "«3 школ»: two to four take «школы»"},
        {R"((^|[^0-9,])(1|[0-9]*[02-9]1) (оцененных|обучающихся|показателей|неуспевающих))", "«из 21 оцененных»: one takes the singular"},
        {R"((посещают|обучаются|отнесены|показали|нуждаются) (1|[0-9]*[02-9]1) )", "a plural verb before a count ending in 1"},
        {R"((посещает|обучается|отнесена|показал|нуждается) ([02-9]|[0-9]*1[0-9]|[0-9]*[02-9][05-9]) )", "a singular verb before a plural count"},
        {R"((^|[^0-9,])0 (школ|показател|маркер|обучающ|неуспева))", "zero in figures, not in words"},
        {R"(обучаются [0-9 ]+ обучающихся)", "«обучаются 322 обучающихся»"},
        {R"((\S+ского|\S+ского района) \(\S+ский район\))", "the municipality named twice"},
        {R"(Кластер \([0-9]{4} год\))", "a column that shows another year than its heading"},
        {R"(20[0-9]{2}-20[0-9]{2})", "a hyphen between years: «2022–2023»"},
        {R"([0-9], [0-9] квартал)", "«1, 2 квартал»"},
        {R"((посеща\S+|обуча\S+|отнесен\S*|закреплен за|для|–) [0-9][0-9 ]*([,.;:]\s|\)|\.$| \())", "a number without its noun"},
        {R"([0-9]\.[0-9]+ ?%)", "a decimal point in a percentage"},
        {R"([0-9]%)", "a percent sign without a space"},
        {R"(\{\{|\}\})", "an expression left in the text"},
    };
    // Each pattern with whether it needs a digit: most lines have none, and std::regex is slow.
    std::vector<std::tuple<std::regex, std::string, bool>> compiled;
    for (const auto& [pattern, problem] : mistakes)
        compiled.emplace_back(std::regex(pattern), problem, pattern.find("[0-9") != std::string::npos);
    int found = 0;
    std::unordered_set<std::string> seen;  // the documents share many lines: each is checked once
    for (const Document& document : *documents_) {
        std::istringstream lines(std::regex_replace(document.text, std::regex("\u00A0"), " "));
        for (std::string line; std::getline(lines, line);) {
            if (line.find(" | ") != std::string::npos) continue;  // a table row
            if (!seen.insert(line).second) continue;
            const bool digits = line.find_first_of("0123456789") != std::string::npos;
            for (const auto& [pattern, problem, needs_digit] : compiled) {
                if (needs_digit && !digits) continue;
                std::smatch match;
                if (std::regex_search(line, match, pattern) && ++found <= 20)
                    ADD_FAILURE() << document.path << ": " << problem << " in «" << match.str() << "»\n  " << line;
            }
        }
    }
    EXPECT_EQ(found, 0);
}

}  // namespace
}  // namespace docgen
