// The peers page's static server (Vite's preview): files with their types, the cross-origin
// isolation headers only when asked for, and every 404 recorded.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS, serve } from '../peers/server';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bench-serve-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'seed-job.json'), '{"a":1}');
  mkdirSync(join(dir, 'tfjs-wasm'));
  writeFileSync(join(dir, 'tfjs-wasm', 'x.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the peers page server', () => {
  it('serves the built files with COOP/COEP when isolated, and records what was missing', async () => {
    const server = await serve(dir, true);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(server.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>t</title>');
      for (const [name, value] of Object.entries(ISOLATION_HEADERS)) expect(page.headers.get(name)).toBe(value);
      const wasm = await fetch(new URL('tfjs-wasm/x.wasm', server.url));
      expect(wasm.headers.get('content-type')).toBe('application/wasm');
      expect(wasm.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
      expect(await (await fetch(new URL('seed-job.json', server.url))).json()).toEqual({ a: 1 });
      expect((await fetch(new URL('nothing/here.js', server.url))).status).toBe(404);
      expect(server.missing).toEqual(['/nothing/here.js']);
    } finally {
      await server.close();
    }
  });

  it('sends no isolation headers when not isolated', async () => {
    const server = await serve(dir, false);
    try {
      const page = await fetch(server.url);
      expect(page.status).toBe(200);
      expect(page.headers.get('cross-origin-opener-policy')).toBeNull();
      expect(page.headers.get('cross-origin-embedder-policy')).toBeNull();
      expect(server.missing).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
