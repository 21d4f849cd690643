# Assembling and rendering the report: chapter templates + values -> Quarto book -> DOCX and PDF.


rule build_reference_docx:
    input:
        page="report/page.yml",
        code=code_of("build_reference_docx"),
    output:
        f"{RESULTS}/build/reference.docx",
    log:
        f"{LOGS}/build_reference_docx.log",
    benchmark:
        f"{BENCHMARKS}/build_reference_docx.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/build_reference_docx.py"


rule render_chapter:
    input:
        template="chapters/{lang}/{chapter}.qmd",
        values=lambda wc: list(VALUES.values()),
        page="report/page.yml",
        code=code_of("render_chapter"),
    output:
        chapter=f"{RESULTS}/{{lang}}/book/{{chapter}}.qmd",
        # what the chapter printed, for rule register_values (which merges, not re-renders)
        tracking=f"{RESULTS}/build/{{lang}}/tracking/{{chapter}}.json",
    params:
        namespaces=lambda wc: list(VALUES.keys()),
        report=lambda wc: {"year": YEAR, "lang": wc.lang},
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
        values=lambda wc: list(VALUES.values()),
        page="report/page.yml",
        code=code_of("render_book_config"),
    output:
        quarto=f"{RESULTS}/{{lang}}/book/_quarto.yml",
        language=f"{RESULTS}/{{lang}}/book/_language-{{lang}}.yml",
        reference=f"{RESULTS}/{{lang}}/book/reference.docx",
    params:
        namespaces=lambda wc: list(VALUES.keys()),
        report=lambda wc: {"year": YEAR, "lang": wc.lang},
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
        quarto=rules.render_book_config.output.quarto,
        language=rules.render_book_config.output.language,
        reference=rules.render_book_config.output.reference,
        lua_filter="report/filters/quarto_crossref.lua",
        template="report/typst/national-report.typ",
        page="report/page.yml",
        figures=FIGURES,
        code=code_of("build_document"),
    output:
        f"{RESULTS}/{{lang}}/national-report.{{fmt}}",
    wildcard_constraints:
        fmt="docx|pdf",
    params:
        engine=config["render"]["engine"],
        # results/<year>, the folder the chapters' figure paths are relative to (from the output path)
        figures_dir=lambda wc, output: os.path.dirname(os.path.dirname(output[0])),
    log:
        f"{LOGS}/build_document_{{lang}}_{{fmt}}.log",
    benchmark:
        f"{BENCHMARKS}/build_document_{{lang}}_{{fmt}}.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/build_document.py"


REPORT_OUTPUTS = expand(f"{RESULTS}/{{lang}}/national-report.{{fmt}}", lang=LANGS,
                        fmt=config["render"]["formats"])
