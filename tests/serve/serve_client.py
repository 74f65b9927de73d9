"""What the tests of `docgen serve` share: a server started on a free port
with its jobs in a temporary folder, and plain HTTP requests to it
(http.client only: what a document management system would send)."""
import http.client
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import uuid


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Reply:
    def __init__(self, response):
        self.status = response.status
        self.headers = {name.lower(): value for name, value in response.getheaders()}
        self.body = response.read()

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def header(self, name):
        return self.headers.get(name.lower(), "")


def multipart(fields=(), files=()):
    """The body and content type of a multipart/form-data request.
    fields: (name, value) pairs; files: (name, file name, bytes)."""
    boundary = "----docgen-test-" + uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() +
                     str(value).encode("utf-8") + b"\r\n")
    for name, file_name, content in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{file_name}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode("utf-8", "surrogateescape") +
                     content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), "multipart/form-data; boundary=" + boundary


class Server:
    """`docgen serve` on a free port of the loopback, stopped with SIGTERM."""

    def __init__(self, docgen, *options, env=None):
        self.scratch = tempfile.mkdtemp(prefix="docgen-serve-test-")
        environment = dict(os.environ, TMPDIR=self.scratch, **(env or {}))
        self.process = subprocess.Popen([docgen, "serve", "--port", "0", *options], env=environment,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"http://([^/\s]+):(\d+)/", line)
        if not match:
            self.process.kill()
            raise Failure("docgen serve did not start: " + line + self.process.stderr.read())
        self.host = match.group(1)
        self.port = int(match.group(2))

    def connection(self, timeout=120):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None, connection=None):
        own = connection is None
        connection = connection or self.connection()
        try:
            connection.request(method, path, body=body, headers=headers or {})
            return Reply(connection.getresponse())
        finally:
            if own:
                connection.close()

    def get(self, path, **options):
        return self.request("GET", path, **options)

    def post(self, path, fields=(), files=(), headers=None, **options):
        body, content_type = multipart(fields, files)
        return self.request("POST", path, body=body, headers={"Content-Type": content_type, **(headers or {})},
                            **options)

    def finished(self, job, timeout=300):
        """The job once it is no longer queued or running."""
        deadline = time.time() + timeout
        while job["state"] in ("queued", "running"):
            check(time.time() < deadline, f"job {job['id']} did not finish in {timeout} s: {job['message']}")
            reply = self.get(job["url"] + "?wait=10")
            check(reply.status == 200, f"GET {job['url']}: {reply.status} {reply.body[:200]}")
            job = reply.json()
        return job

    def children(self):
        """The process ids of the server's children (its jobs)."""
        pids = []
        for task in os.listdir(f"/proc/{self.process.pid}/task"):
            try:
                with open(f"/proc/{self.process.pid}/task/{task}/children") as file:
                    pids += [int(pid) for pid in file.read().split()]
            except OSError:
                pass
        return pids

    def stop(self):
        """Stops the server; its output, and what it left in its jobs' folder."""
        self.process.send_signal(signal.SIGTERM)
        try:
            out, err = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
        left = os.listdir(self.scratch)
        for name in left:
            subprocess.run(["rm", "-rf", os.path.join(self.scratch, name)], check=False)
        os.rmdir(self.scratch)
        return self.process.returncode, err, left


def pss_kib(pid):
    """The proportional set size of a process (its share of shared pages), KiB; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as file:
            for line in file:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
