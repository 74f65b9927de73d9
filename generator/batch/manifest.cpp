#include "batch/manifest.h"

#include <cstdio>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.h"
#include "common/files.h"

namespace docgen::batch {

using nlohmann::json;

namespace {

json entry_json(const ManifestEntry& entry) {
    json item = {{"path", entry.path},   {"format", entry.format}, {"job", entry.job},
                 {"element", entry.element}, {"order", entry.order}, {"pages", entry.pages},
                 {"bytes", entry.bytes}, {"sha256", entry.sha256}, {"inputs", entry.inputs}};
    if (entry.pages == 0) item["pages"] = nullptr;  // a format others lay out
    return item;
}

ManifestEntry entry_of(const json& item) {
    ManifestEntry entry;
    entry.path = item.value("path", "");
    entry.format = item.value("format", "");
    entry.job = item.value("job", "");
    entry.element = item.value("element", json());
    entry.order = item.value("order", size_t{0});
    entry.pages = item["pages"].is_number() ? item["pages"].get<int>() : 0;
    entry.bytes = item.value("bytes", size_t{0});
    entry.sha256 = item.value("sha256", "");
    entry.inputs = item.value("inputs", "");
    return entry;
}

}  // namespace

Manifest Manifest::read(const std::string& path) {
    Manifest manifest;
    std::ifstream in(path);
    if (!in) return manifest;
    try {
        std::ostringstream text;
        text << in.rdbuf();
        const json file = json::parse(text.str());
        manifest.batch = file.value("batch", "");
        manifest.inputs = file.value("inputs", "");
        for (const json& item : file.value("outputs", json::array())) manifest.outputs.push_back(entry_of(item));
    } catch (const std::exception&) {
        return Manifest{};  // unreadable: everything is rendered again
    }
    return manifest;
}

// Entry by entry, as nlohmann's dump(1) would print the whole (keys in order,
// one space of indent a level), without holding the whole as JSON: a run
// writes its manifest as it goes, and a manifest may list a country's schools.
void Manifest::write(const std::string& path) const {
    std::vector<const ManifestEntry*> entries;
    for (const ManifestEntry& entry : outputs) entries.push_back(&entry);
    write(path, batch, inputs, std::move(entries));
}

void Manifest::write(const std::string& path, const std::string& batch, const std::string& inputs,
                     std::vector<const ManifestEntry*> sorted) {
    std::sort(sorted.begin(), sorted.end(), [](const ManifestEntry* a, const ManifestEntry* b) {
        return a->order != b->order ? a->order < b->order : a->format < b->format;
    });
    std::string text = "{\n \"batch\": " + json(batch).dump() + ",\n \"docgen\": " + json(DOCGEN_VERSION).dump() +
                       ",\n \"inputs\": " + json(inputs).dump() + ",\n \"outputs\": [";
    for (size_t i = 0; i < sorted.size(); ++i) {
        std::string item = entry_json(*sorted[i]).dump(1);
        for (size_t at = item.find('\n'); at != std::string::npos; at = item.find('\n', at + 3)) item.insert(at + 1, "  ");
        text += (i ? ",\n  " : "\n  ") + item;
    }
    text += sorted.empty() ? "]\n}\n" : "\n ]\n}\n";
    write_file_atomically(path, text);
}

std::map<std::string, const ManifestEntry*> Manifest::by_path() const {
    std::map<std::string, const ManifestEntry*> index;
    for (const ManifestEntry& entry : outputs) index[entry.path] = &entry;
    return index;
}

std::string manifest_name(int shard, int shards) {
    if (shards <= 1) return "manifest.json";
    return "manifest.shard-" + std::to_string(shard) + "-of-" + std::to_string(shards) + ".json";
}

namespace {

// The shard manifests in a folder, by their N, each with its K.
std::map<int, std::map<int, std::string>> shard_manifests(const std::string& folder) {
    std::map<int, std::map<int, std::string>> parts;
    std::error_code error;
    for (const auto& file : std::filesystem::directory_iterator(folder, error)) {
        const std::string name = file.path().filename().string();
        int k = 0, n = 0;
        char tail = 0;
        if (std::sscanf(name.c_str(), "manifest.shard-%d-of-%d.jso%c", &k, &n, &tail) == 3 && tail == 'n' &&
            name == manifest_name(k, n))
            parts[n][k] = file.path().string();
    }
    if (error) throw InputError(folder + ": cannot read the folder: " + error.message());
    return parts;
}

}  // namespace

// Only the parts of one sharded run merge: one N, every K from 1 to N. Parts
// of an earlier run with another N would mix old and new outputs.
size_t merge_manifests(const std::string& folder) {
    const auto runs = shard_manifests(folder);
    if (runs.empty()) throw InputError(folder + ": no manifest.shard-K-of-N.json to merge");
    if (runs.size() > 1) {
        std::string counts;
        for (const auto& [n, parts] : runs) counts += (counts.empty() ? "" : ", ") + std::to_string(n);
        throw InputError(folder + ": shard manifests of runs in " + counts +
                         " parts; remove those of the earlier run and merge again");
    }
    const auto& [n, parts] = *runs.begin();
    for (int k = 1; k <= n; ++k)
        if (!parts.count(k)) throw InputError(folder + ": " + manifest_name(k, n) + " is missing: part " +
                                              std::to_string(k) + " of " + std::to_string(n) + " has not run");
    Manifest merged;
    std::map<std::string, ManifestEntry> by_path;
    for (const auto& [k, part] : parts) {
        const Manifest manifest = Manifest::read(part);
        if (k == 1) {
            merged.batch = manifest.batch;
            merged.inputs = manifest.inputs;
        } else if (manifest.inputs != merged.inputs) {
            throw InputError(folder + ": " + manifest_name(k, n) + " was made from other inputs than " +
                             manifest_name(1, n) + " (the data, rules, templates or batch file changed between "
                             "the parts); run the parts again");
        }
        for (const ManifestEntry& entry : manifest.outputs) by_path[entry.path] = entry;
    }
    for (auto& [path, entry] : by_path) merged.outputs.push_back(entry);
    merged.write((std::filesystem::path(folder) / "manifest.json").string());
    return merged.outputs.size();
}

}  // namespace docgen::batch
