/**
 * Does the series a resource reads exist, and if not, what did the author probably mean? Pure: it
 * compares the wanted metric with the listing (catalog.ts). Dimension names are matched without
 * regard to case first (InstanceID for InstanceId), then by edit distance like metric names and
 * dimension values (config/suggest.ts).
 */
import { closest } from '../config/suggest';
import type { NamespaceCatalog } from './catalog';
import type { SeriesRef, Suggestion } from './types';

export type SeriesVerdict =
  | { readonly exists: true }
  | {
      readonly exists: false;
      readonly suggestions: readonly Suggestion[];
      readonly has: readonly (readonly string[])[];
      readonly emptyNamespace: boolean;
    };

/** How many of a metric's dimension sets a message lists. */
const MAX_SETS = 5;

const sameDimensions = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
};

const nameSet = (d: Readonly<Record<string, string>>) => Object.keys(d).sort();

/** The listed spelling of a dimension name: the same letters in another case, else the nearest. */
function nearestName(name: string, names: readonly string[]): string | undefined {
  return names.find((n) => n.toLowerCase() === name.toLowerCase()) ?? closest(name, names);
}

export function checkSeries(wanted: SeriesRef, catalog: NamespaceCatalog | undefined): SeriesVerdict {
  const metrics = catalog?.metrics ?? [];
  if (metrics.some((m) => m.metricName === wanted.metricName && sameDimensions(m.dimensions, wanted.dimensions))) {
    return { exists: true };
  }
  if (metrics.length === 0) return { exists: false, suggestions: [], has: [], emptyNamespace: true };
  const sameName = metrics.filter((m) => m.metricName === wanted.metricName);
  if (sameName.length === 0) {
    const nearest = closest(wanted.metricName, new Set(metrics.map((m) => m.metricName)));
    const has = nearest ? setsOf(metrics.filter((m) => m.metricName === nearest)) : [];
    return {
      exists: false,
      suggestions: nearest ? [{ field: 'metric name', given: wanted.metricName, nearest }] : [],
      has,
      emptyNamespace: false,
    };
  }
  const suggestions: Suggestion[] = [];
  const allNames = [...new Set(sameName.flatMap((m) => Object.keys(m.dimensions)))].sort();
  // The wanted dimensions under the names the metric has, so the values can be compared next.
  const renamed: Record<string, string> = {};
  for (const [name, value] of Object.entries(wanted.dimensions)) {
    const listed = allNames.includes(name) ? name : nearestName(name, allNames);
    if (listed && listed !== name) suggestions.push({ field: 'dimension name', given: name, nearest: listed });
    renamed[listed ?? name] = value;
  }
  const wantedSet = nameSet(renamed).join('\n');
  const sameSet = sameName.filter((m) => nameSet(m.dimensions).join('\n') === wantedSet);
  if (sameSet.length > 0 && !sameSet.some((m) => sameDimensions(m.dimensions, renamed))) {
    for (const [name, value] of Object.entries(renamed)) {
      const values = new Set(sameSet.map((m) => m.dimensions[name] ?? ''));
      if (values.has(value)) continue;
      const nearest = closest(value, values);
      if (nearest !== undefined) suggestions.push({ field: 'dimension value', given: value, nearest });
    }
  }
  return { exists: false, suggestions, has: setsOf(sameName), emptyNamespace: false };
}

/** The distinct dimension-name sets of some series, fewest names first. */
function setsOf(series: readonly SeriesRef[]): string[][] {
  const sets = new Map<string, string[]>();
  for (const s of series) {
    const names = nameSet(s.dimensions);
    sets.set(names.join('\n'), names);
  }
  return [...sets.values()].sort((a, b) => a.length - b.length || a.join().localeCompare(b.join())).slice(0, MAX_SETS);
}
