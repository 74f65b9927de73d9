#include "template/filters.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>

#include "common/packed_json.h"
#include "common/utf8.h"
#include "common/russian.h"

namespace docgen {

using nlohmann::json;

namespace {

constexpr int kMaxDecimals = 10;

struct Call {
    const std::string& name;
    const Value& input;
    const std::vector<Value>& arguments;

    [[noreturn]] void fail(const std::string& problem) const {
        const std::string where = input.path.empty() ? "" : " ('" + input.path + "')";
        throw ExpressionError("filter '" + name + "'" + where + ": " + problem);
    }
    void expect_arguments(size_t least, size_t most) const {
        if (arguments.size() < least || arguments.size() > most) {
            fail("takes " + (least == most ? std::to_string(least) : std::to_string(least) + " to " + std::to_string(most)) +
                 " arguments, got " + std::to_string(arguments.size()));
        }
    }
    double number() const {
        const json& v = input.get();
        if (v.is_number() && std::isfinite(v.get<double>())) return v.get<double>();
        if (v.is_number()) fail("needs a finite number, got " + v.dump());
        fail("needs a number, got " + describe(v));
    }
    std::string text() const {
        const json& v = input.get();
        if (v.is_string()) return v.get<std::string>();
        if (v.is_number() || v.is_null()) return to_text(v, input.path);
        fail("needs text, got " + describe(v));
    }
    std::string text_argument(size_t i) const {
        const json& v = arguments[i].get();
        if (!v.is_string()) fail("argument " + std::to_string(i + 1) + " must be text");
        return v.get<std::string>();
    }
    // A whole-number argument within [least, most].
    std::optional<int> optional_int_argument(size_t i, int least, int most) const {
        if (i >= arguments.size()) return std::nullopt;
        const json& v = arguments[i].get();
        const std::string which = "argument " + std::to_string(i + 1);
        if (!v.is_number_integer()) fail(which + " must be a whole number");
        if (v.is_number_unsigned() ? v.get<unsigned long long>() > static_cast<unsigned long long>(most)
                                   : v.get<long long>() < least || v.get<long long>() > most)
            fail(which + " must be from " + std::to_string(least) + " to " + std::to_string(most) + ", not " + v.dump());
        return static_cast<int>(v.get<long long>());
    }
    // How many digits after the comma a number prints with.
    std::optional<int> decimals_argument(size_t i) const { return optional_int_argument(i, 0, kMaxDecimals); }
    russian::Date date() const {
        const json& v = input.get();
        if (v.is_string())
            if (auto parsed = russian::parse_date(v.get<std::string>())) return *parsed;
        fail("needs a date as \"YYYY-MM-DD\", got " + describe(v));
    }
    static std::string describe(const json& v) {
        if (v.is_string()) return "\"" + v.get<std::string>() + "\"";
        return v.type_name();
    }
};

using Filter = std::function<json(const Call&)>;

// A whole number as JSON, or the fraction it is when it does not fit one.
json whole_or_fraction(double value) {
    if (std::fabs(value) < 9e15 && value == std::floor(value)) return static_cast<long long>(value);
    return value;
}

std::string plural_noun(const Call& call) {
    call.expect_arguments(3, 3);
    return russian::agree(call.number(), call.text_argument(0), call.text_argument(1), call.text_argument(2));
}

std::string capitalize(const std::string& text) {
    if (text.empty()) return text;
    size_t pos = 0;
    const char32_t first = utf8::next(text, pos);
    std::string out;
    utf8::append(out, utf8::to_upper(first));
    return out + text.substr(pos);
}

// element["cluster.code"]: a key, or keys joined by dots; null when absent.
const json* field(const json& element, const std::string& key) {
    const json* value = &element;
    size_t start = 0;
    while (start <= key.size()) {
        const size_t end = std::min(key.find('.', start), key.size());
        const std::string part = key.substr(start, end - start);
        if (!value->is_object() || !value->contains(part)) return nullptr;
        value = &packed::unpacked(value->at(part));
        start = end + 1;
    }
    return value;
}

// Ordering as the operators have it: numbers with numbers, strings with
// strings in Russian alphabetical order.
bool less(const json& a, const json& b) {
    if (a.is_string() && b.is_string())
        return russian::compare_text(a.get_ref<const std::string&>(), b.get_ref<const std::string&>()) < 0;
    return a < b;
}

bool compare(const json& a, const std::string& op, const json& b) {
    if (op == "==") return a == b;
    if (op == "!=") return a != b;
    // Only like with like: a string is neither more nor less than a number, nor null than anything.
    if (!(a.is_number() && b.is_number()) && !(a.is_string() && b.is_string())) return false;
    if (op == "<") return less(a, b);
    if (op == "<=") return !less(b, a);
    if (op == ">") return less(b, a);
    return !less(a, b);
}

// The elements of a list whose key equals a value: where('key', value), or
// compares with it: where('key', '>', 0).
json matching(const Call& c) {
    c.expect_arguments(2, 3);
    const json& list = c.input.get();
    if (!list.is_array()) c.fail("needs a list, got " + Call::describe(list));
    const std::string key = c.text_argument(0);
    const std::string op = c.arguments.size() == 3 ? c.text_argument(1) : "==";
    if (op != "==" && op != "!=" && op != "<" && op != "<=" && op != ">" && op != ">=")
        c.fail("the comparison must be ==, !=, <, <=, > or >=, not \"" + op + "\"");
    const json& wanted = c.arguments.back().get();
    json found = json::array();
    for (const json& element : list) {
        const json* value = field(element, key);
        if (value && compare(*value, op, wanted)) found.push_back(element);
    }
    return found;
}

const std::map<std::string, Filter>& registry() {
    static const std::map<std::string, Filter> filters = {
        {"date", [](const Call& c) -> json { c.expect_arguments(0, 0); return russian::date_numeric(c.date()); }},
        {"date_long", [](const Call& c) -> json { c.expect_arguments(0, 0); return russian::date_long(c.date()); }},
        {"date_text", [](const Call& c) -> json { c.expect_arguments(0, 0); return russian::date_text(c.date()); }},
        {"year", [](const Call& c) -> json { c.expect_arguments(0, 0); return c.date().year; }},
        {"number", [](const Call& c) -> json {
             c.expect_arguments(0, 1);
             return russian::number(c.number(), c.decimals_argument(0));
         }},
        {"percent", [](const Call& c) -> json {
             c.expect_arguments(0, 1);
             return russian::percent(c.number(), c.decimals_argument(0));
         }},
        {"signed", [](const Call& c) -> json {
             c.expect_arguments(0, 1);
             const double value = c.number();
             const std::string text = russian::number(value, c.decimals_argument(0));
             const bool zero = text.find_first_not_of("0,") == std::string::npos;
             return (value > 0 && !zero ? "+" : "") + text;
         }},
        {"plural", [](const Call& c) -> json {
             // A fourth argument says zero in words: n | plural('школа', 'школы', 'школ', 'ни одной школы').
             c.expect_arguments(3, 4);
             if (c.arguments.size() == 4 && c.number() == 0) return c.text_argument(3);
             return russian::number(c.number()) + utf8::kNoBreakSpaceUtf8 +
                    russian::agree(c.number(), c.text_argument(0), c.text_argument(1), c.text_argument(2));
         }},
        {"noun", [](const Call& c) -> json { return plural_noun(c); }},
        {"upper", [](const Call& c) -> json { c.expect_arguments(0, 0); return utf8::to_upper(c.text()); }},
        {"lower", [](const Call& c) -> json { c.expect_arguments(0, 0); return utf8::to_lower(c.text()); }},
        {"capitalize", [](const Call& c) -> json { c.expect_arguments(0, 0); return capitalize(c.text()); }},
        // The spaces between the letters never break a line: «п р и» / «к а з ы в а ю» would not read.
        {"spaced", [](const Call& c) -> json {
             c.expect_arguments(0, 0);
             std::string tied;
             for (char ch : russian::letter_spaced(c.text())) ch == ' ' ? tied += utf8::kNoBreakSpaceUtf8 : tied += ch;
             return tied;
         }},
        {"round", [](const Call& c) -> json {
             c.expect_arguments(0, 1);
             const double scale = std::pow(10.0, c.decimals_argument(0).value_or(0));
             const double rounded = std::round(c.number() * scale) / scale;
             return std::isfinite(rounded) ? rounded : c.number();
         }},
        {"length", [](const Call& c) -> json {
             c.expect_arguments(0, 0);
             const json& v = c.input.get();
             if (v.is_string()) return utf8::count(v.get<std::string>());
             if (v.is_array() || v.is_object()) return v.size();
             c.fail("needs text, a list or an object, got " + Call::describe(v));
         }},
        {"default", [](const Call& c) -> json {
             c.expect_arguments(1, 1);
             const json& v = c.input.get();
             return v.is_null() || (v.is_string() && v.get<std::string>().empty()) ? c.arguments[0].get() : v;
         }},
        {"join", [](const Call& c) -> json {
             c.expect_arguments(0, 1);
             const json& v = c.input.get();
             if (!v.is_array()) c.fail("needs a list, got " + Call::describe(v));
             const std::string separator = c.arguments.empty() ? ", " : c.text_argument(0);
             std::string out;
             for (size_t i = 0; i < v.size(); ++i) out += (i ? separator : "") + to_text(v[i], c.input.path);
             return out;
         }},
        {"where", [](const Call& c) -> json { return matching(c); }},
        {"find", [](const Call& c) -> json {
             json found = matching(c);
             if (found.empty()) {
                 const std::string op = c.arguments.size() == 3 ? c.text_argument(1) : "==";
                 c.fail("no element has " + c.text_argument(0) + " " + (op == "==" ? "=" : op) + " " +
                        c.arguments.back().get().dump());
             }
             return found.front();
         }},
        {"map", [](const Call& c) -> json {
             c.expect_arguments(1, 1);
             const json& list = c.input.get();
             if (!list.is_array()) c.fail("needs a list, got " + Call::describe(list));
             json values = json::array();
             for (const json& element : list) {
                 const json* value = field(element, c.text_argument(0));
                 values.push_back(value ? *value : json(nullptr));
             }
             return values;
         }},
        {"sum", [](const Call& c) -> json {
             c.expect_arguments(0, 0);
             const json& list = c.input.get();
             if (!list.is_array()) c.fail("needs a list of numbers, got " + Call::describe(list));
             double total = 0;
             bool whole = true;
             for (const json& element : list) {
                 if (!element.is_number()) c.fail("needs a list of numbers");
                 total += element.get<double>();
                 whole = whole && element.is_number_integer();
             }
             if (!std::isfinite(total)) c.fail("the sum is too large");
             return whole ? whole_or_fraction(total) : json(total);
         }},
        {"abs", [](const Call& c) -> json {
             c.expect_arguments(0, 0);
             const json& v = c.input.get();
             if (v.is_number_unsigned()) return v;
             if (v.is_number_integer()) return whole_or_fraction(std::fabs(static_cast<double>(v.get<long long>())));
             return std::fabs(c.number());
         }},
        {"sort", [](const Call& c) -> json {
             c.expect_arguments(0, 1);
             const json& list = c.input.get();
             if (!list.is_array()) c.fail("needs a list, got " + Call::describe(list));
             json sorted = list;
             const std::string key = c.arguments.empty() ? "" : c.text_argument(0);
             const auto value_of = [&](const json& element) -> const json& {
                 static const json null_value;
                 if (key.empty()) return element;
                 const json* value = field(element, key);
                 return value ? *value : null_value;
             };
             // Stable: equal keys keep the data's order.
             std::stable_sort(sorted.begin(), sorted.end(),
                              [&](const json& a, const json& b) { return less(value_of(a), value_of(b)); });
             return sorted;
         }},
        {"reverse", [](const Call& c) -> json {
             c.expect_arguments(0, 0);
             const json& list = c.input.get();
             if (!list.is_array()) c.fail("needs a list, got " + Call::describe(list));
             json reversed = list;
             std::reverse(reversed.begin(), reversed.end());
             return reversed;
         }},
        {"take", [](const Call& c) -> json {
             c.expect_arguments(1, 1);
             const json& list = c.input.get();
             if (!list.is_array()) c.fail("needs a list, got " + Call::describe(list));
             const auto count = static_cast<size_t>(c.optional_int_argument(0, 0, 1 << 30).value_or(0));
             return json(list.begin(), list.begin() + static_cast<long>(std::min(count, list.size())));
         }},
        {"pick", [](const Call& c) -> json {
             // Indexes into a list, as the analysed data refers to schools: ids | pick(schools).
             c.expect_arguments(1, 1);
             const json& indexes = c.input.get();
             const json& list = c.arguments[0].get();
             if (!indexes.is_array()) c.fail("needs a list of indexes, got " + Call::describe(indexes));
             if (!list.is_array()) c.fail("argument 1 must be a list");
             json picked = json::array();
             for (const json& index : indexes) {
                 if (!index.is_number_integer() || index.get<long long>() < 0 ||
                     index.get<size_t>() >= list.size())
                     c.fail("index " + index.dump() + " is not in the list of " + std::to_string(list.size()));
                 picked.push_back(list[index.get<size_t>()]);
             }
             return picked;
         }},
        {"first", [](const Call& c) -> json {
             c.expect_arguments(0, 0);
             const json& v = c.input.get();
             if (!v.is_array() || v.empty()) c.fail("needs a non-empty list");
             return v.front();
         }},
        {"last", [](const Call& c) -> json {
             c.expect_arguments(0, 0);
             const json& v = c.input.get();
             if (!v.is_array() || v.empty()) c.fail("needs a non-empty list");
             return v.back();
         }},
    };
    return filters;
}

}  // namespace

bool filter_exists(const std::string& name) { return registry().count(name) > 0; }

std::vector<std::string> filter_names() {
    std::vector<std::string> names;
    for (const auto& entry : registry()) names.push_back(entry.first);
    return names;
}

Value apply_filter(const std::string& name, const Value& input, const std::vector<Value>& arguments) {
    return Value::computed(registry().at(name)(Call{name, input, arguments}));
}

}  // namespace docgen
