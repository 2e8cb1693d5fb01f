/**
 * The HTTP status of a GraphQL answer under `application/json`: GraphQL over HTTP answers
 * request errors with 200 there (the request was well-formed HTTP; the problem is in the
 * GraphQL document or its variables). Under `application/graphql-response+json` they keep
 * Apollo's 400.
 */
const GRAPHQL_REQUEST_ERRORS = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'MAX_COST_EXCEEDED',
  'LIMIT_EXCEEDED',
  'VALIDATION',
]);

/** Whether a 400 from Apollo is a GraphQL request error answered as `application/json`. */
export function isGraphQLRequestError(contentType: string | undefined, body: string): boolean {
  if (!contentType?.startsWith('application/json')) return false;
  try {
    const parsed = JSON.parse(body) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    return (
      parsed.data === undefined &&
      Array.isArray(parsed.errors) &&
      parsed.errors.length > 0 &&
      parsed.errors.every((e) => GRAPHQL_REQUEST_ERRORS.has(String(e.extensions?.code)))
    );
  } catch {
    return false;
  }
}
