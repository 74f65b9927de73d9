// SHA-256 (FIPS 180-4), for the manifest's checksums and input fingerprints.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace docgen {

class Sha256 {
public:
    Sha256();
    void update(std::string_view bytes);
    // Adds a file's content, read a megabyte at a time (a country's data is
    // hundreds of megabytes); false when it cannot be read.
    bool update_file(const std::string& path);
    // The digest as 64 lower-case hex digits; the object is spent afterwards.
    std::string hex();

    static std::string of(std::string_view bytes);
    // Of a file's content, read a megabyte at a time; empty when it cannot be read.
    static std::string of_file(const std::string& path);

    // Whether the processor's SHA instructions (x86 SHA extensions) compute
    // the blocks; the portable code does where they are missing. Tests turn
    // them off to check both: set_accelerated(false), then true again.
    static bool accelerated();
    static void set_accelerated(bool use_when_available);

private:
    void compress(const uint8_t* blocks, size_t count);
    std::array<uint32_t, 8> state_;
    std::array<uint8_t, 64> buffer_{};
    size_t buffered_ = 0;
    uint64_t length_ = 0;  // in bytes
};

}  // namespace docgen
