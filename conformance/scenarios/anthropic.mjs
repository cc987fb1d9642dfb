// The official Anthropic TypeScript SDK against every upstream kind through the proxy.
import Anthropic from '@anthropic-ai/sdk';
import { betaTool, betaJSONSchemaOutputFormat } from '@anthropic-ai/sdk/helpers/beta/json-schema';
import { PROXY, KEY, UPSTREAMS, PNG, WEATHER_SCHEMA, PERSON_SCHEMA, assert, run, rejects } from './lib.mjs';

const client = new Anthropic({ baseURL: PROXY, apiKey: KEY, maxRetries: 0 });
const tools = [{ name: 'get_weather', description: 'Weather of a city', input_schema: WEATHER_SCHEMA }];
const text = (m) => m.content.filter((b) => b.type === 'text').map((b) => b.text).join('');

function toolUses(m) {
  const uses = m.content.filter((b) => b.type === 'tool_use');
  for (const u of uses) assert.match(u.id, /^[a-zA-Z0-9_-]+$/, 'tool_use id pattern');
  return uses;
}

function scenarios(model, limited, failing, upstream, broken) {
  return {
    'text': async () => {
      const m = await client.messages.create({ model, max_tokens: 256, system: 'Be terse.', messages: [{ role: 'user', content: 'Say hi' }] });
      assert.equal(m.type, 'message');
      assert.ok(m.id, 'message id');
      assert.match(text(m), /Hello from/);
      assert.equal(m.stop_reason, 'end_turn');
      assert.ok(m.usage.input_tokens > 0 && m.usage.output_tokens > 0, 'usage');
    },
    'stream': async () => {
      const s = await client.messages.create({ model, max_tokens: 256, messages: [{ role: 'user', content: 'Say hi' }], stream: true });
      const types = [];
      let out = '';
      let stop = null;
      for await (const e of s) {
        types.push(e.type);
        if (e.type === 'content_block_delta' && e.delta.type === 'text_delta') out += e.delta.text;
        if (e.type === 'message_delta') stop = e.delta.stop_reason;
      }
      assert.equal(types[0], 'message_start');
      assert.equal(types.at(-1), 'message_stop');
      assert.match(out, /Hello from/);
      assert.equal(stop, 'end_turn');
    },
    'unicode-stream': async () => {
      const m = await client.messages.stream({ model, max_tokens: 256, messages: [{ role: 'user', content: 'Say hi: Grüße 👋 你好 ☃' }] }).finalMessage();
      assert.ok(text(m).includes('Grüße 👋 你好 ☃'), text(m));
    },
    'stream-helper': async () => {
      const s = client.messages.stream({ model, max_tokens: 256, messages: [{ role: 'user', content: 'Say hi' }] });
      let deltas = '';
      s.on('text', (d) => { deltas += d; });
      const m = await s.finalMessage();
      assert.match(text(m), /Hello from/);
      assert.equal(deltas, text(m));
      assert.ok(m.usage.output_tokens > 0, 'usage');
    },
    'tool-round-trip': async () => {
      const messages = [{ role: 'user', content: 'What is the weather in Rome?' }];
      const m = await client.messages.create({ model, max_tokens: 256, messages, tools });
      assert.equal(m.stop_reason, 'tool_use');
      const [use] = toolUses(m);
      assert.deepEqual(use.input, { city: 'Rome' });
      messages.push({ role: 'assistant', content: m.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'Sunny, 24C' }] });
      const m2 = await client.messages.create({ model, max_tokens: 256, messages, tools });
      assert.match(text(m2), /Tool result: .*Sunny, 24C/);
    },
    'tool-stream-helper': async () => {
      const messages = [{ role: 'user', content: 'What is the weather in Rome?' }];
      let jsonDeltas = 0;
      const s = client.messages.stream({ model, max_tokens: 256, messages, tools });
      s.on('inputJson', () => { jsonDeltas++; });
      const m = await s.finalMessage();
      const [use] = toolUses(m);
      assert.deepEqual(use.input, { city: 'Rome' });
      assert.ok(jsonDeltas > 0, 'input_json deltas');
      messages.push({ role: 'assistant', content: m.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: [{ type: 'text', text: 'Sunny, 24C' }] }] });
      const m2 = await client.messages.stream({ model, max_tokens: 256, messages, tools }).finalMessage();
      assert.match(text(m2), /Sunny, 24C/);
    },
    'parallel-tools': async () => {
      const messages = [{ role: 'user', content: 'Weather in Paris and Rome, in parallel' }];
      const m = await client.messages.create({ model, max_tokens: 256, messages, tools });
      const uses = toolUses(m);
      assert.equal(uses.length, 2);
      assert.notEqual(uses[0].id, uses[1].id);
      messages.push({ role: 'assistant', content: m.content }, { role: 'user', content: uses.map((u) => ({ type: 'tool_result', tool_use_id: u.id, content: u.input.city })) });
      const m2 = await client.messages.create({ model, max_tokens: 256, messages, tools });
      assert.match(text(m2), /Tool result/);
    },
    'thinking-tool-round-trip': async () => {
      const messages = [{ role: 'user', content: 'What is the weather in Rome?' }];
      const opts = { model, max_tokens: 4096, tools, thinking: { type: 'enabled', budget_tokens: 1024 } };
      const m = await client.messages.stream({ ...opts, messages }).finalMessage();
      const [use] = toolUses(m);
      messages.push({ role: 'assistant', content: m.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'Sunny, 24C' }] });
      const m2 = await client.messages.create({ ...opts, messages });
      assert.match(text(m2), /Sunny, 24C/);
    },
    'thinking-history-from-another-model': async () => {
      // a session that switched models: its tool turn was led by another upstream's thinking (Claude Code /model)
      const other = model === UPSTREAMS.gemini.model ? UPSTREAMS.compat.model : UPSTREAMS.gemini.model;
      const messages = [{ role: 'user', content: 'What is the weather in Rome?' }];
      const opts = { max_tokens: 4096, tools, thinking: { type: 'enabled', budget_tokens: 1024 } };
      const m = await client.messages.create({ ...opts, model: other, messages });
      const [use] = toolUses(m);
      messages.push({ role: 'assistant', content: m.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'Sunny, 24C' }] });
      const m2 = await client.messages.create({ ...opts, model, messages });
      assert.match(text(m2), /Sunny, 24C/);
    },
    'beta-tool-runner': async () => {
      const runner = client.beta.messages.toolRunner({
        model, max_tokens: 256, messages: [{ role: 'user', content: 'What is the weather in Rome?' }],
        tools: [betaTool({ name: 'get_weather', description: 'Weather of a city', inputSchema: WEATHER_SCHEMA, run: ({ city }) => `Sunny in ${city}` })],
      });
      const final = await runner;
      assert.match(text(final), /Sunny in Rome/);
    },
    'beta-structured-output': async () => {
      const m = await client.beta.messages.parse({
        model, max_tokens: 256, betas: ['structured-outputs-2025-11-13'], messages: [{ role: 'user', content: 'Describe a person' }],
        output_format: betaJSONSchemaOutputFormat(PERSON_SCHEMA),
      });
      assert.equal(typeof m.parsed_output?.name, 'string', JSON.stringify(m.content));
    },
    'forced-tool-json': async () => {
      const m = await client.messages.create({
        model, max_tokens: 256, messages: [{ role: 'user', content: 'Describe a person' }],
        tools: [{ name: 'person', description: 'Record a person', input_schema: PERSON_SCHEMA }], tool_choice: { type: 'tool', name: 'person' },
      });
      const [use] = toolUses(m);
      assert.equal(use.name, 'person');
      assert.equal(typeof use.input.name, 'string');
    },
    'image-input': async () => {
      const m = await client.messages.create({
        model, max_tokens: 256,
        messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }, { type: 'text', text: 'What is this?' }] }],
      });
      assert.match(text(m), /I see an image/);
    },
    'count-tokens': async () => {
      const r = await client.messages.countTokens({ model, messages: [{ role: 'user', content: 'Say hi' }], tools });
      assert.ok(Number.isInteger(r.input_tokens) && r.input_tokens > 0, 'input_tokens');
    },
    'models-retrieve': async () => {
      const m = await client.models.retrieve(model);
      assert.equal(m.id, model);
      assert.equal(m.type, 'model');
    },
    'error-401': async () => {
      const bad = new Anthropic({ baseURL: PROXY, apiKey: 'wrong-key', maxRetries: 0 });
      await rejects(() => bad.messages.create({ model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }), Anthropic.AuthenticationError, 401);
    },
    'error-429': async () => {
      const e = await rejects(() => client.messages.create({ model: limited, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }), Anthropic.RateLimitError, 429);
      assert.ok(e.headers.get('retry-after'), 'retry-after header');
      assert.equal(e.error?.error?.type, 'rate_limit_error');
    },
    'error-429-stream': async () => {
      await rejects(() => client.messages.stream({ model: limited, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }).finalMessage(), Anthropic.RateLimitError, 429);
    },
    'error-500': async () => {
      const e = await rejects(() => client.messages.create({ model: failing, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }), Anthropic.InternalServerError);
      assert.ok(e.status >= 500, 'status ' + e.status);
      assert.ok(e.error?.error?.type, 'parsed error body');
    },
    'thinking-stream-events': async () => {
      let thinking = '';
      let signature = '';
      const s = client.messages.stream({ model, max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'Say hi' }] });
      s.on('thinking', (d) => { thinking += d; });
      s.on('signature', (sig) => { signature = sig; });
      const m = await s.finalMessage();
      assert.match(text(m), /Hello from/);
      assert.equal(m.content.at(-1).type, 'text', 'the answer ends with its text');
      if (upstream === 'claude' || upstream === 'codex') assert.ok(thinking && signature, 'a signed thinking block');
    },
    'error-mid-stream': async () => {
      await rejects(() => client.messages.stream({ model: broken, max_tokens: 64, messages: [{ role: 'user', content: 'Say hi' }] }).finalMessage(), Anthropic.APIError);
    },
    'error-malformed': async () => {
      const e = await rejects(() => client.messages.create({ model, max_tokens: 16, messages: 'not a list' }), Anthropic.BadRequestError, 400);
      assert.equal(e.error?.error?.type, 'invalid_request_error');
    },
  };
}

const common = {
  'models-list': async () => {
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    for (const u of Object.values(UPSTREAMS)) assert.ok(ids.includes(u.model), `${u.model} listed`);
  },
  'models-list-paged': async () => {
    const ids = [];
    for await (const m of client.models.list({ limit: 2 })) ids.push(m.id);
    assert.equal(new Set(ids).size, ids.length, 'no model twice');
    for (const u of Object.values(UPSTREAMS)) assert.ok(ids.includes(u.model), `${u.model} listed`);
  },
  'error-unknown-model': async () => {
    await rejects(() => client.messages.create({ model: 'no-such-model-xyz', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }), [Anthropic.NotFoundError, Anthropic.BadRequestError]);
  },
};

await run('anthropic', [...Object.entries(UPSTREAMS).map(([k, u]) => [k, scenarios(u.model, u.limited, u.failing, k, u.broken)]), ['-', common]]);
