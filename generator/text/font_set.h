// The faces a document can use, found once and shared by every document of a run.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/document.h"
#include "text/font_face.h"

namespace docgen {

class FontSet {
public:
    // Loads Liberation Serif (regular, bold, italic, bold italic) from the
    // first directory that holds it; InputError listing where it looked.
    static FontSet load(const std::vector<std::string>& search_dirs);

    // The face for a run. Every serif family a template may name (Times New
    // Roman, Liberation Serif) maps to Liberation Serif, which has its metrics.
    const FontFace& face(const RunProps& props) const;
    const FontFace& face(bool bold, bool italic) const { return *faces_[index(bold, italic)]; }
    // The same faces (not faces of the same fonts loaded again).
    bool operator==(const FontSet&) const = default;

private:
    static int index(bool bold, bool italic) { return (bold ? 1 : 0) + (italic ? 2 : 0); }
    std::vector<std::shared_ptr<const FontFace>> faces_;
};

}  // namespace docgen
