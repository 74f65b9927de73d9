#include "text/font_set.h"

#include <filesystem>

#include "common/error.h"

namespace docgen {

namespace {

// In FontSet::index order: regular, bold, italic, bold italic.
const char* const kFaceFiles[] = {
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
};

std::string find_in(const std::vector<std::string>& dirs, const std::string& file) {
    for (const auto& dir : dirs) {
        const auto candidate = std::filesystem::path(dir) / file;
        if (std::filesystem::exists(candidate)) return candidate.string();
    }
    std::string looked;
    for (const auto& dir : dirs) looked += (looked.empty() ? "" : ", ") + dir;
    throw InputError("font file " + file + " not found; looked in: " + (looked.empty() ? "(nowhere)" : looked) +
                     " (set --fonts DIR or DOCGEN_FONTS)");
}

}  // namespace

FontSet FontSet::load(const std::vector<std::string>& search_dirs) {
    FontSet set;
    for (const char* file : kFaceFiles)
        set.faces_.push_back(std::make_shared<const FontFace>(FontFace::load(find_in(search_dirs, file))));
    return set;
}

const FontFace& FontSet::face(const RunProps& props) const { return face(props.bold, props.italic); }

}  // namespace docgen
