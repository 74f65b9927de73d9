#include "batch/manifest.h"

#include <sys/stat.h>

#include <cstdio>
#include <ctime>
#include <optional>

#include <algorithm>
#include <filesystem>

#include "common/error.h"
#include "common/files.h"
#include "common/json_file.h"
#include "common/packed_json.h"

namespace docgen::batch {

using nlohmann::json;

namespace {

json entry_json(const ManifestEntry& entry) {
    json item = {{"path", entry.path},
                 {"format", entry.format},
                 {"job", entry.job},
                 {"element", entry.element.empty() ? json(nullptr) : json::parse(entry.element)},
                 {"order", entry.order},
                 {"pages", entry.pages},
                 {"bytes", entry.bytes}, {"sha256", entry.sha256}, {"inputs", entry.inputs}};
    if (entry.pages == 0) item["pages"] = nullptr;  // a format others lay out
    if (!entry.modified.empty()) item["modified"] = entry.modified;
    return item;
}

// Limits far above any real output, so that no value read converts with overflow.
constexpr uint64_t kMaxPages = 10'000'000;
constexpr uint64_t kMaxCount = uint64_t{1} << 53;

// A whole number in [0, most] at `key`, or nothing.
std::optional<uint64_t> count_at(const json& item, const char* key, uint64_t most) {
    const auto found = item.find(key);
    if (found == item.end() || !found->is_number_integer()) return std::nullopt;
    if (found->is_number_unsigned()) {
        const uint64_t value = found->get<uint64_t>();
        return value <= most ? std::optional(value) : std::nullopt;
    }
    const int64_t value = found->get<int64_t>();
    return value >= 0 && static_cast<uint64_t>(value) <= most ? std::optional(static_cast<uint64_t>(value))
                                                               : std::nullopt;
}

std::optional<std::string> text_at(const json& item, const char* key) {
    const auto found = item.find(key);
    if (found == item.end() || !found->is_string()) return std::nullopt;
    return found->get<std::string>();
}

bool is_sha256(const std::string& text) {
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// The entry as docgen writes it, or nothing: a manifest edited by hand or cut
// short makes its outputs be made again, never a crash or a wrong skip.
std::optional<ManifestEntry> entry_of(const json& item) {
    if (!item.is_object()) return std::nullopt;
    ManifestEntry entry;
    const auto path = text_at(item, "path"), format = text_at(item, "format"), job = text_at(item, "job");
    const auto sha256 = text_at(item, "sha256"), inputs = text_at(item, "inputs");
    const auto order = count_at(item, "order", kMaxCount), bytes = count_at(item, "bytes", kMaxCount);
    if (!path || path->empty() || !format || !job || !sha256 || !is_sha256(*sha256) || !inputs || !order || !bytes)
        return std::nullopt;
    const auto pages = item.find("pages");
    if (pages == item.end() || !(pages->is_null() || count_at(item, "pages", kMaxPages))) return std::nullopt;
    const auto element = item.find("element");
    if (element == item.end() || !(element->is_null() || element->is_object())) return std::nullopt;
    entry.path = *path;
    entry.format = *format;
    entry.job = *job;
    if (element->is_object()) entry.element = element->dump();  // its text: a tenth of its tree
    entry.order = static_cast<size_t>(*order);
    entry.pages = pages->is_null() ? 0 : static_cast<int>(*count_at(item, "pages", kMaxPages));
    entry.bytes = static_cast<size_t>(*bytes);
    entry.sha256 = *sha256;
    entry.inputs = *inputs;
    entry.modified = text_at(item, "modified").value_or("");
    return entry;
}

}  // namespace

std::string modification_time(const std::string& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) return "";
    std::tm utc{};
    if (!::gmtime_r(&status.st_mtim.tv_sec, &utc)) return "";
    char text[64];
    const size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(text + length, sizeof text - length, ".%09ldZ", static_cast<long>(status.st_mtim.tv_nsec));
    return text;
}

Manifest Manifest::parse(const std::string& text) {
    Manifest manifest;
    try {
        // Its nesting bounded, as all JSON read; each entry packed as it is read
        // and read into its record one at a time: a country's manifest lists
        // 80 000 outputs, whose JSON tree would take ten times their text.
        const json file = parse_json(text, "manifest.json", {"outputs"});
        if (!file.is_object()) return manifest;
        manifest.batch = text_at(file, "batch").value_or("");
        manifest.inputs = text_at(file, "inputs").value_or("");
        const auto outputs = file.find("outputs");
        if (outputs == file.end() || !outputs->is_array()) return manifest;
        for (const json& item : *outputs)
            if (auto entry = entry_of(packed::unpack(item))) manifest.outputs.push_back(std::move(*entry));
        manifest.outputs.shrink_to_fit();
    } catch (const std::exception&) {
        return Manifest{};  // unreadable: everything is rendered again
    }
    return manifest;
}

Manifest Manifest::read(const std::string& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) return Manifest{};
    try {
        return parse(read_file(path, "manifest"));
    } catch (const InputError&) {
        return Manifest{};  // unreadable: everything is rendered again
    }
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
    AtomicFile file(path);
    file.write("{\n \"batch\": " + json(batch).dump() + ",\n \"docgen\": " + json(DOCGEN_VERSION).dump() +
               ",\n \"inputs\": " + json(inputs).dump() + ",\n \"outputs\": [");
    for (size_t i = 0; i < sorted.size(); ++i) {
        std::string item = entry_json(*sorted[i]).dump(1);
        for (size_t at = item.find('\n'); at != std::string::npos; at = item.find('\n', at + 3)) item.insert(at + 1, "  ");
        file.write((i ? ",\n  " : "\n  ") + item);
    }
    file.write(sorted.empty() ? "]\n}\n" : "\n ]\n}\n");
    file.commit();
}

std::map<std::string_view, const ManifestEntry*, std::less<>> Manifest::by_path() const {
    std::map<std::string_view, const ManifestEntry*, std::less<>> index;
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
