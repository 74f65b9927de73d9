// A batch file (JSON) → read → planned over the batch fixture's data →
// every output path checked to stay inside the output folder and to be a
// name every file system takes. The same bytes read as a manifest.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "batch/manifest.h"
#include "batch/plan.h"
#include "common/json_file.h"
#include "fuzz_support.h"
#include "common/utf8.h"
#include "template/template.h"

using namespace docgen;

namespace {

void check_path(const std::string& path) {
    if (path.empty() || path.front() == '/') fuzz::finding("output path \"" + path + "\" is not relative");
    size_t start = 0;
    while (start <= path.size()) {
        const size_t end = std::min(path.find('/', start), path.size());
        const std::string name = path.substr(start, end - start);
        if (name.empty() || name == "." || name == "..") fuzz::finding("output path \"" + path + "\" has a name \"" + name + "\"");
        if (name.size() > 200 + 12) fuzz::finding("output path \"" + path + "\" has a name over 200 bytes");
        if (name.find_first_of("\\:*?\"<>|") != std::string::npos || utf8::first_forbidden_character(name))
            fuzz::finding("output path \"" + path + "\" has a forbidden character");
        if (name.front() == ' ' || name.back() == ' ' || name.back() == '.')
            fuzz::finding("output path \"" + path + "\" has a name with a space or dot at its end");
        start = end + 1;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string fixture = std::string(DOCGEN_SOURCE_DIR) + "/tests/batch/";
    static const auto school = std::make_shared<const Template>(Template::load(fixture + "school.xml"));
    static const nlohmann::json raw = parse_json(fuzz::source_file("tests/batch/data.json"), "data.json");
    const std::string text(reinterpret_cast<const char*>(data), size);
    batch::Manifest::parse(text);
    fuzz::accept_user_errors([&] {
        const batch::BatchFile file = batch::BatchFile::parse(text, fixture + "batch.json");
        batch::Inputs inputs;
        inputs.raw = raw;
        inputs.templates.assign(file.jobs.size(), school);
        const batch::Plan plan = batch::make_plan(file, inputs);
        for (const batch::WorkItem& item : plan.items)
            if (item.failure.empty()) check_path(item.output);
    });
    return 0;
}
