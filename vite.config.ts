import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { bundledGolden } from './scripts/vite-bundled-golden.ts';

/**
 * The built page's Content-Security-Policy: everything from its own origin, nothing inline but
 * style attributes (React's and chart.js's inline styles), and WebAssembly compilation for the CPU
 * backend's SIMD kernels ('wasm-unsafe-eval', not 'unsafe-eval': no eval of JavaScript). The dev
 * server gets none: React's fast refresh injects an inline script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'dropout-lab-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

// Relative base so dist/ works from any path (a sub-folder, a static file server, a zip).
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy(), bundledGolden()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
