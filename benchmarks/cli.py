"""How snappy the command line is, as ratios against baselines run in the same run (a measurement, not a test).

    .venv/bin/python benchmarks/cli.py [--rounds 11]

Every figure is a median of CPU time (user + system of the child process), so another program's load on the
machine does not count. The commands run interleaved: each round runs every command once, in an order that
rotates from round to round, so a slow moment of the machine falls on all of them alike.

Cold processes, each against a floor that does the least such a command must do:
- `seloste render` (md, html) against `python -c "import pydantic, jinja2, babel, yaml; from pydantic import
  BaseModel"` (targets <= 2.0 and <= 2.2); docx against the md render (<= 1.3);
- `seloste check` against the same floor (<= 2.0); the Finnish UI against the English (<= 1.10);
- `seloste --help` against `python -c "import argparse"` (<= 1.5).
In-process, after a warm-up: Word at 100 items in each long list against Word at 1 item (<= 5: linear in the
size of the answers), and `check` of the 100-item file (<= 300 ms).

The answers are the training example (the fullest); the long lists are its groups of people, data
categories and recipients. Caches in a temporary SELOSTE_CACHE_DIR are filled by one unmeasured run first,
as on a user's machine after the first run.
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from wizard.examples import example_text

PYTHON = sys.executable
FLOOR = "import pydantic, jinja2, babel, yaml; from pydantic import BaseModel"


def grown_answers(items: int) -> str:
    """The training example with `items` groups of people, data categories and recipients."""
    data = yaml.safe_load(example_text("training"))
    data["processing"]["data_subjects"] = [f"ryhmä {n + 1}" for n in range(items)]
    category, recipient = data["personal_data"][0], data["recipients"][-1]  # the last: a transfer, as the notice has one
    data["personal_data"] = [dict(copy.deepcopy(category), name=f"{category['name']} {n + 1}") for n in range(items)]
    data["recipients"] = [dict(copy.deepcopy(recipient), name=f"{recipient['name']} {n + 1}") for n in range(items)]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def child_cpu(command: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) the command's process took."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def interleaved(commands: dict[str, list[str]], env: dict[str, str], rounds: int) -> dict[str, float]:
    """Median CPU seconds of each command, the commands taking turns."""
    names = list(commands)
    for name in names:  # unmeasured: fills the page cache and seloste's own caches
        child_cpu(commands[name], env)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(child_cpu(commands[name], env))
    return {name: statistics.median(values) for name, values in samples.items()}


def in_process(action: Callable[[], object], repeat: int) -> float:
    """Median seconds of `action` after one unmeasured run."""
    action()
    samples = []
    for _ in range(repeat):
        started = time.process_time()
        action()
        samples.append(time.process_time() - started)
    return statistics.median(samples)


def cold_figures(folder: Path, rounds: int) -> dict[str, float]:
    answers = folder / "training.yaml"
    answers.write_text(example_text("training"), encoding="utf-8")
    script = Path(PYTHON).parent / "seloste"  # the command a user runs (the console script), else python -m wizard
    seloste = [str(script)] if script.is_file() else [PYTHON, "-m", "wizard"]
    render = [*seloste, "--lang", "en", "render", str(answers), "--lang", "fi"]
    commands = {
        "floor": [PYTHON, "-c", FLOOR],
        "argparse": [PYTHON, "-c", "import argparse"],
        "md": [*render, "--format", "md"],
        "html": [*render, "--format", "html"],
        "docx": [*render, "--format", "docx", "-o", str(folder / "notice.docx"), "--force"],
        "check en": [*seloste, "--lang", "en", "check", str(answers)],
        "check fi": [*seloste, "--lang", "fi", "check", str(answers)],
        "help": [*seloste, "--help"],
    }
    env = {**os.environ, "SELOSTE_CACHE_DIR": str(folder / "cache"), "SELOSTE_HOME": str(folder / "home")}
    return interleaved(commands, env, rounds)


def warm_figures(repeat: int) -> dict[str, float]:
    from wizard.check import check_bytes
    from wizard.formats import render_format
    from wizard.render import build_notice

    figures = {}
    for items in (1, 100):
        raw = grown_answers(items).encode("utf-8")
        notice = build_notice(check_bytes(raw), "fi")
        figures[f"docx {items}"] = in_process(lambda: render_format(notice.markdown, "docx", "fi", notice.title), repeat)
        figures[f"check {items}"] = in_process(lambda: check_bytes(raw), repeat)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="seloste-bench-") as folder:
        cold = cold_figures(Path(folder), args.rounds)
    warm = warm_figures(max(args.rounds // 2, 5))
    ms = {name: f"{seconds * 1000:.0f} ms" for name, seconds in {**cold, **warm}.items()}
    print(f"CPU-time medians of {args.rounds} interleaved rounds:")
    for name in cold:
        print(f"  {name:<9} {ms[name]:>8}")
    print(f"in-process: docx at 1 item {ms['docx 1']}, at 100 items {ms['docx 100']}; check at 1 item {ms['check 1']}, at 100 items {ms['check 100']}")
    results = [
        ("render md / floor", cold["md"] / cold["floor"], 2.0),
        ("render html / floor", cold["html"] / cold["floor"], 2.2),
        ("render docx / render md", cold["docx"] / cold["md"], 1.3),
        ("check / floor", cold["check en"] / cold["floor"], 2.0),
        ("check, Finnish UI / English UI", cold["check fi"] / cold["check en"], 1.10),
        ("--help / import argparse", cold["help"] / cold["argparse"], 1.5),
        ("docx at 100 items / at 1 item", warm["docx 100"] / warm["docx 1"], 5.0),
        ("check of 100 items (s, in-process)", warm["check 100"], 0.300),
    ]
    for label, value, target in results:
        verdict = "ok" if value <= target else "OVER"
        print(f"{label:<36} {value:6.2f}  (target <= {target:g}) {verdict}")


if __name__ == "__main__":
    main()
