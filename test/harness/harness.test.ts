import { DescribeLogGroupsCommand, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { readFileSync } from 'fs';
import { emulatorEndpoint, freshAccount, rawClients } from './emulator';

/** The local addresses listening on a TCP port, from the kernel's socket tables (IPv4 and IPv6). */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue; // no IPv6 on this machine
    }
    for (const line of text.trim().split('\n').slice(1)) {
      const [, local = '', , state] = line.trim().split(/\s+/);
      const [address = '', localPort] = local.split(':');
      if (state === '0A' && localPort === hexPort) found.push(address);
    }
  }
  return found;
}

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

  it('the emulator listens on 127.0.0.1 only (BIND_HOST), never on every interface', () => {
    const port = Number(new URL(emulatorEndpoint()).port);
    // 0100007F is 127.0.0.1 in the kernel's little-endian hex; 00000000 would be 0.0.0.0.
    expect(listeners(port)).toEqual(['0100007F']);
  });
});
