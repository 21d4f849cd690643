--[[
Under Quarto only (report/_quarto.yml, `at: post-render`): the second half of quarto_crossref.lua.

Quarto's float parsing takes the caption off every captioned table it does not number itself, so
quarto_crossref.lua (`at: pre-ast`) sets each numbered table's caption aside, as pandoc JSON in the
attribute below; after Quarto's own filters have run, this puts the captions back, and the table
reaches the DOCX and typst writers as it does under the built-in renderer (Quarto also marks every
table `typst:no-figure`, which makes pandoc's typst writer drop the caption: the mark goes too).
]]

local CAPTION_ATTR = "ir-caption"  -- the same name in quarto_crossref.lua

function Table(t)
  local json = t.attributes[CAPTION_ATTR]
  if not json then return nil end
  t.attributes[CAPTION_ATTR] = nil
  t.caption.long = pandoc.read(json, "json").blocks
  t.classes = t.classes:filter(function(c) return c ~= "typst:no-figure" end)
  return t
end
