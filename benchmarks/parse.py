"""The slowest answers file under the size limit: how long `seloste check` takes on hostile files (a measurement).

    .venv/bin/python benchmarks/parse.py

Each file is just under the 1 MiB limit and made to cost the reader as much as it can: one long flow list,
nested lists, a group with thousands of fields, thousands of unknown fields that each get a message, one
huge value, nothing but comments, deep nesting. Each runs as a whole `seloste check` process; the figures
are its wall time, CPU time and peak memory, and what it answered. Target: every one answered in under 2 s
of CPU time (the wall time also counts whatever else the machine is doing). The last line is the worst case.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from wizard.examples import example_text
from wizard.loader import MAX_BYTES

PYTHON = sys.executable
HEAD = "schema_version: 2\n"


def fill(prefix: str, unit: Callable[[int], str], suffix: str = "", most: int = MAX_BYTES) -> str:
    """`prefix`, then as many units as fit under the size limit (at most `most`), then `suffix`."""
    parts, size, number = [prefix], len(prefix.encode()) + len(suffix.encode()), 0
    while number < most:
        piece = unit(number)
        if size + len(piece.encode()) > MAX_BYTES - 16:
            break
        parts.append(piece)
        size += len(piece.encode())
        number += 1
    return "".join(parts) + suffix


def hostile_files() -> dict[str, str]:
    valid = example_text("training")
    return {
        "one flow list": fill(HEAD + "processing:\n  name: x\n  data_subjects: [", lambda n: "a, ", "a]\n"),
        "one block list": fill(HEAD + "processing:\n  name: x\n  data_subjects:\n", lambda n: "    - a\n"),
        "nested flow lists": fill(HEAD + "x: [", lambda n: "[" + "a," * 900 + "a], ", "[]]\n"),
        "one group, many fields": fill(HEAD + "controller:\n", lambda n: f"  k{n}: v\n"),
        "many unknown fields": fill(
            HEAD + "purposes:\n", lambda n: ("  - id: p\n" if n % 200 == 0 else "") + f"    k{n % 200}: v\n"
        ),
        # just under the bound on values, so that every field is read and gets its message
        "9,900 unknown fields": fill(
            HEAD + "purposes:\n", lambda n: ("  - id: p\n" if n % 800 == 0 else "") + f"    k{n % 800}: v\n", most=9_900
        ),
        "many bad records": fill(HEAD + "personal_data:\n", lambda n: "  - {name: '', purposes: [1, 2], required: x}\n"),
        "one huge value": fill(HEAD + "controller:\n  name: ", lambda n: "a" * 1000, "\n"),
        "only comments": fill("", lambda n: "# " + "c" * 78 + "\n"),
        "deep nesting": fill(HEAD + "x: ", lambda n: "[", ""),
        "a valid file padded with comments": fill(valid, lambda n: "# " + "c" * 78 + "\n"),
    }


def check_process(path: Path) -> tuple[float, float, int, int, str]:
    """Wall seconds, CPU seconds, peak memory (KiB), exit code and the first line of the answer."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "-c", PROGRAM, str(path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output, _ = process.communicate()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = output.splitlines()
    peak = int(lines[-1]) if lines and lines[-1].isdigit() else -1
    said = next((line.strip() for line in lines[1:-1] if line.strip() and not line.startswith("error")), lines[0])
    return wall, cpu, peak, process.returncode, said


# `seloste check FILE --lang en`, then this process's own peak memory in KiB on the last line
PROGRAM = """
import resource, sys
from wizard.cli import run
code = run(["--lang", "en", "check", sys.argv[1]])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(code)
"""


def main() -> None:
    results = []
    with tempfile.TemporaryDirectory(prefix="seloste-bench-") as folder:
        for name, text in hostile_files().items():
            path = Path(folder) / "answers.yaml"
            path.write_text(text, encoding="utf-8")
            wall, cpu, peak, code, said = check_process(path)
            size = os.path.getsize(path) // 1024
            print(f"{name:<34} {size:5d} KiB  {wall:6.2f} s  CPU {cpu:5.2f} s  {peak // 1024:4d} MiB  exit {code}  {said[:90]}")
            results.append((cpu, wall, name))
    cpu, wall, name = max(results)
    print(f"worst case: {name}, CPU {cpu:.2f} s, wall {wall:.2f} s (target < 2 s)")


if __name__ == "__main__":
    main()
