// An HTTP/1.1 server on Boost.Beast: a thread per connection, requests read
// whole up to a size limit, responses from memory or streamed from a file.
// Everything it knows of the application is a handler from requests to
// responses; Boost stays inside http.cpp.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace docgen::serve {

struct Request {
    std::string method;  // "GET", "POST", …
    std::string path;    // the target before '?', as sent: "/api/jobs/3f2a…"
    std::multimap<std::string, std::string> query;  // decoded parameters of the target
    std::map<std::string, std::string> headers;     // names in lower case
    std::string body;

    // A header's value, "" when absent; `name` in lower case.
    std::string header(const std::string& name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::string file;  // when not empty: the body is this file's content instead
    std::vector<std::pair<std::string, std::string>> headers;
    std::function<void()> on_sent;  // called when the whole response has been sent
};

using Handler = std::function<Response(Request&)>;  // may take the body
// What the server itself answers: a request it cannot read, one too large,
// too many connections, a handler that threw.
using ErrorResponder = std::function<Response(int status, const std::string& message)>;

struct HttpOptions {
    std::string bind = "127.0.0.1";
    int port = 8080;                // 0: any free port (port() tells which)
    size_t max_body = 50u << 20;    // bytes; a larger request is answered 413
    size_t max_connections = 256;   // more at once are answered 503
};

class HttpServer {
public:
    // Binds and listens; std::runtime_error saying why it cannot.
    HttpServer(const HttpOptions& options, Handler handler, ErrorResponder error);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    int port() const;
    // Accepts connections until stop(); returns when every connection is closed.
    void run();
    // Safe from any thread and from a signal-waiting thread.
    void stop();

private:
    struct State;
    std::unique_ptr<State> state_;
};

// "%D0%9F" → the bytes; '+' is a space in query strings.
std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace docgen::serve
