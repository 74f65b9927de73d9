#include <sched.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <filesystem>
#include <set>
#include <thread>

#include "batch/batch.h"
#include "batch/manifest.h"
#include "batch/plan.h"
#include "batch/progress.h"
#include "common/error.h"
#include "common/files.h"
#include "common/sha256.h"
#include "render/render.h"

namespace docgen::batch {

namespace fs = std::filesystem;

namespace {

// How often, at the most, a run writes the manifest of what it has made so far.
constexpr auto kManifestEvery = std::chrono::milliseconds(500);

// One document: its outputs rendered, written and described, or the reason it failed.
struct Outcome {
    std::vector<ManifestEntry> entries;
    size_t written = 0;
    size_t skipped = 0;
    std::string failure;
};

class Runner {
public:
    Runner(const Options& options, const Resources& resources)
        : options_(options), resources_(resources), batch_(BatchFile::load(options.batch_file)) {
        if (!options.output_dir.empty()) batch_.output_dir = options.output_dir;
        if (!options.data_format.empty()) batch_.data_format = options.data_format;
        inputs_ = load_inputs(batch_, resources, threads());
        plan_ = make_plan(batch_, inputs_);
        if (!options.only.empty()) keep_only(plan_, options.only);
        if (options.shards > 1) keep_shard(plan_, options.shard, options.shards);
        manifest_path_ = (fs::path(batch_.output_dir) / manifest_name(options.shard, options.shards)).string();
        previous_ = Manifest::read(manifest_path_);
        previous_paths_ = previous_.by_path();
        // A part of a sharded run also knows what a whole run left up to date.
        if (options.shards > 1) {
            whole_run_ = Manifest::read((fs::path(batch_.output_dir) / manifest_name(1, 1)).string());
            for (const auto& [path, entry] : whole_run_.by_path()) previous_paths_.emplace(path, entry);
        }
    }

    Summary run() {
        std::error_code error;
        fs::create_directories(batch_.output_dir, error);
        if (error) throw InputError(batch_.output_dir + ": cannot create the output folder: " + error.message());
        remove_stale_temporaries();
        Progress progress(plan_.items.size(), options_.messages, options_.progress_bar);
        std::vector<Outcome> outcomes(plan_.items.size());
        std::vector<bool> finished(plan_.items.size());
        std::mutex finishing;  // guards `outcomes` and `finished` once the workers run
        auto last_manifest = std::chrono::steady_clock::now();
        std::chrono::steady_clock::duration manifest_every = kManifestEvery;
        std::atomic<size_t> next{0};
        size_t finished_count = 0;
        if (options_.on_progress) options_.on_progress(0, plan_.items.size(), "");
        const auto work = [&] {
            for (size_t i = next++; i < plan_.items.size(); i = next++) {
                Outcome outcome = process(plan_.items[i]);
                if (!outcome.failure.empty()) progress.failure("failed: " + outcome.failure);
                else if (outcome.written == 0) progress.document_skipped();
                else progress.document_done();
                std::lock_guard<std::mutex> lock(finishing);
                if (options_.on_progress) options_.on_progress(++finished_count, plan_.items.size(), outcome.failure);
                outcomes[i] = std::move(outcome);
                finished[i] = true;
                // What is made so far goes into the manifest now and then, so that
                // a run that is stopped keeps what it made up to date.
                // Not more often than it takes 20 times to write it: at most a
                // twentieth of the run goes to these writes, however large the batch.
                const auto now = std::chrono::steady_clock::now();
                if (now - last_manifest >= manifest_every) {
                    write_manifest_so_far(outcomes, finished);
                    last_manifest = std::chrono::steady_clock::now();
                    manifest_every = std::max<std::chrono::steady_clock::duration>(kManifestEvery,
                                                                                   20 * (last_manifest - now));
                }
            }
        };
        const unsigned threads = this->threads();
        std::vector<std::thread> workers;
        for (unsigned t = 1; t < std::min<size_t>(threads, plan_.items.size()); ++t) workers.emplace_back(work);
        work();
        for (std::thread& worker : workers) worker.join();
        progress.finish();
        return summarise(outcomes, progress.seconds());
    }

private:
    // The threads of the run (-j), the setup's and the documents'.
    unsigned threads() const {
        return options_.threads > 0 ? static_cast<unsigned>(options_.threads) : available_cores();
    }

    Outcome process(const WorkItem& item) const {
        Outcome outcome;
        const Job& job = batch_.jobs[item.job];
        if (!item.failure.empty()) {
            outcome.failure = item.label + ", job " + job.name + ": " + item.failure;
            return outcome;
        }
        std::vector<std::pair<OutputFormat, std::string>> to_render;  // format and fingerprint
        for (OutputFormat format : job.formats) {
            const std::string path = item.output + extension_of(format);
            const std::string fingerprint = Sha256::of(inputs_.fingerprints[item.job] + '\0' + path);
            if (std::optional<ManifestEntry> done = up_to_date(path, fingerprint)) {
                outcome.entries.push_back(std::move(*done));
                ++outcome.skipped;
            } else {
                to_render.emplace_back(format, fingerprint);
            }
        }
        if (to_render.empty()) return outcome;
        try {
            std::vector<Variable> variables;
            if (item.element) variables.push_back({job.each, item.element, item.element_path});
            const Document document = inputs_.templates[item.job]->render(inputs_.data(item.job), variables);
            for (const auto& [format, fingerprint] : to_render) {
                const std::string path = item.output + extension_of(format);
                const RenderedFile file = render_file(document, format, resources_);
                const fs::path target = fs::path(batch_.output_dir) / path;
                create_folders_inside(target.parent_path());
                write_file_atomically(target.string(), file.bytes);
                outcome.entries.push_back({path, format_name(format), job.name, item.element ? item.summary : "",
                                           item.order, file.pages, file.bytes.size(), Sha256::of(file.bytes),
                                           fingerprint, modification_time(target.string())});
                ++outcome.written;
            }
        } catch (const std::exception& error) {
            outcome.failure = item.label + ", job " + job.name + ": " + error.what();
        }
        return outcome;
    }

    // The folders of an output, made where they are missing. A folder already
    // there that is a symbolic link would take the file outside the output
    // folder: the document fails instead. (The output folder itself may be a link.)
    void create_folders_inside(const fs::path& folder) const {
        const fs::path root = fs::path(batch_.output_dir);
        fs::path at = root;
        for (const fs::path& name : folder.lexically_relative(root)) {
            if (name == ".") continue;
            at /= name;
            if (fs::is_symlink(at))
                throw InputError(at.string() + " is a symbolic link: docgen writes only inside the output folder");
        }
        fs::create_directories(folder);
    }

    // Temporary files that a killed run left beside outputs of this run or
    // its manifest: each output belongs to one run (or one part of a sharded
    // run), so no other process is writing them.
    void remove_stale_temporaries() const {
        std::set<std::string> outputs{manifest_path_};
        for (const WorkItem& item : plan_.items)
            for (OutputFormat format : batch_.jobs[item.job].formats)
                outputs.insert((fs::path(batch_.output_dir) / (item.output + extension_of(format))).string());
        std::error_code error;
        for (auto it = fs::recursive_directory_iterator(batch_.output_dir, error); !error && it != fs::end(it);
             it.increment(error)) {
            const std::string target = target_of_temporary(it->path().string());
            std::error_code not_removed;  // left as it is: it is no document
            if (!target.empty() && outputs.count(target)) fs::remove(it->path(), not_removed);
        }
    }

    // The previous manifest with the entries of the documents finished so far
    // put in: what a stopped run leaves.
    void write_manifest_so_far(const std::vector<Outcome>& outcomes, const std::vector<bool>& finished) const {
        std::map<std::string_view, const ManifestEntry*> by_path;
        for (const ManifestEntry& entry : previous_.outputs) by_path[entry.path] = &entry;
        for (size_t i = 0; i < outcomes.size(); ++i)
            if (finished[i])
                for (const ManifestEntry& entry : outcomes[i].entries) by_path[entry.path] = &entry;
        std::vector<const ManifestEntry*> entries;
        for (const auto& [path, entry] : by_path) entries.push_back(entry);
        // A folder that cannot take the manifest (read-only, full) fails no
        // document: the run goes on and its summary says so.
        try {
            Manifest::write(manifest_path_, batch_.path, inputs_.fingerprint, std::move(entries));
        } catch (const std::exception&) {
        }
    }

    // The previous run's entry when the file is still what it wrote from the
    // same inputs. As build tools do, a file whose size and modification time
    // are those recorded is taken as unchanged without reading it; otherwise
    // its hash decides, and the entry records the time it was found unchanged.
    std::optional<ManifestEntry> up_to_date(const std::string& path, const std::string& fingerprint) const {
        if (options_.force) return std::nullopt;
        const auto found = previous_paths_.find(path);
        if (found == previous_paths_.end() || found->second->inputs != fingerprint) return std::nullopt;
        const std::string file = (fs::path(batch_.output_dir) / path).string();
        std::error_code error;
        if (fs::file_size(file, error) != found->second->bytes || error) return std::nullopt;
        ManifestEntry entry = *found->second;
        const std::string modified = modification_time(file);
        if (!modified.empty() && modified == entry.modified) return entry;
        if (Sha256::of_file(file) != entry.sha256) return std::nullopt;
        entry.modified = modified;
        return entry;
    }

    Summary summarise(const std::vector<Outcome>& outcomes, double seconds) const {
        Summary summary;
        Manifest manifest;
        manifest.batch = batch_.path;
        manifest.inputs = inputs_.fingerprint;
        std::set<std::string> produced;
        for (const Outcome& outcome : outcomes) {
            summary.written += outcome.written;
            summary.skipped += outcome.skipped;
            summary.failed += outcome.failure.empty() ? 0 : 1;
            for (const ManifestEntry& entry : outcome.entries) {
                if (outcome.written > 0 || outcome.skipped > 0) summary.pages += entry.pages;
                manifest.outputs.push_back(entry);
                produced.insert(entry.path);
            }
        }
        // A narrowed run (--only) keeps what the manifest says of the other outputs.
        if (!options_.only.empty())
            for (const ManifestEntry& entry : previous_.outputs)
                if (!produced.count(entry.path)) manifest.outputs.push_back(entry);
        try {
            manifest.write(manifest_path_);
        } catch (const std::exception& error) {
            summary.manifest_error = error.what();
        }
        summary.seconds = seconds;
        summary.manifest = manifest_path_;
        return summary;
    }

    const Options& options_;
    const Resources& resources_;
    BatchFile batch_;
    Inputs inputs_;
    Plan plan_;
    std::string manifest_path_;
    Manifest previous_;
    Manifest whole_run_;  // a sharded run's view of manifest.json
    std::map<std::string_view, const ManifestEntry*, std::less<>> previous_paths_;  // into previous_ and whole_run_
};

}  // namespace

unsigned available_cores() {
    cpu_set_t cores;
    if (sched_getaffinity(0, sizeof cores, &cores) == 0) return std::max(1, CPU_COUNT(&cores));
    return std::max(1u, std::thread::hardware_concurrency());
}

Summary run(const Options& options, const Resources& resources) {
    return Runner(options, resources).run();
}

}  // namespace docgen::batch
