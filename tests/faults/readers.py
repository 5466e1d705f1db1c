"""The four readers of a result file, run the way a user runs them, and what a sound answer is.

`read_all(...)` runs `bordersim report`, `bordersim export --csv`, `bordersim summary` and the
Python module's `bordersim.open` (through /usr/bin/python3, when the module is importable) on one
file, each in its own process, and sorts each outcome into:
  "ok"      exit 0 and the content of the good file (what `expect` took from it);
  "refused" exit 1 with a message on stderr;
anything else is a failure: "crash (signal N)", "exit N", "silent error", "hang", or "wrong: ..."
for an exit 0 whose content is not the good file's (defaults reported as if read).
"""
import json
import os
import select
import shutil
import subprocess
import sys

PY = "/usr/bin/python3"

# Opens each result named on stdin, reads its attributes and every table; answers one JSON line
# per file (what a reader would report, or the exception raised), so that one interpreter (and
# one import of pandas) serves many files. A crash kills it: the caller sees which file.
PY_READER = r"""
import json, sys
import bordersim
for line in sys.stdin:
    path = line.rstrip("\n")
    try:
        r = bordersim.open(path)
        out = {"attrs": {k: r.attrs.get(k) for k in ("replications", "seed", "horizon_s",
                                                     "warmup_s", "time_zone", "start_local")},
               "units": {}}
        for t in sorted(r.tables):
            out["units"][t] = r.table(t).attrs["units"]
        if hasattr(r, "replication_ids"):
            out["replication_ids"] = r.replication_ids
        answer = {"ok": out}
    except Exception as e:  # a refusal: the message is what a user sees
        answer = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(answer, sort_keys=True), flush=True)
"""


class PythonReader:
    """One interpreter reading file after file; restarted after a crash or a hang."""

    def __init__(self, env, timeout=60):
        self.env, self.timeout, self.proc = env, timeout, None

    def _start(self):
        self.proc = subprocess.Popen([PY, "-c", PY_READER], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=self.env)

    def read(self, path):
        """(kind, detail, content) as read_one gives."""
        if self.proc is None:
            self._start()
        self.proc.stdin.write(path + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], self.timeout)
        line = self.proc.stdout.readline() if ready else None
        if not line:
            hang = line is None
            if hang:
                self.proc.kill()
            rc = self.proc.wait()
            err = self.proc.stderr.read().strip().splitlines()
            self.proc = None
            if hang:
                return "hang", "", None
            return (f"crash (signal {-rc})" if rc < 0 else f"exit {rc}"), (err[-1] if err else ""), None
        answer = json.loads(line)
        if "error" in answer:
            msg = answer["error"]
            return ("refused" if msg.split(":", 1)[-1].strip() else "silent error"), msg, None
        return "ok", "", answer["ok"]

    def close(self):
        if self.proc is not None:
            self.proc.stdin.close()
            self.proc.wait()
            self.proc = None


def python_available(env):
    r = subprocess.run([PY, "-c", "import bordersim"], env=env, capture_output=True)
    return r.returncode == 0


def _run(cmd, env, timeout):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, errors="replace", env=env,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return None


def _kind(r):
    if r is None:
        return "hang"
    if r.returncode < 0:
        return f"crash (signal {-r.returncode})"
    if r.returncode == 1:
        return "refused" if r.stderr.strip() else "silent error"
    if r.returncode != 0:
        return f"exit {r.returncode}"
    return "ok"


def csv_headers(d):
    """Every CSV file of an export with its header line."""
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            if f.endswith(".csv"):
                p = os.path.join(root, f)
                with open(p, encoding="utf-8", errors="replace") as fh:
                    out[os.path.relpath(p, d)] = fh.readline().rstrip("\n")
    return out


def read_one(reader, binary, path, work, env, timeout=60, python=None):
    """(kind, detail, content) of one reader on one file (`python`: a PythonReader to use)."""
    if reader == "python":
        own = python is None
        python = python or PythonReader(env, timeout)
        try:
            return python.read(path)
        finally:
            if own:
                python.close()
    if reader == "report":
        html = os.path.join(work, "out.html")
        r = _run([binary, "report", path, "-o", html], env, timeout)
        content = None
        if r is not None and r.returncode == 0:
            with open(html, encoding="utf-8", errors="replace") as f:
                content = f.read()
    elif reader == "export":
        d = os.path.join(work, "csv")
        shutil.rmtree(d, ignore_errors=True)
        r = _run([binary, "export", path, "--csv", d], env, timeout)
        content = csv_headers(d) if r is not None and r.returncode == 0 else None
        shutil.rmtree(d, ignore_errors=True)
    else:
        r = _run([binary, "summary", path], env, timeout)
        content = r.stdout if r is not None and r.returncode == 0 else None
    lines = [] if r is None else r.stderr.strip().splitlines()
    return _kind(r), (lines[-1] if lines else ""), content


class Expectation:
    """What the good file gives each reader; an exit 0 on a damaged file must give the same."""

    def __init__(self, binary, good, work, env, readers):
        self.good = {}
        for reader in readers:
            kind, detail, content = read_one(reader, binary, good, work, env)
            if kind != "ok":
                raise RuntimeError(f"{reader} fails on the good file: {kind}: {detail}")
            self.good[reader] = content
        a = self.good.get("python", {}).get("attrs") if "python" in self.good else None
        self.python_attrs = a

    def wrong(self, reader, content, facts):
        """Why an exit-0 answer is not the good file's, or None."""
        good = self.good[reader]
        if reader == "report":
            # The header's replications, seed and span; the provenance's time zone.
            want = f"; {facts['replications']} replications, seed {facts['seed']}. "
            if want not in content:
                return f"no '{want.strip()}' in the report"
            if facts["time_zone"] not in content:
                return "the report lost the time zone"
            if facts["span"] not in content:
                return f"no '{facts['span']}' in the report"
            return None
        if reader == "export":
            if content != good:
                missing = sorted(set(good) - set(content))
                changed = sorted(k for k in good if k in content and content[k] != good[k])
                return f"CSV files missing {missing[:3]} or headers changed {changed[:3]}"
            return None
        if reader == "summary":
            want = f"{facts['replications']} replications"
            if want not in content:
                return f"no '{want}' in the summary"
            if len(content.splitlines()) != len(good.splitlines()):
                return "the summary has other rows than the good file's"
            return None
        if content["units"] != good["units"]:
            return "the units differ from the good file's"
        for k in ("replications", "horizon_s", "warmup_s", "time_zone"):
            if content["attrs"].get(k) != good["attrs"].get(k):
                return f"attrs[{k!r}] is {content['attrs'].get(k)!r}, not {good['attrs'].get(k)!r}"
        if content.get("replication_ids") != good.get("replication_ids"):
            return "other replications than the good file's"
        return None


def facts_of(good_report, replications, seed, time_zone):
    """What a report of the good file states: replications, seed, the simulated span."""
    import re
    m = re.search(r'<p class="meta">([^;<]*);', good_report)
    return {"replications": replications, "seed": seed, "time_zone": time_zone,
            "span": m.group(1) if m else ""}


def env_with(pythonpath=None, perturb="165"):
    env = dict(os.environ)
    if perturb:
        env["MALLOC_PERTURB_"] = perturb
    if pythonpath:
        env["PYTHONPATH"] = pythonpath + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH")
                                          else "")
    env.setdefault("MPLBACKEND", "Agg")
    return env


def main_usage(doc):
    print(doc, file=sys.stderr)
    return 2
