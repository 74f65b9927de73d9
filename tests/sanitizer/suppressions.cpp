// Leaks LeakSanitizer reports in the libraries docgen uses, not in docgen:
// compiled into every program of the sanitizer build (CMakeLists.txt), so
// that tests, fuzzers and hand runs all see the same list.
//
// libxlsxwriter 1.1.4 (Debian 12) copies the formula of a list check
// (LXW_VALIDATION_TYPE_LIST_FORMULA: the municipalities' and schools' columns
// of the fillable workbook) and never frees the copy: a few dozen bytes per
// workbook, gone when the process ends. The library is built without frame
// pointers, so the stacks LeakSanitizer keeps end at its lxw_strdup: that is
// the name the suppression can match (a leak of docgen's own still shows).
extern "C" const char* __lsan_default_suppressions() { return "leak:lxw_strdup\n"; }
