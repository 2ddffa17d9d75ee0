// Builds the admin panel (admin-ui/dist) when it is missing, so `npm start` on a fresh clone serves
// /admin. `--force` rebuilds anyway. The core answers 503 at /admin if there is still no build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(`${root}admin-ui/dist/index.html`);
if (built && !process.argv.includes('--force')) process.exit(0);
if (!existsSync(`${root}admin-ui/node_modules`) && !existsSync(`${root}node_modules/vite`)) {
  console.warn('admin-ui: dependencies are not installed (run npm install); /admin will answer 503');
  process.exit(0);
}
console.log('Building the admin panel (admin-ui/dist)…');
const result = spawnSync('npm', ['run', 'build', '--workspace', '@racedesk/admin-ui'], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) {
  console.warn('admin-ui: the build failed; the server starts anyway and /admin answers 503');
}
