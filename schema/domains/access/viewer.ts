export const ROLES = ['CITY_ADMIN', 'COUNTY_ADMIN', 'SCHOOL_ADMIN', 'EVALUATOR', 'PORTAL'] as const;
export type Role = (typeof ROLES)[number];

/** What a caller may do in general; the jurisdiction check narrows it to places. */
export const SCOPES = ['read', 'write', 'personal', 'sync'] as const;
export type Scope = (typeof SCOPES)[number];

/** Default scopes of each role, for people's tokens and for API keys created without --scopes. */
export const ROLE_SCOPES: Record<Role, Scope[]> = {
  CITY_ADMIN: ['read', 'write', 'personal', 'sync'],
  COUNTY_ADMIN: ['read', 'write', 'personal', 'sync'],
  SCHOOL_ADMIN: ['read', 'write', 'personal'],
  EVALUATOR: ['read', 'write'],
  PORTAL: ['read'],
};

/** Scopes a role can never hold, whatever a key or token claims. */
export const ROLE_SCOPE_CEILING: Record<Role, Scope[]> = {
  ...ROLE_SCOPES,
  EVALUATOR: ['read', 'write'],
  PORTAL: ['read'],
};

export interface Viewer {
  kind: 'anonymous' | 'user' | 'apiKey' | 'system';
  /** Stable actor id for the audit trail: `user:<sub>`, `apikey:<prefix>`, `system:<why>`. */
  actor: string;
  role: Role | 'ANONYMOUS' | 'SYSTEM';
  /** Root of the jurisdiction (GB/T 2260 code); null for anonymous, system and school roles. */
  regionCode: string | null;
  schoolCode: string | null;
  /** Resolved at authentication time so per-row checks need no lookup. */
  schoolId: number | null;
  scopes: ReadonlySet<Scope>;
}

export const anonymousViewer: Viewer = Object.freeze({
  kind: 'anonymous',
  actor: 'anonymous',
  role: 'ANONYMOUS',
  regionCode: null,
  schoolCode: null,
  schoolId: null,
  scopes: new Set<Scope>(),
});

/** For seeding and the CLI: acts everywhere, still audited. */
export function systemViewer(reason: string): Viewer {
  return {
    kind: 'system',
    actor: `system:${reason}`,
    role: 'SYSTEM',
    regionCode: null,
    schoolCode: null,
    schoolId: null,
    scopes: new Set<Scope>(SCOPES),
  };
}
