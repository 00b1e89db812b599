import { Document, isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import { visible } from '../model/visible';
import { schemaUrl } from '../package-info';
import type { Block, ImportFile, SecretRef } from './layout';

/** The order sections are written in a file, as people read them: what is watched, then what watches. */
const SECTIONS: readonly Block['section'][] = [
  'topics',
  'logGroups',
  'metricFilters',
  'subscriptionFilters',
  'monitors',
  'alarms',
  'compositeAlarms',
  'savedQueries',
  'anomalyDetectors',
];

/**
 * One file's text: the schema line, what the file holds, each block under a comment naming where it
 * came from. Names from AWS in comments are made visible (no control or bidi characters), so a
 * reviewer reads what the values below say; the values themselves are quoted by the YAML writer.
 */
export function renderImportFile(file: ImportFile, schema: string = schemaUrl()): string {
  const content: Record<string, unknown> = {};
  if (file.stack) content.stack = { name: file.stack.name, region: file.stack.region };
  const present = SECTIONS.filter((s) => file.blocks.some((b) => b.section === s));
  for (const section of present)
    content[section] = file.blocks.filter((b) => b.section === section).map((b) => b.entry);
  const doc = new Document(content);
  for (const section of present) {
    const seq = doc.get(section, true) as YAMLSeq;
    file.blocks
      .filter((b) => b.section === section)
      .forEach((b, i) => {
        const item = seq.items[i] as YAMLMap;
        item.commentBefore = ` ${visible(b.from)}`;
        const subs = item.get('subscriptions', true);
        if (isSeq(subs))
          subs.items.forEach((s, j) => {
            if (isMap(s) && b.subscriptionsFrom?.[j]) s.commentBefore = ` ${visible(b.subscriptionsFrom[j])}`;
          });
      });
  }
  // A blank line between top-level sections, as people write them.
  if (isMap(doc.contents))
    doc.contents.items.forEach((pair, i) => {
      if (i > 0 && pair.key && typeof pair.key === 'object') (pair.key as { spaceBefore?: boolean }).spaceBefore = true;
    });
  const body = doc.toString({ lineWidth: 0, singleQuote: true });
  return `# yaml-language-server: $schema=${schema}\n#\n# ${file.about}\n${body}`;
}

/** `.env.example`: the variables the files reference, without values. */
export function renderEnvExample(secrets: readonly SecretRef[]): string {
  const lines = secrets.flatMap((s) => [`# ${s.for}`, `${s.name}=`]);
  return `# Set these before monitors plan / reconcile (in CI: repository secrets). Values are never written here.\n${lines.join('\n')}\n`;
}
