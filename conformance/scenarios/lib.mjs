// Shared bits of the SDK scenarios: where the proxy is, the upstream models, a result recorder.
import assert from 'node:assert/strict';

export const PROXY = process.env.PROXY_URL || 'http://127.0.0.1:18400';
export const KEY = process.env.PROXY_KEY || 'conformance-client-key-0001';

/** The model that routes to each upstream kind, and the one whose upstream answers 429. */
export const UPSTREAMS = {
  claude: { model: 'claude-sonnet-4-5', limited: 'claude-429', failing: 'claude-500', broken: 'claude-midstream' },
  gemini: { model: 'gemini-2.5-flash', limited: 'gemini-429', failing: 'gemini-500', broken: 'gemini-midstream' },
  codex: { model: 'gpt-5.5', limited: 'codex-429', failing: 'codex-500', broken: 'codex-midstream' },
  compat: { model: 'compat-model', limited: 'compat-429', failing: 'compat-500', broken: 'compat-midstream' },
};

/** A 1x1 red PNG. */
export const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

export const WEATHER_SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string', description: 'City name' } },
  required: ['city'],
  additionalProperties: false,
};

export const PERSON_SCHEMA = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } },
  required: ['name', 'age', 'tags'],
  additionalProperties: false,
};

export { assert };

/** Runs scenarios and prints one JSON line per result: {client, upstream, scenario, ok, detail}. */
export async function run(client, table) {
  const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;
  for (const [upstream, scenarios] of table) {
    for (const [name, fn] of Object.entries(scenarios)) {
      if (only && !only.test(`${client}/${upstream}/${name}`)) continue;
      let ok = true;
      let detail = '';
      try {
        await withTimeout(fn(), 30000);
      } catch (e) {
        ok = false;
        detail = (e?.constructor?.name || '') + ': ' + String(e?.message || e).replace(/\s+/g, ' ').slice(0, 400);
      }
      console.log(JSON.stringify({ client, upstream, scenario: name, ok, detail }));
    }
  }
}

function withTimeout(p, ms) {
  let t;
  return Promise.race([p, new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`timed out after ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(t));
}

/** Asserts that {@code fn} rejects with an instance of {@code type} carrying {@code status}. */
export async function rejects(fn, types, status) {
  try {
    await fn();
  } catch (e) {
    const list = Array.isArray(types) ? types : [types];
    assert.ok(list.some((t) => e instanceof t), `expected ${list.map((t) => t.name).join('|')}, got ${e?.constructor?.name}: ${e?.message}`);
    if (status !== undefined) assert.equal(e.status, status, `status of ${e?.constructor?.name}: ${e?.message}`);
    return e;
  }
  throw new assert.AssertionError({ message: 'expected an error, got a success' });
}
