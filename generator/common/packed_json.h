// Parts of large data held as deflated MessagePack bytes until something reads them.
//
// The analysed data of a country's cycle holds tens of thousands of schools,
// and most of a school's JSON (its assessments, support facts, history) is
// read only by the documents of that school. nlohmann's objects take about
// 100 bytes a key; the same values as MessagePack take a tenth of that. So
// the domain stores those parts packed: a JSON "binary" value in place of
// the object or array (the JSON parser never makes binary values, so any
// binary value in docgen's data is one of these). Expressions and filters
// read through `unpacked`, which gives the value it stands for: templates
// see the data as if nothing were packed.
#pragma once

#include <nlohmann/json.hpp>

namespace docgen::packed {

// Deflated: a fourth of the size, for what is held long; not: faster, for
// what is unpacked soon.
enum class Compression { None, Deflate };

// `value` packed: a binary value of its MessagePack bytes, deflated or not.
nlohmann::json pack(const nlohmann::json& value, Compression compression = Compression::Deflate);

// The value a packed one stands for, by value.
nlohmann::json unpack(const nlohmann::json& value);

// The value a packed one stands for; any other value itself. Packed bytes
// are unpacked once per session on this thread (copies of a packed value
// too: they are known by their bytes), and what is returned stays valid
// until the outermost Session on this thread ends (outside any session,
// until the next one ends).
const nlohmann::json& unpacked(const nlohmann::json& value);

// The same value with every packed part, however deep, replaced by what it stands for.
nlohmann::json expanded(nlohmann::json value);

// Holds what `unpacked` returns on this thread for as long as it lives: one
// document's binding, one element's recommendations. Sessions nest; the
// outermost one frees what was unpacked in it.
class Session {
public:
    Session();
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
};

}  // namespace docgen::packed
