// Where the end-to-end suite finds the built extension and writes its artefacts.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const releaseBuild = path.join(repoRoot, 'extension/.output/chrome-mv3');
export const firefoxReleaseBuild = path.join(repoRoot, 'extension/.output/firefox-mv3');
export const testBuild = path.join(repoRoot, 'extension/.output-test/chrome-mv3');
export const screenshotsDir = path.join(repoRoot, 'test-results/screenshots');
export const benchDir = path.join(repoRoot, 'bench-results');

export function screenshotPath(name: string): string {
  mkdirSync(screenshotsDir, { recursive: true });
  return path.join(screenshotsDir, `${name}.png`);
}
