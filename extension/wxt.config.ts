import { defineConfig } from 'wxt';

export default defineConfig({
  srcDir: 'src',
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'Peerpost',
    description: 'Peer-mentoring context, prompts and health next to your email thread.',
    permissions: ['storage'],
  },
});
