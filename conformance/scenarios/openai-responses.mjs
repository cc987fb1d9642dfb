// The official OpenAI Node SDK, Responses API, against every upstream kind through the proxy.
import OpenAI from 'openai';
import { PROXY, KEY, UPSTREAMS, PNG, WEATHER_SCHEMA, PERSON_SCHEMA, assert, run, rejects } from './lib.mjs';

const client = new OpenAI({ baseURL: PROXY + '/v1', apiKey: KEY, maxRetries: 0 });
const tools = [{ type: 'function', name: 'get_weather', description: 'Weather of a city', parameters: WEATHER_SCHEMA, strict: true }];

/** The function calls of a response, checked for the fields clients rely on. */
function callsOf(r) {
  const calls = r.output.filter((o) => o.type === 'function_call');
  for (const c of calls) {
    assert.ok(c.call_id, 'call_id');
    assert.ok(c.id, 'item id');
  }
  return calls;
}

function scenarios(model, limited, failing, broken) {
  return {
    'text': async () => {
      const r = await client.responses.create({ model, instructions: 'Be terse.', input: 'Say hi' });
      assert.equal(r.object, 'response');
      assert.equal(r.status, 'completed');
      assert.match(r.output_text, /Hello from/);
      assert.ok(r.usage.input_tokens > 0 && r.usage.output_tokens > 0, 'usage');
    },
    'stream': async () => {
      const s = await client.responses.create({ model, input: 'Say hi', stream: true });
      let text = '';
      let completed = null;
      let seq = -1;
      for await (const e of s) {
        assert.ok(e.sequence_number > seq, `sequence_number grows (${e.type})`);
        seq = e.sequence_number;
        if (e.type === 'response.output_text.delta') text += e.delta;
        if (e.type === 'response.completed') completed = e.response;
      }
      assert.match(text, /Hello from/);
      assert.equal(completed?.status, 'completed');
      assert.ok(completed.usage?.input_tokens > 0, 'usage');
    },
    'unicode-stream': async () => {
      let text = '';
      for await (const e of await client.responses.create({ model, input: 'Say hi: Grüße 👋 你好 ☃', stream: true })) if (e.type === 'response.output_text.delta') text += e.delta;
      assert.ok(text.includes('Grüße 👋 你好 ☃'), text);
    },
    'stream-helper': async () => {
      const s = client.responses.stream({ model, input: [{ role: 'user', content: 'Say hi' }] });
      let deltas = '';
      s.on('response.output_text.delta', (e) => { deltas += e.delta; });
      const final = await s.finalResponse();
      assert.match(final.output_text, /Hello from/);
      assert.equal(deltas, final.output_text);
    },
    'tool-round-trip': async () => {
      const input = [{ role: 'user', content: 'What is the weather in Rome?' }];
      const r = await client.responses.create({ model, input, tools });
      const [call] = callsOf(r);
      assert.equal(call.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.arguments), { city: 'Rome' });
      input.push(...r.output, { type: 'function_call_output', call_id: call.call_id, output: 'Sunny, 24C' });
      const r2 = await client.responses.create({ model, input, tools });
      assert.match(r2.output_text, /Tool result: .*Sunny, 24C/);
    },
    'tool-stream-helper': async () => {
      const input = [{ role: 'user', content: 'What is the weather in Rome?' }];
      let argDeltas = 0;
      const s = client.responses.stream({ model, input, tools });
      s.on('response.function_call_arguments.delta', () => { argDeltas++; });
      const final = await s.finalResponse();
      const [call] = callsOf(final);
      assert.deepEqual(JSON.parse(call.arguments), { city: 'Rome' });
      assert.ok(argDeltas > 0, 'argument deltas');
      input.push(...final.output, { type: 'function_call_output', call_id: call.call_id, output: 'Sunny, 24C' });
      const final2 = await client.responses.stream({ model, input, tools }).finalResponse();
      assert.match(final2.output_text, /Sunny, 24C/);
    },
    'parallel-tools': async () => {
      const input = [{ role: 'user', content: 'Weather in Paris and Rome, in parallel' }];
      const r = await client.responses.create({ model, input, tools });
      const calls = callsOf(r);
      assert.equal(calls.length, 2);
      assert.notEqual(calls[0].call_id, calls[1].call_id);
      input.push(...r.output, ...calls.map((c) => ({ type: 'function_call_output', call_id: c.call_id, output: c.arguments.includes('Paris') ? 'sun' : 'rain' })));
      const r2 = await client.responses.create({ model, input, tools });
      assert.match(r2.output_text, /Tool result/);
    },
    'structured-output': async () => {
      const r = await client.responses.parse({
        model, input: 'Describe a person',
        text: { format: { type: 'json_schema', name: 'person', strict: true, schema: PERSON_SCHEMA } },
      });
      assert.equal(typeof r.output_parsed.name, 'string');
      assert.equal(typeof r.output_parsed.age, 'number');
    },
    'reasoning-round-trip': async () => {
      const input = [{ role: 'user', content: 'What is the weather in Rome?' }];
      const opts = { model, tools, reasoning: { effort: 'medium', summary: 'auto' }, include: ['reasoning.encrypted_content'], store: false };
      const r = await client.responses.create({ ...opts, input });
      const [call] = callsOf(r);
      input.push(...r.output, { type: 'function_call_output', call_id: call.call_id, output: 'Sunny, 24C' });
      const r2 = await client.responses.create({ ...opts, input });
      assert.match(r2.output_text, /Sunny, 24C/);
    },
    'image-input': async () => {
      const r = await client.responses.create({
        model, input: [{ role: 'user', content: [{ type: 'input_text', text: 'What is this?' }, { type: 'input_image', image_url: 'data:image/png;base64,' + PNG, detail: 'auto' }] }],
      });
      assert.match(r.output_text, /I see an image/);
    },
    'error-401': async () => {
      const bad = new OpenAI({ baseURL: PROXY + '/v1', apiKey: 'wrong-key', maxRetries: 0 });
      await rejects(() => bad.responses.create({ model, input: 'hi' }), OpenAI.AuthenticationError, 401);
    },
    'error-429': async () => {
      const e = await rejects(() => client.responses.create({ model: limited, input: 'hi' }), OpenAI.RateLimitError, 429);
      assert.ok(e.headers.get('retry-after'), 'retry-after header');
    },
    'error-429-stream': async () => {
      await rejects(async () => { for await (const e of await client.responses.create({ model: limited, input: 'hi', stream: true })) void e; }, OpenAI.RateLimitError, 429);
    },
    'error-500': async () => {
      const e = await rejects(() => client.responses.create({ model: failing, input: 'hi' }), OpenAI.InternalServerError);
      assert.ok(e.status >= 500, 'status ' + e.status);
    },
    'error-mid-stream': async () => {
      // the SDK raises an `error` event; a `response.failed` event ends the stream with the failure in it
      const seen = [];
      try {
        for await (const e of await client.responses.create({ model: broken, input: 'Say hi', stream: true })) seen.push(e.type);
      } catch (e) {
        assert.ok(e instanceof OpenAI.APIError || e instanceof OpenAI.OpenAIError, `${e?.constructor?.name}: ${e?.message}`);
        return;
      }
      assert.ok(seen.includes('response.failed') || seen.includes('error'), 'stream ended with a failure: ' + seen.join(','));
      assert.ok(!seen.includes('response.completed'), 'a failed stream is not completed');
      // the helper rejects on an `error` event (with the event, as for the real API) or resolves a failed response
      const final = await client.responses.stream({ model: broken, input: 'Say hi' }).finalResponse().catch((e) => ({ status: 'failed', rejected: e }));
      assert.equal(final.status, 'failed');
    },
    'error-malformed': async () => {
      const e = await rejects(() => client.responses.create({ model, input: 42 }), OpenAI.BadRequestError, 400);
      assert.ok(e.error?.message, 'parsed error body');
    },
  };
}

const common = {
  'error-unknown-model': async () => {
    await rejects(() => client.responses.create({ model: 'no-such-model-xyz', input: 'hi' }), [OpenAI.NotFoundError, OpenAI.BadRequestError]);
  },
};

await run('openai-responses', [...Object.entries(UPSTREAMS).map(([k, u]) => [k, scenarios(u.model, u.limited, u.failing, u.broken)]), ['-', common]]);
