"""关于 / Sources: the documents, what each parameter rests on, secondary-source defaults, errata, disclaimer.

Everything is read from the policy files (:meth:`Policy.sources`), ``policies/documents.yaml``
(:attr:`Registry.documents`) and the examples file; nothing is written here by hand except the labels.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from calculator.overrides import source_label
from calculator.policy_model import Policy
from calculator.registry import default_registry
from dashboard import compute, downloads
from dashboard.explain import cite_in, in_language
from dashboard.formatting import plain
from dashboard.i18n import lang, t

registry = default_registry()
code = lang()

# Notes written for the command line name an input by its field ("credit_before", "references.x"): the page
# names it as the form does, in the page's language.
_FIELD = re.compile(r"\breferences\.([a-z_]+)\b|\b(other_schemes_paid|other_paid|credit_before|credit_after)\b")
_FIELD_LABEL = {
    "other_schemes_paid": "person.other",
    "other_paid": "visit.other_paid",
    "credit_before": "person.credit_before",
    "credit_after": "person.credit_after",
}
_UNIT = re.compile(r"\s*[（(][^（）()]*(?:元|yuan)[)）]$")


def in_words(text: str, policy: Policy) -> str:
    """``text`` with every input's field name replaced by the form's label for it (no unit), in quotes."""

    def label(match: re.Match) -> str:
        if match.group(1):
            reference = policy.references.get(match.group(1))
            words = reference.label.in_lang(code) if reference else match.group(0)
        else:
            words = _UNIT.sub("", t(_FIELD_LABEL[match.group(2)]))
        return f"“{words}”" if code == "en" else f"「{words}」"

    return _FIELD.sub(label, text)


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
            t("sources.number"): document.number.in_lang(code) if document.number else "",
            t("sources.date"): document.date_text(code) or "",
        }
        for document in registry.documents.values()
    ]
)
st.dataframe(documents, hide_index=True)
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
                t("sources.path"): source_label(policy, path, code),
                t("sources.cite"): cite_in(source, code),
                t("sources.note"): in_words(in_language(source.note or source.origin, code), policy),
                t("sources.secondary"): t("sources.yes") if source.secondary else t("sources.no"),
            }
        )
        if source.secondary:
            secondary.append((policy, path, source))
    with st.expander(policy.title.in_lang(code)):
        st.dataframe(pd.DataFrame(rows), hide_index=True)
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
