// A batch expanded into documents: every job's template bound once or to
// each element of its list, each with its output path, in a fixed order.
#pragma once

#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "batch/batch_file.h"
#include "render/resources.h"
#include "template/template.h"

namespace docgen::batch {

// One document of the batch.
struct WorkItem {
    size_t order = 0;              // its place in the whole batch: manifests sort by it
    size_t job = 0;                // index into BatchFile::jobs
    const nlohmann::json* element = nullptr;  // null for a job rendered once
    std::string element_path;      // "schools[17]"
    std::string label;             // `school "МБОУ …" (schools[17])`, for messages
    std::string summary;           // {"index", "id", "name"} for the manifest, as JSON text
    std::string output;            // relative to the output folder, without extension
    std::string failure;           // why it cannot be made before rendering (its output path)
};

// What the jobs need, loaded once and shared by every document.
struct Inputs {
    std::vector<std::shared_ptr<const Template>> templates;  // per job
    std::vector<std::string> fingerprints;                   // per job: of everything it is made from
    std::string fingerprint;                                 // of all the jobs together
    nlohmann::json raw;
    nlohmann::json analysed;  // null when no template takes cluster results

    // The data a job's template binds to: the raw data, or the analysed cluster results.
    const nlohmann::json& data(size_t job) const {
        return templates[job]->input_format() == "cluster-results" ? analysed : raw;
    }
};

// `resources`: the fonts and hyphenation patterns, part of every output's
// fingerprint. Cluster results are checked and analysed on up to `threads` threads.
Inputs load_inputs(const BatchFile& batch, const Resources& resources, unsigned threads = 1);

struct Plan {
    std::vector<WorkItem> items;
    std::deque<nlohmann::json> elements;  // each job's list, kept alive for the items
};

Plan make_plan(const BatchFile& batch, const Inputs& inputs);

// Keeps the items whose element has this id or name, or whose element's
// municipality has it (a municipality and its schools); jobs rendered once go.
void keep_only(Plan& plan, const std::string& value);

// Keeps the K-th of N equal parts (K from 1): every N-th item, so that the
// parts are equal to one and every part has a mix of jobs.
void keep_shard(Plan& plan, int k, int n);

}  // namespace docgen::batch
