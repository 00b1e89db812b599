import type { ServicePack } from '../types';
import { fixed, none, recommendations } from './shared';

const domain = (arn: string) => {
  const p = arn.split(':');
  const m = /^domain\/([^/]+)$/.exec(p.slice(5).join(':'));
  return p[2] === 'es' && m ? { name: m[1] as string, account: p[4] as string } : undefined;
};

/** Amazon OpenSearch Service: per domain. */
export const opensearch: ServicePack = {
  service: 'opensearch',
  title: 'Amazon OpenSearch Service',
  noun: ['domain', 'domains'],
  discovery: { via: 'tagging-api', resourceType: 'es:domain' },
  dimensions: (arn) => {
    const d = domain(arn);
    return d ? { DomainName: d.name, ClientId: d.account } : undefined;
  },
  name: (arn) => domain(arn)?.name ?? arn,
  iam: ['tag:GetResources'],
  recommendations: recommendations('Amazon OpenSearch Service', 'AWS/ES', [
    {
      key: 'ClusterStatus.red',
      stat: 'Maximum',
      threshold: fixed(1),
      op: '>=',
      period: 60,
      of: [1, 1],
      intent: 'A primary shard unallocated: data unavailable.',
    },
    {
      key: 'ClusterStatus.yellow',
      stat: 'Maximum',
      threshold: fixed(1),
      op: '>=',
      period: 60,
      of: [1, 1],
      intent: 'A replica shard unallocated: no redundancy.',
    },
    {
      key: 'FreeStorageSpace',
      stat: 'Minimum',
      threshold: none("about 25% of each node's storage (MiB)"),
      op: '<=',
      period: 60,
      of: [1, 1],
      intent: 'A node running out of storage, after which writes are blocked.',
    },
    {
      key: 'ClusterIndexWritesBlocked',
      stat: 'Maximum',
      threshold: fixed(1),
      op: '>=',
      period: 300,
      of: [1, 1],
      intent: 'The cluster refusing writes.',
    },
    {
      key: 'Nodes',
      stat: 'Minimum',
      threshold: none('the number of nodes the domain is configured with'),
      op: '<',
      period: 86400,
      of: [1, 1],
      intent: 'Fewer nodes than configured for a day.',
    },
    {
      key: 'AutomatedSnapshotFailure',
      stat: 'Maximum',
      threshold: fixed(1),
      op: '>=',
      period: 60,
      of: [1, 1],
      intent: 'An automated snapshot failed.',
    },
    {
      key: 'CPUUtilization',
      stat: 'Average',
      threshold: fixed(80),
      op: '>=',
      period: 900,
      of: [3, 3],
      intent: 'Data nodes busy for 45 minutes.',
    },
    {
      key: 'JVMMemoryPressure',
      stat: 'Maximum',
      threshold: fixed(95),
      op: '>=',
      period: 60,
      of: [3, 3],
      intent: 'The JVM heap nearly full: out-of-memory errors ahead.',
    },
    {
      key: 'MasterCPUUtilization',
      stat: 'Maximum',
      threshold: fixed(50),
      op: '>=',
      period: 900,
      of: [3, 3],
      intent: 'The dedicated master nodes busy.',
    },
    {
      key: 'MasterJVMMemoryPressure',
      stat: 'Maximum',
      threshold: fixed(95),
      op: '>=',
      period: 900,
      of: [1, 1],
      intent: 'The master nodes’ JVM heap nearly full.',
    },
    {
      key: 'KMSKeyError',
      stat: 'Maximum',
      threshold: fixed(1),
      op: '>=',
      period: 60,
      of: [1, 1],
      intent: 'The encryption-at-rest key disabled.',
    },
    {
      key: 'KMSKeyInaccessible',
      stat: 'Maximum',
      threshold: fixed(1),
      op: '>=',
      period: 60,
      of: [1, 1],
      intent: 'The encryption-at-rest key deleted or its grants revoked.',
    },
    {
      key: 'ThreadpoolWriteQueue',
      stat: 'Average',
      threshold: fixed(100),
      op: '>=',
      period: 60,
      of: [1, 1],
      intent: 'Write requests queueing on the nodes.',
    },
    {
      key: 'ThreadpoolSearchQueue',
      stat: 'Maximum',
      threshold: fixed(500),
      op: '>=',
      period: 60,
      of: [1, 1],
      intent: 'Search requests queueing on the nodes.',
    },
  ]),
};
