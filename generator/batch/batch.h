// `docgen batch`: renders a batch file's documents on several threads,
// writing each file as it is done, skipping outputs whose inputs have not
// changed, and recording everything in a manifest.
#pragma once

#include <cstdio>
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

// InputError for a bad batch file or data; a document that fails is counted,
// reported with its element and reason, and does not stop the others.
Summary run(const Options& options, const Resources& resources);

}  // namespace docgen::batch
