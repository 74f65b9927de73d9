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

const char* const kUploadedData = "data.upload";
const char* const kUploadedRules = "rules.upload";

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

// The child's end: what a new process has (no signals blocked, none of the
// server's connections), the job's folder as its directory, then the work.
[[noreturn]] void child(int report, const std::string& folder, const JobInput& input, const Work& work) {
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, nullptr);
    if (report != 3) {
        ::dup2(report, 3);
        report = 3;
    }
    ::close_range(4, ~0U, 0);
    const auto say = [report](const json& line) {
        const std::string text = line.dump() + "\n";
        for (size_t sent = 0; sent < text.size();) {
            const ssize_t n = ::write(report, text.data() + sent, text.size() - sent);
            if (n <= 0) ::_exit(3);
            sent += static_cast<size_t>(n);
        }
    };
    json result;
    try {
        if (::chdir(folder.c_str()) != 0) throw std::runtime_error("cannot enter the job's folder");
        result = work(input, [&](size_t done, size_t total) { say({{"progress", {done, total}}}); });
    } catch (const std::exception& error) {
        result = failure(error.what());
    }
    say({{"result", result}});
    ::_exit(0);
}

}  // namespace

JobQueue::JobQueue(const QueueOptions& options, Work work)
    : options_(options), work_(std::move(work)), root_(private_root()) {
    for (int i = 0; i < options_.slots; ++i) threads_.emplace_back([this] { slot(); });
    threads_.emplace_back([this] { sweep(); });
}

JobQueue::~JobQueue() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        for (const auto& [id, job] : jobs_)
            if (job->pid > 0) ::kill(job->pid, SIGKILL);
    }
    changed_.notify_all();
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
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            job = queue_.front();
            queue_.pop_front();
            job->state = JobState::Running;
        }
        changed_.notify_all();  // the others' places in the queue
        run(job);
    }
}

void JobQueue::run(const std::shared_ptr<Job>& job) {
    int pipe_ends[2];
    if (::pipe2(pipe_ends, O_CLOEXEC) != 0) {
        std::lock_guard<std::mutex> lock(mutex_);
        finish(*job, failure("cannot start the job: no pipe"), false);
        return;
    }
    // What the child needs is copied before it is forked: in the child, no
    // lock another thread held is ever taken.
    const JobInput input = job->input;
    const std::string folder = job->folder;
    const pid_t pid = ::fork();
    if (pid == 0) child(pipe_ends[1], folder, input, work_);
    ::close(pipe_ends[1]);
    if (pid < 0) {
        ::close(pipe_ends[0]);
        std::lock_guard<std::mutex> lock(mutex_);
        finish(*job, failure("cannot start the job: fork failed"), false);
        return;
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        job->pid = pid;
        if (job->cancelling || stopping_) ::kill(pid, SIGKILL);
    }
    // The child's lines: progress as it goes, the result last.
    const auto deadline = Clock::now() + options_.time_limit;
    json result;
    bool timed_out = false;
    std::string pending;
    char buffer[65536];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            ::kill(pid, SIGKILL);
            timed_out = true;
            break;
        }
        pollfd wait_for{pipe_ends[0], POLLIN, 0};
        if (::poll(&wait_for, 1, static_cast<int>(std::min<long long>(left, 1000))) <= 0) continue;
        const ssize_t n = ::read(pipe_ends[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        pending.append(buffer, static_cast<size_t>(n));
        for (size_t end; (end = pending.find('\n')) != std::string::npos; pending.erase(0, end + 1)) {
            const json line = json::parse(pending.substr(0, end), nullptr, false);
            if (line.contains("progress")) {
                std::lock_guard<std::mutex> lock(mutex_);
                job->done = line["progress"][0];
                job->total = line["progress"][1];
            } else if (line.contains("result")) {
                result = line["result"];
            }
        }
    }
    ::close(pipe_ends[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    std::lock_guard<std::mutex> lock(mutex_);
    job->pid = 0;
    if (timed_out)
        result = failure("Задание шло дольше " + std::to_string(options_.time_limit.count() / 60) +
                         " мин и остановлено.");
    else if (!result.is_object() && !job->cancelling)
        result = failure(WIFSIGNALED(status) ? "Внутренняя ошибка docgen: процесс задания завершён сигналом " +
                                                   std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) +
                                                   ")."
                                             : "Внутренняя ошибка docgen: процесс задания завершился без ответа.");
    finish(*job, std::move(result), job->cancelling);
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
    if (job.state != JobState::Done || !job.result.contains("files")) remove_folder(job);
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
