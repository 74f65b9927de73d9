// What a batch tells while it runs: on a terminal a bar with the count, the
// rate and the time left; elsewhere nothing but a line per failure.
#pragma once

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace docgen::batch {

class Progress {
public:
    Progress(size_t total, std::FILE* stream, bool bar);

    void document_done();
    void document_skipped();
    void failure(const std::string& line);
    // Clears the bar, so that the summary starts on a clean line.
    void finish();

    double seconds() const;

private:
    void draw(bool force);

    size_t total_;
    size_t done_ = 0;
    std::FILE* stream_;
    bool bar_;
    std::mutex mutex_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace docgen::batch
