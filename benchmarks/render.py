"""How fast a notice renders, as ratios against baselines measured in the same run.

1. Warm: rendering a full notice (answers already checked: facts, clause selection, Babel formatting, Markdown
   escaping, tidying) against a bare Jinja2 render of a template of the same size: the same clause templates
   joined into one, rendered by a plain Environment whose filters pass values through. Templates stay
   compiled, but the memos of escaped values and tidied clauses are emptied before every render, so no
   render is a cache hit. Target: <= 2.
2. Cold: a whole `seloste render` (md) process against `python -c "import pydantic, jinja2, babel, yaml; from
   pydantic import BaseModel"`, the least such a process imports; CPU-time medians, the two taking turns.
   Target: <= 2.0 (benchmarks/cli.py has the other formats and commands).

Run: .venv/bin/python benchmarks/render.py   (prints the two ratios last)
"""

from __future__ import annotations

import os
import resource
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


def without_memos(render):
    """`render`, after emptying the memos that would otherwise hand back the previous render's pieces."""
    from wizard import notice

    def fresh() -> object:
        for memo in (notice._escape_text, notice.tidy, notice.format_phone):
            memo.cache_clear()
        return render()

    return fresh


def warm_ratio() -> tuple[float, float, float]:
    report = check_bytes(example_text(EXAMPLE).encode("utf-8"))
    build_notice(report, "fi")  # the first render loads templates and Babel data
    template, context = bare_template_like(report, "fi")
    template.render(context)
    ours = timed(without_memos(lambda: build_notice(report, "fi")), 300)
    bare = timed(without_memos(lambda: template.render(context)), 300)
    return ours, bare, ours / bare


def child_cpu(command: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, capture_output=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cold_ratio(rounds: int = 11) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "answers.yaml"
        answers.write_text(example_text(EXAMPLE), encoding="utf-8")
        env = {**os.environ, "SELOSTE_CACHE_DIR": str(Path(folder) / "cache")}
        ours_cmd = [sys.executable, "-m", "wizard", "render", str(answers), "--lang", "fi", "--format", "md"]
        bare_cmd = [sys.executable, "-c", "import pydantic, jinja2, babel, yaml; from pydantic import BaseModel"]
        child_cpu(ours_cmd, env), child_cpu(bare_cmd, env)  # the page cache, and seloste's cache, as after a first run
        ours, bare = [], []
        for _ in range(rounds):  # turn about, so a busy moment of the machine falls on both
            bare.append(child_cpu(bare_cmd, env))
            ours.append(child_cpu(ours_cmd, env))
    return statistics.median(ours), statistics.median(bare), statistics.median(ours) / statistics.median(bare)


def main() -> None:
    ours, bare, warm = warm_ratio()
    print(f"warm render of the {EXAMPLE} notice: {ours * 1000:.2f} ms; bare Jinja2 render of the same size: {bare * 1000:.3f} ms")
    ours_cold, bare_cold, cold = cold_ratio()
    print(f"cold `seloste render` process: {ours_cold * 1000:.0f} ms CPU; `import pydantic, jinja2, babel, yaml; from pydantic import BaseModel`: {bare_cold * 1000:.0f} ms CPU")
    print(f"warm render ratio: {warm:.2f} (target <= 2)")
    print(f"cold render ratio: {cold:.2f} (target <= 2.0)")


if __name__ == "__main__":
    main()
