#include "pdf/joined_rules.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace docgen {

namespace {

// Coordinates are written with two decimals: closer than that is the same.
constexpr double kSame = 0.005;

bool same_pen(const RuleMark& a, const RuleMark& b) { return a.width == b.width && a.color == b.color; }

// A horizontal or vertical rule as its fixed coordinate and its span.
struct Segment {
    bool vertical;
    double at, from, to;
};

bool straight(const RuleMark& rule) { return std::abs(rule.y1 - rule.y2) < kSame || std::abs(rule.x1 - rule.x2) < kSame; }

Segment segment_of(const RuleMark& rule) {
    if (std::abs(rule.y1 - rule.y2) < kSame)
        return {false, rule.y1, std::min(rule.x1, rule.x2), std::max(rule.x1, rule.x2)};
    return {true, rule.x1, std::min(rule.y1, rule.y2), std::max(rule.y1, rule.y2)};
}

RuleMark rule_of(const Segment& segment, const RuleMark& pen) {
    RuleMark rule = pen;
    if (segment.vertical) {
        rule.x1 = rule.x2 = segment.at;
        rule.y1 = segment.from;
        rule.y2 = segment.to;
    } else {
        rule.y1 = rule.y2 = segment.at;
        rule.x1 = segment.from;
        rule.x2 = segment.to;
    }
    return rule;
}

// One run of straight rules drawn with the same pen.
void join_run(std::vector<Segment> segments, const RuleMark& pen, std::vector<RuleMark>& out) {
    std::sort(segments.begin(), segments.end(), [](const Segment& a, const Segment& b) {
        return std::tie(a.vertical, a.at, a.from, a.to) < std::tie(b.vertical, b.at, b.from, b.to);
    });
    Segment current = segments.front();
    for (size_t i = 1; i < segments.size(); ++i) {
        const Segment& next = segments[i];
        if (next.vertical == current.vertical && std::abs(next.at - current.at) < kSame &&
            next.from <= current.to + kSame) {
            current.to = std::max(current.to, next.to);
        } else {
            out.push_back(rule_of(current, pen));
            current = next;
        }
    }
    out.push_back(rule_of(current, pen));
}

}  // namespace

std::vector<RuleMark> joined_rules(const std::vector<RuleMark>& rules) {
    std::vector<RuleMark> out;
    out.reserve(rules.size() / 2);
    for (size_t start = 0; start < rules.size();) {
        if (!straight(rules[start])) {
            out.push_back(rules[start++]);
            continue;
        }
        std::vector<Segment> run;
        size_t end = start;
        for (; end < rules.size() && straight(rules[end]) && same_pen(rules[end], rules[start]); ++end)
            run.push_back(segment_of(rules[end]));
        join_run(std::move(run), rules[start], out);
        start = end;
    }
    return out;
}

}  // namespace docgen
