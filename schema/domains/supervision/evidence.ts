import { z } from 'zod';

/** Links to the evidence of a finding, report or recheck: http(s) URLs, at most 20. */
export const evidenceLinks = z.array(z.url({ protocol: /^https?$/, error: 'must be an http(s) link' })).max(20);
