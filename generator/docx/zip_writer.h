// A zip archive built in memory, entry by entry, with a fixed timestamp on
// every entry: the same entries give the same bytes on any machine.
#pragma once

#include <memory>
#include <string>

namespace docgen {

class ZipWriter {
public:
    ZipWriter();
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;

    // Entries are stored in the order they are added, deflated.
    void add(const std::string& name, std::string content);
    // The archive's bytes; the writer is finished afterwards.
    std::string finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace docgen
