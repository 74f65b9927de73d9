// Visiting a variant with one lambda per alternative:
//   std::visit(Overloaded{[](const Paragraph&) {...}, [](const Table&) {...}}, block);
// A new alternative fails to compile until every visit handles it.
#pragma once

namespace docgen {

template <class... Handlers>
struct Overloaded : Handlers... {
    using Handlers::operator()...;
};
// C++20 deduces this for aggregates; clang before 17 needs the guide.
template <class... Handlers>
Overloaded(Handlers...) -> Overloaded<Handlers...>;

}  // namespace docgen
