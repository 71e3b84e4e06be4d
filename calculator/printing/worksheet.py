"""The practice set on paper: an A4 worksheet with blank answer lines, and a separate answer key with the working.

Both are laid out from what :mod:`calculator.practice` already says: the case in plain words
(:func:`~calculator.practice.case_lines`, as the practice page shows it), the figures asked per side
(:func:`~calculator.practice.side_fields`), the correct figures (:func:`~calculator.practice.expected`, the
engine's settlement) and the working, step by step with the article each step rests on, worded as the
Markdown key words it (:func:`~calculator.practice.citation`). Nothing is worked out here.

A case is one block: a page break falls between cases, and inside a case only when the case alone is longer
than a page (then between its lines, a heading kept with what follows it). The first page carries the set
(region, level, seed, count) and the QR code of the link that opens the same set on the practice page; every
page's footer carries the link and the page number. Black and white: rules, tints and type weight, no colour
that carries meaning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from ..money import format_yuan
from ..practice import ANSWER_FIELDS, ANSWER_LABELS, SIDES, PracticeCase, case_lines, expected
from ..practice import side_fields as asked_fields
from ..registry import Registry, default_registry
from .content import Sources
from .link import base_url
from .qr import draw_qr
from .sheet import INK, MUTED, PT, RULE, TINT, SheetPDF

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 14.0
INNER = PAGE_W - 2 * MARGIN
QR_SIZE = 26.0
FOOT_SIZE = 6.5
FOOTER_H = 9.0  # the footer's rule, the link and the page number, below the page's last block
CASE_GAP = 5.0
PAGE_PATH = "practice"  # the practice page's address in the dashboard (app.py's url_path)

# key → (zh, en): the printed words that are not the engine's own
WORDS: dict[str, tuple[str, str]] = {
    "sheet": ("练习题", "Practice worksheet"),
    "key": ("练习答案与计算过程", "Practice answer key with the working"),
    "meta": (
        "地区：{region}　难度：{level}（{about}）　随机种子：{seed}　题数：{count}",
        "Region: {region}   Level: {level} ({about})   Seed: {seed}   Cases: {count}",
    ),
    "short": (
        "{title} · {region} · 难度 {level} · 随机种子 {seed}",
        "{title} · {region} · level {level} · seed {seed}",
    ),
    "level.1": ("全年合计，一个医疗机构等级", "one annual total at one institution level"),
    "level.2": ("其他保障先付、退休待遇、年度限额", "other schemes first, retiree rates, caps"),
    "level.3": ("多次就诊、起付线中途满、达到限额", "several visits, deductible met part-way, the cap"),
    "level.4": ("地区特有规则、无账户档次、家庭共济", "regional rules, tiers without an account, family use"),
    "name": ("姓名 ________________　　日期 ____________", "Name ________________      Date ____________"),
    "instructions": (
        "请按每题的情况，分别算出改革前、改革后各项金额，填在横线上（精确到分）。"
        "标“—”的项目该期没有门诊统筹，不必计算。",
        "For each case, work out each figure before and after the reform and write it on the line (to the fen). "
        "A figure marked “—” does not apply: that side has no outpatient pooling.",
    ),
    "key_note": (
        "每题先列正确金额，再列计算步骤；每步括号内为其依据的条款，[编号] 为所列政策文件（无括号的步骤是前面各步的算术）。",
        "Each case gives the correct figures, then the working; after each step, the article it rests on, "
        "[numbered] as in the list of sources (a step without one is arithmetic on the steps before it).",
    ),
    "link": ("扫码打开同一组练习，网页逐题批改", "Scan to open the same set; the page marks each answer"),
    "case": ("第 {n} 题", "Case {n}"),
    "item": ("项目", "Figure"),
    "blank": ("¥", "¥"),
    "not_asked": ("—", "—"),
    "working": ("计算过程 · {policy}", "The working · {policy}"),
    "rests_on": ("依据：{cite}", "rule: {cite}"),
    "sources": ("政策依据（计算步骤中的 [编号]）", "Sources (the [numbers] in the working)"),
    "page": ("第 {n} / {total} 页", "Page {n} of {total}"),
    "disclaimer": (
        "练习用题，金额按公开政策由本工具计算；正式待遇以医保经办机构结算为准。",
        "Practice cases settled by this tool from the published rules; official settlement is by the "
        "medical insurance office.",
    ),
}


def _w(key: str, lang: str, **values: object) -> str:
    zh, en = WORDS[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def practice_link(region: str, level: int, count: int, seed: int, lang: str = "zh", base: str | None = None) -> str:
    """The practice page's address with the set in it (the keys the page reads: region, difficulty, count,
    seed). ``base`` is the dashboard's address or the practice page's own (the page passes ``st.context.url``)."""
    parts = urlsplit(base_url(base))
    path = parts.path.rstrip("/")
    if path.rsplit("/", 1)[-1] != PAGE_PATH:
        path = f"{path}/{PAGE_PATH}"
    query = {"region": region, "difficulty": str(level), "count": str(count), "seed": str(seed)}
    if lang == "en":
        query["lang"] = "en"
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), ""))


# -- rows and blocks ------------------------------------------------------------------------------------


@dataclass
class Row:
    """One horizontal slice of a case: its height in mm and how to draw it with its top at y."""

    height: float
    draw: Callable[[SheetPDF, float], None]
    keep_with_next: bool = False


def _text_row(pdf: SheetPDF, text: str, size: float, *, x: float = MARGIN, indent: float = 0.0, **style) -> Row:
    width = INNER - (x - MARGIN)
    leading = style.pop("leading", 1.35)
    height = pdf.height_of(text, width, size, leading=leading, indent=indent) + 0.6

    def draw(p: SheetPDF, y: float) -> None:
        p.paragraph(x, y, width, text, size, leading=leading, indent=indent, **style)

    return Row(height, draw)


def _case_heading(pdf: SheetPDF, case: PracticeCase, lang: str, size: float) -> Row:
    height = size * PT * 1.7

    def draw(p: SheetPDF, y: float) -> None:
        p.box(MARGIN, y, INNER, height, fill=TINT)
        p.box(MARGIN, y, 1.4, height, fill=INK)
        p.put(MARGIN + 3.5, y + size * PT * 0.35, _w("case", lang, n=case.number), size, bold=True)

    return Row(height + 1.8, draw, keep_with_next=True)


_VISIT_LINE = re.compile(r"^\d+\. ")


def _case_rows(pdf: SheetPDF, case: PracticeCase, lang: str, size: float) -> list[Row]:
    """The case in plain words, line by line as the practice page shows it (Markdown marks dropped)."""
    rows = []
    for line in case_lines(case, lang):
        text = line.rstrip()
        if not text:
            continue
        if _VISIT_LINE.match(text):
            rows.append(_text_row(pdf, text, size, x=MARGIN + 4, indent=4.0))
        else:
            rows.append(_text_row(pdf, text, size))
    return rows


def _columns() -> tuple[float, float, float]:
    label_w = INNER * 0.30
    side_w = (INNER - label_w) / 2
    return label_w, side_w, side_w


def _table_head(pdf: SheetPDF, case: PracticeCase, lang: str, size: float) -> Row:
    """item | before (policy) | after (policy): the policy titles wrap inside their column."""
    label_w, side_w, _ = _columns()
    heads = [case.policy(side).title.in_lang(lang) for side in SIDES]  # each title says before/after, the dates
    lines = max(len(pdf.wrap(head, side_w - 3, size)) for head in heads)
    height = lines * size * PT * 1.3 + 2.0

    def draw(p: SheetPDF, y: float) -> None:
        p.box(MARGIN, y, INNER, height, fill=TINT)
        p.put(MARGIN + 1.5, y + 1.0, _w("item", lang), size, bold=True)
        for index, head in enumerate(heads):
            p.paragraph(
                MARGIN + label_w + index * side_w + 1.5, y + 1.0, side_w - 3, head, size, leading=1.3, bold=True
            )
        p.rule(MARGIN, y + height, MARGIN + INNER, colour=INK, width=0.3)

    return Row(height, draw, keep_with_next=True)


def _figure_rows(
    case: PracticeCase, lang: str, size: float, height: float, cell: Callable[[str, str], str | None]
) -> list[Row]:
    """One row per figure asked on either side; ``cell(side, name)`` is the amount, "" for a blank line, or
    None where the side does not ask for it."""
    label_w, side_w, _ = _columns()
    wanted = [name for name in ANSWER_FIELDS if any(name in asked_fields(case.policy(side)) for side in SIDES)]
    rows = []
    for name in wanted:

        def draw(p: SheetPDF, y: float, name: str = name) -> None:
            text_y = y + height - size * PT * 1.25 - 0.6
            p.put(MARGIN + 1.5, text_y, ANSWER_LABELS[name][1 if lang == "en" else 0], size)
            for index, side in enumerate(SIDES):
                left = MARGIN + label_w + index * side_w
                value = cell(side, name)
                if value is None:
                    p.put(left + side_w / 2, text_y, _w("not_asked", lang), size, colour=MUTED, align="C")
                elif value == "":
                    p.put(left + 2, text_y, _w("blank", lang), size)
                    p.rule(left + 5, y + height - 1.2, left + side_w - 3, colour=INK, width=0.25)
                else:
                    p.put(left + side_w - 3, text_y, value, size, align="R", bold=name == "cash_paid")
            p.rule(MARGIN, y + height, MARGIN + INNER, colour=RULE, width=0.1)

        rows.append(Row(height, draw))
    return rows


def _worksheet_block(pdf: SheetPDF, case: PracticeCase, lang: str) -> list[Row]:
    size = 9.5
    return [
        _case_heading(pdf, case, lang, 10.5),
        *_case_rows(pdf, case, lang, size),
        Row(1.5, lambda p, y: None),
        _table_head(pdf, case, lang, 8.5),
        *_figure_rows(
            case,
            lang,
            9.0,
            9.0,  # room to write a figure by hand
            lambda side, name: "" if name in asked_fields(case.policy(side)) else None,
        ),
    ]


def _key_block(pdf: SheetPDF, case: PracticeCase, lang: str, sources: Sources) -> list[Row]:
    size = 8.4
    key = case.key()
    figures = {side: expected(getattr(key, side)) for side in SIDES}

    def cell(side: str, name: str) -> str | None:
        value = figures[side].get(name)
        return None if value is None else format_yuan(value)

    rows = [
        _case_heading(pdf, case, lang, 10.5),
        *_case_rows(pdf, case, lang, size),
        Row(1.2, lambda p, y: None),
        _table_head(pdf, case, lang, 8.2),
        *_figure_rows(case, lang, 8.4, 5.3, cell),
    ]
    colon = ": " if lang == "en" else "："
    for side in SIDES:
        result = getattr(key, side)
        heading = _text_row(pdf, _w("working", lang, policy=result.policy.title.in_lang(lang)), 8.6, bold=True)
        draw_heading = heading.draw
        rows.append(Row(heading.height + 1.5, lambda p, y, draw=draw_heading: draw(p, y + 1.5), keep_with_next=True))
        for number, step in enumerate(result.steps, 1):
            # the Markdown key's sentence; the document is numbered as in the list of sources
            cite = sources.cite(step)
            text = f"{number}. {step.title(lang)}{colon}{step.sentence(lang)}"
            if cite:
                text += (
                    f" ({_w('rests_on', lang, cite=cite)})"
                    if lang == "en"
                    else f"（{_w('rests_on', lang, cite=cite)}）"
                )
            rows.append(_text_row(pdf, text, 7.8, x=MARGIN + 2, indent=4.0, leading=1.27))
    return rows


def _sources_block(pdf: SheetPDF, sources: Sources, lang: str) -> list[Row]:
    """The documents the working cites, numbered, each named as a citizen looks it up, with its articles."""
    heading = _text_row(pdf, _w("sources", lang), 9.0, bold=True)
    heading.keep_with_next = True
    return [heading, *(_text_row(pdf, line, 7.6, indent=4.0, colour=MUTED) for line in sources.lines())]


# -- pages -------------------------------------------------------------------------------------------


@dataclass
class _Set:
    """What every page of one printed set says about the set."""

    title: str
    region: str
    level: int
    seed: int
    count: int
    link: str
    note: str
    lang: str


def _first_header(pdf: SheetPDF, info: _Set, with_name_line: bool) -> float:
    lang = info.lang
    text_w = INNER - QR_SIZE - 4
    y = MARGIN
    pdf.put(MARGIN, y, info.title, 18, bold=True)
    y += 18 * PT * 1.45
    meta = _w(
        "meta",
        lang,
        region=info.region,
        level=info.level,
        about=_w(f"level.{info.level}", lang),
        seed=info.seed,
        count=info.count,
    )
    y = pdf.paragraph(MARGIN, y, text_w, meta, 9.5, leading=1.35) + 1.2
    if with_name_line:
        pdf.put(MARGIN, y + 1.5, _w("name", lang), 9.5)
        y += 9.5 * PT * 1.35 + 3.0
    y = pdf.paragraph(MARGIN, y, text_w, info.note, 8.2, colour=MUTED, leading=1.35)
    qr_x = PAGE_W - MARGIN - QR_SIZE
    drawn = draw_qr(pdf, qr_x, MARGIN - 3, QR_SIZE, info.link)
    bottom = MARGIN - 3 + QR_SIZE
    if drawn:
        bottom = pdf.paragraph(qr_x - 3, bottom + 0.3, QR_SIZE + 3, _w("link", lang), 6.2, colour=MUTED, leading=1.25)
    bottom = max(y, bottom) + 1.5
    pdf.rule(MARGIN, bottom, MARGIN + INNER, colour=INK, width=0.5)
    return bottom + 3.5


def _next_header(pdf: SheetPDF, info: _Set) -> float:
    text = _w("short", info.lang, title=info.title, region=info.region, level=info.level, seed=info.seed)
    pdf.put(MARGIN, MARGIN, text, 8, colour=MUTED)
    y = MARGIN + 8 * PT * 1.4
    pdf.rule(MARGIN, y, MARGIN + INNER, colour=INK, width=0.3)
    return y + 3.5


NEXT_TOP = MARGIN + 8 * PT * 1.4 + 3.5
BOTTOM = PAGE_H - MARGIN - FOOTER_H


def _footer(pdf: SheetPDF, info: _Set, number: int, total: int) -> None:
    top = PAGE_H - MARGIN - FOOTER_H + 2.5
    pdf.rule(MARGIN, top, MARGIN + INNER, colour=RULE, width=0.2)
    page = _w("page", info.lang, n=number, total=total)
    page_w = pdf.width_of(page, FOOT_SIZE + 0.5)
    pdf.put(PAGE_W - MARGIN, top + 1.2, page, FOOT_SIZE + 0.5, align="R")
    link_lines = pdf.wrap(info.link, INNER - page_w - 6, FOOT_SIZE)
    link = link_lines[0] if len(link_lines) == 1 else link_lines[0][:-1] + "…"
    pdf.put(MARGIN, top + 1.2, link, FOOT_SIZE, colour=MUTED, link=info.link)
    pdf.put(MARGIN, top + 1.2 + FOOT_SIZE * PT * 1.35, _w("disclaimer", info.lang), FOOT_SIZE - 0.5, colour=MUTED)


def paginate(blocks: Sequence[Sequence[Row]], first_top: float) -> list[list[tuple[float, Row]]]:
    """Rows placed on pages: a block that fits the room left stays whole; one that does not but fits a page
    starts the next page; one longer than any page runs on from where it is (or from a new page when less than
    a quarter of a page is left) and breaks between rows, never right after a heading."""
    pages: list[list[tuple[float, Row]]] = [[]]
    y = first_top
    room = BOTTOM - NEXT_TOP

    def new_page() -> float:
        pages.append([])
        return NEXT_TOP

    for block in blocks:
        need = sum(row.height for row in block)
        gap = CASE_GAP if pages[-1] else 0.0
        if y + gap + need <= BOTTOM:
            y += gap
        elif need <= room or BOTTOM - y < room / 4:
            y = new_page()
        else:
            y += gap
        for index, row in enumerate(block):
            tail = row.height
            if row.keep_with_next and index + 1 < len(block):
                tail += block[index + 1].height
            if y + tail > BOTTOM and pages[-1] and y > NEXT_TOP:
                y = new_page()
            pages[-1].append((y, row))
            y += row.height
    return pages


def _render(
    blocks_of: Callable[[SheetPDF], tuple[list[list[Row]], list[Row] | None]], info: _Set, with_name_line: bool
) -> bytes:
    """The pages; ``blocks_of`` gives the blocks in order and one that may move to the front."""
    pdf = SheetPDF("portrait", title=info.title, lang=info.lang)
    pdf.add_page()
    first_top = _first_header(pdf, info, with_name_line)
    blocks, movable = blocks_of(pdf)
    pages = paginate(blocks, first_top)
    if not pages[0] and movable is not None:  # the first case fits a page but not under the header: the
        # movable block (the key's sources) fills the first page instead of leaving it bare
        pages = paginate([movable, *(block for block in blocks if block is not movable)], first_top)
    for number, rows in enumerate(pages, 1):
        if number > 1:
            pdf.add_page()
            _next_header(pdf, info)
        for y, row in rows:
            row.draw(pdf, y)
        _footer(pdf, info, number, len(pages))
    return bytes(pdf.output())


def _set_info(cases: Sequence[PracticeCase], seed: int, lang: str, base: str | None, key: bool) -> _Set:
    if not cases:
        raise ValueError("a printed practice set needs at least one case")
    first = cases[0]
    return _Set(
        title=_w("key" if key else "sheet", lang),
        region=first.after.region.in_lang(lang),
        level=first.difficulty,
        seed=seed,
        count=len(cases),
        link=practice_link(first.region, first.difficulty, len(cases), seed, lang, base),
        note=_w("key_note" if key else "instructions", lang),
        lang=lang,
    )


def worksheet_pdf(cases: Sequence[PracticeCase], seed: int, lang: str = "zh", *, base: str | None = None) -> bytes:
    """The worksheet: each case in plain words and, per side, a blank line for every figure it asks."""
    info = _set_info(cases, seed, lang, base, key=False)
    return _render(lambda pdf: ([_worksheet_block(pdf, case, lang) for case in cases], None), info, with_name_line=True)


def key_pdf(
    cases: Sequence[PracticeCase],
    seed: int,
    lang: str = "zh",
    *,
    base: str | None = None,
    registry: Registry | None = None,
) -> bytes:
    """The answer key: each case's correct figures and its working, each step with the article it rests on."""
    info = _set_info(cases, seed, lang, base, key=True)

    def blocks(pdf: SheetPDF) -> tuple[list[list[Row]], list[Row]]:
        sources = Sources(registry or default_registry(), lang)
        cases_blocks = [_key_block(pdf, case, lang, sources) for case in cases]
        listed = _sources_block(pdf, sources, lang)
        return [*cases_blocks, listed], listed

    return _render(blocks, info, with_name_line=False)
