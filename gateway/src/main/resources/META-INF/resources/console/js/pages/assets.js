// Assets: search the inventory by name or identifier, filter by type, team, classification and exposure.
import { h, badge, table, field, select, when } from '../dom.js';
import { api, query } from '../api.js';
import { failure } from '../app.js';

export default async function assets() {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const filter = { q: params.get('q') || '', type: params.get('type') || '', owner_team: params.get('owner_team') || '',
    classification: params.get('classification') || '', exposure: params.get('exposure') || '' };
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter assets' },
    field('Search', h('input', { name: 'q', type: 'search', value: filter.q, placeholder: 'name or identifier' })),
    field('Type', h('input', { name: 'type', value: filter.type, placeholder: 'bucket, instance, …' })),
    field('Owner team', h('input', { name: 'owner_team', value: filter.owner_team })),
    field('Classification', select('classification', ['', 'public', 'internal', 'confidential', 'restricted'],
      filter.classification)),
    field('Exposure', select('exposure', [['', 'any'], ['internet', 'internet'], ['none', 'none']], filter.exposure)),
    h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    location.hash = `#/assets${query(Object.fromEntries(new FormData(form)))}`;
  });
  const list = h('div', {});
  const more = h('button', { type: 'button', hidden: true }, 'More assets');
  let cursor = null;
  const rows = [];
  async function load() {
    const page = await api(`/assets${query({ ...filter, limit: 100, cursor })}`);
    rows.push(...page.items);
    cursor = page.next_cursor;
    more.hidden = !cursor;
    list.replaceChildren(table('Assets', [
      ['Name', a => h('a', { href: `#/assets/${a.id}` }, a.name || a.natural_id)], ['Type', a => a.type],
      ['Account', a => a.account || ''], ['Region', a => a.region || ''], ['Owner team', a => a.owner_team || '—'],
      ['Classification', a => a.data_classification || ''],
      ['Internet', a => a.internet_exposed ? badge('exposed', 'high') : ''], ['Status', a => a.status],
      ['Updated', a => when(a.updated_at)],
    ], rows));
  }
  more.addEventListener('click', () => load().catch(failure));
  await load();
  return [h('h1', {}, 'Assets'), form, list, more];
}
