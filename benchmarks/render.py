"""How fast a notice renders, as ratios against baselines measured in the same run.

1. Warm: rendering a full notice (answers already checked; facts, clauses, Babel formatting, escaping) against
   a bare Jinja2 render of one template that produces output of the same size. Target: <= 2.
2. Cold: a whole `seloste render` process against `python -c "import pydantic, jinja2, babel"`. Target: <= 1.5.

Run: .venv/bin/python benchmarks/render.py   (prints the two ratios last)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jinja2 import Environment

from wizard.check import check_bytes
from wizard.examples import example_text
from wizard.render import build_notice

EXAMPLE = "training"  # the fullest example: DPO, joint controller, special categories, transfers


def timed(action, repeat: int) -> float:
    """Median seconds of `repeat` runs of `action`."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bare_template_like(markdown: str) -> tuple[object, dict[str, str]]:
    """A template that renders to text of the same size, with one variable per line of it."""
    lines = markdown.splitlines()
    source = "\n".join("{{ v%d }}" % i for i in range(len(lines)))
    return Environment(autoescape=False).from_string(source), {f"v{i}": line for i, line in enumerate(lines)}


def warm_ratio() -> tuple[float, float, float]:
    report = check_bytes(example_text(EXAMPLE).encode("utf-8"))
    notice = build_notice(report, "fi")  # first render loads templates and Babel data
    template, values = bare_template_like(notice.markdown)
    assert len(template.render(values)) == len(notice.markdown.rstrip("\n"))
    ours = timed(lambda: build_notice(report, "fi"), 200)
    bare = timed(lambda: template.render(values), 200)
    return ours, bare, ours / bare


def cold_ratio() -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "answers.yaml"
        answers.write_text(example_text(EXAMPLE), encoding="utf-8")
        ours_cmd = [sys.executable, "-m", "wizard", "render", str(answers), "--lang", "fi", "--format", "md"]
        bare_cmd = [sys.executable, "-c", "import pydantic, jinja2, babel"]
        run = lambda cmd: subprocess.run(cmd, check=True, capture_output=True)  # noqa: E731
        run(ours_cmd), run(bare_cmd)  # warm the file cache
        ours = timed(lambda: run(ours_cmd), 11)
        bare = timed(lambda: run(bare_cmd), 11)
    return ours, bare, ours / bare


def main() -> None:
    ours, bare, warm = warm_ratio()
    print(f"warm render of the {EXAMPLE} notice: {ours * 1000:.2f} ms; bare Jinja2 render of the same size: {bare * 1000:.3f} ms")
    ours_cold, bare_cold, cold = cold_ratio()
    print(f"cold `seloste render` process: {ours_cold * 1000:.0f} ms; `import pydantic, jinja2, babel`: {bare_cold * 1000:.0f} ms")
    print(f"warm render ratio: {warm:.2f} (target <= 2)")
    print(f"cold render ratio: {cold:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
