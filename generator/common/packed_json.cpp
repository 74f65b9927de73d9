#include "common/packed_json.h"

#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/deflate.h"

namespace docgen::packed {

using nlohmann::json;

namespace {

// What was unpacked on this thread, by the packed bytes: a copy of a packed
// value (a list of schools that `pick` made) is unpacked once too, and an
// address that a dropped copy leaves to another value can never mislead.
struct BytesHash {
    using is_transparent = void;
    size_t operator()(std::string_view bytes) const { return std::hash<std::string_view>{}(bytes); }
};

struct Cache {
    int sessions = 0;
    std::unordered_map<std::string, json, BytesHash, std::equal_to<>> entries;
};

Cache& cache() {
    thread_local Cache instance;
    return instance;
}

}  // namespace

// The packed bytes are MessagePack (subtype 1), or the MessagePack's size
// (4 bytes, little-endian) and the MessagePack deflated at the fastest
// level (subtype 2). Deflate takes a school's assessments to about a
// fourth: their keys repeat in every one.
constexpr std::uint64_t kMessagePack = 1;
constexpr std::uint64_t kDeflated = 2;

json pack(const json& value, Compression compression) {
    const std::vector<std::uint8_t> message = json::to_msgpack(value);
    if (compression == Compression::None) return json::binary(message, kMessagePack);
    const std::string deflated =
        deflate_raw(std::string_view(reinterpret_cast<const char*>(message.data()), message.size()), 1);
    json::binary_t::container_type bytes(4 + deflated.size());
    for (int i = 0; i < 4; ++i) bytes[i] = static_cast<std::uint8_t>(message.size() >> (8 * i));
    std::memcpy(bytes.data() + 4, deflated.data(), deflated.size());
    return json::binary(std::move(bytes), kDeflated);
}

namespace {

json unpack_bytes(const json::binary_t& bytes) {
    if (bytes.has_subtype() && bytes.subtype() == kMessagePack) return json::from_msgpack(bytes.begin(), bytes.end());
    size_t size = 0;
    for (int i = 0; i < 4 && i < static_cast<int>(bytes.size()); ++i) size |= static_cast<size_t>(bytes[i]) << (8 * i);
    const std::optional<std::string> message =
        bytes.size() < 4 || !bytes.has_subtype() || bytes.subtype() != kDeflated
            ? std::nullopt
            : inflate_raw(std::string_view(reinterpret_cast<const char*>(bytes.data()) + 4, bytes.size() - 4), size);
    // Packed values are made here only: other bytes are a fault of docgen's own.
    if (!message) throw std::logic_error("packed JSON that does not unpack");
    return json::from_msgpack(message->begin(), message->end());
}

}  // namespace

json unpack(const json& value) {
    if (!value.is_binary()) return value;
    return unpack_bytes(value.get_binary());
}

const json& unpacked(const json& value) {
    if (!value.is_binary()) return value;
    const json::binary_t& bytes = value.get_binary();
    const std::string_view key(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    auto& entries = cache().entries;
    auto found = entries.find(key);
    if (found == entries.end()) found = entries.emplace(key, unpack_bytes(bytes)).first;
    return found->second;
}

json expanded(json value) {
    if (value.is_binary()) return expanded(unpack(value));
    if (value.is_object() || value.is_array())
        for (json& item : value) item = expanded(std::move(item));
    return value;
}

Session::Session() { ++cache().sessions; }

Session::~Session() {
    Cache& current = cache();
    if (--current.sessions == 0) current.entries.clear();
}

}  // namespace docgen::packed
