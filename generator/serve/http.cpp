#include "serve/http.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <utility>  // before Asio: Boost 1.74 uses std::exchange without including it

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "common/error.h"
#include "common/utf8.h"

namespace docgen::serve {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr size_t kHeaderLimit = 64 * 1024;
// How long a client may take: to start a request on an open connection, to
// send a whole request once started, to receive a response.
constexpr auto kIdleTime = std::chrono::seconds(15);
constexpr auto kRequestTime = std::chrono::seconds(120);
constexpr auto kWriteTime = std::chrono::seconds(600);
// After refusing a request whose body is still coming, how long the rest is
// read and dropped, so that a client sending it whole still reads the answer.
constexpr auto kDrainTime = std::chrono::seconds(10);
constexpr auto kReaperEvery = std::chrono::milliseconds(250);

const char* const kServerName = "docgen/" DOCGEN_VERSION;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

Request request_of(http::request<http::string_body>&& message) {
    Request request;
    request.method = std::string(message.method_string());
    const std::string_view target(message.target().data(), message.target().size());
    const size_t question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) {
        std::string_view rest = target.substr(question + 1);
        while (!rest.empty()) {
            const size_t amp = rest.find('&');
            const std::string_view pair = rest.substr(0, amp);
            const size_t equals = pair.find('=');
            if (!pair.empty())
                request.query.emplace(percent_decode(pair.substr(0, equals), true),
                                      equals == std::string_view::npos ? "" : percent_decode(pair.substr(equals + 1), true));
            rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        }
    }
    for (const auto& field : message) {
        std::string& value = request.headers[utf8::to_lower(std::string(field.name_string()))];
        if (!value.empty()) value += ", ";
        value += std::string(field.value());
    }
    request.body = std::move(message.body());
    return request;
}

// A request that is not HTTP, rather than a client that went away.
bool unreadable(const beast::error_code& ec) {
    return ec.category() == http::make_error_code(http::error::bad_target).category() &&
           ec != http::error::end_of_stream && ec != http::error::partial_message;
}

// The connection a thread serves, with the time by which it must have done
// what it is doing; the reaper shuts down the socket of one that has not.
struct Connection {
    int fd = -1;
    std::atomic<Clock::rep> deadline{Clock::time_point::max().time_since_epoch().count()};

    void expire_in(Clock::duration duration) { deadline = (Clock::now() + duration).time_since_epoch().count(); }
    void expire_never() { deadline = Clock::time_point::max().time_since_epoch().count(); }
    bool expired(Clock::time_point now) const { return now.time_since_epoch().count() > deadline; }
};

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else if (text[i] == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string Request::header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? "" : found->second;
}

struct HttpServer::State {
    HttpOptions options;
    Handler handler;
    ErrorResponder error;
    asio::io_context io;
    tcp::acceptor acceptor{io};
    int wake_fd = -1;
    std::atomic<bool> stopping{false};
    std::mutex mutex;
    std::condition_variable changed;
    std::set<Connection*> connections;

    ~State() {
        if (wake_fd >= 0) ::close(wake_fd);
    }

    void serve(tcp::socket socket);
    void exchange(tcp::socket& socket, Connection& connection);  // the requests of a connection
    bool send(tcp::socket& socket, Response& response, bool keep_alive);
    void refuse(tcp::socket& socket, Connection& connection, int status, const std::string& message, bool drain);
    void reap();
};

HttpServer::HttpServer(const HttpOptions& options, Handler handler, ErrorResponder error)
    : state_(std::make_unique<State>()) {
    state_->options = options;
    state_->handler = std::move(handler);
    state_->error = std::move(error);
    beast::error_code ec;
    const asio::ip::address address = asio::ip::make_address(options.bind, ec);
    if (ec) throw std::runtime_error("--bind " + options.bind + ": not an IP address");
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
    state_->acceptor.open(endpoint.protocol(), ec);
    if (!ec) state_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) state_->acceptor.bind(endpoint, ec);
    if (!ec) state_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (!ec) state_->acceptor.non_blocking(true, ec);
    if (ec)
        throw std::runtime_error("cannot listen on " + options.bind + ":" + std::to_string(options.port) + ": " +
                                 ec.message());
    state_->wake_fd = ::eventfd(0, EFD_CLOEXEC);
    if (state_->wake_fd < 0) throw std::runtime_error("cannot create an eventfd");
}

HttpServer::~HttpServer() = default;

int HttpServer::port() const { return state_->acceptor.local_endpoint().port(); }

void HttpServer::stop() {
    state_->stopping = true;
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(state_->wake_fd, &one, sizeof one);
    state_->changed.notify_all();
}

void HttpServer::run() {
    State& state = *state_;
    std::thread reaper([&state] { state.reap(); });
    while (!state.stopping) {
        pollfd fds[2] = {{state.acceptor.native_handle(), POLLIN, 0}, {state.wake_fd, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0 || state.stopping) continue;
        if (!(fds[0].revents & POLLIN)) continue;
        tcp::socket socket(state.io);
        beast::error_code ec;
        state.acceptor.accept(socket, ec);
        if (ec) continue;  // the client went away before it was accepted
        socket.non_blocking(false, ec);
        socket.set_option(tcp::no_delay(true), ec);  // a response's head and body go out without waiting
        std::unique_lock<std::mutex> lock(state.mutex);
        if (state.connections.size() >= state.options.max_connections) {
            lock.unlock();
            Connection connection;
            connection.fd = socket.native_handle();
            state.refuse(socket, connection, 503, "Слишком много соединений; повторите запрос позже.", false);
            continue;
        }
        lock.unlock();
        try {
            std::thread([&state, socket = std::move(socket)]() mutable { state.serve(std::move(socket)); }).detach();
        } catch (const std::system_error&) {
            // no thread to be had: the socket, moved or not, is closed with its owner
        }
    }
    beast::error_code ec;
    state.acceptor.close(ec);
    std::unique_lock<std::mutex> lock(state.mutex);
    for (Connection* connection : state.connections) ::shutdown(connection->fd, SHUT_RDWR);
    state.changed.wait(lock, [&] { return state.connections.empty(); });
    lock.unlock();
    reaper.join();
}

void HttpServer::State::reap() {
    std::unique_lock<std::mutex> lock(mutex);
    while (!stopping) {
        changed.wait_for(lock, kReaperEvery);
        const auto now = Clock::now();
        for (Connection* connection : connections)
            if (connection->expired(now)) ::shutdown(connection->fd, SHUT_RDWR);
    }
}

void HttpServer::State::serve(tcp::socket socket) {
    Connection connection;
    connection.fd = socket.native_handle();
    {
        std::lock_guard<std::mutex> lock(mutex);
        connections.insert(&connection);
    }
    try {
        exchange(socket, connection);
    } catch (const std::exception&) {
        // memory or a thread ran out for this connection: it closes, the others go on
    }
    beast::error_code ec;
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
    std::lock_guard<std::mutex> lock(mutex);
    connections.erase(&connection);
    changed.notify_all();
}

void HttpServer::State::exchange(tcp::socket& socket, Connection& connection) {
    beast::flat_buffer buffer;
    bool keep_alive = true;
    while (keep_alive && !stopping) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(kHeaderLimit);
        parser.body_limit(options.max_body);
        connection.expire_in(buffer.size() > 0 ? kRequestTime : kIdleTime);
        beast::error_code ec;
        http::read_header(socket, buffer, parser, ec);
        if (ec == http::error::body_limit) {
            refuse(socket, connection, 413, "", true);
            break;
        }
        if (ec) {
            if (ec == http::error::header_limit) refuse(socket, connection, 431, "Заголовки запроса слишком велики.", false);
            else if (unreadable(ec)) refuse(socket, connection, 400, "Запрос не читается как HTTP.", false);
            break;  // otherwise the client closed the connection or took too long
        }
        connection.expire_in(kRequestTime);
        if (utf8::to_lower(std::string(parser.get()[http::field::expect])) == "100-continue") {
            static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            asio::write(socket, asio::buffer(kContinue), ec);
            if (ec) break;
        }
        http::read(socket, buffer, parser, ec);
        if (ec == http::error::body_limit) {
            refuse(socket, connection, 413, "", true);
            break;
        }
        if (ec) {
            if (unreadable(ec)) refuse(socket, connection, 400, "Запрос не читается как HTTP.", false);
            break;
        }
        keep_alive = parser.get().keep_alive();
        Request request = request_of(parser.release());
        connection.expire_never();  // a handler may wait for a job
        Response response;
        try {
            response = handler(request);
        } catch (const std::exception& failure) {
            response = error(500, std::string("Внутренняя ошибка сервера: ") + failure.what());
        }
        connection.expire_in(kWriteTime);
        if (!send(socket, response, keep_alive)) break;
    }
}

void HttpServer::State::refuse(tcp::socket& socket, Connection& connection, int status, const std::string& message,
                               bool drain) {
    Response response =
        error(status, status == 413 ? "Файл больше допустимого: не более " +
                                          std::to_string(options.max_body >> 20) + " МБ за один запрос."
                                    : message);
    response.headers.emplace_back("Connection", "close");
    connection.expire_in(kIdleTime);
    if (!send(socket, response, false) || !drain) return;
    // The client may still be sending: read what comes, for a while, so that
    // closing does not reset the connection before it reads the answer.
    beast::error_code ec;
    socket.shutdown(tcp::socket::shutdown_send, ec);
    connection.expire_in(kDrainTime);
    char sink[16384];
    while (!ec) socket.read_some(asio::buffer(sink), ec);
}

bool HttpServer::State::send(tcp::socket& socket, Response& response, bool keep_alive) {
    const auto finish = [&](auto& message) {
        message.set(http::field::server, kServerName);
        message.set(http::field::content_type, response.content_type);
        for (const auto& [name, value] : response.headers) message.set(name, value);
        message.keep_alive(keep_alive);
        message.prepare_payload();
        beast::error_code ec;
        http::write(socket, message, ec);
        if (ec) return false;
        if (response.on_sent) response.on_sent();
        return true;
    };
    if (!response.file.empty()) {
        http::response<http::file_body> message{static_cast<http::status>(response.status), 11};
        beast::error_code ec;
        message.body().open(response.file.c_str(), beast::file_mode::scan, ec);
        if (!ec) return finish(message);
        response = error(404, "Файл уже удалён с сервера.");
    }
    http::response<http::string_body> message{static_cast<http::status>(response.status), 11};
    message.body() = std::move(response.body);
    return finish(message);
}

}  // namespace docgen::serve
