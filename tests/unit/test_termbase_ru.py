"""The Russian termbase (config/termbase-ru.yaml) on sentences written by hand: each forbidden variant
is found in its declined forms, the preferred form and its neighbours («вопрос» beside «опрос») are not,
and the Russian chapters as committed use none of the variants."""

import pytest

from conftest import ROOT
from industry_report.publish.termbase import forbidden_uses, load_termbase

RULES = load_termbase(ROOT / "config/termbase-ru.yaml")


def _found(text):
    return [
        (rule.term, m) for _, rule, m in forbidden_uses(text, RULES, "01-introduction.qmd", template=False)
    ]


@pytest.mark.parametrize(
    "text, term",
    [
        ("по результатам опроса предприятий", "enterprise survey (stage 2 of the methodology)"),
        ("Опрос проводится ежегодно", "enterprise survey (stage 2 of the methodology)"),
        ("из резерва опрошено 12 предприятий", "enterprise survey (stage 2 of the methodology)"),
        ("её коренную причину", "root cause (of a problem)"),
        ("корневые\nпричины проблемы", "root cause (of a problem)"),
        ("16 ключевых индикаторов", "indicator (of Appendix 2 and of the statistics)"),
        ("при уровне доверия 95 %", "confidence level"),
        ("Абайская область", "regions formed in 2022"),
        ("в Жетысуской области", "regions formed in 2022"),
        ("область Улытау", "regions formed in 2022"),
        ("интервал доверия", "confidence interval"),
        ("перерабатывающей промышленности", "manufacturing (section C of ОКЭД)"),
    ],
)
def test_a_forbidden_variant_is_found_in_its_forms(text, term):
    assert term in [t for t, _ in _found(text)], _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "На вопрос о причинах ответили 120 предприятий; вопросы анкеты",
        "по результатам обследования предприятий, выборочное обследование",
        "её первопричину и вытекающие из неё причины",
        "16 ключевых показателей приложения 2",
        "с доверительной вероятностью 95 %, доверительный интервал",
        "область Абай, область Жетісу и область Ұлытау; Восточно-Казахстанская область",
    ],
)
def test_the_preferred_forms_pass(text):
    assert _found(text) == []


@pytest.mark.parametrize("chapter", sorted(p.name for p in (ROOT / "chapters/ru").glob("*.qmd")))
def test_the_russian_chapters_use_no_forbidden_variant(chapter):
    text = (ROOT / "chapters/ru" / chapter).read_text(encoding="utf-8")
    assert forbidden_uses(text, RULES, chapter) == []
