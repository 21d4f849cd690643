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


# ---- YAML files an editor edits: faults in the editors' language, with file, line and key ---------

EDITORIAL = {"candidates": {"R01", "R02", "R03"}, "selected": {"R01", "R02"}}


def _editorial(tmp_path, text):
    from industry_report.recommendations.editorial import load_editorial

    path = tmp_path / "editorial.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_editorial(path, messages=load_messages(KK), **EDITORIAL)
    return path, str(exc.value)


def _no_english(text):
    for word in ("expected", "Invalid", "found", "unknown", "line ", "key '", "did you mean"):
        assert word not in text, (word, text)


def test_a_misspelt_editorial_key_is_named_in_kazakh_with_the_closest_key(tmp_path):
    path, text = _editorial(tmp_path, "# decisions\nrecomendations:\n  drop: []\n")
    assert text.splitlines()[0] == f"«{path}» файлында қате бар:"
    assert (
        "  - жол 2, кілт 'recomendations': «recomendations» кілті белгісіз. Рұқсат етілген кілттер: "
        "«recommendations». «recommendations» деп жазғыңыз келді ме?"
    ) in text.splitlines()
    _no_english(text)


def test_a_misspelt_key_deep_in_editorial_and_a_wrong_type(tmp_path):
    text = "recommendations:\n  drop: R01\n  reword:\n    kk:\n      R02:\n        titel: Жаңа\n"
    _, msg = _editorial(tmp_path, text)
    assert "жол 2, кілт 'recommendations.drop': тізім / бос мән күтілді, бірақ «R01» жазылған." in msg
    assert (
        "жол 6, кілт 'recommendations.reword.kk.R02.titel'" in msg and "«title» деп жазғыңыз келді ме?" in msg
    )
    _no_english(msg)


def test_editorial_ids_are_checked_in_kazakh(tmp_path):
    text = (
        "recommendations:\n  drop: [R09, R03, R01, R01]\n  reword:\n    kk:\n      R01:\n        text: Жаңа\n"
    )
    _, msg = _editorial(tmp_path, text)
    lines = msg.splitlines()[1:]
    assert any("кілт 'recommendations.drop[0]'" in ln and "«R09» — ұсыныстар тізімінде" in ln for ln in lines)
    assert any("«R03» ұсынысы биылғы" in ln and "таңдалғандары: R01, R02" in ln for ln in lines)
    assert any(
        "кілт 'recommendations.drop[3]'" in ln and "«R01» ұсынысы екі рет жазылған" in ln for ln in lines
    )
    assert any(
        "кілт 'recommendations.reword.kk.R01'" in ln and "«drop» тізімінде де бар" in ln for ln in lines
    )
    _no_english(msg)


def test_a_key_given_twice_and_broken_yaml_in_kazakh(tmp_path):
    _, msg = _editorial(tmp_path, "recommendations:\n  drop: []\n  drop: [R01]\n")
    assert "жол 3: «drop» кілті екі рет берілген (алғашқысы 2-жолда); біреуін қалдырыңыз." in msg
    _, msg = _editorial(tmp_path, "recommendations:\n  drop: [R01\n")
    assert "YAML жазылуы дұрыс емес" in msg and "«" in msg.splitlines()[0]


def test_typed_numbers_faults_in_kazakh(tmp_path):
    from industry_report.core.yaml_input import load_yaml

    text = (ROOT / "report/typed-numbers-kk.yml").read_text(encoding="utf-8")
    bad = tmp_path / "typed-numbers-kk.yml"
    bad.write_text(text.replace("years: [1990, 2100]", "year: [1990, 2100]"), encoding="utf-8")
    line = next(i for i, ln in enumerate(text.split("\n"), 1) if ln.startswith("years:"))
    with pytest.raises(InputError) as exc:
        load_yaml(bad, "typed_numbers", say=load_messages(KK))
    msg = str(exc.value)
    assert (
        f"жол {line}, кілт 'year': «year» кілті белгісіз." in msg and "«years» деп жазғыңыз келді ме?" in msg
    )
    assert "«years» кілті міндетті, бірақ жазылмаған." in msg
    _no_english(msg)


def test_without_the_catalogue_the_faults_stay_in_english(tmp_path):
    from industry_report.recommendations.editorial import load_editorial

    path = tmp_path / "editorial.yml"
    path.write_text("recomendations: {}\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_editorial(path, **EDITORIAL)
    assert "unknown key 'recomendations' (did you mean 'recommendations'?)" in str(exc.value)
