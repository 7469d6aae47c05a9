"""How fast a notice renders, as ratios against baselines measured in the same run.

1. Warm: rendering a full notice (answers already checked: facts, clause selection, Babel formatting, Markdown
   escaping, tidying) against a bare Jinja2 render of a template of the same size: the same clause templates
   joined into one, rendered by a plain Environment whose filters pass values through. Target: <= 2.
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


def bare_template_like(report, lang: str) -> tuple[object, dict]:
    """The applicable clause templates joined into one, for a plain Jinja2 Environment with pass-through filters."""
    from wizard.notice import applicable_clauses, compute_facts, template_context
    from wizard.resources import data_dir

    folder = data_dir("templates") / lang
    source = "\n".join(
        (folder / f"{clause.id}.md.j2").read_text(encoding="utf-8")
        for clause in applicable_clauses(compute_facts(report.answers))
    )
    env = Environment(autoescape=False, trim_blocks=True, lstrip_blocks=True)
    passthrough = lambda value, *args: value  # noqa: E731
    for name in ("join_list", "date", "country", "phone", "link", "mailto", "paragraph"):
        env.filters[name] = passthrough
    return env.from_string(source), template_context(report.answers, lang)


def warm_ratio() -> tuple[float, float, float]:
    report = check_bytes(example_text(EXAMPLE).encode("utf-8"))
    build_notice(report, "fi")  # the first render loads templates and Babel data
    template, context = bare_template_like(report, "fi")
    template.render(context)
    ours = timed(lambda: build_notice(report, "fi"), 300)
    bare = timed(lambda: template.render(context), 300)
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
