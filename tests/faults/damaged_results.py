#!/usr/bin/env python3
"""The four readers on damaged result files, under MALLOC_PERTURB_=165 (freed and fresh memory
filled with a pattern, so a read of stale memory shows): `bordersim report`, `bordersim export
--csv`, `bordersim summary` and the Python module's `bordersim.open` (when importable). On every
file each must either give the good file's content (exit 0: the report states its replications,
seed, span and time zone; the export has the good file's CSV files with its headers and units;
the summary its rows and replication count; Python its attributes, units and replications) or
refuse it with a message (exit 1, stderr not empty). None may crash, hang, exit otherwise, or
report defaults as if read. Byte flips at fixed-seed random places of a small result, half of
them in the first 4 KiB where HDF5 keeps its superblock and root metadata.

Usage: damaged_results.py BORDERSIM_BINARY SCENARIO [COUNT] [PYTHONPATH]
"""
import concurrent.futures
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import readers  # noqa: E402

REPLICATIONS, SEED = 2, 11


def main():
    if len(sys.argv) < 3:
        return readers.main_usage(__doc__)
    binary, scenario = os.path.abspath(sys.argv[1]), sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    env = readers.env_with(sys.argv[4] if len(sys.argv) > 4 else None)
    names = ["report", "export", "summary"]
    if readers.python_available(env):
        names.append("python")
    else:
        print("note: the Python module is not importable; checking three readers")
    work = tempfile.mkdtemp()
    try:
        src = os.path.join(work, "good.h5")
        subprocess.run([binary, "run", scenario, "-o", src, "--replications", str(REPLICATIONS),
                        "--seed", str(SEED), "--horizon", "5d", "--warmup", "1d", "--quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        import h5py
        with h5py.File(src, "r") as f:
            zone = f.attrs["time_zone"]
            zone = zone.decode() if isinstance(zone, bytes) else zone
        os.makedirs(os.path.join(work, "good"))
        expect = readers.Expectation(binary, src, os.path.join(work, "good"), env, names)
        facts = readers.facts_of(expect.good["report"], REPLICATIONS, SEED, zone)
        data = open(src, "rb").read()
        rng = random.Random(20261124)
        files = []
        for i in range(count):
            b = bytearray(data)
            for _ in range(rng.choice([1, 2, 8])):
                off = rng.randrange(len(b)) if rng.random() < 0.5 else rng.randrange(min(len(b), 4096))
                b[off] ^= 1 << rng.randrange(8)
            path = os.path.join(work, f"damaged{i}.h5")
            with open(path, "wb") as f:
                f.write(b)
            files.append(path)

        pythons = {}  # one interpreter per worker thread

        def check(i):
            d = os.path.join(work, f"w{i}")
            os.makedirs(d)
            python = pythons.setdefault(threading.get_ident(), readers.PythonReader(env))
            out = []
            for reader in names:
                kind, detail, content = readers.read_one(reader, binary, files[i], d, env,
                                                         python=python)
                if kind == "ok":
                    why = expect.wrong(reader, content, facts)
                    if why:
                        kind, detail = "wrong", why
                out.append((reader, kind, detail))
            shutil.rmtree(d, ignore_errors=True)
            return i, out

        outcomes = {r: {} for r in names}
        bad = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            for i, out in pool.map(check, range(count)):
                for reader, kind, detail in out:
                    outcomes[reader][kind] = outcomes[reader].get(kind, 0) + 1
                    if kind not in ("ok", "refused"):
                        bad.append((i, reader, kind, detail))
        for p in pythons.values():
            p.close()
        print(f"{count} damaged files, MALLOC_PERTURB_={env.get('MALLOC_PERTURB_')}:")
        for reader in names:
            print(f"  {reader}: {dict(sorted(outcomes[reader].items()))}")
        for i, reader, kind, detail in sorted(bad):
            print(f"  file {i}: {reader}: {kind}: {detail}")
        print(f"{0 if bad else 1} passed, {1 if bad else 0} failed")
        return 1 if bad else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
