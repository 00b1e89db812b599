/**
 * Prints how many cases of the filter-pattern documentation corpus (test/patterns/corpus/*.yaml) the
 * engine agrees with, and each disagreement: `npm run corpus:patterns`. Exits 1 on any disagreement.
 */
import { agreement, disagreements, loadCorpus } from '../test/patterns/corpus-check';

const cases = loadCorpus();
for (const { file, case: c } of cases) {
  for (const d of disagreements(c)) console.log(`${file} ${c.id}: ${d}`);
}
const { agreeing, total } = agreement(cases);
const files = new Set(cases.map((c) => c.file)).size;
console.log(
  `${agreeing} of ${total} documented cases agree (${((100 * agreeing) / total).toFixed(1)}%), from ${files} corpus files`,
);
process.exitCode = agreeing === total ? 0 : 1;
