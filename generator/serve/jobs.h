// Jobs: what clients ask the server to make. A job waits in a queue until
// one of N slots is free, then is made by that slot's worker: a process
// forked from the server (so fonts and patterns are already loaded) that
// makes one job after another, each in the job's private folder. A document
// that crashes, runs too long or is cancelled takes only the worker with it,
// and the slot forks a new one; a cycle's worker ends after it, so that its
// memory goes back to the system. The folder keeps what the job made until
// it is downloaded or its time is up.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "serve/form.h"

namespace docgen::serve {

// JSON as text, a string that is not UTF-8 (a client's file name, a message
// quoting its bytes) with its bad bytes replaced rather than refused.
std::string json_text(const nlohmann::json& value, int indent = -1);

enum class JobKind { Check, Render, Batch };
enum class JobState { Queued, Running, Done, Failed, Cancelled };

const char* name_of(JobKind kind);    // "check", "render", "batch"
const char* name_of(JobState state);  // "queued", "running", "done", "failed", "cancelled"

// What a job is made from, fixed when it is made. The uploads are files of its folder.
struct JobInput {
    JobKind kind = JobKind::Check;
    std::string template_name;                           // check, render; batch: the template that checks the data
    std::string element;                                 // render: the id of an element of the kind's list
    std::vector<std::pair<std::string, std::string>> bindings;  // render: let NAME=EXPRESSION
    std::vector<std::string> formats;                    // render, batch: "pdf", "docx", "txt"
    bool preview = false;                                // render: the PDF's pages as SVG
    std::string only;                                    // batch: one municipality or school, by id or name
    std::string data_name;                               // the upload's name, for messages
    std::string data_format;                             // "" to tell by the name and the content
    std::string rules_name;                              // the uploaded rules' name; "" when none
};

// Where a job's files are, in its folder (the child process works there).
extern const char* const kUploadedData;   // the data as the client sent it
extern const char* const kUploadedRules;  // the rules as the client sent them

// What workers do: `start` once in each new worker, before its first job
// (to load what every job needs); `work` for each job, with the job's folder
// as the current directory, giving the result to describe the job with.
// `progress` tells how many of how many documents are made.
using Progress = std::function<void(size_t done, size_t total)>;
struct WorkerProgram {
    std::function<void()> start;
    std::function<nlohmann::json(const JobInput& input, const Progress& progress)> work;
};

struct QueueOptions {
    int slots = 1;                           // jobs made at once
    size_t max_queued = 100;                 // waiting at once; more are refused
    std::chrono::seconds keep{3600};         // a finished job is removed so long after it finished …
    std::chrono::seconds after_download{60};  // … or so long after its last file was downloaded whole
    std::chrono::seconds time_limit{1800};   // a job running longer is stopped
};

// A job as it is at a moment, for the API to describe.
struct JobView {
    std::string id;
    JobKind kind;
    JobState state;
    std::string template_name;
    size_t position = 0;  // in the queue, from 1; 0 when not queued
    size_t done = 0;
    size_t total = 0;
    nlohmann::json result;  // what the work answered, once finished (or why it failed)
    long long expires_in = 0;  // seconds, once finished
};

struct Download {
    std::string path;          // in the job's folder
    std::string name;          // the name to give the file
    std::string content_type;
};

class JobQueue {
public:
    // Makes a private folder for the jobs' folders and starts the slots and their workers.
    JobQueue(const QueueOptions& options, WorkerProgram program);
    // Stops the workers and removes every folder.
    ~JobQueue();
    JobQueue(const JobQueue&) = delete;
    JobQueue& operator=(const JobQueue&) = delete;

    // A new job with its uploads written into its folder: its id.
    // RequestError 503 when the queue is full.
    std::string submit(JobInput input, const UploadedFile& data, const std::optional<UploadedFile>& rules);

    std::optional<JobView> view(const std::string& id) const;
    // Returns when the job is finished, or gone, or the time has passed.
    void wait(const std::string& id, std::chrono::milliseconds time) const;
    // Cancels a queued or running job and removes its folder; a finished one is
    // removed. false when there is no such job.
    bool remove(const std::string& id);

    // A finished job's file: "pdf", "docx", "txt", "zip", or "page-N" for a preview.
    std::optional<Download> file(const std::string& id, const std::string& what) const;
    // The file was sent whole: once every file of the job has been, the job
    // goes soon after.
    void downloaded(const std::string& id, const std::string& what);

    // Stops the running jobs and ends every wait: the server is stopping.
    void stop();

    int slots() const { return options_.slots; }
    size_t running() const;
    size_t queued() const;

private:
    struct Job;
    struct Worker;
    void slot();
    bool spawn(Worker& worker);
    void run(const std::shared_ptr<Job>& job, Worker& worker);
    bool await(Job& job, Worker& worker, std::chrono::steady_clock::time_point deadline, nlohmann::json& result,
               bool& timed_out, bool& ended);
    void finish(Job& job, nlohmann::json result, bool cancelled);
    void sweep();
    void remove_folder(Job& job);

    QueueOptions options_;
    WorkerProgram program_;
    std::string root_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::map<std::string, std::shared_ptr<Job>> jobs_;
    std::deque<std::shared_ptr<Job>> queue_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace docgen::serve
