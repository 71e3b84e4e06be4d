"""The sandbox's what-if in the URL, parameters and sources named in words, and no internal vocabulary in
anything a user reads (AppTest and the CLI)."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from dashboard_helpers import APP, ROOT, shown_texts, start, unescape
from streamlit.testing.v1 import AppTest

from calculator.examples import example_flags
from calculator.overrides import overridable_parameters, source_label
from calculator.registry import default_registry
from dashboard import sandbox_link
from dashboard.i18n import TEXT
from dashboard.state import PAGE_KEYS

#: words of the project's own workshop that a citizen must never read
INTERNAL = re.compile(
    r"seed file|the seeds?\b|种子文件|RULES\.md|digest|\d{3}_[0-9a-f]{16}\.txt|issue \d"
    r"|\b\d{3} 问题",  # a document named by its working file number ("004 问题4") instead of its title
    re.IGNORECASE,
)


def open_sandbox(query: dict[str, str]) -> AppTest:
    """The sandbox page opened straight from a link (``/sandbox?…``), as a browser does."""
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params.update(query)
    app.switch_page("app_pages/sandbox.py")
    return app.run()


def test_a_sandbox_link_reproduces_the_what_if_and_names_what_it_refuses():
    app = open_sandbox(
        {"sandbox": "chongqing-2024", "change": "deductible.in_service:0,bogus.path:5,rates.in_service.3:150"}
    )
    assert not app.exception
    assert app.number_input(key="sb.chongqing-2024.deductible.in_service").value == 0.0
    # the default person (3,000 at level 2, in service): (3,000 − 0) × 60% = 1,800 pooled instead of
    # (3,000 − 200) × 60% = 1,680, so 120 more stays in the account
    assert app.table[0].value.iloc[0, -1] == "受益 ¥120.00"
    refused = " ".join(unescape(warning.value) for warning in app.warning)
    assert "bogus.path:5" in refused and "rates.in_service.3:150" in refused
    assert "deductible.in_service:0" not in refused
    # the rate the link asked for (150 %) was not applied: the widget keeps the policy's 50 %
    assert app.number_input(key="sb.chongqing-2024.rates.in_service.3").value == 50.0
    assert app.query_params["sandbox"] == "chongqing-2024"
    assert app.query_params["change"] == "deductible.in_service:0"


def test_changing_a_parameter_writes_the_link_and_the_link_opens_it_again():
    app = start()
    app.switch_page("app_pages/sandbox.py").run()
    app.number_input(key="sb.chongqing-2024.deductible.retired").set_value(50.0).run()
    link = {key: app.query_params[key] for key in ("sandbox", "change")}
    assert link == {"sandbox": "chongqing-2024", "change": "deductible.retired:50"}
    again = open_sandbox(link)
    assert again.number_input(key="sb.chongqing-2024.deductible.retired").value == 50.0
    assert not again.warning
    # 老李 (retired, 2,800 at level 2): (2,800 − 50) × 70% = 1,925 pooled instead of 1,890 → 35 less own share
    examples = again.table[1].value
    assert examples.iloc[5, -1] == "受益 ¥35.00"


def test_a_link_to_a_policy_the_sandbox_does_not_offer_is_refused_and_named():
    app = open_sandbox({"sandbox": "../../etc/passwd", "change": "deductible.in_service:100"})
    assert not app.exception
    assert any("../../etc/passwd" in unescape(warning.value) for warning in app.warning)
    # the change still applies to the default starting policy
    assert app.number_input(key="sb.chongqing-2024.deductible.in_service").value == 100.0


@pytest.mark.parametrize(
    "item", ["deductible.in_service:-5", "deductible.in_service:1e9999", "deductible.in_service:NaN", "x" * 300]
)
def test_hostile_change_items_are_refused(item):
    parameters = overridable_parameters(default_registry().get("chongqing-2024"))
    kept, refused = sandbox_link.read_changes({"change": item + ",cap.retired:900"}, parameters)
    assert kept == {"cap.retired": Decimal("900")}
    assert len(refused) == 1 and len(refused[0]) <= sandbox_link.MAX_NAME_CHARS + 1


def test_the_sandbox_keys_are_page_keys_not_person_fields():
    assert set(sandbox_link.URL_KEYS) <= set(PAGE_KEYS)
    assert {"ex", "present"} <= set(PAGE_KEYS)


def test_parameters_are_named_in_words_in_both_languages():
    registry = default_registry()
    labels = {p.path: (p.label("zh"), p.label("en")) for p in overridable_parameters(registry.get("chongqing-2024"))}
    assert labels["deductible.retired"] == ("起付标准 · 退休", "deductible · retired")
    assert labels["rates.in_service.3"] == ("支付比例 · 在职 · 三级", "rate · in service · level 3")
    # the retiree credit's two age bands: under 70 and from 70
    assert labels["credit.retired.bands.0.amount"][0] == "个人账户划入 · 退休 · 金额（70岁以下）"
    assert labels["credit.retired.bands.1.amount"][0] == "个人账户划入 · 退休 · 金额（70岁起）"
    policy = registry.get("chongqing-2024")
    assert source_label(policy, "pooling.deductible", "zh") == "起付标准"
    assert source_label(policy, "pooling.deductible", "en") == "deductible"


def test_sandbox_and_sources_pages_show_no_code_paths():
    app = start()
    for page in ("app_pages/sandbox.py", "app_pages/sources.py"):
        app.switch_page(page).run()
        texts = " ".join(shown_texts(app))
        assert "deductible.retired" not in texts and "pooling.deductible" not in texts, page
        for frame in [*app.dataframe, *app.table]:
            cells = " ".join(str(cell) for cell in frame.value.to_numpy().ravel())
            assert not re.search(r"\b(pooling|account)\.\w+", cells), page


def test_the_chinese_sources_page_has_no_english_notes_and_no_field_names():
    """Notes written in both languages show only their Chinese clauses on the Chinese page, and an input
    is named as the form names it (「改革前年度划入」), never by its field (credit_before, references.x)."""
    app = start()
    app.switch_page("app_pages/sources.py").run()
    texts = shown_texts(app)
    cells = [str(cell) for frame in app.table for cell in frame.value.to_numpy().ravel()]
    assert cells
    # a note written only in English is shown as such, marked (see test_sources_page); the rest is Chinese
    cells = [cell for cell in cells if not cell.startswith("（仅有英文备注）")]
    english = re.compile(r"[A-Za-z']{2,}(?:[ ,]+[A-Za-z']+){2,}")  # three English words in a row
    field = re.compile(r"\b[a-z]+_[a-z_]+\b|\breferences\b")
    assert not [text for text in texts + cells if english.search(text)], [
        text for text in texts + cells if english.search(text)
    ][:3]
    assert not [text for text in texts + cells if field.search(text)], [
        text for text in texts + cells if field.search(text)
    ][:3]
    joined = " ".join(texts)
    assert "「改革前年度划入」" in joined  # Tibet's pre-reform credit, asked for by the form's words
    assert "「江西省改革当年（2023年）基本养老金月平均水平」" in joined  # Ganzhou's note, by the reference's label
    assert "「统筹地区改革当年基本养老金月平均水平」" in joined
    assert "国家医保局答记者问 问题4" in joined  # the national template's note cites the Q&A by name
    # a Ganzhou note: its Chinese clause stays, the English reading after "（第五条（三）（四））." goes
    assert any("退休人员年度最高支付限额提高至2000元" in cell for cell in cells)
    assert not any("TCM and" in cell for cell in cells)


def test_the_chinese_regions_page_cites_without_english():
    """A reference written in both languages (Chongqing's pre-reform credit at 45 and over: "个人2% + 单位1.7%;
    own 2% + employer 1.7% at 45 and over") is cited in the page's language only."""
    app = start()
    app.switch_page("app_pages/regions.py").run()
    texts = [unescape(text) for text in shown_texts(app)]
    english = re.compile(r"[A-Za-z']{2,}(?:[ ,]+[A-Za-z']+){2,}")
    assert not [text for text in texts if english.search(text)], [text for text in texts if english.search(text)][:3]
    assert any("45岁及以上：个人2% + 单位1.7%（二手资料，正式文件未载）" in text for text in texts)


def test_documents_are_named_by_title_issuer_number_and_date():
    documents = default_registry().documents
    rules = documents["cq_rules"]
    assert rules.name("zh") == (
        "《重庆市建立健全职工基本医疗保险门诊共济保障机制实施细则》"
        "（重庆市医疗保障局、重庆市财政局，渝医保发〔2023〕32号，2023年12月11日）"
    )
    guideline = documents["state_guideline"].name("en")
    assert "Guobanfa [2021] No. 14" in guideline and "2021-04-13" in guideline


def user_texts() -> list[str]:
    """Every text a user can read that comes from data: UI strings, documents, policy and example text."""
    registry = default_registry()
    texts = [text for pair in TEXT.values() for text in pair]
    for document in registry.documents.values():
        texts += [document.name("zh"), document.name("en")]
    for policy in registry.policies.values():
        texts += [policy.title.zh, policy.title.en]
        texts += [note.zh for note in policy.notes] + [note.en for note in policy.notes]
        for path, source in policy.sources():
            texts += [source.ref, source.note or "", source.origin or "", registry.cite(source, "zh")]
            texts += [source_label(policy, path, "zh"), source_label(policy, path, "en")]
        for reference in policy.references.values():
            texts += [reference.label.zh, reference.label.en]
    return texts


def test_no_internal_words_in_anything_a_user_reads():
    leaks = [text for text in user_texts() if INTERNAL.search(text)]
    assert not leaks, leaks[:5]


def test_policy_and_example_files_name_no_working_material():
    """The data files themselves (comments and unused keys included) name documents as a reader does."""
    root = Path(__file__).resolve().parents[1]
    leaks = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in sorted([*root.glob("policies/**/*.yaml"), *root.glob("examples/*.yaml")])
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if INTERNAL.search(line)
    ]
    assert not leaks, leaks[:5]


@pytest.mark.parametrize(
    "arguments",
    [
        ["policies"],
        ["policies", "--sources", "chongqing-pre2024"],
        ["policies", "--sources", "ganzhou-2023", "--lang", "en"],
        ["regions", "--parameters"],
        ["regions", "--parameters", "--lang", "en"],
        ["compare", *example_flags("laoli"), "--steps"],
    ],
)
def test_no_internal_words_in_cli_output(arguments):
    done = subprocess.run(
        [sys.executable, "-m", "calculator", *arguments], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout.strip()
    assert not INTERNAL.search(done.stdout), INTERNAL.search(done.stdout)


@pytest.mark.parametrize(("lang", "word"), [("zh", "原文未注明"), ("en", "not stated in the document")])
def test_a_document_without_an_issuer_says_so(lang, word):
    """The Chongqing policy Q&A names no issuing office: its cell says so rather than standing empty."""
    app = start()
    if lang == "en":
        app.radio(key="lang_switch").set_value("en").run()
    app.switch_page("app_pages/sources.py").run()
    table = app.table[0].value
    qa = table[table.iloc[:, 0].str.contains("政策问答" if lang == "zh" else "policy Q&A", regex=False)]
    assert list(qa.iloc[:, 1]) == [word]
    assert (table != "").all().all()  # a document without a 文号 or a date says so too


def test_sandbox_boxes_are_labelled_with_a_capital_in_english():
    app = start()
    app.radio(key="lang_switch").set_value("en").run()
    app.switch_page("app_pages/sandbox.py").run()
    labels = [box.label for box in app.number_input]
    assert "Deductible · retired (yuan)" in labels and "Rate · in service · level 3 (%)" in labels, labels[:4]
    assert all(label[0].isupper() for label in labels), [label for label in labels if not label[0].isupper()]
