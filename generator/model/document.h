// The document model: what a template produces and what every writer consumes.
// It speaks of sections, paragraphs, lists and tables only; no output format
// leaks into it. Lengths are typographic points (1/72 inch).
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/russian.h"

namespace docgen {

constexpr double kPointsPerMm = 72.0 / 25.4;
inline double mm(double millimetres) { return millimetres * kPointsPerMm; }

enum class Align { Left, Center, Right, Justify };
enum class VerticalAlign { Top, Center, Bottom };

// The font families a document may name: the name a word processor knows,
// drawn in the PDF with the metric twin Liberation Serif, so that lines break
// where they break in Word. The first is the default.
inline constexpr const char* kFontFamilies[] = {"Times New Roman", "Liberation Serif"};
bool is_known_font_family(std::string_view family);

// Subscripts and superscripts (П with g below, Σ with n above) are set
// smaller and lowered or raised by the writers, as word processors do.
enum class Script { Normal, Sub, Super };

// Character formatting. The family is the name a word processor knows
// ("Times New Roman"); the PDF writer maps it to a metric-compatible face.
struct RunProps {
    std::string font_family = kFontFamilies[0];
    double size = 14;  // of normal text; a sub- or superscript's own size is smaller
    bool bold = false;
    bool italic = false;
    bool underline = false;
    double letter_spacing = 0;  // extra points after each character; binding leaves it off a spaced stretch's last
    Script script = Script::Normal;
    bool typography = true;  // quotes, dashes and no-break spaces set when the text was bound
    bool operator==(const RunProps&) const = default;
};

// A stretch of text with one formatting. "\n" inside the text is a line break,
// U+00A0 a space that never breaks.
struct Run {
    std::string text;
    RunProps props;
    bool hyphenate = true;  // false for names, numbers, dates
    bool no_break = false;  // spaces inside never break a line (they become no-break spaces)
    bool operator==(const Run&) const = default;
};

struct ParagraphProps {
    Align align = Align::Justify;
    double first_line_indent = 0;  // negative for a hanging indent
    double indent_left = 0;
    double indent_right = 0;
    double space_before = 0;
    double space_after = 0;
    double line_spacing = 1.0;     // a multiple of the font's natural line height
    bool keep_with_next = false;   // never the last thing on a page
    bool keep_together = false;    // never split between pages
    bool widow_control = true;     // no single line alone at a page's top or bottom
    bool hyphenate = true;
    bool page_break_before = false;
    bool operator==(const ParagraphProps&) const = default;
};

// Where a paragraph comes from, for messages about it: a line of one of the
// document's sources (Document::sources); source -1 when made by the program.
struct Origin {
    int source = -1;
    int line = 0;
};

struct Paragraph {
    std::string style;             // the named style it was made from
    ParagraphProps props;          // fully resolved
    RunProps run_props;            // the paragraph's default character formatting
    std::string label;             // list marker ("–", "1.") put before the text
    std::vector<Run> runs;
    Origin origin;
};

struct Block;

struct ListItem {
    std::vector<Block> blocks;
};

// Items whose first paragraph carries the marker; how the marker is spaced is
// the paragraphs' indents.
struct List {
    std::vector<ListItem> items;
};

struct Cell {
    int colspan = 1;
    int rowspan = 1;
    VerticalAlign valign = VerticalAlign::Top;
    std::vector<Block> blocks;
};

enum class RowRole {
    Header,         // column titles, repeated on every page the table spans
    ColumnNumbers,  // "1 2 3 …" under the header
    Section,        // a full-width group title, kept with the row after it
    Body
};

struct Row {
    RowRole role = RowRole::Body;
    bool keep_with_next = false;
    std::vector<Cell> cells;
};

enum class HeaderRepeat {
    None,         // nothing repeats on the next pages
    Full,         // header and column-number rows repeat
    NumbersOnly   // only the column-number row repeats (GOST allows either)
};

struct TableBorders {
    bool visible = true;
    double width = 0.5;
};

struct Table {
    std::vector<double> column_widths;  // relative; scaled to the table's width
    double width_fraction = 1.0;        // of the text width
    TableBorders borders;
    HeaderRepeat repeat = HeaderRepeat::Full;
    // Rows reaching a page's bottom are split between lines (at least two
    // lines of a cell on each side), as word processors do; with this set, a
    // row that fits on a page is moved to the next page whole instead.
    bool keep_rows_whole = false;
    double cell_padding_horizontal = mm(1.5);
    double cell_padding_vertical = mm(0.8);
    double space_before = 0;
    double space_after = 0;
    std::vector<Row> rows;
};

struct PageBreak {};

// A bar chart drawn from data: vector graphics in the PDF, a native chart
// (with its data) in the DOCX.
struct ChartSeries {
    std::string name;
    std::vector<double> values;  // one per category
    std::string color;           // "4F81BD"; empty: the palette's colour for its place
};

struct Chart {
    bool stacked = false;     // series stacked on each other, or side by side
    bool horizontal = false;  // bars grow to the right, categories down the left side
    std::string title;
    std::string value_title;  // what the values count: "школ", "%"
    std::vector<std::string> categories;
    std::vector<ChartSeries> series;
    double width_fraction = 1.0;  // of the text width
    double height = mm(90);
    // Where it does not fit, the text after it may fill the page before it
    // moves to the next page's top (Word's floating figure).
    bool may_float = false;
    double space_before = 0;
    double space_after = 0;
};

// The colour of a series without its own: a palette that stays apart when printed in grey.
const char* default_series_color(size_t index);

struct Block : std::variant<Paragraph, List, Table, PageBreak, Chart> {
    using variant::variant;
};

struct PageSetup {
    double width = mm(210);   // as the sheet is turned: landscape swaps these
    double height = mm(297);
    bool landscape = false;
    double margin_top = mm(20);
    double margin_right = mm(10);
    double margin_bottom = mm(20);
    double margin_left = mm(30);
    double header_distance = mm(10);  // from the sheet's top edge to the page number
};

enum class PageNumbering {
    None,
    FromSecond,  // numbers on every page but the section's first
    All
};

struct Section {
    PageSetup page;
    PageNumbering numbering = PageNumbering::FromSecond;
    bool restart_numbering = true;  // an appendix is numbered as a document of its own
    RunProps page_number_props;
    std::vector<Block> blocks;
    // Paragraphs and lists at the foot of the section's last page, under the
    // text: the executor's line «Исп. …, тел. …».
    std::vector<Block> foot;
};

struct NamedStyle {
    std::string name;
    std::string based_on;
    ParagraphProps paragraph;
    RunProps run;
};

struct Metadata {
    std::string title;
    std::string subject;
    std::string author;        // the issuing organisation
    std::string date;          // ISO 8601, "2022-10-18"; empty when undated
    std::string language = "ru-RU";
};

// The day every writer records as the file's creation: the document's date,
// or 1 January 2000 when it has none, never the clock (files must be reproducible).
russian::Date creation_day(const Metadata& metadata);

// Decisions of geometry that the PDF layout and the DOCX writer share.
// The sheet as it is turned: a landscape page is wider than tall.
struct SheetSize {
    double width;
    double height;
};
SheetSize sheet_size(const PageSetup& page);
// The width between the margins.
double text_width(const PageSetup& page);
// Each column's width in points: the relative widths scaled to the table's
// share of the text width. InputError when they do not add up to a positive width.
std::vector<double> column_widths(const Table& table, double text_width);

struct Document {
    Metadata metadata;
    std::vector<std::string> sources;  // the template files paragraphs' origins name
    std::vector<NamedStyle> styles;
    std::vector<Section> sections;
};

}  // namespace docgen
