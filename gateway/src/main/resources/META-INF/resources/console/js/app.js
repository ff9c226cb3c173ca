// The console's frame: who is logged in, the sections they may use, and the page the address names (#/...).
import { h } from './dom.js';
import { loadSession, may, session, ApiError } from './api.js';
import overview from './pages/overview.js';
import findings from './pages/findings.js';
import finding from './pages/finding.js';
import assets from './pages/assets.js';
import asset from './pages/asset.js';
import identity from './pages/identity.js';
import incidents from './pages/incidents.js';
import incident from './pages/incident.js';
import run from './pages/run.js';
import playbooks from './pages/playbooks.js';
import imports from './pages/imports.js';
import audit from './pages/audit.js';
import subscriptions from './pages/subscriptions.js';
import posture from './pages/posture.js';

const sections = [
  ['', 'Overview', overview],
  ['posture', 'Posture', posture],
  ['findings', 'Findings', findings],
  ['assets', 'Assets', assets],
  ['identity', 'Identity', identity],
  ['incidents', 'Incidents', incidents],
  ['playbooks', 'Playbooks', playbooks],
  ['imports', 'Imports', imports],
  ['subscriptions', 'Subscriptions', subscriptions],
  ['audit', 'Audit log', audit, may.readAudit],
];
const details = { findings: finding, assets: asset, incidents: incident, runs: run };

/** Shows a short message to everyone, screen readers included. */
export function announce(text, kind = 'info') {
  const status = document.getElementById('status');
  status.className = `status-${kind}`;
  status.textContent = text;
}

export function failure(e) {
  announce(e instanceof ApiError ? `${e.status}: ${e.message}` : String(e), 'error');
}

async function show() {
  const route = location.hash.replace(/^#\/?/, '').split('?')[0];
  const [name = '', id] = route.split('/').map(decodeURIComponent);
  const section = sections.find(s => s[0] === name && (!s[3] || s[3]()));
  const page = id ? details[name] : section && section[2];
  const main = document.getElementById('main');
  document.querySelectorAll('#nav a').forEach(a => a.toggleAttribute('aria-current', a.dataset.section === name));
  announce('');
  if (!page) {
    main.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, 'This console has no such page.'));
    return;
  }
  main.replaceChildren(h('p', {}, 'Loading…'));
  try {
    const content = await page(id);
    main.replaceChildren(...[content].flat().filter(c => c !== null && c !== undefined && c !== false));
    const title = main.querySelector('h1');
    document.title = `${title ? title.textContent : 'Pillar'} · Pillar console`;
    main.focus();
  } catch (e) {
    main.replaceChildren(h('h1', {}, 'Could not load this page'));
    failure(e);
  }
}

async function start() {
  await loadSession();
  document.getElementById('user').textContent = `${session.name || session.user} (${session.roles
    .filter(r => ['viewer', 'analyst', 'responder', 'auditor', 'admin'].includes(r)).join(', ')})`;
  document.getElementById('nav').replaceChildren(...sections.filter(s => !s[3] || s[3]())
    .map(([name, label]) => h('li', {}, h('a', { href: `#/${name}`, dataset: { section: name } }, label))));
  window.addEventListener('hashchange', show);
  await show();
}

start().catch(failure);
