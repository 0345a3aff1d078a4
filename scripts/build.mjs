// `npm run build`: the three rollup outputs, the .d.ts files and custom-elements.json. The steps
// write separate outputs, so they run side by side; any failure fails the build.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

const steps = [
  ['rollup', ['-c', '--silent']],
  ['tsc', ['-p', 'tsconfig.build.json', '--emitDeclarationOnly']],
  // Reads custom-elements-manifest.config.mjs; --quiet keeps the build output to errors.
  ['cem', ['analyze', '--quiet']],
];

function run([command, args]) {
  return new Promise((resolve) => {
    const child = spawn(`node_modules/.bin/${command}`, args, { stdio: 'inherit' });
    child.on('close', (code) => resolve(code === 0 ? undefined : command));
  });
}

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const failed = (await Promise.all(steps.map(run))).filter(Boolean);
if (failed.length) {
  console.error(`build: ${failed.join(', ')} failed`);
  process.exit(1);
}
