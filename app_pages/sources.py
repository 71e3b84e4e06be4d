"""关于 / Sources: the documents, what each parameter rests on, secondary-source defaults, errata, disclaimer.

Everything is read from the policy files (:meth:`Policy.sources`), ``policies/documents.yaml``
(:attr:`Registry.documents`) and the examples file; nothing is written here by hand except the labels.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculator.overrides import source_label
from calculator.policy_model import Policy
from calculator.registry import default_registry
from calculator.words import capitalised
from dashboard import compute, downloads, field_words
from dashboard.explain import cite_in, in_language
from dashboard.formatting import plain
from dashboard.i18n import lang, t
from dashboard.reading_table import show_table

registry = default_registry()
code = lang()


def in_words(text: str, policy: Policy) -> str:
    """A note written for the command line names an input by its field: the page names it as the form does."""
    return field_words.in_words(text, code, policy.references)


def note_text(note: str | None, policy: Policy) -> str:
    """A parameter's note in the page's language; a note written only in the other language is shown as
    written and said to be so, never left out (it may say that a number is an assumption, not a rule)."""
    if not note:
        return ""
    own = in_language(note, code)
    if own:
        return in_words(own, policy)
    return t("sources.note_other", note=in_words(in_language(note, "zh" if code == "en" else "en") or note, policy))


st.title(t("sources.title"))
st.warning(t("sources.disclaimer"), icon=":material/gavel:")

st.subheader(t("sources.documents"))
documents = pd.DataFrame(
    [
        {
            t("sources.document"): document.title.in_lang(code),
            t("sources.issuer"): (
                document.issuer.in_lang(code)
                if document.issuer
                else t("sources.secondary_doc")
                if document.secondary
                else t("sources.issuer_not_stated")  # e.g. a Q&A page that names no issuing office
            ),
            t("sources.number"): document.number.in_lang(code) if document.number else t("sources.no_number"),
            t("sources.date"): document.date_text(code) or t("sources.no_date"),
        }
        for document in registry.documents.values()
    ]
)
show_table(documents, "sources-documents", unbroken_from=3)  # 文号 and date on one line
downloads.csv_button(
    documents,
    name=t("csv.name.documents"),
    page=t("nav.sources"),
    header=downloads.policy_lines(list(registry.policies.values())),
    key="csv.documents",
)

st.subheader(t("sources.parameters"))
secondary = []
for policy in registry.policies.values():
    rows = []
    for path, source in policy.sources():
        rows.append(
            {
                t("sources.path"): capitalised(source_label(policy, path, code)),  # standing alone
                t("sources.cite"): cite_in(source, code),
                t("sources.note"): note_text(source.note or source.origin, policy),
                t("sources.secondary"): t("sources.yes") if source.secondary else t("sources.no"),
            }
        )
        if source.secondary:
            secondary.append((policy, path, source))
    with st.expander(policy.title.in_lang(code)):
        show_table(pd.DataFrame(rows), f"sources-{policy.id}")
        downloads.csv_button(
            rows,
            name=t("csv.name.sources"),
            page=t("nav.sources"),
            case=policy.title.in_lang(code),
            header=downloads.policy_lines([policy]),
            key=f"csv.sources.{policy.id}",
        )
        for note in policy.notes:
            st.markdown("- " + plain(in_words(note.in_lang(code), policy)))

st.subheader(t("sources.secondary_list"))
st.markdown(
    "\n".join(
        f"- **{plain(policy.title.in_lang(code))}** · {plain(source_label(policy, path, code))} — "
        f"{plain(in_language(source.ref, code) or t('sources.secondary_doc'))}"
        + (f"; {plain(in_language(source.origin, code))}" if in_language(source.origin, code) else "")
        for policy, path, source in secondary
    )
)

st.subheader(t("sources.errata"))
for run in compute.official_examples():
    if not run.example.errata:
        continue
    st.markdown(f"**{plain(run.example.name.in_lang(code))}**")
    st.markdown("\n".join("- " + plain(erratum.in_lang(code)) for erratum in run.example.errata))

st.subheader(t("sources.disclaimer_title"))
st.markdown(t("sources.disclaimer"))
