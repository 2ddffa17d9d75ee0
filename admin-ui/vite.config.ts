import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The core serves the build at /admin; `npm run dev` proxies the API to a local server on :3000.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  // tap hoists React 18 to the root node_modules; the panel's own React 19 must be the only copy.
  resolve: { dedupe: ['react', 'react-dom'] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 600 },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', ws: true },
    },
  },
});
