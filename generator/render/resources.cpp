#include "render/resources.h"

#include <cstdlib>
#include <filesystem>
#include <future>

namespace docgen {

namespace {

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

}  // namespace

std::string executable_dir() {
    std::error_code error;
    const auto path = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::string() : path.parent_path().string();
}

std::vector<std::string> font_search_dirs(const std::string& option) {
    if (!option.empty()) return {option};
    std::vector<std::string> dirs;
    if (const std::string variable = environment("DOCGEN_FONTS"); !variable.empty()) dirs.push_back(variable);
    const std::filesystem::path binary = executable_dir();
    if (!binary.empty()) {
        dirs.push_back((binary / "fonts").string());
        dirs.push_back((binary.parent_path() / "fonts").string());
    }
    dirs.push_back(DOCGEN_SOURCE_FONTS_DIR);
    dirs.push_back("/usr/share/fonts/truetype/liberation2");
    return dirs;
}

std::string hyphenation_path(const std::string& option) {
    if (!option.empty()) return option;
    if (const std::string variable = environment("DOCGEN_HYPHENATION"); !variable.empty()) return variable;
    return DOCGEN_DEFAULT_HYPHENATION;
}

Resources Resources::load(const ResourceOptions& options) {
    // The patterns take longest to load: they load beside the fonts.
    const std::string hyphenation = hyphenation_path(options.hyphenation_file);
    auto hyphenator = std::async(std::launch::async, [&] { return Hyphenator::load(hyphenation); });
    FontSet fonts = FontSet::load(font_search_dirs(options.fonts_dir));
    return Resources{std::move(fonts), hyphenator.get(), std::make_shared<FontEmbeddings>(options.many_documents),
                     hyphenation};
}

}  // namespace docgen
