// What every fuzz harness shares: resources loaded once, the rule that only
// errors meant for users may escape, and checks that what docgen wrote is
// what other readers accept. A finding prints what went wrong and aborts, so
// that libFuzzer keeps the input.
#pragma once

#include <exception>
#include <string>

#include "common/error.h"
#include "model/document.h"
#include "render/resources.h"
#include "template/expression.h"

namespace docgen::fuzz {

const Resources& resources();
// A file of the source tree, read once per call.
std::string source_file(const std::string& relative);

[[noreturn]] void finding(const std::string& what);

// Runs `step`; InputError and ExpressionError are docgen's answers to bad
// input and end the run quietly; any other exception is a finding.
template <typename Step>
void accept_user_errors(Step&& step) {
    try {
        step();
    } catch (const InputError&) {
    } catch (const ExpressionError&) {
    } catch (const std::exception& error) {
        finding(std::string("an exception that is no user error: ") + error.what());
    }
}

// qpdf reads the file without a warning, every stream decodes, and every
// page's content parses.
void check_pdf(const std::string& bytes);
// libzip opens the archive (consistency checked), and every XML part parses
// and holds no character XML 1.0 forbids.
void check_docx(const std::string& bytes);
// The document in each format, each checked.
void write_and_check(const Document& document, bool pdf = true);

}  // namespace docgen::fuzz
