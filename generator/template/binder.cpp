#include "template/binder.h"

#include <cmath>
#include <map>
#include <stdexcept>

#include "common/error.h"
#include "template/styles.h"

namespace docgen {

using nlohmann::json;

namespace {

constexpr int kMaxFragmentDepth = 50;

bool is_block_element(const TemplateNode& node) {
    return node.kind == TemplateNode::Kind::Element &&
           (node.name == "p" || node.name == "list" || node.name == "table" || node.name == "rich" ||
            node.name == "page-break" || node.name == "chart");
}

bool is_control_element(const TemplateNode& node) {
    return node.kind == TemplateNode::Kind::Element &&
           (node.name == "for" || node.name == "if" || node.name == "else" || node.name == "let");
}

// Where an element that is not a block belongs, for the message that finds it among blocks.
std::string placement_of(const std::string& element) {
    static const std::map<std::string, std::string> places = {
        {"b", "inside a <p>"},         {"i", "inside a <p>"},          {"u", "inside a <p>"},
        {"span", "inside a <p>"},      {"br", "inside a <p>"},         {"nobr", "inside a <p>"},
        {"item", "inside a <list>"},   {"column", "inside a <table>"}, {"header", "inside a <table>"},
        {"row", "inside a <table>"},   {"cell", "inside a <row>"},     {"series", "inside a <chart>"},
        {"style", "inside <styles>"},  {"styles", "among the children of <document>"},
        {"fragment", "among the children of <document>"}, {"section", "among the children of <document>"},
        {"document", "as the template's root"},
    };
    const auto place = places.find(element);
    return place == places.end() ? "inside a <p>" : place->second;
}

}  // namespace

Document bind_template(const CompiledTemplate& compiled, const json& data, const std::vector<Variable>& variables) {
    Binder binder(compiled, data);
    for (const Variable& variable : variables) binder.bind_variable(variable);
    return binder.bind();
}

void Binder::bind_variable(const Variable& variable) {
    scope_.push(variable.name, Value::of_data(*variable.value, variable.path));
}

Binder::Binder(const CompiledTemplate& compiled, const json& data) : compiled_(compiled), scope_(data) {
    for (const NamedStyle& style : compiled.styles) styles_[style.name] = &style;
}

// ---------------------------------------------------------------- evaluation

void Binder::fail(const TemplateNode& node, const std::string& message) const {
    throw InputError(Location::at(compiled_.sources[static_cast<size_t>(node.source)], node.line), message);
}

Value Binder::evaluate(const Expression& expression, const TemplateNode& at, bool lenient) const {
    try {
        return expression.evaluate(scope_, lenient);
    } catch (const ExpressionError& error) {
        fail(at, "in '" + expression.source() + "': " + error.what());
    }
}

// Errors point at the expression's own line, which in a long text may be
// below the line the text starts on.
std::string Binder::text_of(const TextTemplate& text, const TemplateNode& at) const {
    std::string out;
    for (const auto& part : text.parts) {
        if (!part.expression) {
            out += part.literal;
            continue;
        }
        try {
            const Value value = part.expression->evaluate(scope_);
            out += to_text(value.get(), value.path);
        } catch (const ExpressionError& error) {
            throw InputError(Location::at(compiled_.sources[static_cast<size_t>(at.source)], at.line + part.line_offset),
                             "in '{{" + part.expression->source() + "}}': " + error.what());
        }
    }
    return out;
}

std::string Binder::attribute(const TemplateNode& node, const char* name, const std::string& fallback) const {
    const TextTemplate* value = node.attribute(name);
    if (!value) return fallback;
    // An attribute is a setting, not text to print: a number given by one
    // expression keeps its decimal point (width="{{ column.width }}" → 12.5),
    // where text would print it with a comma.
    if (const Expression* single = value->single_expression()) {
        const Value result = evaluate(*single, node);
        if (result.get().is_number_float() && std::isfinite(result.get().get<double>())) return result.get().dump();
    }
    return text_of(*value, node);
}

bool Binder::bool_attribute(const TemplateNode& node, const char* name, bool fallback) const {
    return parsed_attribute(node, name, fallback, parse_bool);
}

double Binder::length_attribute(const TemplateNode& node, const char* name, double fallback) const {
    return parsed_attribute(node, name, fallback, parse_length);
}

double Binder::percent_attribute(const TemplateNode& node, const char* name, double fallback) const {
    return parsed_attribute(node, name, fallback, parse_percent);
}

// ---------------------------------------------------------------- control flow

void Binder::each_child(const TemplateNode& parent, const Visitor& visit) {
    std::optional<bool> previous_if;  // what the <if> before an <else> decided
    const auto& children = parent.children;
    for (size_t i = 0; i < children.size(); ++i) {
        const TemplateNode& child = children[i];
        if (child.kind == TemplateNode::Kind::Text && previous_if && child.text.is_blank()) {
            // Blank text between </if> and <else> belongs to neither.
            size_t next = i + 1;
            while (next < children.size() && children[next].kind == TemplateNode::Kind::Text &&
                   children[next].text.is_blank())
                ++next;
            if (next < children.size() && children[next].is_element("else")) continue;
        }
        if (child.is_element("if")) {
            previous_if = truthy(evaluate(*child.expression, child, true).get());
            if (*previous_if) each_child(child, visit);
            continue;
        }
        if (child.is_element("else")) {
            if (!previous_if) fail(child, "<else> must follow an <if>");
            if (!*previous_if) each_child(child, visit);
            previous_if.reset();
            continue;
        }
        previous_if.reset();
        if (child.is_element("for")) {
            expand_for(child, visit);
        } else if (child.is_element("let")) {
            const std::string name = attribute(child, "name");
            if (name.empty()) fail(child, "<let> needs a name");
            scope_.push(name, evaluate(*child.expression, child));
            each_child(child, visit);
            scope_.pop();
        } else if (child.is_element("use")) {
            expand_use(child, visit);
        } else {
            visit(child);
        }
    }
}

void Binder::expand_for(const TemplateNode& node, const Visitor& visit) {
    const std::string each = attribute(node, "each");
    const std::string index = attribute(node, "index");
    if (each.empty()) fail(node, "<for> needs each=\"name\"");
    const Value list = evaluate(*node.expression, node);
    const json& items = list.get();
    if (items.is_null()) return;
    if (!items.is_array())
        fail(node, "<for in=\"" + node.expression->source() + "\">: " +
                       (list.path.empty() ? "the value" : "'" + list.path + "'") + " is " + items.type_name() +
                       ", not a list");
    for (size_t i = 0; i < items.size(); ++i) {
        const std::string path = list.path.empty() ? "" : list.path + "[" + std::to_string(i) + "]";
        scope_.push(each, Value::of_data(items[i], path));
        if (!index.empty()) scope_.push(index, Value::computed(i));
        each_child(node, visit);
        if (!index.empty()) scope_.pop();
        scope_.pop();
    }
}

void Binder::expand_use(const TemplateNode& node, const Visitor& visit) {
    const std::string name = attribute(node, "fragment");
    const TemplateNode& fragment = *compiled_.fragments.at(name);
    if (fragment_depth_ >= kMaxFragmentDepth) fail(node, "fragment '" + name + "' uses itself without end");
    std::vector<std::pair<std::string, Value>> params;
    for (const auto& [param, value] : node.attributes) {
        if (param == "fragment") continue;
        const Expression* single = value.single_expression();
        params.emplace_back(param, single ? evaluate(*single, node) : Value::computed(text_of(value, node)));
    }
    for (auto& [param, value] : params) scope_.push(param, std::move(value));
    ++fragment_depth_;
    each_child(fragment, visit);
    --fragment_depth_;
    for (size_t i = 0; i < params.size(); ++i) scope_.pop();
}

// Whether an element's content is blocks (paragraphs, lists) rather than text,
// looking through control elements and fragments.
bool Binder::has_block_content(const TemplateNode& node, int fragment_depth) const {
    for (const TemplateNode& child : node.children) {
        if (is_block_element(child)) return true;
        if (is_control_element(child) && has_block_content(child, fragment_depth)) return true;
        if (child.is_element("use")) {
            const std::string name = attribute(child, "fragment");
            const auto fragment = compiled_.fragments.find(name);
            if (fragment == compiled_.fragments.end()) continue;
            if (fragment_depth >= kMaxFragmentDepth) fail(child, "fragment '" + name + "' uses itself without end");
            if (has_block_content(*fragment->second, fragment_depth + 1)) return true;
        }
    }
    return false;
}

// ---------------------------------------------------------------- document and sections

Document Binder::bind() {
    Document document;
    const TemplateNode& root = compiled_.root;
    document.metadata.title = attribute(root, "title");
    document.metadata.subject = attribute(root, "subject");
    document.metadata.author = attribute(root, "author");
    document.metadata.date = attribute(root, "date");
    // One reading of the date for every writer: refused here when it is no date.
    if (!document.metadata.date.empty()) {
        const std::optional<russian::Date> day = russian::parse_date(document.metadata.date);
        if (!day) fail(root, "<document> attribute 'date': expected a date as YYYY-MM-DD or DD.MM.YYYY, got \"" +
                                 document.metadata.date + "\"");
        document.metadata.date = russian::date_iso(*day);
    }
    document.metadata.language = attribute(root, "lang", "ru-RU");
    document.styles = compiled_.styles;
    document.sources = compiled_.sources;
    each_child(root, [&](const TemplateNode& child) {
        if (child.is_element("styles") || child.is_element("fragment")) return;
        if (child.kind == TemplateNode::Kind::Text && child.text.is_blank()) return;
        if (!child.is_element("section")) fail(child, "<" + (child.name.empty() ? "text" : child.name) + "> must be inside a <section>");
        document.sections.push_back(section(child));
    });
    if (document.sections.empty()) fail(root, "the template made no <section>");
    return document;
}

Section Binder::section(const TemplateNode& node) {
    Section section;
    const std::string orientation = attribute(node, "orientation", "portrait");
    if (orientation != "portrait" && orientation != "landscape")
        fail(node, "orientation must be portrait or landscape, not \"" + orientation + "\"");
    section.page.landscape = orientation == "landscape";
    const std::string size = attribute(node, "size", "A4");
    if (size != "A4") fail(node, "only A4 pages are supported, not \"" + size + "\"");
    if (node.attribute("margins")) {
        const std::string text = attribute(node, "margins");
        std::vector<std::string> lengths;
        for (size_t pos = 0; (pos = text.find_first_not_of(' ', pos)) != std::string::npos;) {
            const size_t end = std::min(text.find(' ', pos), text.size());
            lengths.push_back(text.substr(pos, end - pos));
            pos = end;
        }
        if (lengths.size() != 4)
            fail(node, "<section> attribute 'margins': expected four lengths (top right bottom left), got \"" + text + "\"");
        double values[4];
        for (size_t i = 0; i < 4; ++i) {
            try {
                values[i] = parse_length(lengths[i]);
            } catch (const std::invalid_argument& error) {
                fail(node, std::string("<section> attribute 'margins': ") + error.what());
            }
        }
        section.page.margin_top = values[0];
        section.page.margin_right = values[1];
        section.page.margin_bottom = values[2];
        section.page.margin_left = values[3];
    }
    section.page.margin_top = length_attribute(node, "margin-top", section.page.margin_top);
    section.page.margin_right = length_attribute(node, "margin-right", section.page.margin_right);
    section.page.margin_bottom = length_attribute(node, "margin-bottom", section.page.margin_bottom);
    section.page.margin_left = length_attribute(node, "margin-left", section.page.margin_left);
    section.page.header_distance = length_attribute(node, "header-distance", section.page.header_distance);
    const std::string numbers = attribute(node, "page-numbers", "from-second");
    if (numbers == "none") section.numbering = PageNumbering::None;
    else if (numbers == "all") section.numbering = PageNumbering::All;
    else if (numbers == "from-second") section.numbering = PageNumbering::FromSecond;
    else fail(node, "page-numbers must be none, from-second or all, not \"" + numbers + "\"");
    const std::string numbering = attribute(node, "numbering", "restart");
    if (numbering != "restart" && numbering != "continue")
        fail(node, "numbering must be restart or continue, not \"" + numbering + "\"");
    section.restart_numbering = numbering == "restart";
    section.page_number_props = styles_.at("Normal")->run;
    section.page_number_props.bold = section.page_number_props.italic = false;
    section.page_number_props.size = length_attribute(node, "page-number-size", 12);
    blocks(node, section.blocks, "Normal");
    return section;
}

// ---------------------------------------------------------------- blocks

void Binder::blocks(const TemplateNode& parent, std::vector<Block>& out, const std::string& default_style) {
    each_child(parent, [&](const TemplateNode& child) {
        if (child.kind == TemplateNode::Kind::Text) {
            if (!child.text.is_blank()) fail(child, "text must be inside a <p> (or a cell or list item)");
        } else if (child.name == "p") {
            out.push_back(paragraph(child, default_style));
        } else if (child.name == "list") {
            out.push_back(list(child, default_style));
        } else if (child.name == "table") {
            out.push_back(table(child));
        } else if (child.name == "rich") {
            rich(child, out, default_style);
        } else if (child.name == "page-break") {
            out.push_back(PageBreak{});
        } else if (child.name == "chart") {
            out.push_back(chart(child));
        } else {
            fail(child, "<" + child.name + "> is not allowed among blocks; use it " + placement_of(child.name));
        }
    });
}

void Binder::apply_formatting(const TemplateNode& node, Paragraph& paragraph) const {
    for (const auto& [name, value] : node.attributes) {
        if (!is_style_attribute(name)) continue;
        try {
            apply_style_attribute(name, text_of(value, node), paragraph.props, paragraph.run_props);
        } catch (const std::invalid_argument& error) {
            fail(node, "<" + node.name + "> attribute '" + name + "': " + error.what());
        }
    }
}

// A paragraph in a named style, then the formatting of the cells, lists and
// items around it, then its own element's: the nearest wins.
Paragraph Binder::new_paragraph(const std::string& style_name, const TemplateNode* formatting) const {
    const auto style = styles_.find(style_name);
    if (style == styles_.end()) {
        if (formatting) fail(*formatting, "no style named '" + style_name + "'");
        throw InputError("no style named '" + style_name + "'");
    }
    Paragraph paragraph;
    paragraph.style = style_name;
    paragraph.props = style->second->paragraph;
    paragraph.run_props = style->second->run;
    for (const TemplateNode* around : enclosing_formatting_) apply_formatting(*around, paragraph);
    if (formatting) {
        apply_formatting(*formatting, paragraph);
        paragraph.origin = {formatting->source, formatting->line};
    }
    return paragraph;
}

Paragraph Binder::paragraph(const TemplateNode& node, const std::string& default_style) {
    Paragraph paragraph = new_paragraph(attribute(node, "style", default_style), &node);
    inlines(node, paragraph, Run{"", paragraph.run_props, true, false});
    finish_paragraph(paragraph);
    return paragraph;
}

void Binder::inlines(const TemplateNode& parent, Paragraph& paragraph, const Run& format) {
    each_child(parent, [&](const TemplateNode& child) {
        if (child.kind == TemplateNode::Kind::Text) {
            Run run = format;
            run.text = text_of(child.text, child);
            paragraph.runs.push_back(std::move(run));
            return;
        }
        Run inner = format;
        if (child.name == "b") {
            inner.props.bold = true;
        } else if (child.name == "i") {
            inner.props.italic = true;
        } else if (child.name == "u") {
            inner.props.underline = true;
        } else if (child.name == "span") {
            ParagraphProps ignored;
            for (const auto& [name, value] : child.attributes) {
                if (!is_run_attribute(name))
                    fail(child, "<span> takes character formatting only (font, size, bold, italic, underline, "
                                "letter-spacing), not '" + name + "'");
                try {
                    apply_style_attribute(name, text_of(value, child), ignored, inner.props);
                } catch (const std::invalid_argument& error) {
                    fail(child, "<span> attribute '" + name + "': " + error.what());
                }
            }
        } else if (child.name == "br") {
            inner.text = "\n";
            paragraph.runs.push_back(std::move(inner));
            return;
        } else if (child.name == "nobr") {
            inner.hyphenate = false;
            inner.no_break = true;
        } else {
            fail(child, "<" + child.name + "> cannot be inside a paragraph");
        }
        inlines(child, paragraph, inner);
    });
}

// A cell or list item holds either blocks or text; text makes one paragraph
// in the given style with the element's own formatting.
void Binder::container_content(const TemplateNode& node, std::vector<Block>& out, const std::string& style) {
    if (has_block_content(node)) {
        enclosing_formatting_.push_back(&node);
        blocks(node, out, style);
        enclosing_formatting_.pop_back();
        return;
    }
    Paragraph paragraph = new_paragraph(style, &node);
    inlines(node, paragraph, Run{"", paragraph.run_props, true, false});
    finish_paragraph(paragraph);
    out.push_back(std::move(paragraph));
}

List Binder::list(const TemplateNode& node, const std::string& default_style) {
    List list;
    const std::string marker = attribute(node, "marker", "–");
    int number = parsed_attribute(node, "start", 1, parse_whole);
    const std::string list_style = attribute(node, "style", default_style);
    // The list's formatting (indents for the marker) applies to its items.
    enclosing_formatting_.push_back(&node);
    each_child(node, [&](const TemplateNode& child) {
        if (child.kind == TemplateNode::Kind::Text && child.text.is_blank()) return;
        if (!child.is_element("item")) fail(child, "<list> holds only <item> elements");
        ListItem item;
        container_content(child, item.blocks, attribute(child, "style", list_style));
        std::string label = marker == "decimal" ? std::to_string(number) + "."
                            : marker == "decimal)" ? std::to_string(number) + ")"
                                                   : marker;
        ++number;
        if (auto* first = item.blocks.empty() ? nullptr : std::get_if<Paragraph>(&item.blocks.front()))
            first->label = label;
        list.items.push_back(std::move(item));
    });
    enclosing_formatting_.pop_back();
    return list;
}

// Rich text from the data: a string, or a list of strings (paragraphs),
// {"bold": text}, {"italic": text} and {"list": [text, …]} (a dash list).
void Binder::rich(const TemplateNode& node, std::vector<Block>& out, const std::string& default_style) {
    const Value value = evaluate(*node.expression, node);
    const std::string style = attribute(node, "style", default_style);
    const std::string list_style = attribute(node, "list-style", style);
    const std::string marker = attribute(node, "marker", "–");
    const auto text_paragraph = [&](const json& text, const std::string& path, const std::string& style_name,
                                    bool bold, bool italic) {
        Paragraph paragraph = new_paragraph(style_name, &node);
        RunProps props = paragraph.run_props;
        props.bold = props.bold || bold;
        props.italic = props.italic || italic;
        if (!text.is_string() && !text.is_number())
            fail(node, "rich text at '" + path + "': expected text, got " + text.type_name());
        paragraph.runs.push_back({to_text(text, path), props, true});
        finish_paragraph(paragraph);
        return paragraph;
    };
    const json& content = value.get();
    if (content.is_null()) return;  // no text: nothing to show
    if (!content.is_array()) {
        out.push_back(text_paragraph(content, value.path, style, false, false));
        return;
    }
    for (size_t i = 0; i < content.size(); ++i) {
        const json& item = content[i];
        const std::string path = value.path + "[" + std::to_string(i) + "]";
        if (item.is_string() || item.is_number()) {
            out.push_back(text_paragraph(item, path, style, false, false));
        } else if (item.is_object() && item.size() == 1 && item.contains("bold")) {
            out.push_back(text_paragraph(item["bold"], path + ".bold", style, true, false));
        } else if (item.is_object() && item.size() == 1 && item.contains("italic")) {
            out.push_back(text_paragraph(item["italic"], path + ".italic", style, false, true));
        } else if (item.is_object() && item.size() == 1 && item.contains("list") && item["list"].is_array()) {
            List list;
            const json& entries = item["list"];
            for (size_t k = 0; k < entries.size(); ++k) {
                Paragraph paragraph =
                    text_paragraph(entries[k], path + ".list[" + std::to_string(k) + "]", list_style, false, false);
                paragraph.label = marker;
                list.items.push_back({{std::move(paragraph)}});
            }
            out.push_back(std::move(list));
        } else {
            fail(node, "rich text at '" + path +
                           "': expected text, {\"bold\": text}, {\"italic\": text} or {\"list\": [text, …]}, got " +
                           item.dump().substr(0, 60));
        }
    }
}

}  // namespace docgen
