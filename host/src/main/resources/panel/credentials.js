// Credentials: every upstream credential's state, its cooldowns per model and last error (GET /credentials),
// and resetting cooldowns (POST /reset-quota).

import { call } from './api.js';
import { act, badge, duration, h, table, when } from './dom.js';

function cooldowns(c) {
  if (!c.cooldowns || !c.cooldowns.length) {
    return '—';
  }
  return h('ul', { class: 'plain' }, c.cooldowns.map((cd) => h('li', {},
    h('strong', {}, cd.model === '*' ? 'all models' : cd.model), ` · ${cd.reason} · ${duration(cd['seconds-left'])} left`,
    cd.error ? h('div', { class: 'muted small' }, cd.error) : null)));
}

function lastError(c) {
  const e = c['last-error'];
  if (!e) {
    return '—';
  }
  return h('div', {}, `${e.status || ''} ${e.kind || ''}`.trim(), h('div', { class: 'muted small' }, e.message),
    h('div', { class: 'muted small' }, when(e.at)));
}

export default {
  id: 'credentials',
  title: 'Credentials',
  async render(view, refresh) {
    const { credentials = [] } = await call('GET', '/credentials');
    const cooling = credentials.filter((c) => c.status === 'cooling').length;
    const resetAll = h('button', {
      type: 'button', id: 'reset-all', disabled: !cooling,
      onclick: (e) => act(e.currentTarget, () => call('POST', '/reset-quota', { json: { all: true } }),
        'Every cooldown was cleared.').then(refresh),
    }, 'Reset all cooldowns');
    view.append(h('div', { class: 'toolbar' },
      h('p', { class: 'muted' }, `${credentials.length} credentials, ${cooling} cooling down. A cooling credential is `
        + 'skipped until its cooldown ends; reset it to use it again at once.'), resetAll));
    view.append(table(['Credential', 'Provider', 'Key', 'Priority / weight', 'State', 'Cooldowns', 'Last error', ''],
      credentials.map((c) => [
        h('span', { class: 'cred-label' }, c.label || c.id),
        c.provider,
        h('code', { class: 'cred-key' }, c.key || '—'),
        `${c.priority ?? 0} / ${c.weight ?? 1}`,
        c.status === 'cooling'
          ? h('div', {}, badge('cooling', 'warn'), h('div', { class: 'muted small' }, `until ${when(c['cooling-until'])}`))
          : badge('active', 'ok'),
        cooldowns(c),
        lastError(c),
        h('button', {
          type: 'button', class: 'small-button ghost reset', disabled: c.status !== 'cooling',
          onclick: (e) => act(e.currentTarget, () => call('POST', '/reset-quota', { json: { 'credential-id': c.id } }),
            `Cooldown of ${c.label || c.id} cleared.`).then(refresh),
        }, 'Reset cooldown'),
      ]),
      'No credentials: add a provider key or an OAuth account.', { id: 'credentials-table' }));
  },
};
