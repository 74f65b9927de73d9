// Files built into the binary for the server: the page (HTML, script, style
// sheet) and the catalogue of documents, so that `docgen serve` works
// wherever the binary is copied.
#pragma once

#include <string_view>
#include <vector>

namespace docgen::serve {

struct Asset {
    std::string_view path;          // as requested: "/", "/app.js"
    std::string_view content_type;
    std::string_view bytes;
};

const std::vector<Asset>& page_assets();
std::string_view catalogue_json();  // generator/serve/catalogue.json

}  // namespace docgen::serve
