// Binding <chart>: its categories and each <series>' values come from the data.
#include <stdexcept>

#include "template/binder.h"
#include "template/styles.h"

namespace docgen {

using nlohmann::json;

Chart Binder::chart(const TemplateNode& node) {
    Chart chart;
    const std::string kind = attribute(node, "kind", "bar");
    if (kind != "bar" && kind != "stacked-bar") fail(node, "<chart> kind must be bar or stacked-bar, not \"" + kind + "\"");
    chart.stacked = kind == "stacked-bar";
    const std::string direction = attribute(node, "direction", "vertical");
    if (direction != "vertical" && direction != "horizontal")
        fail(node, "<chart> direction must be vertical or horizontal, not \"" + direction + "\"");
    chart.horizontal = direction == "horizontal";
    chart.title = attribute(node, "title");
    chart.value_title = attribute(node, "value-title");
    chart.height = parsed_attribute(node, "height", chart.height, parse_positive_length);
    chart.space_before = length_attribute(node, "space-before", 0);
    chart.space_after = length_attribute(node, "space-after", 0);
    chart.width_fraction = percent_attribute(node, "width", chart.width_fraction);
    chart.may_float = bool_attribute(node, "float", false);
    const Value categories = evaluate(*node.expression, node);
    if (!categories.get().is_array()) fail(node, "<chart> categories must be a list, got " + std::string(categories.get().type_name()));
    for (const json& category : categories.get()) chart.categories.push_back(to_text(category, categories.path));

    each_child(node, [&](const TemplateNode& child) {
        if (child.kind == TemplateNode::Kind::Text && child.text.is_blank()) return;
        if (!child.is_element("series")) fail(child, "<chart> holds only <series> elements");
        ChartSeries series;
        series.name = attribute(child, "name");
        series.color = parsed_attribute(child, "color", std::string(), parse_color);
        const Value values = evaluate(*child.expression, child);
        if (!values.get().is_array()) fail(child, "<series> values must be a list of numbers");
        for (const json& value : values.get()) {
            if (!value.is_number() && !value.is_null()) fail(child, "<series> values must be numbers, got " + value.dump());
            series.values.push_back(value.is_number() ? value.get<double>() : 0);
        }
        if (series.values.size() != chart.categories.size())
            fail(child, "<series> \"" + series.name + "\" has " + std::to_string(series.values.size()) +
                            " values for " + std::to_string(chart.categories.size()) + " categories");
        chart.series.push_back(std::move(series));
    });
    if (chart.series.empty()) fail(node, "<chart> needs at least one <series>");
    return chart;
}

}  // namespace docgen
