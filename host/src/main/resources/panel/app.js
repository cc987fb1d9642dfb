// The control panel: sign-in, navigation between screens (the URL's #hash names the screen, never the key), and
// the refresh of the screen shown.

import { call, session, whenKeyRefused } from './api.js';
import { errorBox, h } from './dom.js';
import overview from './overview.js';
import credentials from './credentials.js';
import sessions from './sessions.js';
import keys from './keys.js';
import providers from './providers.js';
import config from './config.js';
import authFiles from './authfiles.js';
import logs from './logs.js';

const SCREENS = [overview, credentials, sessions, keys, providers, config, authFiles, logs];
const $ = (id) => document.getElementById(id);

function current() {
  const id = location.hash.slice(1);
  return SCREENS.find((s) => s.id === id) || SCREENS[0];
}

let rendering = 0;

/** Shows the screen named by the URL, from fresh data. */
async function show() {
  const screen = current();
  const ticket = ++rendering;
  $('screen-title').textContent = screen.title;
  document.title = `${screen.title} — CLI Proxy API`;
  for (const link of $('nav').querySelectorAll('a')) {
    link.setAttribute('aria-current', link.dataset.screen === screen.id ? 'page' : 'false');
  }
  const view = h('div', { class: 'screen', id: `screen-${screen.id}`, 'aria-busy': 'true' });
  $('screen').replaceChildren(view);
  try {
    await screen.render(view, () => { if (ticket === rendering) { show(); } });
  } catch (e) {
    view.append(errorBox(e.message));
  } finally {
    view.setAttribute('aria-busy', 'false');
    view.dataset.loaded = 'true';
  }
}

function signedIn() {
  $('sign-in').hidden = true;
  $('shell').hidden = false;
  $('sign-out').hidden = false;
  show();
}

function signedOut(message) {
  session.clear();
  $('shell').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('screen').replaceChildren();
  const error = $('sign-in-error');
  error.textContent = message || '';
  error.hidden = !message;
  $('management-key').value = '';
  $('management-key').focus();
}

/** Why a sign-in failed, in words that say what to do. */
function refusal(e) {
  switch (e.status) {
    case 401: return 'Wrong management key.';
    case 403: return `The proxy refused: ${e.message.replace(/^.*failed with 403: /, '')}`;
    case 404: return 'The management API is off: set remote-management.secret-key in config.yaml, or start the proxy '
      + 'with MANAGEMENT_PASSWORD.';
    default: return e.message;
  }
}

async function signIn(event) {
  event.preventDefault();
  const key = $('management-key').value;
  const button = $('sign-in-button');
  button.disabled = true;
  try {
    await call('GET', '/config', { key });
    session.save(key);
    $('management-key').value = '';
    $('sign-in-error').hidden = true;
    signedIn();
  } catch (e) {
    signedOut(refusal(e));
  } finally {
    button.disabled = false;
  }
}

function start() {
  $('nav').replaceChildren(...SCREENS.map((s) => h('a', { href: `#${s.id}`, dataset: { screen: s.id } }, s.title)));
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signedOut('Signed out.'));
  $('refresh').addEventListener('click', show);
  window.addEventListener('hashchange', () => { if (session.key()) { show(); } });
  whenKeyRefused(() => signedOut('The proxy no longer accepts this management key. Sign in again.'));
  if (session.key()) {
    signedIn();
  } else {
    signedOut();
  }
}

start();
