#include "template/expression.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "common/packed_json.h"
#include "common/utf8.h"
#include "template/filters.h"
#include "common/russian.h"

namespace docgen {

using nlohmann::json;

const Value* Scope::find(std::string_view name) const {
    for (auto it = variables_.rbegin(); it != variables_.rend(); ++it)
        if (it->first == name) return &it->second;
    return nullptr;
}

// ---------------------------------------------------------------- lexing

namespace {

enum class TokenKind { Number, String, Identifier, Symbol, End };

struct Token {
    TokenKind kind;
    std::string text;
    size_t column;  // from 1, in characters
    size_t end;     // the byte after it
};

[[noreturn]] void fail(const std::string& message, size_t column) {
    throw ExpressionError(message + " (column " + std::to_string(column) + ")");
}

bool is_identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// A name or key written with letters other than Latin: say how to write it.
[[noreturn]] void fail_non_latin_name(std::vector<Token>& tokens, std::string_view text, size_t start, size_t column) {
    size_t end = start;
    while (end < text.size()) {
        size_t next = end;
        const char32_t c = utf8::next(text, next);
        if (!(utf8::is_letter(c) || utf8::is_digit(c) || c == U'_')) break;
        end = next;
    }
    std::string word(text.substr(start, end - start));
    // Latin letters right before belong to the same word: "abcШ".
    if (!tokens.empty() && tokens.back().kind == TokenKind::Identifier &&
        tokens.back().end == start) {
        word = tokens.back().text + word;
        column = tokens.back().column;
        tokens.pop_back();
    }
    if (!tokens.empty() && tokens.back().kind == TokenKind::Symbol && tokens.back().text == ".")
        fail("'" + word + "' cannot follow '.': a name there is Latin letters, digits and _; write the key as a string: ['" +
                 word + "']",
             column);
    fail("'" + word + "' is not a name: names are Latin letters, digits and _", column);
}

std::vector<Token> tokenize(std::string_view text) {
    // Bytes that are not UTF-8 are refused wherever they are, in a string too:
    // no document or message could hold them.
    if (const std::optional<size_t> bad = utf8::first_invalid_byte(text)) {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[*bad]));
        fail(std::string("a byte that is not UTF-8 (") + byte + ")", utf8::count(text.substr(0, *bad)) + 1);
    }
    std::vector<Token> tokens;
    size_t i = 0;
    // Columns count characters, not bytes, so that they fit Russian text. The
    // text is read forwards, so the count goes on from where it was (linear).
    size_t counted_bytes = 0, counted_characters = 0;
    const auto column_of = [&](size_t at) {
        if (at < counted_bytes) return utf8::count(text.substr(0, at)) + 1;
        counted_characters += utf8::count(text.substr(counted_bytes, at - counted_bytes));
        counted_bytes = at;
        return counted_characters + 1;
    };
    const auto push = [&](TokenKind kind, std::string token, size_t start, size_t end) {
        tokens.push_back({kind, std::move(token), column_of(start), end});
    };
    while (i < text.size()) {
        const char c = text[i];
        const size_t column = column_of(i);
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (is_digit(c)) {
            size_t end = i;
            while (end < text.size() && is_digit(text[end])) ++end;
            if (end + 1 < text.size() && text[end] == '.' && is_digit(text[end + 1])) {
                ++end;
                while (end < text.size() && is_digit(text[end])) ++end;
            }
            // A second point or letters stuck to the number: "1.2.3", "12px".
            size_t stuck = end;
            while (stuck < text.size() &&
                   (std::isalnum(static_cast<unsigned char>(text[stuck])) || text[stuck] == '_' ||
                    (text[stuck] == '.' && stuck + 1 < text.size() && is_digit(text[stuck + 1]))))
                ++stuck;
            if (stuck != end) fail("malformed number '" + std::string(text.substr(i, stuck - i)) + "'", column);
            push(TokenKind::Number, std::string(text.substr(i, end - i)), i, end);
            i = end;
        } else if (c == '\'' || c == '"') {
            size_t end = i + 1;
            std::string value;
            while (end < text.size() && text[end] != c) {
                if (text[end] == '\\' && end + 1 < text.size()) {
                    const char escaped = text[++end];
                    value += escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped;
                    ++end;
                    continue;
                }
                value += text[end++];
            }
            if (end >= text.size()) fail("unterminated string", column);
            if (const std::optional<char32_t> bad = utf8::first_forbidden_character(value))
                fail("the string holds the character " + utf8::code_point_name(*bad) + ", which no document can hold",
                     column);
            push(TokenKind::String, value, i, end + 1);
            i = end + 1;
        } else if (is_identifier_start(c)) {
            size_t end = i;
            while (end < text.size() && is_identifier_char(text[end])) ++end;
            push(TokenKind::Identifier, std::string(text.substr(i, end - i)), i, end);
            i = end;
        } else if (static_cast<unsigned char>(c) >= 0x80) {
            // Report the whole character, not its first byte.
            size_t next = i;
            const char32_t character = utf8::next(text, next);
            if (utf8::is_letter(character)) fail_non_latin_name(tokens, text, i, column);
            fail("unexpected character '" + std::string(text.substr(i, next - i)) + "'", column);
        } else {
            static const char* const kTwoCharacter[] = {"==", "!=", "<=", ">="};
            std::string symbol(1, c);
            for (const char* two : kTwoCharacter)
                if (text.substr(i, 2) == two) symbol = two;
            if (symbol == "=") fail("unexpected character '=': compare with ==", column);
            if (symbol.size() == 1 && std::string_view("+-*/%<>()[].,|!?:").find(c) == std::string_view::npos) {
                fail(std::string("unexpected character '") + c + "'", column);
            }
            push(TokenKind::Symbol, symbol, i, i + symbol.size());
            i += symbol.size();
        }
    }
    tokens.push_back({TokenKind::End, "", column_of(text.size()), text.size()});
    return tokens;
}

}  // namespace

// ---------------------------------------------------------------- syntax tree

struct Expression::Node {
    enum class Kind { Literal, Variable, Member, Index, Negate, Not, Binary, And, Or, Conditional, Filter };
    Kind kind;
    json literal;
    std::string name;  // variable, member, operator or filter name
    // A chain of one precedence (a + b - c, a and b and c) is one node with an
    // operand each and, for Binary, the operators between them: the tree stays
    // as shallow as the expression's nesting, however long the chain.
    std::vector<std::unique_ptr<Node>> children;
    std::vector<std::string> operators;
    size_t column = 0;
    size_t height = 1;  // of the subtree, bounded by kMaxNesting
};

namespace {

using Node = Expression::Node;
using NodePtr = std::unique_ptr<Node>;

// How deep an expression may nest (brackets, '-', 'not', '.', '[]', filters):
// evaluation recurses that deep, so the limit keeps the stack safe. Templates
// nest a few levels; docs/templates.md gives the limit.
constexpr size_t kMaxNesting = 64;

[[noreturn]] void fail_too_deep(size_t column) {
    fail("the expression nests deeper than " + std::to_string(kMaxNesting) +
             " levels (brackets, '-', 'not', '.', '[]' and filters count)",
         column);
}

NodePtr make(Node::Kind kind, std::string name, size_t column) {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->name = std::move(name);
    node->column = column;
    return node;
}

void adopt(Node& parent, NodePtr child) {
    parent.height = std::max(parent.height, child->height + 1);
    if (parent.height > kMaxNesting) fail_too_deep(parent.column);
    parent.children.push_back(std::move(child));
}

// Makes `node` the first operand of a chain of `kind`, unless it already is one.
NodePtr chain(NodePtr node, Node::Kind kind, const std::string& name, size_t column) {
    NodePtr parent = make(kind, name, column);
    adopt(*parent, std::move(node));
    return parent;
}

// Recursive descent, lowest precedence first:
// filter ('|'), conditional (? :), or, and, not, comparison, + -, * / %, unary -, postfix (. [])
class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

    NodePtr parse_all() {
        NodePtr node = filtered();
        if (peek().kind != TokenKind::End) fail("unexpected '" + peek().text + "'", peek().column);
        return node;
    }

private:
    const Token& peek() const { return tokens_[position_]; }
    bool accept(const char* symbol) {
        if (peek().kind == TokenKind::Symbol && peek().text == symbol) {
            ++position_;
            return true;
        }
        return false;
    }
    bool accept_word(const char* word) {
        if (peek().kind == TokenKind::Identifier && peek().text == word) {
            ++position_;
            return true;
        }
        return false;
    }
    void expect(const char* symbol) {
        if (!accept(symbol)) fail(std::string("expected '") + symbol + "'", peek().column);
    }

    NodePtr filtered() {
        const Descent descent(*this);
        NodePtr node = conditional();
        while (peek().kind == TokenKind::Symbol && peek().text == "|") {
            const size_t column = peek().column;
            ++position_;
            if (peek().kind != TokenKind::Identifier) fail("expected a filter name after '|'", peek().column);
            const std::string name = tokens_[position_++].text;
            if (!filter_exists(name)) fail("unknown filter '" + name + "'", column + 1);
            NodePtr filter = chain(std::move(node), Node::Kind::Filter, name, column);
            if (accept("(")) {
                if (!accept(")")) {
                    do adopt(*filter, conditional());
                    while (accept(","));
                    expect(")");
                }
            }
            node = std::move(filter);
        }
        return node;
    }
    // "test ? when_true : when_false": the value for true is enclosed by '?' and
    // ':', so it may hold a filter; the value for false may be another
    // conditional, and a filter after it applies to the whole, as '|' does.
    NodePtr conditional() {
        NodePtr node = disjunction();
        if (peek().kind != TokenKind::Symbol || peek().text != "?") return node;
        const Descent descent(*this);
        NodePtr parent = chain(std::move(node), Node::Kind::Conditional, "?", tokens_[position_++].column);
        adopt(*parent, filtered());
        if (!accept(":")) fail("expected ':' and the value for false after the value for true of '?'", peek().column);
        adopt(*parent, conditional());
        return parent;
    }
    // and, or: one node for the whole chain, evaluated left to right.
    NodePtr logical_chain(NodePtr (Parser::*operand)(), Node::Kind kind, const char* word) {
        NodePtr node = (this->*operand)();
        if (!(peek().kind == TokenKind::Identifier && peek().text == word)) return node;
        node = chain(std::move(node), kind, word, peek().column);
        while (accept_word(word)) adopt(*node, (this->*operand)());
        return node;
    }
    NodePtr disjunction() { return logical_chain(&Parser::conjunction, Node::Kind::Or, "or"); }
    NodePtr conjunction() { return logical_chain(&Parser::negation, Node::Kind::And, "and"); }
    NodePtr negation() {
        const size_t column = peek().column;
        if (accept_word("not") || accept("!")) {
            const Descent descent(*this);
            NodePtr node = make(Node::Kind::Not, "not", column);
            adopt(*node, negation());
            return node;
        }
        return comparison();
    }
    NodePtr comparison() {
        NodePtr node = additive();
        for (const char* op : {"==", "!=", "<=", ">=", "<", ">"}) {
            if (peek().kind == TokenKind::Symbol && peek().text == op) {
                NodePtr parent = chain(std::move(node), Node::Kind::Binary, op, tokens_[position_++].column);
                parent->operators.push_back(op);
                adopt(*parent, additive());
                return parent;
            }
        }
        return node;
    }
    // + - or * / %: one Binary node for the chain, folded left to right.
    NodePtr binary_chain(NodePtr (Parser::*operand)(), std::initializer_list<const char*> operators) {
        NodePtr node = (this->*operand)();
        const auto next_operator = [&]() -> const char* {
            for (const char* op : operators)
                if (peek().kind == TokenKind::Symbol && peek().text == op) return op;
            return nullptr;
        };
        if (!next_operator()) return node;
        node = chain(std::move(node), Node::Kind::Binary, next_operator(), peek().column);
        while (const char* op = next_operator()) {
            ++position_;
            node->operators.push_back(op);
            adopt(*node, (this->*operand)());
        }
        return node;
    }
    NodePtr additive() { return binary_chain(&Parser::multiplicative, {"+", "-"}); }
    NodePtr multiplicative() { return binary_chain(&Parser::unary, {"*", "/", "%"}); }
    NodePtr unary() {
        const size_t column = peek().column;
        if (accept("-")) {
            const Descent descent(*this);
            NodePtr node = make(Node::Kind::Negate, "-", column);
            adopt(*node, unary());
            return node;
        }
        return postfix();
    }
    NodePtr postfix() {
        NodePtr node = primary();
        while (true) {
            const size_t column = peek().column;
            if (accept(".")) {
                if (peek().kind != TokenKind::Identifier) fail("expected a key after '.'", peek().column);
                node = chain(std::move(node), Node::Kind::Member, tokens_[position_++].text, column);
            } else if (accept("[")) {
                NodePtr index = chain(std::move(node), Node::Kind::Index, "[]", column);
                adopt(*index, filtered());
                expect("]");
                node = std::move(index);
            } else {
                return node;
            }
        }
    }
    NodePtr primary() {
        const Token token = peek();
        switch (token.kind) {
            case TokenKind::Number: {
                ++position_;
                NodePtr node = make(Node::Kind::Literal, "", token.column);
                const char* first = token.text.data();
                const char* last = first + token.text.size();
                if (token.text.find('.') != std::string::npos) {
                    double value = 0;
                    std::from_chars(first, last, value);
                    if (!std::isfinite(value)) fail("the number '" + token.text + "' is too large", token.column);
                    node->literal = value;
                } else {
                    long long value = 0;
                    if (std::from_chars(first, last, value).ec != std::errc())
                        fail("the number '" + token.text + "' is too large", token.column);
                    node->literal = value;
                }
                return node;
            }
            case TokenKind::String: {
                ++position_;
                NodePtr node = make(Node::Kind::Literal, "", token.column);
                node->literal = token.text;
                return node;
            }
            case TokenKind::Identifier: {
                ++position_;
                NodePtr node = make(Node::Kind::Literal, "", token.column);
                if (token.text == "true") node->literal = true;
                else if (token.text == "false") node->literal = false;
                else if (token.text == "null") node->literal = nullptr;
                else node = make(Node::Kind::Variable, token.text, token.column);
                return node;
            }
            case TokenKind::Symbol:
                if (accept("(")) {
                    NodePtr node = filtered();
                    expect(")");
                    return node;
                }
                fail("unexpected '" + token.text + "'", token.column);
            case TokenKind::End: fail("the expression ends too early", token.column);
        }
        fail("unexpected input", token.column);
    }

    // The parser's own recursion (brackets, '-', 'not') is bounded before any
    // node exists: 50 000 "(" must fail, not exhaust the stack.
    struct Descent {
        explicit Descent(Parser& parser) : parser_(parser) {
            if (++parser_.depth_ > kMaxNesting) fail_too_deep(parser_.peek().column);
        }
        ~Descent() { --parser_.depth_; }
        Parser& parser_;
    };

    std::vector<Token> tokens_;
    size_t position_ = 0;
    size_t depth_ = 0;
};

// ---------------------------------------------------------------- evaluation

std::string describe_path(const std::string& path) { return path.empty() ? "the value" : "'" + path + "'"; }

double as_number(const Value& value, const char* operation) {
    const json& v = value.get();
    if (!v.is_number())
        throw ExpressionError(std::string(operation) + " needs a number, but " + describe_path(value.path) + " is " +
                              std::string(v.type_name()));
    return v.get<double>();
}

json number_result(double result, bool integers) {
    if (!std::isfinite(result)) throw ExpressionError("the result is too large for a number");
    if (integers && std::fabs(result) < 9e15 && result == std::floor(result)) return static_cast<long long>(result);
    return result;
}

class Evaluator {
public:
    Evaluator(const Scope& scope, bool lenient) : scope_(scope), lenient_(lenient) {}

    Value eval(const Node& node) const {
        switch (node.kind) {
            case Node::Kind::Literal: return Value::computed(node.literal);
            case Node::Kind::Variable: return variable(node);
            case Node::Kind::Member: return member(eval(*node.children[0]), node.name);
            case Node::Kind::Index: return index(eval(*node.children[0]), eval(*node.children[1]));
            case Node::Kind::Negate: {
                const Value operand = eval(*node.children[0]);
                return Value::computed(number_result(-as_number(operand, "'-'"), operand.get().is_number_integer()));
            }
            case Node::Kind::Not: return Value::computed(!truthy(eval(*node.children[0]).get()));
            case Node::Kind::And:
                for (const auto& operand : node.children)
                    if (!truthy(eval(*operand).get())) return Value::computed(false);
                return Value::computed(true);
            case Node::Kind::Or:
                for (const auto& operand : node.children)
                    if (truthy(eval(*operand).get())) return Value::computed(true);
                return Value::computed(false);
            case Node::Kind::Binary: return binary(node);
            case Node::Kind::Conditional: {
                // The test is lenient, as <if test> is: missing data is false.
                const bool test = truthy(Evaluator(scope_, true).eval(*node.children[0]).get());
                return eval(*node.children[test ? 1 : 2]);
            }
            case Node::Kind::Filter: return filter(node);
        }
        return Value::computed(nullptr);
    }

private:
    Value variable(const Node& node) const {
        if (const Value* bound = scope_.find(node.name)) return *bound;
        const json& root = scope_.root();
        if (root.is_object()) {
            auto found = root.find(node.name);
            if (found != root.end()) return Value::of_data(*found, node.name);
        }
        if (lenient_) return Value::computed(nullptr);
        throw ExpressionError("the data has no '" + node.name + "'");
    }

    Value member(const Value& base, const std::string& key) const {
        const json& object = base.get();
        const std::string path = base.path.empty() ? key : base.path + "." + key;
        if (object.is_object()) {
            auto found = object.find(key);
            if (found != object.end()) {
                if (base.ref) return Value::of_data(packed::unpacked(*found), path);
                return Value::computed(packed::unpack(*found));
            }
        }
        if (lenient_) return Value::computed(nullptr);
        if (!object.is_object())
            throw ExpressionError("cannot take '" + key + "' of " + describe_path(base.path) + ", which is " +
                                  std::string(object.type_name()));
        throw ExpressionError("JSON path '" + path + "' is missing in the data");
    }

    Value index(const Value& base, const Value& key) const {
        const json& container = base.get();
        const json& k = key.get();
        if (k.is_string()) return member(base, k.get<std::string>());
        if (container.is_array() && k.is_number_integer()) {
            long long i = k.get<long long>();
            const long long size = static_cast<long long>(container.size());
            if (i < 0) i += size;
            const std::string path = base.path + "[" + std::to_string(i) + "]";
            if (i >= 0 && i < size) {
                if (base.ref) return Value::of_data(container[static_cast<size_t>(i)], path);
                return Value::computed(container[static_cast<size_t>(i)]);
            }
            if (lenient_) return Value::computed(nullptr);
            throw ExpressionError("JSON path '" + path + "' is out of range: " + describe_path(base.path) + " has " +
                                  std::to_string(size) + " elements");
        }
        if (lenient_) return Value::computed(nullptr);
        throw ExpressionError("cannot index " + describe_path(base.path) + " (" + container.type_name() + ") with " +
                              k.type_name());
    }

    Value binary(const Node& node) const {
        Value result = eval(*node.children[0]);
        for (size_t i = 1; i < node.children.size(); ++i)
            result = apply(node.operators[i - 1], result, eval(*node.children[i]));
        return result;
    }

    Value apply(const std::string& op, const Value& left, const Value& right) const {
        const json& a = left.get();
        const json& b = right.get();
        if (op == "==") return Value::computed(a == b);
        if (op == "!=") return Value::computed(a != b);
        // In a condition, missing data makes a comparison or sum false, not an error.
        if (lenient_ && (a.is_null() || b.is_null())) return Value::computed(false);
        if (op == "+" && a.is_array() && b.is_array()) {
            json joined = a;
            joined.insert(joined.end(), b.begin(), b.end());
            return Value::computed(std::move(joined));
        }
        if (op == "+" && (a.is_string() || b.is_string()))
            return Value::computed(to_text(a, left.path) + to_text(b, right.path));
        if (op == "<" || op == ">" || op == "<=" || op == ">=") {
            if (a.is_string() && b.is_string()) {
                const int order = russian::compare_text(a.get_ref<const std::string&>(), b.get_ref<const std::string&>());
                return Value::computed(op == "<" ? order < 0 : op == ">" ? order > 0 : op == "<=" ? order <= 0 : order >= 0);
            }
            const double x = as_number(left, op.c_str()), y = as_number(right, op.c_str());
            return Value::computed(op == "<" ? x < y : op == ">" ? x > y : op == "<=" ? x <= y : x >= y);
        }
        const double x = as_number(left, op.c_str()), y = as_number(right, op.c_str());
        const bool integers = a.is_number_integer() && b.is_number_integer();
        if (op == "+") return Value::computed(number_result(x + y, integers));
        if (op == "-") return Value::computed(number_result(x - y, integers));
        if (op == "*") return Value::computed(number_result(x * y, integers));
        if (y == 0) throw ExpressionError("division by zero in '" + op + "'");
        if (op == "/") return Value::computed(number_result(x / y, false));
        return Value::computed(number_result(std::fmod(x, y), integers));
    }

    Value filter(const Node& node) const {
        // "default" exists to stand in for missing data: its input may be missing.
        Value input = node.name == "default" ? Evaluator(scope_, true).eval(*node.children[0])
                                             : eval(*node.children[0]);
        std::vector<Value> arguments;
        for (size_t i = 1; i < node.children.size(); ++i) arguments.push_back(eval(*node.children[i]));
        if (node.name == "default" && arguments.size() == 1) {
            // The value it keeps is the data itself, not a copy: a roadmap's rows are not
            // copied for every section, and a key missing in them is named by its path.
            const json& value = input.get();
            const bool missing = value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty());
            return missing ? std::move(arguments[0]) : std::move(input);
        }
        return apply_filter(node.name, input, arguments);
    }

    const Scope& scope_;
    bool lenient_;
};

}  // namespace

Expression Expression::parse(std::string_view text) {
    Expression expression;
    expression.source_ = std::string(text);
    expression.root_ = Parser(tokenize(text)).parse_all();
    return expression;
}

Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;
Expression::~Expression() = default;

Value Expression::evaluate(const Scope& scope, bool lenient) const { return Evaluator(scope, lenient).eval(*root_); }

bool truthy(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return false;
        case json::value_t::boolean: return value.get<bool>();
        case json::value_t::string: return !value.get_ref<const std::string&>().empty();
        case json::value_t::array:
        case json::value_t::object: return !value.empty();
        default: return value.is_number() && value.get<double>() != 0;
    }
}

std::string to_text(const json& value, const std::string& path) {
    switch (value.type()) {
        case json::value_t::string: return value.get<std::string>();
        case json::value_t::null: return "";
        case json::value_t::boolean: return value.get<bool>() ? "да" : "нет";
        case json::value_t::number_unsigned: return value.dump();
        case json::value_t::number_integer: {
            const long long number = value.get<long long>();
            // A minus sign, not a hyphen, as the number filter prints it; the
            // magnitude unsigned, so that the most negative number has one.
            const unsigned long long magnitude = number < 0 ? 0ULL - static_cast<unsigned long long>(number)
                                                            : static_cast<unsigned long long>(number);
            return (number < 0 ? "−" : "") + std::to_string(magnitude);
        }
        case json::value_t::number_float: {
            if (!std::isfinite(value.get<double>()))
                throw ExpressionError("cannot print " + describe_path(path) + ": it is not a finite number");
            std::string text = russian::number(value.get<double>());
            // Plain numbers carry no thousands separator; the number filter adds it.
            std::string plain;
            for (size_t i = 0; i < text.size(); ++i) {
                if (text.compare(i, 2, "\u00A0") == 0) {
                    ++i;
                    continue;
                }
                plain += text[i];
            }
            return plain;
        }
        default:
            throw ExpressionError("cannot print " + describe_path(path) + ": it is " + std::string(value.type_name()) +
                                  ", not text or a number");
    }
}

}  // namespace docgen
