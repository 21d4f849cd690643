"""The editors' message catalogue (report/messages-<lang>.yml, publish/messages.py)."""

import pytest

from conftest import ROOT
from industry_report.core.errors import InputError
from industry_report.publish.messages import MESSAGES, load_messages

KK = ROOT / "report/messages-kk.yml"


def test_the_kazakh_catalogue_has_every_message_and_only_its_placeholders():
    messages = load_messages(KK)
    assert set(messages.texts) == set(MESSAGES) and messages.lang == "kk"
    assert messages("check_passed", folder="chapters/kk", count=14).startswith("ақау табылмады")
    # braces that are not placeholders print as written
    assert "::: {.source-note}" in messages("callout", text="::: {.callout-note}")


def test_a_message_with_an_unknown_placeholder_is_refused_with_its_line(tmp_path):
    text = KK.read_text(encoding="utf-8").replace("«{key}» мәні", "«{kee}» мәні")
    bad = tmp_path / "messages-kk.yml"
    bad.write_text(text, encoding="utf-8")
    line = next(i for i, ln in enumerate(text.split("\n"), 1) if ln.startswith("undefined_value:"))
    with pytest.raises(InputError) as exc:
        load_messages(bad)
    assert f"line {line}, key 'undefined_value': unknown placeholder(s) {{kee}}" in str(exc.value)


def test_a_missing_or_misspelt_message_is_refused(tmp_path):
    text = KK.read_text(encoding="utf-8").replace("\ncheck_passed:", "\ncheck_pased:")
    bad = tmp_path / "messages-kk.yml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_messages(bad)
    assert "unknown message 'check_pased' (did you mean 'check_passed'?)" in str(exc.value)
    assert "messages missing: check_passed" in str(exc.value)
