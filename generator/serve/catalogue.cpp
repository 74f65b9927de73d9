#include "serve/catalogue.h"

#include <algorithm>
#include <filesystem>

#include "common/error.h"
#include "serve/assets.h"
#include "serve/uploaded_data.h"

namespace docgen::serve {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr size_t kMaxName = 100;

// A template's name: letters, digits, '-', '_', '.'; not starting with '.'.
bool plausible_name(const std::string& name) {
    if (name.empty() || name.size() > kMaxName || name[0] == '.') return false;
    return std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_' || c == '.';
    });
}

long long modified(const std::string& path) {
    std::error_code error;
    const auto time = fs::last_write_time(path, error);
    return error ? -1 : static_cast<long long>(time.time_since_epoch().count());
}

}  // namespace

Catalogue::Catalogue(const std::string& folder) : folder_(folder) {
    const json catalogue = json::parse(catalogue_json());
    for (const json& item : catalogue["documents"]) {
        DocumentKind kind{item["template"], item["title"], std::nullopt, item.value("file", "")};
        if (item.contains("each")) {
            const json& each = item["each"];
            kind.each = EachElement{each["variable"], each["in"], each["label"], each.value("group", "")};
        }
        described_.push_back(std::move(kind));
    }
    const json& cycle = catalogue["cycle"];
    cycle_ = Cycle{cycle["title"], cycle["check"], cycle["archive"], cycle["formats"], cycle["jobs"]};
    std::error_code error;
    if (!fs::is_directory(folder, error)) throw InputError(folder + ": no such templates folder");
    if (kinds().empty()) throw InputError(folder + ": the templates folder holds no template (*.xml)");
}

std::optional<std::string> Catalogue::path_of(const std::string& name) const {
    if (!plausible_name(name)) return std::nullopt;
    const fs::path path = fs::path(folder_) / (name + ".xml");
    std::error_code error;
    if (!fs::is_regular_file(path, error)) return std::nullopt;
    return path.string();
}

std::vector<DocumentKind> Catalogue::kinds() const {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder_, error)) {
        const fs::path& path = entry.path();
        if (path.extension() == ".xml" && entry.is_regular_file(error) && plausible_name(path.stem().string()))
            names.push_back(path.stem().string());
    }
    std::sort(names.begin(), names.end());
    std::vector<DocumentKind> kinds;
    for (const DocumentKind& kind : described_)
        if (std::binary_search(names.begin(), names.end(), kind.name)) kinds.push_back(kind);
    for (const std::string& name : names)
        if (std::none_of(described_.begin(), described_.end(), [&](const DocumentKind& kind) { return kind.name == name; }))
            kinds.push_back(DocumentKind{name, name, std::nullopt, ""});
    return kinds;
}

std::optional<DocumentKind> Catalogue::kind(const std::string& name) const {
    if (!path_of(name)) return std::nullopt;
    for (const DocumentKind& kind : described_)
        if (kind.name == name) return kind;
    return DocumentKind{name, name, std::nullopt, ""};
}

std::shared_ptr<const Template> Catalogue::load(const std::string& name) {
    const std::optional<std::string> path = path_of(name);
    if (!path) throw InputError("no template \"" + name + "\" in " + folder_);
    std::lock_guard<std::mutex> lock(mutex_);
    Loaded& entry = cache_[name];
    const bool fresh = entry.loaded && std::all_of(entry.files.begin(), entry.files.end(), [](const auto& file) {
                           return modified(file.first) == file.second;
                       });
    if (!fresh) {
        entry = Loaded{};
        auto loaded = std::make_shared<const Template>(Template::load(*path));
        for (const std::string& file : loaded->source_files()) entry.files.emplace_back(file, modified(file));
        entry.loaded = std::move(loaded);
    }
    return entry.loaded;
}

std::optional<Cycle> Catalogue::cycle() const {
    for (const json& job : cycle_.jobs)
        if (!path_of(job["template"])) return std::nullopt;
    if (!path_of(cycle_.check)) return std::nullopt;
    return cycle_;
}

json Catalogue::cycle_batch(const std::vector<std::string>& formats, bool with_rules, const std::string& output) const {
    json jobs = cycle_.jobs;
    for (json& job : jobs) job["template"] = *path_of(job["template"]);
    json batch = {{"data", "data.json"}, {"output", output}, {"formats", formats}, {"jobs", std::move(jobs)}};
    if (with_rules) batch["rules"] = "rules.json";
    return batch;
}

json Catalogue::to_json() const {
    json documents = json::array();
    for (const DocumentKind& kind : kinds()) {
        json item = {{"name", kind.name}, {"title", kind.title}, {"each", nullptr}};
        if (kind.each)
            item["each"] = {{"variable", kind.each->variable}, {"in", kind.each->in}, {"label", kind.each->label},
                            {"grouped", !kind.each->group.empty()}};
        documents.push_back(std::move(item));
    }
    json cycle = nullptr;
    if (const std::optional<Cycle> available = this->cycle())
        cycle = {{"title", available->title}, {"check", available->check}, {"formats", available->formats}};
    return {{"documents", std::move(documents)},
            {"cycle", std::move(cycle)},
            {"formats", {"pdf", "docx", "txt"}},
            {"data_formats", data_formats()}};
}

}  // namespace docgen::serve
