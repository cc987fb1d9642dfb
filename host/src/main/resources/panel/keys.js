// Client keys: the api-keys clients authenticate with (GET/PUT/PATCH/DELETE /api-keys).

import { call } from './api.js';
import { act, h, mask, table } from './dom.js';

/** A random key: "sk-" and 40 characters from the browser's cryptographic generator. */
function generate() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const random = crypto.getRandomValues(new Uint8Array(40));
  return `sk-${Array.from(random, (b) => alphabet[b % alphabet.length]).join('')}`;
}

function keyCell(key) {
  const code = h('code', { class: 'secret' }, mask(key));
  let shown = false;
  const toggle = h('button', {
    type: 'button', class: 'link-button',
    onclick: () => {
      shown = !shown;
      code.textContent = shown ? key : mask(key);
      toggle.textContent = shown ? 'hide' : 'show';
    },
  }, 'show');
  return h('span', { class: 'key-cell' }, code, ' ', toggle);
}

export default {
  id: 'keys',
  title: 'Client keys',
  async render(view, refresh) {
    const { 'api-keys': keys = [] } = await call('GET', '/api-keys');
    const input = h('input', {
      id: 'new-client-key', type: 'text', placeholder: 'a new client key', autocomplete: 'off', spellcheck: 'false',
    });
    const form = h('form', {
      class: 'inline-form',
      onsubmit: (e) => {
        e.preventDefault();
        const key = input.value.trim();
        if (!key) {
          input.focus();
          return;
        }
        if (keys.includes(key)) {
          input.setCustomValidity('This key is already in the list.');
          input.reportValidity();
          return;
        }
        act(form.querySelector('button[type=submit]'), () => call('PUT', '/api-keys', { json: [...keys, key] }),
          'Client key added.').then((ok) => ok && refresh());
      },
    }, h('label', { for: 'new-client-key', class: 'sr-only' }, 'New client key'), input,
    h('button', { type: 'button', class: 'ghost', onclick: () => { input.value = generate(); } }, 'Generate'),
    h('button', { type: 'submit', id: 'add-client-key' }, 'Add key'));
    input.addEventListener('input', () => input.setCustomValidity(''));

    view.append(h('p', { class: 'muted' }, 'Clients send one of these as "Authorization: Bearer <key>" (or x-api-key, '
      + 'x-goog-api-key). With no keys, only callers on this machine are served.'), form);
    view.append(table(['#', 'Key', ''], keys.map((key, i) => [String(i + 1), keyCell(key),
      h('div', { class: 'button-row' },
        h('button', {
          type: 'button', class: 'small-button ghost',
          onclick: (e) => {
            const next = window.prompt('Replace this client key with:', key);
            if (next && next.trim() && next.trim() !== key) {
              act(e.currentTarget, () => call('PATCH', '/api-keys', { json: { index: i, value: next.trim() } }),
                'Client key changed.').then(refresh);
            }
          },
        }, 'Edit'),
        h('button', {
          type: 'button', class: 'small-button danger',
          onclick: (e) => {
            if (window.confirm(`Delete client key ${mask(key)}? Clients using it are refused at once.`)) {
              act(e.currentTarget, () => call('DELETE', '/api-keys', { query: { index: i } }), 'Client key deleted.')
                .then(refresh);
            }
          },
        }, 'Delete'))]),
    'No client keys: only callers on this machine are served.', { id: 'client-keys' }));
  },
};
