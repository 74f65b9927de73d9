#!/usr/bin/python3
"""A bounded load test of `docgen serve` on loopback: 50 clients each render
the order 859-ОД and 5 clients each run the example region's monitoring
cycle, all at once, against a server that makes 2 documents at a time.

Passes when every request is answered with a finished job and whole files
(lengths and SHA-256 as the job says, every ZIP entry as its manifest
says), when the memory of the server and its jobs' processes stays within
twice what one cycle alone takes, and when the server still answers after.
Prints the figures.

Usage: load_test.py DOCGEN_BINARY SOURCE_DIR
"""
import hashlib
import io
import json
import os
import statistics
import sys
import threading
import time
import zipfile

from serve_client import Server, check, pss_kib

RENDER_CLIENTS = 50
CYCLE_CLIENTS = 5
JOBS = 2


class Sampler:
    """The largest memory of the server and its children, sampled every 20 ms."""

    def __init__(self, server):
        self.server = server
        self.peak = 0
        self.running = True
        self.thread = threading.Thread(target=self.run)
        self.thread.start()

    def run(self):
        while self.running:
            total = pss_kib(self.server.process.pid) + sum(pss_kib(pid) for pid in self.server.children())
            self.peak = max(self.peak, total)
            time.sleep(0.02)

    def stop(self):
        self.running = False
        self.thread.join()
        return self.peak


def whole_files(server, job):
    """Downloads every file of a finished job and checks it is whole."""
    for file in job["files"]:
        reply = server.get(file["url"])
        check(reply.status == 200, f"{file['url']}: {reply.status}")
        check(int(reply.header("content-length")) == len(reply.body) == file["bytes"],
              f"{file['url']}: {len(reply.body)} bytes, the job says {file['bytes']}")
        check(hashlib.sha256(reply.body).hexdigest() == file["sha256"], f"{file['url']}: not the job's SHA-256")
        if file["format"] == "pdf":
            check(reply.body.startswith(b"%PDF-") and reply.body.rstrip().endswith(b"%%EOF"), "a PDF is not whole")
        if file["format"] == "zip":
            archive = zipfile.ZipFile(io.BytesIO(reply.body))
            manifest = json.loads(archive.read("manifest.json"))
            check(len(manifest["outputs"]) == 740, "the cycle's manifest lists %d outputs" % len(manifest["outputs"]))
            for output in manifest["outputs"]:
                check(hashlib.sha256(archive.read(output["path"])).hexdigest() == output["sha256"],
                      output["path"] + ": not the manifest's SHA-256")


def client(server, path, fields, data, results, index):
    started = time.time()
    try:
        reply = server.post(path, fields, [("data", "data.json", data)])
        check(reply.status == 202 or reply.status == 200, f"POST {path}: {reply.status} {reply.body[:200]}")
        job = server.finished(reply.json(), timeout=600)
        check(job["state"] == "done", f"{path}: {job['state']}: {job.get('error')}")
        whole_files(server, job)
        results[index] = ("ok", time.time() - started)
    except Exception as error:  # every client's failure is reported
        results[index] = ("failed: " + str(error), time.time() - started)


def main():
    docgen, source = sys.argv[1], sys.argv[2]
    with open(os.path.join(source, "examples/order-859/data.json"), "rb") as file:
        order = file.read()
    with open(os.path.join(source, "examples/smolensk-2022/data.json"), "rb") as file:
        cycle = file.read()
    render = ("/api/render", [("template", "order"), ("formats", "pdf,docx")], order)
    run_cycle = ("/api/batch", [], cycle)

    server = Server(docgen, "--jobs", str(JOBS))
    try:
        time.sleep(0.5)  # the workers load the templates
        idle = pss_kib(server.process.pid) + sum(pss_kib(pid) for pid in server.children())
        sampler = Sampler(server)
        results = [None]
        started = time.time()
        client(server, *run_cycle, results, 0)
        one_cycle_seconds = time.time() - started
        one_cycle = sampler.stop()
        check(results[0][0] == "ok", "one cycle alone: " + results[0][0])

        sampler = Sampler(server)
        clients = [render] * RENDER_CLIENTS + [run_cycle] * CYCLE_CLIENTS
        results = [None] * len(clients)
        threads = [threading.Thread(target=client, args=(server, *spec, results, i)) for i, spec in enumerate(clients)]
        started = time.time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        load_seconds = time.time() - started
        peak = sampler.stop()

        failures = [result[0] for result in results if result[0] != "ok"]
        renders = sorted(result[1] for result in results[:RENDER_CLIENTS])
        cycles = sorted(result[1] for result in results[RENDER_CLIENTS:])
        print(f"memory: server and workers idle {idle / 1024:.0f} MiB; one cycle alone {one_cycle / 1024:.0f} MiB "
              f"({one_cycle_seconds:.1f} s); under load {peak / 1024:.0f} MiB (server and its jobs, PSS)")
        print(f"load: {RENDER_CLIENTS} orders and {CYCLE_CLIENTS} cycles at once, {JOBS} at a time: {load_seconds:.1f} s; "
              f"order answered in median {statistics.median(renders):.2f} s, max {renders[-1]:.2f} s; "
              f"cycle in median {statistics.median(cycles):.1f} s, max {cycles[-1]:.1f} s")
        check(not failures, f"{len(failures)} of {len(clients)} clients failed: " + "; ".join(failures[:5]))
        check(peak <= 2 * one_cycle, f"under load the memory reached {peak} KiB, more than twice one cycle's {one_cycle} KiB")
        health = server.get("/api/health").json()
        check(health["status"] == "ok" and health["running"] == 0 and health["queued"] == 0, "after: " + json.dumps(health))
        deadline = time.time() + 10
        while len(server.children()) != JOBS and time.time() < deadline:  # cycles' workers are being replaced
            time.sleep(0.05)
        check(len(server.children()) == JOBS, "%d workers for %d slots" % (len(server.children()), JOBS))
    finally:
        code, err, left = server.stop()
    check(code == 0 and not left, f"the server stopped with {code} and left {left}: {err}")
    print("load test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
