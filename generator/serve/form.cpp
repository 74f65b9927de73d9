#include "serve/form.h"

#include <algorithm>
#include <cctype>

#include "common/utf8.h"

namespace docgen::serve {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// The parameters of a header value: `form-data; name="data"; filename="a.json"`
// → {"name": "data", "filename": "a.json"}; quoted values may escape '"' and '\'.
std::vector<std::pair<std::string, std::string>> header_parameters(std::string_view value) {
    std::vector<std::pair<std::string, std::string>> parameters;
    size_t i = value.find(';');
    while (i != std::string_view::npos && i < value.size()) {
        ++i;
        const size_t equals = value.find('=', i);
        if (equals == std::string_view::npos) break;
        const std::string name = utf8::to_lower(std::string(trim(value.substr(i, equals - i))));
        i = equals + 1;
        while (i < value.size() && value[i] == ' ') ++i;
        std::string text;
        if (i < value.size() && value[i] == '"') {
            for (++i; i < value.size() && value[i] != '"'; ++i) {
                if (value[i] == '\\' && i + 1 < value.size()) ++i;
                text += value[i];
            }
            i = value.find(';', i);
        } else {
            const size_t end = value.find(';', i);
            text = std::string(trim(value.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i)));
            i = end;
        }
        parameters.emplace_back(name, text);
    }
    return parameters;
}

std::optional<std::string> parameter(const std::vector<std::pair<std::string, std::string>>& parameters,
                                     const std::string& name) {
    for (const auto& [key, value] : parameters)
        if (key == name) return value;
    return std::nullopt;
}

[[noreturn]] void malformed(const std::string& why) {
    throw RequestError(400, "Тело запроса multipart/form-data не читается: " + why + ".");
}

}  // namespace

std::vector<MultipartPart> parse_multipart(const std::string& body, const std::string& content_type) {
    const std::optional<std::string> boundary = parameter(header_parameters(content_type), "boundary");
    if (!boundary || boundary->empty() || boundary->size() > 200) malformed("в Content-Type нет границы частей (boundary)");
    const std::string delimiter = "--" + *boundary;
    std::vector<MultipartPart> parts;
    size_t at = body.find(delimiter);
    if (at == std::string::npos) malformed("нет ни одной части");
    at += delimiter.size();
    for (;;) {
        if (body.compare(at, 2, "--") == 0) return parts;  // the closing delimiter
        if (body.compare(at, 2, "\r\n") != 0) malformed("после границы частей нет перевода строки");
        at += 2;
        const size_t headers_end = body.find("\r\n\r\n", at);
        if (headers_end == std::string::npos) malformed("у части нет конца заголовков");
        MultipartPart part;
        bool disposition = false;
        for (size_t line = at; line < headers_end;) {
            size_t end = body.find("\r\n", line);
            if (end == std::string::npos || end > headers_end) end = headers_end;
            const std::string_view header(body.data() + line, end - line);
            const size_t colon = header.find(':');
            if (colon != std::string_view::npos) {
                const std::string name = utf8::to_lower(std::string(trim(header.substr(0, colon))));
                const std::string_view value = trim(header.substr(colon + 1));
                if (name == "content-disposition") {
                    const auto parameters = header_parameters(value);
                    part.name = parameter(parameters, "name").value_or("");
                    part.file_name = parameter(parameters, "filename");
                    disposition = true;
                } else if (name == "content-type") {
                    part.content_type = std::string(value);
                }
            }
            line = end + 2;
        }
        if (!disposition || part.name.empty()) malformed("у части нет имени (Content-Disposition: form-data; name=…)");
        const size_t content = headers_end + 4;
        const size_t next = body.find("\r\n" + delimiter, content);
        if (next == std::string::npos) malformed("часть «" + part.name + "» не закончена");
        part.value = body.substr(content, next - content);
        parts.push_back(std::move(part));
        at = next + 2 + delimiter.size();
    }
}

Form Form::read(Request& request) {
    Form form;
    form.request_ = &request;
    const std::string content_type = request.header("content-type");
    if (utf8::to_lower(content_type).rfind("multipart/form-data", 0) == 0) {
        form.parts_ = parse_multipart(request.body, content_type);
    } else if (!request.body.empty()) {
        // The body is the data; its name, for messages, from the query.
        MultipartPart data;
        data.name = "data";
        const auto name = request.query.find("name");
        data.file_name = name != request.query.end() ? name->second : "data";
        data.content_type = content_type;
        data.value = std::move(request.body);
        form.parts_.push_back(std::move(data));
    }
    request.body.clear();
    request.body.shrink_to_fit();
    return form;
}

std::optional<std::string> Form::field(const std::string& name) const {
    for (const MultipartPart& part : parts_)
        if (part.name == name && !part.file_name) return part.value;
    const auto found = request_->query.find(name);
    if (found != request_->query.end()) return found->second;
    return std::nullopt;
}

std::vector<std::string> Form::fields(const std::string& name) const {
    std::vector<std::string> values;
    for (const MultipartPart& part : parts_)
        if (part.name == name && !part.file_name) values.push_back(part.value);
    const auto [first, last] = request_->query.equal_range(name);
    for (auto it = first; it != last; ++it) values.push_back(it->second);
    return values;
}

std::optional<UploadedFile> Form::take_file(const std::string& name) {
    for (MultipartPart& part : parts_)
        if (part.name == name) {  // a file, or a field holding the content (curl -F 'data=<file')
            UploadedFile file{part.file_name.value_or(name), part.content_type, std::move(part.value)};
            part.value.clear();
            return file;
        }
    return std::nullopt;
}

}  // namespace docgen::serve
