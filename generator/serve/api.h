// The server's answers: the page and its fonts, and the JSON API under
// /api/ (docs/serve.md): templates, checks, documents, cycles, jobs and
// their files. Requests are checked here: what a client names (templates,
// jobs, files) is looked up among what the server has, never used as a path.
#pragma once

#include <string>
#include <vector>

#include "serve/catalogue.h"
#include "serve/http.h"
#include "serve/jobs.h"
#include "text/font_set.h"

namespace docgen::serve {

struct ApiOptions {
    std::string token;               // when set, /api/ needs it (Authorization: Bearer, or the page's cookie)
    std::vector<std::string> hosts;  // without a token: the Host names a request may give
    size_t max_upload = 50u << 20;
};

class Api {
public:
    Api(const ApiOptions& options, Catalogue& catalogue, JobQueue& jobs, const FontSet& fonts);

    Response handle(Request& request);
    // {"error": message}, as every refusal is answered.
    static Response error(int status, const std::string& message);

private:
    Response api(Request& request);
    Response submit(Request& request, JobKind kind);
    Response job(Request& request, const std::string& id, const std::string& rest);
    nlohmann::json describe(const JobView& view) const;
    bool authorized(const Request& request) const;

    ApiOptions options_;
    Catalogue& catalogue_;
    JobQueue& jobs_;
    const FontSet& fonts_;
};

}  // namespace docgen::serve
