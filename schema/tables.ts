// Every table of every domain, for drizzle-kit and the database client.
export * from './domains/organisation/table.js';
export * from './domains/access/table.js';
export * from './domains/audit/table.js';
export * from './domains/settings/table.js';
export * from './domains/pools/table.js';
export * from './domains/responsibility/table.js';
export * from './domains/evaluation/table.js';
export * from './domains/evaluation/balanceTable.js';
export * from './domains/exchanges/table.js';
export * from './domains/staffing/table.js';
export * from './domains/funding/table.js';
export * from './domains/enrolment/table.js';
export * from './domains/supervision/table.js';
