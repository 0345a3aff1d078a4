// `npm run build`: the three rollup outputs, then the .d.ts files. Each step stops the build on error.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const steps = [
  ['rollup', ['-c', '--silent']],
  ['tsc', ['-p', 'tsconfig.build.json', '--emitDeclarationOnly']],
];

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
for (const [command, args] of steps) {
  const result = spawnSync(`node_modules/.bin/${command}`, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: ${command} failed`);
    process.exit(result.status ?? 1);
  }
}
