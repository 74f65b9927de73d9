#!/usr/bin/env python3
"""Every PDF that docgen makes from the fuzz corpora is read by three independent
readers without a warning: qpdf --check, poppler (pdftotext, pdfinfo) and mupdf
(mutool draw). The harnesses check the PDFs with qpdf's library as they run; this
is the same for the inputs kept in tests/fuzz/corpus/, with the readers users have.

    check_readers.py DOCGEN SOURCE_DIR
"""
import os
import subprocess
import sys
import tempfile


def run(command):
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def readers_complain(pdf):
    """The first reader's complaint about the file, or None."""
    checks = [
        ["qpdf", "--check", pdf],
        ["pdfinfo", pdf],
        ["pdftotext", pdf, "-"],
        ["mutool", "draw", "-q", "-o", os.devnull, "-F", "txt", pdf],
    ]
    for command in checks:
        result = run(command)
        # Warnings go to stderr; Debian's mupdf says once that it was built without ICC
        # colour management, which is about mupdf, not the file.
        noise = "\n".join(line for line in result.stderr.splitlines()
                          if line.strip() and "ICC support is not available" not in line)
        if result.returncode != 0 or noise:
            return f"{' '.join(command[:2])}: exit {result.returncode}: {noise[:300]}"
    return None


def main():
    docgen, source = sys.argv[1], sys.argv[2]
    corpus = os.path.join(source, "tests", "fuzz", "corpus")
    values = os.path.join(source, "tests", "fuzz", "data", "values.json")
    order = os.path.join(source, "templates", "order.xml")
    cases = []  # (name, template, data)
    for name in sorted(os.listdir(os.path.join(corpus, "order"))):
        cases.append((f"order/{name}", order, os.path.join(corpus, "order", name)))
    for name in sorted(os.listdir(os.path.join(corpus, "template"))):
        cases.append((f"template/{name}", os.path.join(corpus, "template", name), values))
    made, failures = 0, []
    with tempfile.TemporaryDirectory() as folder:
        for name, template, data in cases:
            pdf = os.path.join(folder, "out.pdf")
            if os.path.exists(pdf):
                os.remove(pdf)
            result = run([docgen, "render", template, data, "-o", pdf])
            if result.returncode not in (0, 1):
                failures.append(f"{name}: docgen exit status {result.returncode}: {result.stderr[:300]}")
                continue
            if result.returncode == 1:
                continue  # refused with a message: nothing to read
            made += 1
            complaint = readers_complain(pdf)
            if complaint:
                failures.append(f"{name}: {complaint}")
    for failure in failures:
        print("FAIL", failure)
    print(f"{made} PDFs of {len(cases)} corpus inputs read by qpdf, poppler and mupdf; {len(failures)} failures")
    return 1 if failures or made == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
