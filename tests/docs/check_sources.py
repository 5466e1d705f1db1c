#!/usr/bin/env python3
"""A clone stands alone: every source a shipped scenario cites is defined in docs/sources.md,
and no scenario or document points at notes outside the repository (shared/DOMAIN.md).

A citation is a tag, [P], [D] or [P/?], followed by one source id (docs/sources.md, "How a
scenario cites a source"); several sources repeat the tag.

Usage: check_sources.py SOURCE_DIR     check the tree
       check_sources.py --self-test    check that a bad citation and an outside reference fail
"""
import pathlib
import re
import shutil
import sys
import tempfile

TAG = re.compile(r"\[(P|D|P/\?)\]")
ID = re.compile(r"\s+([a-z0-9][a-z0-9-]*)")
OUTSIDE = re.compile(r"DOMAIN\.md|\bDOMAIN\b")


def check(root):
    """The errors found in the tree at root, and the ids its scenarios cite."""
    sources = root / "docs" / "sources.md"
    defined = set(re.findall(r"^### ([a-z0-9][a-z0-9-]*)\s*$", sources.read_text(), re.M))
    errors, cited = [], set()
    if len(defined) < 10:
        errors.append(f"{sources}: only {len(defined)} source headings found")
    scenarios = sorted(root.glob("scenarios/*.yaml"))
    if not scenarios:
        errors.append(f"{root}/scenarios: no scenario files")
    documents = sorted(root.glob("docs/*.md")) + [root / "README.md"]
    for path in documents + scenarios:
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if OUTSIDE.search(line):
                errors.append(f"{path}:{n}: refers to notes outside the repository: {line.strip()}")
    for path in scenarios:
        for n, line in enumerate(path.read_text().splitlines(), 1):
            for m in TAG.finditer(line):
                where = f"{path}:{n}:{m.start() + 1}"
                im = ID.match(line, m.end())
                if not im:
                    errors.append(f"{where}: tag {m.group(0)} without a source id")
                elif im.group(1) not in defined:
                    errors.append(f"{where}: source id '{im.group(1)}' is not a heading of "
                                  "docs/sources.md")
                else:
                    cited.add(im.group(1))
    return errors, cited


def self_test(root):
    """A copy of the tree with one bad citation, one bare tag and one outside reference."""
    with tempfile.TemporaryDirectory() as tmp:
        t = pathlib.Path(tmp)
        shutil.copytree(root / "docs", t / "docs")
        shutil.copytree(root / "scenarios", t / "scenarios")
        shutil.copy(root / "README.md", t / "README.md")
        if check(t)[0]:
            return "the unmodified copy already fails"
        with open(t / "scenarios" / "kim_thanh_bac_son.yaml", "a") as f:
            f.write("# 3 lanes [P] nowhere-1234\n# a bare tag [D]\n")
        with open(t / "docs" / "model.md", "a") as f:
            f.write("\nSee shared/DOMAIN.md.\n")
        errors = check(t)[0]
        wanted = ["'nowhere-1234'", "without a source id", "outside the repository"]
        missing = [w for w in wanted if not any(w in e for e in errors)]
        return f"not detected: {missing}" if missing else None


def main():
    if sys.argv[1:2] == ["--self-test"]:
        root = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else ".")
        problem = self_test(root)
        if problem:
            sys.exit(f"check_sources self-test: {problem}")
        print("check_sources self-test: bad citations are detected")
        return
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    errors, cited = check(root)
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    print(f"{len(cited)} source ids cited by the shipped scenarios, all in docs/sources.md")


if __name__ == "__main__":
    main()
