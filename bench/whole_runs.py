#!/usr/bin/env python3
"""Times whole runs of docgen, as a user starts them, and prints medians.

    bench/whole_runs.py [--docgen build/docgen] [--runs 5] [--jobs 2] [--scales 1,4,16]
    bench/whole_runs.py --schools 1000,4000,16000 [--per-municipality 40]
    bench/whole_runs.py --country

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

With --schools (or --country: 40 000 schools) it measures only the
country-sized cycle instead: a region of that many schools, generated into a
temporary folder (never kept), --per-municipality schools in each of its
municipalities (a country has thousands), each school one of the example's
with a new id and name; `docgen batch` of the whole cycle over it (the report,
every municipal reference, a reference per school, PDF and DOCX each), one
run per size. For each size: wall time, CPU time and peak resident memory of
the run (os.wait4), split into the setup (reading, checking and analysing the
data, planning: the wall time before the first document) and the rendering
(the seconds the summary line gives); then the slope of the peak memory over
the sizes, in MB per 1 000 schools (least squares).
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


def country(example, schools, per_municipality, path):
    """Writes a region of `schools` schools into `path`: the example's schools
    repeated with new ids and names, `per_municipality` in each municipality,
    the municipalities named after the example's with a number. Mentor schools
    stay within the same repetition. Written school by school: no copy of the
    whole region is held."""
    region = {key: value for key, value in example.items() if key not in ("municipalities", "schools")}
    base = example["municipalities"]
    count = -(-schools // per_municipality)
    municipalities = []
    for m in range(count):
        model = base[m % len(base)]
        number = f" {m // len(base) + 1}" if m >= len(base) else ""
        municipalities.append({**model, "id": f"{model['id']}-{m + 1}", "name": model["name"] + number,
                               "genitive": model["genitive"] + number})
    with open(path, "w", encoding="utf-8") as out:
        out.write(json.dumps(region, ensure_ascii=False)[:-1])
        out.write(', "municipalities": ' + json.dumps(municipalities, ensure_ascii=False) + ', "schools": [')
        models = example["schools"]
        place = {model["id"]: i for i, model in enumerate(models)}

        def mentor(support, copy_number):
            """The support facts with the mentor of the same repetition, or of the
            first where the last repetition stops before the mentor."""
            if not support or not isinstance(support.get("mentor_school"), str):
                return support
            mentor_id = support["mentor_school"]
            if copy_number * len(models) + place[mentor_id] >= schools:
                copy_number = 0
            return {**support, "mentor_school": f"{mentor_id}-{copy_number + 1}"}

        for s in range(schools):
            model = models[s % len(models)]
            copy_number = s // len(models)
            twin = dict(model)
            twin["id"] = f"{model['id']}-{copy_number + 1}"
            twin["name"] = f"{model['name']} ({copy_number + 1})"
            twin["municipality"] = municipalities[s // per_municipality]["id"]
            twin["support"] = mentor(model.get("support"), copy_number)
            twin["history"] = [{**year, "support": mentor(year.get("support"), copy_number)} if "support" in year else year
                               for year in model.get("history", [])]
            if twin["support"] is None:
                del twin["support"]
            out.write((", " if s else "") + json.dumps(twin, ensure_ascii=False))
        out.write("]}")
    return count


def run_with_usage(command):
    """Wall seconds, CPU seconds (user and system), peak resident KiB and
    what it printed, of one run, from the kernel's account of the process."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"failed: {' '.join(command)}\n{err.read().decode()[:4000]}")
        return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, out.read().decode() + err.read().decode()


def country_cycles(args, sizes):
    example = json.loads((ROOT / "examples/smolensk-2022/data.json").read_text(encoding="utf-8"))
    print(f"the whole cycle over generated regions, {args.per_municipality} schools per municipality, "
          f"-j {args.jobs}; one run each")
    print(f"{'schools':>8} {'munic.':>6} {'files':>6} {'wall s':>8} {'CPU s':>8} {'setup s':>8} {'render s':>9} "
          f"{'ms/doc':>7} {'peak MiB':>9}")
    points = []
    for schools in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            data_path = folder / "data.json"
            municipalities = country(example, schools, args.per_municipality, data_path)
            batch = [args.docgen, "batch", str(cycle_batch(folder, data_path)), "-j", str(args.jobs), "--force"]
            wall, cpu, peak, printed = run_with_usage(batch)
            files, documents = count_outputs(folder)
        rendering = float(re.search(r"([0-9.]+) s;", printed).group(1))
        print(f"{schools:8d} {municipalities:6d} {files:6d} {wall:8.1f} {cpu:8.1f} {wall - rendering:8.1f} "
              f"{rendering:9.1f} {rendering * 1000 / documents:7.2f} {peak / 1024:9.1f}", flush=True)
        points.append((schools / 1000, peak / 1024))
    if len(points) > 1:
        mean_x = statistics.mean(x for x, _ in points)
        mean_y = statistics.mean(y for _, y in points)
        slope = (sum((x - mean_x) * (y - mean_y) for x, y in points) /
                 sum((x - mean_x) ** 2 for x, _ in points))
        print(f"peak memory: {slope:.1f} MiB per 1 000 schools (least squares), "
              f"{mean_y - slope * mean_x:.1f} MiB at none")


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
    parser.add_argument("--schools", help="sizes of generated regions, e.g. 1000,4000,16000: measure the cycle over them")
    parser.add_argument("--country", action="store_true", help="the cycle over 40 000 schools")
    parser.add_argument("--per-municipality", type=int, default=40, help="schools in each generated municipality")
    args = parser.parse_args()
    if args.country or args.schools:
        country_cycles(args, [40000] if args.country else [int(n) for n in args.schools.split(",")])
        return
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
