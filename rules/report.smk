# Assembling and rendering the report: chapter templates + values -> Quarto book -> DOCX and PDF.


rule build_reference_docx:
    input:
        page="report/page.yml",
        code=code_of("build_reference_docx"),
    output:
        f"{RESULTS}/build/{{lang}}/reference.docx",
    params:
        lang=lambda wc: wc.lang,
    log:
        f"{LOGS}/build_reference_docx_{{lang}}.log",
    benchmark:
        f"{BENCHMARKS}/build_reference_docx_{{lang}}.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/build_reference_docx.py"


rule render_chapter:
    input:
        template="chapters/{lang}/{chapter}.qmd",
        values=lambda wc: list(VALUES.values()),
        texts=TEXT_CONFIG,
        page="report/page.yml",
        messages=MESSAGES,
        code=code_of("render_chapter"),
    output:
        chapter=f"{RESULTS}/{{lang}}/book/{{chapter}}.qmd",
        # what the chapter printed, for rule register_values (which merges, not re-renders)
        tracking=f"{RESULTS}/build/{{lang}}/tracking/{{chapter}}.json",
    params:
        namespaces=lambda wc: list(VALUES.keys()),
        report=lambda wc: {"year": YEAR, "lang": wc.lang, "publication": config["publication"]},
    log:
        f"{LOGS}/render_chapter_{{lang}}_{{chapter}}.log",
    benchmark:
        f"{BENCHMARKS}/render_chapter_{{lang}}_{{chapter}}.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/render_chapter.py"


rule render_book_config:
    input:
        quarto="report/_quarto.yml",
        language="report/_language-{lang}.yml",
        reference=rules.build_reference_docx.output[0],
        lua_filter="report/filters/quarto_crossref.lua",
        caption_filter="report/filters/quarto_table_captions.lua",
        template="report/typst/national-report.typ",
        extension="report/quarto-extension/_extension.yml",
        figures=FIGURES,
        references=lambda wc: "report/references.yaml" if wc.lang == "kk" else f"report/references-{wc.lang}.yaml",
        csl="report/sources-{lang}.csl",
        values=lambda wc: list(VALUES.values()),
        texts=TEXT_CONFIG,
        page="report/page.yml",
        code=code_of("render_book_config"),
    output:
        quarto=f"{RESULTS}/{{lang}}/book/_quarto.yml",
        language=f"{RESULTS}/{{lang}}/book/_language-{{lang}}.yml",
        reference=f"{RESULTS}/{{lang}}/book/reference.docx",
        # the book is a self-contained Quarto project (`quarto render results/<year>/<lang>/book`)
        lua_filter=f"{RESULTS}/{{lang}}/book/quarto_crossref.lua",
        caption_filter=f"{RESULTS}/{{lang}}/book/quarto_table_captions.lua",
        template=f"{RESULTS}/{{lang}}/book/_extensions/national-report/national-report.typ",
        extension=f"{RESULTS}/{{lang}}/book/_extensions/national-report/_extension.yml",
        figures=[f"{RESULTS}/{{lang}}/book/figures/{os.path.basename(f)}" for f in FIGURES],
        # the list of sources and its style, beside the chapters (the book is self-contained for Quarto)
        references=f"{RESULTS}/{{lang}}/book/references.yaml",
        csl=f"{RESULTS}/{{lang}}/book/sources.csl",
    params:
        namespaces=lambda wc: list(VALUES.keys()),
        report=lambda wc: {"year": YEAR, "lang": wc.lang, "publication": config["publication"]},
    log:
        f"{LOGS}/render_book_config_{{lang}}.log",
    benchmark:
        f"{BENCHMARKS}/render_book_config_{{lang}}.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/render_book_config.py"


rule build_document:
    input:
        chapters=expand(f"{RESULTS}/{{{{lang}}}}/book/{{chapter}}.qmd", chapter=CHAPTERS),
        book=BOOK,
        # The chapters passed `make check` (syntax, values, typed numbers, references): a document is
        # never made from a chapter the check refuses.
        check=f"{RESULTS}/{{lang}}/check.txt",
        messages=MESSAGES,
        quarto=rules.render_book_config.output.quarto,
        language=rules.render_book_config.output.language,
        reference=rules.render_book_config.output.reference,
        references=rules.render_book_config.output.references,
        csl=rules.render_book_config.output.csl,
        lua_filter="report/filters/quarto_crossref.lua",
        template="report/typst/national-report.typ",
        page="report/page.yml",
        figures=FIGURES,
        # the title page's emblem or logo (publication.emblem), when one is configured
        emblem=[config["publication"]["emblem"]] if config["publication"].get("emblem") else [],
        code=code_of("build_document"),
    output:
        document=f"{RESULTS}/{{lang}}/build/national-report.{{fmt}}",
        info=f"{RESULTS}/{{lang}}/build/national-report.{{fmt}}.json",
    wildcard_constraints:
        fmt="docx|pdf",
    params:
        engine=config["render"]["engine"],
        # results/<year>/<lang>, the folder the chapters' figure paths are relative to (from the output path)
        figures_dir=lambda wc, output: os.path.dirname(os.path.dirname(output.document)),
    log:
        f"{LOGS}/build_document_{{lang}}_{{fmt}}.log",
    benchmark:
        f"{BENCHMARKS}/build_document_{{lang}}_{{fmt}}.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/build_document.py"


# Keep the last good report (industry_report/publish/publishing.py): the documents are built into
# results/<year>/<lang>/build/ (rule outputs, which Snakemake deletes when a job fails or reruns) and
# copied to results/<year>/<lang>/ by publish_report only once every one of them is built. Another
# final output of a language (built under build/) joins by adding its path pattern to PUBLISH.
DOCUMENTS = expand(f"{RESULTS}/{{{{lang}}}}/build/national-report.{{fmt}}", fmt=config["render"]["formats"])
PUBLISH = list(DOCUMENTS)


rule publish_report:
    input:
        files=lambda wc: expand(PUBLISH, lang=wc.lang),
        info=[f"{d}.json" for d in DOCUMENTS],
        code=code_of("publish_report"),
    output:
        f"{RESULTS}/{{lang}}/published.json",
    params:
        dest=lambda wc: f"{RESULTS}/{wc.lang}",
    log:
        f"{LOGS}/publish_report_{{lang}}.log",
    benchmark:
        f"{BENCHMARKS}/publish_report_{{lang}}.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/publish_report.py"


# A published document deleted or changed by hand is published again (published.json says what it was).
for _manifest in expand(rules.publish_report.output[0], lang=LANGS):
    if published_stale(_manifest):
        os.remove(_manifest)

REPORT_OUTPUTS = expand(rules.publish_report.output[0], lang=LANGS)
