#include "serve/serve.h"

#include <signal.h>

#include <cstdio>
#include <filesystem>
#include <thread>

#include "batch/batch.h"
#include "common/error.h"
#include "domain/rules.h"
#include "domain/schema_check.h"
#include "serve/api.h"
#include "serve/catalogue.h"
#include "serve/http.h"
#include "serve/jobs.h"
#include "serve/work.h"

namespace docgen::serve {

namespace fs = std::filesystem;

bool is_loopback(const std::string& address) {
    return address == "localhost" || address == "::1" || address.rfind("127.", 0) == 0;
}

std::string templates_folder(const std::string& option) {
    if (!option.empty()) return option;
    std::vector<fs::path> candidates;
    if (const char* variable = std::getenv("DOCGEN_TEMPLATES"); variable && *variable) candidates.emplace_back(variable);
    if (const std::string binary = executable_dir(); !binary.empty()) {
        candidates.push_back(fs::path(binary) / "templates");
        candidates.push_back(fs::path(binary).parent_path() / "templates");
    }
    candidates.emplace_back(DOCGEN_SOURCE_TEMPLATES_DIR);
    for (const fs::path& candidate : candidates) {
        std::error_code error;
        if (fs::is_directory(candidate, error)) return candidate.string();
    }
    std::string tried;
    for (const fs::path& candidate : candidates) tried += "\n  " + candidate.string();
    throw InputError("no templates folder found; give one with --templates DIR. Looked in:" + tried);
}

namespace {

// What a child process would otherwise make again for every job, made once
// before any thread starts: the built-in rules, the schema validator, the
// templates, the font subsets a cycle's documents share.
void warm_up(Catalogue& catalogue, const Resources& cycle) {
    domain::Rules::defaults();
    domain::schema_problems(nlohmann::json::object());
    for (const DocumentKind& kind : catalogue.kinds()) {
        try {
            catalogue.load(kind.name);
        } catch (const InputError& error) {
            std::fprintf(stderr, "docgen serve: %s\n", error.what());  // reported again to whoever asks for it
        }
    }
    for (bool bold : {false, true})
        for (bool italic : {false, true}) cycle.embeddings->font_for(cycle.fonts.face(bold, italic), {});
}

}  // namespace

int run(const ServeOptions& options) {
    // Stopping signals go to one thread that waits for them; every thread
    // made from here on inherits the mask.
    sigset_t stopping;
    sigemptyset(&stopping);
    for (int signal : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&stopping, signal);
    pthread_sigmask(SIG_BLOCK, &stopping, nullptr);
    ::signal(SIGPIPE, SIG_IGN);
    // Uploads and archives are large and short-lived: jemalloc gives freed
    // pages back to the system after a second (its settings in cli/main.cpp),
    // so that a long-running server holds no more than it uses; a worker's
    // job that follows another at once still finds its pages.

    ResourceOptions single = options.resources;
    single.many_documents = false;
    const Resources document = Resources::load(single);
    Resources cycle = document;
    cycle.embeddings = std::make_shared<FontEmbeddings>(true);
    const domain::Rules rules =
        options.rules_file.empty() ? domain::Rules::defaults() : domain::Rules::load(options.rules_file);
    Catalogue catalogue(templates_folder(options.templates_dir));
    warm_up(catalogue, cycle);

    QueueOptions queue;
    queue.slots = options.jobs > 0 ? options.jobs : static_cast<int>(batch::available_cores());
    queue.max_queued = options.queue;
    queue.keep = std::chrono::minutes(options.keep_minutes);
    // Each worker loads the templates itself: the server's catalogue may be
    // locked by a request's thread when a worker is forked.
    WorkContext context{&document, &cycle, &rules, nullptr};
    std::unique_ptr<Catalogue> worker_catalogue;
    const WorkerProgram program{
        [&] {
            worker_catalogue = std::make_unique<Catalogue>(catalogue.folder());
            context.catalogue = worker_catalogue.get();
            for (const DocumentKind& kind : worker_catalogue->kinds()) {
                try {
                    worker_catalogue->load(kind.name);
                } catch (const InputError&) {
                    // told to whoever asks for it
                }
            }
        },
        [&](const JobInput& input, const Progress& progress) { return do_work(context, input, progress); }};
    JobQueue jobs(queue, program);

    ApiOptions api_options;
    api_options.token = options.token;
    api_options.hosts = {options.bind, "127.0.0.1", "localhost", "[::1]"};
    if (options.bind.find(':') != std::string::npos) api_options.hosts.front() = "[" + options.bind + "]";
    api_options.max_upload = options.max_upload_mb << 20;
    Api api(api_options, catalogue, jobs, document.fonts);

    HttpOptions http;
    http.bind = options.bind;
    http.port = options.port;
    http.max_body = api_options.max_upload;
    HttpServer server(http, [&api](Request& request) { return api.handle(request); }, &Api::error);

    const std::string host = options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind;
    std::printf("docgen serve: http://%s:%d/ (templates: %s; %d at once)\n", host.c_str(), server.port(),
                catalogue.folder().c_str(), queue.slots);
    std::fflush(stdout);

    std::thread waiter([&] {
        int signal = 0;
        sigwait(&stopping, &signal);
        jobs.stop();  // requests waiting for their jobs are answered now
        server.stop();
    });
    server.run();
    // A stop that came another way leaves the waiter waiting: wake it.
    ::kill(::getpid(), SIGTERM);
    waiter.join();
    std::fprintf(stderr, "docgen serve: stopped\n");
    return 0;
}

}  // namespace docgen::serve
