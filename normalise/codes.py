"""The warning codes normalise can attach to an action, and how to make one.

Codes are stable and machine-readable (the report and changes table group by them);
messages are for people and may change.
"""

from __future__ import annotations

from normalise.records import ActionWarning

#: Every warning code normalise emits, with what it means. Published for the README and report.
WARNING_CODES: dict[str, str] = {
    # dates
    "date-unparsed": "A Start or End cell could not be read as a date, period, 'ongoing' or a "
    "recurrence; the text is kept as printed, the ISO date is empty and End's end_kind is "
    "'unknown'.",
    "date-tbc": "A Start or End cell says the date is to be confirmed (TBC, TBD, N/A ...); "
    "the ISO date is empty and End's end_kind is 'unknown'.",
    "date-text-repaired": "A date cell was read after repairing its text: a word broken by a "
    "narrow column or misspelt ('Annualy' read as 'annually'), or a bracketed note set aside "
    "('Mar-25 (revised)' read as 'Mar-25').",
    "start-not-a-date": "The Start cell holds an ongoing or recurring phrase rather than a date, "
    "so start_date is empty.",
    "end-before-start": "The End period finishes before the Start period begins.",
    # status
    "status-missing": "No status word and no RAG fill colour: status is empty.",
    "status-from-colour": "No status word was printed; the status was taken from the cell's "
    "RAG fill colour.",
    "status-colour-mismatch": "The status word and the cell's RAG fill colour disagree; the word "
    "is used.",
    "status-unknown": "The status word is not a RAG name or a known variant; it is kept as "
    "printed and status_label is empty.",
    "status-variant": "The status word is a variant of a RAG name ('Complete', 'G', 'In "
    "progress', a misspelling) and was read as that RAG status.",
    "status-ambiguous": "The status names two RAG statuses ('Amber/Green'); the more conservative "
    "one (Red < Blue < Amber < Green) is used.",
    "cross-reference": "A row with no status, team, dates or success measure whose text points "
    "to another part of the plan ('Equality Impact Assessments – see objective 12'); it is "
    "kept in the snapshot but not counted in the RAG totals.",
    # references
    "ref-repaired": "A printed number formatted as a decimal was repaired (the '3.1' after 3.9 "
    "is 3.10); unnumbered actions after it follow the repaired number.",
    "ref-gap": "Numbers are missing before this action within its objective (no 5.5 between "
    "5.4 and 5.6).",
    "ref-duplicate": "This number was already used within the objective; it is kept as printed.",
    "ref-out-of-order": "This number is lower than an earlier number in the objective and is not "
    "a decimal-formatting slip; it is kept as printed.",
    "ref-objective-mismatch": "The number's prefix is not the objective the action sits under.",
    "ref-unparsed": "The printed number is not of the form <objective>.<n>; it is kept as printed.",
    "ref-missing": "The action has no printed number and no reference could be derived.",
    "text-kept-as-printed": "Cleaning this cell would have dropped printed letters or digits "
    "(the message lists them), so the cell is kept as printed, only its spaces collapsed.",
    # carried from ingest
    "stitched": "Ingest stitched this action together from fragments split across a page break.",
    "ingest-note": "Another observation made by ingest (the message holds ingest's flag).",
}

#: How much attention each code asks for: "check" means a person should look at the row
#: (the document may be wrong or was not read); "info" records a repair or a reading choice.
WARNING_LEVELS: dict[str, str] = {
    code: "info"
    for code in (
        "date-tbc",
        "date-text-repaired",
        "start-not-a-date",
        "status-from-colour",
        "status-variant",
        "cross-reference",
        "ref-repaired",
        "stitched",
        "ingest-note",
    )
} | {
    code: "check"
    for code in (
        "date-unparsed",
        "end-before-start",
        "status-missing",
        "status-colour-mismatch",
        "status-unknown",
        "status-ambiguous",
        "ref-gap",
        "ref-duplicate",
        "ref-out-of-order",
        "ref-objective-mismatch",
        "ref-unparsed",
        "ref-missing",
        "text-kept-as-printed",
    )
}


def warning(code: str, message: str, field: str = "") -> ActionWarning:
    """An ActionWarning with a code that must be one of WARNING_CODES (a typo fails loudly)."""
    if code not in WARNING_CODES:
        raise KeyError(f"unknown warning code {code!r}")
    return ActionWarning(code=code, message=message, field=field)
