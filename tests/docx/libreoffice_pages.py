#!/usr/bin/python3
"""LibreOffice opens the example order's DOCX and converts it to PDF without
error, and lays it out like our own PDF: within 10 % of its pages, the order
portrait and the appendices landscape.

Usage: libreoffice_pages.py DOCGEN_BINARY SOURCE_DIR
"""
import os
import re
import subprocess
import sys
import tempfile


def page_sizes(pdf):
    """(width, height) of every page, from pdfinfo."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", pdf], check=True, capture_output=True, text=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def main():
    binary, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as directory:
        ours = os.path.join(directory, "order.pdf")
        document = os.path.join(directory, "order.docx")
        subprocess.run([binary, "render", os.path.join(source, "templates/order.xml"),
                        os.path.join(source, "examples/order-859/data.json"), "-o", ours, "-o", document], check=True)
        converted_dir = os.path.join(directory, "libreoffice")
        # Its own profile: parallel conversions with a shared one collide.
        profile = "file://" + os.path.join(directory, "profile")
        result = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                                 "--outdir", converted_dir, document], capture_output=True, text=True, timeout=300)
        converted = os.path.join(converted_dir, "order.pdf")
        if result.returncode != 0 or not os.path.exists(converted):
            print("LibreOffice could not convert the DOCX:", result.stdout, result.stderr)
            return 1
        our_pages, their_pages = page_sizes(ours), page_sizes(converted)

    failures = []
    if abs(len(their_pages) - len(our_pages)) > 0.1 * len(our_pages):
        failures.append(f"LibreOffice made {len(their_pages)} pages, our PDF has {len(our_pages)}")
    landscape = lambda pages: sum(1 for width, height in pages if width > height)
    if their_pages and their_pages[0][0] > their_pages[0][1]:
        failures.append("the order's first page is not portrait in LibreOffice")
    if abs(landscape(their_pages) - landscape(our_pages)) > 0.1 * landscape(our_pages):
        failures.append(f"{landscape(their_pages)} landscape pages in LibreOffice, {landscape(our_pages)} in ours")
    for failure in failures:
        print("FAIL:", failure)
    print(f"pages: ours {len(our_pages)}, LibreOffice {len(their_pages)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
