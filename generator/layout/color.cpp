#include <cstdlib>
#include <string>

#include "layout/page.h"

namespace docgen {

Color Color::from_hex(const std::string& hex) {
    if (hex.size() != 6) return {};
    const auto channel = [&](size_t at) { return std::strtol(hex.substr(at, 2).c_str(), nullptr, 16) / 255.0; };
    return {channel(0), channel(2), channel(4)};
}

}  // namespace docgen
