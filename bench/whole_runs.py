#!/usr/bin/env python3
"""Times whole runs of docgen, as a user starts them, and prints medians.

    bench/whole_runs.py [--docgen build/docgen] [--runs 5] [--jobs 2] [--scales 1,4,16]

1. `docgen render` of the order 859-ОД (the order and its three appendices),
   PDF and DOCX from one run; and of the order with only its first appendix
   (about 14 pages), PDF alone and DOCX alone: the document other tools
   were timed on (docs/performance.md);
2. `docgen batch` of the example cycle (examples/smolensk-2022/batch.json:
   the monitoring report, 27 municipal and 343 school references, PDF and
   DOCX each), with --force so that every document is made;
3. the same cycle over the example region with every school repeated 4 and
   16 times (new ids and names), to show how time grows with the schools;
4. `docgen indicators` of the example region from its JSON and from the
   workbook `docgen workbook cluster-results --from` writes of it, the two
   run alternately: what reading a workbook adds to a run.

Each time is the median of --runs runs of docgen started directly; peak
memory is the "Maximum resident set size" that /usr/bin/time -v reports for
one more run.
Standard library only.
"""

import argparse
import copy
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command):
    """Wall seconds of one run."""
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    return seconds


def peak_memory(command):
    """Peak resident memory (KiB) of one more run, as /usr/bin/time -v reports it.
    A run of its own, so that the timed runs start docgen directly."""
    result = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))


def measure(command, runs):
    return statistics.median(timed(command) for _ in range(runs)), peak_memory(command)


def scaled_region(data, times):
    """The example region with each school repeated `times` times."""
    scaled = copy.deepcopy(data)
    scaled["schools"] = []
    for copy_number in range(times):
        for school in data["schools"]:
            twin = copy.deepcopy(school)
            if copy_number:
                twin["id"] = f"{school['id']}-{copy_number + 1}"
                twin["name"] = f"{school['name']} (копия {copy_number + 1})"
            scaled["schools"].append(twin)
    return scaled


def cycle_batch(folder, data_path):
    """The example's batch file, pointed at `data_path` and writing into `folder`."""
    batch = json.loads((ROOT / "examples/smolensk-2022/batch.json").read_text(encoding="utf-8"))
    batch["data"] = str(data_path)
    batch["output"] = str(folder / "out")
    for job in batch["jobs"]:
        job["template"] = str((ROOT / "examples/smolensk-2022" / job["template"]).resolve())
    path = folder / "batch.json"
    path.write_text(json.dumps(batch, ensure_ascii=False), encoding="utf-8")
    return path


def count_outputs(folder):
    """Files in the manifest, and documents: each is one or more files, one per format."""
    manifest = json.loads((folder / "out" / "manifest.json").read_text(encoding="utf-8"))
    outputs = manifest["outputs"]
    documents = {o["order"] for o in outputs}
    return len(outputs), len(documents)


def alternating(first, second, runs):
    """Medians of two commands run one after the other, `runs` times each."""
    times = ([], [])
    for _ in range(runs):
        times[0].append(timed(first))
        times[1].append(timed(second))
    return statistics.median(times[0]), statistics.median(times[1])


def report(name, seconds, peak, files, documents):
    print(f"{name:<38} {seconds * 1000:9.1f} ms {files:6d} files {documents:5d} docs "
          f"{documents / seconds:7.0f} docs/s {seconds * 1000 / documents:7.2f} ms/doc {peak / 1024:6.1f} MiB peak")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docgen", default=str(ROOT / "build/docgen"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scales", default="1,4,16")
    args = parser.parse_args()
    if args.runs < 5:
        print("note: fewer than 5 runs make a shaky median", file=sys.stderr)

    print(f"runs: {args.runs}, times are medians; peak memory from /usr/bin/time -v")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        order = [args.docgen, "render", str(ROOT / "templates/order.xml"), str(ROOT / "examples/order-859/data.json"),
                 "-o", str(tmp / "order.pdf"), "-o", str(tmp / "order.docx")]
        seconds, peak = measure(order, args.runs)
        report("render order 859-ОД, PDF+DOCX", seconds, peak, 2, 1)

        short = json.loads((ROOT / "examples/order-859/data.json").read_text(encoding="utf-8"))
        short["appendices"] = short["appendices"][:1]
        short_path = tmp / "order-first-appendix.json"
        short_path.write_text(json.dumps(short, ensure_ascii=False), encoding="utf-8")
        for extension in ("pdf", "docx"):
            command = [args.docgen, "render", str(ROOT / "templates/order.xml"), str(short_path),
                       "-o", str(tmp / f"short.{extension}")]
            seconds, peak = measure(command, args.runs)
            report(f"order, first appendix only, {extension.upper()}", seconds, peak, 1, 1)

        example = ROOT / "examples/smolensk-2022/data.json"
        workbook = tmp / "smolensk-2022.xlsx"
        subprocess.run([args.docgen, "workbook", "cluster-results", "--from", str(example), "-o", str(workbook)], check=True)
        from_json, from_workbook = alternating([args.docgen, "indicators", str(example)],
                                               [args.docgen, "indicators", str(workbook)], max(args.runs, 11))
        print(f"{'indicators of the example, JSON':<38} {from_json * 1000:9.1f} ms")
        print(f"{'indicators of the example, workbook':<38} {from_workbook * 1000:9.1f} ms   "
              f"{(from_workbook - from_json) * 1000:+.1f} ms for reading the workbook")

        data = json.loads(example.read_text(encoding="utf-8"))
        base = None
        for scale in (int(s) for s in args.scales.split(",")):
            folder = tmp / f"x{scale}"
            folder.mkdir()
            data_path = folder / "data.json"
            data_path.write_text(json.dumps(scaled_region(data, scale), ensure_ascii=False), encoding="utf-8")
            batch = [args.docgen, "batch", str(cycle_batch(folder, data_path)), "-j", str(args.jobs), "--force"]
            seconds, peak = measure(batch, args.runs)
            files, documents = count_outputs(folder)
            base = base or (seconds, scale)
            report(f"batch cycle ×{scale} ({len(data['schools']) * scale} schools), -j {args.jobs}",
                   seconds, peak, files, documents)
            if scale != base[1]:
                print(f"{'':<38} time ×{seconds / base[0]:.2f} for schools ×{scale / base[1]:g}")


if __name__ == "__main__":
    main()
