// Small DOM helpers: elements from code (no innerHTML, so nothing from the server is ever parsed as HTML),
// messages, and number/date formatting.

/**
 * Creates an element. attrs: class, text, on<Event> handlers, dataset (object), and any other attribute
 * (false/null/undefined ones are left out). Children: nodes, strings, arrays, null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) {
      continue;
    }
    if (k === 'class') {
      el.className = v;
    } else if (k === 'text') {
      el.textContent = v;
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2).toLowerCase(), v);
    } else if (k === 'value') {
      el.value = v;
    } else if (k === 'checked') {
      el.checked = Boolean(v);
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) {
      continue;
    }
    if (Array.isArray(c)) {
      append(el, c);
    } else {
      el.append(c instanceof Node ? c : String(c));
    }
  }
}

/** An error box: what failed and the server's reason. */
export function errorBox(message) {
  return h('div', { class: 'alert error', role: 'alert' }, message);
}

/** A neutral notice box. */
export function notice(message) {
  return h('div', { class: 'alert info' }, message);
}

let toastTimer;

/** A short message at the bottom of the screen; errors stay until the next one. */
export function toast(message, kind = 'ok') {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = `toast ${kind}`;
  el.hidden = false;
  clearTimeout(toastTimer);
  if (kind !== 'error') {
    toastTimer = setTimeout(() => { el.hidden = true; }, 4000);
  }
}

/** Runs an action from a button: disables it meanwhile, reports failure as an error toast. */
export async function act(button, action, success) {
  if (button) {
    button.disabled = true;
  }
  try {
    await action();
    if (success) {
      toast(success);
    }
    return true;
  } catch (e) {
    toast(e.message, 'error');
    return false;
  } finally {
    if (button) {
      button.disabled = false;
    }
  }
}

/** A table from headings and rows of cells (nodes or text); an empty list shows `empty` instead. */
export function table(headings, rows, empty, attrs = {}) {
  if (!rows.length) {
    return h('p', { class: 'muted empty' }, empty);
  }
  return h('div', { class: 'table-wrap' },
    h('table', attrs,
      h('thead', {}, h('tr', {}, headings.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map((cells) => h('tr', {},
        cells.map((c, i) => h('td', { 'data-label': headings[i] }, c)))))));
}

const integer = new Intl.NumberFormat('en');

export function number(n) {
  return integer.format(Number(n) || 0);
}

/** 1234567 -> 1.2M */
export function compact(n) {
  const v = Number(n) || 0;
  if (Math.abs(v) < 10000) {
    return integer.format(v);
  }
  return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(v);
}

export function bytes(n) {
  const v = Number(n) || 0;
  if (v < 1024) {
    return `${v} B`;
  }
  if (v < 1024 * 1024) {
    return `${(v / 1024).toFixed(1)} KiB`;
  }
  return `${(v / 1024 / 1024).toFixed(1)} MiB`;
}

export function when(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
}

export function duration(seconds) {
  const s = Math.max(0, Math.round(Number(seconds) || 0));
  if (s < 60) {
    return `${s}s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)}m ${s % 60}s`;
  }
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** sk-abcdef...1234 -> sk-a…1234: enough to tell keys apart on screen. */
export function mask(secret) {
  const s = String(secret ?? '');
  if (s.length <= 10) {
    return '•'.repeat(Math.max(4, s.length));
  }
  return `${s.slice(0, 4)}…${s.slice(-4)}`;
}

/** A pill showing a state word. */
export function badge(text, kind = 'neutral') {
  return h('span', { class: `badge ${kind}` }, text);
}
