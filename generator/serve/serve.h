// `docgen serve`: the web page and the JSON API over the same pipeline.
#pragma once

#include <cstddef>
#include <string>

#include "render/resources.h"

namespace docgen::serve {

struct ServeOptions {
    std::string bind = "127.0.0.1";
    int port = 8080;
    int jobs = 0;              // documents made at once; 0: one per core it may use
    std::string token;         // required to bind to an address other than loopback
    size_t max_upload_mb = 50;
    int keep_minutes = 60;     // how long a finished job's files are kept
    size_t queue = 100;        // jobs waiting at once
    std::string templates_dir; // empty: templates/ beside or above the binary, then the source tree's
    std::string rules_file;    // empty: the built-in rules
    ResourceOptions resources;
};

// 127.0.0.0/8, ::1, "localhost".
bool is_loopback(const std::string& address);

// The templates folder the options name or the usual places hold.
std::string templates_folder(const std::string& option);

// Serves until SIGINT or SIGTERM, then stops the jobs and removes their
// folders. InputError for missing fonts, patterns, templates or rules;
// std::runtime_error when it cannot listen.
int run(const ServeOptions& options);

}  // namespace docgen::serve
