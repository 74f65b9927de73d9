// `docgen batch`: renders a batch file's documents on several threads,
// writing each file as it is done, skipping outputs whose inputs have not
// changed, and recording everything in a manifest.
#pragma once

#include <cstdio>
#include <functional>
#include <string>

#include "render/resources.h"

namespace docgen::batch {

struct Options {
    std::string batch_file;
    std::string output_dir;  // empty: the batch file's
    int threads = 0;         // 0: one per core
    bool force = false;      // render even what is up to date
    std::string only;        // an element's id or name, or a municipality's
    std::string data_format; // json, xlsx or csv; empty: by the data file's extension
    int shard = 1;           // the K-th …
    int shards = 1;          // … of N parts
    bool progress_bar = false;
    std::FILE* messages = stderr;
    // Called once the documents are planned (0 finished) and after each
    // document, one call at a time: how many are finished of how many, and
    // why this one failed ("" when it did not). For a caller's own progress.
    std::function<void(size_t finished, size_t total, const std::string& failure)> on_progress;
};

struct Summary {
    size_t written = 0;  // files
    size_t failed = 0;   // documents
    size_t skipped = 0;  // files up to date
    size_t pages = 0;    // of the PDFs written or up to date
    double seconds = 0;
    std::string manifest;
    std::string manifest_error;  // why the manifest could not be written; empty when it was
};

// The cores this process may run on: a job scheduler (taskset, Slurm's
// --cpus-per-task, a container's cpuset) may give it fewer than the machine has.
unsigned available_cores();

// InputError for a bad batch file or data; a document that fails is counted,
// reported with its element and reason, and does not stop the others.
Summary run(const Options& options, const Resources& resources);

}  // namespace docgen::batch
