-- Neovim (0.7.2 from Debian 12, and later versions) as a second real LSP client of the bundled
-- server: starts `node dist/cli.js lsp --stdio`, opens a template, waits (bounded) for the pushed
-- diagnostics and checks that the expected rule is among them with its message, then asks for the
-- hover at that diagnostic (the endpoint's) and checks what it says. Exit status 0 = every check passed, 1 = a check failed (`:cquit 1`).
--
-- Environment (set by test/e2e/run.ts):
--   CFN_LENS_NODE     the node binary            CFN_LENS_CLI     path to dist/cli.js
--   CFN_LENS_FILE     the template to open       CFN_LENS_RULE    rule id that must be reported
--   CFN_LENS_MESSAGE  text its message contains  CFN_LENS_TIMEOUT_MS  bound for each wait (default 15000)
-- Output: one `DIAG file:line:col [SEVERITY] rule: message` line per diagnostic, `HOVER …`, then `OK` or `FAIL: …`.
local function out(line) io.stdout:write(line .. '\n') end
local function fail(message)
  out('FAIL: ' .. message)
  vim.cmd('cquit 1')
end

local node = os.getenv('CFN_LENS_NODE') or 'node'
local cli = os.getenv('CFN_LENS_CLI')
local file = os.getenv('CFN_LENS_FILE')
local rule = os.getenv('CFN_LENS_RULE')
local message = os.getenv('CFN_LENS_MESSAGE')
local timeout = tonumber(os.getenv('CFN_LENS_TIMEOUT_MS') or '15000')
if not (cli and file and rule and message) then return fail('set CFN_LENS_CLI, CFN_LENS_FILE, CFN_LENS_RULE and CFN_LENS_MESSAGE') end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
-- The filetype becomes the languageId of textDocument/didOpen.
vim.bo[bufnr].filetype = 'yaml'

-- Neovim 0.7 has vim.lsp.start_client and buf_attach_client; vim.lsp.start arrived in 0.8.
local client_id = vim.lsp.start_client({
  name = 'cfn-network-lens',
  cmd = { node, cli, 'lsp', '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  on_exit = function(code, signal) out(('server exited code=%s signal=%s'):format(code, signal)) end,
})
if not client_id then return fail('vim.lsp.start_client returned nil') end
vim.lsp.buf_attach_client(bufnr, client_id)

-- 1. Diagnostics: wait until the server has published some, then look for the expected rule.
local published = vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
if not published then return fail(('no diagnostics within %d ms'):format(timeout)) end

-- Neovim 0.7 keeps LSP fields it does not know, such as `code` (our rule id), in user_data.lsp.
local function rule_of(diagnostic)
  return diagnostic.code or (diagnostic.user_data and diagnostic.user_data.lsp and diagnostic.user_data.lsp.code)
end

local expected
for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
  local id = tostring(rule_of(diagnostic))
  out(('DIAG %s:%d:%d [%s] %s: %s'):format(vim.fn.fnamemodify(file, ':t'), diagnostic.lnum + 1, diagnostic.col + 1,
    vim.diagnostic.severity[diagnostic.severity], id, diagnostic.message))
  if id == rule and diagnostic.message:find(message, 1, true) then expected = diagnostic end
end
if not expected then return fail(('no diagnostic of rule %s whose message contains "%s"'):format(rule, message)) end
if expected.severity ~= vim.diagnostic.severity.ERROR then return fail(rule .. ' is not an error') end

-- 2. Hover at the expected diagnostic, on the endpoint's logical id: the server advertises hover, and
-- the hover names the endpoint and says that its private DNS answers in every subnet of the VPC.
local client = vim.lsp.get_client_by_id(client_id)
if not (client.server_capabilities or {}).hoverProvider then return fail('the server does not advertise hoverProvider') end
local params = {
  textDocument = vim.lsp.util.make_text_document_params(bufnr),
  position = { line = expected.lnum, character = expected.col },
}
local response, request_error = client.request_sync('textDocument/hover', params, timeout, bufnr)
if not response then return fail('no answer to textDocument/hover: ' .. tostring(request_error)) end
if response.err then return fail('textDocument/hover failed: ' .. vim.inspect(response.err)) end
if response.result == nil or response.result == vim.NIL then return fail('textDocument/hover answered null on the endpoint') end
local contents = response.result.contents
local value = type(contents) == 'table' and (contents.value or vim.inspect(contents)) or tostring(contents)
out('HOVER ' .. value:gsub('\n', ' '))
if type(contents) ~= 'table' or contents.kind ~= 'markdown' then return fail('the hover is not markdown') end
if not value:find('Private DNS is VPC-wide', 1, true) then return fail('the hover does not say that private DNS is VPC-wide') end
local endpoint = vim.api.nvim_buf_get_lines(bufnr, expected.lnum, expected.lnum + 1, false)[1]:match('^%s*([%w]+):')
if not (endpoint and value:find('`' .. endpoint .. '`', 1, true)) then return fail('the hover does not name the endpoint ' .. tostring(endpoint)) end

-- 3. Shut the server down cleanly before leaving.
vim.lsp.stop_client(client_id)
vim.wait(timeout, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
out('OK')
vim.cmd('qall!')
