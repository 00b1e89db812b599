import { excerpt, filterAwsName, RESERVED_FILTER_PREFIX } from '../../model';
import { reportPatternProblem } from '../metric-filter/pattern-report';
import type { PathSegment } from '../../shared/source-types';
import type { BuildContext, YamlForm } from '../build';
import { SUBSCRIPTION_FILTER_FIELDS } from './fields';
import { destinationArn, DESTINATION_FORMS, type DestinationForm } from './names';
import type { Distribution } from './spec';

/** A `subscriptionFilters:` entry as the schema lets it through. */
export interface RawSubscriptionFilter {
  readonly name: string;
  readonly awsName?: string;
  readonly logGroup: string;
  readonly pattern?: string;
  readonly destination: Partial<Record<DestinationForm, string>>;
  readonly role?: string;
  readonly distribution?: Distribution;
}

/** Which destinations stream through a role CloudWatch Logs assumes. */
const NEEDS_ROLE: ReadonlySet<DestinationForm> = new Set(['kinesis', 'firehose']);

function filterName(ctx: BuildContext, f: RawSubscriptionFilter, path: PathSegment[]): string {
  if (f.awsName === undefined) return filterAwsName(ctx.stack.name, f.name);
  if (f.awsName.startsWith(RESERVED_FILTER_PREFIX))
    ctx.error(
      'SCHEMA',
      `awsName ${excerpt(f.awsName)} starts with "${RESERVED_FILTER_PREFIX}", which only the names monitors gives its own filters may: leave awsName out to get monitors.${ctx.stack.name}.${f.name}, or name the filter as it is in AWS`,
      ctx.at([...path, 'awsName']),
    );
  return f.awsName;
}

/** The role's place: required by Kinesis and Firehose, refused by Lambda (AWS rejects a role there). */
function checkRole(ctx: BuildContext, f: RawSubscriptionFilter, form: DestinationForm, path: PathSegment[]): void {
  if (NEEDS_ROLE.has(form) && f.role === undefined)
    ctx.error(
      'SCHEMA',
      `a ${form} destination needs role: the ARN of a role CloudWatch Logs may assume to write to it`,
      ctx.at([...path, 'destination', form]),
    );
  if (form === 'lambda' && f.role !== undefined)
    ctx.error(
      'SCHEMA',
      'a lambda destination takes no role (CloudWatch Logs invokes it through the permission monitors adds): drop role',
      ctx.at([...path, 'role']),
    );
}

/** `subscriptionFilters:`: a log group's matching events streamed to Lambda, Kinesis, Firehose or a Logs destination. */
export const subscriptionFiltersForm: YamlForm = {
  key: 'subscriptionFilters',
  proseKeys: ['pattern'],
  build(ctx, raw) {
    (raw.subscriptionFilters as RawSubscriptionFilter[] | undefined)?.forEach((f, i) => {
      const path: PathSegment[] = ['subscriptionFilters', i];
      ctx.reference({ kind: 'logGroup', name: f.logGroup, location: ctx.at([...path, 'logGroup']) });
      const pattern = f.pattern ?? '';
      reportPatternProblem(ctx, pattern, path);
      // The schema lets exactly one destination key through.
      const form = DESTINATION_FORMS.find((k) => f.destination[k] !== undefined) ?? 'arn';
      checkRole(ctx, f, form, path);
      ctx.push(
        {
          spec: {
            kind: 'subscriptionFilter',
            logGroupName: f.logGroup,
            filterName: filterName(ctx, f, path),
            filterPattern: pattern,
            destinationArn: destinationArn(form, f.destination[form] ?? '', ctx.stack.region),
            roleArn: f.role,
            distribution: f.distribution ?? 'ByLogStream',
          },
          source: ctx.at(path),
        },
        SUBSCRIPTION_FILTER_FIELDS,
        path,
      );
    });
  },
};
