// Outlook on the web: the sidebar next to the reading pane's conversation.
import '../sidebar/sidebar.css';
import { AdapterManager } from '../adapters/manager';
import { outlookAdapter } from '../adapters/outlook/adapter';
import { mountSidebar } from '../content/mount-sidebar';

export default defineContentScript({
  matches: ['https://outlook.office.com/*', 'https://outlook.live.com/*'],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  main: (ctx) => mountSidebar(ctx, new AdapterManager().register(outlookAdapter)),
});
