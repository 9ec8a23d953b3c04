// The release builds users load, for Chromium and for Firefox (built by the global setup with
// `wxt build` and `wxt build -b firefox`): Manifest V3, a strict CSP, and no code that is not in the package.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firefoxReleaseBuild, releaseBuild } from './harness/paths';

interface Manifest {
  manifest_version: number;
  content_security_policy?: { extension_pages?: string };
  background?: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: { gecko?: { id?: string } };
  host_permissions?: string[];
  content_scripts?: Array<{ matches: string[]; js?: string[] }>;
}

function filesOf(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(ext))
    .map((file) => path.join(dir, file));
}

describe.each([
  ['chromium', releaseBuild],
  ['firefox', firefoxReleaseBuild],
])('the %s release build', (browserName, dir) => {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

  it('is Manifest V3 with a strict CSP that allows only the package’s own scripts', () => {
    expect(manifest.manifest_version).toBe(3);
    const csp = manifest.content_security_policy?.extension_pages ?? '';
    const scriptSrc = csp.split(';').find((directive) => directive.trim().startsWith('script-src'));
    expect(scriptSrc?.trim()).toBe("script-src 'self'");
    expect(csp).toContain("object-src 'self'");
    expect(csp).not.toMatch(/unsafe-(eval|inline)|https?:/);
    expect(manifest.host_permissions ?? []).toEqual([]);
  });

  it('loads no remote code: local script tags only, no eval or Function constructor in any bundle', () => {
    const pages = filesOf(dir, '.html');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) {
      const sources = [...readFileSync(page, 'utf8').matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)].map(
        (match) => match[1]!,
      );
      expect(sources.length, page).toBeGreaterThan(0);
      for (const source of sources) expect(source, page).toMatch(/^\/[^/]/);
    }
    const scripts = filesOf(dir, '.js');
    for (const script of [...(manifest.content_scripts ?? []).flatMap((entry) => entry.js ?? [])]) {
      expect(scripts).toContain(path.join(dir, script));
    }
    for (const script of scripts) {
      const code = readFileSync(script, 'utf8');
      expect(code, script).not.toMatch(/\beval\(|new Function\(|importScripts\(|import\(\s*["'`]https?:/);
    }
  });

  it('declares the background the way this browser runs it', () => {
    if (browserName === 'firefox') {
      expect(manifest.background).toEqual({ scripts: ['background.js'] });
      expect(manifest.browser_specific_settings?.gecko?.id).toBe('extension@peerpost.org');
    } else {
      expect(manifest.background?.service_worker).toBe('background.js');
    }
  });
});
