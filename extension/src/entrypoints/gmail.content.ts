// Gmail: the sidebar next to a conversation.
import '../sidebar/sidebar.css';
import { gmailAdapter } from '../adapters/gmail/adapter';
import { AdapterManager } from '../adapters/manager';
import { mountSidebar } from '../content/mount-sidebar';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  main: (ctx) => mountSidebar(ctx, new AdapterManager().register(gmailAdapter)),
});
