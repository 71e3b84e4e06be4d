"""A source cited in the reader's language: one piece of code for the dashboard and the command line.

Policy files write an article reference as the Chinese document prints it (``第九条第二款``, ``问十九（例1）``),
sometimes with an English gloss in the same string, and notes mix a quoted Chinese clause with an English
comment. An English reader gets the English form of the reference (``Art. 9 para. 2``, ``Q19 (ex. 1)``) and
only the English clauses of a note; a Chinese reader only the Chinese ones. The document itself is always
named in full (title, issuer, 文号, date), so nothing a reader needs to look the source up is lost.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .policy_model import Source
    from .registry import Registry

# --- which language a clause is written in ------------------------------------------------------------

_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# a clause ends at a dash, a semicolon or full stop, a full stop after anything but a digit ("元. TCM…",
# "（第五条）. The…"), or a colon before English words ("范围: the chronic…")
_CLAUSE_END = re.compile(r"\s+—\s+|(?<=[;；。])\s*|(?<=\D\.)\s+|(?<=:)\s+(?=[A-Za-z])")
_ASIDE = re.compile(r"\s*[(（]([^()（）]*)[)）]")
#: three English words in a row: a Chinese clause carrying an English sentence is not Chinese text
_ENGLISH_PHRASE = re.compile(r"[A-Za-z']{2,}(?:[ ,]+[A-Za-z']+){2,}")


def _clause_lang(clause: str) -> str:
    """``zh`` when a clause is mostly Chinese, ``en`` when it is mostly English words."""
    chinese = len(_CJK.findall(clause))
    english = sum(len(word) for word in _LATIN_WORD.findall(clause))
    return "zh" if chinese * 2 >= english and not _ENGLISH_PHRASE.search(clause) else "en"


_OPENING, _CLOSING = "(（", ")）"


def _clauses(text: str) -> list[str]:
    """The clauses of a note, split where a clause ends outside brackets: a ";" inside an aside
    ("按自然年度累计 (accumulated over the calendar year; also Q10)") belongs to the aside."""
    clauses, start, depth, scanned = [], 0, 0, 0
    for end in _CLAUSE_END.finditer(text):
        for char in text[scanned : end.start()]:
            depth += (char in _OPENING) - (char in _CLOSING)
        scanned = end.start()
        if depth <= 0:
            clauses.append(text[start : end.start()])
            start = end.end()
    clauses.append(text[start:])
    return [clause.strip() for clause in clauses if clause.strip()]


def _english_gloss(clause: str) -> str:
    """A Chinese clause's English gloss in brackets (``按自然年度累计 (accumulated over the calendar year)``
    → ``accumulated over the calendar year``), or the clause itself when it has none."""
    if _clause_lang(_ASIDE.sub("", clause)) == "en":
        return clause
    glosses = [aside.group(1) for aside in _ASIDE.finditer(clause) if _ENGLISH_PHRASE.search(aside.group(1))]
    return "; ".join(glosses) or clause


def in_language(text: str | None, code: str) -> str:
    """The clauses of a mixed-language note that are written in ``code``'s language.

    Policy-file notes often quote the Chinese article and comment on it in English in one string; a reader
    sees only what is in their own language (the citation beside it still names the article).
    """
    if not text:
        return ""
    if code != "en":  # an English aside inside a Chinese clause goes too
        text = _ASIDE.sub(lambda match: "" if _clause_lang(match.group(1)) == "en" else match.group(0), text)
    clauses = _clauses(text)
    if code == "en":  # a Chinese clause glossed in English in brackets reads as its gloss
        clauses = [_english_gloss(clause) for clause in clauses]
    kept = [clause for clause in clauses if _clause_lang(clause) == ("en" if code == "en" else "zh")]
    return " ".join(kept).strip(" ;；")


# --- an article reference in English ------------------------------------------------------------------

_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = "[一二三四五六七八九十]+"
_REF_WORDS = (
    (re.compile(f"举例({_CN_NUMBER}|\\d+)"), "example {}"),
    (re.compile(f"第({_CN_NUMBER})条"), "art. {}"),
    (re.compile(f"第({_CN_NUMBER})款"), "para. {}"),
    (re.compile(f"第({_CN_NUMBER})项"), "item {}"),
    (re.compile(f"问({_CN_NUMBER})"), "Q{}"),
    (re.compile(f"问题({_CN_NUMBER}|\\d+)"), "Q{}"),
    (re.compile(f"例({_CN_NUMBER}|\\d+)"), "ex. {}"),
    (re.compile(f"^({_CN_NUMBER})(?=（)"), "part {}"),  # a guideline's part: 二（三） → part 2 (3)
    (re.compile(f"（({_CN_NUMBER})）"), "({})"),  # an item of an article: 第五条（一） → art. 5 (1)
)
_PUNCTUATION = str.maketrans({"（": " (", "）": ")", "、": ", ", "；": "; ", "，": ", ", "：": ": "})
_FULL_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
#: what only the Chinese original can say: a person's name in brackets, a graphic's nickname before "·"
_NAMES = (
    re.compile(r"\s*\([^()]*[\u3400-\u4dbf\u4e00-\u9fff][^()]*\)"),
    re.compile(r"[^\s;(]*[\u3400-\u4dbf\u4e00-\u9fff][^\s;(]*·"),
)


def _number(text: str) -> str:
    """Chinese numerals up to 99 (``十九`` → ``19``); digits pass through."""
    if text.isdigit():
        return text
    tens, _, units = text.partition("十")
    if "十" not in text:
        return str(_NUMERALS[text]) if text in _NUMERALS else text
    return str(_NUMERALS.get(tens, 1) * 10 + _NUMERALS.get(units, 0))


def english_ref(ref: str) -> str | None:
    """An article reference in English (``第九条第二款`` → ``art. 9 para. 2``, ``问十九（例1）`` →
    ``Q19 (ex. 1)``, ``举例2（小陈、小曾）`` → ``example 2``), or None when what is left names something only
    the Chinese original can (a statistic's Chinese name)."""
    text = ref
    for pattern, words in _REF_WORDS:
        text = pattern.sub(lambda match, words=words: " " + words.format(_number(match.group(1))) + " ", text)
    text = re.sub(r"\s+", " ", text.translate(_PUNCTUATION)).replace(" )", ")").replace("( ", "(").strip()
    for names in _NAMES:
        text = names.sub("", text).strip()
    text = re.sub(r"\s+([;,)])", r"\1", text)
    return None if _FULL_CJK.search(text) or not text else text


def reference_in(ref: str, code: str) -> str:
    """The article reference in the reader's language, or "" when it has no form in that language
    (the document is then cited alone)."""
    if code != "en":
        return in_language(ref, code)
    written = in_language(ref, "en")  # a reference the policy file glosses in English itself
    if written:
        return written
    english = english_ref(ref) or ""
    return re.sub(r"(^|; )([a-z])", lambda match: match.group(1) + match.group(2).upper(), english)  # Art. 4; Art. 12


def cite_in(source: Source | None, code: str, registry: Registry | None = None) -> str:
    """``《…实施细则》（…，渝医保发〔2023〕32号，2023年12月11日）第四条`` in Chinese, ``Chongqing implementing
    rules … (…, Yuyibaofa [2023] No. 32, 2023-12-11) Art. 4`` in English: the document in full, the article
    in the reader's language, a secondary source marked as such."""
    if source is None:
        return ""
    if registry is None:
        from .registry import default_registry

        registry = default_registry()
    own = reference_in(source.ref, code)
    if own != source.ref:
        source = source.model_copy(update={"ref": own})
    return registry.cite(source, code).replace(" · （", "（").replace(" ·  (", " (").rstrip(" ·")
