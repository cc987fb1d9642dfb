// Recent error logs: the request log files of failed requests (GET /request-error-logs), each opened in place
// (GET /request-error-logs/{name}).

import { call, missingMessage } from './api.js';
import { act, bytes, errorBox, h, notice, table, when } from './dom.js';

export default {
  id: 'logs',
  title: 'Error logs',
  async render(view) {
    let files;
    try {
      ({ files = [] } = await call('GET', '/request-error-logs'));
    } catch (e) {
      view.append(e.missing ? notice(missingMessage(e, 'The list of error logs')) : errorBox(e.message));
      return;
    }
    const reader = h('pre', { id: 'log-content', class: 'log', hidden: true });
    const sorted = [...files].sort((a, b) => String(b.modified ?? b.modtime ?? '')
      .localeCompare(String(a.modified ?? a.modtime ?? '')));
    view.append(h('p', { class: 'muted' }, 'Failed requests are kept as log files (secrets masked), newest first.'),
      table(['File', 'Size', 'Written', ''], sorted.map((f) => [h('code', {}, f.name), bytes(f.size),
        when(f.modified ?? f.modtime),
        h('button', {
          type: 'button', class: 'small-button ghost',
          onclick: (e) => act(e.currentTarget, async () => {
            reader.textContent = await call('GET', `/request-error-logs/${encodeURIComponent(f.name)}`, { as: 'text' });
            reader.hidden = false;
            reader.scrollIntoView({ block: 'start' });
          }),
        }, 'Open')]), 'No failed requests logged.'),
      reader);
  },
};
