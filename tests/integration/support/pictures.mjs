// A picture host for avatars, as Gravatar or Google would be: HTTPS on
// 127.0.0.1 with a certificate from a throwaway test CA (makeTestCA).
import https from 'node:https';
import { crc32, deflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

// A square PNG of one colour, made here so no image file is committed.
export function solidPng(size, [r, g, b]) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;  // bit depth
  header[9] = 2;  // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [r, g, b]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Serves `routes` ({path: {status = 200, type, body, headers}}) over HTTPS;
// returns {url(path), requests (paths asked for, in order)}.
export async function startPictureHost(t, ca, routes) {
  const requests = [];
  const server = https.createServer({ cert: readFileSync(ca.certPath), key: readFileSync(ca.keyPath) }, (req, res) => {
    requests.push(req.url);
    const r = routes[req.url];
    if (!r) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('no such picture');
    }
    res.writeHead(r.status ?? 200, { ...(r.type ? { 'content-type': r.type } : {}), ...(r.headers ?? {}) });
    res.end(r.body ?? '');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));
  const { port } = server.address();
  return { url: (p) => `https://127.0.0.1:${port}${p}`, requests };
}
