#include "layout/chart_layout.h"

#include <algorithm>
#include <cmath>

#include "common/utf8.h"
#include "layout/stack.h"
#include "common/russian.h"

namespace docgen {

namespace {

constexpr double kLabelSize = 8.5;
constexpr double kTitleSize = 11;
constexpr double kGap = 4;
const Color kGridColor{0.8, 0.8, 0.8};
const Color kAxisColor{0.25, 0.25, 0.25};

Paragraph label_paragraph(const std::string& text, double size, Align align, bool bold = false) {
    Paragraph paragraph;
    paragraph.props.align = align;
    paragraph.props.hyphenate = false;
    paragraph.run_props.size = size;
    paragraph.run_props.bold = bold;
    paragraph.runs.push_back({text, paragraph.run_props, false});
    return paragraph;
}

std::vector<Line> lines_of(LineBreaker& breaker, const std::string& text, double size, Align align, double width,
                           bool bold = false) {
    return breaker.break_paragraph(label_paragraph(text, size, align, bold), width);
}

double height_of(const std::vector<Line>& lines) {
    double height = 0;
    for (const Line& line : lines) height += line.height;
    return height;
}

void draw_lines(Page& page, const std::vector<Line>& lines, double left, double top) {
    for (const Line& line : lines) {
        draw_line(page, line, left, top);
        top += line.height;
    }
}

// As the document prints numbers: 1 234 567, 12,5 (the number filter), with
// ordinary spaces as the line breaker leaves them in drawn text.
std::string value_text(double value) {
    std::string text = russian::number(value);
    for (size_t at; (at = text.find(utf8::kNoBreakSpaceUtf8)) != std::string::npos;) text.replace(at, 2, " ");
    return text;
}

Color series_color(const Chart& chart, size_t index) {
    const std::string& own = chart.series[index].color;
    return Color::from_hex(own.empty() ? default_series_color(index) : own);
}

// White text on dark bars, black on light ones.
Color label_color(const Color& fill) {
    const double luminance = 0.299 * fill.red + 0.587 * fill.green + 0.114 * fill.blue;
    return luminance < 0.55 ? Color{1, 1, 1} : Color{};
}

double largest_value(const Chart& chart) {
    double largest = 0;
    for (size_t c = 0; c < chart.categories.size(); ++c) {
        double stack = 0;
        for (const ChartSeries& series : chart.series) {
            const double value = c < series.values.size() ? std::max(series.values[c], 0.0) : 0;
            stack += value;
            largest = std::max(largest, value);
        }
        if (chart.stacked) largest = std::max(largest, stack);
    }
    return largest;
}

class ChartPainter {
public:
    ChartPainter(Page& page, const Chart& chart, double left, double top, double width, LineBreaker& breaker)
        : page_(page), chart_(chart), left_(left), top_(top), width_(width), breaker_(breaker) {}

    void paint() {
        double y = top_ + chart_.space_before;
        double bottom = top_ + chart_.space_before + chart_.height;
        if (!chart_.title.empty()) {
            const auto title = lines_of(breaker_, chart_.title, kTitleSize, Align::Center, width_, true);
            draw_lines(page_, title, left_, y);
            y += height_of(title) + kGap;
        }
        bottom -= paint_legend(bottom);
        const AxisScale scale = nice_scale(largest_value(chart_));
        if (chart_.horizontal) paint_lying(y, bottom, scale);
        else paint_upright(y, bottom, scale);
    }

private:
    // Keys and names in rows at the bottom; returns the height used.
    double paint_legend(double bottom) {
        struct Key {
            std::string name;
            double width;
        };
        std::vector<Key> keys;
        const FontFace& face = breaker_face();
        for (const ChartSeries& series : chart_.series)
            keys.push_back({series.name, kLabelSize + 3 + face.width(series.name, kLabelSize) + 12});
        std::vector<std::vector<size_t>> rows(1);
        double row_width = 0;
        for (size_t k = 0; k < keys.size(); ++k) {
            if (row_width + keys[k].width > width_ && !rows.back().empty()) {
                rows.emplace_back();
                row_width = 0;
            }
            rows.back().push_back(k);
            row_width += keys[k].width;
        }
        const double row_height = kLabelSize * 1.5;
        double y = bottom - row_height * static_cast<double>(rows.size());
        const double used = bottom - y + kGap;
        for (const auto& row : rows) {
            double total = 0;
            for (size_t k : row) total += keys[k].width;
            double x = left_ + (width_ - total) / 2;
            for (size_t k : row) {
                page_.fills.push_back({x, y + 1, kLabelSize, kLabelSize, series_color(chart_, k)});
                page_.texts.push_back({x + kLabelSize + 3, y + kLabelSize, &face, kLabelSize, 0, keys[k].name, {}});
                x += keys[k].width;
            }
            y += row_height;
        }
        return used;
    }

    const FontFace& breaker_face() {
        if (!face_) face_ = lines_of(breaker_, "0", kLabelSize, Align::Left, 100).front().pieces.front().face;
        return *face_;
    }

    void tick_label(double x, double baseline, const std::string& text, Align align) {
        const FontFace& face = breaker_face();
        const double width = face.width(text, kLabelSize);
        const double start = align == Align::Center ? x - width / 2 : align == Align::Right ? x - width : x;
        page_.texts.push_back({start, baseline, &face, kLabelSize, 0, text, {}});
    }

    // The last segment of a category's stack that has a length: the one with room beside it.
    size_t outer_segment(size_t category) const {
        size_t outer = 0;
        for (size_t s = 0; s < chart_.series.size(); ++s)
            if (category < chart_.series[s].values.size() && chart_.series[s].values[category] > 0) outer = s;
        return outer;
    }

    // A bar's segment, with its value inside when the value fits, else beside it
    // when there is room there (not inside a stack): right of a lying bar,
    // above an upright one.
    void bar(double x, double y, double width, double height, size_t series, double value, bool lying,
             bool room_beside) {
        if (width <= 0 || height <= 0) return;
        const Color color = series_color(chart_, series);
        page_.fills.push_back({x, y, width, height, color});
        const std::string text = value_text(value);
        const FontFace& face = breaker_face();
        const double text_width = face.width(text, kLabelSize);
        // Along the bar a value needs a margin at both ends, across it only a point.
        const bool fits = lying ? text_width + 4 <= width && kLabelSize + 1 <= height
                                : text_width + 2 <= width && kLabelSize * 1.5 <= height;
        if (fits) {
            page_.texts.push_back({x + (width - text_width) / 2, y + height / 2 + kLabelSize * 0.35, &face, kLabelSize,
                                   0, text, label_color(color)});
        } else if (room_beside && lying) {
            page_.texts.push_back({x + width + 2, y + height / 2 + kLabelSize * 0.35, &face, kLabelSize, 0, text, {}});
        } else if (room_beside) {
            page_.texts.push_back({x + (width - text_width) / 2, y - kLabelSize * 0.3, &face, kLabelSize, 0, text, {}});
        }
    }

    // Bars growing to the right; category names down the left side.
    void paint_lying(double top, double bottom, const AxisScale& scale) {
        const size_t count = chart_.categories.size();
        if (count == 0) return;
        const double axis_labels = kLabelSize * 1.6;
        const double plot_bottom = bottom - axis_labels;
        const double band = (plot_bottom - top) / static_cast<double>(count);
        const FontFace& face = breaker_face();
        double names_width = 0;
        for (const std::string& name : chart_.categories) names_width = std::max(names_width, face.width(name, kLabelSize));
        names_width = std::min(names_width + 2, width_ * 0.35);
        const double plot_left = left_ + names_width + kGap;
        const double plot_width = left_ + width_ - plot_left - 6;
        paint_value_grid_vertical(plot_left, plot_width, top, plot_bottom, scale);
        for (size_t c = 0; c < count; ++c) {
            const double band_top = top + band * static_cast<double>(c);
            const auto name = lines_of(breaker_, chart_.categories[c], kLabelSize, Align::Right, names_width);
            draw_lines(page_, name, left_, band_top + (band - height_of(name)) / 2);
            const double thickness = band * 0.7;
            double x = plot_left;
            for (size_t s = 0; s < chart_.series.size(); ++s) {
                const double value = c < chart_.series[s].values.size() ? std::max(chart_.series[s].values[c], 0.0) : 0;
                const double length = plot_width * value / scale.top;
                if (chart_.stacked) {
                    bar(x, band_top + (band - thickness) / 2, length, thickness, s, value,
                        true, s == outer_segment(c));
                    x += length;
                } else {
                    const double each = thickness / static_cast<double>(chart_.series.size());
                    bar(plot_left, band_top + (band - thickness) / 2 + each * static_cast<double>(s), length, each, s,
                        value, true, true);
                }
            }
        }
        page_.rules.push_back({plot_left, top, plot_left, plot_bottom, 0.75, kAxisColor});
    }

    void paint_value_grid_vertical(double plot_left, double plot_width, double top, double plot_bottom,
                                   const AxisScale& scale) {
        for (double value = 0; value <= scale.top + scale.step / 2; value += scale.step) {
            const double x = plot_left + plot_width * value / scale.top;
            page_.rules.push_back({x, top, x, plot_bottom, 0.4, kGridColor});
            tick_label(x, plot_bottom + kLabelSize * 1.2, value_text(value), Align::Center);
        }
        if (!chart_.value_title.empty())
            tick_label(plot_left + plot_width, plot_bottom + kLabelSize * 2.4, chart_.value_title, Align::Right);
    }

    // Bars growing upwards; category names under them.
    void paint_upright(double top, double bottom, const AxisScale& scale) {
        const size_t count = chart_.categories.size();
        if (count == 0) return;
        if (!chart_.value_title.empty()) {  // over the values' axis, on a line of its own
            tick_label(left_, top + kLabelSize, chart_.value_title, Align::Left);
            top += kLabelSize * 1.6;
        }
        const FontFace& face = breaker_face();
        const double values_width = face.width(value_text(scale.top), kLabelSize) + kGap;
        const double plot_left = left_ + values_width + kGap;
        const double plot_width = left_ + width_ - plot_left;
        const double band = plot_width / static_cast<double>(count);
        double names_height = 0;
        std::vector<std::vector<Line>> names;
        for (const std::string& name : chart_.categories) {
            names.push_back(lines_of(breaker_, name, kLabelSize, Align::Center, band - 2));
            names_height = std::max(names_height, height_of(names.back()));
        }
        const double plot_bottom = bottom - names_height - kGap;
        for (double value = 0; value <= scale.top + scale.step / 2; value += scale.step) {
            const double y = plot_bottom - (plot_bottom - top) * value / scale.top;
            page_.rules.push_back({plot_left, y, plot_left + plot_width, y, 0.4, kGridColor});
            tick_label(plot_left - kGap, y + kLabelSize * 0.35, value_text(value), Align::Right);
        }
        for (size_t c = 0; c < count; ++c) {
            const double band_left = plot_left + band * static_cast<double>(c);
            draw_lines(page_, names[c], band_left + 1, plot_bottom + kGap / 2);
            const double thickness = band * 0.6;
            double y = plot_bottom;
            for (size_t s = 0; s < chart_.series.size(); ++s) {
                const double value = c < chart_.series[s].values.size() ? std::max(chart_.series[s].values[c], 0.0) : 0;
                const double length = (plot_bottom - top) * value / scale.top;
                if (chart_.stacked) {
                    bar(band_left + (band - thickness) / 2, y - length, thickness, length, s, value,
                        false, s == outer_segment(c));
                    y -= length;
                } else {
                    const double each = thickness / static_cast<double>(chart_.series.size());
                    bar(band_left + (band - thickness) / 2 + each * static_cast<double>(s), plot_bottom - length, each,
                        length, s, value, false, true);
                }
            }
        }
        page_.rules.push_back({plot_left, plot_bottom, plot_left + plot_width, plot_bottom, 0.75, kAxisColor});
    }

    Page& page_;
    const Chart& chart_;
    double left_, top_, width_;
    LineBreaker& breaker_;
    const FontFace* face_ = nullptr;
};

}  // namespace

AxisScale nice_scale(double largest) {
    if (largest <= 0) return {1, 1};
    const double rough = largest / 5;
    const double magnitude = std::pow(10, std::floor(std::log10(rough)));
    double step = magnitude;
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        step = factor * magnitude;
        if (step >= rough) break;
    }
    return {std::ceil(largest / step - 1e-9) * step, step};
}

double chart_height(const Chart& chart) { return chart.space_before + chart.height + chart.space_after; }

// A chart narrower than the text is centred, as the DOCX centres it.
void draw_chart(Page& page, const Chart& chart, double left, double top, double width, LineBreaker& breaker) {
    const double own_width = width * chart.width_fraction;
    ChartPainter(page, chart, left + (width - own_width) / 2, top, own_width, breaker).paint();
}

}  // namespace docgen
