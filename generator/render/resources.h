// The fonts and hyphenation patterns every document needs, found and loaded
// once per run and shared by all documents rendered in it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "text/font_set.h"
#include "pdf/font_embeddings.h"
#include "text/hyphenator.h"

namespace docgen {

struct ResourceOptions {
    std::string fonts_dir;         // --fonts; empty: look in the usual places
    std::string hyphenation_file;  // --hyphenation; empty: the usual place
    bool many_documents = false;   // share font subsets between documents (a batch)
};

struct Resources {
    FontSet fonts;
    std::shared_ptr<const Hyphenator> hyphenator;
    std::shared_ptr<FontEmbeddings> embeddings;  // safe to share between threads
    std::string hyphenation_file;                // where the patterns came from

    // InputError saying which file is missing and where it was looked for.
    static Resources load(const ResourceOptions& options);
};

// Where fonts are looked for, in order: the option, $DOCGEN_FONTS, fonts/
// beside or above the binary, the source tree's fonts/, the system's Liberation fonts.
std::vector<std::string> font_search_dirs(const std::string& option);
// The folder of the running binary; empty when it cannot be told.
std::string executable_dir();
std::string hyphenation_path(const std::string& option);

}  // namespace docgen
