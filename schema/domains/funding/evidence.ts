import { z } from 'zod';

/** A link to the evidence (凭证) of a payment or a spending report. */
export const evidenceUrl = z.string().trim().url('must be a URL to the evidence (凭证链接)').max(500);
