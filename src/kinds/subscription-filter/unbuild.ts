import { filterAwsName, filterOwner } from '../../model';
import { checkFilterPattern } from '../metric-filter/pattern-checks';
import { awsNameProblem } from '../metric-filter/unbuild';
import { entry, type KindUnbuild } from '../unbuild';
import { destinationForm } from './names';
import type { SubscriptionFilterSpec } from './spec';

const NAME = /^[A-Za-z0-9_-]{1,200}$/;

/** Its name in the files: the stack's own part of an owned name, else its AWS name made to fit (and kept in awsName). */
function yamlName(spec: SubscriptionFilterSpec, stack: string): { name: string; awsName?: string } {
  const own = filterAwsName(stack, '');
  if (filterOwner(spec.filterName) === stack && NAME.test(spec.filterName.slice(own.length)))
    return { name: spec.filterName.slice(own.length) };
  const fitted =
    spec.filterName
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 200) || 'filter';
  return { name: fitted, awsName: spec.filterName };
}

/**
 * A subscription filter as `subscriptionFilters:` writes it: the destination under its service's key
 * by ARN (the ARN builds back to itself), the default pattern and distribution left out.
 */
export const subscriptionFilterUnbuild: KindUnbuild<'subscriptionFilter'> = {
  section: 'subscriptionFilters',
  unbuild(spec, ctx) {
    const problem = checkFilterPattern(spec.filterPattern);
    if (problem) return { unsupported: `its pattern is not one this tool can check (${problem.message})` };
    const { name, awsName } = yamlName(spec, ctx.stack);
    const nameProblem = awsName === undefined ? undefined : awsNameProblem(awsName);
    if (nameProblem) return { unsupported: nameProblem };
    const form = destinationForm(spec.destinationArn);
    if (form === 'lambda' && spec.roleArn !== undefined)
      return { unsupported: 'it streams to a Lambda function through a role, which the files cannot say' };
    if ((form === 'kinesis' || form === 'firehose') && spec.roleArn === undefined)
      return { unsupported: `it streams to ${form} without a role, which the files cannot say` };
    return {
      entry: entry({
        name,
        awsName,
        logGroup: spec.logGroupName,
        pattern: spec.filterPattern === '' ? undefined : spec.filterPattern,
        destination: { [form]: spec.destinationArn },
        role: spec.roleArn,
        distribution: spec.distribution === 'ByLogStream' ? undefined : spec.distribution,
      }),
    };
  },
};
