// What rendering through `docgen serve` costs over the same render in one
// process: the order 859-ОД as a PDF, alternately
//   A. in this process: its data parsed, bound to the loaded template, laid
//      out and written (what `docgen render` does, resources loaded once);
//   B. through the API of a `docgen serve` started beside: the data uploaded
//      (multipart, POST /api/render?wait=…) and the PDF downloaded, on one
//      kept-alive connection.
// Prints the medians of A and B and their difference, the overhead, the
// median of the rounds' differences, which drifts of a busy machine disturb
// less, and the processor time each way takes, which they do not disturb
// (the server's includes the removal of each job, which is not timed).
//
//   build/serve_overhead [--docgen build/docgen] [--rounds 40]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/files.h"
#include "common/json_file.h"
#include "render/input.h"
#include "render/render.h"
#include "render/resources.h"
#include "template/template.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this process, all its threads (those ended too), in ms.
double own_cpu_ms() {
    timespec time;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time);
    return time.tv_sec * 1e3 + time.tv_nsec / 1e6;
}

// CPU time of another process and its ended threads, in ms (clock ticks: fine over many rounds).
double cpu_ms(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i)
        if (i >= 14) ticks += std::stod(field);  // utime, stime
    return ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// The server and its workers, which live as long as it does.
double server_cpu_ms(pid_t server) {
    double total = cpu_ms(server);
    for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(server) + "/task")) {
        std::ifstream children(task.path() / "children");
        for (pid_t child; children >> child;) total += cpu_ms(child);
    }
    return total;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// `docgen serve` on a free port, stopped when this ends.
class Server {
public:
    explicit Server(const std::string& docgen) {
        int out[2];
        if (pipe(out) != 0) throw std::runtime_error("pipe");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        std::vector<std::string> args{docgen, "serve", "--port", "0", "--jobs", "1"};
        std::vector<char*> argv;
        for (std::string& arg : args) argv.push_back(arg.data());
        argv.push_back(nullptr);
        if (posix_spawn(&pid_, docgen.c_str(), &actions, nullptr, argv.data(), environ) != 0)
            throw std::runtime_error("cannot start " + docgen);
        close(out[1]);
        std::string line;
        char c;
        while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
        close(out[0]);
        const size_t colon = line.find(':', line.find("://") + 3);
        if (colon == std::string::npos) throw std::runtime_error("docgen serve did not start: " + line);
        port_ = std::stoi(line.substr(colon + 1));
    }
    ~Server() {
        kill(pid_, SIGTERM);
        waitpid(pid_, nullptr, 0);
    }
    int port() const { return port_; }
    pid_t pid() const { return pid_; }

private:
    pid_t pid_ = 0;
    int port_ = 0;
};

// HTTP/1.1 on one kept-alive connection; just what the benchmark sends.
class Client {
public:
    explicit Client(int port) {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        const int one = 1;
        setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            throw std::runtime_error("cannot connect");
    }
    ~Client() { close(fd_); }

    std::string request(const std::string& method, const std::string& target, const std::string& type = "",
                        const std::string& body = "") {
        std::string head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (!type.empty()) head += "Content-Type: " + type + "\r\n";
        head += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
        send_all(head + body);
        // The head, then as many bytes as Content-Length says.
        size_t end;
        while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) receive();
        const std::string headers = buffer_.substr(0, end);
        if (headers.rfind("HTTP/1.1 200", 0) != 0 && headers.rfind("HTTP/1.1 202", 0) != 0)
            throw std::runtime_error(method + " " + target + ": " + headers.substr(0, headers.find('\r')));
        const size_t length_at = headers.find("Content-Length: ");
        const size_t length = std::stoul(headers.substr(length_at + 16));
        while (buffer_.size() < end + 4 + length) receive();
        std::string answer = buffer_.substr(end + 4, length);
        buffer_.erase(0, end + 4 + length);
        return answer;
    }

private:
    void send_all(const std::string& bytes) {
        for (size_t sent = 0; sent < bytes.size();) {
            const ssize_t n = send(fd_, bytes.data() + sent, bytes.size() - sent, 0);
            if (n <= 0) throw std::runtime_error("send failed");
            sent += static_cast<size_t>(n);
        }
    }
    void receive() {
        char chunk[65536];
        const ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) throw std::runtime_error("the server closed the connection");
        buffer_.append(chunk, static_cast<size_t>(n));
    }

    int fd_ = -1;
    std::string buffer_;
};

}  // namespace

int main(int argc, char** argv) {
    std::string docgen = "build/docgen";
    int rounds = 40;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--docgen") == 0) docgen = argv[i + 1];
        if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::max(1, std::atoi(argv[i + 1]));
    }
    const std::string source = DOCGEN_SOURCE_DIR;
    const std::string data_path = source + "/examples/order-859/data.json";
    const std::string data = docgen::read_file(data_path, "data");
    try {
        const docgen::Resources resources = docgen::Resources::load({});
        const docgen::Template order = docgen::Template::load(source + "/templates/order.xml");
        Server server(docgen);
        Client client(server.port());
        const std::string boundary = "----docgen-bench";
        const std::string body = "--" + boundary +
                                 "\r\nContent-Disposition: form-data; name=\"template\"\r\n\r\norder\r\n--" + boundary +
                                 "\r\nContent-Disposition: form-data; name=\"formats\"\r\n\r\npdf\r\n--" + boundary +
                                 "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"data.json\"\r\n\r\n" +
                                 data + "\r\n--" + boundary + "--\r\n";
        std::vector<double> alone, through_api, differences;
        size_t pdf_bytes[2] = {0, 0};
        double cpu_alone = 0, cpu_client = 0, cpu_server = 0;
        for (int round = -2; round < rounds; ++round) {  // two rounds to warm up
            if (round == 0) cpu_server = -server_cpu_ms(server.pid());
            double cpu = own_cpu_ms();
            auto start = Clock::now();
            const nlohmann::json raw = docgen::parse_json(data, data_path);
            const nlohmann::json prepared = docgen::prepare_data(order, raw, data_path, "");
            const docgen::RenderedFile file =
                docgen::render_file(order.render(prepared), docgen::OutputFormat::Pdf, resources);
            const double a = milliseconds_since(start);
            if (round >= 0) cpu_alone += own_cpu_ms() - cpu;

            cpu = own_cpu_ms();
            start = Clock::now();
            const nlohmann::json job = nlohmann::json::parse(
                client.request("POST", "/api/render?wait=30", "multipart/form-data; boundary=" + boundary, body));
            if (job.value("state", "") != "done") throw std::runtime_error("the job did not finish: " + job.dump());
            const std::string pdf = client.request("GET", job["files"][0]["url"]);
            const double b = milliseconds_since(start);
            if (round >= 0) cpu_client += own_cpu_ms() - cpu;
            client.request("DELETE", job["url"]);  // not timed: the job's folder goes
            if (round >= 0) {
                alone.push_back(a);
                through_api.push_back(b);
                differences.push_back(b - a);
            }
            pdf_bytes[0] = file.bytes.size();
            pdf_bytes[1] = pdf.size();
        }
        cpu_server += server_cpu_ms(server.pid());
        if (pdf_bytes[0] != pdf_bytes[1]) throw std::runtime_error("the API's PDF differs from the one made here");
        const double a = median(alone), b = median(through_api);
        std::printf("order 859-ОД as PDF, %d alternating rounds, medians:\n", rounds);
        std::printf("  in one process      %7.2f ms\n", a);
        std::printf("  through the API     %7.2f ms\n", b);
        std::printf("  overhead            %7.2f ms (the median of each round's difference: %.2f ms)\n", b - a,
                    median(differences));
        // What a busy machine does not move: the processor time each way takes, a round on average.
        std::printf("processor time a round, on average:\n");
        std::printf("  in one process      %7.2f ms\n", cpu_alone / rounds);
        std::printf("  through the API     %7.2f ms (client %.2f, server and its worker %.2f)\n",
                    (cpu_client + cpu_server) / rounds, cpu_client / rounds, cpu_server / rounds);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "serve_overhead: %s\n", error.what());
        return 1;
    }
    return 0;
}
