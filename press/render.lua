-- pandoc's custom writer for press.render: the body, the table of contents, the
-- code's colours and every metadata field, each written by a call of its own to
-- pandoc's writer for the edition's format (the variable `press-to`), handed back
-- as one line of JSON (the fields, the table of contents, the colours), then the
-- body, whole, after the line's end. A JSON text on one line has real structure:
-- its strings hold their line breaks escaped, so no text of the content, whatever
-- it holds, can end one field or start another, nor end the line. (The body is not
-- put through JSON: encoding it took as long as writing it.)

local HIGHLIGHTING = pandoc.template.compile("$highlighting-css$$highlighting-macros$")
-- A field is written as pandoc's templates write a metadata value: alone in a
-- document whose template prints only it.
local FIELD = pandoc.template.compile("$press-field$")

-- Every code element of the document, body and metadata: whether any of them is
-- highlighted decides, as in pandoc's own templates, whether the colours are given.
local function code_of(doc)
  local found = {}
  local collect = {
    CodeBlock = function(block) found[#found + 1] = block end,
    Code = function(code) found[#found + 1] = pandoc.Plain({code}) end,
  }
  doc:walk(collect)
  return pandoc.Pandoc(found)
end

-- A heading as the table of contents shows it, inside its entry's link: its words, not
-- its ids (the heading has them: twice is an error), its notes (their marks are the
-- heading's) or a link of its own (no link in a link); a picture as its alt text.
local HEADING_WORDS = {
  Span = function(span) span.identifier = "" return span end,
  Note = function() return {} end,
  Link = function(link) return link.content end,
  Image = function(image) return image.caption end,
}
local CONTENTS_ENTRY = {
  Plain = function(plain)
    return plain:walk({Link = function(entry)
      entry.content = pandoc.Plain(entry.content):walk(HEADING_WORDS).content
      return entry
    end})
  end,
}

-- pandoc's Typst writer sets an element as a function call (#emph[x], #footnote[…],
-- #link(…)[…]); a word after one that opens with a period (".Then": a sentence run on
-- without its space) reads as a field of the call's result, and Typst stops on it. The
-- period is written escaped, as Typst prints it.
local PERIOD_AFTER_CALL = {
  Inlines = function(inlines)
    for i = #inlines, 2, -1 do
      local word, before = inlines[i], inlines[i - 1].t
      if word.t == "Str" and word.text:match("^%.[%a_\128-\255]") and before ~= "Str" and before ~= "Space"
          and before ~= "SoftBreak" and before ~= "LineBreak" then
        inlines[i] = pandoc.Str(word.text:sub(2))
        inlines:insert(i, pandoc.RawInline("typst", "\\."))
      end
    end
    return inlines
  end,
}

local function with_template(opts, template)
  local copy = pandoc.WriterOptions(opts)
  copy.template = template
  return copy
end

function Writer(doc, opts)
  local to = pandoc.layout.render(opts.variables["press-to"])
  if opts.variables["press-period"] then  -- the document holds such a word (press.render looks)
    doc = doc:walk(PERIOD_AFTER_CALL)
  end
  local fields = {}
  local field_opts = with_template(opts, FIELD)
  for _, field in ipairs(doc.meta["press-fields"] or {}) do
    local path = {}
    for _, part in ipairs(field.path) do
      path[#path + 1] = pandoc.utils.stringify(part)
    end
    local alone = pandoc.Pandoc({}, {["press-field"] = field.value})
    fields[#fields + 1] = {path, pandoc.write(alone, to, field_opts)}
  end
  local toc = ""
  if opts.table_of_contents then
    local contents = pandoc.structure.table_of_contents(doc, opts):walk(CONTENTS_ENTRY)
    toc = pandoc.write(pandoc.Pandoc({contents}), to, opts)
  end
  local highlighting = ""
  if opts.variables["press-code"] then  -- the document holds code (press.render looks)
    highlighting = pandoc.write(code_of(doc), to, with_template(opts, HIGHLIGHTING))
  end
  local head = pandoc.json.encode({toc = toc, highlighting = highlighting, fields = fields})
  return head .. "\n" .. pandoc.write(doc, to, opts)
end
