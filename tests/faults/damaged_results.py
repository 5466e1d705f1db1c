#!/usr/bin/env python3
"""`bordersim report` on damaged result files: every one ends with a report or a clear error
(exit 1), never a crash or a hang. Byte flips at fixed-seed random places of a small result, half
of them in the first 4 KiB where HDF5 keeps its superblock and root metadata.

Usage: damaged_results.py BORDERSIM_BINARY SCENARIO [COUNT]
"""
import os
import random
import subprocess
import sys
import tempfile


def main():
    binary, scenario = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    work = tempfile.mkdtemp()
    src = os.path.join(work, "good.h5")
    subprocess.run([binary, "run", scenario, "-o", src, "--replications", "2", "--horizon", "5d", "--warmup",
                    "1d", "--quiet"], check=True, stdout=subprocess.DEVNULL)
    data = open(src, "rb").read()
    rng = random.Random(20261124)
    outcomes, bad = {}, []
    for i in range(count):
        b = bytearray(data)
        for _ in range(rng.choice([1, 2, 8])):
            off = rng.randrange(len(b)) if rng.random() < 0.5 else rng.randrange(min(len(b), 4096))
            b[off] ^= 1 << rng.randrange(8)
        path = os.path.join(work, f"damaged{i}.h5")
        with open(path, "wb") as f:
            f.write(b)
        try:
            r = subprocess.run([binary, "report", path, "-o", path + ".html"], capture_output=True, timeout=30)
            kind = "report" if r.returncode == 0 else "error" if r.returncode == 1 else f"exit {r.returncode}"
            if r.returncode == 1 and not r.stderr.strip():
                kind = "silent error"
        except subprocess.TimeoutExpired:
            kind = "hang"
        outcomes[kind] = outcomes.get(kind, 0) + 1
        if kind not in ("report", "error"):
            bad.append((i, kind))
        for p in (path, path + ".html"):
            if os.path.exists(p):
                os.remove(p)
    print(f"{count} damaged files: {outcomes}")
    for i, kind in bad:
        print(f"  file {i}: {kind}")
    passed = 1 if not bad else 0
    print(f"{passed} passed, {1 - passed} failed")
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main())
