// Binding <table>: columns (possibly from data), header rows, section and
// body rows, cells with spans, the column-number row, and merged equal cells.
#include <algorithm>
#include <stdexcept>

#include "model/overloaded.h"
#include "template/binder.h"
#include "template/styles.h"

namespace docgen {

namespace {

HeaderRepeat parse_repeat(const std::string& text) {
    if (text == "header") return HeaderRepeat::Full;
    if (text == "numbers") return HeaderRepeat::NumbersOnly;
    if (text == "none") return HeaderRepeat::None;
    throw std::invalid_argument("repeat must be header, numbers or none, not \"" + text + "\"");
}

Row column_number_row(size_t columns, const Paragraph& style) {
    Row row;
    row.role = RowRole::ColumnNumbers;
    for (size_t c = 0; c < columns; ++c) {
        Paragraph paragraph = style;
        paragraph.props.align = Align::Center;
        paragraph.props.first_line_indent = 0;
        paragraph.runs.push_back({std::to_string(c + 1), paragraph.run_props, false});
        Cell cell;
        cell.blocks.push_back(std::move(paragraph));
        row.cells.push_back(std::move(cell));
    }
    return row;
}

}  // namespace

Table Binder::table(const TemplateNode& node) {
    // Formatting of a list or cell around the table does not reach into its cells.
    std::vector<const TemplateNode*> enclosing;
    enclosing.swap(enclosing_formatting_);
    Table table = bind_table(node);
    enclosing.swap(enclosing_formatting_);
    return table;
}

Table Binder::bind_table(const TemplateNode& node) {
    Table table;
    const std::string cell_style = attribute(node, "style", "Normal");
    std::vector<bool> merge_columns;
    try {
        table.repeat = parse_repeat(attribute(node, "repeat", "header"));
    } catch (const std::invalid_argument& error) {
        fail(node, std::string("<table>: ") + error.what());
    }
    table.width_fraction = percent_attribute(node, "width", table.width_fraction);
    const std::string rows = attribute(node, "rows", "split");
    if (rows != "split" && rows != "whole") fail(node, "<table> rows must be split or whole, not \"" + rows + "\"");
    table.keep_rows_whole = rows == "whole";
    table.borders.visible = bool_attribute(node, "borders", true);
    table.borders.width = length_attribute(node, "border-width", table.borders.width);
    table.space_before = length_attribute(node, "space-before", 0);
    table.space_after = length_attribute(node, "space-after", 0);
    table.cell_padding_horizontal = length_attribute(node, "padding", table.cell_padding_horizontal);

    std::vector<const TemplateNode*> row_nodes;  // where each row comes from, for messages
    each_child(node, [&](const TemplateNode& child) {
        if (child.kind == TemplateNode::Kind::Text) {
            if (!child.text.is_blank()) fail(child, "text in a <table> must be inside a <cell>");
        } else if (child.name == "column") {
            const std::string width = attribute(child, "width", "1");
            const std::optional<double> share = parse_decimal(width);
            if (!share || *share <= 0)
                fail(child, "<column> attribute 'width': expected a positive number (a share of the table's width), got \"" +
                                width + "\"");
            table.column_widths.push_back(*share);
            merge_columns.push_back(bool_attribute(child, "merge", false));
        } else if (child.name == "header") {
            each_child(child, [&](const TemplateNode& header_row) {
                if (header_row.kind == TemplateNode::Kind::Text && header_row.text.is_blank()) return;
                if (!header_row.is_element("row")) fail(header_row, "<header> holds only <row> elements");
                table.rows.push_back(row(header_row, RowRole::Header, cell_style, table.column_widths.size()));
                row_nodes.push_back(&header_row);
            });
        } else if (child.name == "row") {
            table.rows.push_back(row(child, RowRole::Body, cell_style, table.column_widths.size()));
            row_nodes.push_back(&child);
        } else {
            fail(child, "<table> holds <column>, <header> and <row> elements, not <" + child.name + ">");
        }
    });
    if (table.column_widths.empty()) fail(node, "<table> needs at least one <column>");
    check_rows_fill_columns(table, row_nodes, node);

    if (bool_attribute(node, "column-numbers", false)) {
        size_t header_rows = 0;
        while (header_rows < table.rows.size() && table.rows[header_rows].role == RowRole::Header) ++header_rows;
        table.rows.insert(table.rows.begin() + static_cast<long>(header_rows),
                          column_number_row(table.column_widths.size(), new_paragraph(cell_style, nullptr)));
    }
    merge_equal_cells(table, merge_columns);
    return table;
}

// Every row fills the table's columns exactly, counting the columns its
// cells span and those covered by cells spanning down from rows above: a
// row too long cannot be drawn, and one too short would leave a ragged table.
void Binder::check_rows_fill_columns(const Table& table, const std::vector<const TemplateNode*>& row_nodes,
                                     const TemplateNode& node) const {
    const size_t columns = table.column_widths.size();
    std::vector<int> covered(columns, 0);  // rows still covered in each column by a span from above
    for (size_t r = 0; r < table.rows.size(); ++r) {
        size_t filled = 0;
        size_t c = 0;
        const auto where = [&] {
            return " (row " + std::to_string(r + 1) + " of the <table> at line " + std::to_string(node.line) + ")";
        };
        std::vector<int> next = covered;
        for (int& count : next) count = std::max(0, count - 1);
        for (const Cell& cell : table.rows[r].cells) {
            while (c < columns && covered[c] > 0) ++c, ++filled;
            const size_t end = c + static_cast<size_t>(cell.colspan);
            if (end > columns || std::any_of(covered.begin() + static_cast<long>(c), covered.begin() + static_cast<long>(end),
                                             [](int count) { return count > 0; }))
                fail(*row_nodes[r], "a <row> with cells for more than the table's " + std::to_string(columns) +
                                        " columns" + where());
            for (size_t k = c; k < c + static_cast<size_t>(cell.colspan); ++k) next[k] = cell.rowspan - 1;
            c += static_cast<size_t>(cell.colspan);
            filled += static_cast<size_t>(cell.colspan);
        }
        for (; c < columns; ++c) filled += covered[c] > 0;
        if (filled < columns)
            fail(*row_nodes[r], "a <row> with cells for " + std::to_string(filled) + " of the table's " +
                                    std::to_string(columns) + " columns" + where() +
                                    ": give every column a cell, or widen one with colspan");
        covered = std::move(next);
    }
}

Row Binder::row(const TemplateNode& node, RowRole role, const std::string& cell_style, size_t columns) {
    Row row;
    row.role = role;
    const std::string kind = attribute(node, "kind", "body");
    if (kind == "section") {
        if (role == RowRole::Header) fail(node, "a header row cannot be a section row");
        row.role = RowRole::Section;
        row.keep_with_next = true;
    } else if (kind != "body") {
        fail(node, "<row> kind must be body or section, not \"" + kind + "\"");
    }
    row.keep_with_next = bool_attribute(node, "keep-with-next", row.keep_with_next);
    each_child(node, [&](const TemplateNode& child) {
        if (child.kind == TemplateNode::Kind::Text && child.text.is_blank()) return;
        if (!child.is_element("cell")) fail(child, "<row> holds only <cell> elements");
        row.cells.push_back(cell(child, cell_style, columns));
    });
    return row;
}

Cell Binder::cell(const TemplateNode& node, const std::string& cell_style, size_t columns) {
    Cell cell;
    const auto span = [&](const char* name) {
        const std::string text = attribute(node, name, "1");
        if (text == "all" && std::string(name) == "colspan") {
            if (columns == 0) fail(node, "colspan=\"all\" needs the <column> elements before the rows");
            return static_cast<int>(columns);
        }
        try {
            const int value = parse_whole(text);
            if (value >= 1) return value;
        } catch (const std::invalid_argument&) {
        }
        fail(node, std::string("<cell> attribute '") + name + "': expected a whole number from 1" +
                       (std::string(name) == "colspan" ? " or all" : "") + ", got \"" + text + "\"");
    };
    cell.colspan = span("colspan");
    cell.rowspan = span("rowspan");
    const std::string valign = attribute(node, "valign", "top");
    if (valign == "top") cell.valign = VerticalAlign::Top;
    else if (valign == "center") cell.valign = VerticalAlign::Center;
    else if (valign == "bottom") cell.valign = VerticalAlign::Bottom;
    else fail(node, "<cell> valign must be top, center or bottom, not \"" + valign + "\"");
    container_content(node, cell.blocks, attribute(node, "style", cell_style));
    return cell;
}

std::string plain_text(const std::vector<Block>& blocks) {
    std::string text;
    for (const Block& block : blocks) {
        std::visit(Overloaded{
                       [&](const Paragraph& paragraph) {
                           for (const Run& run : paragraph.runs) text += run.text;
                           text += '\n';
                       },
                       [&](const List& list) {
                           for (const ListItem& item : list.items) text += plain_text(item.blocks);
                       },
                       // Cells hold no tables, charts or page breaks (the loader refuses them).
                       [&](const Table&) {}, [&](const Chart&) {}, [&](const PageBreak&) {},
                   },
                   block);
    }
    return text;
}

// Only rows with one plain cell per column take part; any other row (a
// section row spanning the table) ends the run of equal cells.
void merge_equal_cells(Table& table, const std::vector<bool>& merge_columns) {
    const size_t columns = table.column_widths.size();
    const size_t rows = table.rows.size();
    std::vector<bool> plain(rows, false);
    for (size_t r = 0; r < rows; ++r) {
        const Row& row = table.rows[r];
        plain[r] = row.role == RowRole::Body && row.cells.size() == columns;
        for (const Cell& cell : row.cells) plain[r] = plain[r] && cell.colspan == 1 && cell.rowspan == 1;
    }
    std::vector<std::vector<bool>> removed(rows, std::vector<bool>(columns, false));
    for (size_t c = 0; c < merge_columns.size() && c < columns; ++c) {
        if (!merge_columns[c]) continue;
        Cell* run_start = nullptr;
        std::string run_text;
        for (size_t r = 0; r < rows; ++r) {
            if (!plain[r]) {
                run_start = nullptr;
                continue;
            }
            Cell& cell = table.rows[r].cells[c];
            const std::string text = plain_text(cell.blocks);
            if (run_start && text == run_text) {
                ++run_start->rowspan;
                removed[r][c] = true;
            } else {
                run_start = text.find_first_not_of('\n') == std::string::npos ? nullptr : &cell;
                run_text = text;
            }
        }
    }
    for (size_t r = 0; r < rows; ++r) {
        auto& cells = table.rows[r].cells;
        for (size_t c = columns; c-- > 0;)
            if (removed[r][c]) cells.erase(cells.begin() + static_cast<long>(c));
    }
}

}  // namespace docgen
