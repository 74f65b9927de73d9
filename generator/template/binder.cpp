#include "template/binder.h"

#include <cmath>
#include <map>
#include <stdexcept>

#include "common/error.h"
#include "common/packed_json.h"
#include "common/utf8.h"
#include "template/elements.h"
#include "template/styles.h"

namespace docgen {

using nlohmann::json;

namespace {

constexpr int kMaxFragmentDepth = 50;
// Rich text nests pieces in pieces; data nested deeper than this is refused.
constexpr int kMaxRichDepth = 20;

ElementKind kind_of(const TemplateNode& node) {
    const ElementInfo* element = node.kind == TemplateNode::Kind::Element ? template_element(node.name) : nullptr;
    return element ? element->kind : ElementKind::Inline;  // text is inline
}

bool is_block_element(const TemplateNode& node) {
    return node.kind == TemplateNode::Kind::Element && kind_of(node) == ElementKind::Block;
}

// <use> is control too, but whether a fragment holds blocks is asked of the fragment.
bool is_control_element(const TemplateNode& node) {
    return node.kind == TemplateNode::Kind::Element && kind_of(node) == ElementKind::Control && node.name != "use";
}

// Where an element that is not a block belongs, for the message that finds it among blocks.
std::string placement_of(const std::string& element) {
    const ElementInfo* info = template_element(element);
    return info ? std::string(info->place) : "inside a <p>";
}

// How a list marks its items, from the marker it is given: "decimal" or "1."
// numbers them 1., 2. …, "decimal)" or "1)" 1), 2) …, another number starts
// there ("5." 5., 6. …); a letter ("а)", "а.") letters them а), б) … in the
// order of Russian legal texts, without ё, й, ъ, ы, ь; any other text marks
// every item alike.
class Marker {
public:
    explicit Marker(const std::string& pattern) : text_(pattern) {
        if (pattern == "decimal" || pattern == "decimal)") {
            kind_ = Kind::Number;
            suffix_ = pattern == "decimal" ? "." : ")";
            return;
        }
        if (pattern.size() < 2 || (pattern.back() != '.' && pattern.back() != ')')) return;
        const std::string head = pattern.substr(0, pattern.size() - 1);
        suffix_ = pattern.back();
        if (head.find_first_not_of("0123456789") == std::string::npos && head.size() <= 6) {
            kind_ = Kind::Number;
            first_ = std::stoi(head);
        } else if (const size_t letter = kLetters.find(utf8::decode(head)); letter != std::u32string_view::npos &&
                                                                          utf8::count(head) == 1) {
            kind_ = Kind::Letter;
            first_ = static_cast<int>(letter);
        }
    }
    bool numbered() const { return kind_ == Kind::Number; }
    void start_at(int first) { first_ = first; }
    // The marker of the item `index` places after the first (0 for the first).
    std::string label(int index) const {
        switch (kind_) {
            case Kind::Number: return std::to_string(first_ + index) + suffix_;
            case Kind::Letter: {
                // After я: аа), аб) …
                const int n = first_ + index;
                const int count = static_cast<int>(kLetters.size());
                std::u32string letters;
                if (n >= count) letters += kLetters[static_cast<size_t>(n / count - 1)];
                letters += kLetters[static_cast<size_t>(n % count)];
                return utf8::encode(letters) + suffix_;
            }
            case Kind::Text: break;
        }
        return text_;
    }

private:
    static constexpr std::u32string_view kLetters = U"абвгдежзиклмнопрстуфхцчшщэюя";
    enum class Kind { Text, Number, Letter };
    Kind kind_ = Kind::Text;
    std::string text_;
    std::string suffix_;
    int first_ = 1;
};

// The keys of rich text that format the text inside them.
bool is_inline_format(const std::string& key) {
    return key == "bold" || key == "italic" || key == "underline" || key == "sub" || key == "sup";
}

void apply_inline_format(const std::string& key, RunProps& props) {
    if (key == "bold") props.bold = true;
    else if (key == "italic") props.italic = true;
    else if (key == "underline") props.underline = true;
    else if (key == "sub") props.script = Script::Sub;
    else if (key == "sup") props.script = Script::Super;
}

// The value as a message shows it: short, on one line.
std::string shown(const json& value) {
    const std::string text = value.dump();
    return text.size() <= 60 ? text : utf8::encode(utf8::decode(text).substr(0, 57)) + "…";
}

}  // namespace

Document bind_template(const CompiledTemplate& compiled, const json& data, const std::vector<Variable>& variables) {
    const packed::Session unpacked_here;  // what the binding unpacks lives as long as it
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
    const TemplateNode* outer_section = section_node_;
    std::vector<Block>* outer_foot = section_foot_;
    section_node_ = &node;
    section_foot_ = &section.foot;
    blocks(node, section.blocks, "Normal");
    section_node_ = outer_section;
    section_foot_ = outer_foot;
    return section;
}

// <foot>: paragraphs and lists for the foot of the section's last page.
void Binder::foot(const TemplateNode& node, const TemplateNode& parent) {
    if (&parent != section_node_) fail(node, "<foot> stands directly in a <section>, among its blocks");
    std::vector<Block> content;
    section_node_ = nullptr;  // no <foot> inside a <foot>
    blocks(node, content, "Normal");
    for (Block& block : content) {
        if (!std::holds_alternative<Paragraph>(block) && !std::holds_alternative<List>(block))
            fail(node, "<foot> holds paragraphs and lists only: the foot of a page has no room for tables, charts "
                       "or page breaks");
        section_foot_->push_back(std::move(block));
    }
    section_node_ = &parent;
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
        } else if (child.name == "foot") {
            foot(child, parent);
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
                                "letter-spacing, typography), not '" + name + "'");
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
        } else if (child.name == "sub" || child.name == "sup") {
            inner.props.script = child.name == "sub" ? Script::Sub : Script::Super;
        } else if (child.name == "rich") {
            for (const auto& [name, value] : child.attributes)
                fail(child, "<rich> inside a paragraph takes only value, not '" + name + "': its text takes the "
                            "paragraph's style");
            const Value value = evaluate(*child.expression, child);
            rich_inline(child, value.get(), value.path, inner, paragraph, 0);
            return;
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
    Marker marker(attribute(node, "marker", "–"));
    if (node.attribute("start")) marker.start_at(parsed_attribute(node, "start", 1, parse_whole));
    int index = 0;
    const std::string list_style = attribute(node, "style", default_style);
    // The list's formatting (indents for the marker) applies to its items.
    enclosing_formatting_.push_back(&node);
    each_child(node, [&](const TemplateNode& child) {
        if (child.kind == TemplateNode::Kind::Text && child.text.is_blank()) return;
        if (!child.is_element("item")) fail(child, "<list> holds only <item> elements");
        ListItem item;
        container_content(child, item.blocks, attribute(child, "style", list_style));
        // An item's own marker (a point's number as the signed document has it) replaces the list's.
        const std::string own = attribute(child, "marker");
        const std::string label = own.empty() ? marker.label(index) : own;
        ++index;
        if (auto* first = item.blocks.empty() ? nullptr : std::get_if<Paragraph>(&item.blocks.front()))
            first->label = label;
        list.items.push_back(std::move(item));
    });
    enclosing_formatting_.pop_back();
    return list;
}

// Rich text from the data. Blocks: text makes a paragraph (inline text,
// below), {"list": [inline text, …], "marker": …} a list, and a list holds
// blocks, among which a list is one paragraph made of its pieces.
void Binder::rich(const TemplateNode& node, std::vector<Block>& out, const std::string& default_style) {
    const Value value = evaluate(*node.expression, node);
    const json& content = value.get();
    if (content.is_null())
        fail(node, "rich text at '" + value.path + "' is null: give text or a list, or leave it out with <if test=\"" +
                       node.expression->source() + "\">");
    RichStyles styles;
    styles.paragraph = attribute(node, "style", default_style);
    styles.list = attribute(node, "list-style", styles.paragraph);
    styles.marker = attribute(node, "marker", "–");
    if (!content.is_array()) {
        rich_block(node, content, value.path, styles, out);
        return;
    }
    for (size_t i = 0; i < content.size(); ++i) {
        const std::string path = value.path + "[" + std::to_string(i) + "]";
        rich_block(node, content[i], path, styles, out);
    }
}

void Binder::rich_block(const TemplateNode& node, const json& block, const std::string& path, const RichStyles& styles,
                        std::vector<Block>& out) {
    const auto paragraph_of = [&](const json& text, const std::string& text_path, const std::string& style) {
        Paragraph paragraph = new_paragraph(style, &node);
        rich_inline(node, text, text_path, Run{"", paragraph.run_props, true, false}, paragraph, 0);
        finish_paragraph(paragraph);
        return paragraph;
    };
    if (!block.is_object() || !block.contains("list")) {
        out.push_back(paragraph_of(block, path, styles.paragraph));
        return;
    }
    for (const auto& [key, ignored] : block.items())
        if (key != "list" && key != "marker")
            fail(node, "rich text at '" + path + "': a list takes the keys list and marker, not '" + key + "'");
    const json& entries = block["list"];
    if (!entries.is_array())
        fail(node, "rich text at '" + path + ".list': expected a list of items, got " + shown(entries));
    std::string pattern = styles.marker;
    if (block.contains("marker")) {
        if (!block["marker"].is_string())
            fail(node, "rich text at '" + path + ".marker': expected a marker such as \"–\", \"1.\", \"1)\" or \"а)\", "
                       "got " + shown(block["marker"]));
        pattern = block["marker"].get<std::string>();
    }
    const Marker marker(pattern);
    List list;
    for (size_t k = 0; k < entries.size(); ++k) {
        Paragraph paragraph = paragraph_of(entries[k], path + ".list[" + std::to_string(k) + "]", styles.list);
        paragraph.label = marker.label(static_cast<int>(k));
        list.items.push_back({{std::move(paragraph)}});
    }
    out.push_back(std::move(list));
}

// Inline text: a string or a number, a list of pieces, or {"bold": …},
// {"italic": …}, {"underline": …}, {"sub": …}, {"sup": …} around inline text.
void Binder::rich_inline(const TemplateNode& node, const json& text, const std::string& path, const Run& format,
                         Paragraph& paragraph, int depth) {
    if (depth > kMaxRichDepth) fail(node, "rich text at '" + path + "' nests more than " + std::to_string(kMaxRichDepth) + " deep");
    if (text.is_string() || text.is_number()) {
        Run run = format;
        run.text = to_text(text, path);
        paragraph.runs.push_back(std::move(run));
    } else if (text.is_array()) {
        for (size_t i = 0; i < text.size(); ++i)
            rich_inline(node, text[i], path + "[" + std::to_string(i) + "]", format, paragraph, depth + 1);
    } else if (text.is_object() && text.size() == 1 && is_inline_format(text.begin().key())) {
        Run inner = format;
        apply_inline_format(text.begin().key(), inner.props);
        rich_inline(node, text.begin().value(), path + "." + text.begin().key(), inner, paragraph, depth + 1);
    } else {
        fail(node, "rich text at '" + path + "': expected text, a list of pieces, {\"bold\": text}, {\"italic\": text}, "
                   "{\"underline\": text}, {\"sub\": text}, {\"sup\": text} or (among blocks) {\"list\": [text, …]}, "
                   "got " + shown(text));
    }
}

}  // namespace docgen
