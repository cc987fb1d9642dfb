// Auth files: the JSON token files of auth-dir (GET /auth-files), uploaded (POST, multipart), downloaded
// (GET /auth-files/download, fetched with the key and saved from memory) and deleted (DELETE).

import { call } from './api.js';
import { act, bytes, h, table, when } from './dom.js';

async function download(name) {
  const blob = await call('GET', '/auth-files/download', { query: { name }, as: 'blob' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export default {
  id: 'auth-files',
  title: 'Auth files',
  async render(view, refresh) {
    const { files = [] } = await call('GET', '/auth-files');
    const picker = h('input', { id: 'auth-file-input', type: 'file', accept: '.json,application/json', multiple: true });
    const upload = h('button', { type: 'submit', id: 'upload-auth-file' }, 'Upload');
    const form = h('form', {
      class: 'inline-form',
      onsubmit: (e) => {
        e.preventDefault();
        if (!picker.files.length) {
          picker.focus();
          return;
        }
        const data = new FormData();
        for (const f of picker.files) {
          data.append('file', f, f.name);
        }
        act(upload, () => call('POST', '/auth-files', { body: data }),
          `${picker.files.length === 1 ? picker.files[0].name : `${picker.files.length} files`} uploaded.`)
          .then((ok) => ok && refresh());
      },
    }, h('label', { for: 'auth-file-input' }, 'Token file (.json)'), picker, upload);
    const deleteAll = h('button', {
      type: 'button', class: 'danger', disabled: !files.length,
      onclick: (e) => {
        if (window.confirm(`Delete all ${files.length} auth files? Their accounts stop serving at once.`)) {
          act(e.currentTarget, () => call('DELETE', '/auth-files', { query: { all: 'true' } }), 'All auth files deleted.')
            .then(refresh);
        }
      },
    }, 'Delete all');
    view.append(h('p', { class: 'muted' }, 'One JSON file per OAuth account, in auth-dir. Changes apply at once.'),
      h('div', { class: 'toolbar' }, form, deleteAll),
      table(['File', 'Size', 'Modified', ''], files.map((f) => [h('code', {}, f.name), bytes(f.size), when(f.modtime),
        h('div', { class: 'button-row' },
          h('button', {
            type: 'button', class: 'small-button ghost',
            onclick: (e) => act(e.currentTarget, () => download(f.name)),
          }, 'Download'),
          h('button', {
            type: 'button', class: 'small-button danger',
            onclick: (e) => {
              if (window.confirm(`Delete ${f.name}?`)) {
                act(e.currentTarget, () => call('DELETE', '/auth-files', { query: { name: f.name } }),
                  `${f.name} deleted.`).then(refresh);
              }
            },
          }, 'Delete'))]),
      'No auth files yet: upload one, or log in on the OAuth sessions screen.', { id: 'auth-files' }));
  },
};
