#include "serve/api.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "common/error.h"
#include "common/russian.h"
#include "common/utf8.h"
#include "serve/assets.h"
#include "serve/problems.h"
#include "serve/uploaded_data.h"

namespace docgen::serve {

using nlohmann::json;

namespace {

constexpr int kMaxWaitSeconds = 60;
const char* const kCookie = "docgen_token";

// "3 документа": a count with its noun in the form Russian gives it.
std::string counted(size_t count, const char* one, const char* few, const char* many) {
    const russian::PluralForm form = russian::plural_form(static_cast<double>(count));
    return std::to_string(count) + " " +
           (form == russian::PluralForm::One ? one : form == russian::PluralForm::Few ? few : many);
}

Response json_response(int status, const json& body) {
    Response response;
    response.status = status;
    response.body = json_text(body, 2) + "\n";  // readable as curl prints it
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

Response not_allowed(const std::string& allowed) {
    Response response = Api::error(405, "Метод не подходит для этого адреса; можно: " + allowed + ".");
    response.headers.emplace_back("Allow", allowed);
    return response;
}

// Compares without stopping at the first difference: the time says nothing of the token.
bool same_secret(const std::string& given, const std::string& secret) {
    unsigned char difference = given.size() == secret.size() ? 0 : 1;
    for (size_t i = 0; i < given.size(); ++i)
        difference |= static_cast<unsigned char>(given[i] ^ secret[i % std::max<size_t>(secret.size(), 1)]);
    return difference == 0;
}

std::string cookie(const Request& request, const std::string& name) {
    const std::string header = request.header("cookie");
    for (size_t start = 0; start < header.size();) {
        size_t end = header.find(';', start);
        if (end == std::string::npos) end = header.size();
        std::string pair = header.substr(start, end - start);
        pair.erase(0, pair.find_first_not_of(' '));
        if (pair.rfind(name + "=", 0) == 0) return percent_decode(pair.substr(name.size() + 1), false);
        start = end + 1;
    }
    return "";
}

// The Host header without its port: "127.0.0.1", "[::1]", "localhost".
std::string host_name(const std::string& host) {
    if (!host.empty() && host[0] == '[') return host.substr(0, host.find(']') + 1);
    return host.substr(0, host.find(':'));
}

// A file name as the client gave it, for messages only: its last part, printable.
std::string shown_name(const std::string& name, const std::string& otherwise) {
    std::string shown = utf8::encode(utf8::decode(std::filesystem::path(name).filename().string()));
    shown.erase(std::remove_if(shown.begin(), shown.end(), [](unsigned char c) { return c < 0x20; }), shown.end());
    if (shown.size() > 200) shown.resize(200);
    return shown.empty() ? otherwise : shown;
}

bool truthy(const std::optional<std::string>& value) {
    return value && (*value == "1" || *value == "true" || *value == "yes" || *value == "on");
}

std::vector<std::string> formats_of(const Form& form, const std::vector<std::string>& otherwise) {
    std::vector<std::string> formats;
    for (const std::string& value : form.fields("formats")) {
        for (size_t start = 0; start <= value.size();) {
            size_t end = value.find(',', start);
            if (end == std::string::npos) end = value.size();
            std::string format = utf8::to_lower(value.substr(start, end - start));
            format.erase(std::remove(format.begin(), format.end(), ' '), format.end());
            if (!format.empty()) {
                if (format != "pdf" && format != "docx" && format != "txt")
                    throw RequestError(400, "Формат «" + format + "» не делается: можно pdf, docx, txt.");
                if (std::find(formats.begin(), formats.end(), format) == formats.end()) formats.push_back(format);
            }
            start = end + 1;
        }
    }
    return formats.empty() ? otherwise : formats;
}

// `wait`: how long a request waits for its job to finish.
std::chrono::milliseconds wait_of(const std::optional<std::string>& value) {
    if (!value || value->empty()) return std::chrono::milliseconds(0);
    try {
        size_t used = 0;
        const double seconds = std::stod(*value, &used);
        if (used == value->size() && seconds >= 0 && seconds <= kMaxWaitSeconds)
            return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
    } catch (const std::exception&) {
    }
    throw RequestError(400, "wait: число секунд от 0 до " + std::to_string(kMaxWaitSeconds) + ".");
}

bool is_identifier(const std::string& name) {
    if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
    return std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

bool is_job_id(const std::string& id) {
    return id.size() == 32 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

std::string message_of(const JobView& view, int slots) {
    const json& result = view.result;
    switch (view.state) {
        case JobState::Queued:
            return (view.position <= 1 ? std::string("В очереди первым")
                                       : "В очереди: перед этим заданием " + std::to_string(view.position - 1)) +
                   ". Одновременно делается не более " + counted(static_cast<size_t>(slots), "документа", "документов", "документов") +
                   "; задание начнётся, как только освободится место.";
        case JobState::Running:
            if (view.kind == JobKind::Check) return "Данные проверяются…";
            if (view.kind == JobKind::Render) return "Документ делается…";
            if (view.total == 0) return "Данные проверяются, документы планируются…";
            return "Сделано " + std::to_string(view.done) + " из " +
                   counted(view.total, "документа", "документов", "документов") + ".";
        case JobState::Done:
            if (view.kind == JobKind::Check) return "Ошибок в данных нет.";
            if (view.kind == JobKind::Render) return "Документ готов.";
            {
                const json& summary = result["summary"];
                std::string text = "Готово: " + counted(summary["written"], "файл", "файла", "файлов") + ", " +
                                   counted(summary["pages"], "страница", "страницы", "страниц") + " в PDF.";
                if (summary["failed"] > 0)
                    text += " Не сделано: " + counted(summary["failed"], "документ", "документа", "документов") +
                            " (см. список ниже).";
                return text;
            }
        case JobState::Failed: {
            const std::string failed = view.kind == JobKind::Check ? "Данные не прошли проверку: " : "Не сделано: ";
            const size_t problems = result.contains("problems") ? result["problems"].size() : 0;
            if (problems > 1) return failed + "в данных " + counted(problems, "ошибка", "ошибки", "ошибок") + ".";
            return failed + result.value("error", std::string("причина неизвестна"));
        }
        case JobState::Cancelled: return "Отменено.";
    }
    return "";
}

}  // namespace

Api::Api(const ApiOptions& options, Catalogue& catalogue, JobQueue& jobs, const FontSet& fonts)
    : options_(options), catalogue_(catalogue), jobs_(jobs), fonts_(fonts) {}

Response Api::error(int status, const std::string& message) { return json_response(status, {{"error", message}}); }

bool Api::authorized(const Request& request) const {
    if (options_.token.empty()) return true;
    const std::string header = request.header("authorization");
    if (header.rfind("Bearer ", 0) == 0 && same_secret(header.substr(7), options_.token)) return true;
    return same_secret(cookie(request, kCookie), options_.token);
}

Response Api::handle(Request& request) {
    try {
        // Without a token only the loopback names are answered: a page of
        // another site that a browser sends here under its own name gets nothing.
        if (options_.token.empty()) {
            const std::string host = host_name(request.header("host"));
            if (!host.empty() && std::find(options_.hosts.begin(), options_.hosts.end(), host) == options_.hosts.end())
                return error(403, "Сервер отвечает только по адресам " + options_.hosts.front() + ", localhost.");
        }
        if (request.path.rfind("/api/", 0) == 0) {
            if (!authorized(request))
                return error(401, "Нужен ключ доступа: откройте адрес страницы со ссылкой, которую дал "
                                  "администратор (…/?token=…), или передайте заголовок Authorization: Bearer.");
            return api(request);
        }
        if (request.path == "/" && request.query.count("token")) {
            // The link with the token: remembered by the browser for this server, then off the address bar.
            const std::string token = request.query.find("token")->second;
            Response response = json_response(303, json::object());
            response.headers.emplace_back("Location", "/");
            if (!options_.token.empty() && same_secret(token, options_.token))
                response.headers.emplace_back("Set-Cookie", std::string(kCookie) + "=" + options_.token +
                                                                "; Path=/; HttpOnly; SameSite=Strict");
            return response;
        }
        for (const Asset& asset : page_assets()) {
            if (request.path != asset.path) continue;
            if (request.method != "GET") return not_allowed("GET");
            Response response;
            response.content_type = std::string(asset.content_type);
            response.body = std::string(asset.bytes);
            response.headers.emplace_back("Cache-Control", "no-cache");
            response.headers.emplace_back("X-Content-Type-Options", "nosniff");
            response.headers.emplace_back("Content-Security-Policy",
                                          "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
            response.headers.emplace_back("Referrer-Policy", "no-referrer");
            return response;
        }
        // The faces the previews are drawn with: the fonts docgen lays out with.
        static const std::vector<std::pair<std::string, std::pair<bool, bool>>> faces{
            {"/fonts/regular.ttf", {false, false}},
            {"/fonts/bold.ttf", {true, false}},
            {"/fonts/italic.ttf", {false, true}},
            {"/fonts/bold-italic.ttf", {true, true}}};
        for (const auto& [path, style] : faces) {
            if (request.path != path) continue;
            if (request.method != "GET") return not_allowed("GET");
            Response response;
            response.content_type = "font/ttf";
            response.body = fonts_.face(style.first, style.second).bytes();
            response.headers.emplace_back("Cache-Control", "max-age=86400");
            return response;
        }
        return error(404, "Нет такой страницы.");
    } catch (const RequestError& refusal) {
        return error(refusal.status(), refusal.what());
    }
}

Response Api::api(Request& request) {
    const std::string& path = request.path;
    if (path == "/api/health") {
        if (request.method != "GET") return not_allowed("GET");
        return json_response(200, {{"status", "ok"},
                                   {"version", DOCGEN_VERSION},
                                   {"slots", jobs_.slots()},
                                   {"running", jobs_.running()},
                                   {"queued", jobs_.queued()}});
    }
    if (path == "/api/templates") {
        if (request.method != "GET") return not_allowed("GET");
        json catalogue = catalogue_.to_json();
        catalogue["max_upload"] = options_.max_upload;
        return json_response(200, catalogue);
    }
    if (path == "/api/check" || path == "/api/render" || path == "/api/batch") {
        if (request.method != "POST") return not_allowed("POST");
        return submit(request, path == "/api/check" ? JobKind::Check : path == "/api/render" ? JobKind::Render : JobKind::Batch);
    }
    const std::string jobs = "/api/jobs/";
    if (path.rfind(jobs, 0) == 0) {
        const std::string rest = path.substr(jobs.size());
        const size_t slash = rest.find('/');
        return job(request, rest.substr(0, slash), slash == std::string::npos ? "" : rest.substr(slash));
    }
    return error(404, "Нет такого адреса API: " + path + " (см. docs/serve.md).");
}

Response Api::submit(Request& request, JobKind kind) {
    Form form = Form::read(request);
    JobInput input;
    input.kind = kind;
    std::optional<DocumentKind> document;
    if (kind == JobKind::Batch) {
        const std::optional<Cycle> cycle = catalogue_.cycle();
        if (!cycle) throw RequestError(404, "Цикл мониторинга недоступен: в папке шаблонов нет его шаблонов.");
        input.template_name = cycle->check;
        input.formats = formats_of(form, cycle->formats);
        input.only = form.field("only").value_or("");
    } else {
        input.template_name = form.field("template").value_or("");
        if (input.template_name.empty()) throw RequestError(400, "Не указан шаблон (поле template).");
        if (input.template_name.size() > 4 && input.template_name.substr(input.template_name.size() - 4) == ".xml")
            input.template_name.resize(input.template_name.size() - 4);
        document = catalogue_.kind(input.template_name);
        if (!document) {
            std::string names;
            for (const DocumentKind& known : catalogue_.kinds()) names += (names.empty() ? "" : ", ") + known.name;
            throw RequestError(400, "Нет шаблона «" + input.template_name + "»; есть: " + names + ".");
        }
    }
    try {
        catalogue_.load(input.template_name);  // a broken template is told now, not by each job
    } catch (const InputError& failure) {
        throw RequestError(500, std::string("Шаблон не загружается: ") + failure.what());
    }
    if (kind == JobKind::Render) {
        input.formats = formats_of(form, {"pdf", "docx"});
        input.preview = truthy(form.field("preview"));
        if (input.preview && std::find(input.formats.begin(), input.formats.end(), "pdf") == input.formats.end())
            throw RequestError(400, "Просмотр страниц (preview) делается из PDF: добавьте pdf в formats.");
        for (const std::string& binding : form.fields("let")) {
            const size_t equals = binding.find('=');
            const std::string name = binding.substr(0, equals);
            if (equals == std::string::npos || !is_identifier(name))
                throw RequestError(400, "let: нужно ИМЯ=ВЫРАЖЕНИЕ, например school=schools | find('id', '67101'); "
                                        "получено «" + binding + "».");
            input.bindings.emplace_back(name, binding.substr(equals + 1));
        }
        input.element = form.field("element").value_or("");
        const bool bound = document->each && std::any_of(input.bindings.begin(), input.bindings.end(), [&](const auto& b) {
                               return b.first == document->each->variable;
                           });
        if (!input.element.empty() && !document->each)
            throw RequestError(400, "Шаблон «" + input.template_name + "» делается один на все данные: поле element не нужно.");
        if (document->each && input.element.empty() && !bound)
            throw RequestError(400, "Выберите: " + document->each->label + " (поле element — id элемента списка " +
                                        document->each->in + ").");
    }
    std::optional<UploadedFile> data = form.take_file("data");
    if (!data || data->bytes.empty()) throw RequestError(400, "Нет файла данных (поле data) или он пуст.");
    input.data_name = shown_name(data->name, "data");
    input.data_format = form.field("data_format").value_or("");
    if (!input.data_format.empty() &&
        std::find(data_formats().begin(), data_formats().end(), input.data_format) == data_formats().end())
        throw RequestError(400, "data_format: «" + input.data_format + "» не читается; можно: json.");
    std::optional<UploadedFile> rules = form.take_file("rules");
    if (rules && rules->bytes.empty()) rules.reset();
    if (rules) input.rules_name = shown_name(rules->name, "rules.json");
    const std::chrono::milliseconds wait = wait_of(form.field("wait"));
    const std::string id = jobs_.submit(std::move(input), *data, rules);
    if (wait.count() > 0) jobs_.wait(id, wait);
    const std::optional<JobView> view = jobs_.view(id);
    if (!view) throw RequestError(404, "Задание уже удалено.");
    const bool over = view->state != JobState::Queued && view->state != JobState::Running;
    Response response = json_response(over ? 200 : 202, describe(*view));
    response.headers.emplace_back("Location", "/api/jobs/" + id);
    return response;
}

Response Api::job(Request& request, const std::string& id, const std::string& rest) {
    const auto gone = [&] {
        return error(404, "Нет такого задания: задания удаляются после скачивания файлов или по истечении срока хранения.");
    };
    if (!is_job_id(id)) return gone();
    if (rest.empty()) {
        if (request.method == "GET") {
            const auto wait = request.query.find("wait");
            if (wait != request.query.end()) jobs_.wait(id, wait_of(wait->second));
            const std::optional<JobView> view = jobs_.view(id);
            if (!view) return gone();
            return json_response(200, describe(*view));
        }
        if (request.method == "DELETE") {
            if (!jobs_.remove(id)) return gone();
            jobs_.wait(id, std::chrono::seconds(5));  // a running job's process is stopped at once
            const std::optional<JobView> view = jobs_.view(id);
            return json_response(200, view ? describe(*view) : json{{"id", id}, {"state", "removed"}, {"message", "Задание удалено."}});
        }
        return not_allowed("GET, DELETE");
    }
    std::string what;
    if (rest.rfind("/files/", 0) == 0) what = rest.substr(7);
    else if (rest.rfind("/pages/", 0) == 0) what = "page-" + rest.substr(7);
    else return error(404, "Нет такого адреса API: " + request.path + " (см. docs/serve.md).");
    if (request.method != "GET") return not_allowed("GET");
    const std::optional<Download> download = jobs_.file(id, what);
    if (!download) {
        const std::optional<JobView> view = jobs_.view(id);
        if (!view) return gone();
        if (view->state == JobState::Queued || view->state == JobState::Running)
            return error(409, "Задание ещё не готово: " + message_of(*view, jobs_.slots()));
        return error(404, "У задания нет такого файла.");
    }
    Response response;
    response.content_type = download->content_type;
    response.file = download->path;
    response.headers.emplace_back("Cache-Control", "no-store");
    if (what.rfind("page-", 0) != 0) {
        // The name in ASCII for old clients, and as it is in UTF-8 (RFC 6266).
        std::string encoded;
        for (const unsigned char c : download->name) {
            if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
                encoded += static_cast<char>(c);
            } else {
                char hex[4];
                std::snprintf(hex, sizeof hex, "%%%02X", c);
                encoded += hex;
            }
        }
        const std::string extension = std::filesystem::path(download->name).extension().string();
        response.headers.emplace_back("Content-Disposition", "attachment; filename=\"document" + extension +
                                                                 "\"; filename*=UTF-8''" + encoded);
        response.on_sent = [this, id, what] { jobs_.downloaded(id, what); };
    }
    return response;
}

json Api::describe(const JobView& view) const {
    const std::string url = "/api/jobs/" + view.id;
    json job = {{"id", view.id},
                {"kind", name_of(view.kind)},
                {"state", name_of(view.state)},
                {"message", message_of(view, jobs_.slots())},
                {"url", url}};
    if (view.kind != JobKind::Batch) job["template"] = view.template_name;
    if (view.state == JobState::Queued) job["position"] = view.position;
    if (view.kind == JobKind::Batch && view.state != JobState::Queued)
        job["progress"] = {{"done", view.done}, {"total", view.total}};
    for (const char* key : {"error", "problems", "notes", "elements", "summary", "title"})
        if (view.result.contains(key)) job[key] = view.result[key];
    if (view.result.contains("files")) {
        json files = json::array();
        for (const json& file : view.result["files"]) {
            json item = file;
            item.erase("file");
            item["url"] = url + "/files/" + file["format"].get<std::string>();
            files.push_back(std::move(item));
        }
        job["files"] = std::move(files);
    }
    const int previews = view.result.value("previews", 0);
    if (previews > 0) {
        json pages = json::array();
        for (int i = 1; i <= previews; ++i) pages.push_back({{"number", i}, {"url", url + "/pages/" + std::to_string(i)}});
        job["pages"] = std::move(pages);
    }
    if (view.state != JobState::Queued && view.state != JobState::Running) job["expires_in"] = view.expires_in;
    return job;
}

}  // namespace docgen::serve
