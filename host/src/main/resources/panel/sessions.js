// OAuth sessions: the signed-in provider accounts (GET /sessions), new logins (POST /oauth/{provider}, then
// GET /get-auth-status?state= until it completes) and sign-outs (DELETE /sessions/{id}).

import { call, missingMessage } from './api.js';
import { act, badge, errorBox, h, notice, table, toast, when } from './dom.js';

const PROVIDERS = [
  { id: 'claude', name: 'Claude' },
  { id: 'codex', name: 'Codex (ChatGPT)' },
  { id: 'gemini-cli', name: 'Gemini CLI' },
];
const POLL_MS = 2000;
const POLL_LIMIT_MS = 10 * 60 * 1000;

function state(s) {
  if (s.disabled) {
    return badge('disabled', 'neutral');
  }
  const status = s.status || 'unknown';
  return badge(status, status === 'active' || status === 'ok' ? 'ok' : status === 'error' ? 'bad' : 'warn');
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** Polls the login until it is done, showing progress in `box`; resolves true when the account was added. */
async function follow(loginState, box, provider) {
  const started = Date.now();
  while (box.isConnected && Date.now() - started < POLL_LIMIT_MS) {
    await sleep(POLL_MS);
    let answer;
    try {
      answer = await call('GET', '/get-auth-status', { query: { state: loginState } });
    } catch (e) {
      box.replaceChildren(errorBox(e.missing ? missingMessage(e, 'Login status') : e.message));
      return false;
    }
    if (answer.status === 'ok') {
      box.replaceChildren(h('div', { class: 'alert ok' }, `${provider.name} login completed.`));
      return true;
    }
    if (answer.status === 'error') {
      box.replaceChildren(errorBox(`${provider.name} login failed: ${answer.error || 'no reason given'}`));
      return false;
    }
  }
  if (box.isConnected) {
    box.replaceChildren(errorBox(`${provider.name} login did not complete within 10 minutes. Start it again.`));
  }
  return false;
}

async function login(provider, button, box, refresh) {
  // Opened now, while the click still counts as the user's, so popup blockers let it through; pointed at the
  // provider once the proxy answers. No opener: the provider's page cannot reach back into this one.
  const tab = window.open('', '_blank');
  if (tab) {
    tab.opener = null;
  }
  button.disabled = true;
  try {
    const started = await call('POST', `/oauth/${provider.id}`);
    if (!started.url || !started.state) {
      throw new Error(`POST /v0/management/oauth/${provider.id} answered without a login URL.`);
    }
    if (tab) {
      tab.location.href = started.url;
    }
    box.replaceChildren(h('div', { class: 'alert info' },
      `Waiting for the ${provider.name} login to complete… `,
      h('a', { href: started.url, target: '_blank', rel: 'noopener noreferrer' }, 'Open the login page'),
      ' if it did not open.'));
    if (await follow(started.state, box, provider)) {
      toast(`${provider.name} account added.`);
      refresh();
    }
  } catch (e) {
    if (tab) {
      tab.close();
    }
    box.replaceChildren(errorBox(e.missing ? missingMessage(e, 'OAuth login') : e.message));
  } finally {
    button.disabled = false;
  }
}

export default {
  id: 'sessions',
  title: 'OAuth sessions',
  async render(view, refresh) {
    const progress = h('div', { id: 'login-progress' });
    view.append(h('div', { class: 'toolbar' }, h('p', { class: 'muted' },
      'Log in with a provider account: its page opens in a new tab; this screen shows when the login completes.'),
    h('div', { class: 'button-row' }, PROVIDERS.map((p) => h('button', {
      type: 'button', class: 'login', dataset: { provider: p.id },
      onclick: (e) => login(p, e.currentTarget, progress, refresh),
    }, `Log in with ${p.name}`)))), progress);

    let sessions;
    try {
      ({ sessions = [] } = await call('GET', '/sessions'));
    } catch (e) {
      view.append(e.missing ? notice(missingMessage(e, 'The list of OAuth sessions')) : errorBox(e.message));
      return;
    }
    view.append(table(['Provider', 'Account', 'File', 'State', 'Expires', 'Last refresh', 'Last error', ''],
      sessions.map((s) => [s.provider, s.email || '—', h('code', {}, s.file || s.id), state(s), when(s.expires_at),
        when(s.last_refresh), s.last_error || '—',
        h('button', {
          type: 'button', class: 'small-button danger',
          onclick: (e) => {
            if (window.confirm(`Sign out ${s.email || s.id} (${s.provider}) and delete its token file?`)) {
              act(e.currentTarget, () => call('DELETE', `/sessions/${encodeURIComponent(s.id)}`), 'Session removed.')
                .then(refresh);
            }
          },
        }, 'Delete')]),
      'No OAuth accounts yet.'));
  },
};
