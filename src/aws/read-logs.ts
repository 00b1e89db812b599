import { DescribeLogGroupsCommand, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { LogGroupSpec, MetricFilterSpec } from '../model';
import type { AwsClients } from './clients';
import { blankToUndefined, sortedRecord } from '../model/normalize';

/** A live log group before tags are known. */
export interface LiveLogGroup {
  /** Without the trailing ":*" that DescribeLogGroups adds: the form tagging APIs use. */
  readonly arn: string;
  readonly spec: Omit<LogGroupSpec, 'tags'>;
}

/** Every log group in the region, 50 per page. */
export async function readLogGroups(clients: AwsClients): Promise<LiveLogGroup[]> {
  const out: LiveLogGroup[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.logs.send(new DescribeLogGroupsCommand({ limit: 50, nextToken }));
    for (const g of page.logGroups ?? []) {
      out.push({
        arn: (g.arn ?? '').replace(/:\*$/, ''),
        spec: {
          kind: 'logGroup',
          name: g.logGroupName ?? '',
          retentionInDays: g.retentionInDays,
          kmsKeyId: blankToUndefined(g.kmsKeyId),
        },
      });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/** Every metric filter in the region (all log groups at once), 50 per page. */
export async function readMetricFilters(clients: AwsClients): Promise<MetricFilterSpec[]> {
  const out: MetricFilterSpec[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.logs.send(new DescribeMetricFiltersCommand({ limit: 50, nextToken }));
    for (const f of page.metricFilters ?? []) {
      const t = f.metricTransformations?.[0];
      out.push({
        kind: 'metricFilter',
        logGroupName: f.logGroupName ?? '',
        filterName: f.filterName ?? '',
        filterPattern: f.filterPattern ?? '',
        transformation: {
          metricName: t?.metricName ?? '',
          metricNamespace: t?.metricNamespace ?? '',
          metricValue: t?.metricValue ?? '',
          defaultValue: t?.defaultValue,
          unit: blankToUndefined(t?.unit),
          dimensions: sortedRecord(t?.dimensions),
        },
      });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}
