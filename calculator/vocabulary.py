"""The closed sets of words the policies and the inputs share.

They are the contract of the command line, the CSV columns, the query string and the policy files, so
they are spelled once, here.
"""

from __future__ import annotations

from typing import Literal, get_args

Status = Literal["in_service", "retired"]
Tier = Literal["employer", "individual_tier1", "individual_tier2"]
Level = Literal[1, 2, 3]
Kind = Literal["general", "tcm", "hypertension", "diabetes"]
Relation = Literal["spouse", "parent", "child"]
Lang = Literal["zh", "en"]

STATUSES: tuple[str, ...] = get_args(Status)
TIERS: tuple[str, ...] = get_args(Tier)
LEVELS: tuple[int, ...] = get_args(Level)
KINDS: tuple[str, ...] = get_args(Kind)
RELATIONS: tuple[str, ...] = get_args(Relation)
LANGS: tuple[str, ...] = get_args(Lang)
