#include "docx/chart_part.h"

#include <cstdio>
#include <functional>
#include <vector>

#include "docx/ooxml.h"
#include "common/zip_writer.h"

namespace docgen {

using ooxml::add;
using ooxml::set;

namespace {

constexpr const char* kChart = "http://schemas.openxmlformats.org/drawingml/2006/chart";
constexpr const char* kDrawing = "http://schemas.openxmlformats.org/drawingml/2006/main";
constexpr const char* kSheet = "Sheet1";
constexpr int kCategoryAxis = 500001;
constexpr int kValueAxis = 500002;

pugi::xml_node add_value(pugi::xml_node parent, const char* name, const std::string& value) {
    pugi::xml_node node = add(parent, name);
    set(node, "val", value);
    return node;
}

// A worksheet column's letters: A … Z, AA, AB …
std::string column(size_t index) {
    std::string letters;
    for (size_t n = index + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    return letters;
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

// Text properties: Times New Roman at a size, as the document's text.
void text_properties(pugi::xml_node parent, int hundredths, bool bold = false) {
    pugi::xml_node properties = add(parent, "c:txPr");
    add(properties, "a:bodyPr");
    add(properties, "a:lstStyle");
    pugi::xml_node paragraph = add(properties, "a:p");
    pugi::xml_node defaults = add(add(paragraph, "a:pPr"), "a:defRPr");
    set(defaults, "sz", hundredths);
    set(defaults, "b", bold ? 1 : 0);
    set(add(defaults, "a:latin"), "typeface", "Times New Roman");
    set(add(defaults, "a:cs"), "typeface", "Times New Roman");
    set(add(paragraph, "a:endParaRPr"), "lang", "ru-RU");
}

// A title: the chart's own (11 pt bold), or an axis's (8.5 pt, written
// across the page, as the PDF writes it, not turned along a vertical axis).
void title(pugi::xml_node parent, const std::string& text, bool axis = false) {
    const int hundredths = axis ? 850 : 1100;
    const bool bold = !axis;
    pugi::xml_node title_node = add(parent, "c:title");
    pugi::xml_node rich = add(add(title_node, "c:tx"), "c:rich");
    pugi::xml_node body = add(rich, "a:bodyPr");
    if (axis) {
        set(body, "rot", 0);
        set(body, "vert", "horz");
    }
    add(rich, "a:lstStyle");
    pugi::xml_node paragraph = add(rich, "a:p");
    pugi::xml_node defaults = add(add(paragraph, "a:pPr"), "a:defRPr");
    set(defaults, "sz", hundredths);
    set(defaults, "b", bold ? 1 : 0);
    pugi::xml_node run = add(paragraph, "a:r");
    pugi::xml_node properties = add(run, "a:rPr");
    set(properties, "lang", "ru-RU");
    set(properties, "sz", hundredths);
    set(properties, "b", bold ? 1 : 0);
    add(run, "a:t").text().set(text.c_str());
    add_value(title_node, "c:overlay", "0");
}

void series(pugi::xml_node bar_chart, const Chart& chart, size_t index) {
    const ChartSeries& data = chart.series[index];
    const std::string values_column = column(index + 1);
    const std::string last_row = std::to_string(chart.categories.size() + 1);
    pugi::xml_node ser = add(bar_chart, "c:ser");
    add_value(ser, "c:idx", std::to_string(index));
    add_value(ser, "c:order", std::to_string(index));
    pugi::xml_node name = add(add(ser, "c:tx"), "c:strRef");
    add(name, "c:f").text().set((std::string(kSheet) + "!$" + values_column + "$1").c_str());
    pugi::xml_node name_cache = add(name, "c:strCache");
    add_value(name_cache, "c:ptCount", "1");
    pugi::xml_node point = add(name_cache, "c:pt");
    set(point, "idx", 0);
    add(point, "c:v").text().set(data.name.c_str());
    const std::string color = data.color.empty() ? default_series_color(index) : data.color;
    set(add(add(add(ser, "c:spPr"), "a:solidFill"), "a:srgbClr"), "val", color);
    add_value(ser, "c:invertIfNegative", "0");
    // Every bar's value, as the PDF prints it, side by side or stacked.
    pugi::xml_node labels = add(ser, "c:dLbls");
    for (const char* flag : {"c:showLegendKey", "c:showVal", "c:showCatName", "c:showSerName", "c:showPercent",
                             "c:showBubbleSize"})
        add_value(labels, flag, std::string(flag) == "c:showVal" ? "1" : "0");
    pugi::xml_node categories = add(add(ser, "c:cat"), "c:strRef");
    add(categories, "c:f").text().set((std::string(kSheet) + "!$A$2:$A$" + last_row).c_str());
    pugi::xml_node category_cache = add(categories, "c:strCache");
    add_value(category_cache, "c:ptCount", std::to_string(chart.categories.size()));
    for (size_t c = 0; c < chart.categories.size(); ++c) {
        pugi::xml_node pt = add(category_cache, "c:pt");
        set(pt, "idx", static_cast<int>(c));
        add(pt, "c:v").text().set(chart.categories[c].c_str());
    }
    pugi::xml_node values = add(add(ser, "c:val"), "c:numRef");
    add(values, "c:f").text().set((std::string(kSheet) + "!$" + values_column + "$2:$" + values_column + "$" + last_row).c_str());
    pugi::xml_node value_cache = add(values, "c:numCache");
    add(value_cache, "c:formatCode").text().set("General");
    add_value(value_cache, "c:ptCount", std::to_string(data.values.size()));
    for (size_t c = 0; c < data.values.size(); ++c) {
        // A stacked zero would show its label "0" over the next segment: leave the point out.
        if (chart.stacked && data.values[c] == 0) continue;
        pugi::xml_node pt = add(value_cache, "c:pt");
        set(pt, "idx", static_cast<int>(c));
        add(pt, "c:v").text().set(number(data.values[c]).c_str());
    }
}

// What both axes write alike, in the schema's order: the labels' number
// format (the values' own, or General), ticks, the labels' text, the axis crossed.
void axis_labels(pugi::xml_node axis, bool values_format, int crossed_axis) {
    pugi::xml_node format = add(axis, "c:numFmt");
    set(format, "formatCode", "General");
    set(format, "sourceLinked", values_format ? "1" : "0");
    add_value(axis, "c:majorTickMark", "out");
    add_value(axis, "c:minorTickMark", "none");
    add_value(axis, "c:tickLblPos", "nextTo");
    text_properties(axis, 850);
    add_value(axis, "c:crossAx", std::to_string(crossed_axis));
}

void axes(pugi::xml_node plot, const Chart& chart) {
    pugi::xml_node category = add(plot, "c:catAx");
    add_value(category, "c:axId", std::to_string(kCategoryAxis));
    // Lying bars list categories from the top down, as the PDF does.
    add_value(add(category, "c:scaling"), "c:orientation", chart.horizontal ? "maxMin" : "minMax");
    add_value(category, "c:delete", "0");
    add_value(category, "c:axPos", chart.horizontal ? "l" : "b");
    axis_labels(category, false, kValueAxis);
    add_value(category, "c:crosses", "autoZero");
    add_value(category, "c:auto", "1");
    add_value(category, "c:lblAlgn", "ctr");
    add_value(category, "c:lblOffset", "100");
    add_value(category, "c:noMultiLvlLbl", "0");

    pugi::xml_node value = add(plot, "c:valAx");
    add_value(value, "c:axId", std::to_string(kValueAxis));
    add_value(add(value, "c:scaling"), "c:orientation", "minMax");
    add_value(value, "c:delete", "0");
    add_value(value, "c:axPos", chart.horizontal ? "b" : "l");
    add(value, "c:majorGridlines");
    // What the values count ("школ", "%"), at the values' axis.
    if (!chart.value_title.empty()) title(value, chart.value_title, true);
    axis_labels(value, true, kCategoryAxis);
    // With categories from the top down, the values' axis stays at the bottom.
    add_value(value, "c:crosses", chart.horizontal ? "max" : "autoZero");
    add_value(value, "c:crossBetween", "between");
}

}  // namespace

std::string chart_part(const Chart& chart, const std::string& workbook_relationship) {
    pugi::xml_document xml;
    pugi::xml_node space = ooxml::start_part(xml, "c:chartSpace");
    set(space, "xmlns:c", kChart);
    set(space, "xmlns:a", kDrawing);
    set(space, "xmlns:r", ooxml::kRelationships);
    add_value(space, "c:date1904", "0");
    add_value(space, "c:lang", "ru-RU");
    add_value(space, "c:roundedCorners", "0");
    pugi::xml_node body = add(space, "c:chart");
    if (!chart.title.empty()) title(body, chart.title);
    add_value(body, "c:autoTitleDeleted", chart.title.empty() ? "1" : "0");
    pugi::xml_node plot = add(body, "c:plotArea");
    add(plot, "c:layout");
    pugi::xml_node bars = add(plot, "c:barChart");
    add_value(bars, "c:barDir", chart.horizontal ? "bar" : "col");
    add_value(bars, "c:grouping", chart.stacked ? "stacked" : "clustered");
    add_value(bars, "c:varyColors", "0");
    for (size_t s = 0; s < chart.series.size(); ++s) series(bars, chart, s);
    add_value(bars, "c:gapWidth", "50");
    if (chart.stacked) add_value(bars, "c:overlap", "100");
    add_value(bars, "c:axId", std::to_string(kCategoryAxis));
    add_value(bars, "c:axId", std::to_string(kValueAxis));
    axes(plot, chart);
    pugi::xml_node legend = add(body, "c:legend");
    add_value(legend, "c:legendPos", "b");
    add_value(legend, "c:overlay", "0");
    add_value(body, "c:plotVisOnly", "1");
    add_value(body, "c:dispBlanksAs", "gap");
    text_properties(space, 900);
    pugi::xml_node external = add(space, "c:externalData");
    set(external, "r:id", workbook_relationship);
    add_value(external, "c:autoUpdate", "0");
    return ooxml::serialize(xml);
}

namespace {

std::string workbook_part(const char* root_name, const std::function<void(pugi::xml_node)>& fill) {
    pugi::xml_document xml;
    pugi::xml_node root = ooxml::start_part(xml, root_name);
    fill(root);
    return ooxml::serialize(xml);
}

void text_cell(pugi::xml_node row, const std::string& reference, const std::string& text) {
    pugi::xml_node cell = add(row, "c");
    set(cell, "r", reference);
    set(cell, "t", "inlineStr");
    add(add(cell, "is"), "t").text().set(text.c_str());
}

void number_cell(pugi::xml_node row, const std::string& reference, double value) {
    pugi::xml_node cell = add(row, "c");
    set(cell, "r", reference);
    add(cell, "v").text().set(number(value).c_str());
}

}  // namespace

std::string chart_workbook(const Chart& chart) {
    const char* spreadsheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const std::string office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    const std::string types = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
    ZipWriter zip;
    zip.add("[Content_Types].xml", workbook_part("Types", [&](pugi::xml_node root) {
        ooxml::content_types_defaults(root);
        for (const auto& [part, type] : {std::pair{"/xl/workbook.xml", types + "sheet.main+xml"},
                                         std::pair{"/xl/worksheets/sheet1.xml", types + "worksheet+xml"},
                                         std::pair{"/xl/styles.xml", types + "styles+xml"}}) {
            pugi::xml_node node = add(root, "Override");
            set(node, "PartName", part);
            set(node, "ContentType", type);
        }
    }));
    const auto relationships = [&](std::vector<std::pair<std::string, std::string>> targets) {
        return workbook_part("Relationships", [&](pugi::xml_node root) {
            set(root, "xmlns", ooxml::kPackageRelationships);
            for (size_t i = 0; i < targets.size(); ++i) {
                pugi::xml_node node = add(root, "Relationship");
                set(node, "Id", "rId" + std::to_string(i + 1));
                set(node, "Type", office + targets[i].first);
                set(node, "Target", targets[i].second);
            }
        });
    };
    zip.add("_rels/.rels", relationships({{"officeDocument", "xl/workbook.xml"}}));
    zip.add("xl/workbook.xml", workbook_part("workbook", [&](pugi::xml_node root) {
        set(root, "xmlns", spreadsheet);
        set(root, "xmlns:r", ooxml::kRelationships);
        pugi::xml_node sheet = add(add(root, "sheets"), "sheet");
        set(sheet, "name", kSheet);
        set(sheet, "sheetId", 1);
        set(sheet, "r:id", "rId1");
    }));
    zip.add("xl/_rels/workbook.xml.rels", relationships({{"worksheet", "worksheets/sheet1.xml"}, {"styles", "styles.xml"}}));
    zip.add("xl/styles.xml", workbook_part("styleSheet", [&](pugi::xml_node root) {
        set(root, "xmlns", spreadsheet);
        for (const auto& [list, item] : {std::pair{"fonts", "font"}, std::pair{"fills", "fill"},
                                         std::pair{"borders", "border"}, std::pair{"cellXfs", "xf"}}) {
            pugi::xml_node node = add(root, list);
            set(node, "count", 1);
            add(node, item);
        }
    }));
    zip.add("xl/worksheets/sheet1.xml", workbook_part("worksheet", [&](pugi::xml_node root) {
        set(root, "xmlns", spreadsheet);
        pugi::xml_node data = add(root, "sheetData");
        pugi::xml_node header = add(data, "row");
        set(header, "r", 1);
        text_cell(header, "A1", "");
        for (size_t s = 0; s < chart.series.size(); ++s) text_cell(header, column(s + 1) + "1", chart.series[s].name);
        for (size_t c = 0; c < chart.categories.size(); ++c) {
            const std::string row_number = std::to_string(c + 2);
            pugi::xml_node row = add(data, "row");
            set(row, "r", row_number);
            text_cell(row, "A" + row_number, chart.categories[c]);
            for (size_t s = 0; s < chart.series.size(); ++s)
                number_cell(row, column(s + 1) + row_number, c < chart.series[s].values.size() ? chart.series[s].values[c] : 0);
        }
    }));
    return zip.finish();
}

}  // namespace docgen
