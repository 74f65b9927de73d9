#include "batch/output_paths.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/utf8.h"
#include "render/render.h"

namespace docgen::batch {

namespace {

constexpr size_t kMaxNameBytes = 200;  // under the common 255-byte limit, with room for " (2).docx"

bool forbidden(char32_t c) {
    return c < 0x20 || c == 0x7F || c == U'/' || c == U'\\' || c == U':' || c == U'*' || c == U'?' || c == U'"' ||
           c == U'<' || c == U'>' || c == U'|';
}

// Characters that print nothing or reorder what follows: a name holding them
// looks like another name (U+202E turns "fdp.exe" around), so they are dropped.
bool invisible(char32_t c) {
    return (c >= 0x80 && c < 0xA0) ||                // C1 controls
           c == 0xAD ||                              // soft hyphen
           c == 0x061C ||                            // Arabic letter mark
           (c >= 0x200B && c <= 0x200F) ||           // zero-width spaces and joiners, direction marks
           (c >= 0x2028 && c <= 0x202E) ||           // line and paragraph separators, embeddings, overrides
           (c >= 0x2060 && c <= 0x206F) ||           // word joiner, invisible operators, isolates
           c == 0xFEFF ||                            // byte order mark
           (c >= 0xFFF0 && c <= 0xFFFF) ||           // specials, noncharacters
           (c >= 0xE0000 && c <= 0xE007F);           // tags
}

bool reserved(std::string name) {
    const auto dot = name.find('.');
    if (dot != std::string::npos) name.resize(dot);
    name = utf8::to_upper(name);
    static const std::set<std::string> names = {"CON", "PRN", "AUX", "NUL"};
    if (names.count(name)) return true;
    return name.size() == 4 && (name.rfind("COM", 0) == 0 || name.rfind("LPT", 0) == 0) && name[3] >= '1' && name[3] <= '9';
}

}  // namespace

std::string safe_name(std::string_view name) {
    // Every character is replaced or dropped first, then the length is capped:
    // the cap counts what is written.
    std::string out;
    for (size_t pos = 0; pos < name.size();) {
        const char32_t c = utf8::next(name, pos);
        if (invisible(c)) continue;
        std::string encoded;
        utf8::append(encoded, forbidden(c) ? U'_' : c == utf8::kNoBreakSpace ? U' ' : c);
        if (out.size() + encoded.size() > kMaxNameBytes) break;
        out += encoded;
    }
    const auto first = out.find_first_not_of(". ");
    const auto last = out.find_last_not_of(". ");
    out = first == std::string::npos ? "" : out.substr(first, last - first + 1);
    if (out.empty()) return "_";
    if (reserved(out)) out = "_" + out;
    return out;
}

namespace {

// The parts of a text between separators, without empty, "." and ".." parts,
// each passed through `name` and joined by `joint`.
std::string joined_parts(std::string_view text, std::string_view separators, char joint,
                         std::string (*name)(std::string_view)) {
    std::string out;
    for (size_t start = 0; start <= text.size();) {
        const size_t end = std::min(text.find_first_of(separators, start), text.size());
        const std::string_view part = text.substr(start, end - start);
        const bool empty = part.find_first_not_of(' ') == std::string_view::npos;
        if (!empty && part != "." && part != "..") {
            if (!out.empty()) out += joint;
            out += name(part);
        }
        start = end + 1;
    }
    return out;
}

std::string as_is(std::string_view part) { return std::string(part); }

}  // namespace

std::string one_name(std::string_view value) { return joined_parts(value, "/\\", '_', as_is); }

std::string safe_relative_path(std::string_view path) {
    const std::string out = joined_parts(path, "/", '/', safe_name);
    return out.empty() ? "_" : out;
}

namespace {

// Every folder the paths need: "a/b/c" needs "a" and "a/b".
std::set<std::string> folders_of(const std::vector<std::string>& paths) {
    std::set<std::string> folders;
    for (const std::string& path : paths)
        for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
            folders.insert(path.substr(0, slash));
    return folders;
}

// A file of this path would be a folder another path needs ("x" and "x.pdf/y").
bool file_is_a_folder(const std::string& path, const std::set<std::string>& folders) {
    for (const auto& [format, name] : kOutputFormats)
        if (folders.count(path + "." + name)) return true;
    return false;
}

}  // namespace

void make_unique(std::vector<std::string>& paths) {
    const std::set<std::string> folders = folders_of(paths);
    std::set<std::string> taken(paths.begin(), paths.end());
    std::map<std::string, int> seen;
    for (std::string& path : paths) {
        const bool clash = file_is_a_folder(path, folders);
        if (seen[path]++ == 0 && !clash) continue;
        int number = std::max(seen[path], 2);
        std::string candidate;
        do candidate = path + " (" + std::to_string(number++) + ")";
        while (taken.count(candidate) || file_is_a_folder(candidate, folders));
        taken.insert(candidate);
        path = candidate;
    }
}

}  // namespace docgen::batch
