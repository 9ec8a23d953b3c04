import { defineConfig } from 'wxt';

// PEERPOST_TEST_BUILD=1 (end-to-end tests only) pre-grants loopback and the test hosts, so the tests can go
// through the real "enable this webmail" and "server URL" flows without a permission prompt to click.
const testBuild = process.env.PEERPOST_TEST_BUILD === '1';

export default defineConfig({
  srcDir: 'src',
  outDir: testBuild ? '.output-test' : '.output',
  modules: ['@wxt-dev/module-react'],
  // Manifest V3 for Firefox too: optional host permissions and scripting.registerContentScripts.
  manifestVersion: 3,
  hooks: {
    // The self-hosted webmail script is registered at run time for origins only the user knows, so its
    // stylesheet must be loadable from any page (dynamic URLs keep sites from probing for it).
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const resource of manifest.web_accessible_resources ?? []) {
        if (typeof resource === 'object' && resource.resources.includes('content-scripts/webmail.css')) {
          resource.matches = ['https://*/*', 'http://*/*'];
        }
      }
    },
  },
  manifest: {
    name: 'Peerpost',
    description: 'Peer-mentoring context, prompts and health next to your email thread.',
    permissions: ['storage', 'scripting'],
    // The server and self-hosted webmail are asked for one origin at a time, when the user adds them.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    ...(testBuild ? { host_permissions: ['http://127.0.0.1/*', 'https://*.peerpost.test/*'] } : {}),
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; base-uri 'none'; frame-ancestors 'none'",
    },
    browser_specific_settings: { gecko: { id: 'extension@peerpost.org', strict_min_version: '128.0' } },
    action: { default_title: 'Peerpost' },
  },
});
