/**
 * The chat forwarder's resources are the tool's own making (a topic's chat lines), so import never
 * selects them, not even with --all, and their unbuild says what to write instead.
 */
import { selects, type Selection } from '../../src/import/selection';
import { UNBUILDS } from '../../src/kinds/unbuilds';
import type { UnbuildContext } from '../../src/kinds/unbuild';

const ALL: Selection = { all: true, logGroupPrefixes: [], alarmPrefixes: [], topics: [] };
const CTX: UnbuildContext = {
  stack: 'imported',
  actionRef: (arn) => arn,
  alarmWritten: () => false,
  secret: () => '${env:NEVER}',
};

test.each(['forwarderFunctions', 'forwarderRoles', 'forwarderQueues'] as const)('--all does not select %s', (scope) => {
  expect(selects(ALL, scope, 'monitors-app-chat')).toBe(false);
  expect(selects(ALL, 'logGroups', '/aws/lambda/monitors-app-chat')).toBe(true);
});

test('a forwarder resource that reaches import is left out with what to write instead', () => {
  const roleOut = UNBUILDS.forwarderRole.unbuild(
    { kind: 'forwarderRole', name: 'monitors-app-chat-us-east-1' } as Parameters<
      typeof UNBUILDS.forwarderRole.unbuild
    >[0],
    CTX,
  );
  expect(roleOut).toEqual({ unsupported: expect.stringContaining('the role monitors-app-chat-us-east-1') });
  expect(roleOut).toEqual({ unsupported: expect.stringContaining('slack:') });
  const permissionOut = UNBUILDS.forwarderPermission.unbuild(
    { kind: 'forwarderPermission', functionName: 'monitors-app-chat', topicName: 'alerts' } as Parameters<
      typeof UNBUILDS.forwarderPermission.unbuild
    >[0],
    CTX,
  );
  expect(permissionOut).toEqual({ unsupported: expect.stringContaining('for topic alerts') });
});
