#!/usr/bin/python3
"""Opens the example order's DOCX with python-docx, as a script of a user
would, and walks it beside the JSON data: every paragraph and every table
cell must say what the data says.

Usage: check_docx.py DOCGEN_BINARY SOURCE_DIR
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import docx
from docx.oxml.ns import qn

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def norm(text):
    """Typography is applied to the data (no-break spaces, en dashes): compare without it."""
    text = text.replace("\u00a0", " ").replace("–", "-")
    return re.sub(r"\s+", " ", text).strip()


def rich_lines(value):
    """The paragraphs a rich-text value becomes, as python-docx reads them."""
    if isinstance(value, str):
        return [value]
    lines = []
    for item in value:
        if isinstance(item, str):
            lines.append(item)
        elif "bold" in item:
            lines.append(item["bold"])
        elif "italic" in item:
            lines.append(item["italic"])
        else:
            lines.extend("– " + entry for entry in item["list"])
    return lines


def date_numeric(iso):
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def expected_body_paragraphs(data):
    """Paragraphs outside tables, in order, for templates/order.xml."""
    order = data["order"]
    organization = data["organization"]
    date = date_numeric(order["date"])
    paragraphs = ["\n".join(line.upper() for line in organization["name_lines"]), "П Р И К А З"]
    if order.get("place"):
        paragraphs.append(order["place"])
    paragraphs += [order["title"], order["preamble"], "п р и к а з ы в а ю:"]
    paragraphs += [f"{n}. {point}" for n, point in enumerate(order["points"], 1)]
    for number, appendix in enumerate(data["appendices"], 1):
        paragraphs.append(f"Приложение № {number}\nк приказу {organization['genitive']}\n"
                          f"от {date} № {order['number']}")
        paragraphs.append(appendix["title"])
        paragraphs += rich_lines(appendix["intro"])
    return paragraphs


def row_has(row, tag):
    properties = row._tr.trPr
    return properties is not None and properties.find(qn(tag)) is not None


def check_roadmap(table, appendix, number):
    columns = appendix["table"]["columns"]
    sections = appendix["table"]["sections"]
    where = f"appendix {number}"
    expected_rows = 2 + sum(1 + len(section["rows"]) for section in sections)
    check(len(table.rows) == expected_rows, f"{where}: {len(table.rows)} rows, expected {expected_rows}")
    check(len(table.columns) == len(columns), f"{where}: {len(table.columns)} columns, expected {len(columns)}")
    header, numbers = table.rows[0], table.rows[1]
    check([norm(c.text) for c in header.cells] == [norm(c["title"]) for c in columns], f"{where}: header row")
    check([c.text for c in numbers.cells] == [str(n) for n in range(1, len(columns) + 1)], f"{where}: numbers row")
    for row in (header, numbers):
        check(row_has(row, "w:tblHeader"), f"{where}: a header row lacks w:tblHeader")
    r = 2
    for section in sections:
        title = norm(f"{section['number']} {section['title']}")
        check(all(norm(c.text) == title for c in table.rows[r].cells), f"{where}: section row {title!r}")
        check(not row_has(table.rows[r + 1], "w:tblHeader"), f"{where}: a body row repeats as a header")
        r += 1
        for data_row in section["rows"]:
            cells = table.rows[r].cells
            for k, column in enumerate(columns):
                expected = norm("\n".join(rich_lines(data_row[column["key"]])))
                got = norm(cells[k].text)
                check(got == expected, f"{where} row {data_row['number']} {column['key']}: {got!r} != {expected!r}")
            r += 1


def main():
    binary, source = sys.argv[1], sys.argv[2]
    data_path = os.path.join(source, "examples/order-859/data.json")
    with open(data_path, encoding="utf-8") as file:
        data = json.load(file)
    with tempfile.TemporaryDirectory() as directory:
        output = os.path.join(directory, "order.docx")
        subprocess.run([binary, "render", os.path.join(source, "templates/order.xml"), data_path, "-o", output],
                       check=True)
        document = docx.Document(output)

    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    expected = expected_body_paragraphs(data)
    check(len(paragraphs) == len(expected), f"{len(paragraphs)} body paragraphs, expected {len(expected)}")
    for got, want in zip(paragraphs, expected):
        check(norm(got) == norm(want), f"paragraph {got!r} != {want!r}")

    tables = document.tables
    check(len(tables) == 2 + len(data["appendices"]), f"{len(tables)} tables")
    order = data["order"]
    check([c.text for c in tables[0].rows[0].cells] == [date_numeric(order["date"]), "№\u00a0" + order["number"]],
          "date and number line")
    check(norm(tables[1].rows[0].cells[1].text) == norm(order["signature"]["name"]), "signature name")
    check(norm(tables[1].rows[0].cells[0].text) == norm(" ".join(order["signature"]["position"])), "signature position")
    for number, (table, appendix) in enumerate(zip(tables[2:], data["appendices"]), 1):
        check_roadmap(table, appendix, number)

    core = document.core_properties
    check(core.title == order["title"], "document title")
    check(str(core.created.date()) == order["date"], "document date")

    for failure in failures[:40]:
        print("FAIL:", failure)
    print(f"{len(failures)} failures; {len(paragraphs)} paragraphs and {len(tables)} tables checked")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
