// Reads scenario results (JSON lines: client, upstream, scenario, ok, detail) from stdin.
//   --progress : echo each result as it comes
//   default    : a pass/fail table (client x upstream), the failures, and a closing "N passed, N failed" line;
//                exits 1 when anything failed.
import readline from 'node:readline';

const progress = process.argv.includes('--progress');
const results = [];
for await (const line of readline.createInterface({ input: process.stdin })) {
  let r;
  try { r = JSON.parse(line); } catch { continue; }
  results.push(r);
  if (progress) console.log(`  ${r.ok ? 'pass' : 'FAIL'}  ${r.client} / ${r.upstream} / ${r.scenario}${r.ok ? '' : '  ' + r.detail}`);
}

if (!progress) {
  const upstreams = ['claude', 'gemini', 'codex', 'compat', '-'];
  const clients = [...new Set(results.map((r) => r.client))];
  const cell = (c, u) => {
    const rs = results.filter((r) => r.client === c && r.upstream === u);
    if (!rs.length) return '';
    const ok = rs.filter((r) => r.ok).length;
    return ok === rs.length ? `pass ${ok}/${rs.length}` : `FAIL ${ok}/${rs.length}`;
  };
  const head = ['client \\ upstream', 'claude', 'gemini', 'codex', 'compat', 'any'];
  const rows = clients.map((c) => [c, ...upstreams.map((u) => cell(c, u))]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cols) => cols.map((c, i) => c.padEnd(widths[i])).join(' | ');
  console.log('\n' + fmt(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(fmt(r));
  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    console.log('\nFailures:');
    for (const f of failed) console.log(`  ${f.client} / ${f.upstream} / ${f.scenario}: ${f.detail}`);
  }
  console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length ? 1 : 0;
}
