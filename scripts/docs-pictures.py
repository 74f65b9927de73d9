#!/usr/bin/env python3
"""Makes the pictures of the documented examples, so that they never drift from the code.

Every block of docs/*.md fenced as ```json TEMPLATE NAME [PAGE ...] is data for
templates/TEMPLATE.xml: it is rendered to PDF, and each PAGE (the first when none is
given) becomes docs/pictures/NAME-pPAGE.png, which the page shows as
![...](pictures/NAME-pPAGE.png).

    scripts/docs-pictures.py [--docgen build/docgen]          write the pictures
    scripts/docs-pictures.py --check [--docgen build/docgen]  compare instead of writing

--check exits with 1, saying which, when a picture differs from what the examples make,
is missing, is not shown on its page, or belongs to no example.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(ROOT, "docs")
PICTURES = os.path.join(DOCS, "pictures")
FENCE = re.compile(r"^```json ([a-z][a-z0-9-]*) ([a-z][a-z0-9-]*)((?: \d+)*)$")
RESOLUTION = "60"


def examples():
    """(markdown file, template, name, pages, data) for every documented example."""
    found = []
    for file in sorted(os.listdir(DOCS)):
        if not file.endswith(".md"):
            continue
        lines = open(os.path.join(DOCS, file), encoding="utf-8").read().split("\n")
        for i, line in enumerate(lines):
            match = FENCE.match(line)
            if not match:
                continue
            end = lines.index("```", i + 1)
            pages = [int(page) for page in match.group(3).split()] or [1]
            found.append((file, match.group(1), match.group(2), pages, "\n".join(lines[i + 1:end]) + "\n"))
    return found


def picture_name(name, page):
    return "%s-p%d.png" % (name, page)


def render(docgen, template, data, pages, directory):
    """The PNG bytes of the pages of the example's PDF."""
    data_path = os.path.join(directory, "data.json")
    pdf = os.path.join(directory, "example.pdf")
    with open(data_path, "w", encoding="utf-8") as out:
        out.write(data)
    subprocess.run([docgen, "render", os.path.join(ROOT, "templates", template + ".xml"), data_path, "-o", pdf],
                   check=True)
    images = {}
    for page in pages:
        prefix = os.path.join(directory, "page%d" % page)
        subprocess.run(["pdftoppm", "-r", RESOLUTION, "-gray", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                        pdf, prefix], check=True)
        with open(prefix + ".png", "rb") as image:
            images[page] = image.read()
    return images


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with docs/pictures instead of writing")
    parser.add_argument("--docgen", default=os.path.join(ROOT, "build", "docgen"))
    args = parser.parse_args()

    problems = []
    made = set()
    os.makedirs(PICTURES, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docgen-pictures-") as directory:
        for file, template, name, pages, data in examples():
            text = open(os.path.join(DOCS, file), encoding="utf-8").read()
            for page, image in render(args.docgen, template, data, pages, directory).items():
                picture = picture_name(name, page)
                made.add(picture)
                if "pictures/" + picture not in text:
                    problems.append("docs/%s does not show pictures/%s" % (file, picture))
                path = os.path.join(PICTURES, picture)
                if not args.check:
                    with open(path, "wb") as out:
                        out.write(image)
                elif not os.path.exists(path):
                    problems.append("docs/pictures/%s is missing" % picture)
                elif open(path, "rb").read() != image:
                    problems.append("docs/pictures/%s differs from what its example makes" % picture)
    for picture in sorted(set(os.listdir(PICTURES)) - made):
        problems.append("docs/pictures/%s belongs to no example" % picture)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems and args.check:
        print("run scripts/docs-pictures.py to make the pictures again", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
