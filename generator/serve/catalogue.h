// What the page offers to make: the templates of the server's templates
// folder, with the titles, the lists and the file names that the built-in
// catalogue (catalogue.json) gives the stock templates, and the monitoring
// cycle as a batch file's jobs. A template the catalogue does not describe is
// offered by its name. Clients name templates, never paths: a name is looked
// up among the folder's files.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "render/render.h"
#include "template/template.h"

namespace docgen::serve {

// A template rendered for one element of a list in the data: a school's reference.
struct EachElement {
    std::string variable;  // "school": the name the template uses
    std::string in;        // "schools": the list, an expression over the prepared data
    std::string label;     // "Школа": the page's label of the list
    std::string group;     // "municipality.name": the key the page groups the list by, or ""
};

struct DocumentKind {
    std::string name;   // the template's file name without ".xml"
    std::string title;  // for the page: the catalogue's, or the name
    std::optional<EachElement> each;
    std::string file;   // the downloads' name, {{ expressions }} over the data; "" for the document's title
};

// The monitoring cycle: a batch file's jobs with template names for paths.
struct Cycle {
    std::string title;
    std::string check;    // the template whose check validates the cycle's data (and lists its elements)
    std::string archive;  // the ZIP's name, {{ expressions }} over the analysed data
    std::vector<std::string> formats;
    nlohmann::json jobs;
};

class Catalogue {
public:
    // InputError when the folder holds no template.
    explicit Catalogue(const std::string& folder);

    const std::string& folder() const { return folder_; }

    // The folder's templates: the described ones first, in the catalogue's order.
    std::vector<DocumentKind> kinds() const;
    std::optional<DocumentKind> kind(const std::string& name) const;

    // The template, loaded once and again when one of its files changes;
    // InputError when it does not load.
    std::shared_ptr<const Template> load(const std::string& name);

    // The cycle, when every template it uses is in the folder.
    std::optional<Cycle> cycle() const;
    // The cycle's batch file for data and rules beside it, output into `output`.
    nlohmann::json cycle_batch(const std::vector<std::string>& formats, bool with_rules, const std::string& output) const;

    // What GET /api/templates answers.
    nlohmann::json to_json() const;

private:
    std::optional<std::string> path_of(const std::string& name) const;

    struct Loaded {
        std::shared_ptr<const Template> loaded;
        std::vector<std::pair<std::string, long long>> files;  // each source file and its modification time
    };

    std::string folder_;
    std::vector<DocumentKind> described_;
    Cycle cycle_;
    mutable std::mutex mutex_;
    std::map<std::string, Loaded> cache_;
};

}  // namespace docgen::serve
