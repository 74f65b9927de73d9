#!/usr/bin/python3
"""LibreOffice opens our DOCX files and lays them out like our own PDFs: the
order 859-ОД (portrait order, landscape appendices), the regional report, 10
municipal and 18 school references of the example cycle. At least 27 of the 30
have the same page count in both, and none differs by more than one page.

Usage: libreoffice_pages.py DOCGEN_BINARY SOURCE_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

MUNICIPAL, SCHOOLS, EQUAL_AT_LEAST = 10, 18, 27


def page_sizes(pdf):
    """(width, height) of every page, from pdfinfo."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", pdf], check=True, capture_output=True, text=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def sample(cycle):
    """The report, the first 10 municipal references and 18 school references, one or more per district."""
    report = [os.path.join(cycle, name) for name in sorted(os.listdir(cycle)) if name.endswith(".docx")]
    districts = sorted(d for d in os.listdir(cycle) if os.path.isdir(os.path.join(cycle, d)))
    municipal, schools = [], []
    for district in districts:
        files = sorted(os.listdir(os.path.join(cycle, district)))
        docx = [os.path.join(cycle, district, f) for f in files if f.endswith(".docx")]
        reference = [f for f in docx if os.path.basename(f).startswith("Аналитическая справка")]
        if len(municipal) < MUNICIPAL:
            municipal += reference
        schools += [f for f in docx if f not in reference][:1]
    return report[:1] + municipal[:MUNICIPAL] + schools[:SCHOOLS]


def main():
    binary, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as directory:
        subprocess.run([binary, "render", os.path.join(source, "templates/order.xml"),
                        os.path.join(source, "examples/order-859/data.json"),
                        "-o", os.path.join(directory, "order.pdf"), "-o", os.path.join(directory, "order.docx")],
                       check=True)
        cycle = os.path.join(directory, "cycle")
        subprocess.run([binary, "batch", os.path.join(source, "examples/smolensk-2022/batch.json"), "--output", cycle],
                       check=True, capture_output=True)
        documents = [os.path.join(directory, "order.docx")] + sample(cycle)
        # Plain names for LibreOffice's output folder, one conversion for all.
        inputs = os.path.join(directory, "in")
        os.mkdir(inputs)
        names = []
        for n, path in enumerate(documents):
            shutil.copy(path, os.path.join(inputs, f"{n:02}.docx"))
            names.append(os.path.relpath(path, directory))
        converted_dir = os.path.join(directory, "libreoffice")
        profile = "file://" + os.path.join(directory, "profile")  # parallel conversions with a shared one collide
        result = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                                 "--outdir", converted_dir] + [os.path.join(inputs, f"{n:02}.docx")
                                                               for n in range(len(documents))],
                                capture_output=True, text=True, timeout=900)
        failures, equal = [], 0
        for n, (path, name) in enumerate(zip(documents, names)):
            converted = os.path.join(converted_dir, f"{n:02}.pdf")
            if not os.path.exists(converted):
                failures.append(f"LibreOffice could not convert {name}: {result.stderr[-300:]}")
                continue
            ours, theirs = page_sizes(path[:-len(".docx")] + ".pdf"), page_sizes(converted)
            landscape = lambda pages: sum(1 for width, height in pages if width > height)
            equal += len(ours) == len(theirs)
            print(f"{name}: ours {len(ours)}, LibreOffice {len(theirs)}")
            if abs(len(ours) - len(theirs)) > 1:
                failures.append(f"{name}: LibreOffice made {len(theirs)} pages, our PDF has {len(ours)}")
            if abs(landscape(ours) - landscape(theirs)) > max(1, 0.1 * landscape(ours)):
                failures.append(f"{name}: {landscape(theirs)} landscape pages in LibreOffice, {landscape(ours)} in ours")
        if equal < EQUAL_AT_LEAST:
            failures.append(f"only {equal} of {len(documents)} documents have equal page counts, fewer than {EQUAL_AT_LEAST}")
    for failure in failures:
        print("FAIL:", failure)
    print(f"{equal} of {len(documents)} with equal page counts")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
