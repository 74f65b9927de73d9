// Output paths made from Russian names: the Cyrillic kept, what a file
// system forbids or misreads removed, and nothing outside the output folder.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace docgen::batch {

// One file or folder name: separators, control characters and the characters
// Windows forbids become "_"; invisible and direction-changing characters
// (U+200B, U+202E, U+2028 …) are dropped; no name Windows reserves (CON,
// LPT1…), no dots or spaces at the ends; then at most 200 bytes of UTF-8, cut
// between characters; "_" when nothing is left.
std::string safe_name(std::string_view name);

// A value put into a path pattern, as one name: the parts its '/' or '\'
// separate joined by '_', without "." and ".." parts ("../x" is "x", "a/b"
// is "a_b"), so that data never makes folders.
std::string one_name(std::string_view value);

// A relative path from a pattern's result: '/' separates names, each made
// safe; "." and ".." and empty names are dropped, so the path stays inside
// the output folder.
std::string safe_relative_path(std::string_view path);

// Makes every path unique: the second and later uses of a path get " (2)",
// " (3)"… in the order given, so the result does not depend on timing. A path
// whose file (with .pdf, .docx or .txt) would be a folder of another path
// is numbered too.
void make_unique(std::vector<std::string>& paths);

}  // namespace docgen::batch
