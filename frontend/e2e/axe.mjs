// axe-core (WCAG 2.0/2.1 A and AA) on a page: minor findings are printed, a serious or critical
// one fails. Shared by the browser tests (run.mjs) and the journey on the production-shaped
// stack (deploy/local/system.test.mjs).
import { createRequire } from 'node:module';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export async function axeCheck(page, label) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of result.filter((x) => !bad.includes(x))) {
    console.log(`  axe (${label}) minor: ${v.id} ${v.help}`);
  }
  if (bad.length > 0) {
    throw new Error(
      `axe on ${label}: ${bad.map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(', ')}`).join('; ')}`,
    );
  }
}
