"""Every string the dashboard shows, in Chinese and English, in one table.

Chinese is the default; the sidebar switch sets ``st.session_state["lang"]`` to ``"en"``. Pages never
write a label inline: they call :func:`t` with a key, so switching language leaves nothing behind and
a missing translation fails loudly (a ``KeyError`` in the tests) instead of showing the wrong language.
Engine texts (trace steps, error messages, policy titles) come in both languages from the engine itself.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

LANGS = ("zh", "en")
LANG_NAMES = {"zh": "中文", "en": "English"}

# key → (zh, en). Placeholders use str.format names.
TEXT: dict[str, tuple[str, str]] = {
    # app and navigation
    "app.title": ("门诊共济测算", "Outpatient mutual-aid calculator"),
    "app.language": ("语言 / Language", "Language"),
    "app.disclaimer": (
        "本工具按公开政策估算，正式待遇以医保经办机构结算为准。",
        "An estimate from the published rules; official settlement is by the medical insurance office.",
    ),
    "nav.my_case": ("我的测算", "My case"),
    "nav.examples": ("官方案例", "Official examples"),
    "nav.regions": ("地区对比", "Compare regions"),
    "nav.sandbox": ("政策沙盘", "Policy sandbox"),
    "nav.sources": ("政策依据", "Sources"),
    "nav.population": ("人群视角", "Population"),
    "nav.ledger": ("逐年账户", "Over the years"),
    "nav.practice": ("练习", "Practice"),
    # the person
    "person.header": ("您的情况", "Your situation"),
    "person.region": ("地区", "Region"),
    "person.age": ("年龄", "Age"),
    "person.status": ("参保身份", "Status"),
    "status.in_service": ("在职", "In service"),
    "status.retired": ("退休", "Retired"),
    "person.tier": ("参保档次", "Contribution tier"),
    "tier.employer": ("单位职工", "Employer-based"),
    "tier.individual_tier1": ("灵活就业·个人一档", "Individual, tier 1"),
    "tier.individual_tier2": ("灵活就业·个人二档", "Individual, tier 2"),
    "person.level": ("主要就诊医疗机构等级", "Level of the institution you mostly use"),
    "level.1": ("一级及以下", "Level 1 or below"),
    "level.2": ("二级", "Level 2"),
    "level.3": ("三级", "Level 3"),
    "person.spending": ("全年门诊费用（元）", "Annual outpatient spending (yuan)"),
    "person.spending_exact": ("精确金额（元）", "Exact amount (yuan)"),
    "person.spending_beyond": (
        "输入金额超出滑块范围，以右侧输入框为准。",
        "The amount is beyond the slider's range; the box beside it is what counts.",
    ),
    "person.spending_from_visits": (
        "已使用逐次就诊明细（见“高级”），全年费用 = 各次之和：{amount}",
        "Using the visit-by-visit list (see Advanced); the annual spending is their sum: {amount}",
    ),
    "person.base": ("年度缴费基数（元）", "Annual contribution base (yuan)"),
    "person.base_month": ("月缴费基数（元）", "Monthly contribution base (yuan)"),
    "person.base_unit": ("缴费基数按", "Base given"),
    "base_unit.month": ("按月", "monthly"),
    "base_unit.year": ("按年", "yearly"),
    "person.base_used": ("测算使用的年度缴费基数：{amount}", "Annual contribution base used: {amount}"),
    "person.base_help": (
        "在职人员个人账户按缴费基数的一定比例划入；工资单或医保缴费记录上可查到（多为月基数）。"
        "不知道时：您的月工资 × 12，并以本市缴费基数的下限和上限为界。",
        "In service, the account credit is a percentage of this base; your payslip or contribution record "
        "shows it (usually monthly). If you do not know it: your monthly wage × 12, within the city's floor "
        "and ceiling.",
    ),
    "person.status_help": (
        "在职：正在缴纳职工医保；退休：已办理退休、领取养老金（退休人员不再缴费）。",
        "In service: you pay employee medical insurance now; retired: you draw a pension and no longer pay.",
    ),
    "person.tier_help": (
        "单位职工：由单位参保。灵活就业人员按所选档次缴费：个人一档不设个人账户，个人二档设个人账户。"
        "不确定时请查看医保缴费记录或咨询当地医保经办机构。",
        "Employer-based: insured through your employer. Flexible workers choose a tier: tier 1 has no "
        "personal account, tier 2 has one. If unsure, see your contribution record or ask the local office.",
    ),
    "person.level_help": (
        "一级及以下：社区卫生服务中心、乡镇卫生院、诊所；二级：区县医院；三级：大型综合医院。"
        "医院等级通常写在医院名称或挂号单上。",
        "Level 1 or below: community health centres, township clinics; level 2: district or county hospitals; "
        "level 3: large general hospitals. The level is usually on the hospital's sign or the registration slip.",
    ),
    "person.opening_help": (
        "上一年末个人账户里剩下的钱（医保App或对账单上的余额）；不知道可留空，按 0 计算。",
        "What was left in your personal account at the end of last year (in the insurance app or on the "
        "statement); leave it empty if you do not know (counted as 0).",
    ),
    "person.pension_help": (
        "每月领取的基本养老金（税前），养老金发放记录上可查到。",
        "The basic pension you draw each month (before tax), as on your pension payment record.",
    ),
    "person.money_placeholder": ("留空＝未填写", "empty = not given"),
    "person.no_account": (
        "该参保档次不设个人账户：没有账户余额和划入额，无需填写。",
        "This tier has no personal account: there is no balance or credit to enter.",
    ),
    "person.pension": ("月基本养老金（元）", "Monthly basic pension (yuan)"),
    "person.no_base_needed": (
        "所选地区的退休人员按定额划入个人账户，无需填写养老金。",
        "Retirees in this region get a fixed credit; no pension figure is needed.",
    ),
    "person.other": ("两病/特病/国谈药等已报销（元）", "Already paid by other schemes (yuan)"),
    "person.other_help": (
        "高血压糖尿病用药、门诊特殊疾病、国家谈判药品等先由各自保障支付，只有剩余部分进入普通门诊统筹。",
        "Hypertension/diabetes drugs, special outpatient diseases and negotiated drugs are paid first by "
        "their own schemes; only the rest enters general outpatient pooling.",
    ),
    "person.opening": ("年初个人账户余额（元）", "Account balance at the start of the year (yuan)"),
    "person.needs": ("{side}的个人账户划入需要您补充一个数", "The account credit {side} needs one more figure"),
    "person.needs_text": (
        "{policy}的划入规则需要「{label}」，政策文件未给出该金额。请填写对账单上的年度划入额，或填写该金额；"
        "另一侧照常计算。",
        "{policy} credits the account from '{label}', which the policy documents do not give. Enter the "
        "annual credit from your account statement, or that amount; the other side is worked out anyway.",
    ),
    "person.default_title": (
        "{side}的个人账户划入：按公开数据估算",
        "The account credit {side}: estimated from published data",
    ),
    "person.default_text": (
        "{policy}的划入规则需要「{label}」，政策文件未给出。现按{publisher}公布的{year}年数值 {amount} 计算。"
        "二手资料——请以对账单上的划入额替换：填在下面的“{credit}”一栏即可。",
        "{policy} credits the account from '{label}', which the policy documents do not give. The {year} "
        "figure published by {publisher}, {amount}, is used. Secondary source — replace it with the credit on "
        "your account statement: type it into '{credit}' below.",
    ),
    "person.reference_placeholder": ("留空则按 {amount}", "empty: {amount} is used"),
    "person.statement_title": ("{side}的个人账户划入需要对账单", "The account credit {side} needs your statement"),
    "person.statement_text": (
        "{policy}：政策文件未给出该期间的个人账户划入标准。请填写对账单上的年度划入额；另一侧照常计算。",
        "{policy}: the policy documents do not give this period's account credit rule. Enter the annual "
        "credit from your account statement; the other side is worked out anyway.",
    ),
    "case_side.before": ("改革前", "before the reform"),
    "case_side.after": ("改革后", "after the reform"),
    "person.reference": ("{label}（元{unit}）", "{label} (yuan{unit})"),
    "unit.per_month": ("/月", " a month"),
    "unit.per_year": ("/年", " a year"),
    "person.advanced": ("高级：逐次就诊、对账单划入额", "Advanced: visit by visit, statement credits"),
    "person.use_visits": ("按次录入就诊明细（代替全年合计）", "Enter visits one by one (instead of an annual total)"),
    "person.visits_help": (
        "按就诊日期顺序填写。起付标准按全年累计扣除；药店外配处方按开方机构等级报销。",
        "In date order. The deductible accumulates over the year; a pharmacy filling a prescription is paid "
        "at the prescriber's level.",
    ),
    "visit.amount": ("费用（元）", "Amount (yuan)"),
    "visit.level": ("机构等级", "Level"),
    "visit.pharmacy": ("药店外配", "Pharmacy"),
    "visit.kind": ("类别", "Kind"),
    "visit.other_paid": ("其他保障已付（元）", "Other schemes paid (yuan)"),
    "kind.general": ("普通门诊", "General"),
    "kind.tcm": ("中医门诊", "TCM"),
    "kind.hypertension": ("高血压用药", "Hypertension drugs"),
    "kind.diabetes": ("糖尿病用药", "Diabetes drugs"),
    "person.credit_before": (
        "改革前年度划入（对账单，元）",
        "Pre-reform annual credit, from the statement (yuan)",
    ),
    "person.credit_after": (
        "改革后年度划入（对账单，元）",
        "Post-reform annual credit, from the statement (yuan)",
    ),
    "person.credit_help": (
        "医保对账单或App“个人账户”明细中当年的“划入/计入”合计。留空则按政策规则计算；填写后以对账单金额为准。",
        "The year's total 'credited' amount on your insurance statement or in the app's account details. Leave "
        "empty to use the policy's rule; a figure here replaces it.",
    ),
    "family.header": ("家庭共济：用个人账户为家人付费", "Family use: paying relatives' costs from the account"),
    "family.help": (
        "{policy}允许个人账户支付{relations}就医的个人负担费用（在本人费用之后）。{floor}每栏留空即不使用。",
        "{policy} lets the account pay the own-share costs of your {relations} (after your own). {floor}Leave a "
        "box empty for none.",
    ),
    "family.floor": ("支付后账户余额须{word} {amount}。", "The balance after paying must stay {word} {amount}. "),
    "family.floor_above": ("高于", "above"),
    "family.floor_at_least": ("不低于", "at least"),
    "family.not_before": (
        "{policy}不允许家庭共济：改革前一侧不支付。",
        "{policy} has no family use: nothing is paid before.",
    ),
    "family.amount": ("为{relation}支付（元/年）", "For your {relation} (yuan a year)"),
    "relation.spouse": ("配偶", "spouse"),
    "relation.parent": ("父母", "parents"),
    "relation.child": ("子女", "children"),
    "result.no_result": (
        "暂无结果：请先填写或更正表单中标出的{fields}。为免与您的输入不符，这里不显示之前的数字。",
        "No result yet: fill in or correct {fields}, marked in the form. Earlier figures are not shown, so nothing here "
        "disagrees with your inputs.",
    ),
    "result.partial": (
        "已算出{known}的数字；{missing}还需要表单中标出的「{field}」，填写后即可比较。",
        "The figures {known} are below; {missing} still needs '{field}', marked in the form, to compare.",
    ),
    "result.side_missing": ("{side}：待补充", "{side}: needs one more figure"),
    "result.default_used": (
        "{side}按{publisher}公布的{year}年「{label}」{amount}估算（二手资料——请以对账单上的划入额替换）。",
        "{side}: estimated with {publisher}'s {year} '{label}', {amount} (secondary source — replace it with "
        "the credit on your account statement).",
    ),
    "result.secondary_step": (
        "{side}的「{step}」按公开二手资料计算（{ref}），正式文件未载——请以对账单上的划入额替换。",
        "{side}: '{step}' rests on public secondary sources ({ref}), not the official documents — replace it "
        "with the credit on your account statement.",
    ),
    "summary.edit": ("✎ 修改输入", "✎ Change the inputs"),
    # query string
    "query.unknown": (
        "链接中有无法识别的参数，已忽略：{keys}",
        "The link has parameters this page does not know; ignored: {keys}",
    ),
    "query.invalid": (
        "链接中的测算参数无效，已改用默认情形。原因：{reason}",
        "The scenario in the link is not valid, so the default case is shown. Reason: {reason}",
    ),
    "query.too_long": ("参数 {key} 过长", "parameter {key} is too long"),
    "query.dropped": (
        "链接中的 {name}={value} 无效，已略去，其余参数照常使用。原因：{reason}",
        "The link's {name}={value} is not valid and was left out; the rest of the link is used. Reason: {reason}",
    ),
    "query.cross_region": (
        "链接中的 {name}={value} 不是所选地区改革前/后对应的政策版本，已拒绝，改用该地区自己的版本。",
        "The link's {name}={value} is not the chosen region's own policy for that side of the reform, so it was refused "
        "and the region's own version is used.",
    ),
    "query.visits": (
        "就诊明细格式应为 金额:等级[:类别[:其他已付[:药店1/0]]]，以逗号分隔",
        "visits must look like amount:level[:kind[:other_paid[:pharmacy 1/0]]], separated by commas",
    ),
    "query.lang": ("语言参数只能是 zh 或 en", "lang must be zh or en"),
    "query.share": (
        "当前页面地址已包含本测算的全部输入，复制链接即可分享。",
        "This page's address holds every input: copy it to share this case.",
    ),
    # results
    "result.header": ("测算结果", "Results"),
    "result.policy_pair": ("对比：{before} → {after}", "Comparing: {before} → {after}"),
    "metric.cash": ("现金自付（改革后）", "Cash paid (after)"),
    "metric.balance": ("年末账户余额（改革后）", "Year-end balance (after)"),
    "metric.reimbursed": ("医保报销（改革后）", "Reimbursed (after)"),
    "metric.credit": ("个人账户划入（改革后）", "Account credit (after)"),
    "metric.cash_before": ("现金自付（改革前）", "Cash paid (before)"),
    "metric.balance_before": ("年末账户余额（改革前）", "Year-end balance (before)"),
    "metric.reimbursed_before": ("医保报销（改革前）", "Reimbursed (before)"),
    "metric.before": ("改革前 {amount}", "before: {amount}"),
    "metric.delta": ("较改革前 {amount}", "{amount} vs before"),
    "verdict.better": (
        "结论：改革后您今年净得 {amount}——现金自付{cash}，年末账户余额{balance}。",
        "In short: the reform leaves you {amount} better off this year — cash out of pocket {cash}, "
        "year-end account balance {balance}.",
    ),
    "verdict.worse": (
        "结论：改革后您今年净多负担 {amount}——现金自付{cash}，年末账户余额{balance}。",
        "In short: the reform costs you {amount} more this year — cash out of pocket {cash}, "
        "year-end account balance {balance}.",
    ),
    "verdict.same": (
        "结论：改革前后您今年的现金自付与年末余额合计不变。",
        "In short: your cash out of pocket and year-end balance add up to the same before and after.",
    ),
    "change.up": ("增加 {amount}", "up {amount}"),
    "change.down": ("减少 {amount}", "down {amount}"),
    "change.none": ("不变", "unchanged"),
    "verdict.note": (
        "“净得/净多负担”= 现金自付的变化减去年末余额的变化（账户余额归个人所有，可结转、可继承）。",
        "'Better/worse off' = the change in cash minus the change in the year-end balance (the balance is "
        "yours: it carries over and can be inherited).",
    ),
    # charts
    "chart.flow": ("资金流向：改革前后", "Where the money goes: before and after"),
    "chart.sweep": ("全年门诊费用变化时：现金自付与年末余额", "As annual spending changes: cash and year-end balance"),
    "chart.before": ("改革前", "Before"),
    "chart.after": ("改革后", "After"),
    "chart.amount": ("金额（元）", "Amount (yuan)"),
    "chart.spending": ("全年门诊费用（元）", "Annual outpatient spending (yuan)"),
    "chart.cash_before": ("现金自付·改革前", "Cash, before"),
    "chart.cash_after": ("现金自付·改革后", "Cash, after"),
    "chart.balance_before": ("年末余额·改革前", "Year-end balance, before"),
    "chart.balance_after": ("年末余额·改革后", "Year-end balance, after"),
    "chart.you": ("您的情况", "You"),
    "chart.break_even": ("平衡点 {amount}", "Break-even {amount}"),
    "chart.what_if_gains": (
        "沙盘政策下谁得谁失（与起点政策相比，现金少付与余额多留之和）",
        "Who gains under the what-if (against the starting policy: cash saved plus balance kept)",
    ),
    "chart.region_cash": ("各地区现金自付随全年费用的变化", "Cash out of pocket against annual spending, by region"),
    # chart titles that say what they show (dashboard/charts.py)
    "chart.your_case": ("您的情况", "your case"),
    "chart.person": ("{status}·{age}岁·全年门诊 {spending}", "{status}, age {age}, annual spending {spending}"),
    "chart.flow_title": ("资金流向（改革前后）：{case}", "Where the money goes, before and after: {case}"),
    "chart.flow_after_only": (
        "资金流向（仅改革后，来源只给出改革后）：{case}",
        "Where the money goes, after the reform only (the source gives only after): {case}",
    ),
    "chart.flow_before_only": ("资金流向（仅改革前）：{case}", "Where the money goes, before the reform only: {case}"),
    "chart.sweep_title": (
        "全年门诊费用变化时的现金自付与年末余额：{case}",
        "Cash and year-end balance as annual spending changes: {case}",
    ),
    "chart.region_cash_title": (
        "各政策下现金自付随全年门诊费用的变化：{case}",
        "Cash out of pocket against annual spending under each policy: {case}",
    ),
    "chart.dates_between": ("（{start}至{end}）", " ({start} to {end})"),
    "chart.dates_from": ("（{start}起）", " (from {start})"),
    "chart.dates_to": ("（至{end}）", " (to {end})"),
    "chart.pair": ("改革前：{before}\n→ 改革后：{after}", "Before: {before}\n→ after: {after}"),
    "chart.after_policy": ("改革后：{after}", "After: {after}"),
    "chart.before_policy": ("改革前：{before}", "Before: {before}"),
    "chart.source": ("来源：{documents}", "Source: {documents}"),
    "chart.list_sep": ("；", "; "),
    "chart.amount_rounded": ("金额（万元）", "Amount (¥ thousand)"),
    "chart.cash_axis": ("现金自付（元）", "Cash out of pocket (yuan)"),
    "chart.no_values": ("{policy}（无法计算）", "{policy} (cannot be computed)"),
    "chart.same_as": ("{name}（与{other}相同）", "{name} (same as {other})"),
    "chart.not_drawn": ("未绘出：{items}", "Not drawn: {items}"),
    "chart.gain_legend": ("得失", "Gain or loss"),
    "chart.gain_axis": ("得失（元，正数为得）", "Gain (+) or loss (−), yuan"),
    "chart.what_if_base": ("起点政策：{base}", "Starting policy: {base}"),
    "chart.changed": ("沙盘改动：{items}", "What-if changes: {items}"),
    "chart.nothing_changed": ("沙盘未改动任何参数", "What-if: no parameter changed"),
    "chart.simulated": ("模拟人群——假设见本页", "Simulated population — assumptions on the page"),
    "chart.outcome_title": (
        "模拟人群{breakdown}：受益与受损占比（口径：{measure}）",
        "Simulated population {breakdown}: better and worse off (measure: {measure})",
    ),
    "chart.share_axis": ("占比（%，按人数）", "Share of persons (%)"),
    "chart.flow_pop_title": ("模拟人群的资金平移：{basis}", "Simulated population, where the money moves: {basis}"),
    "chart.flow_axis": ("资金项目", "Flow"),
    "chart.histogram_title": (
        "模拟人群：{measure}变化的分布（人数）",
        "Simulated population: distribution of the change in {measure} (persons)",
    ),
    "chart.persons_log": ("人数（对数刻度）", "Persons (log scale)"),
    "field.account_credit": ("个人账户划入", "Account credit"),
    "field.other_schemes_paid": ("其他保障支付", "Other schemes paid"),
    "field.general_pooling_paid": ("普通门诊统筹支付", "General pooling paid"),
    "field.reimbursed_total": ("医保报销合计", "Reimbursed in all"),
    "field.own_share": ("个人负担", "Own share"),
    "field.account_paid": ("个人账户支付", "Paid from the account"),
    "field.family_paid": ("个人账户为家人支付", "Paid from the account for family"),
    "field.cash_paid": ("现金自付", "Cash out of pocket"),
    "field.closing_balance": ("年末账户余额", "Year-end balance"),
    "field.pooled": ("本次统筹支付", "Pooled payment"),
    "field.net": ("现金自付 − 年末余额", "Cash − year-end balance"),
    # sweep
    "sweep.header": ("费用越高越划算吗？", "Does the reform pay off as spending rises?"),
    "sweep.break_even": (
        "平衡点：全年门诊费用达到 {amount} 及以上时，改革后对您更有利（按“现金自付 − 年末余额”比较）。"
        "您目前的费用为 {yours}。",
        "Break-even: from an annual spending of {amount} up, the reform favours you (comparing cash minus "
        "year-end balance). Your spending is {yours}.",
    ),
    "sweep.always": (
        "在 0 至 {high} 的全年费用范围内，改革后始终对您更有利或持平。",
        "For any annual spending from 0 to {high}, the reform is at least as good for you.",
    ),
    "sweep.never": (
        "在 0 至 {high} 的全年费用范围内，改革后都不如改革前（统筹报销不足以弥补个人账户划入的减少）。",
        "For any annual spending from 0 to {high}, you are worse off after the reform (pooled reimbursement "
        "does not make up for the smaller account credit).",
    ),
    "sweep.unavailable": (
        "无法计算费用曲线：{reason}",
        "The spending curve cannot be drawn: {reason}",
    ),
    # the ledger page (逐年账户): the account year by year before and after the reform
    "ledger.title": ("逐年账户：改革前后，年复一年", "Over the years: your account before and after the reform"),
    "ledger.link": (
        "逐年看：到退休、到 70 岁，账户余额怎么变",
        "Over the years: your balance through retirement and age 70",
    ),
    "ledger.back": ("返回“我的测算”修改人物", "Back to My case to change the person"),
    "ledger.person": (
        "人物取自“我的测算”：{summary}。每年按同一规则结算，年末余额结转到下一年。",
        "The person comes from My case: {summary}. Each year is settled by the same rules and its year-end "
        "balance carries into the next.",
    ),
    "ledger.summary": (
        "{region}，{status}，{age} 岁（{year} 年初）",
        "{region}, {status}, age {age} (start of {year})",
    ),
    "ledger.fix_person": (
        "“我的测算”中的输入有误，请先更正：{reason}",
        "The inputs on My case need correcting first: {reason}",
    ),
    "ledger.assumptions": ("假设（可修改，均会写入链接）", "Assumptions (change them; all are kept in the link)"),
    "ledger.years": ("测算年数", "Number of years"),
    "ledger.start_year": ("起始年份", "Start year"),
    "ledger.retire_age": ("退休年龄（留空＝一直在职）", "Retirement age (empty = stays in service)"),
    "ledger.retire_help": (
        "政策文件未规定退休年龄，本工具不作默认。自年初年龄达到该岁数的那一年起按退休人员计算。",
        "The policy documents set no retirement age, so none is assumed. Retired from the year whose "
        "start-of-year age reaches it.",
    ),
    "ledger.retired_already": ("已退休：各年均按退休人员计算。", "Retired: every year is a retiree's year."),
    "ledger.retirement_pension": ("退休当年月养老金（元）", "Monthly pension in the first year of retirement (yuan)"),
    "ledger.base_growth": ("缴费基数年增长率（%）", "Contribution base growth (% a year)"),
    "ledger.pension_growth": ("养老金年增长率（%）", "Pension growth (% a year)"),
    "ledger.spending_growth": ("门诊费用年增长率（%）", "Spending growth (% a year)"),
    "ledger.family_growth": ("家庭共济年增长率（%）", "Family payments growth (% a year)"),
    "ledger.interest": ("账户年利率（%）", "Interest on the balance (% a year)"),
    "ledger.overrides": ("逐年指定门诊费用（可选）", "Spending for particular years (optional)"),
    "ledger.override_year": ("年份", "Year"),
    "ledger.override_spending": ("全年门诊费用（元）", "Annual spending (yuan)"),
    "ledger.bad_link": (
        "链接中的逐年测算假设无效，已改用默认值：{reason}",
        "The link's projection assumptions are not valid, so the defaults are used: {reason}",
    ),
    "ledger.fix_assumptions": ("请更正假设：{reason}", "Please correct the assumptions: {reason}"),
    "ledger.verdict_better": (
        "结论：{first}–{last} 年合计，改革后您的现金与个人账户合计比改革前多 {amount}。",
        "In short: over {first}–{last} the reform leaves you {amount} better off, cash and account together.",
    ),
    "ledger.verdict_worse": (
        "结论：{first}–{last} 年合计，改革后您的现金与个人账户合计比改革前少 {amount}。",
        "In short: over {first}–{last} the reform leaves you {amount} worse off, cash and account together.",
    ),
    "ledger.verdict_same": (
        "结论：{first}–{last} 年合计，改革前后您的现金与个人账户合计相同。",
        "In short: over {first}–{last} the reform makes no difference to your cash and account together.",
    ),
    "ledger.verdict_unknown": (
        "部分年份缺少政策文件未给出的金额，无法给出合计结论；已知的年份见下表，缺少什么见“假设与约定”。",
        "Some years need an amount the policy documents do not give, so there is no overall verdict; the known "
        "years are in the table, and what is missing is under Assumptions and conventions.",
    ),
    "ledger.turn_better": (
        "累计净差在 {year} 年由负转正：从这一年起，累计下来改革后更有利。",
        "The running net difference turns positive in {year}: from then on the reform is ahead overall.",
    ),
    "ledger.turn_worse": (
        "累计净差在 {year} 年由正转负：从这一年起，累计下来改革前更有利。",
        "The running net difference turns negative in {year}: from then on the old rules are ahead overall.",
    ),
    "ledger.no_turn": ("整个期间累计净差没有改变正负。", "The running net difference never changes sign."),
    "ledger.net_note": (
        "累计净差 = 累计少付的现金 + 年末账户余额之差（改革后 − 改革前）；正数表示改革后更有利。余额归个人所有，可结转、可继承。",
        "Running net difference = cash saved so far + the difference in year-end balance (after − before); "
        "positive means the reform is ahead. The balance is yours: it carries over and can be inherited.",
    ),
    "ledger.final_balance": ("{year} 年末账户余额（改革后）", "Balance at the end of {year} (after)"),
    "ledger.total_cash": ("{first}–{last} 累计现金自付（改革后）", "Cash paid {first}–{last} (after)"),
    "ledger.before_value": ("改革前 {amount}", "before: {amount}"),
    "ledger.unknown": ("未知", "unknown"),
    "ledger.table": ("逐年明细", "Year by year"),
    "ledger.col_year": ("年份", "Year"),
    "ledger.col_age": ("年龄", "Age"),
    "ledger.col_status": ("身份", "Status"),
    "ledger.col_field_side": ("{field}·{side}", "{field}, {side}"),
    "ledger.col_interest": ("利息", "Interest"),
    "ledger.col_opening": ("年初余额", "Opening balance"),
    "ledger.col_net": ("累计净差", "Running net difference"),
    "ledger.download": ("下载逐年明细（CSV）", "Download the year-by-year table (CSV)"),
    "ledger.conventions": ("假设与约定", "Assumptions and conventions"),
    "ledger.chart_balance": ("年末个人账户余额", "Account balance at year end"),
    "ledger.chart_cumulative": ("累计现金自付与累计净差", "Cash paid so far and the running net difference"),
    "ledger.chart_year": ("年份", "Year"),
    "ledger.balance_before": ("余额·改革前", "Balance, before"),
    "ledger.balance_after": ("余额·改革后", "Balance, after"),
    "ledger.cash_before": ("累计现金·改革前", "Cash so far, before"),
    "ledger.cash_after": ("累计现金·改革后", "Cash so far, after"),
    "ledger.net": ("累计净差（改革后更有利为正）", "Running net difference (positive: reform ahead)"),
    # the same series named inside a sentence ("… (same as cash so far before)"): lower case in English
    "ledger.balance_before_inline": ("余额·改革前", "the balance before"),
    "ledger.balance_after_inline": ("余额·改革后", "the balance after"),
    "ledger.cash_before_inline": ("累计现金·改革前", "cash so far before"),
    "ledger.cash_after_inline": ("累计现金·改革后", "cash so far after"),
    "ledger.net_inline": ("累计净差", "the running net difference"),
    "ledger.mark_retire": ("{year} 退休", "retires {year}"),
    "ledger.mark_70": ("{year} 满 70 岁", "70 in {year}"),
    "ledger.mark_turn": ("{year} 转向", "turns {year}"),
    "ledger.timing": ("逐年结算 {n} 年用时 {ms} 毫秒", "{n} years settled in {ms} ms"),
    # trace
    "trace.header": ("计算过程与政策依据", "How each figure is worked out, and where the rule is"),
    "trace.side": ("{side}：{policy}", "{side}: {policy}"),
    "trace.step": ("步骤", "Step"),
    "trace.formula": ("算式", "Formula"),
    "trace.value": ("金额", "Amount"),
    "trace.source": ("依据", "Source"),
    "trace.statement": ("对账单（用户填写）", "account statement (entered by you)"),
    # downloads
    "download.csv": ("下载结果（CSV）", "Download the results (CSV)"),
    # printed PDFs (calculator/printing)
    "download.pdf_case": ("下载测算单 (PDF)", "Download the estimate (PDF)"),
    "download.pdf_deck": ("下载案例简报 (PDF)", "Download the examples deck (PDF)"),
    "download.deck_add": ("加入案例简报", "Add to the examples deck"),
    "download.deck_added": (
        "已加入案例简报（共 {n} 个），在“官方案例”页下载。",
        "In the examples deck ({n} so far): download it on the Official examples page.",
    ),
    "download.deck_case": ("我的测算 {n}：{case}", "My case {n}: {case}"),
    "download.deck_cases": ("另含从“我的测算”加入的 {n} 个案例。", "Also holds {n} cases added from My case."),
    "csv.item": ("项目", "Item"),
    "csv.before": ("改革前", "Before"),
    "csv.after": ("改革后", "After"),
    "csv.change": ("变化", "Change"),
    # the data behind each chart and table (dashboard/downloads.py)
    "csv.download": ("下载数据（CSV）：{what}", "Download the data (CSV): {what}"),
    "csv.unit.yuan": ("元", "yuan"),
    "csv.unit.persons": ("人", "persons"),
    "csv.unit.share": ("占比，0–1", "share, 0–1"),
    "csv.unit.years": ("年", "year"),
    "csv.unit.age": ("岁", "years"),
    "csv.unit.count": ("个", "count"),
    "csv.yes": ("是", "yes"),
    "csv.no": ("否", "no"),
    "csv.policy": ("政策", "Policy"),
    "csv.policy_before": ("改革前政策", "Policy before"),
    "csv.policy_after": ("改革后政策", "Policy after"),
    "csv.policy_base": ("基准政策", "Base policy"),
    "csv.policy_what_if": ("假设政策", "What-if policy"),
    "csv.date": ("生成日期", "Made on"),
    "csv.computed_at": ("测算时间（北京时间）", "Computed at (Beijing time)"),
    "csv.default_used": ("{side}所用默认值·{label}", "Default used, {side}: {label}"),
    "csv.default_source": (
        "{publisher}公布的{year}年数值，二手资料",
        "published by {publisher} for {year}; secondary source",
    ),
    "csv.note": ("说明", "Note"),
    "csv.mark": ("标记", "Mark"),
    "csv.spending": ("全年门诊费用", "Annual outpatient spending"),
    "csv.break_even": ("盈亏平衡点（全年门诊费用）", "Break-even (annual outpatient spending)"),
    "csv.your_spending": ("您的全年门诊费用（图中竖线）", "Your annual spending (the vertical line)"),
    "csv.not_drawn": ("未画出", "Not drawn"),
    "csv.who": ("人员", "Who"),
    "csv.gain": ("得失（正数为得）", "Gain (+) or loss (−)"),
    "csv.what_if": ("政策调整", "What-if"),
    "csv.share_of": ("{outcome}占比", "{outcome}, share"),
    "csv.shown": ("页面显示（取整）", "As shown (rounded)"),
    "csv.example": ("案例", "Example"),
    "csv.assumptions": ("假设", "Assumption"),
    "csv.name.results": ("测算结果", "results"),
    "csv.name.flow": ("资金流向", "money flow"),
    "csv.name.sweep": ("不同费用下的结果", "by spending"),
    "csv.name.ledger_balance": ("逐年余额", "balance by year"),
    "csv.name.ledger_cumulative": ("累计现金与净差", "cash so far and net difference"),
    "csv.name.ledger_table": ("逐年明细", "year by year"),
    "csv.name.checks": ("原文与计算结果", "printed and computed figures"),
    "csv.name.examples_summary": ("七个案例一览", "the seven examples"),
    "csv.name.regions_outcome": ("各地测算结果", "outcomes by policy"),
    "csv.name.regions_cash": ("各地现金自付曲线", "cash by policy and spending"),
    "csv.name.parameters": ("政策参数对照", "parameters side by side"),
    "csv.name.sandbox_person": ("对我的影响", "effect on my case"),
    "csv.name.sandbox_examples": ("对官方案例的影响", "effect on the official examples"),
    "csv.name.gains": ("得失", "gains and losses"),
    "csv.name.sbpop_overall": ("人群受益与受损比例", "population shares better and worse off"),
    "csv.name.sbpop_money": ("人群金额变化", "population money changes"),
    "csv.name.sbpop_changes": ("人群金额变化图", "population money changes, chart"),
    "csv.name.sbpop_groups": ("人群分组受益与受损", "population better and worse off by group"),
    "csv.name.sbpop_histogram": ("人群现金变化分布", "population cash-change distribution"),
    "csv.name.sbpop_fund": ("资金平移", "fund balance"),
    "csv.name.sbpop_drivers": ("资金平移的假设", "fund balance assumptions"),
    "csv.seed": ("随机种子", "random seed"),
    "csv.name.pop_flow_table": ("资金流向表", "money moved, table"),
    "csv.name.pop_flow": ("资金流向图", "money moved, chart"),
    "csv.name.by_age": ("按年龄段", "by age band"),
    "csv.name.by_status": ("按身份", "by status"),
    "csv.name.by_tier": ("按参保档次", "by contribution tier"),
    "csv.name.by_decile": ("按费用十分位", "by spending decile"),
    "csv.name.histogram": ("变化分布", "distribution of changes"),
    "csv.name.pop_exact": ("全部精确数值", "all exact figures"),
    "csv.name.pop_assumptions": ("全部假设", "all assumptions"),
    "csv.name.documents": ("引用的文件", "documents cited"),
    "csv.name.sources": ("参数出处", "parameter sources"),
    # examples page
    "examples.title": ("官方案例：重庆市改革前后对比", "Official examples: Chongqing before and after"),
    "examples.intro": (
        "以下七个案例取自重庆市《一图看懂》和《政策问答》。左列为原文数字（取整到元），右列为本工具按政策逐分计算的结果。",
        "The seven examples below come from Chongqing's infographic and policy Q&A. Beside each printed "
        "figure (whole yuan) is this tool's figure, computed to the fen from the policy.",
    ),
    "examples.presentation": ("演示模式（大字、一屏一例）", "Presentation mode (large type, one per screen)"),
    "examples.prev": ("上一例", "Previous"),
    "examples.next": ("下一例", "Next"),
    "examples.counter": ("第 {n} / {total} 例", "Example {n} of {total}"),
    "examples.exit": ("退出演示", "Leave slides"),
    "examples.keys": ("翻页：→ ← 空格 PageDown PageUp；Esc 退出", "Keys: → ← Space PageDown PageUp; Esc leaves"),
    "examples.pick": ("选择案例", "Choose an example"),
    "examples.story": ("案情", "The case"),
    "examples.sources": ("出处", "Source"),
    "examples.table": ("原文与计算结果", "Printed figures and computed figures"),
    "examples.side": ("年度", "Year"),
    "examples.field": ("项目", "Item"),
    "examples.official": ("原文", "Printed"),
    "examples.exact": ("手算（到分）", "By hand (to the fen)"),
    "examples.computed": ("本工具", "This tool"),
    "examples.difference": ("差额", "Difference"),
    "examples.match": ("一致", "Matches"),
    "examples.all_match": (
        "全部 {n} 项与原文一致（允许原文取整误差 1 元以内）。",
        "All {n} figures match the source (within its 1-yuan rounding).",
    ),
    "examples.some_differ": ("有 {n} 项与原文不一致，见下表。", "{n} figures differ from the source; see the table."),
    "examples.errata": ("原文勘误", "Errata in the source"),
    "examples.notes": ("说明", "Notes"),
    "examples.arithmetic": ("手算过程", "Working by hand"),
    "side.before": ("改革前", "Before"),
    "side.after": ("改革后", "After"),
    "side.visit": ("改革后第 {n} 次就诊", "After, visit {n}"),
    "examples.after_only": ("原文只给出改革后的情形。", "The source gives only the year after the reform."),
    "examples.summary": ("七个案例一览", "The seven examples at a glance"),
    "examples.name": ("案例", "Example"),
    "examples.checked": ("核对项数", "Figures checked"),
    "examples.status": ("核对结果", "Check"),
    "examples.ok": ("✓ 一致", "✓ matches"),
    "examples.differs": ("✗ 有差异", "✗ differs"),
    "examples.use": ("把这个案例带到“我的测算”", "Open this case in My case"),
    # regions page
    "regions.title": ("地区对比：同一个人在各地政策下", "Compare regions: the same person under each region's rules"),
    "regions.person": (
        "人物取自“我的测算”：{summary}。逐次明细和对账单划入额不跨地区使用：各地按各自规则计算划入。",
        "The person comes from My case: {summary}. Visits and statement credits are not carried across "
        "regions: each region's own credit rule is applied.",
    ),
    "regions.age": ("{age}岁", "age {age}"),
    "regions.spending": ("全年门诊费用 {amount}", "annual outpatient spending {amount}"),
    "common.colon": ("：", ": "),
    "regions.outcome": ("测算结果", "Outcomes"),
    "regions.policy": ("政策", "Policy"),
    "regions.kind": ("类型", "Kind"),
    "kind.reform": ("改革后", "Reform"),
    "kind.pre_reform": ("改革前", "Before reform"),
    "kind.template": ("国家框架模板", "National template"),
    "regions.error": ("无法计算", "Cannot settle"),
    "regions.parameters": ("政策参数对照（悬停或展开查看出处）", "Parameters side by side (sources below)"),
    "regions.parameter": ("参数", "Parameter"),
    "regions.sources_of": ("{policy} 的参数出处", "Where the parameters of {policy} come from"),
    "regions.secondary": ("（二手资料）", " (secondary source)"),
    "regions.missing": ("{policy}：{reason}", "{policy}: {reason}"),
    # completing the case per policy (app_pages/regions.py)
    "regions.complete": (
        "补充计算所需数据（{n} 项政策需要）",
        "Give what the policies need (policies needing a figure: {n})",
    ),
    "regions.complete_help": (
        "这些政策需要政策文件未给出的数额。填写对账单上该期间的年度划入额（任一政策均可），或填写所需的参考金额；"
        "留空表示未提供，不按 0 计算。",
        "These policies need a figure their documents do not give. Enter the annual credit from your account "
        "statement for that period (works for any policy), or the reference amount asked for; an empty box means "
        "not given, never 0.",
    ),
    "regions.statement_credit": ("对账单年度划入（元，可留空）", "Annual credit from the statement (yuan, optional)"),
    "regions.statement_help": (
        "个人账户对账单上该政策期间一年的划入额；填写后代替划入规则。",
        "One year's credit for this policy's period, from your account statement; it replaces the credit rule.",
    ),
    "regions.reference": ("{label}（元{unit}，可留空）", "{label} (yuan{unit}, optional)"),
    "unit.yuan_per_month": ("/月", " a month"),
    "unit.yuan_per_year": ("/年", " a year"),
    "regions.why.reference": ("需要政策文件未给出的参考金额", "needs a reference amount the documents do not give"),
    "regions.why.statement": ("需要对账单上的年度划入额", "needs the annual credit from your statement"),
    "regions.why.pension": (
        "需要月养老金（在“我的测算”填写）或对账单划入额",
        "needs the monthly pension (in My case) or the statement credit",
    ),
    "regions.why.base": (
        "需要缴费基数（在“我的测算”填写）或对账单划入额",
        "needs the contribution base (in My case) or the statement credit",
    ),
    "regions.why.other": ("输入不适用于该政策", "the inputs do not apply to this policy"),
    "regions.not_drawn": ("{policy}（{why}）", "{policy} ({why})"),
    "regions.credit_basis": ("划入依据", "Credit from"),
    "regions.basis.statement": ("对账单", "statement"),
    "regions.basis.rule": ("政策规则", "policy rule"),
    "regions.settled": ("已算出 {n} / {total} 项政策。", "{n} of {total} policies settled."),
    # sandbox
    "sandbox.title": (
        "政策沙盘：改一个参数，看谁得谁失",
        "Policy sandbox: change a parameter, see who gains and who loses",
    ),
    "sandbox.intro": (
        "从某地现行政策或国家框架模板出发，修改起付标准、报销比例、年度限额和账户划入，立即看到对官方案例和“我的测算”人物的影响。"
        "沙盘结果是假设，不是正式政策。",
        "Start from a region's current rules or the national template, change the deductible, rates, caps and "
        "credit, and see the effect on the official examples and on the person from My case. Sandbox figures "
        "are what-ifs, not policy.",
    ),
    "sandbox.base": ("起点政策", "Starting policy"),
    "sandbox.parameters": ("参数", "Parameters"),
    "sandbox.reset": ("恢复原值", "Reset"),
    "sandbox.changed": ("已修改 {n} 项：{items}", "{n} changed: {items}"),
    "sandbox.unchanged": ("尚未修改任何参数。", "No parameter changed yet."),
    "sandbox.link_refused": (
        "链接中以下沙盘参数无效，已忽略（其余已采用）：{items}",
        "These sandbox settings in the link are not valid and were ignored (the rest were kept): {items}",
    ),
    "sandbox.unknown_value": ("原值未知（正式文件未给出）", "not given by the official documents"),
    "sandbox.not_set": ("未设定", "not set"),
    "sandbox.effect_person": ("对“我的测算”人物的影响", "Effect on the person from My case"),
    "sandbox.effect_examples": ("对官方案例的影响（改革后年度）", "Effect on the official examples (the year after)"),
    "sandbox.who": ("人物", "Who"),
    "sandbox.base_col": ("原政策：{field}", "Base: {field}"),
    "sandbox.what_if": ("沙盘：{field}", "What-if: {field}"),
    "sandbox.gain": ("得失（净）", "Gain (net)"),
    "sandbox.gains": ("受益 {amount}", "gains {amount}"),
    "sandbox.loses": ("受损 {amount}", "loses {amount}"),
    "sandbox.same": ("不变", "no change"),
    "sandbox.summary": (
        "受益 {gain} 人，受损 {lose} 人，不变 {same} 人。",
        "{gain} gain, {lose} lose, {same} unchanged.",
    ),
    "sandbox.you": ("“我的测算”人物", "The person from My case"),
    "sandbox.source": ("原值出处：{cite}", "Base value from: {cite}"),
    "sandbox.error": ("无法计算：{reason}", "Cannot settle: {reason}"),
    "sandbox.gain_help": (
        "净得失 = 原政策下（现金自付 − 年末余额）减去沙盘下的同一数值；正数为受益。",
        "Net gain = (cash − year-end balance) under the base minus the same under the what-if; positive is a gain.",
    ),
    # practice page (app_pages/practice.py): generated cases, marked against the engine
    "practice.title": ("练习：一步一步算", "Practice: work it out step by step"),
    "practice.intro": (
        "按地区和难度生成练习题：每题填写计入起付标准的费用、统筹支付、个人账户支付、现金支付和年末账户余额，"
        "批改时逐项对照测算引擎的结果；答错的，指出出错的步骤、所依据的条文和正确的算法。",
        "Practice cases by region and difficulty: for each case enter the deductible used, the pooled payment, the "
        "account payment, the cash outlay and the closing balance; marking checks each figure against the engine "
        "and, for a wrong one, shows the step where it goes wrong, the article it rests on and the correct working.",
    ),
    "practice.settings": ("练习设置", "Practice settings"),
    "practice.region": ("地区", "Region"),
    "practice.level": ("难度", "Level"),
    "practice.level.1": ("1 · 全年合计，一个医疗机构等级", "1 · one annual total at one institution level"),
    "practice.level.2": ("2 · 其他保障先付、退休待遇、年度限额", "2 · other schemes first, retiree rates, caps"),
    "practice.level.3": ("3 · 多次就诊、起付线中途满、达到限额", "3 · several visits, deductible met part-way, cap"),
    "practice.level.4": ("4 · 地区特有规则、无账户档次、家庭共济", "4 · regional rules, tiers without account, family"),
    "practice.seed": ("随机种子", "Random seed"),
    "practice.seed_help": (
        "同一地区、难度、题数和随机种子得到同一组题目：把本页链接发给学员，大家做同样的题。",
        "The same region, level, count and seed give the same cases: share this page's link and the whole class "
        "works the same set.",
    ),
    "practice.count": ("题数", "Number of cases"),
    "practice.new_seed": ("换一组题", "New set"),
    "practice.share": (
        "本页地址已包含地区、难度、题数和随机种子（{region}，难度 {level}，{count} 题，随机种子 {seed}），"
        "复制地址栏中的链接即可分享。",
        "This page's address holds the region, level, count and seed ({region}, level {level}, {count} cases, random "
        "seed {seed}): copy it from the address bar to share the set.",
    ),
    "practice.bad_link": (
        "链接中的练习设置无效：{reason}。已改用默认设置。",
        "The link's practice settings are not valid: {reason}. The defaults are used.",
    ),
    "practice.case": ("第 {n} / {total} 题", "Case {n} of {total}"),
    "practice.prev": ("上一题", "Previous"),
    "practice.next": ("下一题", "Next"),
    "practice.no_pooling": (
        "这一期没有普通门诊统筹：只需算账户支付、现金支付和年末余额。",
        "This period has no general outpatient pooling: work out the account payment, cash and closing balance only.",
    ),
    "practice.placeholder": ("金额，如 1234.50", "amount, e.g. 1234.50"),
    "practice.mark": ("批改本题", "Mark this case"),
    "practice.right": ("✓ {label}：{given} 正确", "✓ {label}: {given} is right"),
    "practice.wrong": ("✗ {label}：您填 {given}，应为 {expected}", "✗ {label}: you gave {given}; it is {expected}"),
    "practice.empty": ("✗ {label}：未填写，应为 {expected}", "✗ {label}: not given; it is {expected}"),
    "practice.unreadable": (
        "✗ {label}：填写的不是金额，应为 {expected}",
        "✗ {label}: that is not an amount; it is {expected}",
    ),
    "practice.side_right": ("本期全部正确。", "All figures of this side are right."),
    "practice.where": ("出错的步骤：第 {number} 步「{title}」", "Where it goes wrong: step {number}, “{title}”"),
    "practice.rule": ("依据：{cite}", "Rule: {cite}"),
    "practice.statement": (
        "依据：本题给出的对账单年度划入额",
        "Rule: the annual credit on the account statement given in the case",
    ),
    "practice.arithmetic": (
        "这一步是前面各步的算术，没有单独的条文。",
        "This step is arithmetic on the steps before it; it has no article of its own.",
    ),
    "practice.working": ("正确的算法：", "The correct working:"),
    "practice.all_steps": ("本期全部计算步骤", "Every step of this side"),
    "practice.score": (
        "本组得分：{right} / {total} 个数字正确；{cases} / {count} 题全对（已批改 {marked} 题）。",
        "Score for the set: {right} of {total} figures right; {cases} of {count} cases all right ({marked} marked).",
    ),
    "practice.downloads": ("题目与答案（打印用）", "Worksheet and answer key (to print)"),
    "practice.dl.sheet_md": ("题目（Markdown）", "Worksheet (Markdown)"),
    "practice.dl.key_md": ("答案与计算过程（Markdown）", "Answer key with the working (Markdown)"),
    "practice.dl.sheet_csv": ("题目（CSV）", "Worksheet (CSV)"),
    "practice.dl.key_csv": ("答案（CSV）", "Answer key (CSV)"),
    "practice.dl.sheet_pdf": ("题目（打印用 PDF）", "Worksheet (PDF to print)"),
    "practice.dl.key_pdf": ("答案与计算过程（打印用 PDF）", "Answer key with the working (PDF to print)"),
    # sandbox: the population block (a what-if over a simulated population, the fund balance, the solver)
    "sbpop.title": (
        "人群与基金：这项修改对模拟人群的影响",
        "Population and fund: what this change does to a simulated population",
    ),
    "sbpop.intro": (
        "同一批模拟参保人分别按改革前政策、未修改的政策和沙盘政策结算（向量化引擎，与精确引擎逐分一致）。"
        "人群参数均为假设（见“人群视角”页），结果是模拟测算，不是统计数据。",
        "The same simulated insured persons are settled under the pre-reform policy, the unchanged policy and "
        "the what-if (the vectorised engine, which agrees with the exact engine to the fen). The population "
        "parameters are assumptions (see the Population page): these are simulated estimates, not statistics.",
    ),
    "sbpop.size": ("模拟人数", "Persons simulated"),
    "sbpop.size_help": (
        "同一人数与随机种子得到同一人群；人群只抽取一次，之后每次修改参数只重新结算。",
        "The same size and seed give the same persons; they are drawn once, and each change only settles them again.",
    ),
    "sbpop.insured": ("换算到的参保人数（0 表示按模拟人数）", "Insured count to scale to (0: the simulated size)"),
    "sbpop.insured_help": (
        "政策文件未给出参保人数，请按需要填写（如某市职工医保参保人数）。",
        "The policy documents do not give an insured count: enter the one you need (e.g. a city's employee insured).",
    ),
    "sbpop.running": ("正在模拟人群并结算……", "Simulating and settling the population…"),
    "sbpop.ran": (
        "模拟 {n} 人（随机种子 {seed}），三项政策结算用时 {s} 秒。",
        "{n} persons simulated (seed {seed}); the three policies settled in {s} s.",
    ),
    "sbpop.error": ("无法测算人群：{reason}", "Cannot simulate the population: {reason}"),
    "sbpop.no_pre": (
        "起点政策没有对应的改革前政策，无法做人群比较。",
        "The starting policy has no pre-reform policy to compare with, so there is no population view.",
    ),
    "sbpop.overall": ("总体：受益与受损的比例", "Overall: shares better and worse off"),
    "sbpop.against_base": ("沙盘 与 未修改的政策", "What-if against the unchanged policy"),
    "sbpop.against_pre": ("沙盘 与 改革前", "What-if against pre-reform"),
    "sbpop.reform_pre": ("未修改的政策 与 改革前", "Unchanged policy against pre-reform"),
    "sbpop.comparison": ("比较", "Comparison"),
    "sbpop.measure": ("口径", "Measure"),
    "sbpop.money": (
        "基金与账户的变化（沙盘 − 未修改的政策）",
        "Change in the fund and the accounts (what-if − unchanged policy)",
    ),
    "sbpop.item": ("项目", "Item"),
    "sbpop.per_10000": ("每万名参保人", "Per 10,000 insured"),
    "sbpop.scaled": ("按 {n} 名参保人", "For {n} insured"),
    "sbpop.simulated": ("按模拟人数 {n} 人", "For the {n} simulated"),
    "sbpop.field.account_credit": ("个人账户划入", "Account credits"),
    "sbpop.field.general_pooling_paid": ("普通门诊统筹支付", "Pooled outpatient payments"),
    "sbpop.field.cash_paid": ("现金支出", "Cash outlay"),
    "sbpop.field.closing_balance": ("年末账户余额", "Year-end balance"),
    "sbpop.groups": ("分组：受益与受损", "By group: better and worse off"),
    "sbpop.breakdown": ("分组方式", "Group by"),
    "sbpop.breakdown.by_tier": ("按参保档次", "by contribution tier"),
    "sbpop.histogram": (
        "现金支出变化分布（各自与改革前相比）",
        "Change in cash outlay, each against pre-reform",
    ),
    "sbpop.hist_reform": ("未修改的政策", "Unchanged policy"),
    "sbpop.hist_what_if": ("沙盘政策", "What-if"),
    "sbpop.fund": (
        "资金平移：统筹支付是否抵得上账户划入的减少",
        "Fund balance: do pooled payments make up for the credits removed?",
    ),
    "sbpop.drivers": ("决定上述结果的假设", "The assumptions these figures rest on"),
    "sbpop.chart.money_title": (
        "模拟人群：沙盘修改带来的变化（{basis}）",
        "Simulated population: what the what-if changes ({basis})",
    ),
    "sbpop.chart.hist_title": (
        "模拟人群：现金支出变化分布，未修改的政策与沙盘政策",
        "Simulated population: change in cash outlay, unchanged policy and what-if",
    ),
    "sbpop.chart.fund_title": (
        "模拟人群的资金平移（每万名参保人，与改革前相比）",
        "Simulated population, fund balance (per 10,000 insured, against pre-reform)",
    ),
    "sbpop.chart.amount_axis": ("金额（元）", "Amount (yuan)"),
    "sbpop.solve.title": ("求解参数：找出满足目标的取值", "Solve for a parameter: find the value that meets a target"),
    "sbpop.solve.intro": (
        "对所选参数在其有效范围内二分查找（每一步用向量化引擎结算上面的模拟人群），其余修改保持不变；"
        "找到后用精确引擎抽查同一批人。",
        "Bisection over the parameter's valid range (each step settles the simulated population above with the "
        "vectorised engine), the other changes held; the answer is then checked with the exact engine on a sample.",
    ),
    "sbpop.solve.parameter": ("参数", "Parameter"),
    "sbpop.solve.target": ("目标", "Target"),
    "sbpop.solve.net_flow": (
        "资金平移：净额（划入减少 − 统筹增加）= 0",
        "Fund-neutral: net (credits removed − pooled added) = 0",
    ),
    "sbpop.solve.losers": (
        "受损比例（与改革前相比，现金与账户合计）",
        "Share worse off (against pre-reform, cash and account)",
    ),
    "sbpop.solve.share": ("受损比例目标（0–1）", "Target share worse off (0–1)"),
    "sbpop.solve.run": ("求解", "Solve"),
    "sbpop.solve.found": (
        "{parameter} 取 {value} 时满足目标：{target}。",
        "{parameter} = {value} meets the target: {target}.",
    ),
    "sbpop.solve.not_found": (
        "{parameter} 在有效范围 [{low}, {high}] 内没有满足目标（{target}）的取值；最接近的是 {value}。",
        "No value of {parameter} in its valid range [{low}, {high}] meets the target ({target}); the closest is {value}.",
    ),
    "sbpop.solve.losers_is": ("受损比例 = {share}", "share worse off = {share}"),
    "sbpop.solve.per_10000": ("{amount}（每万名参保人）", "{amount} per 10,000 insured"),
    "sbpop.solve.running": ("正在求解……", "Solving…"),
    "sbpop.solve.use": ("采用此值", "Use this value"),
    "sbpop.solve.value": ("结果", "Value"),
    "sbpop.solve.range": ("有效范围", "Valid range"),
    "sbpop.solve.iterations": ("迭代次数", "Iterations"),
    "sbpop.solve.residual": ("残差", "Residual"),
    "sbpop.solve.tolerance": ("容差（相邻取值之差）", "Tolerance (one step apart)"),
    "sbpop.solve.exact": ("精确引擎抽查（不一致 / 抽查人数）", "Exact engine check (mismatches / sample)"),
    "sbpop.solve.seconds": ("用时（秒）", "Seconds"),
    # sources page
    "sources.title": ("政策依据与说明", "Sources and notes"),
    "sources.documents": ("引用的文件", "Documents cited"),
    "sources.document": ("文件名称", "Title"),
    "sources.issuer": ("发文机关", "Issued by"),
    "sources.issuer_not_stated": ("原文未注明", "not stated in the document"),
    "sources.number": ("文号", "Document number"),
    "sources.date": ("日期", "Date"),
    "sources.secondary_doc": ("二手资料（非正式文件）", "secondary source (not an official document)"),
    "sources.parameters": ("每个参数的出处", "What each parameter rests on"),
    "sources.path": ("参数", "Parameter"),
    "sources.cite": ("出处", "Source"),
    "sources.note": ("备注", "Note"),
    "sources.secondary": ("二手资料", "Secondary"),
    "sources.yes": ("是 ⚠", "yes ⚠"),
    "sources.no": ("", ""),
    "sources.no_number": ("无文号", "none"),
    "sources.no_date": ("原文未注明", "not stated in the document"),
    # a note written only in the other language: shown, and said to be in that language
    "sources.note_other": ("（仅有英文备注）{note}", "(note in Chinese only) {note}"),
    "sources.secondary_list": (
        "二手资料默认值（正式文件未载，可用对账单数字替代）",
        "Secondary-source defaults (not in the official documents; your statement figure replaces them)",
    ),
    "sources.errata": ("原文勘误", "Errata in the sources"),
    "sources.policy_notes": ("政策文件说明", "Notes in the policy files"),
    "sources.disclaimer_title": ("免责声明", "Disclaimer"),
    "sources.disclaimer": (
        "本工具依据公开政策文件估算个人待遇，仅供参考。实际报销与个人账户划入以医保经办机构的正式结算为准；"
        "二手资料默认值未经官方文件证实，请以本人对账单为准。",
        "This tool estimates benefits from the published policy documents, for information only. Actual "
        "reimbursement and account credits are those settled by the medical insurance office; secondary-source "
        "defaults are not confirmed by official documents — your own statement is what counts.",
    ),
    "common.yes": ("是", "yes"),
    "common.no": ("否", "no"),
    "common.none": ("—", "—"),
    # the population page (人群视角)
    "pop.title": ("人群视角：谁受益、谁受损、资金如何平移", "Population: who gains, who loses, where the money moves"),
    "pop.intro": (
        "以下结果来自按假设生成的模拟人群，不是统计数据。每项人群参数都是可调整的假设，并注明来源；政策参数来自政策文件。",
        "These results come from a simulated population drawn from assumptions, not from statistics. Every population "
        "parameter is an assumption you can change, shown with its origin; the policy parameters come from the policy files.",
    ),
    "pop.assumptions": ("人群假设（均为假设，可调整）", "Population assumptions (all assumptions — adjust them)"),
    "pop.region": ("地区（改革前后对比）", "Region (before and after its reform)"),
    "pop.run": ("重新测算", "Recompute"),
    "pop.origin": ("来源：{source}", "Origin: {source}"),
    "pop.none_scale": ("0 表示按模拟人数", "0 means the simulated size"),
    "pop.reference": ("{label}（元{unit}）", "{label} (yuan{unit})"),
    "pop.overall": ("总体", "Overall"),
    "pop.better": ("合计受益（现金与账户）", "Better off (cash and account)"),
    "pop.worse": ("合计受损（现金与账户）", "Worse off (cash and account)"),
    "pop.cash_down": ("现金支出减少", "Pay less cash"),
    "pop.flow": ("资金平移（待遇置换、资金平移）", "Where the money moves (benefits swapped, funds shifted)"),
    "pop.per_10000": ("每万名参保人", "Per 10,000 insured"),
    "pop.scaled_insured": ("按 {n} 名参保人换算", "Scaled to {n} insured"),
    "pop.scaled_simulated": ("按模拟人数 {n} 人（未填写参保人数）", "For the {n} simulated (no insured count given)"),
    "pop.credits_removed": ("个人账户划入减少", "Account credits removed"),
    "pop.pooled_added": ("普通门诊统筹支付增加", "Pooled outpatient payments added"),
    "pop.net": ("净额（减少 − 增加）", "Net (removed − added)"),
    "pop.measure": ("口径", "Measure"),
    "pop.cash": ("现金支出", "Cash outlay"),
    "pop.balance": ("年末账户余额", "Year-end balance"),
    "pop.combined": ("现金与账户合计", "Cash and account together"),
    "pop.gainers": ("受益", "Better off"),
    "pop.losers": ("受损", "Worse off"),
    "pop.unchanged": ("不变", "Unchanged"),
    "pop.by_age": ("按年龄段", "By age band"),
    "pop.by_status": ("按身份", "By status"),
    "pop.by_decile": ("按门诊费用十分位（有费用者）", "By spending decile (spenders)"),
    "pop.decile_note": (
        "十分位阈值取自同一假设下、随机数固定的试点样本（20万人），每组约占有费用者的十分之一；无门诊费用者单列。",
        "Decile thresholds come from a fixed-draw pilot sample (200,000 persons) of the same assumptions, so each "
        "holds about a tenth of the spenders; persons with no spending form their own group.",
    ),
    "pop.share": ("占比", "Share"),
    "pop.histogram": ("现金支出变化分布（改革后 − 改革前，元）", "Change in cash outlay (after − before, yuan)"),
    "pop.persons": ("人数", "Persons"),
    "pop.in_service": ("在职", "In service"),
    "pop.retired": ("退休", "Retired"),
    "pop.none": ("无门诊费用", "No spending"),
    "pop.table": ("全部假设及来源", "All assumptions and their origins"),
    "pop.name": ("名称", "Name"),
    "pop.meaning": ("说明", "Meaning"),
    "pop.value": ("取值", "Value"),
    "pop.source": ("来源", "Origin"),
    "pop.timing": ("模拟 {n} 人，用时 {s} 秒", "{n} persons simulated in {s} s"),
    # one measure from headline to chart; precision and run status (app_pages/population.py)
    "pop.measure_help": (
        "同一口径用于下面的总体占比、各分组图和分布图。现金与账户合计 = 年末余额变化 − 现金支出变化。",
        "The same measure governs the overall shares, every breakdown and the distribution below. Cash and "
        "account together = change in year-end balance − change in cash outlay.",
    ),
    "pop.ran": (
        "模拟 {n} 人，用时 {s} 秒，测算于 {moment}（北京时间）。",
        "{n} persons simulated in {s} s, computed at {moment} (Beijing time).",
    ),
    "pop.reused_asked": (
        "假设未变，未重新计算：沿用上面时刻的结果（结果相同）。",
        " The assumptions are unchanged, so nothing was recomputed: the result above is reused (it would be identical).",
    ),
    "pop.overall_m": ("模拟人群总体（口径：{measure}）", "Simulated population overall (measure: {measure})"),
    "pop.headline.gainers": ("受益（{measure}）", "Better off ({measure})"),
    "pop.headline.losers": ("受损（{measure}）", "Worse off ({measure})"),
    "pop.headline.unchanged": ("不变（{measure}）", "Unchanged ({measure})"),
    "pop.flow_simulated": (
        "模拟人群的资金平移（待遇置换、资金平移）",
        "Simulated population: where the money moves (benefits swapped, funds shifted)",
    ),
    "pop.no_insured_count": (
        "未填写参保人数，因此只给出每万名参保人的数额；金额取整到千元（万元保留一位小数），精确值见下载文件。",
        "No insured count given, so only the amount per 10,000 insured is shown; amounts are rounded to the "
        "thousand yuan, the exact values are in the download.",
    ),
    "pop.breakdowns_m": ("模拟人群分组（口径：{measure}）", "Simulated population by group (measure: {measure})"),
    "pop.breakdown.by_age": ("按年龄段", "by age band"),
    "pop.breakdown.by_status": ("按身份", "by status"),
    "pop.breakdown.by_tier": ("按参保档次", "by contribution tier"),
    "pop.breakdown.by_decile": ("按门诊费用十分位（有费用者）", "by spending decile (spenders)"),
    "pop.histogram_m": (
        "模拟人群：{measure}变化的分布",
        "Simulated population: distribution of the change in {measure}",
    ),
    "pop.change_axis.cash": (
        "现金支出变化（元，改革后 − 改革前；负数为少付）",
        "Change in cash outlay (yuan, after − before; negative = pays less)",
    ),
    "pop.change_axis.balance": (
        "年末账户余额变化（元，改革后 − 改革前）",
        "Change in year-end balance (yuan, after − before)",
    ),
    "pop.change_axis.combined": (
        "现金与账户合计变化（元，余额变化 − 现金变化；正数为受益）",
        "Change, cash and account together (yuan, balance change − cash change; positive = better off)",
    ),
    "pop.download": ("下载精确数值（CSV）", "Download the exact figures (CSV)"),
    "pop.download_note": (
        "页面上的模拟金额取整到千元、占比保留一位小数；下载文件中为精确到分的金额、人数和未取整的占比。",
        "On the page, simulated amounts are rounded to the thousand yuan and shares to 0.1%; the download has the "
        "amounts to the fen, the counts and the unrounded shares.",
    ),
}


LANG_COOKIE = "menzhen_lang"  # the language this browser chose last, for a session opened by a bare link


def remember_language(code: str) -> None:
    """Keep the chosen language in a cookie of this site, read when this browser opens a new session.

    A one-line script in the page (nothing is sent anywhere; the cookie holds ``zh`` or ``en`` for a year)."""
    if code in LANGS:
        st.html(
            f"<script>document.cookie = '{LANG_COOKIE}={code}; path=/; max-age=31536000; SameSite=Lax';</script>",
            unsafe_allow_javascript=True,
        )


# The sidebar's page links are Streamlit's own and carry no query string: in English each link's address
# gets ``lang=en``, so a link copied or opened in a new tab from the menu opens in English (a click
# inside the tab already keeps the language: the app writes it into the address on every run). The page
# also says its language (``<html lang>``): browsers pick the Simplified Chinese glyphs and the right voice
# for a screen reader, and the print stylesheet hides Streamlit's English-only input hints on a Chinese page.
NAV_LANGUAGE_SCRIPT = """
<script>
(function () {
  if (window.__navLanguage) { return; }
  window.__navLanguage = true;
  var mark = function () {
    var english = new URLSearchParams(window.location.search).get("lang") === "en";
    var code = english ? "en" : "zh-CN";
    if (document.documentElement.lang !== code) { document.documentElement.lang = code; }
    document.querySelectorAll('[data-testid="stSidebarNav"] a[href]').forEach(function (link) {
      var url = new URL(link.getAttribute("href"), window.location.href);
      if (english) { url.searchParams.set("lang", "en"); } else { url.searchParams.delete("lang"); }
      var wanted = url.pathname + url.search;
      if (link.getAttribute("href") !== wanted) { link.setAttribute("href", wanted); }
    });
  };
  new MutationObserver(mark).observe(document.body, {subtree: true, childList: true, attributes: true,
    attributeFilter: ["href"]});
  ["pushState", "replaceState"].forEach(function (name) {  // the app writes lang into the address
    var original = window.history[name];
    window.history[name] = function () { var result = original.apply(this, arguments); mark(); return result; };
  });
  window.addEventListener("popstate", mark);
  mark();
})();
</script>
"""

_settled = threading.local()  # this script thread's (session id, language), set at the top of every run


def settle_language() -> None:
    """Fix the language for the rest of this script run: the entry point calls it at the top of every
    run, once the session's language is decided. A page asks for its language hundreds of times a run,
    and every Streamlit session-state read costs more than the rest of :func:`t`."""
    ctx = get_script_run_ctx(suppress_warning=True)
    _settled.value = (ctx.session_id if ctx else None, _from_session())


def _from_session() -> str:
    value = st.session_state.get("lang", "zh")
    return value if value in LANGS else "zh"


_spoken = threading.local()  # a language fixed for work done outside a page run (see speaking)


@contextlib.contextmanager
def speaking(code: str) -> Iterator[None]:
    """Look words up in ``code`` inside this block, also outside a page run: a file written when its
    download button is clicked speaks the language of the page that drew the button."""
    previous = getattr(_spoken, "code", None)
    _spoken.code = code
    try:
        yield
    finally:
        _spoken.code = previous


def lang() -> str:
    """The current language: ``zh`` unless the user switched to English."""
    spoken = getattr(_spoken, "code", None)
    if spoken is not None:
        return spoken
    settled = getattr(_settled, "value", None)
    if settled is not None:
        ctx = get_script_run_ctx(suppress_warning=True)
        if ctx is not None and ctx.session_id == settled[0]:
            return settled[1]
    return _from_session()


def t(key: str, **values: object) -> str:
    """The text for ``key`` in the current language, with ``values`` filled in."""
    zh, en = TEXT[key]
    text = en if lang() == "en" else zh
    return text.format(**values) if values else text


@functools.cache
def _group(prefix: str, code: str) -> dict[str, str]:
    index = 1 if code == "en" else 0
    return {key.split(".", 1)[1]: pair[index] for key, pair in TEXT.items() if key.startswith(prefix + ".")}


def group(prefix: str) -> dict[str, str]:
    """Every text under ``prefix.`` in the current language, by the rest of its key (``status`` →
    ``{"in_service": "在职", …}``): a choice widget's labels, looked up once per language and process
    instead of walking the whole table on every run."""
    return _group(prefix, lang())


def pick(pair: tuple[str, str]) -> str:
    """One of an engine's (zh, en) pairs in the current language."""
    return pair[1] if lang() == "en" else pair[0]
