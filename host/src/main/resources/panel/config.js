// The config file in an editor: GET /config.yaml, checked as YAML in the browser (js-yaml), then PUT /config.yaml,
// where the server checks it again as a config before it replaces anything.

import { call } from './api.js';
import { h, toast } from './dom.js';

/** Null when `text` parses as a YAML mapping, else what is wrong and where. */
export function yamlProblem(text) {
  if (!window.jsyaml) {
    return null; // the checker did not load: the server's check still applies
  }
  try {
    const doc = window.jsyaml.load(text);
    if (doc !== null && doc !== undefined && (typeof doc !== 'object' || Array.isArray(doc))) {
      return 'The config must be a YAML mapping of keys (like "port: 8317"), not a list or a single value.';
    }
    return null;
  } catch (e) {
    const where = e.mark ? `line ${e.mark.line + 1}, column ${e.mark.column + 1}: ` : '';
    return `Not valid YAML: ${where}${e.reason || e.message}`;
  }
}

export default {
  id: 'config',
  title: 'Config file',
  async render(view, refresh) {
    const original = await call('GET', '/config.yaml', { as: 'text' });
    const editor = h('textarea', {
      id: 'config-editor', class: 'code config-editor', spellcheck: 'false', autocomplete: 'off',
      autocapitalize: 'off', wrap: 'off', 'aria-label': 'config.yaml',
    });
    editor.value = original;
    const status = h('p', { id: 'config-status', class: 'muted', role: 'status' }, 'No changes.');
    const show = (text, kind) => {
      status.textContent = text;
      status.className = kind;
    };
    editor.addEventListener('input', () => {
      show(editor.value === original ? 'No changes.' : 'Unsaved changes.', 'muted');
    });
    const check = () => {
      const problem = yamlProblem(editor.value);
      show(problem || 'Valid YAML.', problem ? 'error' : 'ok');
      return !problem;
    };
    const save = h('button', {
      type: 'button', id: 'save-config',
      onclick: async () => {
        if (!check()) {
          return;
        }
        save.disabled = true;
        try {
          await call('PUT', '/config.yaml', { body: editor.value, contentType: 'application/yaml; charset=utf-8' });
          toast('Config saved and applied.');
          refresh();
        } catch (e) {
          show(`Not saved, the running config stays: ${e.message}`, 'error');
        } finally {
          save.disabled = false;
        }
      },
    }, 'Save');
    view.append(h('p', { class: 'muted' }, 'The whole config.yaml. Saving checks it first; a config the proxy cannot '
      + 'load is refused and the running one stays. The management key and allow-remote are kept as they are.'),
    editor,
    h('div', { class: 'toolbar' }, status, h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'ghost', id: 'validate-config', onclick: check }, 'Validate'),
      h('button', {
        type: 'button', class: 'ghost',
        onclick: () => { editor.value = original; show('Changes discarded.', 'muted'); },
      }, 'Discard changes'),
      save)));
  },
};
