"""Reading answers stays bounded: a file far larger than any answers is refused with a clear message before
it is read to the end, and the C parser and PyYAML's own read every file alike."""

from __future__ import annotations

import io

import pytest

from wizard import loader
from wizard.cli import run
from wizard.loader import MAX_COLLECTION_ITEMS, MAX_NODES, ReadProblem, parse


def check_output(text: str, tmp_path) -> tuple[int, str]:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    return run(["--lang", "en", "check", str(path)], stdout=out), out.getvalue()


def test_a_long_flow_list_is_refused_with_the_line_it_starts_on(tmp_path) -> None:
    text = "schema_version: 2\nprocessing:\n  data_subjects: [" + "a, " * 100_000 + "a]\n"
    code, output = check_output(text, tmp_path)
    assert code == 2
    assert f"line 3\n  A list or group of fields in the file has more than {MAX_COLLECTION_ITEMS} items" in output


def test_a_group_with_thousands_of_fields_is_refused(tmp_path) -> None:
    text = "controller:\n" + "".join(f"  field{n}: x\n" for n in range(MAX_COLLECTION_ITEMS + 1))
    code, output = check_output(text, tmp_path)
    assert code == 2
    assert f"has more than {MAX_COLLECTION_ITEMS} items" in output


def test_a_list_at_the_bound_is_read_and_the_model_says_how_many_it_takes(tmp_path) -> None:
    text = "processing:\n  data_subjects:\n" + "    - a\n" * MAX_COLLECTION_ITEMS
    code, output = check_output(text, tmp_path)
    assert code == 1
    assert "processing.data_subjects has too many items: at most 100" in output


def test_too_many_values_in_all_is_refused_in_finnish_too(tmp_path) -> None:
    rows = MAX_NODES // 500 + 1
    text = "x:\n" + "".join("  - [" + ", ".join(["a"] * 499) + "]\n" for _ in range(rows))
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    english, finnish = io.StringIO(), io.StringIO()
    assert run(["--lang", "en", "check", str(path)], stdout=english) == 2
    assert run(["--lang", "fi", "check", str(path)], stdout=finnish) == 2
    assert f"The file holds more than {MAX_NODES} values" in english.getvalue()
    assert f"Tiedostossa on yli {MAX_NODES} arvoa" in finnish.getvalue()


class _PurePython(loader._AnswersComposer, loader._PythonEvents):
    def __init__(self, stream: str) -> None:
        loader._PythonEvents.__init__(self, stream)
        loader._AnswersComposer.__init__(self)


SAMPLES = [
    "controller:\n  postal_code: 00100\n  country: NO\n  flag: yes\n  on: true\n  empty:\n  date: 2026-11-22\n",
    "a: [1, 2.5, '3']\nb: {c: d}\n# comment\ne: |\n  two\n  lines\n",
    "a: 1\na: 2\n",
    "a: &x 1\nb: *x\n",
    "a: !!int 5\n",
    "[1, 2]\n",
    "a: [1, 2\nb: 3\n",
    "a:\n\t- 1\n",
    "a: 1\n---\nb: 2\n",
    "a: b: c\n",
    "x: " + "[" * 2000 + "]" * 2000 + "\n",
]


def _outcome(text: str) -> object:
    try:
        loaded = parse(text)
    except ReadProblem as problem:
        return problem.code, problem.line
    return loaded.data, loaded.lines


@pytest.mark.parametrize("text", SAMPLES, ids=range(len(SAMPLES)))
def test_the_c_parser_and_pyyaml_read_a_file_alike(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with_libyaml = _outcome(text)
    monkeypatch.setattr(loader, "_AnswersLoader", _PurePython)
    assert _outcome(text) == with_libyaml


def test_00100_stays_text_and_no_stays_norway() -> None:
    data = parse(SAMPLES[0]).data["controller"]
    assert data["postal_code"] == "00100" and data["country"] == "NO" and data["flag"] == "yes"
    assert data["on"] is True and data["empty"] is None and data["date"] == "2026-11-22"
