// One asset: what the inventory knows now, the rules it breaks, and every version as a readable change list.
import { h, badge, table, when, pre, section, facts } from '../dom.js';
import { api, query } from '../api.js';

export default async function asset(id) {
  const [a, history] = await Promise.all([api(`/assets/${encodeURIComponent(id)}`),
    api(`/assets/${encodeURIComponent(id)}/history${query({ limit: 200 })}`)]);
  return [
    h('p', {}, h('a', { href: '#/assets' }, '← Assets')),
    h('h1', {}, a.name || a.natural_id),
    facts([['Type', a.type], ['Identifier', a.natural_id], ['Account', a.account], ['Region', a.region],
      ['Status', a.status], ['Owner team', a.owner_team], ['Environment', a.environment],
      ['Criticality', a.criticality], ['Data classification', a.data_classification],
      ['Internet exposure', a.internet_exposed ? [badge('exposed', 'high'), ' ', (a.exposure_reasons || []).join('; ')] : 'none'],
      ['Quarantined', a.quarantine && a.quarantine.quarantined ? `since ${when(a.quarantine.since)}: ${a.quarantine.reason}` : null],
      ['Set by hand', (a.set_by_hand || []).join(', ')], ['Version', a.version], ['Updated', when(a.updated_at)],
      ['Findings', h('a', { href: `#/findings?q=${encodeURIComponent(a.natural_id)}` }, 'findings on this asset')]]),
    section('Rules it breaks', table('Violations', [
      ['Rule', v => v.rule || v.id], ['Severity', v => badge(v.severity)], ['Title', v => v.title || ''],
    ], a.violations || [])),
    section('Tags', pre(a.tags || {})),
    section('Attributes', pre(a.attributes || {})),
    section('Configuration history', changes(history.items, !history.next_cursor)),
    h('details', {}, h('summary', {}, 'Configuration as received'), pre(a.configuration || {})),
  ];
}

/**
 * Each version's JSON Patch as rows of what changed, from what to what. The old values come from replaying the
 * versions in order, which needs the whole history (else only the new values are shown).
 */
function changes(versions, complete) {
  const ordered = [...versions].sort((x, y) => x.version - y.version);
  let doc = complete ? {} : null;
  const blocks = ordered.map(v => {
    const rows = (v.patch || []).map(op => {
      const before = doc ? read(doc, op.path) : undefined;
      if (doc) doc = apply(doc, op);
      return { op: op.op, path: op.path, before, after: op.value };
    }).filter(r => v.version === 1 ? r.after !== null && !isEmpty(r.after) : true);
    return { v, rows };
  }).reverse();
  return blocks.map(({ v, rows }) => h('div', {},
    h('h3', {}, `Version ${v.version}, ${when(v.valid_from)}, by ${v.changed_by} (${v.source})`),
    table(`Changes of version ${v.version}`, [
      ['Field', r => h('code', {}, r.path)], ['Change', r => r.op],
      ['Was', r => r.op === 'add' ? '' : h('del', {}, show(r.before))],
      ['Now', r => r.op === 'remove' ? '' : h('ins', {}, show(r.after))],
    ], rows, { class: 'diff' })));
}

function isEmpty(value) {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

function show(value) {
  return value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}

function keys(path) {
  return path.split('/').slice(1).map(k => k.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function read(doc, path) {
  let node = doc;
  for (const k of keys(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[k];
  }
  return node;
}

function apply(doc, { op, path, value, from }) {
  const copy = structuredClone(doc);
  const parts = keys(path);
  const last = parts.pop();
  let parent = copy;
  for (const k of parts) parent = parent[k] ?? (parent[k] = {});
  const moved = op === 'move' || op === 'copy' ? read(doc, from) : value;
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (op === 'remove') parent.splice(index, 1);
    else if (op === 'replace') parent[index] = moved;
    else if (op !== 'test') parent.splice(index, 0, moved);
  } else if (op === 'remove') delete parent[last];
  else if (op !== 'test') parent[last] = moved;
  return op === 'move' ? apply(copy, { op: 'remove', path: from }) : copy;
}
