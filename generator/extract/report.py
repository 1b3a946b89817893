"""The review report: what was found, where, and which drafts were written."""

from __future__ import annotations

from pathlib import Path

from generator.extract.model import AmountFound, Evidence, Extraction


def _at(found: Evidence) -> str:
    return f"chars {found.span.start}-{found.span.end}"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _amount(amount: AmountFound) -> str:
    if amount.count is not None:
        minimum = "at least " if amount.count_is_minimum else ""
        return f"{amount.kind}: {minimum}{amount.count}"
    value = f"{amount.value:,.0f}" if amount.value is not None else "?"
    return f"{amount.kind}: {value} {amount.currency} (period {amount.period})"


def render(
    extraction: Extraction,
    article: str,
    written: list[Path],
    target: str,
    merges: tuple[str, ...] = (),
) -> str:
    """The report as text, one section per kind; every line names its span."""
    lines = [f"Extracted from {article} (source id: {extraction.source_id})"]
    lines.append(f"  language: {extraction.lang} ({extraction.lang_note})")
    if extraction.date is None:
        lines.append("  date: not found")
    elif extraction.date_evidence is None:
        lines.append(f"  date: {extraction.date} (given)")
    else:
        lines.append(f"  date: {extraction.date} (found at {_at(extraction.date_evidence)})")
    lines += [f"  note: {note}" for note in extraction.notes]

    lines.append(f"\nKnown people ({len(extraction.people)}):")
    for person in extraction.people:
        places = ", ".join(f"{_at(m)} {m.text!r}" for m in person.mentions)
        lines.append(f"  {person.ref.id}: {len(person.mentions)} mention(s): {places}")
    lines.append(f"\nCandidate new people ({len(extraction.candidates)}):")
    for person in extraction.candidates:
        title = person.position.text if person.position else "?"
        lines.append(
            f"  {person.ref.id}: {person.ref.name!r}, title {title!r}, country "
            f"{person.country or '?'}; {len(person.mentions)} mention(s)"
        )
    lines.append(f"\nDates ({len(extraction.dates)}):")
    for date in extraction.dates:
        lines.append(
            f"  {_at(date.evidence)} {date.evidence.text!r} -> {date.value or '?'} "
            f"({date.precision}; {date.kind}: {date.note})"
        )
    lines.append(f"\nVisits ({len(extraction.visits)}):")
    for visit in extraction.visits:
        places = ", ".join(place.en for place, _ in visit.places)
        start = visit.start_date
        when = f"{start.value} ({start.precision})" if start and start.value else "no date"
        lines.append(
            f"  {visit.id}: {visit.visitor.id} {visit.from_country or '?'} -> "
            f"{visit.to_country or '?'}{f' ({places})' if places else ''}, {when}, "
            f"{visit.classification}; {len(visit.mentions)} mention(s) at "
            f"{', '.join(_at(m.trigger) for m in visit.mentions)}"
        )
        if visit.existing:
            lines.append(f"    already in site_data as visit '{visit.existing}'")
        for amount in visit.outcomes:
            lines.append(f"    outcome {_amount(amount)} at {_at(amount.evidence)}")
    lines.append(f"\nQuotes ({len(extraction.quotes)}):")
    for quote in extraction.quotes:
        speaker = quote.speaker.id if quote.speaker else "SPEAKER?"
        lines.append(
            f"  {_at(quote.evidence)} {speaker} [{quote.lang}]: {_short(quote.evidence.text)!r}"
        )
    lines.append(f"\nAmounts and counts ({len(extraction.amounts)}):")
    for amount in extraction.amounts:
        lines.append(f"  {_at(amount.evidence)} {amount.evidence.text!r} -> {_amount(amount)}")
    lines.append(f"\nDrafts written to {target}/ ({len(written)} files):")
    lines += [f"  {path.as_posix()}" for path in written]
    if merges:
        lines.append(f"\nMerge drafts ({len(merges)}): site_data/ already has these files; merge "
                     "by hand, do not move them:")  # fmt: skip
        lines += [f"  {name}" for name in merges]
    lines.append(
        "\nWhat rules guessed is marked '# REVIEW:' in the drafts, with its doubt; review.yml "
        "lists the notes, most doubtful first. Check them before moving a draft into site_data/."
    )
    return "\n".join(lines)
