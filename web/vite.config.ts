import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompileMessages } from './precompile-messages.ts';
import { recordSources } from './record-sources.ts';

// The web app lives in web/ and builds into web/dist, which the Fastify server serves at `/`
// (index.html) and `/assets/` (hashed files), with the API on the same origin under `/api`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [
    react(),
    precompileMessages(),
    recordSources(fileURLToPath(new URL('..', import.meta.url))),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // A member on a basic phone pays for every byte: keep the report honest about gzip sizes.
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The parts of one language's catalogue travel together: one request per language.
          groups: ['fr', 'es', 'hi'].map((language) => ({
            name: `messages-${language}`,
            test: new RegExp(
              `[\\\\/]web[\\\\/]src[\\\\/]i18n[\\\\/](?:areas[\\\\/][a-z-]+[\\\\/])?${language}\\.json`,
            ),
          })),
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
});
