// Self-hosted webmail the user enabled (Roundcube, else the generic fallback). Not in the manifest: the
// background registers it at run time for the granted origins only.
import '../sidebar/sidebar.css';
import { genericAdapter } from '../adapters/generic/adapter';
import { AdapterManager } from '../adapters/manager';
import { roundcubeAdapter } from '../adapters/roundcube/adapter';
import { mountSidebar } from '../content/mount-sidebar';

export default defineContentScript({
  matches: [],
  registration: 'runtime',
  cssInjectionMode: 'ui',
  main: (ctx) => mountSidebar(ctx, new AdapterManager().register(roundcubeAdapter, genericAdapter)),
});
