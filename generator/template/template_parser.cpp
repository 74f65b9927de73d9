// Loading a template: XML with pugixml, every element and attribute checked
// against the language, every expression parsed, styles resolved.
#include <pugixml.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>

#include "common/error.h"
#include "common/packed_json.h"
#include "common/files.h"
#include "common/utf8.h"
#include "template/binder.h"
#include "template/compiled_template.h"
#include "template/elements.h"
#include "template/styles.h"
#include "template/template.h"

namespace docgen {

// ---------------------------------------------------------------- text templates

namespace {

std::string collapse_spaces(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    if (space) out += ' ';
    return out;
}

}  // namespace

TextTemplate TextTemplate::parse(std::string_view text, bool collapse_whitespace) {
    TextTemplate result;
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t open = text.find("{{", pos);
        const std::string_view literal = text.substr(pos, open == std::string_view::npos ? text.npos : open - pos);
        if (!literal.empty())
            result.parts.push_back({collapse_whitespace ? collapse_spaces(literal) : std::string(literal), {}, 0});
        if (open == std::string_view::npos) break;
        const size_t close = text.find("}}", open + 2);
        if (close == std::string_view::npos) throw ExpressionError("'{{' without its closing '}}'");
        const std::string_view source = text.substr(open + 2, close - open - 2);
        try {
            const int line_offset = static_cast<int>(std::count(text.begin(), text.begin() + open, '\n'));
            result.parts.push_back({{}, Expression::parse(source), line_offset});
        } catch (const ExpressionError& error) {
            throw ExpressionError("in '{{" + std::string(source) + "}}': " + error.what());
        }
        pos = close + 2;
    }
    return result;
}

const Expression* TextTemplate::single_expression() const {
    if (parts.size() != 1 || !parts[0].expression) return nullptr;
    return &*parts[0].expression;
}

bool TextTemplate::is_blank() const {
    return std::all_of(parts.begin(), parts.end(), [](const Part& part) {
        return !part.expression && part.literal.find_first_not_of(" \t\r\n") == std::string::npos;
    });
}

const TextTemplate* TemplateNode::attribute(std::string_view attribute_name) const {
    for (const auto& [name, value] : attributes)
        if (name == attribute_name) return &value;
    return nullptr;
}

// ---------------------------------------------------------------- the language

namespace {

// One XML file of a template: the template itself or a library it includes.
struct SourceFile {
    std::string name;
    std::string xml;
    std::vector<size_t> line_starts;
    pugi::xml_document document;  // parsed from a copy of `xml`; offsets index into `xml`

    SourceFile(std::string file_name, std::string text) : name(std::move(file_name)), xml(std::move(text)) {
        line_starts.push_back(0);
        for (size_t i = 0; i < xml.size(); ++i)
            if (xml[i] == '\n') line_starts.push_back(i + 1);
    }
};

constexpr int kMaxIncludeDepth = 8;
constexpr int kMaxElementNesting = 100;

class Loader {
public:
    Loader(const std::string& xml, const std::string& source_name) { add_source(source_name, xml); }

    std::shared_ptr<CompiledTemplate> load() {
        const pugi::xml_node root = parse(0);
        if (std::string(root.name()) != "document")
            fail(root, "the template's root element must be <document>, not <" + std::string(root.name()) + ">");
        auto compiled = std::make_shared<CompiledTemplate>();
        compiled->root = convert(root);
        for (const auto& source : sources_) compiled->sources.push_back(source->name);
        compiled->source_name = compiled->sources.front();
        compiled->input_format = literal_attribute(compiled->root, "input");
        if (!compiled->input_format.empty() && compiled->input_format != "cluster-results")
            fail(compiled->root, "input must be \"cluster-results\" or absent, not \"" + compiled->input_format + "\"");
        collect_definitions(*compiled);
        check_uses(compiled->root, *compiled);
        std::set<const TemplateNode*> fragments_in_cells;
        check_cell_content(compiled->root, *compiled, false, nullptr, fragments_in_cells);
        return compiled;
    }

private:
    int add_source(const std::string& name, std::string xml) {
        sources_.push_back(std::make_unique<SourceFile>(name, std::move(xml)));
        return static_cast<int>(sources_.size()) - 1;
    }

    pugi::xml_node parse(int source) {
        SourceFile& file = *sources_[static_cast<size_t>(source)];
        const auto flags = pugi::parse_default | pugi::parse_ws_pcdata;
        const pugi::xml_parse_result result = file.document.load_buffer(file.xml.data(), file.xml.size(), flags);
        if (!result) {
            const TextPosition position = position_of_offset(file.xml, static_cast<size_t>(result.offset));
            throw InputError(Location::at(file.name, position.line, position.column),
                             std::string("XML error: ") + result.description());
        }
        return file.document.document_element();
    }

    int line_of(const pugi::xml_node& node) const {
        const auto& starts = sources_[static_cast<size_t>(current_)]->line_starts;
        const auto offset = static_cast<size_t>(std::max<ptrdiff_t>(node.offset_debug(), 0));
        return static_cast<int>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin());
    }
    [[noreturn]] void fail(const pugi::xml_node& node, const std::string& message) const {
        throw InputError(Location::at(sources_[static_cast<size_t>(current_)]->name, line_of(node)), message);
    }
    [[noreturn]] void fail(const TemplateNode& node, const std::string& message) const {
        throw InputError(Location::at(sources_[static_cast<size_t>(node.source)]->name, node.line), message);
    }

    // <include href="…"/> among a document's children: the library's styles
    // and fragments take its place. The path is relative to the including file.
    void include(const pugi::xml_node& xml, std::vector<TemplateNode>& siblings) {
        const std::string href = xml.attribute("href").value();
        if (href.empty()) fail(xml, "<include> needs href=\"file\"");
        if (++depth_ > kMaxIncludeDepth) fail(xml, "includes nest too deep (an include of itself?)");
        const auto base = std::filesystem::path(sources_[static_cast<size_t>(current_)]->name).parent_path();
        const std::string path = (base / href).string();
        std::string text;
        try {
            text = read_file(path, "included template");
        } catch (const InputError& error) {
            fail(xml, error.what());
        }
        const int previous = current_;
        current_ = add_source(path, std::move(text));
        const pugi::xml_node root = parse(current_);
        if (std::string(root.name()) != "library")
            fail(root, "an included file's root element must be <library>, not <" + std::string(root.name()) + ">");
        for (const pugi::xml_node& child : root.children()) {
            if (child.type() != pugi::node_element) continue;
            const std::string name = child.name();
            if (name == "include") include(child, siblings);
            else if (name == "styles" || name == "fragment") siblings.push_back(convert(child));
            else fail(child, "a <library> holds <styles>, <fragment> and <include>, not <" + name + ">");
        }
        current_ = previous;
        --depth_;
    }

    TemplateNode convert(const pugi::xml_node& xml) {
        TemplateNode node;
        node.line = line_of(xml);
        node.source = current_;
        // Loading, checking and binding walk the elements recursively: a
        // bound on their nesting keeps the stack safe whatever the file holds.
        if (nesting_ == kMaxElementNesting)
            fail(xml, "elements nest deeper than " + std::to_string(kMaxElementNesting) + " levels");
        const struct Nesting {
            explicit Nesting(int& level) : level_(++level) {}
            ~Nesting() { --level_; }
            int& level_;
        } nesting(nesting_);
        if (xml.type() == pugi::node_pcdata || xml.type() == pugi::node_cdata) {
            node.kind = TemplateNode::Kind::Text;
            node.text = parse_text(xml, xml.value(), xml.type() == pugi::node_pcdata);
            return node;
        }
        node.name = xml.name();
        const ElementInfo* rule = template_element(node.name);
        if (!rule) fail(xml, "unknown element <" + node.name + ">");
        for (const pugi::xml_attribute& attribute : xml.attributes()) {
            const std::string name = attribute.name();
            if (!rule->expression_attribute.empty() && name == rule->expression_attribute) {
                node.expression = parse_expression(xml, attribute.value());
                continue;
            }
            const bool known =
                std::find(rule->attributes.begin(), rule->attributes.end(), name) != rule->attributes.end() ||
                (rule->formatting_attributes && is_style_attribute(name)) || node.name == "use";
            if (!known) fail(xml, "<" + node.name + "> has no attribute '" + name + "'");
            node.attributes.emplace_back(name, parse_text(xml, attribute.value(), false));
        }
        if (!rule->expression_attribute.empty() && !node.expression)
            fail(xml, "<" + node.name + "> needs the attribute '" + std::string(rule->expression_attribute) + "'");
        for (const pugi::xml_node& child : xml.children()) {
            if (child.type() == pugi::node_comment || child.type() == pugi::node_pi) continue;
            if (std::string(child.name()) == "include") {
                if (node.name != "document")
                    fail(child, "<include> stands only among the children of <document> or <library>; it brings a "
                                "library's styles and fragments, not content");
                include(child, node.children);
            } else {
                node.children.push_back(convert(child));
            }
        }
        return node;
    }

    TextTemplate parse_text(const pugi::xml_node& xml, const char* text, bool collapse) const {
        // Character references decode to any character: &#1; is not text a document can hold.
        if (const std::optional<char32_t> bad = utf8::first_forbidden_character(text))
            fail(xml, "the template holds the character " + utf8::code_point_name(*bad) +
                          ", which no document can hold (tab and line feed are allowed)");
        try {
            return TextTemplate::parse(text, collapse);
        } catch (const ExpressionError& error) {
            fail(xml, error.what());
        }
    }

    Expression parse_expression(const pugi::xml_node& xml, const char* text) const {
        try {
            return Expression::parse(text);
        } catch (const ExpressionError& error) {
            fail(xml, std::string("in '") + text + "': " + error.what());
        }
    }

    std::string literal_attribute(const TemplateNode& node, const char* name) const {
        const TextTemplate* value = node.attribute(name);
        if (!value) return "";
        std::string text;
        for (const auto& part : value->parts) {
            if (part.expression) fail(node, "<" + node.name + "> attribute '" + name + "' cannot use expressions");
            text += part.literal;
        }
        return text;
    }

    void collect_definitions(CompiledTemplate& compiled) {
        std::map<std::string, const TemplateNode*> style_nodes;
        for (const TemplateNode& child : compiled.root.children) {
            if (child.is_element("fragment")) {
                const std::string name = literal_attribute(child, "name");
                if (name.empty()) fail(child, "<fragment> needs a name");
                if (!compiled.fragments.emplace(name, &child).second) fail(child, "fragment '" + name + "' is defined twice");
            } else if (child.is_element("styles")) {
                for (const TemplateNode& style : child.children) {
                    if (style.kind == TemplateNode::Kind::Text) continue;
                    if (!style.is_element("style")) fail(style, "<styles> holds only <style> elements");
                    const std::string name = literal_attribute(style, "name");
                    if (name.empty()) fail(style, "<style> needs a name");
                    style_nodes[name] = &style;
                }
            }
        }
        std::map<std::string, NamedStyle> resolved;
        for (const auto& [name, node] : style_nodes) resolve_style(name, style_nodes, resolved, 0);
        if (!resolved.count("Normal")) resolved["Normal"] = default_normal_style();
        for (auto& [name, style] : resolved) compiled.styles.push_back(style);
    }

    const NamedStyle& resolve_style(const std::string& name, const std::map<std::string, const TemplateNode*>& nodes,
                                    std::map<std::string, NamedStyle>& resolved, int depth) {
        if (auto found = resolved.find(name); found != resolved.end()) return found->second;
        const TemplateNode& node = *nodes.at(name);
        if (depth > 20) fail(node, "style '" + name + "' is based on itself");
        std::string base = literal_attribute(node, "based-on");
        if (base.empty() && name != "Normal") base = "Normal";
        NamedStyle style = name == "Normal" ? default_normal_style() : NamedStyle{};
        if (!base.empty()) {
            if (nodes.count(base)) style = resolve_style(base, nodes, resolved, depth + 1);
            else if (base == "Normal") style = default_normal_style();
            else fail(node, "style '" + name + "' is based on unknown style '" + base + "'");
        }
        style.name = name;
        style.based_on = base;
        for (const auto& [attribute, value] : node.attributes) {
            if (!is_style_attribute(attribute)) continue;
            try {
                apply_style_attribute(attribute, literal_attribute(node, attribute.c_str()), style.paragraph, style.run);
            } catch (const std::invalid_argument& error) {
                fail(node, "style '" + name + "' attribute '" + attribute + "': " + error.what());
            }
        }
        return resolved[name] = style;
    }

    void check_uses(const TemplateNode& node, const CompiledTemplate& compiled) const {
        if (node.is_element("use")) {
            const std::string name = literal_attribute(node, "fragment");
            const auto fragment = compiled.fragments.find(name);
            if (fragment == compiled.fragments.end()) fail(node, "no fragment named '" + name + "'");
            const auto params = fragment_params(*fragment->second);
            for (const auto& [attribute, value] : node.attributes) {
                if (attribute != "fragment" && !params.count(attribute))
                    fail(node, "fragment '" + name + "' has no parameter '" + attribute + "'");
            }
            for (const std::string& param : params)
                if (!node.attribute(param)) fail(node, "fragment '" + name + "' needs the parameter '" + param + "'");
        }
        for (const TemplateNode& child : node.children) check_uses(child, compiled);
    }

    // A table cell holds paragraphs, lists and rich text: a chart or a table in
    // it is refused here, wherever it stands (under control elements, in a
    // fragment the cell uses), not only when data reaches it. `use` is the
    // <use> in a cell that brought a fragment's content there.
    void check_cell_content(const TemplateNode& node, const CompiledTemplate& compiled, bool in_cell,
                            const TemplateNode* use, std::set<const TemplateNode*>& fragments_in_cells) const {
        if (node.kind != TemplateNode::Kind::Element) return;
        if (in_cell && (node.name == "chart" || node.name == "table")) {
            std::string message = "a <" + node.name + "> cannot be inside a table cell; put it among the blocks of a "
                                   "section or list item";
            if (use)
                message += " (fragment '" + literal_attribute(*use, "fragment") + "' is used in a cell at " +
                           sources_[static_cast<size_t>(use->source)]->name + ":" + std::to_string(use->line) + ")";
            fail(node, message);
        }
        if (node.name == "use" && in_cell) {
            const auto fragment = compiled.fragments.find(literal_attribute(node, "fragment"));
            if (fragment != compiled.fragments.end() && fragments_in_cells.insert(fragment->second).second) {
                for (const TemplateNode& child : fragment->second->children)
                    check_cell_content(child, compiled, true, use ? use : &node, fragments_in_cells);
            }
            return;
        }
        for (const TemplateNode& child : node.children)
            check_cell_content(child, compiled, in_cell || node.name == "cell", use, fragments_in_cells);
    }

    std::set<std::string> fragment_params(const TemplateNode& fragment) const {
        std::set<std::string> params;
        const std::string list = literal_attribute(fragment, "params");
        size_t pos = 0;
        while (pos < list.size()) {
            const size_t start = list.find_first_not_of(' ', pos);
            if (start == std::string::npos) break;
            const size_t end = std::min(list.find(' ', start), list.size());
            params.insert(list.substr(start, end - start));
            pos = end;
        }
        return params;
    }

    std::vector<std::unique_ptr<SourceFile>> sources_;
    int current_ = 0;
    int depth_ = 0;
    int nesting_ = 0;
};

}  // namespace

// ---------------------------------------------------------------- Template

Template Template::parse(const std::string& xml, const std::string& source_name) {
    Template result;
    result.compiled_ = Loader(xml, source_name).load();
    return result;
}

Template Template::load(const std::string& path) { return parse(read_file(path, "template"), path); }

Document Template::render(const nlohmann::json& data, const std::vector<Variable>& variables) const {
    return bind_template(*compiled_, data, variables);
}

const std::vector<std::string>& Template::source_files() const { return compiled_->sources; }

namespace {

Scope scope_with(const nlohmann::json& data, const std::vector<Variable>& variables) {
    Scope scope(data);
    for (const Variable& variable : variables) scope.push(variable.name, Value::of_data(*variable.value, variable.path));
    return scope;
}

}  // namespace

nlohmann::json evaluate_expression(const std::string& expression, const nlohmann::json& data,
                                   const std::vector<Variable>& variables) {
    const packed::Session unpacked_here;
    try {
        return Expression::parse(expression).evaluate(scope_with(data, variables)).get();
    } catch (const ExpressionError& error) {
        throw InputError("in '" + expression + "': " + error.what());
    }
}

namespace {

// An expression's syntax error already quotes the expression; others do not.
InputError interpolation_error(const std::string& text, const ExpressionError& error) {
    const std::string why = error.what();
    return InputError(why.rfind("in '", 0) == 0 ? why : "in '" + text + "': " + why);
}

}  // namespace

void check_interpolation(const std::string& text) {
    try {
        TextTemplate::parse(text, false);
    } catch (const ExpressionError& error) {
        throw interpolation_error(text, error);
    }
}

std::string interpolate(const std::string& text, const nlohmann::json& data, const std::vector<Variable>& variables,
                        const std::function<std::string(std::string)>& each_value) {
    const packed::Session unpacked_here;
    const Scope scope = scope_with(data, variables);
    std::string out;
    try {
        for (const auto& part : TextTemplate::parse(text, false).parts) {
            if (!part.expression) {
                out += part.literal;
                continue;
            }
            const Value value = part.expression->evaluate(scope);
            std::string value_text = to_text(value.get(), value.path);
            out += each_value ? each_value(std::move(value_text)) : value_text;
        }
    } catch (const ExpressionError& error) {
        throw interpolation_error(text, error);
    }
    return out;
}

const std::string& Template::input_format() const { return compiled_->input_format; }

const std::string& Template::source_name() const { return compiled_->source_name; }

Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;
Template::~Template() = default;

}  // namespace docgen
