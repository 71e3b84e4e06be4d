"""No working vocabulary reaches a reader: the text of every page in both languages, the policy citations and
the command line's output name documents as a citizen looks them up (title, issuer, 文号, date, article),
never the project's own files ("seed" files, their hash names, the rules digest, issue numbers).

"随机种子" / "random seed" is the simulation's own input (the same seed gives the same population) and
is allowed (and its parameter name ``seed`` in the population's assumptions table); a seed *file* or
*document* is not."""

from __future__ import annotations

import re

import pytest
from dashboard_helpers import shown_texts, start

from calculator.cli import main
from calculator.registry import default_registry

INTERNAL = re.compile(
    r"种子文件|种子文档|seed files?|seed doc|seeds/|RULES\.md|(?-i:\bRULES\b)|digest|摘要文件|议题|issue \d|issue #"
    r"|[0-9a-f]{8,}\.txt|/work/",
    re.IGNORECASE,
)
RANDOM_SEED = re.compile(
    r"随机种子|相同种子|random seed|same seed|\(seed \d+\)|（随机种子 \d+）|&seed=\d+|seed=\d+|and seed|^seed$",
    re.IGNORECASE,
)
PAGES = ["my_case", "ledger", "examples", "regions", "sandbox", "population", "practice", "sources"]
RETIREE = {"status": "retired", "age": "62", "spending": "2800", "level": "2"}


def leaks(texts: list[str]) -> list[str]:
    """The texts that hold a working word, with the simulation's random seed taken out first."""
    found = []
    for text in texts:
        plain = RANDOM_SEED.sub("", str(text))
        if INTERNAL.search(plain) or re.search(r"种子|\bseed\b", plain, re.IGNORECASE):
            found.append(str(text)[:160])
    return found


def page_texts(app) -> list[str]:
    """What a reader can see on the page: every element's text, the ⓘ help, tables' cells, charts' titles."""
    texts = shown_texts(app)
    for kind in ("radio", "selectbox", "text_input", "number_input", "slider", "toggle", "button"):
        texts += [str(widget.help or "") for widget in getattr(app, kind)]
    for table in [*app.dataframe, *app.table]:
        texts += [str(cell) for cell in table.value.astype(str).to_numpy().ravel()]
        texts += [str(column) for column in table.value.columns]
    texts += [chart.proto.spec for chart in app.get("plotly_chart")]
    return texts


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_working_words_on_any_page(lang):
    app = start({**RETIREE, "lang": lang} if lang == "en" else RETIREE, timeout=120)
    for page in PAGES:
        app.switch_page(f"app_pages/{page}.py").run(timeout=120)
        assert not app.exception, page
        texts = page_texts(app)
        assert len(texts) > 10, page
        assert not leaks(texts), (page, leaks(texts))


def test_no_working_words_in_the_citations_shown():
    registry = default_registry()
    cited = []
    for policy in registry.policies.values():
        for _, source in policy.sources():
            for lang in ("zh", "en"):
                cited.append(registry.cite(source, lang))
    assert len(cited) > 20
    assert not leaks(cited), leaks(cited)


LAOLI = ["--status", "retired", "--age", "62", "--spending", "2800", "--level", "2"]
COMMANDS = [
    ["compare", *LAOLI, "--steps"],
    ["compare", *LAOLI, "--json"],
    ["compare", "--region", "ganzhou", *LAOLI, "--pension", "3000"],
    ["compare", "--region", "tibet", *LAOLI],
    [
        "compare",
        *LAOLI[:-4],
        "--tier",
        "individual_tier1",
        "--spending",
        "100",
        "--level",
        "2",
        "--credit-before",
        "100",
    ],
    ["examples"],
    ["policies"],
    ["regions", *LAOLI, "--with-before"],
    ["regions", "--parameters"],
]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_working_words_in_the_command_line(capsys, lang):
    for command in COMMANDS:
        main([*command, "--lang", lang])
        captured = capsys.readouterr()
        output = captured.out + captured.err
        assert output.strip(), command
        assert not leaks(output.splitlines()), (command, leaks(output.splitlines()))
