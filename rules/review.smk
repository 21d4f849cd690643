# Version-controlled review (issue 6): the values registry, stable Markdown, `make check`, and the
# review bundle between a base git revision and the working tree (`make diff BASE=<rev>`).
#   snakemake --cores all check                                  lint + render every chapter
#   snakemake --cores all review --config review='{base: HEAD~1}'  bundle under results/<year>/review/
REVIEW = config.get("review", {})
REVIEW_BASE = str(REVIEW.get("base", "HEAD"))
REVIEW_CHAPTER_FILES = [f"{c}.qmd" for c in CHAPTERS]


rule register_values:
    input:
        # the chapters as rendered for the book and what each printed (rule render_chapter)
        chapters=expand(f"{RESULTS}/{{{{lang}}}}/book/{{chapter}}", chapter=REVIEW_CHAPTER_FILES),
        tracking=expand(f"{RESULTS}/build/{{{{lang}}}}/tracking/{{chapter}}.json", chapter=CHAPTERS),
        values=lambda wc: list(VALUES.values()),
        texts=TEXT_CONFIG,
        book=BOOK,
        messages=MESSAGES,
        code=code_of("register_values"),
    output:
        numbers=f"{RESULTS}/{{lang}}/numbers.json",
        tables=directory(f"{RESULTS}/{{lang}}/tables"),
        markdown=directory(f"{RESULTS}/{{lang}}/markdown"),
    params:
        namespaces=lambda wc: list(VALUES.keys()),
        report=lambda wc: {"year": YEAR, "lang": wc.lang, "publication": config["publication"]},
        chapters=REVIEW_CHAPTER_FILES,
        chapters_dir=lambda wc: f"chapters/{wc.lang}",
        sources=lambda wc: review_value_sources(),
        strict=REVIEW.get("strict_registry", False),
    log:
        f"{LOGS}/register_values_{{lang}}.log",
    benchmark:
        f"{BENCHMARKS}/register_values_{{lang}}.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/register_values.py"


# The statistical annex in Excel: every report table as a sheet, the indicator series (issue 16).
rule build_statistical_annex:
    input:
        numbers=rules.register_values.output.numbers,
        tables=rules.register_values.output.tables,
        markdown=rules.register_values.output.markdown,
        quarto="report/_quarto.yml",
        indicators=f"{RESULTS}/tables/indicators.csv",
        catalogue=config["indicators"]["registry"],
        values=lambda wc: list(VALUES.values()),
        code=code_of("build_statistical_annex"),
    output:
        f"{RESULTS}/{{lang}}/statistical-annex.xlsx",
    params:
        namespaces=lambda wc: list(VALUES.keys()),
    log:
        f"{LOGS}/build_statistical_annex_{{lang}}.log",
    benchmark:
        f"{BENCHMARKS}/build_statistical_annex_{{lang}}.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/build_statistical_annex.py"

rule check_chapters:
    input:
        templates=expand("chapters/{{lang}}/{chapter}", chapter=REVIEW_CHAPTER_FILES),
        values=lambda wc: list(VALUES.values()),
        texts=TEXT_CONFIG,
        book=BOOK,
        messages=MESSAGES,
        typed_numbers="report/typed-numbers-{lang}.yml",
        termbase="config/termbase-{lang}.yaml",
        code=code_of("check_chapters"),
    output:
        f"{RESULTS}/{{lang}}/check.txt",
    params:
        namespaces=lambda wc: list(VALUES.keys()),
        report=lambda wc: {"year": YEAR, "lang": wc.lang, "publication": config["publication"]},
        chapters=REVIEW_CHAPTER_FILES,
    log:
        f"{LOGS}/check_chapters_{{lang}}.log",
    benchmark:
        f"{BENCHMARKS}/check_chapters_{{lang}}.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/check_chapters.py"


# `make check`: the verdict of each language on the terminal, also when it was already up to date.
rule check:
    input:
        expand(f"{RESULTS}/{{lang}}/check.txt", lang=LANGS),
    log:
        f"{LOGS}/check.log",
    benchmark:
        f"{BENCHMARKS}/check.tsv",
    localrule: True
    run:
        verdict = "".join(open(f, encoding="utf-8").read() for f in input)
        print(verdict, end="")
        Path(log[0]).write_text(verdict, encoding="utf-8")


rule review_base:
    input:
        page="report/page.yml",
        code=code_of("review_base"),
    output:
        directory(f"{RESULTS}/review/base"),
    params:
        repo=workflow.basedir,
        base=REVIEW_BASE,
        sha=lambda wc: git_commit(workflow.basedir, REVIEW_BASE),
        year=YEAR,
        langs=LANGS,
        cores=lambda wc, threads: threads,
    threads: workflow.cores
    log:
        f"{LOGS}/review_base.log",
    benchmark:
        f"{BENCHMARKS}/review_base.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/review_base.py"


rule review_bundle:
    input:
        base=rules.review_base.output[0],
        numbers=rules.register_values.output.numbers,
        tables=rules.register_values.output.tables,
        markdown=rules.register_values.output.markdown,
        # both documents of the current tree, so `make diff` leaves neither stale (the PDF gives pages)
        docx=f"{RESULTS}/{{lang}}/build/national-report.docx",
        pdf=f"{RESULTS}/{{lang}}/build/national-report.pdf",
        quarto="report/_quarto.yml",
        figures=FIGURES,
        code=code_of("review_bundle"),
    output:
        summary=f"{RESULTS}/review/{{lang}}/summary.md",
        changelog_md=f"{RESULTS}/review/{{lang}}/numbers-changelog.md",
        changelog_csv=f"{RESULTS}/review/{{lang}}/numbers-changelog.csv",
        changelog_xlsx=f"{RESULTS}/review/{{lang}}/numbers-changelog.xlsx",
        tables_diff=f"{RESULTS}/review/{{lang}}/tables-diff.md",
        word_diff=f"{RESULTS}/review/{{lang}}/word-diff.md",
        redline=f"{RESULTS}/review/{{lang}}/redline.docx",
    params:
        lang=lambda wc: wc.lang,
        chapters=REVIEW_CHAPTER_FILES,
        repo=workflow.basedir,
    log:
        f"{LOGS}/review_bundle_{{lang}}.log",
    benchmark:
        f"{BENCHMARKS}/review_bundle_{{lang}}.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/review_bundle.py"


rule review:
    input:
        expand(rules.review_bundle.output.summary, lang=LANGS),


# Every build writes the registry, the stable Markdown and the statistical annex (in `rule all`).
REVIEW_OUTPUTS = expand(
    [f"{RESULTS}/{{lang}}/numbers.json", f"{RESULTS}/{{lang}}/statistical-annex.xlsx"], lang=LANGS
)
