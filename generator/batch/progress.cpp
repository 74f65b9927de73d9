#include "batch/progress.h"

namespace docgen::batch {

namespace {

constexpr int kBarWidth = 30;
constexpr auto kRedrawEvery = std::chrono::milliseconds(100);

}  // namespace

Progress::Progress(size_t total, std::FILE* stream, bool bar)
    : total_(total), stream_(stream), bar_(bar), start_(std::chrono::steady_clock::now()) {}

double Progress::seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::document_done() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++done_;
    draw(done_ == total_);
}

void Progress::document_skipped() { document_done(); }

void Progress::failure(const std::string& line) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (bar_) std::fputs("\r\033[K", stream_);
    std::fprintf(stream_, "%s\n", line.c_str());
    draw(true);
}

void Progress::draw(bool force) {
    if (!bar_) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - last_draw_ < kRedrawEvery) return;
    last_draw_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0;
    const double left = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0;
    const int filled = total_ ? static_cast<int>(kBarWidth * done_ / total_) : kBarWidth;
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(kBarWidth, '-');
    std::fprintf(stream_, "\r[%s] %zu/%zu documents, %.1f/s, %d:%02d left\033[K", bar.c_str(), done_, total_, rate,
                 static_cast<int>(left) / 60, static_cast<int>(left) % 60);
    std::fflush(stream_);
}

void Progress::finish() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (bar_) std::fputs("\r\033[K", stream_);
}

}  // namespace docgen::batch
