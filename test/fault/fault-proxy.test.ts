import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { freshAccount } from '../harness/emulator';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

/** The proxy's injected errors must reach the SDK exactly as AWS's own would. */
describe('fault proxy', () => {
  let proxy: FaultProxy | undefined;
  afterEach(async () => proxy?.stop());

  const clients = (endpoint: string) => {
    const account = freshAccount();
    const config = { region: account.region, endpoint, credentials: account.credentials, maxAttempts: 1 };
    return { cw: new CloudWatchClient(config), logs: new CloudWatchLogsClient(config), sns: new SNSClient(config) };
  };

  it('injects throttling in each service protocol with the code the SDK recognises', async () => {
    const account = freshAccount();
    proxy = await startFaultProxy({ target: account.endpoint, throttleRate: 1 });
    const c = clients(proxy.endpoint);
    await expect(c.cw.send(new DescribeAlarmsCommand({}))).rejects.toMatchObject({
      name: 'Throttling',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(c.logs.send(new DescribeLogGroupsCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException' });
    await expect(c.sns.send(new ListTopicsCommand({}))).rejects.toMatchObject({ name: 'Throttling' });
    expect(proxy.stats().throttled).toEqual({
      'CloudWatch.DescribeAlarms': 1,
      'CloudWatchLogs.DescribeLogGroups': 1,
      'SNS.ListTopics': 1,
    });
  });

  it('injects 500s as server faults', async () => {
    proxy = await startFaultProxy({ target: freshAccount().endpoint, errorRate: 1 });
    const c = clients(proxy.endpoint);
    await expect(c.cw.send(new DescribeAlarmsCommand({}))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 500 },
      $fault: 'server',
    });
    await expect(c.sns.send(new ListTopicsCommand({}))).rejects.toMatchObject({ $metadata: { httpStatusCode: 500 } });
  });

  it('drops connections', async () => {
    proxy = await startFaultProxy({ target: freshAccount().endpoint, dropRate: 1 });
    await expect(clients(proxy.endpoint).logs.send(new DescribeLogGroupsCommand({}))).rejects.toBeDefined();
    expect(proxy.stats().dropped).toEqual({ 'CloudWatchLogs.DescribeLogGroups': 1 });
  });

  it('loses the answer of a request that took effect', async () => {
    const account = freshAccount();
    proxy = await startFaultProxy({ target: account.endpoint, lostResponseRate: 1 });
    const config = { region: account.region, credentials: account.credentials, maxAttempts: 1 };
    const viaProxy = new CloudWatchLogsClient({ ...config, endpoint: proxy.endpoint });
    const direct = new CloudWatchLogsClient({ ...config, endpoint: account.endpoint });
    await expect(viaProxy.send(new CreateLogGroupCommand({ logGroupName: '/lost' }))).rejects.toBeDefined();
    const seen = await direct.send(new DescribeLogGroupsCommand({}));
    expect(seen.logGroups?.map((g) => g.logGroupName)).toEqual(['/lost']);
    expect(proxy.stats().lostResponses).toEqual({ 'CloudWatchLogs.CreateLogGroup': 1 });
  });

  it('forwards untouched traffic and enforces a per-operation quota', async () => {
    proxy = await startFaultProxy({ target: freshAccount().endpoint, quotas: { 'SNS.ListTopics': 2 } });
    const c = clients(proxy.endpoint);
    await expect(c.cw.send(new DescribeAlarmsCommand({}))).resolves.toMatchObject({ MetricAlarms: [] });
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => c.sns.send(new ListTopicsCommand({}))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(proxy.stats().throttled).toEqual({ 'SNS.ListTopics': 2 });
  });
});
