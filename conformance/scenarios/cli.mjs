// The real CLIs (Claude Code, Codex CLI, Gemini CLI) in non-interactive mode against every upstream kind through
// the proxy: a plain answer, and a turn in which the fake upstream makes the CLI run one of its own tools (read a
// file) and then answers with the tool's result. Each CLI runs with a scratch HOME and no network but loopback.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROXY, KEY, UPSTREAMS, assert, run } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = (name) => path.join(here, '..', 'node_modules', '.bin', name);
const work = path.resolve(process.env.WORK_DIR || path.join(here, '..', '.work'));
const project = path.join(work, 'project');
const SECRET = 'conformance-file-content-42';

fs.mkdirSync(project, { recursive: true });
fs.writeFileSync(path.join(project, 'hello.txt'), SECRET + '\n');

function home(name) {
  const dir = path.join(work, 'home-' + name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function exec(cmd, args, env) {
  const r = spawnSync(cmd, args, {
    cwd: project, env: { PATH: process.env.PATH, LANG: 'C.UTF-8', ...env }, input: '', encoding: 'utf8', timeout: 120000,
  });
  const out = (r.stdout || '') + (r.stderr || '');
  if (r.error) throw new Error(`${path.basename(cmd)} did not run: ${r.error.message}`);
  return { code: r.status, out };
}

function expect(r, pattern) {
  assert.ok(pattern.test(r.out), `exit ${r.code}, expected ${pattern} in output:\n${r.out.slice(-600)}`);
  assert.equal(r.code, 0, `exit code ${r.code}:\n${r.out.slice(-600)}`);
}

// Claude Code: ANTHROPIC_BASE_URL + ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN, sent as a Bearer token).
function claude(model, prompt, auth = 'ANTHROPIC_API_KEY') {
  const models = model ? { ANTHROPIC_MODEL: model, ANTHROPIC_SMALL_FAST_MODEL: model, ANTHROPIC_DEFAULT_HAIKU_MODEL: model } : {};
  return exec(bin('claude'), ['-p', prompt], {
    HOME: home('claude'), ANTHROPIC_BASE_URL: PROXY, [auth]: KEY, ...models,
    DISABLE_TELEMETRY: '1', DISABLE_AUTOUPDATER: '1', DISABLE_ERROR_REPORTING: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  });
}

// Codex CLI: a custom model provider on the proxy's /v1 with the Responses wire API (0.169 no longer has "chat").
function codex(model, prompt) {
  const dir = home('codex');
  fs.writeFileSync(path.join(dir, 'config.toml'), `model_provider = "cliproxy"
approval_policy = "never"
sandbox_mode = "danger-full-access"
[model_providers.cliproxy]
name = "CLI Proxy API"
base_url = "${PROXY}/v1"
env_key = "CLIPROXY_KEY"
wire_api = "responses"
`);
  return exec(bin('codex'), ['exec', '--skip-git-repo-check', ...(model ? ['-m', model] : []), prompt], { HOME: dir, CODEX_HOME: dir, CLIPROXY_KEY: KEY });
}

// Gemini CLI: GOOGLE_GEMINI_BASE_URL + GEMINI_API_KEY, API-key auth preselected, telemetry and updates off.
function gemini(model, prompt) {
  const dir = home('gemini');
  fs.mkdirSync(path.join(dir, '.gemini'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.gemini', 'settings.json'), JSON.stringify({
    security: { auth: { selectedType: 'gemini-api-key' } },
    general: { disableAutoUpdate: true, disableUpdateNag: true },
    privacy: { usageStatisticsEnabled: false }, telemetry: { enabled: false },
  }));
  return exec(bin('gemini'), [...(model ? ['-m', model] : []), '-p', prompt], {
    HOME: dir, GEMINI_API_KEY: KEY, GOOGLE_GEMINI_BASE_URL: PROXY, GEMINI_CLI_TRUST_WORKSPACE: 'true', GEMINI_CLI_NO_RELAUNCH: 'true',
  });
}

const table = [];
for (const [kind, u] of Object.entries(UPSTREAMS)) {
  table.push([kind, {
    'claude-code-text': async () => expect(claude(u.model, 'Say hi'), new RegExp(`Hello from ${kind}!`)),
    'claude-code-tool': async () => expect(claude(u.model, `CALL Read {"file_path":"${project}/hello.txt"}`), new RegExp(`Tool result: .*${SECRET}`)),
    'codex-text': async () => expect(codex(u.model, 'Say hi'), new RegExp(`Hello from ${kind}!`)),
    'codex-tool': async () => expect(codex(u.model, 'CALL exec_command {"cmd":"cat hello.txt"}'), new RegExp(`Tool result: .*${SECRET}`)),
    'gemini-cli-text': async () => expect(gemini(u.model, 'Say hi'), new RegExp(`Hello from ${kind}!`)),
    'gemini-cli-tool': async () => expect(gemini(u.model, 'CALL read_file {"file_path":"hello.txt"}'), new RegExp(`Tool result: .*${SECRET}`)),
  }]);
}
// No model setting at all: each CLI asks for its own default model, which the provider's catalogue must serve.
table.push(['claude', { 'claude-code-default-model': async () => expect(claude(null, 'Say hi'), /Hello from claude!/) }]);
table.push(['codex', { 'codex-default-model': async () => expect(codex(null, 'Say hi'), /Hello from codex!/) }]);
table.push(['gemini', { 'gemini-cli-default-model': async () => expect(gemini(null, 'Say hi'), /Hello from gemini!/) }]);
table.push(['claude', {
  'claude-code-auth-token': async () => expect(claude(UPSTREAMS.claude.model, 'Say hi', 'ANTHROPIC_AUTH_TOKEN'), /Hello from claude!/),
  'claude-code-bad-key': async () => {
    const r = exec(bin('claude'), ['-p', 'Say hi'], {
      HOME: home('claude'), ANTHROPIC_BASE_URL: PROXY, ANTHROPIC_API_KEY: 'wrong-key', ANTHROPIC_MODEL: UPSTREAMS.claude.model,
      DISABLE_TELEMETRY: '1', DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    });
    assert.notEqual(r.code, 0, 'a bad key fails the run');
    assert.match(r.out, /401|auth|API key/i);
  },
}]);

await run('cli', table);
