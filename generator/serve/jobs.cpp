#include "serve/jobs.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>

#include "common/error.h"
#include "common/files.h"

namespace docgen::serve {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

// How long a job that made no files (a check, a failure) is kept for its answer.
constexpr auto kKeepWithoutFiles = std::chrono::minutes(5);

const char* const kUploadedData = "data.upload";
const char* const kUploadedRules = "rules.upload";

std::string json_text(const json& value, int indent) {
    return value.dump(indent, ' ', false, json::error_handler_t::replace);
}

const char* name_of(JobKind kind) {
    switch (kind) {
        case JobKind::Check: return "check";
        case JobKind::Render: return "render";
        case JobKind::Batch: return "batch";
    }
    return "";
}

const char* name_of(JobState state) {
    switch (state) {
        case JobState::Queued: return "queued";
        case JobState::Running: return "running";
        case JobState::Done: return "done";
        case JobState::Failed: return "failed";
        case JobState::Cancelled: return "cancelled";
    }
    return "";
}

struct JobQueue::Job {
    std::string id;
    JobInput input;
    std::string folder;
    JobState state = JobState::Queued;
    size_t done = 0;
    size_t total = 0;
    json result = json::object();
    pid_t pid = 0;
    bool cancelling = false;
    Clock::time_point expires = Clock::time_point::max();
    std::set<std::string> downloaded;
};

namespace {

// 128 random bits: a job's id is all a client needs to reach its files, so it cannot be guessed.
std::string new_id() {
    static std::mutex mutex;
    static std::random_device device;
    std::lock_guard<std::mutex> lock(mutex);
    std::string id;
    for (int i = 0; i < 4; ++i) {
        char part[9];
        std::snprintf(part, sizeof part, "%08x", static_cast<unsigned>(device()));
        id += part;
    }
    return id;
}

std::string private_root() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = (fs::path(tmp && *tmp ? tmp : "/tmp") / "docgen-serve-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        throw InputError(pattern + ": cannot make the jobs' folder: " + std::strerror(errno));
    return pattern;  // mkdtemp makes it readable by its owner only
}

const char* content_type_of(const std::string& format) {
    if (format == "pdf") return "application/pdf";
    if (format == "docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (format == "txt") return "text/plain; charset=utf-8";
    if (format == "zip") return "application/zip";
    return "application/octet-stream";
}

bool finished(JobState state) { return state != JobState::Queued && state != JobState::Running; }

json failure(const std::string& error) { return {{"error", error}}; }

// A job as its worker reads it: one line of JSON.
std::string job_line(const JobInput& input, const std::string& folder) {
    json bindings = json::array();
    for (const auto& [name, expression] : input.bindings) bindings.push_back({name, expression});
    return json_text({{"kind", static_cast<int>(input.kind)}, {"template", input.template_name},
                      {"element", input.element}, {"bindings", std::move(bindings)}, {"formats", input.formats},
                      {"preview", input.preview}, {"only", input.only}, {"data_name", input.data_name},
                      {"data_format", input.data_format}, {"rules_name", input.rules_name}, {"folder", folder}}) +
           "\n";
}

JobInput job_of(const json& line) {
    JobInput input;
    input.kind = static_cast<JobKind>(line["kind"].get<int>());
    input.template_name = line["template"];
    input.element = line["element"];
    for (const json& binding : line["bindings"]) input.bindings.emplace_back(binding[0], binding[1]);
    input.formats = line["formats"];
    input.preview = line["preview"];
    input.only = line["only"];
    input.data_name = line["data_name"];
    input.data_format = line["data_format"];
    input.rules_name = line["rules_name"];
    return input;
}

bool write_all(int fd, const std::string& text) {
    for (size_t sent = 0; sent < text.size();) {
        const ssize_t n = ::write(fd, text.data() + sent, text.size() - sent);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        sent += static_cast<size_t>(n);
    }
    return true;
}

// A worker: what a new process has (no signals blocked, none of the
// server's connections or files), then jobs read from `jobs`, one line
// each, their progress and results written to `results`, until the server
// closes its end.
[[noreturn]] void worker_main(int jobs, int results, const WorkerProgram& program) {
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, nullptr);
    const int in = ::fcntl(jobs, F_DUPFD, 10), out = ::fcntl(results, F_DUPFD, 10);
    ::dup2(in, 3);
    ::dup2(out, 4);
    ::close_range(5, ~0U, 0);
    const auto say = [](const json& line) {
        if (!write_all(4, json_text(line) + "\n")) ::_exit(3);
    };
    std::string start_failure;
    try {
        program.start();
    } catch (const std::exception& error) {
        start_failure = error.what();  // every job says so
    }
    std::FILE* input = ::fdopen(3, "r");
    char* text = nullptr;
    size_t capacity = 0;
    while (input && ::getline(&text, &capacity, input) > 0) {
        JobInput job;
        json result;
        try {
            const json line = json::parse(text);
            job = job_of(line);
            say({{"taken", true}});
            if (!start_failure.empty()) throw std::runtime_error(start_failure);
            if (::chdir(line["folder"].get<std::string>().c_str()) != 0)
                throw std::runtime_error("cannot enter the job's folder");
            result = program.work(job, [&](size_t done, size_t total) { say({{"progress", {done, total}}}); });
        } catch (const std::exception& error) {
            result = failure(error.what());
        }
        [[maybe_unused]] const int back = ::chdir("/");
        say({{"result", result}});
        if (job.kind == JobKind::Batch) break;  // a cycle's memory goes back whole with its worker
    }
    ::_exit(0);
}

}  // namespace

// A slot's worker process and its two pipes.
struct JobQueue::Worker {
    pid_t pid = 0;
    int jobs = -1;     // the server writes jobs here
    int results = -1;  // and reads progress and results here
    std::string pending;

    bool alive() const { return pid > 0; }
    // Waits for the process (killed or ending by itself) and closes the pipes.
    void reap() {
        if (jobs >= 0) ::close(jobs);
        if (results >= 0) ::close(results);
        if (pid > 0)
            while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
        pid = 0;
        jobs = results = -1;
        pending.clear();
    }
    int status = 0;
};

JobQueue::JobQueue(const QueueOptions& options, WorkerProgram program)
    : options_(options), program_(std::move(program)), root_(private_root()) {
    for (int i = 0; i < options_.slots; ++i) threads_.emplace_back([this] { slot(); });
    threads_.emplace_back([this] { sweep(); });
}

void JobQueue::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        for (const auto& [id, job] : jobs_)
            if (job->pid > 0) ::kill(job->pid, SIGKILL);
    }
    changed_.notify_all();
}

JobQueue::~JobQueue() {
    stop();
    for (std::thread& thread : threads_) thread.join();
    std::error_code error;
    fs::remove_all(root_, error);
}

std::string JobQueue::submit(JobInput input, const UploadedFile& data, const std::optional<UploadedFile>& rules) {
    const auto full = [&] {
        return RequestError(503, "Очередь заполнена: ждут " + std::to_string(queue_.size()) +
                                     " заданий. Повторите запрос позже.");
    };
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (queue_.size() >= options_.max_queued) throw full();
    }
    auto job = std::make_shared<Job>();
    job->id = new_id();
    job->folder = (fs::path(root_) / job->id).string();
    job->input = std::move(input);
    if (::mkdir(job->folder.c_str(), 0700) != 0) throw std::runtime_error("cannot make a job's folder");
    try {
        write_file_atomically((fs::path(job->folder) / kUploadedData).string(), data.bytes);
        if (rules) write_file_atomically((fs::path(job->folder) / kUploadedRules).string(), rules->bytes);
    } catch (const std::exception&) {
        remove_folder(*job);
        throw RequestError(507, "Не удалось сохранить присланный файл: на сервере нет места.");
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (queue_.size() >= options_.max_queued) {
            remove_folder(*job);
            throw full();
        }
        jobs_[job->id] = job;
        queue_.push_back(job);
    }
    changed_.notify_all();
    return job->id;
}

void JobQueue::slot() {
    Worker worker;
    spawn(worker);  // ready before the first job comes
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (stopping_) break;
            job = queue_.front();
            queue_.pop_front();
            job->state = JobState::Running;
        }
        changed_.notify_all();  // the others' places in the queue
        try {
            run(job, worker);
        } catch (const std::exception& error) {  // the server's own failure: the job says so, the slot goes on
            std::lock_guard<std::mutex> lock(mutex_);
            if (job->state == JobState::Running) finish(*job, failure(error.what()), false);
        }
    }
    if (worker.jobs >= 0) ::close(worker.jobs);  // an idle worker ends when its jobs' pipe closes
    worker.jobs = -1;
    worker.reap();
}

bool JobQueue::spawn(Worker& worker) {
    int jobs[2], results[2];
    if (::pipe2(jobs, O_CLOEXEC) != 0) return false;
    if (::pipe2(results, O_CLOEXEC) != 0) {
        ::close(jobs[0]);
        ::close(jobs[1]);
        return false;
    }
    // The worker uses nothing that another thread of the server may hold
    // locked at this moment: the program's state is its own, made in start().
    const pid_t pid = ::fork();
    if (pid == 0) worker_main(jobs[0], results[1], program_);
    ::close(jobs[0]);
    ::close(results[1]);
    if (pid < 0) {
        ::close(jobs[1]);
        ::close(results[0]);
        return false;
    }
    worker = Worker{pid, jobs[1], results[0], "", 0};
    return true;
}

// The worker's lines: progress as it goes, the result last. Whether the
// worker said it took the job.
bool JobQueue::await(Job& job, Worker& worker, Clock::time_point deadline, json& result, bool& timed_out,
                     bool& ended) {
    bool taken = false;
    char buffer[65536];
    while (result.is_null() && !ended) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            ::kill(worker.pid, SIGKILL);
            timed_out = ended = true;
            break;
        }
        pollfd wait_for{worker.results, POLLIN, 0};
        if (::poll(&wait_for, 1, static_cast<int>(std::min<long long>(left, 1000))) <= 0) continue;
        const ssize_t n = ::read(worker.results, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ended = true;
            break;
        }
        worker.pending.append(buffer, static_cast<size_t>(n));
        for (size_t end; result.is_null() && (end = worker.pending.find('\n')) != std::string::npos;
             worker.pending.erase(0, end + 1)) {
            json message = json::parse(worker.pending.substr(0, end), nullptr, false);
            if (message.contains("taken")) {
                taken = true;
            } else if (message.contains("progress")) {
                std::lock_guard<std::mutex> lock(mutex_);
                job.done = message["progress"][0];
                job.total = message["progress"][1];
            } else if (message.contains("result")) {
                result = std::move(message["result"]);
            }
        }
    }
    return taken;
}

void JobQueue::run(const std::shared_ptr<Job>& job, Worker& worker) {
    const std::string line = job_line(job->input, job->folder);
    const auto deadline = Clock::now() + options_.time_limit;
    json result;
    bool timed_out = false;
    bool ended = false;  // the worker is gone: killed, crashed, or done after a cycle
    // A worker that died while it waited (it was killed: a signal may take a
    // while to end a process) ends before it says it has taken the job; the
    // job, not begun, goes to a new worker, once.
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!worker.alive() && !spawn(worker)) break;
        if (!write_all(worker.jobs, line)) {
            ::kill(worker.pid, SIGKILL);
            worker.reap();
            continue;
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            job->pid = worker.pid;
            if (job->cancelling || stopping_) ::kill(worker.pid, SIGKILL);
        }
        const bool taken = await(*job, worker, deadline, result, timed_out, ended);
        bool cancelling = false;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            cancelling = job->cancelling || stopping_;
        }
        if (taken || timed_out || cancelling) break;
        worker.reap();
        ended = false;
    }
    if (!worker.alive() && !ended && result.is_null() && !timed_out) {
        std::lock_guard<std::mutex> lock(mutex_);
        job->pid = 0;
        finish(*job, failure("Не удалось запустить процесс задания."), job->cancelling);
        return;
    }
    // A cycle's worker ends after it; one that ended otherwise was killed or crashed.
    if (ended || job->input.kind == JobKind::Batch) worker.reap();
    std::unique_lock<std::mutex> lock(mutex_);
    job->pid = 0;
    if (timed_out)
        result = failure("Задание шло дольше " + std::to_string(options_.time_limit.count() / 60) +
                         " мин и остановлено.");
    else if (!result.is_object() && !job->cancelling)
        result = failure(WIFSIGNALED(worker.status)
                             ? "Внутренняя ошибка docgen: процесс задания завершён сигналом " +
                                   std::to_string(WTERMSIG(worker.status)) + " (" + strsignal(WTERMSIG(worker.status)) + ")."
                             : "Внутренняя ошибка docgen: процесс задания завершился без ответа.");
    finish(*job, std::move(result), job->cancelling);
    // The next job finds a worker ready, its templates loaded.
    const bool stopping = stopping_;
    lock.unlock();
    if (!worker.alive() && !stopping) spawn(worker);
}

// Called with the lock held.
void JobQueue::finish(Job& job, json result, bool cancelled) {
    if (cancelled || !result.is_object()) result = json::object();
    job.state = cancelled ? JobState::Cancelled : result.contains("error") ? JobState::Failed : JobState::Done;
    job.result = std::move(result);
    job.expires = Clock::now() + options_.keep;
    std::error_code error;
    fs::remove(fs::path(job.folder) / kUploadedData, error);
    fs::remove(fs::path(job.folder) / kUploadedRules, error);
    if (job.state != JobState::Done || !job.result.contains("files")) {
        // Nothing to download: the answer is told at once, and kept only a while.
        remove_folder(job);
        job.expires = Clock::now() + std::min<Clock::duration>(options_.keep, kKeepWithoutFiles);
    }
    changed_.notify_all();
}

void JobQueue::remove_folder(Job& job) {
    std::error_code error;
    fs::remove_all(job.folder, error);
}

void JobQueue::sweep() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        changed_.wait_for(lock, std::chrono::seconds(1));
        const auto now = Clock::now();
        for (auto it = jobs_.begin(); it != jobs_.end();) {
            if (finished(it->second->state) && it->second->expires <= now) {
                remove_folder(*it->second);
                it = jobs_.erase(it);
            } else {
                ++it;
            }
        }
    }
}

std::optional<JobView> JobQueue::view(const std::string& id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = jobs_.find(id);
    if (found == jobs_.end()) return std::nullopt;
    const Job& job = *found->second;
    JobView view{job.id, job.input.kind, job.state, job.input.template_name, 0, job.done, job.total, job.result, 0};
    if (job.state == JobState::Queued)
        for (size_t i = 0; i < queue_.size(); ++i)
            if (queue_[i].get() == &job) view.position = i + 1;
    if (finished(job.state))
        view.expires_in = std::max<long long>(
            0, std::chrono::duration_cast<std::chrono::seconds>(job.expires - Clock::now()).count());
    return view;
}

void JobQueue::wait(const std::string& id, std::chrono::milliseconds time) const {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, time, [&] {
        const auto found = jobs_.find(id);
        return stopping_ || found == jobs_.end() || finished(found->second->state);
    });
}

bool JobQueue::remove(const std::string& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = jobs_.find(id);
    if (found == jobs_.end()) return false;
    Job& job = *found->second;
    if (job.state == JobState::Queued) {
        queue_.erase(std::find(queue_.begin(), queue_.end(), found->second));
        finish(job, json::object(), true);
    } else if (job.state == JobState::Running) {
        // The slot's thread reaps the process and finishes the job as cancelled.
        job.cancelling = true;
        if (job.pid > 0) ::kill(job.pid, SIGKILL);
    } else {
        remove_folder(job);
        jobs_.erase(found);
    }
    changed_.notify_all();
    return true;
}

std::optional<Download> JobQueue::file(const std::string& id, const std::string& what) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = jobs_.find(id);
    if (found == jobs_.end() || found->second->state != JobState::Done) return std::nullopt;
    const Job& job = *found->second;
    if (what.rfind("page-", 0) == 0) {
        const std::string number = what.substr(5);
        if (number.empty() || number.size() > 6 || number.find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        const int page = std::stoi(number);
        if (page < 1 || page > job.result.value("previews", 0)) return std::nullopt;
        return Download{(fs::path(job.folder) / "pages" / (number + ".svg")).string(), number + ".svg",
                        "image/svg+xml; charset=utf-8"};
    }
    for (const json& file : job.result.value("files", json::array()))
        if (file["format"] == what)
            return Download{(fs::path(job.folder) / file["file"].get<std::string>()).string(), file["name"],
                            content_type_of(what)};
    return std::nullopt;
}

void JobQueue::downloaded(const std::string& id, const std::string& what) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = jobs_.find(id);
    if (found == jobs_.end() || what.rfind("page-", 0) == 0) return;
    Job& job = *found->second;
    job.downloaded.insert(what);
    for (const json& file : job.result.value("files", json::array()))
        if (!job.downloaded.count(file["format"])) return;
    job.expires = std::min(job.expires, Clock::now() + options_.after_download);
}

size_t JobQueue::running() const {
    std::lock_guard<std::mutex> lock(mutex_);
    size_t count = 0;
    for (const auto& [id, job] : jobs_) count += job->state == JobState::Running ? 1 : 0;
    return count;
}

size_t JobQueue::queued() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return queue_.size();
}

}  // namespace docgen::serve
