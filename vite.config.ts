import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative base so dist/ works from any path (a sub-folder, a static file server, a zip).
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
