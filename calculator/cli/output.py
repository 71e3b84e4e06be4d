"""Writing a printed sheet to the file named by ``-o``: the PDF is made in memory first, so bad input never
leaves a file behind, and an unwritable path is refused by name (exit 2) rather than with a traceback."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import InputError


def add_output_argument(parser: argparse.ArgumentParser, example: str) -> None:
    parser.add_argument("-o", "--output", required=True, metavar=example, help="PDF 文件路径 / where to write the PDF")


def write_pdf(path_text: str, data: bytes) -> Path:
    path = Path(path_text)
    if path.is_dir():
        raise InputError.one("output", f"「{path_text[:80]}」是一个目录", f"'{path_text[:80]}' is a directory")
    if not path.parent.exists():
        raise InputError.one(
            "output", f"目录「{str(path.parent)[:80]}」不存在", f"folder '{str(path.parent)[:80]}' does not exist"
        )
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise InputError.one("output", f"无法写入（{exc.strerror}）", f"cannot be written ({exc.strerror})") from None
    return path
