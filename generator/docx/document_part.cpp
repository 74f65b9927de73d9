// word/document.xml and its header parts: sections with their page setup
// and page numbers, paragraphs as differences from their styles, tables with
// grid, spans, merged cells and repeated header rows.
#include <algorithm>
#include <map>
#include <numeric>
#include <string>

#include "docx/chart_part.h"
#include "docx/ooxml.h"
#include "docx/parts.h"
#include "docx/properties.h"
#include "model/overloaded.h"
#include "model/table_grid.h"

namespace docgen {

using ooxml::add;
using ooxml::add_val;
using ooxml::set;
using ooxml::twips;

namespace {

constexpr double kA4Short = 595.28;

class DocumentWriter {
public:
    explicit DocumentWriter(const Document& document) : document_(document) {
        for (const NamedStyle& style : document.styles) styles_[style.name] = &style;
    }

    DocumentPart write() {
        pugi::xml_document xml;
        pugi::xml_node root = ooxml::start_part(xml, "w:document");
        set(root, "xmlns:w", ooxml::kMain);
        set(root, "xmlns:r", ooxml::kRelationships);
        set(root, "xmlns:wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing");
        set(root, "xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        set(root, "xmlns:c", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        pugi::xml_node body = add(root, "w:body");
        // The body is written out block by block, its nodes dropped as they
        // are: a country's report has thousands of pages, and their tree would
        // take twice the memory of their text.
        const std::string frame = ooxml::serialize(xml);
        const std::string empty_body = "<w:body/>";
        const size_t body_at = frame.find(empty_body);
        std::string out = frame.substr(0, body_at) + "<w:body>";
        body_ = body;
        out_ = &out;
        const auto write_out = [&] {
            for (pugi::xml_node child : body.children()) out += ooxml::serialize(child);
            body.remove_children();
        };
        for (size_t s = 0; s < document_.sections.size(); ++s) {
            const Section& section = document_.sections[s];
            text_width_ = text_width(section.page);
            for (const Block& block : section.blocks) {
                write_block(body, block, false);
                write_out();
            }
            in_foot_ = true;
            for (const Block& block : section.foot) write_block(body, block, false);
            in_foot_ = false;
            const bool last = s + 1 == document_.sections.size();
            // A section ends in its last paragraph's properties; the document's last in the body's.
            pugi::xml_node holder = last ? body : add(add(body, "w:p"), "w:pPr");
            write_section_properties(holder, section);
            write_out();
        }
        out += "</w:body>" + frame.substr(body_at + empty_body.size());
        out_ = nullptr;
        return {std::move(out), std::move(parts_), std::move(entries_)};
    }

private:
    const NamedStyle& style_of(const Paragraph& paragraph) const {
        const auto found = styles_.find(paragraph.style);
        return found != styles_.end() ? *found->second : fallback_;
    }

    void write_block(pugi::xml_node parent, const Block& block, bool keep_with_next) {
        std::visit(Overloaded{
                       [&](const Paragraph& paragraph) { write_paragraph(parent, paragraph, keep_with_next); },
                       [&](const List& list) {
                           for (const ListItem& item : list.items)
                               for (const Block& inner : item.blocks) write_block(parent, inner, keep_with_next);
                       },
                       [&](const Table& table) { write_table(parent, table); },
                       [&](const Chart& chart) { write_chart(parent, chart); },
                       [&](const PageBreak&) { set(add(add(add(parent, "w:p"), "w:r"), "w:br"), "w:type", "page"); },
                   },
                   block);
    }

    void write_paragraph(pugi::xml_node parent, const Paragraph& paragraph, bool keep_with_next) {
        const NamedStyle& style = style_of(paragraph);
        pugi::xml_node p = add(parent, "w:p");
        pugi::xml_node properties = add(p, "w:pPr");
        add_val(properties, "w:pStyle", style_id(style.name));
        ParagraphProps props = paragraph.props;
        props.keep_with_next = props.keep_with_next || keep_with_next;
        write_paragraph_properties(properties, props, &style.paragraph);
        if (in_foot_) add_foot_frame(properties);
        if (!paragraph.label.empty()) {
            // A hanging marker is followed by a tab to the text's indent, as
            // Word's own lists are; a leading one by a no-break space.
            pugi::xml_node run = add_run(p, paragraph.run_props, style.run);
            add_text(run, paragraph.label + (paragraph.props.first_line_indent < 0 ? "" : "\u00A0"));
            if (paragraph.props.first_line_indent < 0) add(run, "w:tab");
        }
        for (const Run& run : paragraph.runs) add_text(add_run(p, run.props, style.run), run.text);
    }

    // A paragraph of the section's foot (the executor's line) is a frame as
    // wide as the text, at the bottom of the text area: Word and LibreOffice
    // put it at the foot of the page the section ends on, with no text beside it.
    void add_foot_frame(pugi::xml_node properties) const {
        pugi::xml_node before = properties.child("w:pStyle");  // framePr follows these, in the schema's order
        for (const char* name : {"w:keepNext", "w:keepLines", "w:pageBreakBefore"})
            if (pugi::xml_node node = properties.child(name)) before = node;
        pugi::xml_node frame = properties.insert_child_after("w:framePr", before);
        set(frame, "w:w", twips(text_width_));
        set(frame, "w:wrap", "notBeside");
        set(frame, "w:vAnchor", "margin");
        set(frame, "w:hAnchor", "margin");
        set(frame, "w:xAlign", "left");
        set(frame, "w:yAlign", "bottom");
    }

    static pugi::xml_node add_run(pugi::xml_node p, const RunProps& props, const RunProps& style) {
        pugi::xml_node run = add(p, "w:r");
        pugi::xml_node properties = add(run, "w:rPr");
        write_run_properties(properties, props, &style);
        if (!properties.first_child()) run.remove_child(properties);
        return run;
    }

    // Text with its line breaks as <w:br/>.
    static void add_text(pugi::xml_node run, const std::string& text) {
        size_t start = 0;
        while (true) {
            const size_t end = text.find('\n', start);
            const std::string piece = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
            if (!piece.empty()) {
                pugi::xml_node t = add(run, "w:t");
                set(t, "xml:space", "preserve");
                t.text().set(piece.c_str());
            }
            if (end == std::string::npos) return;
            add(run, "w:br");
            start = end + 1;
        }
    }

    void write_table(pugi::xml_node parent, const Table& table) {
        const TableGrid grid = arrange_grid(table);
        std::vector<int> widths;
        for (double width : column_widths(table, text_width_)) widths.push_back(twips(width));
        pugi::xml_node tbl = add(parent, "w:tbl");
        write_table_properties(add(tbl, "w:tblPr"), table, std::accumulate(widths.begin(), widths.end(), 0));
        pugi::xml_node grid_node = add(tbl, "w:tblGrid");
        for (int width : widths) set(add(grid_node, "w:gridCol"), "w:w", width);
        // A table of the body is written out row by row: the report's list of
        // a country's schools is one table of thousands of rows.
        const bool streamed = out_ && parent == body_ && parent.first_child() == tbl;  // nothing before it unwritten
        const std::string end_tag = "</w:tbl>";
        if (streamed) {
            const std::string start = ooxml::serialize(tbl);  // "<w:tbl>…properties and grid…</w:tbl>"
            *out_ += std::string_view(start).substr(0, start.size() - end_tag.size());
            tbl.remove_children();
        }

        for (size_t r = 0; r < table.rows.size(); ++r) {
            const Row& row = table.rows[r];
            pugi::xml_node tr = add(tbl, "w:tr");
            pugi::xml_node row_properties = add(tr, "w:trPr");
            const bool heading = row.role == RowRole::Header || row.role == RowRole::ColumnNumbers;
            // A row kept with the next is never split, as the PDF keeps it.
            if (heading || row.role == RowRole::Section || row.keep_with_next || table.keep_rows_whole)
                add(row_properties, "w:cantSplit");
            if (table.repeat == HeaderRepeat::Full && heading) add(row_properties, "w:tblHeader");
            if (!row_properties.first_child()) tr.remove_child(row_properties);
            for (int c = 0; c < grid.columns;) {
                const GridCell* cover = grid.covering[r][static_cast<size_t>(c)];
                const int span = cover ? cover->colspan : 1;
                int width = 0;
                for (int k = c; k < c + span; ++k) width += widths[static_cast<size_t>(k)];
                write_cell(tr, cover, static_cast<int>(r), width, row.keep_with_next);
                c += span;
            }
            if (streamed) {
                *out_ += ooxml::serialize(tr);
                tbl.remove_child(tr);
            }
        }
        if (streamed) {
            *out_ += end_tag;
            parent.remove_child(tbl);
        }
    }

    void write_table_properties(pugi::xml_node properties, const Table& table, int width) {
        pugi::xml_node table_width = add(properties, "w:tblW");
        set(table_width, "w:w", width);
        set(table_width, "w:type", "dxa");
        pugi::xml_node borders = add(properties, "w:tblBorders");
        for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
            pugi::xml_node border = add(borders, side);
            if (!table.borders.visible) {
                set(border, "w:val", "nil");
                continue;
            }
            set(border, "w:val", "single");
            set(border, "w:sz", std::max(2, static_cast<int>(table.borders.width * 8 + 0.5)));  // eighths of a point
            set(border, "w:space", 0);
            set(border, "w:color", "000000");
        }
        set(add(properties, "w:tblLayout"), "w:type", "fixed");
        pugi::xml_node margins = add(properties, "w:tblCellMar");
        for (const auto& [side, value] : {std::pair{"w:top", table.cell_padding_vertical},
                                          std::pair{"w:left", table.cell_padding_horizontal},
                                          std::pair{"w:bottom", table.cell_padding_vertical},
                                          std::pair{"w:right", table.cell_padding_horizontal}}) {
            pugi::xml_node margin = add(margins, side);
            set(margin, "w:w", twips(value));
            set(margin, "w:type", "dxa");
        }
    }

    // A cell starting in this row, the continuation of one merged from above
    // (Word wants it written, empty, with vMerge), or an empty place.
    void write_cell(pugi::xml_node tr, const GridCell* cover, int row, int width, bool keep_with_next) {
        pugi::xml_node tc = add(tr, "w:tc");
        pugi::xml_node properties = add(tc, "w:tcPr");
        pugi::xml_node cell_width = add(properties, "w:tcW");
        set(cell_width, "w:w", width);
        set(cell_width, "w:type", "dxa");
        if (cover && cover->colspan > 1) add_val(properties, "w:gridSpan", cover->colspan);
        const bool starts_here = cover && cover->row == row;
        if (cover && cover->rowspan > 1) {
            pugi::xml_node merge = add(properties, "w:vMerge");
            if (starts_here) set(merge, "w:val", "restart");
        }
        if (cover) {
            const VerticalAlign valign = cover->cell->valign;
            add_val(properties, "w:vAlign", valign == VerticalAlign::Top      ? "top"
                                            : valign == VerticalAlign::Center ? "center"
                                                                              : "bottom");
        }
        if (starts_here)
            for (const Block& block : cover->cell->blocks) write_block(tc, block, keep_with_next);
        if (std::string(tc.last_child().name()) != "w:p") add(tc, "w:p");  // every cell ends in a paragraph
    }

    void write_section_properties(pugi::xml_node parent, const Section& section) {
        pugi::xml_node properties = add(parent, "w:sectPr");
        const bool numbered = section.numbering != PageNumbering::None;
        const RelatedPart& numbers = numbered ? add_header(section, true) : add_header(section, false);
        reference_header(properties, "default", numbers);
        if (section.numbering == PageNumbering::FromSecond)
            reference_header(properties, "first", add_header(section, false));

        const PageSetup& page = section.page;
        const double long_side = std::max(page.width, page.height);
        const double short_side = std::min(page.width, page.height);
        pugi::xml_node size = add(properties, "w:pgSz");
        set(size, "w:w", twips(page.landscape ? long_side : short_side));
        set(size, "w:h", twips(page.landscape ? short_side : long_side));
        if (page.landscape) set(size, "w:orient", "landscape");
        pugi::xml_node margins = add(properties, "w:pgMar");
        set(margins, "w:top", twips(page.margin_top));
        set(margins, "w:right", twips(page.margin_right));
        set(margins, "w:bottom", twips(page.margin_bottom));
        set(margins, "w:left", twips(page.margin_left));
        set(margins, "w:header", twips(page.header_distance));
        set(margins, "w:footer", twips(page.header_distance));
        set(margins, "w:gutter", 0);
        if (section.restart_numbering) set(add(properties, "w:pgNumType"), "w:start", 1);
        if (section.numbering == PageNumbering::FromSecond) add(properties, "w:titlePg");
    }

    static void reference_header(pugi::xml_node properties, const char* type, const RelatedPart& header) {
        pugi::xml_node reference = add(properties, "w:headerReference");
        set(reference, "w:type", type);
        set(reference, "r:id", header.relationship_id);
    }

    // A header with the page number centred (a PAGE field), or an empty one:
    // a section without its own headers would inherit the previous section's.
    const RelatedPart& add_header(const Section& section, bool with_number) {
        pugi::xml_document xml;
        pugi::xml_node header = ooxml::start_part(xml, "w:hdr");
        set(header, "xmlns:w", ooxml::kMain);
        set(header, "xmlns:r", ooxml::kRelationships);
        pugi::xml_node p = add(header, "w:p");
        pugi::xml_node properties = add(p, "w:pPr");
        ParagraphProps centred;
        centred.align = Align::Center;
        centred.hyphenate = false;
        write_paragraph_properties(properties, centred, nullptr);
        if (with_number) {
            const RunProps& font = section.page_number_props;
            const auto field_run = [&] {
                pugi::xml_node run = add(p, "w:r");
                write_run_properties(add(run, "w:rPr"), font, nullptr);
                return run;
            };
            set(add(field_run(), "w:fldChar"), "w:fldCharType", "begin");
            pugi::xml_node instruction = add(field_run(), "w:instrText");
            set(instruction, "xml:space", "preserve");
            instruction.text().set(" PAGE ");
            set(add(field_run(), "w:fldChar"), "w:fldCharType", "separate");
            add(field_run(), "w:t").text().set("2");
            set(add(field_run(), "w:fldChar"), "w:fldCharType", "end");
        }
        return add_part("header", "header" + std::to_string(++headers_) + ".xml",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml", ooxml::serialize(xml));
    }

    // Relationship ids 1–3 are the styles, settings and font table.
    const RelatedPart& add_part(const std::string& type, const std::string& file, const std::string& content_type,
                                std::string xml) {
        parts_.push_back({file, "rId" + std::to_string(parts_.size() + 4), type, content_type, std::move(xml)});
        return parts_.back();
    }

    // The chart in a paragraph of its own, inline, centred, kept whole and with
    // the paragraph after it (its caption), as the PDF places it; its data
    // goes with it as an embedded workbook.
    void write_chart(pugi::xml_node parent, const Chart& chart) {
        const int number = ++charts_;
        const std::string file = "charts/chart" + std::to_string(number) + ".xml";
        const std::string workbook = "Microsoft_Excel_Worksheet" + std::to_string(number) + ".xlsx";
        const RelatedPart& part = add_part("chart", file, "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
                                           chart_part(chart, "rId1"));
        entries_.push_back({"word/charts/_rels/chart" + std::to_string(number) + ".xml.rels",
                            single_relationship_part("rId1", "package", "../embeddings/" + workbook)});
        entries_.push_back({"word/embeddings/" + workbook, chart_workbook(chart)});

        pugi::xml_node p = add(parent, "w:p");
        pugi::xml_node properties = add(p, "w:pPr");
        ParagraphProps centred;
        centred.align = Align::Center;
        centred.first_line_indent = 0;
        centred.keep_together = true;
        centred.keep_with_next = true;
        centred.space_before = chart.space_before;
        centred.space_after = chart.space_after;
        write_paragraph_properties(properties, centred, nullptr);
        constexpr long kEmuPerPoint = 12700;
        pugi::xml_node inline_shape = add(add(add(p, "w:r"), "w:drawing"), "wp:inline");
        for (const char* side : {"distT", "distB", "distL", "distR"}) set(inline_shape, side, 0);
        pugi::xml_node extent = add(inline_shape, "wp:extent");
        set(extent, "cx", std::to_string(static_cast<long>(text_width_ * chart.width_fraction * kEmuPerPoint)));
        set(extent, "cy", std::to_string(static_cast<long>(chart.height * kEmuPerPoint)));
        pugi::xml_node effect = add(inline_shape, "wp:effectExtent");
        for (const char* side : {"l", "t", "r", "b"}) set(effect, side, 0);
        pugi::xml_node description = add(inline_shape, "wp:docPr");
        set(description, "id", number);
        set(description, "name", "Диаграмма " + std::to_string(number));
        if (!chart.title.empty()) set(description, "descr", chart.title);
        add(inline_shape, "wp:cNvGraphicFramePr");
        pugi::xml_node data = add(add(inline_shape, "a:graphic"), "a:graphicData");
        set(data, "uri", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        set(add(data, "c:chart"), "r:id", part.relationship_id);
    }

    const Document& document_;
    pugi::xml_node body_;          // while the body is written out: its node,
    std::string* out_ = nullptr;  // and the text written so far
    std::map<std::string, const NamedStyle*> styles_;
    const NamedStyle fallback_{};
    std::vector<RelatedPart> parts_;
    std::vector<PackageEntry> entries_;
    int headers_ = 0;
    int charts_ = 0;
    bool in_foot_ = false;
    double text_width_ = kA4Short;
};

}  // namespace

DocumentPart document_part(const Document& document) { return DocumentWriter(document).write(); }

}  // namespace docgen
