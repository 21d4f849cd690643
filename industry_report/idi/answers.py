"""IDI answers: one year's answers file (CSV or XLSX), checked against the codebook.

Each answer is an option id of the question's option set, or the codebook's N/A code where the
question allows it. A missing answer is never a zero: by default it is an error; with
``missing="skip"`` the question is combined over the experts who did answer it (scoring).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from industry_report.core.errors import ConfigError, InputError, Problem
from industry_report.core.validation import read_text_table, validate
from industry_report.idi.codebook import Codebook

ANSWER_COLUMNS = ["expert", "question", "answer", "citation", "comment"]
OPTIONAL_ANSWER_COLUMNS = ["block"]

ANSWER_SCHEMA = pa.DataFrameSchema(
    {
        "expert": pa.Column(str, nullable=False),
        "question": pa.Column(str, nullable=False),
        "answer": pa.Column(str, nullable=False),
        "citation": pa.Column(str, nullable=True),
        "comment": pa.Column(str, nullable=True),
        "block": pa.Column(str, nullable=True, required=False),
    },
    unique=["expert", "question"],
)


def read_answers(
    path: str | Path, codebook: Codebook, *, missing: str = "error", year: int | None = None
) -> pd.DataFrame:
    """Read one year's answers file (CSV or XLSX) and check it against the codebook.

    Columns: expert, question, answer (an option id or the N/A code), citation (the legal text the
    answer rests on; required unless the question says otherwise or the answer is N/A), comment,
    and optionally block (checked against the question's block). Returns the rows with the answer's
    class ('na' for not applicable) and the file line in ``line``.

    With ``year``, a question whose act was not in force that year (or outside the question's
    validity, :meth:`Codebook.applies`) is not applicable: it may be answered with the N/A code or
    left out, and a substantive answer to it is an error (it would cite an act that did not exist).
    """
    if missing not in ("error", "skip"):
        raise ConfigError(f"idi missing-answer policy: expected 'error' or 'skip', found {missing!r}")
    raw = read_text_table(path, ANSWER_COLUMNS, optional_columns=OPTIONAL_ANSWER_COLUMNS)
    df = validate(raw, ANSWER_SCHEMA, path)
    q = codebook.questions.set_index("question")
    o = codebook.options
    opts = dict(zip(zip(o["question"], o["option"]), o["class"]))
    problems: list[Problem] = []
    classes = []
    for line, row in df.iterrows():
        qid = row["question"]
        if qid not in q.index:
            problems.append(
                Problem(
                    int(line),
                    "question",
                    f"expected a question id of codebook {codebook.version}, found {qid!r}",
                )
            )
            classes.append(None)
            continue
        qrow = q.loc[qid]
        if "block" in df.columns and not pd.isna(row.get("block")):
            if row["block"] not in codebook.blocks:
                problems.append(
                    Problem(
                        int(line),
                        "block",
                        f"expected one of {', '.join(codebook.blocks)}, found {row['block']!r}",
                    )
                )
            elif row["block"] != qrow["block"]:
                problems.append(
                    Problem(
                        int(line),
                        "block",
                        f"expected '{qrow['block']}' (the block of {qid}), found {row['block']!r}",
                    )
                )
        ans = row["answer"]
        off = year is not None and not codebook.applies(qid, year)
        if off and ans != codebook.na_code:
            problems.append(
                Problem(
                    int(line),
                    "answer",
                    f"question {qid} is about {qrow['act']} ({codebook.act_validity(qrow['act'])}): "
                    f"not applicable in {year}; expected '{codebook.na_code}', found {ans!r}",
                )
            )
            classes.append(None)
            continue
        if ans == codebook.na_code:
            if not qrow["na_allowed"] and not off:
                problems.append(
                    Problem(
                        int(line),
                        "answer",
                        f"question {qid} does not allow "
                        f"'{codebook.na_code}' (not applicable); expected one of "
                        + ", ".join(codebook.options.loc[codebook.options.question == qid, "option"]),
                    )
                )
            classes.append("na")
            continue
        cls = opts.get((qid, ans))
        if cls is None:
            allowed = list(codebook.options.loc[codebook.options.question == qid, "option"])
            if qrow["na_allowed"]:
                allowed.append(codebook.na_code)
            problems.append(
                Problem(
                    int(line),
                    "answer",
                    f"expected one of {', '.join(allowed)} for question {qid}, found {ans!r}",
                )
            )
        elif qrow["citation_required"] and (pd.isna(row["citation"]) or not str(row["citation"]).strip()):
            problems.append(
                Problem(
                    int(line),
                    "citation",
                    f"expected a citation of the legal text for question {qid} (answer {ans!r})",
                )
            )
        classes.append(cls)
    if problems:
        raise InputError(path, problems)
    df = df.assign(**{"class": classes, "line": df.index.astype(int)}).reset_index(drop=True)
    if missing == "error":
        experts = list(dict.fromkeys(df["expert"]))
        answered = set(zip(df["expert"], df["question"]))
        for e in experts:
            for qid in codebook.questions["question"]:
                if (e, qid) not in answered and (year is None or codebook.applies(qid, year)):
                    problems.append(
                        Problem(
                            None,
                            "question",
                            f"expert {e!r} gave no answer to "
                            f"question {qid}: a missing answer is not a zero (answer "
                            f"'{codebook.na_code}' where allowed, or set the missing-"
                            "answer policy to 'skip')",
                        )
                    )
        if problems:
            raise InputError(path, problems)
    return df
