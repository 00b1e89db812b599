import type { KindLive } from '../live-types';

/**
 * The chat forwarder's function and queue: billed per request and per GB-second, a few alarm
 * notifications a day are far inside AWS's free tiers (1 M Lambda requests, 1 M SQS requests).
 */
export const forwarderLive: KindLive = {
  bills: () => [
    {
      item: 'negligible',
      count: 1,
      assumption: 'Lambda and SQS per request: under 1 M notifications a month this is within the free tier',
    },
  ],
};
