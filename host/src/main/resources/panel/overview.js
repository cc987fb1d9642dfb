// Overview: requests, errors, tokens and latency since the last usage reset, over time and by provider and model
// (GET /usage), and how many credentials are serving or cooling down (GET /credentials).

import { call } from './api.js';
import { bars, columns } from './charts.js';
import { compact, errorBox, h, number, table } from './dom.js';

function average(counts) {
  const n = Number(counts.total_requests) || 0;
  return n ? Math.round((Number(counts.total_latency_ms) || 0) / n) : 0;
}

function ms(v) {
  return v ? `${number(v)} ms` : '—';
}

function stat(label, value, note, kind = '') {
  return h('div', { class: `stat ${kind}` }, h('div', { class: 'stat-label' }, label),
    h('div', { class: 'stat-value' }, value), note ? h('div', { class: 'stat-note muted' }, note) : null);
}

function lastDays(days, count) {
  const out = [];
  const today = new Date();
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - i);
    const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const c = days[key] || {};
    out.push({ key, label: key.slice(5), counts: c });
  }
  return out;
}

function modelRows(providers) {
  const rows = [];
  for (const [provider, group] of Object.entries(providers)) {
    for (const [model, c] of Object.entries(group.models || {})) {
      rows.push({ provider, model, c });
    }
  }
  return rows.sort((a, b) => b.c.total_requests - a.c.total_requests);
}

export default {
  id: 'overview',
  title: 'Overview',
  async render(view) {
    const [usage, credentials] = await Promise.allSettled([call('GET', '/usage'), call('GET', '/credentials')]);
    if (usage.status === 'rejected') {
      view.append(errorBox(usage.reason.message));
    }
    if (credentials.status === 'rejected') {
      view.append(errorBox(credentials.reason.message));
    }
    const u = usage.status === 'fulfilled' ? usage.value.usage || {} : {};
    const creds = credentials.status === 'fulfilled' ? credentials.value.credentials || [] : [];
    const total = Number(u.total_requests) || 0;
    const failed = Number(u.failure_count) || 0;
    const cooling = creds.filter((c) => c.status === 'cooling').length;

    view.append(h('div', { class: 'stats' },
      stat('Requests', compact(total), `${number(u.success_count)} succeeded`),
      stat('Errors', compact(failed), total ? `${((100 * failed) / total).toFixed(1)}% of requests` : 'none yet',
        failed ? 'warn' : ''),
      stat('Tokens', compact(u.total_tokens), `${compact(u.input_tokens)} in · ${compact(u.output_tokens)} out`),
      stat('Average latency', ms(average(u)), 'arrival to last byte'),
      stat('Credentials', `${creds.length - cooling} / ${creds.length}`, cooling ? `${cooling} cooling down` : 'all serving',
        cooling ? 'warn' : '')));

    const days = lastDays(u.days || {}, 14);
    const hours = Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0'));
    view.append(h('div', { class: 'charts' },
      columns('Requests per day (last 14 days; errors in red)', days.map((d) => ({
        label: d.label, value: Number(d.counts.total_requests) || 0, failed: Number(d.counts.failure_count) || 0,
      }))),
      columns('Tokens per day', days.map((d) => ({ label: d.label, value: Number(d.counts.total_tokens) || 0 }))),
      columns('Requests by hour of day', hours.map((hr) => ({
        label: hr, value: Number((u.requests_by_hour || {})[hr]) || 0,
      })))));

    const providers = u.providers || {};
    const models = modelRows(providers);
    const byModel = {};
    models.forEach((r) => { byModel[r.model] = (byModel[r.model] || 0) + (Number(r.c.total_requests) || 0); });
    view.append(h('div', { class: 'charts' },
      bars('Requests by provider', Object.entries(providers).map(([name, c]) => ({
        label: name, value: Number(c.total_requests) || 0,
        note: c.failure_count ? `(${number(c.failure_count)} failed)` : '',
      }))),
      bars('Requests by model', Object.entries(byModel).map(([label, value]) => ({ label, value })))));

    view.append(h('h2', {}, 'By provider and model'), table(
      ['Provider', 'Model', 'Requests', 'Errors', 'Tokens in', 'Tokens out', 'Avg latency'],
      models.map(({ provider, model, c }) => [provider, model, number(c.total_requests), number(c.failure_count),
        number(c.input_tokens), number(c.output_tokens), ms(average(c))]),
      'No requests yet since the proxy started (or since usage statistics were last reset).'));
  },
};
