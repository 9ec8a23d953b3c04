// Measures, inside the page, the time from a fixture webmail swapping in a thread's DOM (openThread records
// `__threadShownAt` synchronously) to the sidebar's shadow root showing the expected element.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { benchDir, releaseBuild } from './paths';

export async function timeNavigation(page: Page, threadId: string, doneSelector: string): Promise<number> {
  return page.evaluate(
    ({ id, selector }) =>
      new Promise<number>((resolve) => {
        const root = document.querySelector('peerpost-sidebar')!.shadowRoot!;
        const w = window as unknown as { openThread(id: string): void; __threadShownAt: number };
        const observer = new MutationObserver(() => {
          if (root.querySelector(selector)) {
            observer.disconnect();
            resolve(performance.now() - w.__threadShownAt);
          }
        });
        observer.observe(root, { subtree: true, childList: true, attributes: true });
        w.openThread(id);
      }),
    { id: threadId, selector: doneSelector },
  );
}

/** Alternates between the given navigations `count` times and returns every sample in milliseconds. */
export async function benchNavigations(
  page: Page,
  steps: Array<{ threadId: string; doneSelector: string }>,
  count = 50,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const step = steps[i % steps.length]!;
    samples.push(await timeNavigation(page, step.threadId, step.doneSelector));
  }
  return samples;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Writes bench-results/extension.json (with the content scripts' gzipped sizes) and prints it. */
export function writeExtensionBench(samples: number[], measured: string): Record<string, unknown> {
  const sorted = [...samples].sort((a, b) => a - b);
  const gzipped = (name: string) =>
    gzipSync(readFileSync(path.join(releaseBuild, 'content-scripts', `${name}.js`)), { level: 9 }).length;
  const result = {
    name: 'extension',
    measuredAt: new Date().toISOString(),
    threadToSidebar: {
      measured,
      navigations: samples.length,
      p50Ms: Math.round(percentile(sorted, 0.5) * 10) / 10,
      p95Ms: Math.round(percentile(sorted, 0.95) * 10) / 10,
      goalP95Ms: 150,
    },
    contentScriptGzipBytes: {
      gmail: gzipped('gmail'),
      outlook: gzipped('outlook'),
      webmail: gzipped('webmail'),
      goal: 150 * 1024,
    },
  };
  mkdirSync(benchDir, { recursive: true });
  writeFileSync(path.join(benchDir, 'extension.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  return result;
}
