// The official Google Gen AI SDK (@google/genai) against every upstream kind through the proxy.
import { GoogleGenAI, ApiError, Type } from '@google/genai';
import { PROXY, KEY, UPSTREAMS, PNG, assert, run, rejects } from './lib.mjs';

const make = (apiKey) => new GoogleGenAI({ apiKey, httpOptions: { baseUrl: PROXY, retryOptions: { attempts: 1 } } });
const ai = make(KEY);
const weather = {
  name: 'get_weather', description: 'Weather of a city',
  parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING, description: 'City name' } }, required: ['city'] },
};
const tools = [{ functionDeclarations: [weather] }];

function scenarios(model, limited, failing, broken) {
  return {
    'text': async () => {
      const r = await ai.models.generateContent({ model, contents: 'Say hi', config: { systemInstruction: 'Be terse.' } });
      assert.match(r.text, /Hello from/);
      assert.equal(r.candidates[0].finishReason, 'STOP');
      assert.ok(r.usageMetadata.promptTokenCount > 0 && r.usageMetadata.totalTokenCount > 0, 'usage');
    },
    'stream': async () => {
      let out = '';
      let finish = null;
      let usage = null;
      for await (const c of await ai.models.generateContentStream({ model, contents: 'Say hi' })) {
        out += c.text ?? '';
        finish = c.candidates?.[0]?.finishReason ?? finish;
        usage = c.usageMetadata ?? usage;
      }
      assert.match(out, /Hello from/);
      assert.equal(finish, 'STOP');
      assert.ok(usage?.candidatesTokenCount > 0, 'usage');
    },
    'unicode-stream': async () => {
      let out = '';
      for await (const c of await ai.models.generateContentStream({ model, contents: 'Say hi: Grüße 👋 你好 ☃' })) out += c.text ?? '';
      assert.ok(out.includes('Grüße 👋 你好 ☃'), out);
    },
    'chat-stream': async () => {
      const chat = ai.chats.create({ model });
      let out = '';
      for await (const c of await chat.sendMessageStream({ message: 'Say hi' })) out += c.text ?? '';
      assert.match(out, /Hello from/);
      const r = await chat.sendMessage({ message: 'Again' });
      assert.match(r.text, /Hello from/);
      assert.equal(chat.getHistory().filter((c) => c.role === 'user').length, 2);
    },
    'tool-round-trip': async () => {
      const contents = [{ role: 'user', parts: [{ text: 'What is the weather in Rome?' }] }];
      const r = await ai.models.generateContent({ model, contents, config: { tools } });
      const [call] = r.functionCalls;
      assert.equal(call.name, 'get_weather');
      assert.deepEqual(call.args, { city: 'Rome' });
      contents.push(r.candidates[0].content, { role: 'user', parts: [{ functionResponse: { id: call.id, name: call.name, response: { result: 'Sunny, 24C' } } }] });
      const r2 = await ai.models.generateContent({ model, contents, config: { tools } });
      assert.match(r2.text, /Tool result: .*Sunny, 24C/);
    },
    'tool-stream': async () => {
      const contents = [{ role: 'user', parts: [{ text: 'What is the weather in Rome?' }] }];
      const calls = [];
      const parts = [];
      for await (const c of await ai.models.generateContentStream({ model, contents, config: { tools } })) {
        calls.push(...(c.functionCalls ?? []));
        parts.push(...(c.candidates?.[0]?.content?.parts ?? []));
      }
      assert.equal(calls.length, 1);
      assert.deepEqual(calls[0].args, { city: 'Rome' });
      contents.push({ role: 'model', parts }, { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { result: 'Sunny, 24C' } } }] });
      let out = '';
      for await (const c of await ai.models.generateContentStream({ model, contents, config: { tools } })) out += c.text ?? '';
      assert.match(out, /Sunny, 24C/);
    },
    'parallel-tools': async () => {
      const contents = [{ role: 'user', parts: [{ text: 'Weather in Paris and Rome, in parallel' }] }];
      const r = await ai.models.generateContent({ model, contents, config: { tools } });
      const calls = r.functionCalls;
      assert.equal(calls.length, 2);
      assert.deepEqual(calls.map((c) => c.args.city), ['Paris', 'Rome']);
      contents.push(r.candidates[0].content, { role: 'user', parts: calls.map((c) => ({ functionResponse: { id: c.id, name: c.name, response: { result: c.args.city + ': fine' } } })) });
      const r2 = await ai.models.generateContent({ model, contents, config: { tools } });
      assert.match(r2.text, /Tool result/);
    },
    'thinking-tool-round-trip': async () => {
      const contents = [{ role: 'user', parts: [{ text: 'What is the weather in Rome?' }] }];
      const config = { tools, thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } };
      const r = await ai.models.generateContent({ model, contents, config });
      assert.ok(r.functionCalls?.length, 'function call');
      contents.push(r.candidates[0].content, { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { result: 'Sunny, 24C' } } }] });
      const r2 = await ai.models.generateContent({ model, contents, config });
      assert.match(r2.text, /Sunny, 24C/);
    },
    'structured-output': async () => {
      const r = await ai.models.generateContent({
        model, contents: 'Describe a person',
        config: {
          responseMimeType: 'application/json',
          responseSchema: { type: Type.OBJECT, properties: { name: { type: Type.STRING }, age: { type: Type.INTEGER } }, required: ['name', 'age'] },
        },
      });
      const p = JSON.parse(r.text);
      assert.equal(typeof p.name, 'string');
      assert.equal(typeof p.age, 'number');
    },
    'json-schema-output': async () => {
      const r = await ai.models.generateContent({
        model, contents: 'Describe a person',
        config: { responseMimeType: 'application/json', responseJsonSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
      });
      assert.equal(typeof JSON.parse(r.text).name, 'string');
    },
    'image-input': async () => {
      const r = await ai.models.generateContent({ model, contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: PNG } }, { text: 'What is this?' }] }] });
      assert.match(r.text, /I see an image/);
    },
    'count-tokens': async () => {
      const r = await ai.models.countTokens({ model, contents: 'Say hi' });
      assert.ok(r.totalTokens > 0, 'totalTokens');
    },
    'count-tokens-lone-tool-output': async () => {
      // what Gemini CLI sends to size a tool's output: a functionResponse with no call before it
      const r = await ai.models.countTokens({ model, contents: [{ role: 'user', parts: [{ functionResponse: { id: 'read_file__x_0', name: 'read_file', response: { output: 'Binary content provided (1 item(s)).' } } }, { inlineData: { mimeType: 'image/png', data: PNG } }] }] });
      assert.ok(r.totalTokens > 0, 'totalTokens');
    },
    'models-get': async () => {
      const m = await ai.models.get({ model });
      assert.equal(m.name, 'models/' + model);
    },
    'error-401': async () => {
      await rejects(() => make('wrong-key').models.generateContent({ model, contents: 'hi' }), ApiError, 401);
    },
    'error-429': async () => {
      const e = await rejects(() => ai.models.generateContent({ model: limited, contents: 'hi' }), ApiError, 429);
      assert.match(e.message, /RESOURCE_EXHAUSTED|rate|quota/i);
    },
    'error-429-stream': async () => {
      await rejects(async () => { for await (const c of await ai.models.generateContentStream({ model: limited, contents: 'hi' })) void c; }, ApiError, 429);
    },
    'error-500': async () => {
      const e = await rejects(() => ai.models.generateContent({ model: failing, contents: 'hi' }), ApiError);
      assert.ok(e.status >= 500, 'status ' + e.status);
    },
    'error-mid-stream': async () => {
      await rejects(async () => { for await (const c of await ai.models.generateContentStream({ model: broken, contents: 'Say hi' })) void c; }, [ApiError, Error]);
    },
    'error-malformed': async () => {
      await rejects(() => ai.models.generateContent({ model, contents: [{ role: 'user', parts: [] }] }), ApiError, 400);
    },
  };
}

const common = {
  'models-list': async () => {
    const names = [];
    for await (const m of await ai.models.list()) names.push(m.name);
    for (const u of Object.values(UPSTREAMS)) assert.ok(names.includes('models/' + u.model), `${u.model} listed`);
  },
  'models-list-paged': async () => {
    const names = [];
    for await (const m of await ai.models.list({ config: { pageSize: 2 } })) names.push(m.name);
    assert.equal(new Set(names).size, names.length, 'no model twice');
    for (const u of Object.values(UPSTREAMS)) assert.ok(names.includes('models/' + u.model), `${u.model} listed`);
  },
  'error-unknown-model': async () => {
    await rejects(() => ai.models.generateContent({ model: 'no-such-model-xyz', contents: 'hi' }), ApiError, 404);
  },
};

await run('genai', [...Object.entries(UPSTREAMS).map(([k, u]) => [k, scenarios(u.model, u.limited, u.failing, u.broken)]), ['-', common]]);
