#!/usr/bin/python3
"""Reads every page of PDFs as a typesetter would and counts what one would
not pass. Text positions, fonts and rules come from MuPDF's trace of each page
(`mutool draw -F trace`), not from docgen: the check sees what a reader sees.

Defects counted, per document:
  loose       a line with a word gap over twice the font's normal space (a
              quarter em); lines of one or two words are not counted, nor
              lines whose other gaps are all plain spaces (columns of a
              borderless table, not a stretched line)
  scrap       a line that is nothing but the end of a word hyphenated on the
              line before («ния.»)
  header-hyphen  a word hyphenated in a table's header row (the top row of a
              table on each page, and every row above its column-number row)
  hole        a page whose content ends more than 50 mm above the bottom
              margin while the next page continues the same section (it
              carries a page number and has the same size)
  empty-split a row split across pages (its first part reaching the bottom
              margin) with a cell empty on the first page whose text starts on
              the next

Margins are those of docs/templates.md's defaults (top and bottom 20 mm).
Text is split into columns at table rules and at gaps over three ems (the
columns of a borderless table, such as a signature).

Usage:
  check_pages.py DIR_OR_PDF...              check these PDFs (folders: every *.pdf in them)
  check_pages.py --render DOCGEN SOURCE     render `make demo`'s documents (scripts/demo.sh)
                                            into a temporary folder, then check them
Options: --details N  list the first N defects of each kind (default 5)
         --quiet      print only documents with defects and the totals
         --limits FILE  allow up to this many defects of each kind, and the
                      named exceptions (JSON, tests/pages/limits.json:
                      {"loose": {"limit": N, "why": "…"}, …, "exceptions":
                      [{"kind": "scrap", "match": "«обучаю- / щимся.»", "why": "…"}]});
                      an exception takes every defect of its kind whose
                      description holds its text, and one that takes none fails
Exit status: 1 when any defect is found (with --limits: more than a limit).
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from concurrent.futures import ProcessPoolExecutor

KINDS = ["loose", "scrap", "header-hyphen", "hole", "empty-split"]
MM = 72 / 25.4
MARGIN_TOP = 20 * MM
MARGIN_BOTTOM = 20 * MM
HOLE = 50 * MM
SPACE = 0.25  # the font's normal space, in ems
LOOSE = 2 * SPACE  # word gap in ems: twice the space
COLUMN_GAP = 3.0  # ems: wider gaps separate columns, not words
HYPHENS = "-\u2010\u00ad"
CELL_PADDING = 1.5 * MM


class Glyph:
    __slots__ = ("x", "y", "size", "right", "char", "bold")

    def __init__(self, x, y, size, adv, char, bold):
        self.x, self.y, self.size, self.char, self.bold = x, y, size, char, bold
        self.right = x + adv * size


class Page:
    def __init__(self, width, height):
        self.width, self.height = width, height
        self.glyphs = []
        self.horizontal = []  # (y, x1, x2)
        self.vertical = []    # (x, y1, y2)
        self.fills = []       # (x1, y1, x2, y2): bars and keys of charts
        self.bottom = 0.0     # the lowest mark: text, rule or fill

    def number_shown(self):
        return any(g.y < MARGIN_TOP for g in self.glyphs)


def trace(pdf):
    """The pages of a PDF as glyphs and rules, y measured down from the top."""
    result = subprocess.run(["mutool", "draw", "-F", "trace", "-o", "-", pdf], capture_output=True, check=True)
    pages = []
    for element in ET.fromstring(result.stdout):
        if element.tag != "page":
            continue
        _, _, width, height = (float(v) for v in element.get("mediabox").split())
        page = Page(width, height)
        for mark in element:
            if mark.tag == "fill_text":
                for span in mark:
                    size = abs(float(span.get("trm").split()[0]))
                    bold = "Bold" in span.get("font", "")
                    for g in span:
                        if g.tag != "g":
                            continue
                        glyph = Glyph(float(g.get("x")), height - float(g.get("y")), size, float(g.get("adv")),
                                      g.get("unicode"), bold)
                        page.glyphs.append(glyph)
                        page.bottom = max(page.bottom, glyph.y + 0.25 * size)
            elif mark.tag in ("stroke_path", "fill_path"):
                points, segments = [], []
                for step in mark:
                    x, y = float(step.get("x", 0)), height - float(step.get("y", 0))
                    if step.tag == "moveto":
                        points = [(x, y)]
                    elif step.tag == "lineto":
                        points.append((x, y))
                        segments.append((points[-2], points[-1]))
                    page.bottom = max(page.bottom, y)
                if mark.tag == "fill_path" and segments:
                    xs = [p[0] for segment in segments for p in segment]
                    ys = [p[1] for segment in segments for p in segment]
                    page.fills.append((min(xs), min(ys), max(xs), max(ys)))
                if mark.tag == "stroke_path":
                    for (x1, y1), (x2, y2) in segments:
                        if abs(y1 - y2) < 0.01:
                            page.horizontal.append((y1, min(x1, x2), max(x1, x2)))
                        elif abs(x1 - x2) < 0.01:
                            page.vertical.append((x1, min(y1, y2), max(y1, y2)))
        pages.append(page)
    return pages


class Segment:
    """Text on one baseline between two rules (or column gaps): its words."""

    def __init__(self, glyphs, left, right):
        self.glyphs = glyphs
        self.left, self.right = left, right  # the column's bounds
        self.y = max(glyphs, key=lambda g: g.size).y  # a sub- or superscript's line is its base's
        self.size = max(g.size for g in glyphs)
        self.words = []  # [first glyph, last glyph]
        for g in glyphs:
            if g.char == " ":
                continue
            if self.words and g.x - self.words[-1][1].right < 0.1 * g.size:
                self.words[-1][1] = g
            else:
                self.words.append([g, g])

    def text(self):
        return " ".join("".join(g.char for g in self.glyphs if w[0].x <= g.x <= w[1].x and g.char != " ")
                        for w in self.words)

    def word_text(self, word):
        return "".join(g.char for g in self.glyphs if word[0].x <= g.x <= word[1].x and g.char != " ")

    def gaps(self):
        return [(b[0].x - a[1].right) / self.size for a, b in zip(self.words, self.words[1:])]


def crossing_verticals(page, y):
    return sorted(x for x, y1, y2 in page.vertical if y1 - 0.5 <= y <= y2 + 0.5)


def segments_of(page):
    lines = collections.defaultdict(list)
    for g in page.glyphs:
        if g.y < MARGIN_TOP:  # the page number
            continue
        lines[round(g.y, 1)].append(g)
    # Sub- and superscripts (smaller, a little below or above) belong to their line.
    sizes = {y: max(g.size for g in glyphs) for y, glyphs in lines.items()}
    for y in sorted(lines, key=lambda y: sizes[y]):
        hosts = [h for h in lines if h != y and sizes[h] > 1.2 * sizes[y] and abs(h - y) < 0.45 * sizes[h]]
        if hosts:
            lines[min(hosts, key=lambda h: abs(h - y))].extend(lines.pop(y))
    segments = []
    for y, glyphs in sorted(lines.items()):
        glyphs.sort(key=lambda g: g.x)
        rules = crossing_verticals(page, y)
        # A chart's keys and bars part its labels as rules part cells.
        size = max(g.size for g in glyphs)
        for x1, y1, x2, y2 in page.fills:
            if y1 - size <= y <= y2 + size:
                rules += [x1, x2]
        groups, current = [], []
        for g in glyphs:
            if current:
                previous = current[-1]
                ruled = any(previous.right - 0.5 <= x <= g.x + 0.5 for x in rules)
                wide = g.char != " " and g.x - max(p.right for p in current if p.char != " " or p is current[0]) > COLUMN_GAP * g.size
                if ruled or wide:
                    groups.append(current)
                    current = []
            current.append(g)
        if current:
            groups.append(current)
        for group in groups:
            if all(g.char == " " for g in group):
                continue
            left = max([x for x in rules if x <= group[0].x + 0.5], default=0)
            right = min([x for x in rules if x >= group[-1].right - 0.5], default=page.width)
            segments.append(Segment(group, left, right))
    return segments


class Table:
    """A ruled grid on a page: its horizontal rules' y, top to bottom."""

    def __init__(self, left, right, ys):
        self.left, self.right, self.ys = left, right, ys

    def rows(self):
        return list(zip(self.ys, self.ys[1:]))


def tables_of(page):
    """Grids of rules: horizontal rules grouped by the vertical rules that join them."""
    spans = sorted({(round(x1, 1), round(x2, 1)) for _, x1, x2 in page.horizontal})
    # A table's full-width rules share its outer left and right edges.
    outer = collections.defaultdict(set)
    for y, x1, x2 in page.horizontal:
        outer[round(x1, 1)].add(round(y, 2))
    tables = []
    for left, ys in outer.items():
        ys = sorted(ys)
        right = max(x2 for y, x1, x2 in page.horizontal if round(x1, 1) == left)
        # Split into separate tables where no vertical rule joins two rules.
        current = [ys[0]]
        for y in ys[1:]:
            joined = any(abs(x - left) < 0.5 and y1 <= current[-1] + 0.5 and y2 >= y - 0.5
                         for x, y1, y2 in page.vertical)
            if joined:
                current.append(y)
            else:
                if len(current) > 1:
                    tables.append(Table(left, right, current))
                current = [y]
        if len(current) > 1:
            tables.append(Table(left, right, current))
    del spans
    # Rules of cells spanning rows start inside a table: they are its own.
    return [t for t in tables if not any(o is not t and o.left + 0.5 < t.left < o.right and
                                         o.ys[0] - 0.5 <= t.ys[0] and t.ys[-1] <= o.ys[-1] + 0.5 for o in tables)]


def cells_of_row(page, table, top, bottom, segments):
    """The row's cells as (left, right, [segments]) between the vertical rules crossing it.
    A cell spanning rows above reaches up to the first rule across its whole width."""
    middle = (top + bottom) / 2
    xs = sorted({round(x, 1) for x, y1, y2 in page.vertical
                 if y1 <= middle <= y2 and table.left - 0.5 <= x <= table.right + 0.5})
    cells = []
    for left, right in zip(xs, xs[1:]):
        cell_top = top
        for y in reversed([y for y in table.ys if y <= top + 0.01]):
            cell_top = y
            if any(abs(ry - y) < 0.05 and x1 <= left + 0.5 and x2 >= right - 0.5 for ry, x1, x2 in page.horizontal):
                break
        inside = [s for s in segments if cell_top < s.y < bottom and left - 0.5 <= s.left and s.right <= right + 0.5]
        cells.append((left, right, inside))
    return cells


def row_text(cells):
    return " | ".join(" ".join(s.text() for s in inside) for _, _, inside in cells)


def is_number_row(cells):
    texts = [" ".join(s.text() for s in inside) for _, _, inside in cells]
    return len(texts) > 1 and texts == [str(i + 1) for i in range(len(texts))]


def check_document(pdf):
    pages = trace(pdf)
    found = collections.defaultdict(list)
    laid = []
    for number, page in enumerate(pages, 1):
        segments = segments_of(page)
        tables = tables_of(page)
        laid.append((segments, tables))
        # Loose lines.
        for s in segments:
            # Justifying stretches every gap of a line alike; a gap of exactly the space is a
            # no-break space inside a word. A single wide gap among spaces parts the columns of a
            # borderless table («О.С. Кольцова    ______    «___» ______ 2022 г.»), not words.
            stretched = [gap for gap in s.gaps() if abs(gap - SPACE) > 0.005]
            if len(s.words) >= 3 and len(stretched) >= 2 and max(stretched) > LOOSE:
                found["loose"].append(f"p. {number}: gap {max(s.gaps()) * s.size:.1f} pt: «{s.text()[:70]}»")
        # Scraps: a line that is only the end of the word hyphenated before it.
        columns = collections.defaultdict(list)
        for s in segments:
            columns[(round(s.left), round(s.right))].append(s)
        for column in columns.values():
            column.sort(key=lambda s: s.y)
            for index in range(1, len(column)):
                above, below = column[index - 1], column[index]
                if below.y - above.y > 1.5 * max(above.size, below.size):
                    continue
                last = above.word_text(above.words[-1])
                if not (len(last) >= 2 and last[-1] in HYPHENS and last[-2].isalpha() and len(below.words) == 1
                        and below.glyphs[0].char.isalpha() and below.glyphs[0].char.islower()):
                    continue
                # A word wider than its table column has to be broken somewhere.
                word = (above.words[-1][1].x - above.words[-1][0].x) + (below.words[0][1].right - below.words[0][0].x)
                if above.right - above.left < page.width * 0.6 and word > above.right - above.left - 2 * CELL_PADDING:
                    continue
                # The paragraph's last line: nothing follows it closely at the same left edge, or
                # what follows is indented or starts a list item.
                after = column[index + 1] if index + 1 < len(column) else None
                if after is None or after.y - below.y > 1.5 * max(after.size, below.size) or \
                        abs(after.glyphs[0].x - below.glyphs[0].x) > 1 or after.glyphs[0].char in "–-•" or \
                        after.glyphs[0].char.isdigit():
                    found["scrap"].append(f"p. {number}: «{last} / {below.text()}»")
        # Hyphens in header rows.
        for table in tables:
            rows = [cells_of_row(page, table, top, bottom, segments) for top, bottom in table.rows()]
            header = 1
            for index, cells in enumerate(rows):
                if is_number_row(cells):
                    header = index
                    break
            for cells in rows[:header]:
                for _, _, inside in cells:
                    for s in inside[:-1]:
                        last = s.word_text(s.words[-1])
                        if len(last) >= 2 and last[-1] in HYPHENS and last[-2].isalpha():
                            found["header-hyphen"].append(f"p. {number}: «{last}» in «{row_text(cells)[:60]}»")
    for number, page in enumerate(pages[:-1], 1):
        following = pages[number]
        same_section = following.number_shown() and (following.width, following.height) == (page.width, page.height)
        free = page.height - MARGIN_BOTTOM - page.bottom
        if same_section and free > HOLE:
            found["hole"].append(f"p. {number}: {free / MM:.0f} mm free")
        # Split rows.
        segments, tables = laid[number - 1]
        next_segments, next_tables = laid[number]
        for table in tables:
            if abs(table.ys[-1] - (page.height - MARGIN_BOTTOM)) > 1 or len(table.ys) < 3:
                continue
            continuation = [t for t in next_tables if abs(t.left - table.left) < 1 and abs(t.right - table.right) < 1]
            if not continuation:
                continue
            rows = [cells_of_row(page, table, top, bottom, segments) for top, bottom in table.rows()]
            header_texts = {row_text(cells) for cells in rows[:3]}
            split = rows[-1]
            next_rows = [cells_of_row(following, continuation[0], top, bottom, next_segments)
                         for top, bottom in continuation[0].rows()]
            rest = next((cells for cells in next_rows if row_text(cells) not in header_texts), None)
            if rest is None or len(rest) != len(split) or not any(inside for _, _, inside in split):
                continue
            for (left, _, here), (_, _, there) in zip(split, rest):
                if not here and there:
                    found["empty-split"].append(f"p. {number}: column at {left / MM:.0f} mm empty, "
                                                f"«{there[0].text()[:40]}» starts on p. {number + 1}")
    return len(pages), found


def pdfs_in(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, _, files in os.walk(path):
                for name in sorted(files):
                    if name.endswith(".pdf"):
                        yield os.path.join(root, name)
        else:
            yield path


def render_demo(docgen, source, directory):
    """What `make demo` makes: each document scripts/demo.sh renders (its lines
    «render TEMPLATE EXAMPLE NAME»), then the example region's cycle."""
    with open(os.path.join(source, "scripts/demo.sh"), encoding="utf-8") as file:
        documents = [line.split()[1:] for line in file if re.fullmatch(r"render \S+ \S+ \S+\n?", line)]
    if not documents:
        sys.exit("scripts/demo.sh renders no document: its lines «render TEMPLATE EXAMPLE NAME» are gone")
    for template, example, name in documents:
        subprocess.run([docgen, "render", os.path.join(source, f"templates/{template}.xml"),
                        os.path.join(source, f"examples/{example}/data.json"),
                        "-o", os.path.join(directory, f"{name}.pdf")], check=True)
    subprocess.run([docgen, "batch", os.path.join(source, "examples/smolensk-2022/batch.json"),
                    "--output", os.path.join(directory, "smolensk-2022")], check=True, stdout=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--render", nargs=2, metavar=("DOCGEN", "SOURCE"))
    parser.add_argument("--details", type=int, default=5)
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--limits")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        paths = list(args.paths)
        if args.render:
            render_demo(args.render[0], args.render[1], directory)
            paths.append(directory)
        files = sorted(pdfs_in(paths))
        if not files:
            print("no PDF to check")
            return 1
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            results = list(pool.map(check_document, files, chunksize=8))
        base = os.path.commonpath(files) if len(files) > 1 else os.path.dirname(files[0])
        limits = {kind: 0 for kind in KINDS}
        exceptions = []
        if args.limits:
            with open(args.limits, encoding="utf-8") as file:
                settings = json.load(file)
            limits.update({kind: entry["limit"] for kind, entry in settings.items() if kind in KINDS})
            exceptions = settings.get("exceptions", [])
        # A named exception takes the defects of its kind whose description holds its text.
        excepted = collections.Counter()
        for _, found in results:
            for kind in KINDS:
                kept = []
                for item in found[kind]:
                    match = next((i for i, e in enumerate(exceptions) if e["kind"] == kind and e["match"] in item), None)
                    if match is None:
                        kept.append(item)
                    else:
                        excepted[match] += 1
                found[kind] = kept
        totals = collections.Counter()
        pages_total = 0
        examples = collections.defaultdict(list)
        print("document".ljust(72) + "".join(k.rjust(14) for k in ["pages"] + KINDS))
        for pdf, (pages, found) in zip(files, results):
            pages_total += pages
            name = os.path.relpath(pdf, base)
            counts = [len(found[k]) for k in KINDS]
            for kind in KINDS:
                totals[kind] += len(found[kind])
                examples[kind].extend(f"{name}, {item}" for item in found[kind])
            if not args.quiet or any(counts):
                print(name[-72:].ljust(72) + str(pages).rjust(14) + "".join(str(c).rjust(14) for c in counts))
        print(f"{len(files)} documents".ljust(72) + str(pages_total).rjust(14) +
              "".join(str(totals[k]).rjust(14) for k in KINDS))
        for kind in KINDS:
            for line in examples[kind][:args.details]:
                print(f"{kind}: {line}")
        unused = 0
        for index, exception in enumerate(exceptions):
            if excepted[index]:
                print(f"excepted: {excepted[index]} {exception['kind']} «{exception['match']}»: {exception['why']}")
            else:
                print(f"FAIL: the exception for {exception['kind']} «{exception['match']}» matches nothing: remove it")
                unused += 1
        over = [kind for kind in KINDS if totals[kind] > limits[kind]]
        for kind in KINDS:
            if args.limits and totals[kind] < limits[kind]:
                print(f"{kind}: {totals[kind]}, under its limit {limits[kind]}: lower the limit")
        for kind in over:
            print(f"FAIL: {totals[kind]} {kind} defects, more than {limits[kind]}")
        print(f"{len(KINDS) - len(over)} passed, {len(over) + unused} failed")
        return 1 if over or unused else 0


if __name__ == "__main__":
    sys.exit(main())
