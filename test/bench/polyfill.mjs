// PostGraphile 5 uses Promise.withResolvers (Node 22+); Node 20 needs this one-liner.
Promise.withResolvers ??= function withResolvers() {
  let resolve, reject;
  const promise = new this((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
