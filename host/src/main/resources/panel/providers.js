// Provider entries: the upstream key lists (claude-api-key, gemini-api-key, codex-api-key), openai-compatibility
// and the ampcode section, each through its own management endpoints.

import { call } from './api.js';
import { act, errorBox, h, mask, table } from './dom.js';

const SECRET = 'secret';

/** The object lists: their endpoint, the field that names an entry, and the fields edited one by one. */
const LISTS = [
  {
    key: 'claude-api-key', title: 'Claude', id: 'api-key',
    fields: [['api-key', 'API key', SECRET], ['base-url', 'Base URL'], ['proxy-url', 'Proxy URL'], ['prefix', 'Prefix'],
      ['priority', 'Priority', 'number'], ['weight', 'Weight', 'number']],
  },
  {
    key: 'gemini-api-key', title: 'Gemini', id: 'api-key',
    fields: [['api-key', 'API key', SECRET], ['base-url', 'Base URL'], ['proxy-url', 'Proxy URL'], ['prefix', 'Prefix'],
      ['priority', 'Priority', 'number'], ['weight', 'Weight', 'number']],
  },
  {
    key: 'codex-api-key', title: 'Codex', id: 'api-key',
    fields: [['api-key', 'API key', SECRET], ['base-url', 'Base URL'], ['proxy-url', 'Proxy URL'], ['prefix', 'Prefix'],
      ['priority', 'Priority', 'number'], ['weight', 'Weight', 'number']],
  },
  {
    key: 'openai-compatibility', title: 'OpenAI-compatible', id: 'name',
    fields: [['name', 'Name'], ['base-url', 'Base URL'], ['prefix', 'Prefix'], ['priority', 'Priority', 'number']],
  },
];
const TABS = [...LISTS.map((l) => ({ id: l.key, title: l.title })), { id: 'ampcode', title: 'Amp' }];

let selected = LISTS[0].key;

function field(name, label, type, value) {
  const input = h('input', {
    id: `field-${name}`, name, type: type === 'number' ? 'number' : type === SECRET ? 'password' : 'text',
    value: value ?? '', autocomplete: 'off', spellcheck: 'false',
  });
  return h('div', { class: 'field' }, h('label', { for: `field-${name}` }, label), input);
}

/** The editor of one entry (existing, or a new one when `index` is -1). */
function editor(list, entries, index, done) {
  const entry = index >= 0 ? entries[index] : {};
  const rest = Object.fromEntries(Object.entries(entry)
    .filter(([k]) => k !== 'auth-index' && !list.fields.some(([name]) => name === k)));
  const json = h('textarea', {
    id: 'field-more', rows: 8, spellcheck: 'false', class: 'code',
    placeholder: list.key === 'openai-compatibility'
      ? '{"api-key-entries": [{"api-key": "sk-..."}], "models": [{"name": "upstream-name", "alias": "client-name"}]}'
      : '{"models": [{"name": "upstream-name", "alias": "client-name"}], "excluded-models": [], "headers": {}}',
  });
  json.value = Object.keys(rest).length ? JSON.stringify(rest, null, 2) : '';
  const problem = h('p', { class: 'error', role: 'alert', hidden: true });
  const form = h('form', { class: 'card editor', id: 'entry-editor' },
    h('h3', {}, index >= 0 ? `Edit ${list.title} entry` : `New ${list.title} entry`),
    h('div', { class: 'fields' }, list.fields.map(([name, label, type]) => field(name, label, type, entry[name]))),
    h('div', { class: 'field' }, h('label', { for: 'field-more' }, 'More settings (JSON object: models, headers, '
      + 'excluded-models, api-key-entries…)'), json),
    problem,
    h('div', { class: 'button-row' }, h('button', { type: 'submit' }, 'Save'),
      h('button', { type: 'button', class: 'ghost', onclick: () => form.remove() }, 'Cancel')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    problem.hidden = true;
    let value;
    try {
      value = json.value.trim() ? JSON.parse(json.value) : {};
      if (typeof value !== 'object' || Array.isArray(value) || value === null) {
        throw new Error('it must be a JSON object ({...})');
      }
    } catch (err) {
      problem.textContent = `More settings: ${err.message}`;
      problem.hidden = false;
      return;
    }
    for (const [name, , type] of list.fields) {
      const raw = form.elements[name].value.trim();
      if (raw !== '') {
        value[name] = type === 'number' ? Number(raw) : raw;
      }
    }
    if (!value[list.id]) {
      problem.textContent = `${list.fields.find(([n]) => n === list.id)[1]} is required.`;
      problem.hidden = false;
      return;
    }
    const save = index >= 0
      ? () => call('PATCH', `/${list.key}`, { json: { index, value: withRemovals(entry, value) } })
      : () => call('PUT', `/${list.key}`, { json: [...entries.map(withoutIndex), value] });
    act(form.querySelector('button[type=submit]'), save, 'Saved to the config file.').then((ok) => ok && done());
  });
  return form;
}

/** The PATCH value: the new fields, and null for each field the edit removed. */
function withRemovals(old, value) {
  const out = { ...value };
  for (const k of Object.keys(old)) {
    if (k !== 'auth-index' && !(k in value)) {
      out[k] = null;
    }
  }
  return out;
}

function withoutIndex(entry) {
  const { 'auth-index': _ignored, ...rest } = entry;
  return rest;
}

function count(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

async function renderList(list, body, refresh) {
  const { [list.key]: entries = [] } = await call('GET', `/${list.key}`);
  const slot = h('div');
  const add = h('button', {
    type: 'button', id: 'add-entry',
    onclick: () => { slot.replaceChildren(editor(list, entries, -1, refresh)); },
  }, `Add ${list.title} entry`);
  const summary = (e) => list.id === 'name'
    ? [e.name, e['base-url'] || '—', count((e['api-key-entries'] || e['api-keys'] || []).length, 'key'),
      count((e.models || []).length, 'model')]
    : [h('code', {}, mask(e['api-key'])), e['base-url'] || 'default', e.prefix || '—',
      e.models ? count(e.models.length, 'model') : 'catalogue'];
  const headings = list.id === 'name' ? ['Name', 'Base URL', 'Keys', 'Models', ''] : ['API key', 'Base URL', 'Prefix', 'Models', ''];
  body.append(h('div', { class: 'toolbar' }, h('p', { class: 'muted' }, `${entries.length} ${list.key} entries.`), add),
    slot, table(headings, entries.map((e, i) => [...summary(e), h('div', { class: 'button-row' },
      h('button', {
        type: 'button', class: 'small-button ghost',
        onclick: () => { slot.replaceChildren(editor(list, entries, i, refresh)); slot.scrollIntoView({ block: 'nearest' }); },
      }, 'Edit'),
      h('button', {
        type: 'button', class: 'small-button danger',
        onclick: (ev) => {
          if (window.confirm(`Delete this ${list.title} entry (${list.id === 'name' ? e.name : mask(e['api-key'])})?`)) {
            act(ev.currentTarget, () => call('DELETE', `/${list.key}`, { query: { index: i } }), 'Entry deleted.')
              .then(refresh);
          }
        },
      }, 'Delete'))]), `No ${list.key} entries.`));
}

/** A list of the ampcode section: add (PATCH) and delete (DELETE with the keys). */
function ampList(title, name, idField, entries, columns, refresh) {
  const inputs = columns.map(([key, label]) => h('input', { name: key, placeholder: label, 'aria-label': label }));
  const form = h('form', {
    class: 'inline-form',
    onsubmit: (e) => {
      e.preventDefault();
      const item = {};
      columns.forEach(([key, , list], i) => {
        const v = inputs[i].value.trim();
        item[key] = list ? v.split(',').map((s) => s.trim()).filter(Boolean) : v;
      });
      if (!item[idField]) {
        inputs[0].focus();
        return;
      }
      act(form.querySelector('button'), () => call('PATCH', `/ampcode/${name}`, { json: { value: [item] } }), 'Saved.')
        .then((ok) => ok && refresh());
    },
  }, inputs, h('button', { type: 'submit' }, 'Add'));
  return h('section', {}, h('h3', {}, title), form, table([...columns.map(([, label]) => label), ''],
    entries.map((e) => [...columns.map(([key, , list, secret]) => {
      const v = list ? (e[key] || []).join(', ') : e[key];
      return secret ? h('code', {}, mask(v)) : v || '—';
    }),
    h('button', {
      type: 'button', class: 'small-button danger',
      onclick: (ev) => act(ev.currentTarget, () => call('DELETE', `/ampcode/${name}`, { json: { value: [e[idField]] } }),
        'Deleted.').then(refresh),
    }, 'Delete')]), 'None.'));
}

async function renderAmp(body, refresh) {
  const { ampcode = {} } = await call('GET', '/ampcode');
  const settings = [['upstream-url', 'Upstream URL', 'text'], ['upstream-api-key', 'Upstream API key', SECRET]];
  const flags = [['restrict-management-to-localhost', 'Amp management routes for this machine only'],
    ['force-model-mappings', 'Apply model mappings before local providers']];
  const form = h('form', { class: 'card editor', id: 'amp-settings' },
    h('div', { class: 'fields' }, settings.map(([name, label, type]) => field(name, label, type, ampcode[name]))),
    flags.map(([name, label]) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name, checked: ampcode[name] }), ` ${label}`)),
    h('div', { class: 'button-row' }, h('button', { type: 'submit' }, 'Save Amp settings')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const changes = [];
    for (const [name] of settings) {
      const v = form.elements[name].value.trim();
      if (v !== (ampcode[name] || '')) {
        changes.push(() => call('PUT', `/ampcode/${name}`, { json: { value: v } }));
      }
    }
    for (const [name] of flags) {
      if (form.elements[name].checked !== Boolean(ampcode[name])) {
        changes.push(() => call('PUT', `/ampcode/${name}`, { json: { value: form.elements[name].checked } }));
      }
    }
    act(form.querySelector('button[type=submit]'), async () => {
      for (const change of changes) {
        await change();
      }
    }, changes.length ? 'Amp settings saved.' : 'Nothing changed.').then(refresh);
  });
  body.append(form,
    ampList('Model mappings', 'model-mappings', 'from', ampcode['model-mappings'] || [],
      [['from', 'Model Amp asks for'], ['to', 'Model served instead']], refresh),
    ampList('Upstream keys per client key', 'upstream-api-keys', 'upstream-api-key', ampcode['upstream-api-keys'] || [],
      [['upstream-api-key', 'Amp upstream key', false, true], ['api-keys', 'Client keys (comma-separated)', true]], refresh));
}

export default {
  id: 'providers',
  title: 'Providers',
  async render(view, refresh) {
    const body = h('div', { class: 'tab-body' });
    view.append(h('div', { class: 'tabs', role: 'tablist' }, TABS.map((t) => h('button', {
      type: 'button', role: 'tab', 'aria-selected': String(t.id === selected), class: t.id === selected ? 'tab active' : 'tab',
      dataset: { tab: t.id },
      onclick: () => { selected = t.id; refresh(); },
    }, t.title))), body);
    try {
      if (selected === 'ampcode') {
        await renderAmp(body, refresh);
      } else {
        await renderList(LISTS.find((l) => l.key === selected), body, refresh);
      }
    } catch (e) {
      body.append(errorBox(e.message));
    }
  },
};
