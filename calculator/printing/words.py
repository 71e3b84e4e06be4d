"""Every fixed string the printed sheets carry, in Chinese and English.

The engine's own texts (step sentences, policy titles, document names, error messages) come from the engine
in both languages; this table holds only the sheet's headings and labels, so a printed sheet never mixes
languages and a missing translation fails loudly (``KeyError``) in the tests.
"""

from __future__ import annotations

# key → (zh, en); placeholders use str.format names
WORDS: dict[str, tuple[str, str]] = {
    "app": ("门诊共济测算", "Outpatient mutual-aid calculator"),
    "sheet.title": ("门诊共济测算单", "Outpatient mutual-aid estimate"),
    "sheet.subtitle": (
        "职工医保门诊共济保障改革前后，本人一个自然年度的结算对比",
        "One person's calendar year settled before and after the employee outpatient mutual-aid reform",
    ),
    "sheet.inputs": ("测算条件", "The case"),
    "sheet.results": ("结算结果", "The year settled"),
    "sheet.flow": ("资金去向（改革前后）", "Where the money goes, before and after"),
    "sheet.sweep": ("不同年度门诊费用下的现金与账户余额", "Cash and year-end balance at other annual spendings"),
    "sheet.trace": (
        "计算步骤（括号内为依据条款，编号见下方“政策依据”）",
        "The working (in brackets: the article, numbered as in Sources)",
    ),
    "sheet.trace_short": (
        "计算步骤（篇幅所限有所精简，完整步骤见链接页面；括号内为依据条款）",
        "The working (shortened to fit the page; every step in full on the linked page; in brackets: the article)",
    ),
    "sheet.sources": ("政策依据", "Sources"),
    "sheet.link": ("扫码或打开链接，重现本测算", "Scan or open the link to reproduce this case"),
    "sheet.disclaimer": (
        "本测算单按公开政策估算，正式待遇以医保经办机构结算为准。",
        "An estimate from the published rules; official settlement is by the medical insurance office.",
    ),
    "sheet.made": ("生成日期 {date}", "Made on {date}"),
    "sheet.version": ("政策版本：{policies}", "Policy versions: {policies}"),
    "sheet.page": ("第 {n} / {total} 页", "Page {n} of {total}"),
    "sheet.what_if": ("政策假设（改革后一方已改动）", "What-if (the after side changed)"),
    "sheet.default_used": (
        "{side}按「{label}」{amount}计算（{year}年，{publisher}公布；二手资料，可用对账单上的年度划入额替换）",
        "{side} uses {label} = {amount} ({year}, published by {publisher}; secondary source, "
        "replace it with the credit on your account statement)",
    ),
    "sheet.more_steps": ("……另 {n} 步从略", "… {n} more steps left out"),
    "side.before": ("改革前", "Before"),
    "side.after": ("改革后", "After"),
    "col.item": ("项目", "Item"),
    "col.change": ("变化", "Change"),
    "chart.spending": ("全年门诊费用（元）", "Annual outpatient spending (¥)"),
    "chart.cash_before": ("现金·改革前", "Cash, before"),
    "chart.cash_after": ("现金·改革后", "Cash, after"),
    "chart.balance_before": ("年末余额·改革前", "Balance, before"),
    "chart.balance_after": ("年末余额·改革后", "Balance, after"),
    "chart.you": ("本人 {amount}", "You: {amount}"),
    "chart.break_even": ("持平点 {amount}", "Break-even {amount}"),
    "chart.after_only": ("该案例只给出改革后的结算", "The source gives only the reformed year"),
    "sweep.break_even": (
        "全年门诊费用达到 {amount} 起，改革后现金与账户合计不比改革前差（本人 {yours}）。",
        "From {amount} of annual spending the reform leaves you no worse off, cash and account together "
        "(you: {yours}).",
    ),
    "sweep.always": (
        "在 ¥0 至 {high} 的全年门诊费用内，改革后都不比改革前差。",
        "At every annual spending from ¥0 to {high} the reform leaves you no worse off.",
    ),
    "sweep.never": (
        "在 ¥0 至 {high} 的全年门诊费用内，改革后都比改革前差。",
        "At every annual spending from ¥0 to {high} the reform leaves you worse off.",
    ),
    "input.visits": ("就诊 {n} 笔，合计 {amount}", "{n} visits, {amount} in total"),
    "input.visit": ("第 {n} 笔：{amount}，{level}{extra}", "Visit {n}: {amount}, {level}{extra}"),
    "input.more_visits": ("……另 {n} 笔（完整明细见链接）", "… {n} more visits (every visit is in the link)"),
    "input.pharmacy": ("，药店", ", pharmacy"),
    "input.other": ("，其他保障已付 {amount}", ", other schemes paid {amount}"),
    "input.region": ("地区", "Region"),
    "input.policies": ("对比的政策", "Policies compared"),
    "deck.title": ("重庆职工医保门诊共济：官方案例简报", "Chongqing outpatient mutual aid: the official examples"),
    "deck.subtitle": (
        "每个案例一页：案例、官方公布数字与本工具结果对照、改革前后资金去向、勘误",
        "One example a page: the case, the printed figures beside ours, the money before and after, the errata",
    ),
    "deck.contents": ("目录", "Contents"),
    "deck.official": ("官方数字", "Printed"),
    "deck.ours": ("本工具", "This tool"),
    "deck.match": ("一致", "Match"),
    "deck.side": ("情形", "Side"),
    "deck.field": ("项目", "Item"),
    "deck.visit": ("第 {n} 笔", "Visit {n}"),
    "deck.all_match": (
        "全部 {n} 个官方数字与本工具结果一致（差额不超过 1 元）",
        "All {n} printed figures match ours (within ¥1)",
    ),
    "deck.some_differ": ("{n} 个官方数字与本工具结果不一致", "{n} printed figures differ from ours"),
    "deck.errata": ("勘误与说明", "Errata"),
    "deck.sources": ("出处", "Source"),
    "deck.user_case": ("用户案例", "A case added from My case"),
    "mark.yes": ("✓ 一致", "✓ yes"),
    "mark.no": ("× 不一致", "× no"),
}


def word(key: str, lang: str, **values: object) -> str:
    """The string ``key`` in ``lang`` (``zh`` or ``en``), its placeholders filled."""
    zh, en = WORDS[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text
