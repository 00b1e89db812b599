import type { IamScope, KindIam } from '../iam';

/** Every alarm ARN in the account and region: alarms are created and adopted region-wide. */
const alarms = (at: IamScope) => [`arn:aws:cloudwatch:${at.region}:${at.account}:alarm:*`];

/** What metric and composite alarms share: DescribeAlarms, DeleteAlarms, CloudWatch's tags. */
export function alarmIam(put: string): KindIam {
  return {
    arns: alarms,
    reads: ['cloudwatch:DescribeAlarms', 'cloudwatch:ListTagsForResource'],
    ownedWrites: [put, 'cloudwatch:DeleteAlarms'],
    tagging: { tag: 'cloudwatch:TagResource', untag: 'cloudwatch:UntagResource' },
    creates: [put],
    createArns: alarms,
    limits: [
      'Alarms are created and adopted region-wide (new alarms need no policy change): an alarm with no monitors:stack tag can be adopted by any stack\'s apply role. Tag console-made alarms you want left alone with monitors:stack=<anything that is not a stack>, e.g. "manual".',
    ],
  };
}
