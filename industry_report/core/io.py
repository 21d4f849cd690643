"""File output helpers: atomic writes so a failed step never leaves a half-written file, and
reproducible bytes (zip archives with fixed entry dates, times from SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import tempfile
import zipfile
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas only for the annotation: a job that writes no CSV need not import it
    import pandas as pd

# The created/modified time written into workbooks, so their bytes depend only on their content.
FIXED_TIME = datetime(2000, 1, 1, 0, 0, 0)


@contextmanager
def atomic_path(path: str | Path):
    """Yield a temporary path beside ``path``; rename it into place only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file the usual permissions
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_csv(df: pd.DataFrame, path: str | Path, **kwargs) -> None:
    kwargs.setdefault("index", False)
    kwargs.setdefault("lineterminator", "\n")
    with atomic_path(path) as tmp:
        df.to_csv(tmp, encoding="utf-8", **kwargs)


def _jsonable(o):
    if hasattr(o, "item"):  # numpy scalars
        return o.item()
    if isinstance(o, (set, tuple)):
        return list(o)
    raise TypeError(f"not JSON-serialisable: {type(o).__name__}")


def write_json(obj, path: str | Path) -> None:
    """Sorted keys and fixed indentation: stable bytes, readable diffs."""
    with atomic_path(path) as tmp:
        tmp.write_text(
            json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True, default=_jsonable) + "\n",
            encoding="utf-8",
        )


def write_text(text: str, path: str | Path) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def read_json(path: str | Path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH if set, else the time of the last commit, else a fixed date: never 'now'."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        ).stdout.strip()
        return int(out)
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError):
        return 946684800  # 2000-01-01


ZIP_EPOCH_MIN = 315532800  # 1980-01-01, the first date a zip entry can carry


def epoch_datetime(epoch: int) -> dt.datetime:
    """``epoch`` as a UTC time, no earlier than 1980 (the first date a zip entry can carry)."""
    return dt.datetime.fromtimestamp(max(epoch, ZIP_EPOCH_MIN), tz=dt.UTC)


def zip_bytes(entries: dict[str, bytes], *, epoch: int, first: tuple[str, ...] = ()) -> bytes:
    """A zip archive (DOCX, XLSX) with the same bytes for the same entries: entries in sorted order
    (those named in ``first`` before the rest), every entry dated ``epoch``, fixed permissions."""
    stamp = epoch_datetime(epoch).timetuple()[:6]
    order = [n for n in first if n in entries] + sorted(n for n in entries if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, entries[name], compresslevel=9)
    return out.getvalue()


def write_zip(
    entries: dict[str, bytes], path: str | Path, *, epoch: int, first: tuple[str, ...] = ()
) -> None:
    """:func:`zip_bytes`, written atomically to ``path``."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(zip_bytes(entries, epoch=epoch, first=first))


def read_zip(path: str | Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zin:
        return {n: zin.read(n) for n in zin.namelist()}


def normalise_zip(data: bytes, epoch: int = ZIP_EPOCH_MIN) -> bytes:
    """Rewrite a zip (an XLSX openpyxl wrote) as :func:`zip_bytes` does, keeping its entry order, so
    equal content gives equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = tuple(src.namelist())
    return zip_bytes({n: src.read(n) for n in names}, epoch=epoch, first=names)
