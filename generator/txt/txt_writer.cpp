#include "txt/txt_writer.h"

#include "model/overloaded.h"

#include "common/russian.h"

namespace docgen {

namespace {

// No-break spaces print as ordinary spaces.
std::string plain_spaces(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "\u00A0") == 0) {
            out += ' ';
            ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string paragraph_text(const Paragraph& paragraph) {
    std::string text = paragraph.label.empty() ? "" : paragraph.label + " ";
    for (const Run& run : paragraph.runs) text += run.text;
    return plain_spaces(text);
}

// A chart's value as the document prints numbers: 1 234 567, 9,5, −3 (the
// number filter without decimals given).
std::string number_text(double value) { return plain_spaces(russian::number(value)); }

std::string joined(const std::vector<std::string>& lines, const char* separator) {
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i) out += (i ? separator : "") + lines[i];
    return out;
}

void collect_lines(const std::vector<Block>& blocks, std::vector<std::string>& lines) {
    for (const Block& block : blocks) {
        std::visit(Overloaded{
                       [&](const Paragraph& paragraph) { lines.push_back(paragraph_text(paragraph)); },
                       [&](const List& list) {
                           for (const ListItem& item : list.items) collect_lines(item.blocks, lines);
                       },
                       [&](const Table& table) {
                           for (const Row& row : table.rows) {
                               std::vector<std::string> cells;
                               for (const Cell& cell : row.cells) {
                                   std::vector<std::string> cell_lines;
                                   collect_lines(cell.blocks, cell_lines);
                                   cells.push_back(joined(cell_lines, " / "));
                               }
                               lines.push_back(joined(cells, " | "));
                           }
                       },
                       [&](const Chart& chart) {
                           lines.push_back(chart.title.empty() ? "[диаграмма]"
                                                               : "[диаграмма] " + plain_spaces(chart.title));
                           for (size_t c = 0; c < chart.categories.size(); ++c) {
                               std::vector<std::string> values;
                               for (const ChartSeries& series : chart.series) {
                                   const std::string value =
                                       number_text(c < series.values.size() ? series.values[c] : 0);
                                   values.push_back(series.name.empty() ? value
                                                                        : plain_spaces(series.name) + " " + value);
                               }
                               lines.push_back(plain_spaces(chart.categories[c]) + ": " + joined(values, "; "));
                           }
                       },
                       [&](const PageBreak&) { lines.push_back("--- page break ---"); },
                   },
                   block);
    }
}

}  // namespace

std::string write_txt(const Document& document) {
    std::vector<std::string> lines;
    for (size_t s = 0; s < document.sections.size(); ++s) {
        if (s > 0) lines.push_back("--- section ---");
        collect_lines(document.sections[s].blocks, lines);
        collect_lines(document.sections[s].foot, lines);
    }
    return joined(lines, "\n") + "\n";
}

}  // namespace docgen
