/**
 * Synthetic stacks of a given size for benchmarks and convergence tests. Every 10 resources are one
 * "service": a log group, two monitors (filter + alarm each), two EC2 alarms, a composite over the
 * monitors, a topic and an SQS subscription, the mix of a real team's stack.
 */
export const RESOURCES_PER_SERVICE = 10;

/** Files for a stack of `resources` resources (rounded up to a multiple of 10). */
export function generateStack(resources: number, stack = 'gen', region = 'us-east-1'): Record<string, string> {
  const services = Math.ceil(resources / RESOURCES_PER_SERVICE);
  const files: Record<string, string> = {
    'stack.yaml': `stack:\n  name: ${stack}\n  region: ${region}\n  tags:\n    team: bench\n`,
  };
  for (let i = 0; i < services; i++) {
    const s = `svc${String(i).padStart(4, '0')}`;
    files[`${s}.yaml`] = `topics:
  - name: ${s}-alerts
    subscriptions:
      - sqs: arn:aws:sqs:${region}:000000000000:${s}-queue
logGroups:
  - name: /${stack}/${s}
    retention: 14d
monitors:
  - name: ${s}-errors
    logGroup: /${stack}/${s}
    pattern: '%ERROR%'
    metric: ${stack}/${s}/Errors
    alarm: '>= 2 in 1m'
    notify: ${s}-alerts
  - name: ${s}-timeouts
    logGroup: /${stack}/${s}
    pattern: '"timed out"'
    metric: ${stack}/${s}/Timeouts
    alarm: '> 5 in 5m for 2 of 3'
    notify: ${s}-alerts
alarms:
  - name: ${s}-cpu
    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average, period: 5m, dimensions: { AutoScalingGroupName: ${s} } }
    threshold: '> 80'
    notify: ${s}-alerts
  - name: ${s}-status
    metric: { namespace: AWS/EC2, name: StatusCheckFailed, stat: Maximum, period: 1m, dimensions: { AutoScalingGroupName: ${s} } }
    threshold: '>= 1'
    evaluationPeriods: 2
    notify: ${s}-alerts
compositeAlarms:
  - name: ${s}-degraded
    rule: ALARM("${s}-errors") OR ALARM("${s}-timeouts")
    notify: ${s}-alerts
`;
  }
  return files;
}
