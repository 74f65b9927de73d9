// A template after loading: its XML turned into a tree of nodes whose text and
// attributes are already split into literal parts and parsed expressions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"
#include "template/expression.h"

namespace docgen {

// "Приказ № {{ order.number }}": literal text and expressions in turn.
struct TextTemplate {
    struct Part {
        std::string literal;
        std::optional<Expression> expression;
        int line_offset = 0;  // lines between the text's start and the expression
    };
    std::vector<Part> parts;

    static TextTemplate parse(std::string_view text, bool collapse_whitespace);
    // Exactly "{{ expression }}": such an attribute passes the value itself
    // (a list, an object), not its text.
    const Expression* single_expression() const;
    bool is_blank() const;
};

struct TemplateNode {
    enum class Kind { Element, Text };
    Kind kind = Kind::Element;
    std::string name;
    int line = 0;
    int source = 0;  // the file it comes from: an index into CompiledTemplate::sources
    std::vector<std::pair<std::string, TextTemplate>> attributes;
    std::optional<Expression> expression;  // test / in / value of control elements
    TextTemplate text;                     // of a text node
    std::vector<TemplateNode> children;

    const TextTemplate* attribute(std::string_view name) const;
    bool is_element(std::string_view element) const { return kind == Kind::Element && name == element; }
};

struct CompiledTemplate {
    std::string source_name;           // the template's own file
    std::vector<std::string> sources;  // it and the libraries it includes
    std::string input_format;          // <document input="…">
    TemplateNode root;  // <document>
    std::vector<NamedStyle> styles;
    std::map<std::string, const TemplateNode*> fragments;
};

}  // namespace docgen
