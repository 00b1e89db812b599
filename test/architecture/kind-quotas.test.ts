/** Each kind states the quotas of its calls; the applier's table is their union, so they must agree. */
import { DEFAULT_QUOTAS, READ_QUOTAS } from '../../src/apply/rate-limiter';
import { KINDS } from '../../src/kinds/registry';

test('kinds that share a call state the same quota for it, and the applier paces every one', () => {
  const seen = new Map<string, number>();
  const disagree: string[] = [];
  for (const info of Object.values(KINDS)) {
    for (const [op, perSecond] of Object.entries(info.quotas)) {
      const earlier = seen.get(op);
      if (earlier !== undefined && earlier !== perSecond) disagree.push(`${op}: ${earlier} vs ${perSecond}`);
      seen.set(op, perSecond);
      expect(DEFAULT_QUOTAS[op]).toBeGreaterThan(0);
    }
  }
  expect(disagree).toEqual([]);
  // Besides the kinds' calls, the reader's own (tags, attributes, the tagging API), stated once.
  expect(Object.keys(READ_QUOTAS).filter((op) => seen.has(op))).toEqual([]);
  expect(Object.keys(DEFAULT_QUOTAS).sort()).toEqual([...seen.keys(), ...Object.keys(READ_QUOTAS)].sort());
});
