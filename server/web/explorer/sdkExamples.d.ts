/** The SDK's operations, injected by server/web/build.mjs at build time. */
declare module 'edugov:examples' {
  const examples: import('./examples.js').Example[];
  export default examples;
}
