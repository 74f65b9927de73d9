// Which embedded font a document gets for each face. One document alone is
// fastest with subsets of exactly its characters; a batch shares, per face,
// one subset of the characters Russian documents use, made once and reused
// by every document that needs nothing else.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "pdf/embedded_font.h"

namespace docgen {

class FontEmbeddings {
public:
    explicit FontEmbeddings(bool share_common_subsets) : share_(share_common_subsets) {}

    // Safe to call from several threads.
    std::shared_ptr<const EmbeddedFont> font_for(const FontFace& face, const std::set<char32_t>& used);

    bool shares_subsets() const { return share_; }

    // Latin, Cyrillic and the punctuation, signs and dashes of official documents.
    static const std::set<char32_t>& common_characters();

private:
    bool share_;
    std::mutex mutex_;
    std::map<const FontFace*, std::shared_ptr<const EmbeddedFont>> common_;
};

}  // namespace docgen
