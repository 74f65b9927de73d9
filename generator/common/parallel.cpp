#include "common/parallel.h"

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace docgen {

size_t parts(size_t count, unsigned threads) { return std::max<size_t>(1, std::min<size_t>(threads, count)); }

void for_parts(size_t count, unsigned threads, const std::function<void(size_t part, size_t begin, size_t end)>& work) {
    const size_t parts = docgen::parts(count, threads);
    if (parts == 1) {
        work(0, 0, count);
        return;
    }
    std::vector<std::exception_ptr> failures(parts);
    const auto run = [&](size_t part) {
        try {
            work(part, count * part / parts, count * (part + 1) / parts);
        } catch (...) {
            failures[part] = std::current_exception();
        }
    };
    std::vector<std::thread> others;
    for (size_t part = 1; part < parts; ++part) others.emplace_back(run, part);
    run(0);
    for (std::thread& thread : others) thread.join();
    for (const std::exception_ptr& failure : failures)
        if (failure) std::rethrow_exception(failure);
}

}  // namespace docgen
