// The official OpenAI Node SDK, Chat Completions API, against every upstream kind through the proxy.
import OpenAI from 'openai';
import { PROXY, KEY, UPSTREAMS, PNG, WEATHER_SCHEMA, PERSON_SCHEMA, assert, run, rejects } from './lib.mjs';

const client = new OpenAI({ baseURL: PROXY + '/v1', apiKey: KEY, maxRetries: 0 });
const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Weather of a city', parameters: WEATHER_SCHEMA } }];

function scenarios(model, limited, failing, broken) {
  return {
    'text': async () => {
      const r = await client.chat.completions.create({ model, messages: [{ role: 'system', content: 'Be terse.' }, { role: 'user', content: 'Say hi' }] });
      assert.equal(r.object, 'chat.completion');
      assert.match(r.choices[0].message.content, /Hello from/);
      assert.equal(r.choices[0].finish_reason, 'stop');
      assert.ok(r.usage.prompt_tokens > 0 && r.usage.completion_tokens > 0, 'usage');
    },
    'stream': async () => {
      const s = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Say hi' }], stream: true, stream_options: { include_usage: true } });
      let text = '';
      let finish = null;
      let usage = null;
      for await (const c of s) {
        assert.equal(c.object, 'chat.completion.chunk');
        if (c.choices[0]?.delta?.content) text += c.choices[0].delta.content;
        if (c.choices[0]?.finish_reason) finish = c.choices[0].finish_reason;
        if (c.usage) usage = c.usage;
      }
      assert.match(text, /Hello from/);
      assert.equal(finish, 'stop');
      assert.ok(usage?.prompt_tokens > 0, 'usage chunk');
    },
    'unicode-stream': async () => {
      let text = '';
      for await (const c of await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Say hi: Grüße 👋 你好 ☃' }], stream: true })) text += c.choices[0]?.delta?.content ?? '';
      assert.ok(text.includes('Grüße 👋 你好 ☃'), text);
    },
    'stream-helper': async () => {
      const s = client.chat.completions.stream({ model, messages: [{ role: 'user', content: 'Say hi' }] });
      let deltas = '';
      s.on('content', (d) => { deltas += d; });
      const final = await s.finalChatCompletion();
      assert.match(final.choices[0].message.content, /Hello from/);
      assert.equal(deltas, final.choices[0].message.content);
    },
    'tool-round-trip': async () => {
      const messages = [{ role: 'user', content: 'What is the weather in Rome?' }];
      const r = await client.chat.completions.create({ model, messages, tools });
      assert.equal(r.choices[0].finish_reason, 'tool_calls');
      const call = r.choices[0].message.tool_calls[0];
      assert.equal(call.function.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Rome' });
      messages.push(r.choices[0].message, { role: 'tool', tool_call_id: call.id, content: 'Sunny, 24C' });
      const r2 = await client.chat.completions.create({ model, messages, tools });
      assert.match(r2.choices[0].message.content, /Tool result: .*Sunny, 24C/);
    },
    'tool-stream-helper': async () => {
      const messages = [{ role: 'user', content: 'What is the weather in Rome?' }];
      const s = client.chat.completions.stream({ model, messages, tools });
      const final = await s.finalChatCompletion();
      const call = final.choices[0].message.tool_calls[0];
      assert.ok(call.id, 'tool call id');
      assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Rome' });
      messages.push(final.choices[0].message, { role: 'tool', tool_call_id: call.id, content: 'Sunny, 24C' });
      const final2 = await client.chat.completions.stream({ model, messages, tools }).finalChatCompletion();
      assert.match(final2.choices[0].message.content, /Sunny, 24C/);
    },
    'reasoning-tool-round-trip': async () => {
      const messages = [{ role: 'user', content: 'What is the weather in Rome?' }];
      const r = await client.chat.completions.create({ model, messages, tools, reasoning_effort: 'medium' });
      const call = r.choices[0].message.tool_calls[0];
      messages.push(r.choices[0].message, { role: 'tool', tool_call_id: call.id, content: 'Sunny, 24C' });
      const r2 = await client.chat.completions.create({ model, messages, tools, reasoning_effort: 'medium' });
      assert.match(r2.choices[0].message.content, /Sunny, 24C/);
    },
    'reasoning-tool-round-trip-bare-history': async () => {
      // a client that keeps only role, content and tool_calls (no provider extras) in its history
      const messages = [{ role: 'user', content: 'What is the weather in Rome?' }];
      const r = await client.chat.completions.create({ model, messages, tools, reasoning_effort: 'medium' });
      const { content, tool_calls } = r.choices[0].message;
      messages.push({ role: 'assistant', content, tool_calls }, { role: 'tool', tool_call_id: tool_calls[0].id, content: 'Sunny, 24C' });
      const r2 = await client.chat.completions.create({ model, messages, tools, reasoning_effort: 'medium' });
      assert.match(r2.choices[0].message.content, /Sunny, 24C/);
    },
    'reasoning-tool-round-trip-stream': async () => {
      const messages = [{ role: 'user', content: 'What is the weather in Rome?' }];
      const final = await client.chat.completions.stream({ model, messages, tools, reasoning_effort: 'medium' }).finalChatCompletion();
      const call = final.choices[0].message.tool_calls[0];
      messages.push(final.choices[0].message, { role: 'tool', tool_call_id: call.id, content: 'Sunny, 24C' });
      const final2 = await client.chat.completions.stream({ model, messages, tools, reasoning_effort: 'medium' }).finalChatCompletion();
      assert.match(final2.choices[0].message.content, /Sunny, 24C/);
    },
    'parallel-tools': async () => {
      const messages = [{ role: 'user', content: 'Weather in Paris and Rome, in parallel' }];
      const r = await client.chat.completions.create({ model, messages, tools });
      const calls = r.choices[0].message.tool_calls;
      assert.equal(calls.length, 2);
      assert.notEqual(calls[0].id, calls[1].id);
      assert.deepEqual(calls.map((c) => JSON.parse(c.function.arguments).city), ['Paris', 'Rome']);
      messages.push(r.choices[0].message, ...calls.map((c, i) => ({ role: 'tool', tool_call_id: c.id, content: i ? 'Rome: rain' : 'Paris: sun' })));
      const r2 = await client.chat.completions.create({ model, messages, tools });
      assert.match(r2.choices[0].message.content, /Tool result/);
    },
    'structured-output': async () => {
      const r = await client.chat.completions.parse({
        model, messages: [{ role: 'user', content: 'Describe a person' }],
        response_format: { type: 'json_schema', json_schema: { name: 'person', strict: true, schema: PERSON_SCHEMA } },
      });
      const p = r.choices[0].message.parsed;
      assert.equal(typeof p.name, 'string');
      assert.equal(typeof p.age, 'number');
      assert.ok(Array.isArray(p.tags));
    },
    'json-mode': async () => {
      const r = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Answer in JSON' }], response_format: { type: 'json_object' } });
      assert.equal(JSON.parse(r.choices[0].message.content).answer, 'hello');
    },
    'image-input': async () => {
      const r = await client.chat.completions.create({
        model, messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,' + PNG } }] }],
      });
      assert.match(r.choices[0].message.content, /I see an image/);
    },
    'models-retrieve': async () => {
      const m = await client.models.retrieve(model);
      assert.equal(m.id, model);
    },
    'error-401': async () => {
      const bad = new OpenAI({ baseURL: PROXY + '/v1', apiKey: 'wrong-key', maxRetries: 0 });
      await rejects(() => bad.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }), OpenAI.AuthenticationError, 401);
    },
    'error-429': async () => {
      const e = await rejects(() => client.chat.completions.create({ model: limited, messages: [{ role: 'user', content: 'hi' }] }), OpenAI.RateLimitError, 429);
      assert.ok(e.headers.get('retry-after'), 'retry-after header');
      assert.ok(e.error?.message, 'parsed error body');
    },
    'error-500': async () => {
      const e = await rejects(() => client.chat.completions.create({ model: failing, messages: [{ role: 'user', content: 'hi' }] }), OpenAI.InternalServerError);
      assert.ok(e.status >= 500, 'status ' + e.status);
      assert.ok(e.error?.message, 'parsed error body');
    },
    'run-tools-helper': async () => {
      const runner = client.chat.completions.runTools({
        model, messages: [{ role: 'user', content: 'What is the weather in Rome?' }],
        tools: [{ type: 'function', function: { name: 'get_weather', parameters: WEATHER_SCHEMA, function: async ({ city }) => `Sunny in ${city}`, parse: JSON.parse } }],
      });
      assert.match(await runner.finalContent(), /Sunny in Rome/);
    },
    'error-mid-stream': async () => {
      let text = '';
      await rejects(async () => {
        for await (const c of await client.chat.completions.create({ model: broken, messages: [{ role: 'user', content: 'Say hi' }], stream: true })) text += c.choices[0]?.delta?.content ?? '';
      }, OpenAI.APIError);
    },
    'error-malformed': async () => {
      const e = await rejects(() => client.chat.completions.create({ model, messages: 'not a list' }), OpenAI.BadRequestError, 400);
      assert.ok(e.error?.message, 'parsed error body');
    },
    'error-429-stream': async () => {
      await rejects(async () => {
        for await (const c of await client.chat.completions.create({ model: limited, messages: [{ role: 'user', content: 'hi' }], stream: true })) void c;
      }, OpenAI.RateLimitError, 429);
    },
  };
}

const common = {
  'models-list': async () => {
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    for (const u of Object.values(UPSTREAMS)) assert.ok(ids.includes(u.model), `${u.model} listed`);
  },
  'error-unknown-model': async () => {
    await rejects(() => client.chat.completions.create({ model: 'no-such-model-xyz', messages: [{ role: 'user', content: 'hi' }] }), [OpenAI.NotFoundError, OpenAI.BadRequestError]);
  },
};

await run('openai-chat', [...Object.entries(UPSTREAMS).map(([k, u]) => [k, scenarios(u.model, u.limited, u.failing, u.broken)]), ['-', common]]);
