// The problems an error message lists, each with its place, for the page's
// list and the API's answers. A message names its places in its text (a JSON
// path, file:line:column, a template's line); this reads them back out.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace docgen::serve {

struct Problem {
    std::string place;    // "schools[1].pupils", "data.json:3:5", "order.xml:8", or "" when it names none
    std::string message;  // the line as docgen says it
};

struct Problems {
    std::string heading;  // what a message of several problems says first; "" for a message of one
    std::vector<Problem> list;
};

// `files`: the names the message may start with ("data.json: …"), besides
// the file:line forms every file has.
Problems problems_of(const std::string& message, const std::vector<std::string>& files = {});

nlohmann::json to_json(const Problems& problems);

}  // namespace docgen::serve
