// What a client sends with a request: fields and files, from a
// multipart/form-data body (a browser's form, curl -F) or, for any other
// body, the body as the one file `data` and the target's query as fields.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "serve/http.h"

namespace docgen::serve {

// A request the API refuses: its HTTP status and a message for the user.
class RequestError : public std::runtime_error {
public:
    RequestError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
    int status() const { return status_; }

private:
    int status_;
};

// A file as the client named it. The name is shown in messages, never used as a path.
struct UploadedFile {
    std::string name;
    std::string content_type;
    std::string bytes;
};

struct MultipartPart {
    std::string name;
    std::optional<std::string> file_name;  // set for a file
    std::string content_type;
    std::string value;
};

class Form {
public:
    // RequestError 400 for a malformed multipart body.
    static Form read(Request& request);  // takes the body

    // A field's value: the body's part, else the query's parameter; none when neither has it.
    std::optional<std::string> field(const std::string& name) const;
    // Every value of a field that may repeat (`let`), the body's first.
    std::vector<std::string> fields(const std::string& name) const;
    // A file, or a field with the file's content, taken from the form: nullopt when there is none.
    std::optional<UploadedFile> take_file(const std::string& name);

private:
    std::vector<MultipartPart> parts_;
    const Request* request_ = nullptr;
};

// The parts of a multipart/form-data body (RFC 7578); RequestError 400 when it is malformed.
std::vector<MultipartPart> parse_multipart(const std::string& body, const std::string& content_type);

}  // namespace docgen::serve
