"""The chronology's review page in ``python build.py serve``: each entry beside the
sentences it was read from, with accept, edit text, change date, merge, split and
drop. Every decision is written to ``manuscript/chronology.yaml``, the author's
correction file, so the next build (the preview's own, at once) prints the reviewed
appendix, and the file stays the one place where corrections live.

A decision replaces the entry of the same date, place and kind that the file
already holds, in place, keeping the author's other lines and comments; a new one
is added at the end.

>>> print(correction_text({"date": "1994-05-05", "place": "Bişkek Protokolü", "text": "A: \\"b\\""}))
- date: 1994-05-05
  place: "Bişkek Protokolü"
  text: "A: \\"b\\""
<BLANKLINE>
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from core.names import CHRONOLOGY_FILE
from core.templatepath import TemplatePath, template_path

# What each action writes, besides the date and the place it names.
ACTIONS = {"accept": "text", "text": "text", "date": "new-date", "split": "split", "drop": "drop",
           "merge": "merge"}


@dataclass
class Place:
    section: str
    sentence: str
    snippet: str        # the words chronology.yaml names the place by


@dataclass
class Entry:
    iso: str
    shown: str          # the date as the appendix prints it
    text: str
    automatic: str      # the text the build read, before any correction
    places: list[Place]
    weak: list[str]
    inferred: str | None


def snippet(sentence: str, limit: int = 60) -> str:
    """The first words of a place's sentence, enough to tell it from the others of its day.

    >>> snippet("Bişkek Protokolü 5 Mayıs 1994’te imzalanmıştır ve ateşkes başlamıştır, uzun bir cümle.", 40)
    'Bişkek Protokolü 5 Mayıs 1994’te'
    """
    words = " ".join(sentence.split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0]


def entries(root: Path) -> tuple[list[Entry], str]:
    """The entries the next build prints, and the document's language."""
    from filters.dates import format_long
    from press.pipeline import chronology_events

    events, lang = chronology_events(root)
    return [Entry(event.span.iso, format_long(event.span, lang), event.text, event.chosen.text,
                  [Place(place.title + (f", {place.note}" if place.note else ""), " ".join(place.sentence.split()),
                         snippet(place.sentence)) for place in event.places],
                  list(event.weak), event.inferred) for event in events], lang


def page(entries: list[Entry], lang: str, token: str, templates: TemplatePath = template_path()) -> str:
    """The review page (``review/chronology.html.j2`` through the template path)."""
    from core.templating import template_environment, template_errors

    same_day: dict[str, int] = {}
    for entry in entries:
        same_day[entry.iso] = same_day.get(entry.iso, 0) + 1
    with template_errors():
        env = template_environment(templates.subfolders("review"), autoescape=True, trim_blocks=True,
                                   lstrip_blocks=True)
        return env.get_template("chronology.html.j2").render(entries=entries, lang=lang, token=token,
                                                              same_day=same_day)


def correction_text(fields: dict[str, str]) -> str:
    """One entry of chronology.yaml; every value a JSON string (valid YAML, any text)."""
    lines = [f"- date: {fields['date']}"]
    for key, value in fields.items():
        if key != "date":
            lines.append(f"  {key}: {value if value == 'true' else json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def decision(action: str, iso: str, place: str = "", text: str = "", new_date: str = "") -> dict[str, str]:
    """The chronology.yaml entry an action on the review page writes.

    >>> decision("drop", "2021-01", "Ocak 2021")
    {'date': '2021-01', 'place': 'Ocak 2021', 'drop': 'true'}
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    fields = {"date": iso}
    if place and action != "merge":
        fields["place"] = place
    value = {"text": text, "accept": text, "date": new_date}.get(action, "true")
    if not value.strip():
        raise ValueError(f"the action {action!r} needs a value")
    fields[ACTIONS[action]] = " ".join(value.split())
    return fields


def record(root: Path, fields: dict[str, str]) -> Path:
    """Write a decision into the project's chronology.yaml, in place of an entry of the
    same date, place and kind, else at the end; the file, created if need be."""
    import yaml

    path = root / "manuscript" / CHRONOLOGY_FILE
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    lines = text.splitlines(keepends=True)
    kind = next(key for key in fields if key not in ("date", "place"))
    node = yaml.compose(text) if text.strip() else None
    for item in (node.value if isinstance(node, yaml.SequenceNode) else []):
        values = {key.value: value.value for key, value in getattr(item, "value", [])
                  if isinstance(value, yaml.ScalarNode)}
        if values.get("date") == fields["date"] and values.get("place", "") == fields.get("place", "") \
                and kind in values:
            start, end = item.start_mark.line, item.end_mark.line + (1 if item.end_mark.column else 0)
            lines[start:end] = [correction_text(fields)]
            break
    else:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines.append(correction_text(fields))
    path.write_text("".join(lines), encoding="utf-8")
    return path
