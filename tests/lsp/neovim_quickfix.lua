-- Headless Neovim (0.11+) against `phraselint lsp`, set up as the README
-- says (vim.lsp.config + vim.lsp.enable): open a Markdown file with banned
-- phrases after non-ASCII text, wait for the diagnostics, check their
-- positions, apply the preferred quick fix, then fix-all, and check the
-- buffer. Run by tests/lsp_clients.rs:
--
--   nvim --headless --clean -l neovim_quickfix.lua PHRASELINT_BIN DIR
--
-- Exits 0 when every check passed, else 1 with the first failure on stderr.

local bin, dir = arg[1], arg[2]
local TIMEOUT = 20000

local function fail(message)
  io.stderr:write("neovim_quickfix: " .. message .. "\n")
  io.stderr:flush()
  os.exit(1)
end

local function expect(what, got, want)
  if not vim.deep_equal(got, want) then
    fail(what .. ": expected " .. vim.inspect(want) .. ", got " .. vim.inspect(got))
  end
end

-- Waits for `done()` (Neovim's event loop runs meanwhile), else fails
-- with `what()`.
local function wait_until(done, what)
  if not vim.wait(TIMEOUT, done, 20) then
    fail(what() .. " (waited " .. TIMEOUT .. " ms)")
  end
end

if not (bin and dir) then
  fail("usage: nvim --headless --clean -l neovim_quickfix.lua PHRASELINT_BIN DIR")
end
if vim.fn.has("nvim-0.11") ~= 1 then
  fail("needs Neovim 0.11 or newer for vim.lsp.config, this is " .. tostring(vim.version()))
end

local lines = {
  "# Café launch",
  "",
  "🚀 Café Frontier directly accesses GPT-5 in the browser.",
  "",
  "The app directly accesses GPT-5 from the browser.",
}
local path = dir .. "/page.md"
vim.fn.writefile(lines, path)

-- The README's setup, with the binary under test.
vim.lsp.config("phraselint", {
  cmd = { bin, "lsp" },
  filetypes = { "markdown", "mdx", "html", "text", "yaml" },
  root_markers = { ".phraselint.yaml", ".git" },
})
vim.lsp.enable("phraselint")

vim.cmd("filetype on")
vim.cmd.edit(vim.fn.fnameescape(path))
local buf = vim.api.nvim_get_current_buf()
expect("filetype", vim.bo[buf].filetype, "markdown")

local client
wait_until(function()
  client = vim.lsp.get_clients({ bufnr = buf, name = "phraselint" })[1]
  return client ~= nil and client.initialized
end, function()
  return "phraselint lsp did not start and attach to " .. path
end)
-- Neovim offers UTF-8 first; the server takes it.
expect("offset encoding", client.offset_encoding, "utf-8")

local function diagnostics()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(found, { d.code, d.lnum, d.col, d.end_lnum, d.end_col, d.severity })
  end
  table.sort(found, function(a, b)
    return a[2] < b[2] or (a[2] == b[2] and a[3] < b[3])
  end)
  return found
end

wait_until(function()
  return #vim.diagnostic.get(buf) >= 4
end, function()
  return "too few diagnostics: " .. vim.inspect(diagnostics())
end)
local E = vim.diagnostic.severity.ERROR
-- Byte columns: "🚀 Café " is 4 + 1 + 5 + 1 bytes, then "Frontier ".
-- ("directly accesses" is one rule's phrase, "accesses GPT-5" another's.)
expect("diagnostics", diagnostics(), {
  { "partner-ai/directly-accesses", 2, 20, 2, 37, E },
  { "partner-ai/accesses-partner", 2, 29, 2, 43, E },
  { "partner-ai/directly-accesses", 4, 8, 4, 25, E },
  { "partner-ai/accesses-partner", 4, 17, 4, 31, E },
})

-- Code actions with the cursor on "directly", as `gra` asks for them.
vim.api.nvim_win_set_cursor(0, { 3, 22 })
local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
params.context = { diagnostics = vim.lsp.diagnostic.from(vim.diagnostic.get(buf, { lnum = 2 })), only = { "quickfix" } }
local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, TIMEOUT)
if not responses or not responses[client.id] then
  fail("no answer to textDocument/codeAction")
end
local response = responses[client.id]
if response.err then
  fail("textDocument/codeAction failed: " .. vim.inspect(response.err))
end
local actions = response.result
local titles = {}
for _, a in ipairs(actions) do
  table.insert(titles, a.title)
end
expect("quick fixes", titles, {
  'Replace with "integrates with"',
  'Replace with "powered by"',
  "Suppress partner-ai/directly-accesses with a comment",
})
expect("preferred", actions[1].isPreferred, true)

vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding)
expect("line 3 after the quick fix", vim.api.nvim_buf_get_lines(buf, 2, 3, true)[1],
  "🚀 Café Frontier integrates with GPT-5 in the browser.")

-- The edit reaches the server as a change: that line's findings go.
wait_until(function()
  return #vim.diagnostic.get(buf) == 2
end, function()
  return "the fixed findings are still reported: " .. vim.inspect(diagnostics())
end)

-- Fix-all, as the README gives it.
vim.lsp.buf.code_action({ context = { only = { "source.fixAll.phraselint" } }, apply = true })
wait_until(function()
  return vim.api.nvim_buf_get_lines(buf, 4, 5, true)[1] ~= lines[5]
end, function()
  return "fix-all changed nothing"
end)
expect("line 5 after fix-all", vim.api.nvim_buf_get_lines(buf, 4, 5, true)[1],
  "The app integrates with GPT-5 from the browser.")
wait_until(function()
  return #vim.diagnostic.get(buf) == 0
end, function()
  return "findings left after fix-all: " .. vim.inspect(diagnostics())
end)

client:stop()
vim.wait(TIMEOUT, function()
  return client:is_stopped()
end, 20)
io.stdout:write("neovim_quickfix: ok (Neovim " .. tostring(vim.version()) .. ")\n")
