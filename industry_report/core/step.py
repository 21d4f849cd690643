"""Running one build step: its log keeps what happened, the terminal gets one clear line.

Every entry script in scripts/ ends with::

    if __name__ == "__main__":
        with step(snakemake):
            main(snakemake.input, snakemake.output, snakemake.params)

The rule's ``log:`` file then receives, in order: the rule's name, the files it read (size and a
short SHA-256), every warning raised during the step (Python warnings, e.g. a GLM separation warning,
and ``logging`` records of the package), and either the files it wrote or the error. A project error
(bad input, config, template, rendering) prints its message on the terminal; an unexpected error
prints one line naming the rule and the log, and leaves the full traceback in the log. Either way
the step exits with status 1, so Snakemake removes its outputs.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import signal
import subprocess
import sys
import traceback
import warnings
from contextlib import contextmanager
from pathlib import Path

from industry_report.core.errors import ConfigError, InputError, RenderError, TemplateError

PROJECT_ERRORS = (InputError, ConfigError, TemplateError, RenderError)
# No room left on the disk, a quota, or a file-size limit (`ulimit -f`; Python ignores SIGXFSZ).
DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
# How a tool killed by SIGXFSZ ends: directly, or through a shell.
SIGXFSZ_EXIT = (-signal.SIGXFSZ, 128 + signal.SIGXFSZ)
log = logging.getLogger("industry_report")


def _describe(path: str) -> str:
    p = Path(path)
    if p.is_dir():
        n = sum(1 for f in p.rglob("*") if f.is_file())
        return f"{path} (folder, {n} files)"
    if not p.exists():
        return f"{path} (missing)"
    digest = hashlib.sha256(p.read_bytes()).hexdigest()[:12]
    return f"{path} ({p.stat().st_size} bytes, sha256 {digest})"


def _files(named) -> list[str]:
    out = []
    for f in list(named or []):
        out.extend(_files(f) if isinstance(f, (list, tuple)) else [str(f)])
    return out


def _warning_to_log(message, category, filename, lineno, file=None, line=None):
    log.warning("%s: %s (%s:%s)", category.__name__, message, Path(filename).name, lineno)
    print(f"warning: {category.__name__}: {message}", file=sys.stderr)


@contextmanager
def logged(log_path: str | None, rule: str, inputs=(), outputs=()):
    """Send this process's warnings and log records to ``log_path``; record inputs and outputs."""
    handler = None
    # A log that cannot be written (the disk is full) must not print logging's own traceback.
    logging.raiseExceptions = False
    if log_path:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_path, mode="w", encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    old_show = warnings.showwarning
    warnings.showwarning = _warning_to_log
    warnings.simplefilter("default")
    log.info("rule %s", rule)
    for f in _files(inputs):
        log.info("read %s", _describe(f))
    try:
        yield log
    except PROJECT_ERRORS as exc:
        log.error("%s", exc)
        print(f"ERROR in step {rule}: {exc}", file=sys.stderr)
        sys.exit(1)
    except (OSError, subprocess.CalledProcessError) as exc:
        if not disk_full(exc):
            _unexpected(exc, rule, log_path)
        log.error("disk full: %s", exc)
        print(f"ERROR in step {rule}: {disk_full(exc)}", file=sys.stderr)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - an unexpected error: traceback to the log, one line out
        _unexpected(exc, rule, log_path)
    else:
        for f in _files(outputs):
            log.info("wrote %s", _describe(f))
        log.info("done")
    finally:
        warnings.showwarning = old_show
        if handler:
            log.removeHandler(handler)
            handler.close()


def disk_full(exc: BaseException) -> str | None:
    """The message for an error that means no room was left to write, else None. A tool run as a
    subprocess (pandoc, typst) is killed by SIGXFSZ at a file-size limit instead of seeing EFBIG."""
    if isinstance(exc, OSError) and exc.errno in DISK_FULL:
        what = f" {exc.filename}" if exc.filename else ""
    elif isinstance(exc, subprocess.CalledProcessError) and exc.returncode in SIGXFSZ_EXIT:
        cmd = exc.cmd[0] if isinstance(exc.cmd, (list, tuple)) else str(exc.cmd).split()[0]
        what = f" (by {Path(cmd).name})"
    else:
        return None
    return (
        f"no room to write{what}: the disk is full or a file-size limit was reached; nothing"
        " half-written was kept. Free some space and run the build again."
    )


def _unexpected(exc: BaseException, rule: str, log_path: str | None):
    """An unexpected error: the traceback to the log, one line to the terminal."""
    log.error("unexpected error:\n%s", traceback.format_exc())
    where = f"; the traceback is in {log_path}" if log_path else ""
    print(f"ERROR in step {rule}: unexpected {type(exc).__name__}: {exc}{where}", file=sys.stderr)
    sys.exit(1)


def step(smk):
    """The ``logged`` context for a Snakemake ``script:`` object (its rule, log, input, output)."""
    log_path = str(smk.log[0]) if len(smk.log) else None
    return logged(log_path, smk.rule, smk.input, smk.output)
