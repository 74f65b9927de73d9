// Visiting a variant with one lambda per alternative:
//   std::visit(Overloaded{[](const Paragraph&) {...}, [](const Table&) {...}}, block);
// A new alternative fails to compile until every visit handles it.
#pragma once

namespace docgen {

template <class... Handlers>
struct Overloaded : Handlers... {
    using Handlers::operator()...;
};

}  // namespace docgen
