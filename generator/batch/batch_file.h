// A batch file: which templates to render over which data, once or for each
// element of a list, into which files (schemas/batch.schema.json).
#pragma once

#include <string>
#include <vector>

#include "render/render.h"

namespace docgen::batch {

struct Job {
    std::string name;
    std::string template_path;  // resolved against the batch file's folder
    std::string each;           // the variable bound to each element; empty: one document
    std::string in;             // the expression giving the elements
    std::string output;         // the output path without extension, with {{ expressions }}
    std::vector<OutputFormat> formats;
};

struct BatchFile {
    std::string path;
    std::string data_path;
    std::string data_format;  // json, xlsx or csv; empty: by the extension
    std::string rules_path;  // empty: the built-in rules
    std::string output_dir;
    std::vector<Job> jobs;

    // InputError naming the file and each problem of it.
    static BatchFile load(const std::string& path);
    // The same for a batch file's text; paths in it are relative to `path`'s folder.
    static BatchFile parse(const std::string& text, const std::string& path);
};

}  // namespace docgen::batch
