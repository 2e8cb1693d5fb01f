// Every table of every domain, for drizzle-kit and the database client.
export * from './domains/organisation/table.js';
export * from './domains/access/table.js';
export * from './domains/audit/table.js';
export * from './domains/settings/table.js';
