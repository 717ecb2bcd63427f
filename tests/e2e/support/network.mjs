// What crossed the network for a page load, from Chromium's DevTools
// protocol: bytes on the wire per response and whether it came from cache.
export async function recordNetwork(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const byId = new Map();
  cdp.on('Network.responseReceived', (e) => {
    byId.set(e.requestId, {
      url: e.response.url,
      status: e.response.status,
      encoding: e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '',
      cacheControl: e.response.headers['cache-control'] || e.response.headers['Cache-Control'] || '',
      fromCache: e.response.fromDiskCache || e.response.fromMemoryCache || false,
      bytes: 0,
    });
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = byId.get(e.requestId);
    if (r) r.fromCache = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = byId.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  return {
    responses: () => [...byId.values()],
    wireBytes: () => [...byId.values()].reduce((n, r) => n + (r.fromCache ? 0 : r.bytes), 0),
    detach: () => cdp.detach(),
  };
}
