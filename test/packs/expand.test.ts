/**
 * expandPacks, pure: selection rules, the naming and collision rules, and what the rest of the stack
 * sees of pack alarms (the overview dashboard's row per service).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { loadStack } from '../../src/config/load';
import { expandPacks, type PackDiscovery } from '../../src/kinds/pack/expand';
import { MAX_ALARM_NAME, packAlarmName } from '../../src/kinds/pack/names';
import type { DiscoveredResource } from '../../src/kinds/pack/types';
import type { DesiredResource } from '../../src/model';
import type { MetricAlarmSpec } from '../../src/kinds/specs';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function load(yaml: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-expand-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'stack.yaml'), yaml);
  return loadStack(dir);
}

const fn = (name: string, tags: Record<string, string> = {}, timeoutMs = 3000): DiscoveredResource => ({
  arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
  tags,
  attributes: { timeoutMs },
});

const LAMBDA = (select: string, extra = '') =>
  `  - service: lambda\n    select: ${select}\n    override: { Errors: { threshold: 1 } }\n    except: [ConcurrentExecutions]\n${extra}`;

const names = (resources: readonly DesiredResource[]) =>
  resources.flatMap((r) => (r.spec.kind === 'metricAlarm' ? [r.spec.name] : []));

test('tags, names and prefix must all match; a resource the service does not own is ignored', async () => {
  const stack = await load(
    `stack: { name: shop, region: us-east-1 }\npacks:\n${LAMBDA('{ tags: { team: shop, env: prod }, prefix: api- }')}`,
  );
  const found: PackDiscovery = {
    resources: [
      fn('api-cart', { team: 'shop', env: 'prod' }),
      fn('api-old', { team: 'shop' }),
      fn('web-cart', { team: 'shop', env: 'prod' }),
      {
        arn: 'arn:aws:lambda:us-east-1:123456789012:layer:api-x:1',
        tags: { team: 'shop', env: 'prod' },
        attributes: {},
      },
    ],
  };
  const { stack: out, expansions } = expandPacks(stack, [found]);
  expect(names(out.resources)).toEqual([
    'lambda-api-cart-Errors',
    'lambda-api-cart-Throttles',
    'lambda-api-cart-Duration',
  ]);
  expect(expansions[0]?.resources).toEqual(['api-cart']);
});

test('a resource two packs select keeps the first pack’s alarms; the plan says so', async () => {
  const stack = await load(
    `stack: { name: shop, region: us-east-1 }\npacks:\n${LAMBDA('{ names: [cart] }')}${LAMBDA(
      '{ tags: { team: shop } }',
      '    override: { Errors: { threshold: 9 } }\n',
    ).replace(
      '    override: { Errors: { threshold: 1 } }\n    except: [ConcurrentExecutions]\n    override: { Errors: { threshold: 9 } }\n',
      '    override: { Errors: { threshold: 9 } }\n    except: [ConcurrentExecutions]\n',
    )}`,
  );
  const discovered = [{ resources: [fn('cart', { team: 'shop' })] }, { resources: [fn('cart', { team: 'shop' })] }];
  const { stack: out, notices } = expandPacks(stack, discovered);
  const errors = out.resources.find((r) => 'name' in r.spec && r.spec.name === 'lambda-cart-Errors')
    ?.spec as MetricAlarmSpec;
  expect(errors.threshold).toBe(1);
  expect(names(out.resources)).toHaveLength(3);
  expect(notices.map((n) => n.message)).toContainEqual(
    expect.stringMatching(
      /^pack lambda at .*stack\.yaml:7 also selects function cart; it keeps the alarms of the pack at .*stack\.yaml:3, declared first$/,
    ),
  );
});

test('a name a declared alarm already has stays the declared alarm’s', async () => {
  const stack = await load(
    `stack: { name: shop, region: us-east-1 }\nalarms:\n  - name: lambda-cart-Errors\n    metric: { namespace: X, name: Y, stat: Sum }\n    threshold: ">= 1"\npacks:\n${LAMBDA('{ names: [cart] }')}`,
  );
  const { stack: out, notices } = expandPacks(stack, [{ resources: [fn('cart')] }]);
  expect(out.resources.filter((r) => 'name' in r.spec && r.spec.name === 'lambda-cart-Errors')).toHaveLength(1);
  expect(
    (out.resources.find((r) => 'name' in r.spec && r.spec.name === 'lambda-cart-Errors')?.spec as MetricAlarmSpec)
      .metric?.namespace,
  ).toBe('X');
  expect(
    notices.some(
      (n) => n.severity === 'warning' && n.message.includes('lambda-cart-Errors is declared in the files already'),
    ),
  ).toBe(true);
});

test('names stay within 255 characters; long ones differ by a hash of the full name', () => {
  const long = 'f'.repeat(300);
  const a = packAlarmName('lambda', `${long}a`, 'Errors');
  const b = packAlarmName('lambda', `${long}b`, 'Errors');
  expect(a.length).toBeLessThanOrEqual(MAX_ALARM_NAME);
  expect(a).toMatch(/^lambda-f+~[0-9a-f]{8}-Errors$/);
  expect(a).not.toBe(b);
  expect(packAlarmName('lambda', 'cart', 'Errors')).toBe('lambda-cart-Errors');
});

test('the overview dashboard gets a status row per pack service, after the stack’s own alarms', async () => {
  const stack = await load(
    `stack: { name: shop, region: us-east-1, dashboard: true }\nalarms:\n  - name: own\n    metric: { namespace: X, name: Y, stat: Sum }\n    threshold: ">= 1"\npacks:\n${LAMBDA('{ names: [cart] }')}  - service: ebs\n    select: { tags: { team: shop } }\n`,
  );
  const { stack: out } = expandPacks(stack, [
    { resources: [fn('cart')] },
    {
      resources: [
        { arn: 'arn:aws:ec2:us-east-1:123456789012:volume/vol-0abc', tags: { team: 'shop' }, attributes: {} },
      ],
    },
  ]);
  const dashboard = out.resources.find((r) => r.spec.kind === 'dashboard');
  const body = JSON.parse((dashboard?.spec as { body: string }).body) as {
    widgets: { type: string; properties: { title?: string; alarms?: string[] } }[];
  };
  const rows = body.widgets
    .filter((w) => w.type === 'alarm')
    .map((w) => [w.properties.title, w.properties.alarms?.length]);
  expect(rows).toEqual([
    ['Alarms', 1],
    ['Pack ebs', 1],
    ['Pack lambda', 3],
  ]);
});
