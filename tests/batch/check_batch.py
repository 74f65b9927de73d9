#!/usr/bin/python3
"""Tests of `docgen batch` and `docgen merge-manifests` over the small fixture
beside this script: batch.json renders a regional summary once, a reference
for each of 3 municipalities (pdf, docx, txt) and for each of 13 schools (pdf,
txt), 37 files in all. Among the schools are hostile names: "../x" and "x" in
the same municipality, "a/b", "CON", two of 319 characters that differ only
after the 200th byte, two equal names, "../../../Школа за пределами".

Every test copies the fixture into a temporary directory of its own and runs
the docgen binary there.

Usage: check_batch.py DOCGEN_BINARY [TEST_NAME ...]
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

DOCGEN = None  # the binary, from the command line
FIXTURE = os.path.dirname(os.path.abspath(__file__))
FIXTURE_FILES = ["batch.json", "data.json", "report.xml", "municipality.xml", "school.xml"]
DOCS = os.path.normpath(os.path.join(FIXTURE, "..", "..", "docs", "batch.md"))  # its example runs on this fixture

with open(os.path.join(FIXTURE, "data.json"), encoding="utf-8") as _file:
    DATA = json.load(_file)
SCHOOLS = len(DATA["schools"])
MUNICIPALITIES = len(DATA["municipalities"])
ALL_FILES = 1 * 2 + MUNICIPALITIES * 3 + SCHOOLS * 2  # report: pdf, txt; municipality: pdf, docx, txt; school: pdf, txt
SUMMARY = re.compile(r"^written (\d+), failed (\d+), skipped (\d+), pages (\d+), [0-9.]+ s; (.+)$", re.M)


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Batch:
    """The fixture copied into a temporary directory, and docgen run on it."""

    def __init__(self, root):
        self.root = root
        self.dir = os.path.join(root, "fixture")
        os.mkdir(self.dir)
        for name in FIXTURE_FILES:
            shutil.copy(os.path.join(FIXTURE, name), self.dir)
        self.file = os.path.join(self.dir, "batch.json")
        self.out = os.path.join(self.dir, "out")  # the batch file's "output"

    def edit_data(self, change):
        path = os.path.join(self.dir, "data.json")
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
        change(data)
        with open(path, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False)

    def docgen(self, *args, status=0):
        """Runs docgen ARGS; checks the exit status; returns stderr."""
        result = subprocess.run([DOCGEN, *args], cwd=self.root, capture_output=True, text=True, timeout=60)
        check(result.returncode == status,
              f"docgen {' '.join(args)}: exit status {result.returncode}, expected {status}\n{result.stderr}")
        return result.stderr

    def run(self, *args, status=0, out=None):
        """Runs `docgen batch` on the fixture; checks the exit status, that the
        summary line is there and that no temporary file was left behind;
        returns (summary as a dict, the messages)."""
        if out:
            args = ("--output", out, *args)
        messages = self.docgen("batch", self.file, *args, status=status)
        found = SUMMARY.findall(messages)
        check(len(found) == 1, f"expected one summary line, got:\n{messages}")
        written, failed, skipped, pages, manifest = found[0]
        no_temporaries(out or self.out)
        return {"written": int(written), "failed": int(failed), "skipped": int(skipped), "pages": int(pages),
                "manifest": manifest}, messages


def sha256(path):
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def files_in(folder):
    """Every file under FOLDER but the manifests: relative path -> SHA-256."""
    found = {}
    for parent, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(parent, name)
            relative = os.path.relpath(path, folder)
            if not re.fullmatch(r"manifest(\.shard-\d+-of-\d+)?\.json", relative):
                found[relative] = sha256(path)
    return found


def no_temporaries(folder):
    for parent, _, names in os.walk(folder):
        for name in names:
            check(not name.startswith(".") and ".tmp" not in name,
                  f"a temporary file is left in the output folder: {os.path.join(parent, name)}")


def manifest(folder, name="manifest.json"):
    with open(os.path.join(folder, name), encoding="utf-8") as file:
        return json.load(file)


def outputs(folder, name="manifest.json"):
    """The manifest's outputs as a set of canonical JSON strings, without the files'
    modification times (which differ between any two folders)."""
    return {json.dumps({k: v for k, v in entry.items() if k != "modified"}, sort_keys=True, ensure_ascii=False)
            for entry in manifest(folder, name)["outputs"]}


def mtime_text(path):
    """A file's modification time as the manifest records it."""
    ns = os.stat(path).st_mtime_ns
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ns // 10**9)) + f".{ns % 10**9:09d}Z"


def check_manifest_matches_files(folder, name="manifest.json"):
    """The manifest lists every file of the folder once, with its true size and hash."""
    entries = manifest(folder, name)["outputs"]
    paths = [entry["path"] for entry in entries]
    check(len(paths) == len(set(paths)), f"{name} lists a path twice: {sorted(paths)}")
    on_disk = files_in(folder)
    check(set(paths) == set(on_disk),
          f"{name} and the folder differ: only in the manifest {sorted(set(paths) - set(on_disk))}, "
          f"only on disk {sorted(set(on_disk) - set(paths))}")
    for entry in entries:
        path = os.path.join(folder, entry["path"])
        check(entry["sha256"] == on_disk[entry["path"]], f"{entry['path']}: the manifest's sha256 is not the file's")
        check(entry["bytes"] == os.path.getsize(path), f"{entry['path']}: the manifest's bytes are not the file's")
        check(entry["path"].endswith("." + entry["format"]), f"{entry['path']}: format {entry['format']}")
        if entry["format"] == "pdf":
            check(isinstance(entry["pages"], int) and entry["pages"] >= 1, f"{entry['path']}: pages {entry['pages']}")
    return entries


def school_text(folder, entries, school_id):
    """The plain text of a school's reference, found through the manifest."""
    paths = [e["path"] for e in entries
             if e["job"] == "school" and e["format"] == "txt" and e["element"]["id"] == school_id]
    check(len(paths) == 1, f"school {school_id}: {len(paths)} txt outputs in the manifest")
    with open(os.path.join(folder, paths[0]), encoding="utf-8") as file:
        return file.read()


def stat_of(folder):
    """relative path -> (inode, mtime): what changes when a file is written again."""
    return {path: (os.stat(os.path.join(folder, path)).st_ino, os.stat(os.path.join(folder, path)).st_mtime_ns)
            for path in files_in(folder)}


# ---------------------------------------------------------------------------
# The tests. Each takes a Batch in a temporary directory of its own.


def test_manifest_lists_every_output_with_its_hash(b):
    summary, messages = b.run("-j", "2")
    check(summary["written"] == ALL_FILES and summary["failed"] == 0 and summary["skipped"] == 0,
          f"summary {summary}, expected written {ALL_FILES}, failed 0, skipped 0")
    check(summary["manifest"] == os.path.join(b.out, "manifest.json"), f"summary names {summary['manifest']}")
    check("failed:" not in messages, f"a failure reported:\n{messages}")
    entries = check_manifest_matches_files(b.out)
    check(len(entries) == ALL_FILES, f"{len(entries)} outputs in the manifest, expected {ALL_FILES}")
    # Every document has its formats, once.
    documents = {}
    for entry in entries:
        key = (entry["job"], None if entry["element"] is None else entry["element"]["index"])
        documents.setdefault(key, []).append(entry["format"])
    expected = {("report", None): ["pdf", "txt"]}
    expected.update({("municipality", i): ["pdf", "docx", "txt"] for i in range(MUNICIPALITIES)})
    expected.update({("school", i): ["pdf", "txt"] for i in range(SCHOOLS)})
    check({k: sorted(v) for k, v in documents.items()} == {k: sorted(v) for k, v in expected.items()},
          f"documents and formats in the manifest: {documents}")
    # The elements are described, and each file is its own school's.
    for i, school in enumerate(DATA["schools"]):
        element = next(e["element"] for e in entries if e["job"] == "school" and e["element"]["index"] == i)
        check(element == {"index": i, "id": school["id"], "name": school["name"]}, f"element {element}")
        check(f"(код {school['id']})" in school_text(b.out, entries, school["id"]),
              f"the text of school {school['id']} does not name it")
    check(summary["pages"] == sum(e["pages"] for e in entries if e["format"] == "pdf"),
          f"summary pages {summary['pages']}")


def test_second_run_skips_everything(b):
    b.run()
    before, listed = stat_of(b.out), outputs(b.out)
    time.sleep(0.01)  # a file written again would have a later mtime
    summary, _ = b.run()
    check(summary["written"] == 0 and summary["failed"] == 0 and summary["skipped"] == ALL_FILES,
          f"second run: {summary}, expected written 0, skipped {ALL_FILES}")
    check(stat_of(b.out) == before, "the second run touched files")
    check(outputs(b.out) == listed, "the second run changed the manifest's outputs")


def test_unchanged_files_are_known_by_size_and_time(b):
    b.run()
    entries = manifest(b.out)["outputs"]
    for entry in entries:
        check(entry["modified"] == mtime_text(os.path.join(b.out, entry["path"])),
              f"{entry['path']}: the manifest's modified is not the file's")
    # A file touched but unchanged is hashed, kept, and its new time recorded.
    touched = os.path.join(b.out, entries[0]["path"])
    os.utime(touched, ns=(os.stat(touched).st_atime_ns, os.stat(touched).st_mtime_ns + 10**9))
    summary, _ = b.run()
    check(summary["written"] == 0 and summary["skipped"] == ALL_FILES, f"after touching a file: {summary}")
    check(manifest(b.out)["outputs"][0]["modified"] == mtime_text(touched), "the new time was not recorded")
    # A file changed without changing its size has a new time: it is made again.
    with open(touched, "r+b") as file:
        first = file.read(1)
        file.seek(0)
        file.write(bytes([first[0] ^ 1]))
    summary, _ = b.run()
    check(summary["written"] == 1 and summary["skipped"] == ALL_FILES - 1, f"after changing a byte: {summary}")
    check_manifest_matches_files(b.out)


def test_a_manifest_edited_by_hand_makes_its_entries_again(b):
    b.run()
    path = os.path.join(b.out, "manifest.json")
    with open(path, encoding="utf-8") as file:
        broken = json.load(file)
    del broken["outputs"][0]["pages"]
    broken["outputs"][1]["pages"] = 1e300
    broken["outputs"][2]["bytes"] = -5
    broken["outputs"][3] = ["not", "an", "entry"]
    with open(path, "w", encoding="utf-8") as file:
        json.dump(broken, file)
    summary, _ = b.run()
    check(summary["written"] == 4 and summary["skipped"] == ALL_FILES - 4 and summary["failed"] == 0,
          f"after editing four entries: {summary}")
    check_manifest_matches_files(b.out)
    with open(path, "w", encoding="utf-8") as file:
        file.write("[" * 100000)
    summary, _ = b.run()
    check(summary["written"] == ALL_FILES, f"after a manifest of 100 000 brackets: {summary}")


def test_a_linked_folder_inside_the_output_is_not_followed(b):
    elsewhere = os.path.join(b.root, "elsewhere")
    os.mkdir(elsewhere)
    b.run()
    # A municipality's folder replaced by a link to a folder outside the output.
    entries = manifest(b.out)["outputs"]
    folder = next(os.path.dirname(e["path"]) for e in entries if e["job"] == "school")
    shutil.rmtree(os.path.join(b.out, folder))
    os.symlink(elsewhere, os.path.join(b.out, folder))
    summary, messages = b.run("--force", status=1)
    check(os.listdir(elsewhere) == [], f"files were written through the link: {os.listdir(elsewhere)}")
    check(summary["failed"] > 0 and "is a symbolic link: docgen writes only inside the output folder" in messages,
          f"{summary}\n{messages}")


def test_a_manifest_that_cannot_be_written_still_ends_with_the_summary(b):
    os.makedirs(os.path.join(b.out, "manifest.json"))  # a folder where the file should go
    summary, messages = b.run(status=1)
    check(summary["written"] == ALL_FILES and summary["manifest"] == "no manifest", f"{summary}")
    check("manifest.json: cannot write" in messages, messages)


def test_other_hyphenation_patterns_make_everything_again(b):
    b.run()
    patterns = os.path.join(b.root, "hyph_ru_RU.dic")
    with open("/usr/share/hyphen/hyph_ru_RU.dic", "rb") as source, open(patterns, "wb") as copy:
        copy.write(source.read() + b"% the same patterns, another file\n")
    summary, _ = b.run("--hyphenation", patterns)
    check(summary["written"] == ALL_FILES and summary["skipped"] == 0, f"after new patterns: {summary}")


def test_a_shard_after_a_whole_run_skips_what_is_up_to_date(b):
    b.run()
    summary, _ = b.run("--shard", "1/2")
    check(summary["written"] == 0 and summary["skipped"] > 0, f"shard 1/2 after a whole run: {summary}")


def test_only_what_changed_is_written_again(b):
    b.run()
    # A deleted output, and one whose bytes were altered, are made again; nothing else.
    entries = manifest(b.out)["outputs"]
    deleted, altered = entries[0]["path"], entries[-1]["path"]
    os.remove(os.path.join(b.out, deleted))
    with open(os.path.join(b.out, altered), "ab") as file:
        file.write(b"x")
    summary, _ = b.run()
    check(summary["written"] == 2 and summary["skipped"] == ALL_FILES - 2, f"after deleting and altering: {summary}")
    check_manifest_matches_files(b.out)
    # A changed template renders its job again, all of it and only it.
    with open(os.path.join(b.dir, "school.xml"), "a", encoding="utf-8") as file:
        file.write("<!-- изменено -->\n")
    summary, _ = b.run()
    check(summary["written"] == SCHOOLS * 2 and summary["skipped"] == ALL_FILES - SCHOOLS * 2,
          f"after changing school.xml: {summary}")
    # Changed data renders everything.
    b.edit_data(lambda data: data["region"].update(name="Смоленская обл."))
    summary, _ = b.run()
    check(summary["written"] == ALL_FILES and summary["skipped"] == 0, f"after changing the data: {summary}")
    check_manifest_matches_files(b.out)


def test_force_rewrites_identical_bytes(b):
    b.run()
    before, listed = stat_of(b.out), files_in(b.out)
    time.sleep(0.01)  # a file written again has a later mtime, if not a new inode
    summary, _ = b.run("--force")
    check(summary["written"] == ALL_FILES and summary["skipped"] == 0, f"--force: {summary}")
    after = stat_of(b.out)
    check(set(after) == set(before), "--force changed the set of files")
    rewritten = [path for path in after if after[path] != before[path]]
    check(len(rewritten) == ALL_FILES, f"--force rewrote {len(rewritten)} of {ALL_FILES} files")
    changed = [path for path, digest in files_in(b.out).items() if digest != listed[path]]
    check(not changed, f"--force wrote different bytes: {changed}")
    check_manifest_matches_files(b.out)


def test_one_or_two_threads_give_identical_files(b):
    one, two = os.path.join(b.root, "j1"), os.path.join(b.root, "j2")
    b.run("-j", "1", out=one)
    b.run("-j2", out=two)
    files_one, files_two = files_in(one), files_in(two)
    check(len(files_one) == ALL_FILES, f"-j 1 wrote {len(files_one)} files")
    differ = sorted(p for p in set(files_one) | set(files_two) if files_one.get(p) != files_two.get(p))
    check(not differ, f"-j 1 and -j 2 differ in: {differ}")
    check(outputs(one) == outputs(two), "-j 1 and -j 2 give different manifests")


def test_a_broken_school_fails_alone_and_is_named(b):
    broken = DATA["schools"][3]  # МБОУ «Глинковская средняя школа»
    b.edit_data(lambda data: data["schools"][3].pop("director"))
    for run in (1, 2):  # the second run skips the others and fails again
        summary, messages = b.run("-j", "2", status=1)
        failures = [line for line in messages.splitlines() if line.startswith("failed:")]
        check(len(failures) == 1, f"run {run}: expected one failure line, got:\n{messages}")
        for part in (broken["name"], "schools[3]", "job school", "school.director"):
            check(part in failures[0], f"run {run}: the failure line does not say {part!r}: {failures[0]}")
        expected = {"written": ALL_FILES - 2, "skipped": 0} if run == 1 else {"written": 0, "skipped": ALL_FILES - 2}
        check(summary["failed"] == 1 and all(summary[k] == v for k, v in expected.items()),
              f"run {run}: summary {summary}, expected failed 1 and {expected}")
        entries = check_manifest_matches_files(b.out)
        check(len(entries) == ALL_FILES - 2, f"run {run}: {len(entries)} outputs in the manifest")
        check(all(e["element"] is None or e["element"].get("id") != broken["id"] for e in entries),
              f"run {run}: the manifest lists the broken school")


def test_hostile_names_stay_inside_and_do_not_collide(b):
    before = set(os.listdir(b.root)), set(os.listdir(b.dir))
    b.run("-j", "2")
    check((set(os.listdir(b.root)), set(os.listdir(b.dir))) == (before[0], before[1] | {"out"}),
          "files appeared outside the output folder")
    entries = check_manifest_matches_files(b.out)
    schools = [e for e in entries if e["job"] == "school"]
    check(len({e["path"] for e in schools}) == SCHOOLS * 2, f"school paths collide: {[e['path'] for e in schools]}")
    real_out = os.path.realpath(b.out)
    for entry in entries:
        path = entry["path"]
        check(not os.path.isabs(path), f"absolute path {path}")
        check(os.path.realpath(os.path.join(b.out, path)).startswith(real_out + os.sep), f"{path} is outside")
        for part in path.split("/"):
            check(part not in ("", ".", ".."), f"{path}: the name {part!r}")
            check(len(part.encode()) <= 255, f"{path}: a name of {len(part.encode())} bytes")
            check(part.split(".")[0].upper() not in ("CON", "PRN", "AUX", "NUL"), f"{path}: a reserved name")
            check(not re.search(r'[\\:*?"<>|\x00-\x1f]', part), f"{path}: a forbidden character")
    # Each school's files are its own: none overwrote another's.
    for school in DATA["schools"]:
        text = school_text(b.out, entries, school["id"])
        check(f"(код {school['id']})" in text and school["director"] in text,
              f"the file of school {school['id']} ({school['name'][:40]}) holds another school's text")
    # The schools whose names clash still get files of their own, in their municipality's folder.
    by_id = {e["element"]["id"]: e["path"] for e in schools if e["format"] == "txt"}
    for school_id in ("67301", "67302", "67303", "67304", "67305", "67306", "67307", "67308", "67309"):
        check(by_id[school_id].startswith("Хиславичский район/"), f"school {school_id} is at {by_id[school_id]}")
        check(by_id[school_id].count("/") == 1, f"the name of school {school_id} made a folder: {by_id[school_id]}")
    check(by_id["67301"] != by_id["67302"], "../x and x share a file")
    check(by_id["67305"] != by_id["67306"], "the long names share a file")
    check(by_id["67307"] != by_id["67308"], "the equal names share a file")


def test_only_narrows_to_a_municipality_or_a_school(b):
    glinka = [s for s in DATA["schools"] if s["municipality"]["id"] == "glinka"]
    for value in ("glinka", "Глинковский район"):
        out = os.path.join(b.root, "only-" + value)
        summary, _ = b.run("--only", value, out=out)
        entries = check_manifest_matches_files(out)
        documents = {(e["job"], (e["element"] or {}).get("id")) for e in entries}
        check(documents == {("municipality", "glinka")} | {("school", s["id"]) for s in glinka},
              f"--only {value}: {sorted(documents)}")
        check(summary["written"] == 3 + 2 * len(glinka), f"--only {value}: {summary}")
    for value in ("67101", "МБОУ «Средняя школа № 1» г. Десногорска"):
        out = os.path.join(b.root, "only-school-" + value[:5])
        summary, _ = b.run("--only", value, out=out)
        entries = check_manifest_matches_files(out)
        check({(e["job"], (e["element"] or {}).get("id"), e["format"]) for e in entries} ==
              {("school", "67101", "pdf"), ("school", "67101", "txt")}, f"--only {value}: {entries}")
        check(summary["written"] == 2, f"--only {value}: {summary}")
    # After a full run, a narrowed one keeps the others in the manifest.
    b.run()
    full = outputs(b.out)
    summary, _ = b.run("--only", "67101", "--force")
    check(summary["written"] == 2, f"--only 67101 --force after a full run: {summary}")
    check(outputs(b.out) == full, "a narrowed run dropped or changed other outputs of the manifest")


def test_shards_cover_every_document_once_and_merge(b):
    whole = os.path.join(b.root, "whole")
    b.run(out=whole)
    sharded = os.path.join(b.root, "sharded")
    written, seen, shard_of = 0, {}, {}
    for k in (1, 2, 3):
        summary, _ = b.run("--shard", f"{k}/3", out=sharded)
        name = f"manifest.shard-{k}-of-3.json"
        check(summary["manifest"] == os.path.join(sharded, name), f"shard {k}: manifest {summary['manifest']}")
        written += summary["written"]
        entries = manifest(sharded, name)["outputs"]
        check(entries, f"shard {k} of 3 is empty")
        for entry in entries:
            check(entry["path"] not in seen, f"{entry['path']} is in shards {seen.get(entry['path'])} and {k}")
            seen[entry["path"]] = k
            document = (entry["job"], json.dumps(entry["element"]))
            check(shard_of.setdefault(document, k) == k, f"{document}: its formats are in shards {shard_of[document]} and {k}")
    check(written == ALL_FILES, f"the shards wrote {written} files, expected {ALL_FILES}")
    check(set(seen) == set(files_in(whole)), "the shards together do not make the whole")
    check(not os.path.exists(os.path.join(sharded, "manifest.json")), "a shard wrote manifest.json")
    messages = b.docgen("merge-manifests", sharded)
    check(f"merged {ALL_FILES} outputs" in messages, f"merge-manifests said: {messages}")
    check(outputs(sharded) == outputs(whole), "the merged manifest differs from the whole run's")
    check(files_in(sharded) == files_in(whole), "the sharded files differ from the whole run's")
    check_manifest_matches_files(sharded)
    no_temporaries(sharded)


def test_usage_errors(b):
    for args in (["-j", "0"], ["--shard", "4/3"], ["--shard", "1/3x"], ["--bogus"]):
        messages = b.docgen("batch", b.file, *args, status=2)
        check("Try 'docgen --help'" in messages, f"batch {args}: {messages}")
    check(not os.path.exists(b.out), "a wrong command line wrote the output folder")
    b.docgen("merge-manifests", os.path.join(b.root, "nothing-here"), status=1)


def test_a_school_whose_output_path_fails_fails_alone(b):
    broken = DATA["schools"][3]
    b.edit_data(lambda data: data["schools"][3].pop("municipality"))
    summary, messages = b.run(status=1)
    failures = [line for line in messages.splitlines() if line.startswith("failed:")]
    check(len(failures) == 1 and broken["name"] in failures[0], f"expected one failure naming the school:\n{messages}")
    check(summary["failed"] == 1 and summary["written"] == ALL_FILES - 2, f"summary {summary}")


def test_merge_refuses_shards_of_different_runs_and_missing_parts(b):
    for k in (1, 2):
        b.run("--shard", f"{k}/2")
    b.edit_data(lambda data: data["municipalities"][2].update(head="И.О. Новиков"))
    for k in (1, 2, 3):
        b.run("--shard", f"{k}/3")
    result = subprocess.run([DOCGEN, "merge-manifests", b.out], capture_output=True, text=True)
    check(result.returncode == 1 and "2, 3 parts" in result.stderr, f"mixed runs merged: {result.stderr}")
    for k in (1, 2):
        os.remove(os.path.join(b.out, f"manifest.shard-{k}-of-2.json"))
    os.remove(os.path.join(b.out, "manifest.shard-2-of-3.json"))
    result = subprocess.run([DOCGEN, "merge-manifests", b.out], capture_output=True, text=True)
    check(result.returncode == 1 and "manifest.shard-2-of-3.json is missing" in result.stderr,
          f"an incomplete run merged: {result.stderr}")
    b.run("--shard", "2/3")
    b.docgen("merge-manifests", b.out)
    check_manifest_matches_files(b.out)


def test_merge_refuses_parts_made_from_other_inputs(b):
    b.run("--shard", "1/2")
    b.edit_data(lambda data: data["municipalities"][2].update(head="И.О. Новиков"))
    b.run("--shard", "2/2")
    result = subprocess.run([DOCGEN, "merge-manifests", b.out], capture_output=True, text=True)
    check(result.returncode == 1 and "other inputs" in result.stderr, f"parts of other inputs merged: {result.stderr}")
    b.run("--shard", "1/2")
    b.docgen("merge-manifests", b.out)
    check_manifest_matches_files(b.out)


def test_a_name_with_a_slash_does_not_collide_with_a_file(b):
    # "x.pdf/Филиал" is one name, "x.pdf_Филиал", not a folder named like the file x.pdf of school "x".
    b.edit_data(lambda data: data["schools"][4].update(name="x.pdf/Филиал"))
    for threads in ("1", "2"):
        summary, _ = b.run("-j", threads, "--force")
        check(summary["failed"] == 0, f"summary {summary}")
        check_manifest_matches_files(b.out)


def test_a_malformed_output_pattern_is_refused_before_anything_is_made(b):
    with open(b.file, encoding="utf-8") as file:
        batch = json.load(file)
    batch["jobs"][-1]["output"] = "{{ school.municipality.name }}/{{ school.name "
    with open(b.file, "w", encoding="utf-8") as file:
        json.dump(batch, file, ensure_ascii=False)
    messages = b.docgen("batch", b.file, status=1)
    check(f"job {batch['jobs'][-1]['name']}, output" in messages and "'}}'" in messages, messages)
    check(not os.path.exists(b.out), "a batch with a malformed pattern wrote the output folder")


def test_a_stopped_run_keeps_what_it_made(b):
    # The example's whole cycle on one thread takes over a second; it is killed
    # as soon as its first interim manifest appears. The manifest it leaves lists
    # only files as they are, and the next run skips them.
    cycle = os.path.join(FIXTURE, "..", "..", "examples", "smolensk-2022", "batch.json")
    out = os.path.join(b.root, "cycle")
    run = subprocess.Popen([DOCGEN, "batch", cycle, "-j", "1", "--output", out],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while run.poll() is None and not os.path.exists(os.path.join(out, "manifest.json")):
        check(time.monotonic() < deadline, "no manifest a minute into the run")
        time.sleep(0.01)
    run.kill()
    run.wait()
    # Files made after the last manifest was written are on disk and not listed:
    # what is listed must be as it is on disk.
    entries = manifest(out, "manifest.json")["outputs"]
    check(entries, "the stopped run left no manifest")
    on_disk = files_in(out)
    for entry in entries:
        check(on_disk.get(entry["path"]) == entry["sha256"], f"{entry['path']}: listed, but not as it is on disk")
    result = subprocess.run([DOCGEN, "batch", cycle, "-j", "2", "--output", out], capture_output=True, text=True)
    skipped = int(SUMMARY.findall(result.stderr)[0][2])
    check(result.returncode == 0 and skipped >= len(entries),
          f"the next run skipped {skipped} files, the stopped one had made {len(entries)}")
    check_manifest_matches_files(out)


def test_runs_killed_at_any_moment_leave_what_the_next_run_completes(b):
    # The fixture's run killed again and again, each time a little later: a
    # kill may land while a file, a temporary or the manifest is being written.
    # After each, whatever is on disk is whole or absent, and one more run
    # completes the set and leaves nothing stray.
    for kill in range(12):
        run = subprocess.Popen([DOCGEN, "batch", b.file, "-j", "2", "--force"], cwd=b.root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.005 + 0.012 * kill)
        run.kill()
        run.wait()
        # What a manifest lists is on disk as listed (the bytes are the same each time).
        if os.path.exists(os.path.join(b.out, "manifest.json")):
            for entry in manifest(b.out)["outputs"]:
                path = os.path.join(b.out, entry["path"])
                check(os.path.exists(path) and sha256(path) == entry["sha256"],
                      f"kill {kill + 1}: {entry['path']} is listed but not on disk as listed")
    summary, _ = b.run()
    check(summary["failed"] == 0 and summary["written"] + summary["skipped"] == ALL_FILES, f"after the kills: {summary}")
    check_manifest_matches_files(b.out)


def test_a_full_disk_fails_the_documents_and_keeps_the_summary(b):
    # A file size limit (RLIMIT_FSIZE, with SIGXFSZ ignored) makes writes fail as a
    # full disk does: each document that cannot be written fails, nothing is left
    # half-written, and the run ends with its summary.
    import resource
    import signal

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))

    result = subprocess.run([DOCGEN, "batch", b.file, "-j", "2"], cwd=b.root, capture_output=True, text=True,
                            preexec_fn=small_files, timeout=60)
    check(result.returncode == 1, f"exit status {result.returncode}\n{result.stderr}")
    found = SUMMARY.findall(result.stderr)
    check(len(found) == 1 and int(found[0][1]) > 0, f"no summary with failures:\n{result.stderr}")
    check("File too large" in result.stderr, result.stderr)
    no_temporaries(b.out)
    for parent, _, names in os.walk(b.out):
        for name in names:
            check(os.path.getsize(os.path.join(parent, name)) < 20000, f"{name}: a file over the limit")
    summary, _ = b.run()  # room again: everything is made
    check(summary["failed"] == 0, f"after the disk has room: {summary}")
    check_manifest_matches_files(b.out)


def test_temporaries_left_beside_outputs_are_removed(b):
    # As a killed run leaves them: one beside an output of part 1 of 2, one
    # beside an output of part 2, which a run of part 1 must not touch.
    b.run()
    entries = manifest(b.out)["outputs"]
    part = {1: None, 2: None}
    for entry in entries:
        part[entry["order"] % 2 + 1] = part[entry["order"] % 2 + 1] or entry
    temporaries = {}
    for k, entry in part.items():
        folder, name = os.path.split(os.path.join(b.out, entry["path"]))
        temporaries[k] = os.path.join(folder, "." + name + ".tmp-4242")
        with open(temporaries[k], "w", encoding="utf-8") as file:
            file.write("half")
    # And those of the manifests: the part's own goes, the whole run's stays.
    manifests = {}
    for name in ("manifest.shard-1-of-2.json", "manifest.json"):
        manifests[name] = os.path.join(b.out, "." + name + ".tmp-4243")
        with open(manifests[name], "w", encoding="utf-8") as file:
            file.write('{"outputs": [')
    b.docgen("batch", b.file, "--shard", "1/2")
    check(not os.path.exists(temporaries[1]), "the temporary file of an output of the part stayed")
    check(os.path.exists(temporaries[2]), "the temporary file of another part's output was removed")
    check(not os.path.exists(manifests["manifest.shard-1-of-2.json"]), "the temporary file of the part's manifest stayed")
    check(os.path.exists(manifests["manifest.json"]), "the temporary file of the whole run's manifest was removed")


def test_only_with_no_match_is_an_error(b):
    messages = b.docgen("batch", b.file, "--only", "Несуществующий район", status=1)
    check("no municipality or school" in messages, messages)
    check(not os.path.exists(b.out), "a run with nothing to do wrote the output folder")


def test_the_example_of_docs_batch_md_writes_the_files_it_lists(b):
    # docs/batch.md has one ```json batch block, a batch file meant to be saved beside this
    # fixture, and right after it a ```text block: the files it writes in its output folder,
    # sorted, one a line, without manifest.json.
    with open(DOCS, encoding="utf-8") as file:
        text = file.read()
    lines = r"((?:(?!```).*\n)*)"  # lines that are not fences
    found = re.findall(rf"^```json batch\n{lines}```\n(?:(?!```).*\n)*```text\n{lines}```$", text, re.M)
    check(len(text.split("```json batch\n")) == 2 and len(found) == 1,
          f"{DOCS}: expected one ```json batch block followed by a ```text block")
    example, listing = found[0]
    listed = listing.splitlines()
    check(listed and listed == sorted(listed), f"{DOCS}: the listing is empty or not sorted: {listed}")
    batch_file = os.path.join(b.dir, "docs-example.json")
    with open(batch_file, "w", encoding="utf-8") as file:
        file.write(example)
    out = os.path.join(b.dir, json.loads(example).get("output", "out"))

    def everything():
        return {os.path.relpath(os.path.join(parent, name), b.root)
                for parent, _, names in os.walk(b.root) for name in names}

    before = everything()
    messages = b.docgen("batch", batch_file, "-j", "2")
    found = SUMMARY.findall(messages)
    check(len(found) == 1 and found[0][1] == "0", f"the example of {DOCS}: expected no failure, got:\n{messages}")
    written = sorted(os.path.relpath(os.path.join(b.root, path), out) for path in everything() - before)
    expected = sorted(listed + ["manifest.json"])
    check(written == expected, f"the example of {DOCS} wrote files it does not list "
          f"{sorted(set(written) - set(expected))}, and not files it lists {sorted(set(expected) - set(written))}")
    check(int(found[0][0]) == len(listed), f"the example of {DOCS}: summary says written {found[0][0]}")
    check_manifest_matches_files(out)
    no_temporaries(out)


def test_the_gnu_parallel_example_of_docs_batch_md_makes_the_whole_batch(b):
    # The commands of the ```sh block under "### GNU parallel" in docs/batch.md, run as
    # written on this fixture instead of the example region: the parts and the merge
    # make what a whole run makes. GNU parallel comes from scripts/deps.sh test.
    check(shutil.which("parallel"), "GNU parallel is not installed (scripts/deps.sh test installs it)")
    with open(DOCS, encoding="utf-8") as file:
        text = file.read()
    section = text.split("\n### GNU parallel\n", 1)[1].split("\n### ", 1)[0]
    commands = [line[2:] for line in section.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
                if line.startswith("$ ")]
    check(len(commands) == 2 and commands[0].startswith("parallel ") and "merge-manifests" in commands[1],
          f"{DOCS}: expected a parallel command and a merge under GNU parallel, got {commands}")
    parts = re.search(r"--shard \{\}/(\d+)", commands[0])
    check(parts, f"{DOCS}: the parallel command has no --shard {{}}/N: {commands[0]}")
    sharded = os.path.join(b.root, "parallel")
    printed = []
    for command in commands:
        command = re.sub(r"(?<![\w/.-])docgen(?![\w/.-])", DOCGEN, command)
        command = command.replace("examples/smolensk-2022/batch.json", b.file)
        command = command.replace("/tmp/smolensk-2022-parallel", sharded)
        result = subprocess.run(["bash", "-c", command], cwd=b.root, capture_output=True, text=True, timeout=120)
        check(result.returncode == 0, f"{command}: exit status {result.returncode}\n{result.stdout}{result.stderr}")
        printed.append(result.stdout + result.stderr)
    summaries = SUMMARY.findall(printed[0])
    check(len(summaries) == int(parts.group(1)), f"expected {parts.group(1)} summary lines, got:\n{printed[0]}")
    check(sum(int(found[0]) for found in summaries) == ALL_FILES,
          f"the parts wrote {[found[0] for found in summaries]} files, expected {ALL_FILES} in all")
    check(f"merged {ALL_FILES} outputs" in printed[1], f"the merge printed: {printed[1]}")
    whole = os.path.join(b.root, "whole")
    b.run(out=whole)
    check(outputs(sharded) == outputs(whole), "the merged manifest differs from the whole run's")
    check_manifest_matches_files(sharded)


TESTS = [value for name, value in list(globals().items()) if name.startswith("test_")]


def main():
    global DOCGEN
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    DOCGEN = os.path.abspath(sys.argv[1])
    chosen = [t for t in TESTS if len(sys.argv) == 2 or t.__name__ in sys.argv[2:]]
    failed = 0
    start = time.monotonic()
    for test in chosen:
        with tempfile.TemporaryDirectory(prefix="docgen-batch-") as root:
            began = time.monotonic()
            try:
                test(Batch(root))
                print(f"ok    {test.__name__} ({time.monotonic() - began:.2f} s)")
            except Exception as failure:  # a Failure, or an error of the test on an output it did not expect
                failed += 1
                message = str(failure) if isinstance(failure, Failure) else traceback.format_exc()
                print(f"FAIL  {test.__name__}: {message}")
    print(f"{len(chosen) - failed} passed, {failed} failed, {time.monotonic() - start:.2f} s")
    sys.exit(1 if failed or not chosen else 0)


if __name__ == "__main__":
    main()
