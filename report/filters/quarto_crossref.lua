--[[
Quarto book cross-references for plain pandoc (DOCX) and pandoc -> typst (PDF).

Quarto is not installed on our machines, so the built-in renderer reproduces what `quarto render`
does for a book (see shared/quarto-reference): chapter-based numbering of headings, figures, tables
and equations, and references. The words and their order come from the language file
(report/_language-kk.yml, passed in as metadata). The Kazakh house convention (state publications):
captions "1.1-кесте — …" / "2.1-сурет — …", appendices "1-қосымша. …", their tables and figures
"Қ1.1-кесте" (the appendix number with a letter, so that they never share a number with a
chapter's), references `@tbl-x` -> "1.1-кесте", `[-@tbl-x]-кестеде` -> "1.1-кестеде". A language
with the word first ("Таблица 1.1") sets crossref-label-order: word-first.

Conventions the assembler (industry_report/publish/rendering.py) provides: each chapter file starts with one level-1
heading; headings of appendix files carry the class `appendix`; `{.unnumbered}` headings get no
number. A reference to an unknown id, or a numbered figure/table in an unnumbered chapter, stops the
build with a message (Quarto would print "?@id" and carry on; we prefer an error).

Safety, for both documents: the chapters are read without raw blocks or inlines (rendering.py), and
an image outside figures/<name>.png stops the build, so a chapter can neither run typst/OpenXML code
nor embed a file of the project. `fig-alt="…"` of an image becomes its alternative text (DOCX
`descr`, typst `alt:`), as in Quarto.

Also here, because both engines need it: `::: {.source-note}` (the source line under a table or
figure), `::: {.landscape}` (pages turned for wide tables), `::: {.box}` (a method note or a
definition, framed) and `::: {.contents}` (where the table of contents stands: after the key
messages; without it, at the start of the body).

Under Quarto (report/_quarto.yml loads this filter `at: pre-ast`, before Quarto's own crossref), the
filter does the same work, so that both engines print the same words and numbers by construction:
Quarto's book marks each chapter file with a `quarto-file-metadata` comment (the only raw block we
accept; the lint has refused raw content in the chapters already), which says whether the file is an
appendix; and the ids of the figures, tables and equations we number get a prefix, so that Quarto's
crossref, which recognises `fig-`/`tbl-`/`eq-` ids, does not number them a second time.
]]

local stringify = pandoc.utils.stringify
-- Quarto joins the word and the number with a no-break space, in captions and references alike.
local NBSP = "\u{00A0}"

local words = {}
local refs = {}        -- id -> {kind=, number=}
local unknown = {}     -- references to ids that do not exist, reported together
local is_docx = FORMAT:match("docx") ~= nil
local is_typst = FORMAT:match("typst") ~= nil
-- Quarto defines the global `quarto` for its filters; plain pandoc does not.
local in_quarto = type(quarto) == "table" and quarto.base64 ~= nil
local QUARTO_ID_PREFIX = "ir-"
local CAPTION_ATTR = "ir-caption"  -- the same name in quarto_table_captions.lua

-- The id a numbered figure, table or equation carries in the document (and references link to).
local function anchor_id(id)
  if in_quarto then return QUARTO_ID_PREFIX .. id end
  return id
end

-- Quarto's marker of the start of a chapter file: the file's book metadata, base64 JSON.
local function quarto_file_metadata(el)
  if not in_quarto or el.format ~= "html" then return nil end
  local encoded = el.text:match("^<!%-%- quarto%-file%-metadata: ([^ ]+) %-%->$")
  if not encoded then return nil end
  return quarto.json.decode(quarto.base64.decode(encoded))
end

local function word(meta, key, default)
  local v = meta[key]
  if v == nil then return default end
  return stringify(v)
end

local function fail(msg)
  io.stderr:write("ERROR: " .. msg .. "\n")
  os.exit(1)
end

local function appendix_label(n)
  -- Floats and sections of appendix n: "Қ1" (crossref-apx-label-prefix), so "Қ1.2" never equals a
  -- chapter's "1.2".
  return (words.apx_label or "") .. tostring(n)
end

-- "1.1-кесте" (number first, Kazakh) or "Кесте 1.1" (word first).
local function labelled(title, number)
  if words.number_first then return number .. "-" .. title end
  return title .. NBSP .. number
end

local state = {chapter = 0, appendix = 0, in_appendix = false, numbered = false, quarto_appendix = false,
               label = nil, sec = {0, 0, 0, 0, 0}, fig = 0, tbl = 0, eq = 0}

local function next_float(kind, id)
  if not state.numbered then
    fail("'" .. id .. "' is in an unnumbered chapter; move it to a numbered chapter or annex")
  end
  state[kind] = state[kind] + 1
  local number = state.label .. "." .. state[kind]
  if refs[id] then fail("duplicate cross-reference id '" .. id .. "'") end
  refs[id] = {kind = kind, number = number}
  return number
end

local function prefix_inlines(text, inlines)
  local out = pandoc.Inlines({pandoc.Str(text)})
  out:extend(inlines)
  return out
end

local function number_header(h)
  if state.quarto_appendix and h.level == 1 and not h.classes:includes("appendix") then
    h.classes:insert("appendix")
  end
  if h.classes:includes("unnumbered") then
    if h.level == 1 then
      state.numbered = false
      state.label = nil
    end
    if h.identifier ~= "" then refs[h.identifier] = {kind = "sec", number = nil, level = h.level} end
    return h
  end
  if h.level == 1 then
    if h.classes:includes("appendix") then
      state.in_appendix = true
      state.appendix = state.appendix + 1
      state.label = appendix_label(state.appendix)
      state.apx_number = tostring(state.appendix)
    else
      if state.in_appendix then fail("chapter '" .. stringify(h.content) .. "' comes after the appendices") end
      state.chapter = state.chapter + 1
      state.label = tostring(state.chapter)
    end
    state.numbered = true
    state.sec = {0, 0, 0, 0, 0}
    state.fig, state.tbl, state.eq = 0, 0, 0
    local text
    if state.in_appendix then
      -- A word-first language heads an appendix with the capitalised word ("Приложение 1."),
      -- and refers to it in running text with the prefix ("в приложении 1").
      local title = words.number_first and words.apx or (words.apx_title or words.apx)
      text = labelled(title, state.apx_number) .. ". "
    else
      text = state.label .. ". "
    end
    h.content = prefix_inlines(text, h.content)
    if h.identifier ~= "" then
      local number = state.in_appendix and state.apx_number or state.label
      refs[h.identifier] = {kind = state.in_appendix and "apx" or "ch", number = number, level = 1}
    end
    return h
  end
  if not state.numbered then return h end
  local lvl = h.level
  state.sec[lvl] = state.sec[lvl] + 1
  for i = lvl + 1, #state.sec do state.sec[i] = 0 end
  local parts = {state.label}
  for i = 2, lvl do table.insert(parts, tostring(state.sec[i])) end
  local number = table.concat(parts, ".")
  h.content = prefix_inlines(number .. " ", h.content)
  if h.identifier ~= "" then refs[h.identifier] = {kind = "sec", number = number, level = lvl} end
  return h
end

local function caption_prefix(title, number)
  return labelled(title, number) .. words.delim
end

-- Figures and tables: number them and write "2.1-сурет — " / "1.1-кесте — " before the caption.

local function caption_id(el)
  local long = el.caption.long
  if el.identifier ~= "" or #long == 0 or long[#long].t ~= "Plain" and long[#long].t ~= "Para" then return end
  local inl = long[#long].content
  for i = #inl, 1, -1 do
    if inl[i].t == "Str" and inl[i].text:match("^{#") then
      local attrs = pandoc.utils.stringify(pandoc.Inlines({table.unpack(inl, i)}))
      local id = attrs:match("^{#([%w%-_]+)[^}]*}$")
      if not id then return end
      el.identifier = id
      local keep = pandoc.Inlines({table.unpack(inl, 1, i - 1)})
      while #keep > 0 and (keep[#keep].t == "Space" or keep[#keep].t == "SoftBreak") do keep:remove(#keep) end
      long[#long].content = keep
      el.caption.long = long
      return
    end
  end
end

-- Figures and tables: number them and write "Сурет 2.1: " / "Кесте 1.1: " before the caption.
local function number_float(el, kind)
  if in_quarto and kind == "tbl" then caption_id(el) end
  if not el.identifier:match("^" .. kind .. "%-") then return el end
  local n = next_float(kind, el.identifier)
  local long = el.caption.long
  if #long == 0 then long = pandoc.Blocks({pandoc.Plain({})}) end
  long[1].content = prefix_inlines(caption_prefix(words[kind], n), long[1].content)
  el.caption.long = long
  if in_quarto then
    -- Quarto turns a figure or table with an id into a float of its own, numbered again (a layout
    -- table in the DOCX) or with the id dropped: the id goes on a div around it instead. And it
    -- takes the caption off any captioned table: the caption waits in an attribute until
    -- report/filters/quarto_table_captions.lua (`at: post-render`) puts it back.
    local id = anchor_id(el.identifier)
    el.identifier = ""
    if kind == "tbl" then
      el.attributes[CAPTION_ATTR] = pandoc.write(pandoc.Pandoc(el.caption.long), "json")
      el.caption.long = pandoc.Blocks({})
    end
    return pandoc.Div({el}, pandoc.Attr(id))
  end
  el.identifier = anchor_id(el.identifier)
  return el
end

-- A paragraph that is display math followed by {#eq-...}.
local function equation_of(para)
  local c = para.content
  if #c < 2 or c[1].t ~= "Math" or c[1].mathtype ~= "DisplayMath" then return nil end
  local last = c[#c]
  if last.t ~= "Str" then return nil end
  local id = last.text:match("^{#(eq%-[%w%-_]+)}$")
  if not id then return nil end
  return c[1], id
end

local function number_equation(para)
  local math, id = equation_of(para)
  if not math then return nil end
  local n = next_float("eq", id)
  if is_typst then
    local body = pandoc.write(pandoc.Pandoc({pandoc.Para({math})}), "typst")
    body = body:gsub("%s+$", "")
    return pandoc.RawBlock("typst", '#equation-numbered("(' .. n .. ')")[' .. body .. "] <" .. anchor_id(id) .. ">")
  end
  -- DOCX: as Quarto does, the number sits inside the equation, in brackets; a bookmark for links.
  local m = pandoc.Math("DisplayMath", math.text .. " \\qquad (" .. n .. ")")
  return pandoc.Div({pandoc.Para({m})}, pandoc.Attr(anchor_id(id)))
end

-- In typst, a div becomes a call of a template function around its content: `#name[ … ]`.
local function typst_wrap(opening, content)
  local out = pandoc.Blocks({pandoc.RawBlock("typst", opening)})
  out:extend(content)
  out:insert(pandoc.RawBlock("typst", "]"))
  return out
end

local function source_note(div)
  if is_docx then
    div.attributes["custom-style"] = "Source Note"
    return div
  elseif is_typst then
    return typst_wrap("#source-note[", div.content)
  end
  return div
end

local function landscape_marker(text)
  return pandoc.Div({pandoc.Para({pandoc.Str(text)})},
                    pandoc.Attr("", {}, {["custom-style"] = "Landscape Marker"}))
end

local function landscape(div)
  if is_docx then
    -- Marker paragraphs; industry_report/publish/docx_post.py turns them into section breaks that keep the
    -- footer (pandoc cannot write a section break itself).
    local out = pandoc.Blocks({landscape_marker("[[landscape-start]]")})
    out:extend(div.content)
    out:insert(landscape_marker("[[landscape-end]]"))
    return out
  elseif is_typst then
    return typst_wrap("#page(flipped: true)[", div.content)
  end
  return div
end

local function box(div)
  if is_docx then
    div.attributes["custom-style"] = "Box"
    return div
  elseif is_typst then
    return typst_wrap("#box-note[", div.content)
  end
  return div
end

local has_contents = false

local function contents()
  has_contents = true
  if is_docx then
    -- industry_report/publish/docx_post.py moves pandoc's TOC field here.
    return pandoc.Blocks({landscape_marker("[[contents]]")})
  elseif is_typst then
    return pandoc.Blocks({pandoc.RawBlock("typst", "#outline()\n#pagebreak(weak: true)")})
  end
  return pandoc.Blocks({})
end

-- The list of abbreviations (`::: {.abbreviations}`): the abbreviations of the language file that
-- the text uses, in the order of the Kazakh alphabet. An abbreviation (two or more Cyrillic
-- capitals) the language file does not explain stops the build, so the list and the text agree.
local UPPER, LOWER = {}, {}
local ALPHABET = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
local RANK = {}
do
  local i = 0
  for _, c in utf8.codes(ALPHABET) do
    i = i + 1
    RANK[c] = i
    UPPER[c] = true
  end
  for _, c in utf8.codes("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя") do LOWER[c] = true end
end

local function is_letter(c) return c and (UPPER[c] or LOWER[c] or (c < 128 and string.char(c):match("%a"))) end

-- Runs of two or more capitals, not inside a word ("ИДИ-дің" gives ИДИ; "Астана" nothing).
local function capital_runs(text, found)
  local cps = {}
  for _, c in utf8.codes(text) do cps[#cps + 1] = c end
  local i = 1
  while i <= #cps do
    if UPPER[cps[i]] and not is_letter(cps[i - 1]) then
      local j = i
      while cps[j + 1] and UPPER[cps[j + 1]] do j = j + 1 end
      if j > i and not (cps[j + 1] and LOWER[cps[j + 1]]) then
        found[utf8.char(table.unpack(cps, i, j))] = true
      end
      i = j + 1
    else
      i = i + 1
    end
  end
end

local function fill_abbreviations(doc, meta)
  local defs = {}
  if meta.abbreviations then
    for k, v in pairs(meta.abbreviations) do defs[k] = stringify(v) end
  end
  local used = {}
  local function scan(blocks)
    pandoc.Blocks(blocks):walk({Str = function(el)
      capital_runs(el.text, used)
      for k, _ in pairs(defs) do
        if k:find(".", 1, true) and el.text:find(k, 1, true) then used[k] = true end
      end
    end})
  end
  local target = nil
  for i, b in ipairs(doc.blocks) do
    if b.t == "Div" and b.classes:includes("abbreviations") then target = i else scan({b}) end
  end
  if target == nil then return doc end
  local unknown = {}
  local list = {}
  for a, _ in pairs(used) do
    if defs[a] then table.insert(list, a) else table.insert(unknown, a) end
  end
  if #unknown > 0 then
    table.sort(unknown)
    fail("abbreviation(s) " .. table.concat(unknown, ", ") .. " used in the text but not in the " ..
         "abbreviations of the language file (report/_language-<lang>.yml)")
  end
  local function key(a)
    local k = {}
    for _, c in utf8.codes(a) do k[#k + 1] = string.format("%03d", RANK[c] or 300) end
    return table.concat(k)
  end
  table.sort(list, function(x, y) return key(x:upper()) < key(y:upper()) end)
  local out = pandoc.Blocks({})
  for _, a in ipairs(list) do
    out:insert(pandoc.Para({pandoc.Strong({pandoc.Str(a)}), pandoc.Space(), pandoc.Str("—"), pandoc.Space(),
                            pandoc.Str(defs[a])}))
  end
  doc.blocks[target] = pandoc.Div(out, pandoc.Attr("", {"abbreviation-list"}))
  return doc
end

-- Images: only figures/<name>.png, and fig-alt as the alternative text.
local function typst_string(text)
  return '"' .. text:gsub("\\", "\\\\"):gsub('"', '\\"') .. '"'
end

local function image(img)
  if not img.src:match("^figures/[%w_%-]+%.png$") then
    fail("image '" .. img.src .. "': a document shows only figures/<name>.png")
  end
  local alt = img.attributes["fig-alt"]
  if not alt then return nil end
  img.attributes["fig-alt"] = nil
  if is_typst then
    -- pandoc's typst writer has no alt text: write the image call ourselves.
    return pandoc.RawInline("typst", "#image(" .. typst_string(img.src) .. ", alt: " .. typst_string(alt) .. ")")
  end
  img.caption = pandoc.Inlines({pandoc.Str(alt)})  -- the DOCX writer puts it in descr
  return img
end

local function no_raw(el)
  if quarto_file_metadata(el) then return nil end
  fail("raw " .. el.format .. " content in a chapter is not allowed (it could run code or read files)")
end

-- Walk blocks in document order, numbering as we go (nested divs included).
local function number_blocks(blocks)
  local out = pandoc.Blocks({})
  for _, b in ipairs(blocks) do
    if b.t == "Header" then
      out:insert(number_header(b))
    elseif b.t == "RawBlock" and quarto_file_metadata(b) then
      -- appendices: the files after Quarto's "appendix" marker (or marked as appendices themselves)
      local file = quarto_file_metadata(b)
      state.quarto_appendix = state.quarto_appendix or file.bookItemType == "appendix" or file.appendix == true
      out:insert(b)
    elseif b.t == "Figure" then
      out:insert(number_float(b, "fig"))
    elseif b.t == "Table" then
      out:insert(number_float(b, "tbl"))
    elseif b.t == "Para" then
      local eq = number_equation(b)
      out:insert(eq or b)
    elseif in_quarto and b.t == "Div" and b.classes:includes("quarto-book-part") then
      -- Quarto's part divider (the heading "Қосымшалар" before the appendices, a page of its own in
      -- the PDF): the built-in book has none. It marks where the appendices start.
      for _, inner in ipairs(b.content) do
        local file = inner.t == "RawBlock" and quarto_file_metadata(inner)
        if file and file.bookItemType == "appendix" then state.quarto_appendix = true end
      end
    elseif b.t == "Div" then
      -- A Quarto-style div with a fig-/tbl- id around a figure or table.
      b.content = number_blocks(b.content)
      if b.classes:includes("source-note") then
        out:extend(pandoc.Blocks(source_note(b)))
      elseif b.classes:includes("landscape") then
        out:extend(landscape(b))
      elseif b.classes:includes("box") then
        out:extend(pandoc.Blocks(box(b)))
      elseif b.classes:includes("contents") then
        out:extend(contents())
      else
        out:insert(b)
      end
    else
      out:insert(b)
    end
  end
  return out
end

local function resolve_cite(cite)
  if #cite.citations ~= 1 then return nil end
  local c = cite.citations[1]
  local id = c.id
  local kind = id:match("^(%a+)%-")
  if not (kind == "fig" or kind == "tbl" or kind == "eq" or kind == "sec") then return nil end
  local r = refs[id]
  if not r then
    table.insert(unknown, "@" .. id)
    return nil
  end
  if r.number == nil then fail("reference to unnumbered section '@" .. id .. "'") end
  local number = r.number
  if r.kind == "eq" and is_typst then number = "(" .. number .. ")" end
  local text
  if c.mode == "SuppressAuthor" then
    text = number
  else
    local title = ({fig = words.fig, tbl = words.tbl, eq = words.eq, sec = words.sec,
                    ch = words.ch, apx = words.apx})[r.kind]
    text = labelled(title, number)
  end
  local inlines = pandoc.Inlines({pandoc.Str(text)})
  if #c.suffix > 0 then inlines:extend(c.suffix) end
  local target = id
  if r.kind == "fig" or r.kind == "tbl" or r.kind == "eq" then target = anchor_id(id) end
  return pandoc.Link(inlines, "#" .. target)
end

function Pandoc(doc)
  local m = doc.meta
  words = {
    fig = word(m, "crossref-fig-title", "Figure"),
    tbl = word(m, "crossref-tbl-title", "Table"),
    eq = word(m, "crossref-eq-prefix", "Equation"),
    ch = word(m, "crossref-ch-prefix", "Chapter"),
    sec = word(m, "crossref-sec-prefix", "Section"),
    apx = word(m, "crossref-apx-prefix", "Appendix"),
    apx_label = word(m, "crossref-apx-label-prefix", ""),
    apx_title = word(m, "appendix-title", nil),
    delim = word(m, "crossref-title-delim", ":"),
    number_first = word(m, "crossref-label-order", "word-first") == "number-first",
  }
  -- ":" and "." follow the number; a dash stands between spaces ("1.1-кесте — Атауы").
  if words.delim == ":" or words.delim == "." then
    words.delim = words.delim .. " "
  else
    words.delim = " " .. words.delim .. " "
  end
  -- The list of sources prints every entry of the bibliography (citeproc runs after this filter).
  if m.bibliography ~= nil and m.nocite == nil then
    m.nocite = pandoc.MetaInlines({pandoc.Cite({pandoc.Str("@*")}, {pandoc.Citation("*", "NormalCitation")})})
    doc.meta = m
  end
  -- Before we add raw typst of our own: none may come from the chapters.
  doc:walk({RawBlock = no_raw, RawInline = no_raw})
  doc = doc:walk({Image = image})
  doc.blocks = number_blocks(doc.blocks)
  doc = fill_abbreviations(doc, m)
  if is_typst and not has_contents then
    doc.blocks:insert(1, pandoc.RawBlock("typst", "#outline()\n#pagebreak(weak: true)"))
  end
  doc = doc:walk({Cite = resolve_cite})
  if #unknown > 0 then
    fail("reference to unknown id " .. table.concat(unknown, ", ") ..
         " (a figure, table, equation or section with that id does not exist)")
  end
  return doc
end
