"""What the benchmarks wait for on the screen, taken from the chat's own words and questions, so that a changed
question cannot leave a benchmark waiting for words the chat no longer shows (`tests/test_benchmarks.py` checks
that the chat shows each of them)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from wizard.conversation import notice_language_question  # noqa: E402
from wizard.i18n import _  # noqa: E402
from wizard.languages import language  # noqa: E402

# A marker is looked for in what the program writes to its terminal, so it must not straddle a wrapped line or
# a change of style: the leading words of a text, up to this many characters, are on one line in one style.
WIDTH = 32


def leading_words(text: str, width: int = WIDTH) -> str:
    """The first words of `text` that fit in `width` characters (at least the first word)."""
    words = text.split()
    kept = words[:1]
    for word in words[1:]:
        if len(" ".join([*kept, word])) > width:
            break
        kept.append(word)
    return " ".join(kept)


def language_picker(lang: str) -> str:
    """The first screen's question, in `lang` (the screen asks it in every language at once)."""
    return leading_words(language(lang).which_language)


def first_question(lang: str) -> str:
    """The interview's first question, the notice's language, in `lang`."""
    return leading_words(notice_language_question(lang))


def review_title(lang: str) -> str:
    return _("Review your answers", lang)  # wizard/tui/screens/review.py


def form_hint(lang: str) -> str:
    """Shown below a form's boxes (a purpose's, a recipient's)."""
    return leading_words(_("Tab moves to the next box; Enter in the last box saves.", lang))  # wizard/tui/screens/chat.py


def section_title(section_id: str, lang: str) -> str:
    from wizard.questionnaire import load_questionnaire

    (title,) = [section.title for section in load_questionnaire().sections if section.id == section_id]
    return _(title, lang)
