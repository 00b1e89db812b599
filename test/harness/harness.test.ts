import { DescribeLogGroupsCommand, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { freshAccount, rawClients } from './emulator';

describe('test harness', () => {
  it('gives every fresh account its own empty state', async () => {
    const a = rawClients(freshAccount());
    const b = rawClients(freshAccount());
    await a.logs.send(new CreateLogGroupCommand({ logGroupName: '/harness/a' }));
    const seenByA = await a.logs.send(new DescribeLogGroupsCommand({}));
    const seenByB = await b.logs.send(new DescribeLogGroupsCommand({}));
    expect(seenByA.logGroups?.map((g) => g.logGroupName)).toEqual(['/harness/a']);
    expect(seenByB.logGroups).toEqual([]);
  });
});
