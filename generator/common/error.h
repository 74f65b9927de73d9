// Errors a user can act on: bad data, a bad template, a missing resource.
// Each problem carries its place in a structured form (a file position, a
// JSON path, a spreadsheet cell), so that the command line prints it as text
// and other front ends (the web page) can show and link it.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace docgen {

// Where a problem is. Parts left empty (0) are unknown.
struct Location {
    std::string file;          // or the name a text was given ("rules/concept-2022.json")
    int line = 0;              // from 1
    int column = 0;            // from 1, in characters
    std::string json_path;     // schools[17].pupils
    std::string record;        // the record the path is in, as a reader names it: schools[17] "МБОУ СОШ № 5";
                               // it begins with the record's own path, which text() leaves out of json_path
    std::string sheet;         // a spreadsheet's sheet
    int row = 0;               // a spreadsheet's row, from 1
    std::string cell_column;   // a spreadsheet's column letters: "F"
    std::string header;        // that column's header

    // A position in a text file; a value of JSON data.
    static Location at(std::string file, int line = 0, int column = 0);
    static Location of_value(std::string file, std::string json_path);

    bool empty() const;
    // "file:line:column", "file", "schools[17].pupils", `schools[17] "МБОУ СОШ № 5": pupils`,
    // "лист «Школы», строка 5, столбец F «Обучающихся»" … as the command line prints it.
    std::string text() const;
};

struct Problem {
    Location where;
    std::string message;  // what is wrong and what was expected, without the place
    // The message goes on from the place as a sentence ("pupils" "must be at
    // least 1"), rather than after a colon ("support: unknown key 'x'").
    bool predicate = false;

    // The place and the message as one line: "data.json:3:5: JSON syntax error: …".
    std::string text() const;
};

class InputError : public std::runtime_error {
public:
    // A message that names its place itself, or needs none.
    explicit InputError(const std::string& message);
    InputError(Location where, const std::string& message);
    // Every problem of one input at once: what() is "`source`: `summary` (N problems):"
    // and a line a problem.
    InputError(const std::string& source, const std::string& summary, std::vector<Problem> problems);
    // Problems under a first line of the caller's own: "`heading`" and a line a problem.
    InputError(std::vector<Problem> problems, const std::string& heading);

    // One at least.
    const std::vector<Problem>& problems() const { return problems_; }

private:
    std::vector<Problem> problems_;
};

// "file:line:column: " or "file:line: " when the column is unknown (0).
std::string location_prefix(const std::string& file, int line, int column = 0);

// Line and column (both from 1) of a byte offset in a text.
struct TextPosition {
    int line = 1;
    int column = 1;
};
TextPosition position_of_offset(const std::string& text, size_t offset);

}  // namespace docgen
