import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const SERVER = process.env.GAME_SERVER ?? 'http://localhost:2567';
const CLIENT = fileURLToPath(new URL('./client', import.meta.url));

// The browser client: built from client/ into dist/, which the game server serves.
// Four pages: the game, the facilitator console, the class join page and the debrief.
export default defineConfig({
  root: 'client',
  base: './',
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: Object.fromEntries(['index', 'console', 'class', 'debrief'].map((p) => [p, resolve(CLIENT, `${p}.html`)])),
      output: {
        // Phaser is large and changes rarely: its own chunk, loaded only when the table opens.
        manualChunks: (id: string) => (id.includes('node_modules/phaser/') ? 'phaser' : null),
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: SERVER, changeOrigin: true },
      // Colyseus matchmaking and room sockets.
      '/matchmake': { target: SERVER, changeOrigin: true },
      '^/[A-Za-z0-9_-]{6,}/[A-Za-z0-9_-]+': { target: SERVER.replace(/^http/, 'ws'), ws: true, changeOrigin: true },
    },
  },
});
