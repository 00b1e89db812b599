import { checkFilterPattern } from '../metric-filter/pattern-checks';
import { awsNameProblem, filterYamlName } from '../metric-filter/unbuild';
import { entry, type KindUnbuild } from '../unbuild';
import { destinationForm } from './names';

/**
 * A subscription filter as `subscriptionFilters:` writes it: the destination under its service's key
 * by ARN (the ARN builds back to itself), the default pattern and distribution left out.
 */
export const subscriptionFilterUnbuild: KindUnbuild<'subscriptionFilter'> = {
  section: 'subscriptionFilters',
  unbuild(spec, ctx) {
    const problem = checkFilterPattern(spec.filterPattern);
    if (problem) return { unsupported: `its pattern is not one this tool can check (${problem.message})` };
    const { name, awsName } = filterYamlName(spec, ctx.stack);
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
