// manifest.json in the output folder: every output with its format, job,
// data element, pages, bytes, SHA-256, and a fingerprint of its inputs, by
// which a later run knows what is up to date.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace docgen::batch {

struct ManifestEntry {
    std::string path;  // relative to the output folder
    std::string format;
    std::string job;
    std::string element;     // {"index", "id", "name"} as JSON text; empty for a job rendered once
    size_t order = 0;
    int pages = 0;
    size_t bytes = 0;
    std::string sha256;
    std::string inputs;    // fingerprint of what it was made from
    std::string modified;  // the file's modification time when it was written or last hashed
};

// A file's modification time as the manifest records it, to the nanosecond
// ("2026-12-01T22:56:22.123456789Z"); empty when the file cannot be read.
std::string modification_time(const std::string& path);

struct Manifest {
    std::string batch;
    std::string inputs;  // fingerprint of all the batch's inputs: the parts of one sharded run share it
    std::vector<ManifestEntry> outputs;

    // The manifest in a file; an empty one when there is none or it cannot be
    // read. An entry that is not as docgen writes it is left out: its output
    // is made again.
    static Manifest read(const std::string& path);
    static Manifest parse(const std::string& text);
    // Written atomically, the entries in the batch's order.
    void write(const std::string& path) const;
    // The same for entries held elsewhere, without copying them.
    static void write(const std::string& path, const std::string& batch, const std::string& inputs,
                      std::vector<const ManifestEntry*> entries);
    // The entries by their paths, which the index points into: valid while `outputs` is unchanged.
    std::map<std::string_view, const ManifestEntry*, std::less<>> by_path() const;
};

// "manifest.json", or "manifest.shard-2-of-4.json" for a part of a sharded run.
std::string manifest_name(int shard, int shards);

// Merges the manifests of a sharded run in a folder into its manifest.json;
// returns the number of outputs. InputError when the parts are not those of
// one run: another number of parts, a part missing, or other inputs.
size_t merge_manifests(const std::string& folder);

}  // namespace docgen::batch
