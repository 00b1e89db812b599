/**
 * Rule tests (`monitors test`, offline) can name a pack alarm: the test file states the resources the
 * packs find (`packResources:`), the packs expand against them, and the alarms are simulated like any other.
 */
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { runRuleTests } from '../../src/rule-tests/run';
import { removeStackDirs, stackDir } from '../integration/stack-dir';

afterAll(removeStackDirs);

const STACK = `stack: { name: shop, region: us-east-1 }
topics:
  - name: shop-alerts
packs:
  - service: lambda
    select: { tags: { team: shop } }
    notify: shop-alerts
    override: { Errors: { threshold: 5 } }
    except: [ConcurrentExecutions]
`;

const TESTS = (expected: string) => `packResources:
  lambda:
    - arn: arn:aws:lambda:us-east-1:123456789012:function:cart
      tags: { team: shop }
      attributes: { timeoutMs: 30000 }
    - arn: arn:aws:lambda:us-east-1:123456789012:function:reports
      tags: { team: finance }
tests:
  - name: six errors a minute for three minutes page the shop
    datapoints:
      - metric: AWS/Lambda/Errors
        dimensions: { FunctionName: cart }
        points: ['+0s 6', '+1m 6', '+2m 6']
    expect:
      alarms:
        - alarm: lambda-cart-Errors
          at: +3m
          state: ${expected}
      notifications:
        - at: +3m
          topic: shop-alerts
          alarm: lambda-cart-Errors
          state: ALARM
`;

function stackWithTests(tests: string): string {
  const dir = stackDir({ 'stack.yaml': STACK });
  mkdirSync(path.join(dir, 'tests'));
  writeFileSync(path.join(dir, 'tests', 'packs.yaml'), tests);
  return dir;
}

test('a test names a pack alarm of a stated resource and sees it go to ALARM and notify', async () => {
  const report = await runRuleTests(stackWithTests(TESTS('ALARM')));
  expect(report.results.map((r) => r.failures)).toEqual([[]]);
  expect(report.passed).toBe(1);
});

test('the same test fails when the expectation is wrong (the check can fail)', async () => {
  const report = await runRuleTests(stackWithTests(TESTS('OK')));
  expect(report.failed).toBe(1);
});

test('an alarm of a resource the selection does not take is unknown to the tests', async () => {
  const tests = TESTS('ALARM').replace(/lambda-cart-Errors/g, 'lambda-reports-Errors');
  await expect(runRuleTests(stackWithTests(tests))).rejects.toMatchObject({
    diagnostics: expect.arrayContaining([
      expect.objectContaining({ message: expect.stringContaining('lambda-reports-Errors') }),
    ]),
  });
});
