import type { ForecastShortage } from '@/api/generated/openapi';
import { humanize } from '@/utils/format';

/** `pos_terminal` → `POS terminal`, `corporate` → `corporate`, `iot` → `IoT` (acronyms kept). */
function noun(name: string): string {
  const h = humanize(name);
  return /^(POS|IoT)\b/.test(h) ? h : h.charAt(0).toLowerCase() + h.slice(1);
}

function plural(word: string, n: number): string {
  if (n === 1) return word;
  return /(s|sh|ch|x)$/.test(word) ? `${word}es` : `${word}s`;
}

/** What an opening lacks, in words: "1 more printer", "2 more POS terminals", "1 IoT subnet". */
export function describeShortage({ kind, name, missing }: ForecastShortage): string {
  return kind === 'pool'
    ? `${missing} ${noun(name)} ${plural('subnet', missing)}`
    : `${missing} more ${plural(noun(name), missing)}`;
}

export function describeShortages(shortages: readonly ForecastShortage[]): string {
  return shortages.map(describeShortage).join(', ');
}

/** A resource's name in a table: "POS subnets", "Printers"… */
export function resourceLabel(kind: ForecastShortage['kind'], name: string): string {
  return kind === 'pool' ? `${humanize(name)} subnets` : humanize(name);
}
