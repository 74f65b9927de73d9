#!/usr/bin/python3
"""The API of `docgen serve` with plain HTTP requests: every documented
endpoint, wrong methods, oversized and malformed uploads, unknown
templates, jobs beyond --jobs waiting in the queue, cancelling, tokens,
a job whose process crashes, and nothing left behind at the end.

Usage: api_test.py DOCGEN_BINARY SOURCE_DIR [TEST_NAME ...]
"""
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import xml.etree.ElementTree as ElementTree

from serve_client import Failure, Server, check, multipart

DOCGEN = None
SOURCE = None
ORDER = CYCLE = b""


def data_file(relative):
    with open(os.path.join(SOURCE, relative), "rb") as file:
        return file.read()


def render_order(server, *fields, wait=60):
    reply = server.post(f"/api/render?wait={wait}", [("template", "order"), *fields], [("data", "data.json", ORDER)])
    check(reply.status in (200, 202), f"POST /api/render: {reply.status} {reply.body[:300]}")
    return server.finished(reply.json())


def problem_places(job):
    return [problem["place"] for problem in job.get("problems", [])]


# --- tests on one server with the defaults -------------------------------------------------


def test_page_and_fonts(server):
    reply = server.get("/")
    check(reply.status == 200 and reply.header("content-type").startswith("text/html"), "GET /: " + str(reply.status))
    page = reply.body.decode("utf-8")
    check('lang="ru"' in page and "Документы управления образования" in page, "the page is not the Russian page")
    check("default-src 'self'" in reply.header("content-security-policy"), "the page has no content security policy")
    for path, kind in (("/app.js", "text/javascript"), ("/style.css", "text/css"), ("/fonts/regular.ttf", "font/ttf"),
                       ("/fonts/bold-italic.ttf", "font/ttf")):
        reply = server.get(path)
        check(reply.status == 200 and reply.header("content-type").startswith(kind), f"GET {path}: {reply.status}")
    check(server.get("/fonts/../../etc/passwd").status == 404, "a path outside the page is answered")
    check(server.get("/nothing").status == 404, "an unknown page is answered")


def test_health_and_templates(server):
    health = server.get("/api/health").json()
    check(health["status"] == "ok" and health["slots"] == 2, "health: " + json.dumps(health))
    templates = server.get("/api/templates").json()
    names = [document["name"] for document in templates["documents"]]
    check(names[:5] == ["order", "plan", "monitoring-report", "municipal-reference", "school-reference"],
          "templates: " + str(names))
    school = next(document for document in templates["documents"] if document["name"] == "school-reference")
    check(school["title"] == "Аналитическая справка школы" and school["each"]["variable"] == "school",
          "the school reference is described as " + json.dumps(school, ensure_ascii=False))
    check(templates["cycle"]["check"] == "municipal-reference", "cycle: " + json.dumps(templates["cycle"]))
    check(templates["max_upload"] == 50 << 20 and templates["data_formats"] == ["json", "xlsx", "csv"], "limits: " + json.dumps(templates))


def test_wrong_methods(server):
    for method, path, allowed in (("POST", "/api/health", "GET"), ("DELETE", "/api/templates", "GET"),
                                  ("GET", "/api/render", "POST"), ("PUT", "/api/batch", "POST"),
                                  ("GET", "/api/check", "POST"), ("POST", "/", "GET"),
                                  ("PATCH", "/api/jobs/" + "0" * 32, "GET, DELETE")):
        reply = server.request(method, path)
        check(reply.status == 405, f"{method} {path}: {reply.status}, not 405")
        check(reply.header("allow") == allowed, f"{method} {path}: Allow is {reply.header('allow')!r}")
        check("error" in reply.json(), f"{method} {path}: no error message")
    check(server.get("/api/nothing").status == 404, "an unknown API path is answered")


def test_render_order(server):
    job = render_order(server, ("preview", "1"))
    check(job["state"] == "done", "the order was not made: " + json.dumps(job, ensure_ascii=False))
    check(job["message"] == "Документ готов.", "message: " + job["message"])
    files = {file["format"]: file for file in job["files"]}
    check(set(files) == {"pdf", "docx"}, "formats: " + str(set(files)))
    pdf = files["pdf"]
    check(pdf["name"] == "Приказ от 18.10.2022 № 859-ОД.pdf", "named " + pdf["name"])
    reply = server.get(pdf["url"])
    check(reply.status == 200 and reply.header("content-type") == "application/pdf", f"PDF: {reply.status}")
    check(int(reply.header("content-length")) == len(reply.body) == pdf["bytes"], "the PDF's length is not the job's")
    check(hashlib.sha256(reply.body).hexdigest() == pdf["sha256"], "the PDF's SHA-256 is not the job's")
    check(reply.body.startswith(b"%PDF-") and reply.body.rstrip().endswith(b"%%EOF"), "the PDF is not whole")
    check("filename*=UTF-8''%D0%9F%D1%80%D0%B8%D0%BA%D0%B0%D0%B7" in reply.header("content-disposition"),
          "Content-Disposition: " + reply.header("content-disposition"))
    # The same bytes as the command line makes.
    out = os.path.join(server.scratch, "cli.pdf")
    subprocess.run([DOCGEN, "render", os.path.join(SOURCE, "templates/order.xml"),
                    os.path.join(SOURCE, "examples/order-859/data.json"), "-o", out], check=True)
    with open(out, "rb") as file:
        check(file.read() == reply.body, "the API's PDF differs from docgen render's")
    os.remove(out)
    check(len(job["pages"]) == pdf["pages"] > 1, "previews: %d of %d pages" % (len(job["pages"]), pdf["pages"]))
    reply = server.get(job["pages"][0]["url"])
    check(reply.status == 200 and reply.header("content-type").startswith("image/svg+xml"), f"SVG: {reply.status}")
    svg = ElementTree.fromstring(reply.body)
    text = "".join(svg.itertext())
    check(svg.tag.endswith("svg") and "П Р И К А З" in text and "859-ОД" in text, "the first preview is not the order's")
    check(server.get(job["url"] + "/pages/0").status == 404, "page 0 is answered")
    check(server.get(job["url"] + "/pages/%d" % (pdf["pages"] + 1)).status == 404, "a page past the last is answered")
    check(server.get(job["url"] + "/files/zip").status == 404, "a file the job did not make is answered")
    check(server.get(job["url"] + "/files/..%2F..%2Fetc%2Fpasswd").status == 404, "a path is taken for a file")
    # Once both files are downloaded whole, the job goes within a minute.
    check(job["expires_in"] > 3000, "a new job expires in %d s" % job["expires_in"])
    server.get(files["docx"]["url"])
    job = server.get(job["url"]).json()
    check(job["expires_in"] <= 60, "downloaded, the job still expires in %d s" % job["expires_in"])


def test_render_raw_body(server):
    reply = server.request("POST", "/api/render?template=order&formats=txt&wait=60&name=order.json", body=ORDER,
                           headers={"Content-Type": "application/json"})
    job = server.finished(reply.json())
    check(job["state"] == "done" and [f["format"] for f in job["files"]] == ["txt"], json.dumps(job, ensure_ascii=False))
    text = server.get(job["files"][0]["url"]).body.decode("utf-8")
    check("П Р И К А З" in text and "Об утверждении плана мероприятий" in text, "the text: " + text[:200])


def test_school_reference(server):
    fields = [("template", "school-reference"), ("formats", "pdf"), ("wait", "60")]
    reply = server.post("/api/render", fields, [("data", "smolensk.json", CYCLE)])
    check(reply.status == 400 and "Школа" in reply.json()["error"], f"no element: {reply.status} {reply.body[:300]}")
    job = server.finished(server.post("/api/render", fields + [("element", "67101")],
                                      [("data", "smolensk.json", CYCLE)]).json())
    check(job["state"] == "done", json.dumps(job, ensure_ascii=False)[:500])
    check(job["files"][0]["name"].startswith("МБОУ «Гимназия № 1» города Смоленска"), job["files"][0]["name"])
    job = server.finished(server.post("/api/render", fields + [("let", "school=schools | find('id', '67101')")],
                                      [("data", "smolensk.json", CYCLE)]).json())
    check(job["state"] == "done", "with let: " + json.dumps(job, ensure_ascii=False)[:500])
    job = server.finished(server.post("/api/render", fields + [("element", "nope")],
                                      [("data", "smolensk.json", CYCLE)]).json())
    check(job["state"] == "failed" and 'no element has the id "nope"' in job["error"], json.dumps(job, ensure_ascii=False))
    reply = server.post("/api/render", [("template", "order"), ("element", "x")], [("data", "d.json", ORDER)])
    check(reply.status == 400, "an element for the order: %d" % reply.status)
    reply = server.post("/api/render", [("template", "order"), ("let", "no equals")], [("data", "d.json", ORDER)])
    check(reply.status == 400, "a malformed let: %d" % reply.status)


def test_check(server):
    reply = server.post("/api/check?wait=60", [("template", "school-reference")], [("data", "smolensk.json", CYCLE)])
    job = server.finished(reply.json())
    check(job["state"] == "done" and job["message"] == "Ошибок в данных нет.", json.dumps(job, ensure_ascii=False)[:300])
    check(len(job["elements"]) == 342, "%d schools listed" % len(job["elements"]))
    first = job["elements"][0]
    check(first == {"id": "67101", "name": "МБОУ «Гимназия № 1» города Смоленска", "group": "город Смоленск"},
          "the first school: " + json.dumps(first, ensure_ascii=False))
    check(len(job["notes"]) >= 1 and "schools[" in job["notes"][0], "notes: " + str(job.get("notes")))
    check("files" not in job, "a check made files")

    broken = json.loads(CYCLE)
    broken["schools"][1]["pupils"] = 0
    del broken["schools"][2]["isbs"]
    broken["region"]["genitive"] = 5
    broken["extra"] = 1
    reply = server.post("/api/check?wait=60", [("template", "monitoring-report")],
                        [("data", "broken.json", json.dumps(broken).encode())])
    job = server.finished(reply.json())
    check(job["state"] == "failed", "broken data passed the check")
    check(job["error"].startswith("broken.json: the data does not follow"), "error: " + job["error"])
    check(problem_places(job) == ["region.genitive", "schools[1].pupils", "schools[2].isbs", ""],
          "places: " + str(problem_places(job)))
    check(job["problems"][1]["message"].endswith("pupils must be at least 1"), json.dumps(job["problems"][1], ensure_ascii=False))

    # A workbook: read as the command line reads it; a broken cell is named by sheet, row and column.
    workbook = open(os.path.join(SOURCE, "tests", "fuzz", "corpus", "spreadsheet", "glinka.xlsx"), "rb").read()
    job = server.finished(server.post("/api/check?wait=60", [("template", "municipal-reference")],
                                      [("data", "глинка.xlsx", workbook)]).json())
    check(job["state"] == "done" and len(job["elements"]) >= 1, "the workbook: " + json.dumps(job, ensure_ascii=False)[:300])

    # What binding finds: a key the order's template needs.
    order = json.loads(ORDER)
    del order["order"]["title"]
    job = server.finished(server.post("/api/check?wait=60", [("template", "order")],
                                      [("data", "order.json", json.dumps(order).encode())]).json())
    check(problem_places(job) == ["order.title"], "binding: " + json.dumps(job, ensure_ascii=False))
    check(job["problems"][0]["message"].startswith("order.xml:"), "the template is named by its path: " + job["error"])


def test_malformed_data(server):
    cases = [
        ("data.json", b'{\n  "order": {\n    "title": "x",,\n  }\n}\n', ["data.json:3:18"], "JSON syntax error"),
        ("empty.json", b"   ", ["empty.json:1:4"], "JSON syntax error"),
        ("table.xlsx", b"PK\x03\x04", ["table.xlsx"], "книгу не удается прочитать"),
        ("table.ods", b"PK\x03\x04", ["table.ods"], 'data in the format "ods" is not read'),
        ("noname", b"\x00\x01", ["noname"], "the format of the data is not known"),
    ]
    for name, content, places, says in cases:
        reply = server.post("/api/render?wait=60", [("template", "order")], [("data", name, content)])
        job = server.finished(reply.json())
        check(job["state"] == "failed", f"{name} was made")
        check(says in job["error"] and problem_places(job) == places,
              f"{name}: {job['error']} at {problem_places(job)}")
    # Bytes that are not UTF-8, in the file's name and in its content, are shown replaced.
    reply = server.post("/api/check?wait=60", [("template", "order")], [("data", "bad\udcff.json", b'{"order": "\xff"}')])
    job = server.finished(reply.json())
    check(job["state"] == "failed" and job["problems"][0]["place"] == "bad\ufffd.json:1:12",
          "not UTF-8: " + json.dumps(job, ensure_ascii=False))
    reply = server.post("/api/render", [("template", "order")], [("data", "data.json", b"")])
    check(reply.status == 400, "an empty upload: %d" % reply.status)
    reply = server.post("/api/render", [("template", "order")])
    check(reply.status == 400 and "data" in reply.json()["error"], "no data: %d" % reply.status)
    body, content_type = multipart([("template", "order")], [("data", "d.json", ORDER)])
    for broken in (body[:len(body) // 2], body.replace(b'name="template"', b'nam="template"'), b"garbage"):
        reply = server.request("POST", "/api/render", body=broken, headers={"Content-Type": content_type})
        check(reply.status == 400 and "multipart" in reply.json()["error"], f"a broken multipart body: {reply.status}")
    reply = server.request("POST", "/api/render", body=body, headers={"Content-Type": "multipart/form-data"})
    check(reply.status == 400, "multipart without a boundary: %d" % reply.status)
    reply = server.post("/api/render?wait=forever", [("template", "order")], [("data", "d.json", ORDER)])
    check(reply.status == 400, "wait=forever: %d" % reply.status)
    reply = server.post("/api/render", [("template", "order"), ("formats", "pdf,odt")], [("data", "d.json", ORDER)])
    check(reply.status == 400 and "odt" in reply.json()["error"], "format odt: %d" % reply.status)
    reply = server.post("/api/render", [("template", "order"), ("formats", "docx"), ("preview", "1")],
                        [("data", "d.json", ORDER)])
    check(reply.status == 400, "previews without a PDF: %d" % reply.status)
    check(render_order(server)["state"] == "done", "the server stopped making documents")


def test_unknown_templates(server):
    for name in ("nothing", "../../etc/passwd", "library/analytic", ".hidden", "order/../order", "x" * 300):
        reply = server.post("/api/render", [("template", name)], [("data", "d.json", ORDER)])
        check(reply.status == 400 and "Нет шаблона" in reply.json()["error"], f"template {name!r}: {reply.status}")
    reply = server.post("/api/render", [], [("data", "d.json", ORDER)])
    check(reply.status == 400 and "template" in reply.json()["error"], "no template: %d" % reply.status)
    job = server.finished(server.post("/api/render?wait=60", [("template", "order.xml")], [("data", "d.json", ORDER)]).json())
    check(job["state"] == "done", "order.xml is not the order")


def test_rules_upload(server):
    rules = json.loads(data_file("rules/concept-2022.json"))
    rules["low_result_share"] = 101
    job = server.finished(server.post("/api/check?wait=60", [("template", "monitoring-report")],
                                      [("data", "smolensk.json", CYCLE),
                                       ("rules", "my-rules.json", json.dumps(rules).encode())]).json())
    check(job["state"] == "failed" and job["error"].startswith("my-rules.json"), "bad rules: " + json.dumps(job, ensure_ascii=False)[:400])
    job = server.finished(server.post("/api/check?wait=60", [("template", "order")],
                                      [("data", "d.json", ORDER), ("rules", "r.json", data_file("rules/concept-2022.json"))]).json())
    check(job["state"] == "failed" and "does not take cluster results" in job["error"], "rules for the order: " + job.get("error", ""))


def test_cycle_and_cancel(server):
    reply = server.post("/api/batch", [("only", "glinka")], [("data", "smolensk.json", CYCLE)])
    check(reply.status == 202 and reply.header("location") == reply.json()["url"], f"POST /api/batch: {reply.status}")
    job = server.finished(reply.json())
    check(job["state"] == "done" and job["progress"]["done"] == job["progress"]["total"] == 5, json.dumps(job, ensure_ascii=False)[:400])
    check(job["summary"]["written"] == 10 and job["files"][0]["name"] == "Мониторинг 2022.zip", json.dumps(job["summary"]))
    archive = server.get(job["files"][0]["url"])
    check(archive.header("content-type") == "application/zip" and hashlib.sha256(archive.body).hexdigest() == job["files"][0]["sha256"],
          "the ZIP is not the job's")
    reply = server.post("/api/batch", [("only", "nowhere")], [("data", "smolensk.json", CYCLE)])
    job = server.finished(reply.json())
    check(job["state"] == "failed" and "--only nowhere" in job["error"], "only nowhere: " + json.dumps(job, ensure_ascii=False))

    job = server.post("/api/batch", [], [("data", "smolensk.json", CYCLE)]).json()
    deadline = time.time() + 60
    while job["state"] == "queued" or job.get("progress", {}).get("done", 0) == 0:
        check(time.time() < deadline, "the cycle did not start")
        time.sleep(0.05)
        job = server.get(job["url"]).json()
    workers = set(server.children())
    while len(workers) < 2 and time.time() < deadline:  # a worker that ended after a cycle is being replaced
        time.sleep(0.02)
        workers = set(server.children())
    check(len(workers) == 2, "2 slots have %d workers" % len(workers))
    reply = server.request("DELETE", job["url"])
    check(reply.status == 200 and reply.json()["state"] == "cancelled", f"DELETE: {reply.status} {reply.body[:200]}")
    check(len(workers - set(server.children())) == 1, "the cancelled job's worker was not stopped")
    check(server.get(job["url"] + "/files/zip").status == 404, "a cancelled job has files")
    done = render_order(server)
    deadline = time.time() + 10
    while len(server.children()) < 2 and time.time() < deadline:
        time.sleep(0.02)
    check(len(server.children()) == 2, "the stopped worker was not replaced")
    check(server.request("DELETE", done["url"]).status == 200, "a finished job cannot be removed")
    check(server.get(done["url"]).status == 404 and server.get(done["files"][0]["url"]).status == 404,
          "a removed job is still answered")
    check(server.request("DELETE", done["url"]).status == 404, "a job is removed twice")
    check(server.get("/api/jobs/not-an-id").status == 404, "a malformed id is answered")


def test_crashing_job(server):
    """Workers that die (as a crash in the pipeline would kill one) fail the
    job they were making alone; the server replaces them and goes on."""
    job = server.post("/api/batch", [], [("data", "smolensk.json", CYCLE)]).json()
    # Killed only once a worker has taken the job and started it: a job not
    # yet taken goes to a new worker when its worker dies (below).
    deadline = time.time() + 60
    while server.get(job["url"]).json().get("progress", {}).get("total", 0) == 0:
        check(time.time() < deadline, "the cycle did not start")
        time.sleep(0.02)
    for pid in server.children():
        os.kill(pid, signal.SIGSEGV)
    job = server.finished(job)
    check(job["state"] == "failed" and "сигналом 11" in job["error"], "crash: " + json.dumps(job, ensure_ascii=False))
    check(render_order(server)["state"] == "done", "the server does not make documents after a crash")
    # A worker killed while it waits may still be there when the next job is
    # given to it (a signal takes a while to end a process): here the workers
    # are stopped while the jobs are sent, then killed; each job, not taken,
    # goes to a new worker. (One that died before is found when its slot gets a job.)
    def alive(pid):
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    deadline = time.time() + 10
    while not [pid for pid in server.children() if alive(pid)]:
        check(time.time() < deadline, "the crashed workers were not replaced")
        time.sleep(0.02)
    waiting = [pid for pid in server.children() if alive(pid)]
    for pid in waiting:
        os.kill(pid, signal.SIGSTOP)
    replies = [server.post("/api/render?wait=0", [("template", "order")], [("data", "data.json", ORDER)])
               for _ in range(2)]
    check(all(reply.status in (200, 202) for reply in replies), "POST /api/render: %s" % [r.status for r in replies])
    time.sleep(0.5)
    for pid in waiting:
        os.kill(pid, signal.SIGKILL)
    for reply in replies:
        job = server.finished(reply.json())
        check(job["state"] == "done", "a job given to a killed worker: " + json.dumps(job, ensure_ascii=False)[:300])


def documented_exchanges():
    """The `$ curl …` commands of docs/serve.md, each group with the block
    that follows it (what the last command prints): (line, commands, kind, text)."""
    with open(os.path.join(SOURCE, "docs", "serve.md"), encoding="utf-8") as file:
        markdown = file.read()
    blocks = [(markdown.count("\n", 0, match.start()) + 1, match.group(1), match.group(2), match.end())
              for match in re.finditer(r"^```(\w*)\n(.*?)^```$", markdown, re.S | re.M)]
    exchanges = []
    for i, (line, kind, body, end) in enumerate(blocks):
        if kind != "sh" or not body.startswith("$ curl"):
            continue
        commands = []
        for text in body.splitlines():
            if text.startswith("$ "):
                commands.append(text[2:])
            else:
                commands[-1] += "\n" + text
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        # The answer is the block right after, with nothing but blank lines between.
        if following and following[1] in ("json", "text") and not markdown[end:markdown.find("```", end)].strip():
            exchanges.append((line, commands, following[1], following[2]))
        else:
            exchanges.append((line, commands, None, None))
    return exchanges


SHAPES = {"id": r"[0-9a-f]{32}", "sha256": r"[0-9a-f]{64}"}
MEASURES = ("bytes", "pages", "expires_in")  # sizes and counts that other changes to the documents move


def same_answer(documented, actual, where):
    """The documented answer against the actual: the same keys; ids and checksums of their
    shape, sizes and counts positive, figures in messages any; "…" ends a list that goes on."""
    key = where.rsplit(".", 1)[-1]
    if isinstance(documented, dict):
        check(isinstance(actual, dict) and set(documented) == set(actual),
              f"{where}: keys {sorted(actual) if isinstance(actual, dict) else actual} are not {sorted(documented)}")
        for name in documented:
            same_answer(documented[name], actual[name], f"{where}.{name}")
    elif isinstance(documented, list):
        check(isinstance(actual, list), f"{where}: not a list")
        if documented and documented[-1] == "…":
            documented = documented[:-1]
            check(len(actual) >= len(documented), f"{where}: {len(actual)} items, fewer than documented")
            actual = actual[:len(documented)]
        check(len(actual) == len(documented), f"{where}: {len(actual)} items, documented {len(documented)}")
        for index, (expected, got) in enumerate(zip(documented, actual)):
            same_answer(expected, got, f"{where}[{index}]")
    elif key in SHAPES and re.fullmatch(SHAPES[key], str(documented)):
        check(re.fullmatch(SHAPES[key], str(actual)), f"{where}: {actual!r} is not of the shape of {documented!r}")
    elif key == "url":
        check(re.sub(r"[0-9a-f]{32}", "ID", documented) == re.sub(r"[0-9a-f]{32}", "ID", actual), f"{where}: {actual}")
    elif key in MEASURES and isinstance(documented, int):
        check(isinstance(actual, int) and actual > 0, f"{where}: {actual!r}")
    elif key == "message":
        check(re.sub(r"\d+", "N", documented) == re.sub(r"\d+", "N", actual), f"{where}: {actual!r}")
    else:
        check(documented == actual, f"{where}: {actual!r}, documented {documented!r}")


def test_documented_examples(server):
    exchanges = documented_exchanges()
    check(len(exchanges) >= 8, "docs/serve.md has %d curl exchanges" % len(exchanges))
    folder = tempfile.mkdtemp(prefix="docgen-docs-")
    os.symlink(os.path.join(SOURCE, "examples"), os.path.join(folder, "examples"))
    job = ""
    try:
        for line, commands, kind, text in exchanges:
            output = ""
            for command in commands:
                command = command.replace("http://127.0.0.1:8080", f"http://127.0.0.1:{server.port}")
                result = subprocess.run(["bash", "-c", command], cwd=folder, capture_output=True, text=True,
                                        env=dict(os.environ, JOB=job), timeout=120)
                check(result.returncode == 0, f"docs/serve.md:{line}: {command} failed: {result.stderr}")
                output = result.stdout
            if kind == "json":
                answer = json.loads(output)
                same_answer(json.loads(text), answer, f"docs/serve.md:{line}")
                job = answer.get("id", job)
            elif kind == "text":
                check(output.rstrip("\n") == text.rstrip("\n"), f"docs/serve.md:{line}: printed {output!r}, documented {text!r}")
    finally:
        shutil.rmtree(folder)


# --- tests with servers of their own -------------------------------------------------------


def test_queue_beyond_jobs():
    server = Server(DOCGEN, "--jobs", "1", "--queue", "3")
    try:
        cycle = server.post("/api/batch", [], [("data", "smolensk.json", CYCLE)]).json()
        check(cycle["state"] in ("queued", "running"), "cycle: " + cycle["state"])
        waiting = [server.post("/api/render", [("template", "order")], [("data", "d.json", ORDER)]).json()
                   for _ in range(3)]
        check([job["state"] for job in waiting] == ["queued"] * 3, "behind a cycle: " + str([j["state"] for j in waiting]))
        check([job["position"] for job in waiting] == [1, 2, 3] if cycle["state"] == "running" else True,
              "positions: " + str([job.get("position") for job in waiting]))
        check("Одновременно делается не более 1 документа" in waiting[2]["message"], waiting[2]["message"])
        reply = server.post("/api/render", [("template", "order")], [("data", "d.json", ORDER)])
        check(reply.status == 503 and "Очередь заполнена" in reply.json()["error"], f"a full queue: {reply.status}")
        health = server.get("/api/health").json()
        check(health["running"] == 1 and health["queued"] == 3, "health: " + json.dumps(health))
        # A queued job cancelled leaves its place to the next.
        check(server.request("DELETE", waiting[0]["url"]).json()["state"] == "cancelled", "a queued job not cancelled")
        check(server.get(waiting[2]["url"]).json()["position"] == 2, "the queue did not move up")
        for job in [cycle] + waiting[1:]:
            job = server.finished(job)
            check(job["state"] == "done", "a queued job: " + json.dumps(job, ensure_ascii=False)[:300])
    finally:
        code, err, left = server.stop()
    check(code == 0 and not left, f"stopped with {code}, left {left}: {err}")


def test_upload_limit():
    server = Server(DOCGEN, "--max-upload", "1")
    try:
        big = b'{"order": "' + b"x" * (1 << 20) + b'"}'
        reply = server.post("/api/render", [("template", "order")], [("data", "big.json", big)])
        check(reply.status == 413 and "не более 1 МБ" in reply.json()["error"], f"2 MB with a limit of 1: {reply.status}")
        # With Expect: 100-continue the answer comes before the body is sent.
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
            raw.sendall(b"POST /api/render HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        b"Content-Length: 5000000\r\nExpect: 100-continue\r\n\r\n")
            answer = raw.recv(4096).decode("utf-8", "replace")
        check(answer.startswith("HTTP/1.1 413"), "Expect: 100-continue: " + answer[:80])
        # Chunked, with no length told in advance.
        connection = server.connection()
        connection.putrequest("POST", "/api/render?template=order")
        connection.putheader("Transfer-Encoding", "chunked")
        connection.putheader("Content-Type", "application/json")
        connection.endheaders()
        try:
            for _ in range(40):
                chunk = b"x" * 65536
                connection.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            connection.send(b"0\r\n\r\n")
        except OSError:
            pass
        status = connection.getresponse().status
        check(status == 413, "a chunked upload over the limit: %d" % status)
        check(server.get("/api/health").status == 200, "the server does not answer after refusing uploads")
        check(render_order(server)["state"] == "done", "a small upload is refused")
    finally:
        code, err, left = server.stop()
    check(code == 0 and not left, f"stopped with {code}, left {left}")


def test_token_and_hosts():
    result = subprocess.run([DOCGEN, "serve", "--bind", "0.0.0.0", "--port", "0"], capture_output=True, text=True, timeout=30)
    check(result.returncode == 2 and "--token" in result.stderr, "bind 0.0.0.0 without a token: " + result.stderr)
    result = subprocess.run([DOCGEN, "serve", "--token", "short"], capture_output=True, text=True, timeout=30)
    check(result.returncode == 2 and "16 characters" in result.stderr, "a short token: " + result.stderr)
    result = subprocess.run([DOCGEN, "serve", "--port", "70000"], capture_output=True, text=True, timeout=30)
    check(result.returncode == 2, "port 70000: %d" % result.returncode)
    result = subprocess.run([DOCGEN, "serve", "--port", "0", "--templates", "/nonexistent"], capture_output=True,
                            text=True, timeout=30)
    check(result.returncode == 1 and "/nonexistent: no such templates folder" in result.stderr,
          "no templates: " + result.stderr)

    server = Server(DOCGEN)
    try:
        result = subprocess.run([DOCGEN, "serve", "--port", str(server.port)], capture_output=True, text=True, timeout=30)
        check(result.returncode == 1 and "cannot listen" in result.stderr, "a port taken: " + result.stderr)
        check(server.get("/api/health", headers={"Host": "evil.example:%d" % server.port}).status == 403,
              "another site's name is answered without a token")
        check(server.get("/api/health", headers={"Host": "localhost:%d" % server.port}).status == 200, "localhost is refused")
    finally:
        server.stop()

    token = "a-token-of-the-department-0123456789"
    server = Server(DOCGEN, "--token", token)
    try:
        reply = server.get("/api/health")
        check(reply.status == 401 and "ключ доступа" in reply.json()["error"], "no token: %d" % reply.status)
        check(server.get("/api/health", headers={"Authorization": "Bearer wrong-token-wrong-token"}).status == 401,
              "a wrong token is taken")
        check(server.get("/api/health", headers={"Authorization": "Bearer " + token}).status == 200, "the token is refused")
        check(server.get("/").status == 200, "the page needs the token")
        reply = server.get("/?token=" + token)
        cookie = reply.header("set-cookie")
        check(reply.status == 303 and reply.header("location") == "/" and "HttpOnly" in cookie and "SameSite=Strict" in cookie,
              f"the page's link with the token: {reply.status} {cookie}")
        check(server.get("/api/templates", headers={"Cookie": cookie.split(";")[0]}).status == 200, "the cookie is refused")
        check(not server.get("/?token=wrong").header("set-cookie"), "a wrong token gets a cookie")
        check(server.get("/api/health", headers={"Host": "docgen.example:80", "Authorization": "Bearer " + token}).status == 200,
              "with a token, another host name is refused")
    finally:
        server.stop()


def test_stop_removes_everything():
    server = Server(DOCGEN)
    job = render_order(server)
    check(job["state"] == "done", "not made")
    running = server.post("/api/batch", [], [("data", "smolensk.json", CYCLE)]).json()
    check(running["state"] in ("queued", "running"), "the cycle: " + running["state"])
    # A request waiting for the cycle does not hold the server up.
    def wait_for_the_cycle():
        try:
            server.get(running["url"] + "?wait=60")
        except OSError:
            pass  # answered or cut off by the stop: either way, not held up

    waiting = threading.Thread(target=wait_for_the_cycle)
    waiting.start()
    time.sleep(0.2)
    started = time.time()
    code, err, left = server.stop()
    waiting.join()
    check(time.time() - started < 10, "stopping took %.1f s" % (time.time() - started))
    check(code == 0 and "stopped" in err, f"the server stopped with {code}: {err}")
    check(not left, "the server left " + str(left))


SHARED = [test_page_and_fonts, test_health_and_templates, test_wrong_methods, test_render_order, test_render_raw_body,
          test_school_reference, test_check, test_malformed_data, test_unknown_templates, test_rules_upload,
          test_cycle_and_cancel, test_crashing_job, test_documented_examples]
OWN = [test_queue_beyond_jobs, test_upload_limit, test_token_and_hosts, test_stop_removes_everything]


def main():
    global DOCGEN, SOURCE, ORDER, CYCLE
    DOCGEN, SOURCE = sys.argv[1], sys.argv[2]
    wanted = set(sys.argv[3:])
    ORDER = data_file("examples/order-859/data.json")
    CYCLE = data_file("examples/smolensk-2022/data.json")
    failed = []

    def run(test, *arguments):
        if wanted and test.__name__ not in wanted:
            return
        started = time.time()
        try:
            test(*arguments)
            print(f"ok   {test.__name__} ({time.time() - started:.1f} s)")
        except Exception:
            failed.append(test.__name__)
            print(f"FAIL {test.__name__}")
            traceback.print_exc()

    server = Server(DOCGEN, "--jobs", "2")
    try:
        for test in SHARED:
            run(test, server)
    finally:
        code, err, left = server.stop()
        if code != 0 or left:
            failed.append("the shared server")
            print(f"FAIL the shared server stopped with {code} and left {left}: {err}")
    for test in OWN:
        run(test)
    print(f"{len(failed)} failed" if failed else "all passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
