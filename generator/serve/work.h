// The work of the server's jobs, done in each job's own process and folder:
// checking uploaded data, making one document (with previews of its pages),
// making the monitoring cycle into a ZIP with its manifest.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/rules.h"
#include "render/resources.h"
#include "serve/catalogue.h"
#include "serve/jobs.h"

namespace docgen::serve {

struct WorkContext {
    const Resources* document;  // one document: font subsets of its own characters
    const Resources* cycle;     // the cycle: subsets shared by its documents
    const domain::Rules* rules;  // the server's rules for cluster results
    Catalogue* catalogue;        // the worker's own: its templates loaded in it
};

// The result that describes the job (jobs.h): on success its files, previews,
// elements, notes; when the input or a template is wrong, "error" and the
// "problems" with their places. Runs in a worker, in the job's folder.
nlohmann::json do_work(const WorkContext& context, const JobInput& input, const Progress& progress);

}  // namespace docgen::serve
