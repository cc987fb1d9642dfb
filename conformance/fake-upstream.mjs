// Fake upstreams for the conformance harness: one Node HTTP server (no dependencies) that answers like the real
// OpenAI Chat Completions (/compat/v1/chat/completions), OpenAI Responses (/codex/v1/responses), Anthropic Messages
// (/claude/v1/messages, /count_tokens) and Gemini (/gemini/v1beta/models/M:generateContent, :streamGenerateContent,
// :countTokens) APIs, stream and non-stream, with the event shapes, ids, usage and stop reasons of the real services.
//
// The answer is chosen from the request, whatever its format:
//   - the last turn is a tool result             -> text quoting the result ("Tool result: ...")
//   - the prompt holds CALL <tool> <json args>   -> a call of that tool (drives the CLIs' tool turns)
//   - tools offered and the prompt says parallel -> two calls of the first tool
//   - tools offered and the prompt says weather  -> one call of the first tool
//   - JSON mode / a response schema              -> JSON text that fits the schema
//   - an image in the prompt                     -> "I see an image ..."
//   - otherwise                                  -> "Hello from <kind>! ..."
// Thinking (Claude thinking, Gemini includeThoughts, Responses reasoning, chat reasoning_effort) adds a reasoning
// block with a signature. An upstream model containing "ratelimit" answers 429 with retry-after, "servererror" 500,
// "midstream" fails after the first events; a missing key 401. Requests are validated like the real APIs (tool
// call/result pairing, Claude's thinking rules, signatures, Gemini's schema subset; Claude count_tokens too), and
// Claude message threads (beta) are kept in memory. Every request is appended to $FAKE_LOG (JSON lines) when set.
import http from 'node:http';
import fs from 'node:fs';
import crypto from 'node:crypto';

const port = Number(process.env.FAKE_PORT || 0);
const logFile = process.env.FAKE_LOG;

const rid = (prefix, n = 24) => prefix + crypto.randomBytes(n).toString('hex').slice(0, n);
const estimate = (obj) => Math.max(1, Math.round(JSON.stringify(obj).length / 4));

// ---------------------------------------------------------------------------------------------------------------
// What the request asks for, in every format
// ---------------------------------------------------------------------------------------------------------------

function textOf(content) {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => p.text ?? (typeof p.content === 'string' ? p.content : '')).join(' ');
  return '';
}

function hasImage(content) {
  return Array.isArray(content) && content.some((p) => ['image', 'image_url', 'input_image'].includes(p.type) || p.inlineData || p.inline_data || p.fileData);
}

function inspect(kind, body) {
  const r = { forced: forcedTool(kind, body), tools: [], lastIsToolResult: false, toolResult: '', prompt: '', image: false, schema: null, json: false, thinking: false };
  if (kind === 'claude') {
    r.tools = (body.tools || []).filter((t) => t.name).map((t) => ({ name: t.name, schema: t.input_schema }));
    const last = (body.messages || []).at(-1) || {};
    const parts = Array.isArray(last.content) ? last.content : [];
    const tr = parts.filter((p) => p.type === 'tool_result');
    r.lastIsToolResult = last.role === 'user' && tr.length > 0;
    r.toolResult = tr.map((p) => textOf(p.content)).join(' | ');
    r.prompt = textOf(last.content);
    r.image = hasImage(last.content);
    r.thinking = ['enabled', 'adaptive'].includes(body.thinking?.type);
    const fmt = body.output_format || body.output_config?.format;
    if (fmt?.schema) { r.schema = fmt.schema; r.json = true; }
    // A model follows a system instruction asking for JSON (what the proxy sends for a foreign response format).
    const system = textOf(body.system);
    if (/Respond only with a single valid JSON/.test(system)) {
      r.json = true;
      const at = system.indexOf('JSON Schema:\n');
      if (at >= 0) { try { r.schema = JSON.parse(system.slice(at + 13)); } catch { /* plain JSON */ } }
    }
  } else if (kind === 'gemini') {
    for (const t of body.tools || []) for (const f of t.functionDeclarations || t.function_declarations || []) {
      r.tools.push({ name: f.name, schema: f.parametersJsonSchema || f.parameters });
    }
    const last = (body.contents || []).at(-1) || {};
    const parts = last.parts || [];
    const fr = parts.filter((p) => p.functionResponse || p.function_response);
    r.lastIsToolResult = fr.length > 0;
    r.toolResult = fr.map((p) => JSON.stringify((p.functionResponse || p.function_response).response)).join(' | ');
    r.prompt = parts.map((p) => p.text || '').join(' ');
    r.image = parts.some((p) => p.inlineData || p.inline_data || p.fileData);
    const gc = body.generationConfig || body.generation_config || {};
    r.json = (gc.responseMimeType || gc.response_mime_type) === 'application/json';
    r.schema = gc.responseJsonSchema || gc.responseSchema || gc.response_schema || null;
    r.thinking = !!(gc.thinkingConfig || gc.thinking_config)?.includeThoughts;
  } else if (kind === 'codex') {
    r.tools = (body.tools || []).filter((t) => t.name).map((t) => ({ name: t.name, schema: t.parameters, type: t.type }));
    const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : (body.input || []);
    const last = input.at(-1) || {};
    r.lastIsToolResult = last.type === 'function_call_output' || last.type === 'custom_tool_call_output';
    r.toolResult = r.lastIsToolResult ? (typeof last.output === 'string' ? last.output : JSON.stringify(last.output)) : '';
    r.prompt = textOf(last.content);
    r.image = hasImage(last.content);
    const fmt = body.text?.format;
    if (fmt?.type === 'json_schema') { r.schema = fmt.schema; r.json = true; }
    if (fmt?.type === 'json_object') r.json = true;
    r.thinking = !!body.reasoning?.summary || (body.include || []).includes('reasoning.encrypted_content');
  } else {
    r.tools = (body.tools || []).filter((t) => t.function).map((t) => ({ name: t.function.name, schema: t.function.parameters }));
    const last = (body.messages || []).at(-1) || {};
    r.lastIsToolResult = last.role === 'tool';
    r.toolResult = textOf(last.content);
    r.prompt = textOf(last.content);
    r.image = hasImage(last.content);
    const fmt = body.response_format;
    if (fmt?.type === 'json_schema') { r.schema = fmt.json_schema?.schema; r.json = true; }
    if (fmt?.type === 'json_object') r.json = true;
    r.thinking = !!body.reasoning_effort;
  }
  return r;
}

// The tool the request forces (tool_choice / toolConfig), '*' for any tool, or null.
function forcedTool(kind, body) {
  const c = body.tool_choice;
  if (kind === 'claude') return c?.type === 'tool' ? c.name : c?.type === 'any' ? '*' : null;
  if (kind === 'gemini') {
    const f = (body.toolConfig || body.tool_config)?.functionCallingConfig;
    if (f?.mode !== 'ANY') return null;
    return f.allowedFunctionNames?.length === 1 ? f.allowedFunctionNames[0] : '*';
  }
  if (c === 'required') return '*';
  return c?.type === 'function' ? (c.name || c.function?.name) : null;
}

// A small instance of a JSON schema: first enum value, every property, one array item.
function instance(schema, root = schema, depth = 0) {
  if (!schema || depth > 8) return 'example';
  if (schema.$ref) {
    const path = schema.$ref.replace(/^#\//, '').split('/');
    return instance(path.reduce((o, k) => o?.[k], root), root, depth + 1);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alt = schema.anyOf || schema.oneOf || schema.allOf;
  if (alt) return instance(alt.find((s) => s.type !== 'null') || alt[0], root, depth + 1);
  let type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  type = typeof type === 'string' ? type.toLowerCase() : (schema.properties ? 'object' : 'string');
  switch (type) {
    case 'object': {
      const o = {};
      for (const [k, v] of Object.entries(schema.properties || {})) o[k] = instance(v, root, depth + 1);
      return o;
    }
    case 'array': return [instance(schema.items || {}, root, depth + 1)];
    case 'integer': return 1;
    case 'number': return 1.5;
    case 'boolean': return true;
    default: return 'example';
  }
}

function argsFor(tool, city) {
  const props = tool.schema?.properties || {};
  if ('city' in props) return { city };
  if ('location' in props) return { location: city };
  return instance(tool.schema || { type: 'object' });
}

function decide(kind, body, req) {
  const a = { thinking: req.thinking ? 'Let me think about this step by step.' : null, text: null, calls: [] };
  const call = /CALL (\S+) (\{.*\})/s.exec(req.prompt);
  if (req.lastIsToolResult) {
    a.text = 'Tool result: ' + req.toolResult.replace(/\s+/g, ' ').slice(0, 200);
  } else if (call && req.tools.some((t) => t.name === call[1])) {
    const tool = req.tools.find((t) => t.name === call[1]);
    let args;
    try { args = JSON.parse(call[2]); } catch { args = {}; }
    a.calls.push({ name: call[1], args, custom: tool.type === 'custom' });
  } else if (req.forced && req.tools.length) {
    const tool = req.tools.find((t) => t.name === req.forced) || req.tools[0];
    a.calls.push({ name: tool.name, args: argsFor(tool, 'Rome') });
  } else if (req.tools.length && /parallel/i.test(req.prompt)) {
    a.calls.push({ name: req.tools[0].name, args: argsFor(req.tools[0], 'Paris') });
    a.calls.push({ name: req.tools[0].name, args: argsFor(req.tools[0], 'Rome') });
  } else if (req.tools.length && /weather/i.test(req.prompt)) {
    a.calls.push({ name: req.tools[0].name, args: argsFor(req.tools[0], 'Rome') });
  } else if (req.schema) {
    a.text = JSON.stringify(instance(req.schema));
  } else if (req.json) {
    a.text = JSON.stringify({ answer: 'hello', from: kind });
  } else if (req.image) {
    a.text = `I see an image. Hello from ${kind}!`;
  } else {
    a.text = `Hello from ${kind}! You said: ${req.prompt.replace(/\s+/g, ' ').slice(0, 60)}`;
  }
  for (const c of a.calls) c.id = kind === 'claude' ? rid('toolu_01', 22) : kind === 'codex' ? rid('call_', 24) : rid('call_', 24);
  a.usage = { input: estimate(body), output: 12 + (a.text ? a.text.length >> 2 : 0) + a.calls.length * 15, reasoning: a.thinking ? 9 : 0 };
  return a;
}

// Pieces of a string, as upstreams stream them.
const pieces = (s, n = 3) => {
  if (!s) return [];
  const chars = [...s]; // code points: an emoji is never split across two deltas
  const size = Math.max(1, Math.ceil(chars.length / n));
  const out = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
};
const SIG = 'EqQBCkgIBhABGAIiQL3Xf0c2FakeSignature0x8f3e1ZmFrZS1zaWduYXR1cmU=';

// ---------------------------------------------------------------------------------------------------------------
// Anthropic Messages
// ---------------------------------------------------------------------------------------------------------------

function claudeMessage(model, a) {
  const content = [];
  if (a.thinking) content.push({ type: 'thinking', thinking: a.thinking, signature: SIG });
  if (a.text) content.push({ type: 'text', text: a.text });
  for (const c of a.calls) content.push({ type: 'tool_use', id: c.id, name: c.name, input: c.args });
  return {
    id: rid('msg_01', 22), type: 'message', role: 'assistant', model, content,
    stop_reason: a.calls.length ? 'tool_use' : 'end_turn', stop_sequence: null,
    usage: { input_tokens: a.usage.input, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: a.usage.output, service_tier: 'standard' },
  };
}

function claudeStream(model, a, m = claudeMessage(model, a)) {
  const ev = [];
  const e = (type, data) => ev.push(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  e('message_start', { message: { ...m, content: [], stop_reason: null, usage: { ...m.usage, output_tokens: 1 } } });
  m.content.forEach((b, index) => {
    if (b.type === 'thinking') {
      e('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      for (const p of pieces(b.thinking)) e('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: p } });
      e('content_block_delta', { index, delta: { type: 'signature_delta', signature: b.signature } });
    } else if (b.type === 'text') {
      e('content_block_start', { index, content_block: { type: 'text', text: '' } });
      if (index === 0) ev.push('event: ping\ndata: {"type": "ping"}\n\n');
      for (const p of pieces(b.text)) e('content_block_delta', { index, delta: { type: 'text_delta', text: p } });
    } else {
      e('content_block_start', { index, content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} } });
      e('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: '' } });
      for (const p of pieces(JSON.stringify(b.input))) e('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: p } });
    }
    e('content_block_stop', { index });
  });
  e('message_delta', { delta: { stop_reason: m.stop_reason, stop_sequence: null }, usage: { output_tokens: m.usage.output_tokens } });
  e('message_stop', {});
  return ev;
}

function claudeError(status, type, message) {
  return { type: 'error', error: { type, message }, request_id: rid('req_011', 22) };
}

// ---------------------------------------------------------------------------------------------------------------
// Gemini generateContent
// ---------------------------------------------------------------------------------------------------------------

function geminiParts(a) {
  const parts = [];
  if (a.thinking) parts.push({ text: a.thinking, thought: true });
  if (a.text) parts.push(a.thinking ? { text: a.text, thoughtSignature: SIG } : { text: a.text });
  a.calls.forEach((c, i) => parts.push(i === 0 ? { functionCall: { name: c.name, args: c.args }, thoughtSignature: SIG } : { functionCall: { name: c.name, args: c.args } }));
  return parts;
}

function geminiUsage(a) {
  const u = { promptTokenCount: a.usage.input, candidatesTokenCount: a.usage.output, totalTokenCount: a.usage.input + a.usage.output + a.usage.reasoning, promptTokensDetails: [{ modality: 'TEXT', tokenCount: a.usage.input }] };
  if (a.usage.reasoning) u.thoughtsTokenCount = a.usage.reasoning;
  return u;
}

function geminiResponse(model, a) {
  return {
    candidates: [{ content: { parts: geminiParts(a), role: 'model' }, finishReason: 'STOP', index: 0 }],
    usageMetadata: geminiUsage(a), modelVersion: model, responseId: rid('', 22),
  };
}

function geminiStream(model, a) {
  const id = rid('', 22);
  const chunk = (parts, last) => `data: ${JSON.stringify({
    candidates: [{ content: { parts, role: 'model' }, ...(last ? { finishReason: 'STOP' } : {}), index: 0 }],
    usageMetadata: last ? geminiUsage(a) : { promptTokenCount: a.usage.input, totalTokenCount: a.usage.input },
    modelVersion: model, responseId: id,
  })}\r\n\r\n`;
  const out = [];
  const parts = geminiParts(a);
  const texts = [];
  for (const p of parts) {
    if (p.text !== undefined && !p.thought) {
      const ps = pieces(p.text);
      ps.forEach((t, i) => texts.push(i === ps.length - 1 && p.thoughtSignature ? { text: t, thoughtSignature: p.thoughtSignature } : { text: t }));
    } else if (p.thought) {
      out.push(chunk([p], false));
    }
  }
  const calls = parts.filter((p) => p.functionCall);
  texts.forEach((t, i) => out.push(chunk([t], i === texts.length - 1 && !calls.length)));
  if (calls.length) out.push(chunk(calls, true));
  if (!texts.length && !calls.length) out.push(chunk([{ text: '' }], true));
  return out;
}

function geminiError(status, statusText, message) {
  return { error: { code: status, message, status: statusText } };
}

// ---------------------------------------------------------------------------------------------------------------
// OpenAI Responses
// ---------------------------------------------------------------------------------------------------------------

function responsesOutput(a) {
  const out = [];
  if (a.thinking) out.push({ id: rid('rs_', 48), type: 'reasoning', summary: [{ type: 'summary_text', text: a.thinking }], encrypted_content: 'gAAAAAB' + SIG });
  if (a.text) out.push({ id: rid('msg_', 48), type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: a.text, annotations: [], logprobs: [] }] });
  for (const c of a.calls) {
    out.push(c.custom
      ? { id: rid('ctc_', 48), type: 'custom_tool_call', status: 'completed', call_id: c.id, name: c.name, input: c.args.input ?? JSON.stringify(c.args) }
      : { id: rid('fc_', 48), type: 'function_call', status: 'completed', arguments: JSON.stringify(c.args), call_id: c.id, name: c.name });
  }
  return out;
}

function responsesObject(model, body, a, output, status) {
  return {
    id: rid('resp_', 48), object: 'response', created_at: Math.floor(Date.now() / 1000), status,
    background: false, error: null, incomplete_details: null, instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null, model, output, parallel_tool_calls: true,
    previous_response_id: null, reasoning: { effort: body.reasoning?.effort ?? null, summary: body.reasoning?.summary ?? null },
    store: body.store ?? true, temperature: 1.0, text: body.text ?? { format: { type: 'text' } }, tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [], top_p: 1.0, truncation: 'disabled',
    usage: status === 'completed' ? {
      input_tokens: a.usage.input, input_tokens_details: { cached_tokens: 0 },
      output_tokens: a.usage.output + a.usage.reasoning, output_tokens_details: { reasoning_tokens: a.usage.reasoning },
      total_tokens: a.usage.input + a.usage.output + a.usage.reasoning,
    } : null,
    user: null, metadata: {},
  };
}

function responsesStream(model, body, a) {
  const final = responsesObject(model, body, a, responsesOutput(a), 'completed');
  const pending = { ...final, status: 'in_progress', output: [], usage: null };
  let seq = 0;
  const ev = [];
  const e = (type, data) => ev.push(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: seq++, ...data })}\n\n`);
  e('response.created', { response: pending });
  e('response.in_progress', { response: pending });
  final.output.forEach((item, output_index) => {
    if (item.type === 'reasoning') {
      e('response.output_item.added', { output_index, item: { ...item, summary: [], encrypted_content: undefined } });
      e('response.reasoning_summary_part.added', { item_id: item.id, output_index, summary_index: 0, part: { type: 'summary_text', text: '' } });
      for (const p of pieces(item.summary[0].text)) e('response.reasoning_summary_text.delta', { item_id: item.id, output_index, summary_index: 0, delta: p });
      e('response.reasoning_summary_text.done', { item_id: item.id, output_index, summary_index: 0, text: item.summary[0].text });
      e('response.reasoning_summary_part.done', { item_id: item.id, output_index, summary_index: 0, part: item.summary[0] });
    } else if (item.type === 'message') {
      const text = item.content[0].text;
      e('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', content: [] } });
      e('response.content_part.added', { item_id: item.id, output_index, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
      for (const p of pieces(text)) e('response.output_text.delta', { item_id: item.id, output_index, content_index: 0, delta: p, logprobs: [] });
      e('response.output_text.done', { item_id: item.id, output_index, content_index: 0, text, logprobs: [] });
      e('response.content_part.done', { item_id: item.id, output_index, content_index: 0, part: item.content[0] });
    } else if (item.type === 'function_call') {
      e('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', arguments: '' } });
      for (const p of pieces(item.arguments)) e('response.function_call_arguments.delta', { item_id: item.id, output_index, delta: p });
      e('response.function_call_arguments.done', { item_id: item.id, output_index, arguments: item.arguments });
    } else {
      e('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', input: '' } });
      for (const p of pieces(item.input)) e('response.custom_tool_call_input.delta', { item_id: item.id, output_index, delta: p });
      e('response.custom_tool_call_input.done', { item_id: item.id, output_index, input: item.input });
    }
    e('response.output_item.done', { output_index, item });
  });
  e('response.completed', { response: final });
  return ev;
}

// ---------------------------------------------------------------------------------------------------------------
// OpenAI Chat Completions
// ---------------------------------------------------------------------------------------------------------------

function chatUsage(a) {
  return {
    prompt_tokens: a.usage.input, completion_tokens: a.usage.output + a.usage.reasoning, total_tokens: a.usage.input + a.usage.output + a.usage.reasoning,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: a.usage.reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function chatCompletion(model, a) {
  const message = { role: 'assistant', content: a.text, refusal: null, annotations: [] };
  if (a.thinking) message.reasoning_content = a.thinking;
  if (a.calls.length) message.tool_calls = a.calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args) } }));
  return {
    id: rid('chatcmpl-', 29), object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: a.calls.length ? 'tool_calls' : 'stop' }],
    usage: chatUsage(a), service_tier: 'default', system_fingerprint: 'fp_fake0001',
  };
}

function chatStream(model, body, a) {
  const base = { id: rid('chatcmpl-', 29), object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, service_tier: 'default', system_fingerprint: 'fp_fake0001' };
  const ev = [];
  const c = (delta, finish = null) => ev.push(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`);
  c({ role: 'assistant', content: '', refusal: null });
  if (a.thinking) for (const p of pieces(a.thinking)) c({ reasoning_content: p });
  if (a.text) for (const p of pieces(a.text)) c({ content: p });
  a.calls.forEach((call, index) => {
    c({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] });
    for (const p of pieces(JSON.stringify(call.args))) c({ tool_calls: [{ index, function: { arguments: p } }] });
  });
  c({}, a.calls.length ? 'tool_calls' : 'stop');
  if (body.stream_options?.include_usage) ev.push(`data: ${JSON.stringify({ ...base, choices: [], usage: chatUsage(a) })}\n\n`);
  ev.push('data: [DONE]\n\n');
  return ev;
}

function openaiError(status, type, code, message) {
  return { error: { message, type, param: null, code } };
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------------------------

function sendJson(res, status, obj, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(obj));
}

async function sendSse(res, events) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  // Each event goes out in two writes split inside it (inside a multi-byte character when it has one), as TCP
  // may deliver it: the proxy must reassemble bytes, not assume one read per event or per character.
  for (const e of events) {
    const bytes = Buffer.from(e, 'utf8');
    let cut = bytes.findIndex((b) => b >= 0x80);
    cut = cut > 0 ? cut + 1 : bytes.length >> 1;
    res.write(bytes.subarray(0, cut));
    await new Promise((r) => setTimeout(r, 1));
    res.write(bytes.subarray(cut));
    await new Promise((r) => setTimeout(r, 1));
  }
  res.end();
}

function keyOf(kind, req, url) {
  if (kind === 'claude') return req.headers['x-api-key'] || (req.headers.authorization || '').replace(/^Bearer /, '');
  if (kind === 'gemini') return req.headers['x-goog-api-key'] || url.searchParams.get('key');
  return (req.headers.authorization || '').replace(/^Bearer /, '');
}

// A stream that starts answering, then fails the way each API reports an error after the first byte.
function midstream(kind, model, body, a) {
  const cut = (events, n) => events.slice(0, n);
  if (kind === 'claude') return [...cut(claudeStream(model, a), 3), `event: error\ndata: ${JSON.stringify(claudeError(529, 'overloaded_error', 'Overloaded'))}\n\n`];
  if (kind === 'gemini') return [...cut(geminiStream(model, a), 1), `data: ${JSON.stringify(geminiError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'))}\r\n\r\n`];
  if (kind === 'codex') {
    const ev = cut(responsesStream(model, body, a), 4);
    return [...ev, `event: response.failed\ndata: ${JSON.stringify({ type: 'response.failed', sequence_number: 4, response: { id: 'resp_failed', object: 'response', status: 'failed', model, output: [], error: { code: 'server_error', message: 'The model is overloaded.' } } })}\n\n`];
  }
  return [...cut(chatStream(model, body, a), 2), `data: ${JSON.stringify(openaiError(500, 'server_error', null, 'The model is overloaded.'))}\n\n`];
}

function serverError(kind) {
  if (kind === 'claude') return claudeError(500, 'api_error', 'Internal server error');
  if (kind === 'gemini') return geminiError(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting');
  return openaiError(500, 'server_error', null, 'The server had an error while processing your request. Sorry about that!');
}

function errorFor(kind, status, message) {
  const retry = { 'retry-after': '7' };
  if (kind === 'claude') return status === 429 ? [claudeError(429, 'rate_limit_error', message), retry] : [claudeError(status, 'authentication_error', message), {}];
  if (kind === 'gemini') return status === 429 ? [geminiError(429, 'RESOURCE_EXHAUSTED', message), retry] : [geminiError(401, 'UNAUTHENTICATED', message), {}];
  return status === 429 ? [openaiError(429, 'rate_limit_exceeded', 'rate_limit_exceeded', message), retry] : [openaiError(401, 'invalid_request_error', 'invalid_api_key', message), {}];
}

// The checks the real APIs make first, answered with their 400 bodies: shapes, tool call / result pairing,
// signatures (only ours are valid), Claude's thinking rules and Gemini's OpenAPI schema subset.
const GEMINI_SCHEMA_KEYS = new Set(['type', 'format', 'title', 'description', 'nullable', 'enum', 'maxItems', 'minItems',
  'properties', 'required', 'minProperties', 'maxProperties', 'minLength', 'maxLength', 'pattern', 'example', 'anyOf',
  'propertyOrdering', 'default', 'items', 'minimum', 'maximum']);

function geminiSchemaProblem(schema, path) {
  if (!schema || typeof schema !== 'object') return null;
  for (const [k, v] of Object.entries(schema)) {
    if (!GEMINI_SCHEMA_KEYS.has(k)) return `Invalid JSON payload received. Unknown name "${k}" at '${path}': Cannot find field.`;
    if (k === 'properties') for (const [pk, pv] of Object.entries(v)) { const e = geminiSchemaProblem(pv, `${path}.properties[${pk}]`); if (e) return e; }
    if (k === 'items') { const e = geminiSchemaProblem(v, `${path}.items`); if (e) return e; }
    if (k === 'anyOf') for (const [i, a] of v.entries()) { const e = geminiSchemaProblem(a, `${path}.anyOf[${i}]`); if (e) return e; }
  }
  return null;
}

function validateClaude(body) {
  const bad = (m) => claudeError(400, 'invalid_request_error', m);
  if (!Array.isArray(body.messages)) return bad('messages: Input should be a valid list');
  if (typeof body.max_tokens !== 'number') return bad('max_tokens: Field required');
  const thinking = body.thinking?.type === 'enabled';
  if (thinking && body.max_tokens <= body.thinking.budget_tokens) return bad('`max_tokens` must be greater than `thinking.budget_tokens`');
  if (thinking && body.temperature !== undefined && body.temperature !== 1) return bad('`temperature` may only be set to 1 when thinking is enabled');
  const msgs = body.messages;
  for (const [i, m] of msgs.entries()) {
    if (!['user', 'assistant', 'system'].includes(m.role)) return bad(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    const blocks = Array.isArray(m.content) ? m.content : [];
    for (const b of blocks) {
      if (b.type === 'tool_use' && !/^[a-zA-Z0-9_-]+$/.test(b.id)) return bad(`messages.${i}.content: tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'`);
      if (b.type === 'thinking' && b.signature !== SIG) return bad(`messages.${i}.content: Invalid \`signature\` in \`thinking\` block`);
    }
    const uses = blocks.filter((b) => b.type === 'tool_use').map((b) => b.id);
    if (m.role === 'assistant' && uses.length) {
      const next = msgs[i + 1];
      const results = (Array.isArray(next?.content) ? next.content : []).filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id);
      if (next && uses.some((id) => !results.includes(id))) return bad(`messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${uses.filter((id) => !results.includes(id)).join(', ')}`);
      if (thinking && i === msgs.length - 2 && !['thinking', 'redacted_thinking'].includes(blocks[0]?.type)) {
        return bad(`messages.${i}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${blocks[0]?.type}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block.`);
      }
    }
    if (m.role === 'user') {
      const prev = msgs[i - 1];
      const prevUses = prev?.role === 'assistant' && Array.isArray(prev.content) ? prev.content.filter((b) => b.type === 'tool_use').map((b) => b.id) : [];
      for (const b of blocks) if (b.type === 'tool_result' && !prevUses.includes(b.tool_use_id)) return bad(`messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${b.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`);
    }
  }
  return null;
}

function validateGemini(body) {
  const bad = (m) => geminiError(400, 'INVALID_ARGUMENT', m);
  if (!Array.isArray(body.contents) || !body.contents.length) return bad('* GenerateContentRequest.contents: contents is not specified');
  if (body.contents.some((c) => !Array.isArray(c.parts) || !c.parts.length)) return bad('* GenerateContentRequest.contents: contents.parts must not be empty.');
  for (const [i, t] of (body.tools || []).entries()) {
    for (const [j, f] of (t.functionDeclarations || []).entries()) {
      if (!/^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/.test(f.name)) return bad(`* GenerateContentRequest.tools[${i}].function_declarations[${j}].name: Invalid function name.`);
      const e = geminiSchemaProblem(f.parameters, `tools[${i}].function_declarations[${j}].parameters`);
      if (e) return bad(e);
    }
  }
  for (const [i, c] of body.contents.entries()) {
    for (const p of c.parts) if (p.thoughtSignature && ![SIG, 'skip_thought_signature_validator', 'context_engineering_is_the_way_to_go'].includes(p.thoughtSignature)) return bad(`Corrupted thought signature in contents[${i}].`);
    const calls = c.parts.filter((p) => p.functionCall).length;
    if (calls && c.role === 'model') {
      const next = body.contents[i + 1];
      const responses = next ? next.parts.filter((p) => p.functionResponse).length : calls;
      if (responses !== calls) return bad('Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.');
    }
  }
  return null;
}

function validateChat(body) {
  const bad = (m, param = 'messages') => ({ error: { message: m, type: 'invalid_request_error', param, code: null } });
  if (!Array.isArray(body.messages)) return bad("Invalid type for 'messages': expected an array of objects, but got a string instead.");
  const open = new Set();
  for (const [i, m] of body.messages.entries()) {
    if (m.role === 'assistant') { open.clear(); for (const c of m.tool_calls || []) open.add(c.id); }
    if (m.role === 'tool' && !open.has(m.tool_call_id)) return bad(`Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.`, `messages.[${i}].role`);
    if (m.role !== 'tool' && m.role !== 'assistant' && open.size && body.messages[i - 1]?.role !== 'tool' ) return bad("An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'.");
  }
  return null;
}

function validateResponses(body) {
  const bad = (m, param = 'input') => ({ error: { message: m, type: 'invalid_request_error', param, code: null } });
  if (typeof body.input !== 'string' && !Array.isArray(body.input)) return { error: { message: "Invalid type for 'input'.", type: 'invalid_request_error', param: 'input', code: 'invalid_type' } };
  if (!Array.isArray(body.input)) return null;
  const calls = new Set(body.input.filter((x) => x.type === 'function_call' || x.type === 'custom_tool_call').map((x) => x.call_id));
  for (const x of body.input) {
    if ((x.type === 'function_call_output' || x.type === 'custom_tool_call_output') && !calls.has(x.call_id)) return bad(`No tool call found for function call output with call_id ${x.call_id}.`);
    if (x.type === 'reasoning' && x.encrypted_content && x.encrypted_content !== 'gAAAAAB' + SIG) return bad('The encrypted content for item could not be verified.');
  }
  return null;
}

function validate(kind, body, url) {
  if (kind === 'claude' && url.pathname.endsWith('count_tokens')) return validateClaude({ max_tokens: 1, ...body });
  if (url.pathname.endsWith(':countTokens')) return null;
  if (kind === 'claude') return validateClaude(body);
  if (kind === 'gemini') return validateGemini(body);
  if (kind === 'codex') return validateResponses(body);
  return validateChat(body);
}

const threads = new Map(); // Claude message threads: reply id -> conversation so far

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const url = new URL(req.url, 'http://fake');
    const kind = url.pathname.split('/')[1];
    let body = {};
    try { body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}; } catch { return sendJson(res, 400, { error: { message: 'bad json' } }); }
    if (logFile) fs.appendFileSync(logFile, JSON.stringify({ kind, method: req.method, path: url.pathname + url.search, headers: req.headers, body }) + '\n');
    if (!['claude', 'gemini', 'codex', 'compat'].includes(kind)) return sendJson(res, 404, { error: { message: 'no such fake upstream ' + url.pathname } });
    if (!keyOf(kind, req, url)) { const [b] = errorFor(kind, 401, 'missing api key'); return sendJson(res, 401, b); }

    let model = body.model;
    let stream = !!body.stream;
    if (kind === 'gemini') {
      const m = /\/models\/([^:]+):(\w+)/.exec(url.pathname);
      if (!m) return sendJson(res, 404, geminiError(404, 'NOT_FOUND', 'no such method'));
      model = decodeURIComponent(m[1]);
      if (m[2] === 'countTokens') return sendJson(res, 200, { totalTokens: estimate(body), promptTokensDetails: [{ modality: 'TEXT', tokenCount: estimate(body) }] });
      stream = m[2] === 'streamGenerateContent';
    }
    if (kind === 'claude' && body.thread) {
      // message-threads beta: the server keeps each thread; `continue` sends only the new turn
      if (body.thread.type === 'continue') {
        const stored = threads.get(body.thread.previous_message_id);
        if (!stored) return sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'thread not found', details: { error_code: 'thread_not_found' } } });
        body.messages = [...stored, ...body.messages];
      }
    }
    const invalid = validate(kind, body, url);
    if (invalid) return sendJson(res, 400, invalid);
    if (kind === 'claude' && url.pathname.endsWith('/count_tokens')) return sendJson(res, 200, { input_tokens: estimate(body) });
    if (String(model).includes('servererror')) return sendJson(res, 500, serverError(kind));
    if (String(model).includes('ratelimit')) { const [b, h] = errorFor(kind, 429, 'Rate limit reached for requests'); return sendJson(res, 429, b, h); }

    const a = decide(kind, body, inspect(kind, body));
    if (String(model).includes('midstream') && stream) return sendSse(res, midstream(kind, model, body, a));
    if (kind === 'claude') {
      const m = claudeMessage(model, a);
      if (body.thread) threads.set(m.id, [...body.messages, { role: 'assistant', content: m.content }]);
      return stream ? sendSse(res, claudeStream(model, a, m)) : sendJson(res, 200, m, { 'request-id': rid('req_011', 22) });
    }
    if (kind === 'gemini') return stream ? sendSse(res, geminiStream(model, a)) : sendJson(res, 200, geminiResponse(model, a));
    if (kind === 'codex') return stream ? sendSse(res, responsesStream(model, body, a)) : sendJson(res, 200, responsesObject(model, body, a, responsesOutput(a), 'completed'));
    return stream ? sendSse(res, chatStream(model, body, a)) : sendJson(res, 200, chatCompletion(model, a));
  });
});

server.listen(port, '127.0.0.1', () => {
  const p = server.address().port;
  if (process.env.FAKE_PORT_FILE) fs.writeFileSync(process.env.FAKE_PORT_FILE, String(p));
  console.log(`fake upstreams on 127.0.0.1:${p}`);
});
