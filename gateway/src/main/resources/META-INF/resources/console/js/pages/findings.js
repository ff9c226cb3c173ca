// Findings: filter, search, sort, page through, and change the status of several at once (with a reason).
import { h, badge, table, field, select, when } from '../dom.js';
import { api, query, may } from '../api.js';
import { announce, failure } from '../app.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'];
export const STATUSES = ['new', 'triaged', 'in_progress', 'resolved', 'suppressed', 'false_positive', 'risk_accepted'];
const SORTS = [['created_at', 'newest first'], ['last_seen', 'last seen'], ['severity', 'most severe'],
  ['risk', 'highest risk']];

export default async function findings() {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const filter = {
    severity: params.get('severity') || '', status: params.get('status') || '', product: params.get('product') || '',
    q: params.get('q') || '', sort: params.get('sort') || 'created_at', import_id: params.get('import_id') || '',
    best_practice: params.get('best_practice') || '',
  };
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter findings' },
    field('Severity', select('severity', ['', ...SEVERITIES], filter.severity)),
    field('Status', select('status', ['', ...STATUSES], filter.status)),
    field('Product', h('input', { name: 'product', value: filter.product })),
    field('Search', h('input', { name: 'q', type: 'search', value: filter.q, placeholder: 'title, rule, resource' })),
    field('Sort', select('sort', SORTS, filter.sort)),
    h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const chosen = { ...Object.fromEntries(new FormData(form)), import_id: filter.import_id,
      best_practice: filter.best_practice };
    location.hash = `#/findings${query(chosen)}`;
  });

  const list = h('div', {});
  const selected = new Set();
  let cursor = null;
  let shown = [];
  const more = h('button', { type: 'button', hidden: true }, 'More findings');

  /** The first page of the filter, or (more) the next one after the rows shown. */
  async function load(next) {
    const page = await api(`/findings${query({ ...filter, limit: 50, cursor: next ? cursor : null,
      facets: next ? null : 'severity,status' })}`);
    cursor = page.next_cursor;
    more.hidden = !cursor;
    shown = next ? shown.concat(page.items) : page.items;
    list.replaceChildren(render(shown, selected));
    if (page.facets) counts.replaceChildren(facetLine(page.facets));
  }
  more.addEventListener('click', () => load(true).catch(failure));
  const counts = h('p', { class: 'facets' });
  await load(false);

  return [h('h1', {}, 'Findings'), form, counts, may.change() ? bulk(selected, () => load(false)) : null, list, more];
}

function facetLine(facets) {
  const sev = facets.severity || {};
  const total = Object.values(sev).reduce((a, b) => a + b, 0);
  return [`${total} matching: `, ...SEVERITIES.filter(s => sev[s]).map(s => [badge(`${s} ${sev[s]}`, s), ' '])];
}

function render(rows, selected) {
  const columns = [];
  if (may.change()) {
    columns.push(['Select', f => h('input', { type: 'checkbox', 'aria-label': `Select ${f.title}`, checked: selected.has(f.id),
      onchange: e => e.target.checked ? selected.add(f.id) : selected.delete(f.id) })]);
  }
  columns.push(
    ['Severity', f => badge(f.severity)],
    ['Title', f => h('a', { href: `#/findings/${f.id}` }, f.title)],
    ['Status', f => badge(f.status)],
    ['Product', f => f.product],
    ['Team', f => f.team || '—'],
    ['Resource', f => (f.resources && f.resources[0] && (f.resources[0].uid || f.resources[0].name)) || ''],
    ['Risk', f => f.risk_score ?? ''],
    ['Last seen', f => when(f.last_seen)]);
  return table('Findings', columns, rows, { class: 'findings' });
}

/** The same status change, with its reason, for every selected finding; each one is reported. */
function bulk(selected, reload) {
  const status = select('status', STATUSES.filter(s => s !== 'risk_accepted'), 'triaged');
  const reason = h('input', { name: 'reason', required: true, placeholder: 'why' });
  const expires = h('input', { name: 'expires_at', type: 'datetime-local' });
  const form = h('form', { class: 'bulk', 'aria-label': 'Change the status of the selected findings' },
    field('New status', status), field('Reason', reason),
    field('Expires (suppressed, false positive)', expires),
    h('button', { type: 'submit' }, 'Change selected'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (selected.size === 0) {
      announce('Select at least one finding first.', 'error');
      return;
    }
    const change = { status: status.value, reason: reason.value };
    if (expires.value) change.expires_at = new Date(expires.value).toISOString();
    let done = 0;
    const failed = [];
    for (const id of selected) {
      try {
        await api(`/findings/${id}`, { method: 'PATCH', body: change });
        done++;
      } catch (err) {
        failed.push(`${id}: ${err.message}`);
      }
    }
    selected.clear();
    announce(`${done} changed to ${change.status}${failed.length ? `; not changed: ${failed.join('; ')}` : ''}`,
      failed.length ? 'error' : 'info');
    await reload().catch(failure);
  });
  return form;
}
