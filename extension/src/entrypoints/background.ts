// The background owns the server URL, the token and every network call; everything else asks it by message.
import { registerHandlers } from '../background/handlers';
import { readSettings } from '../background/settings';
import { syncWebmailScripts } from '../background/webmail-scripts';

export default defineBackground(() => {
  registerHandlers();
  // Re-register the self-hosted webmail script after an update or when permissions changed elsewhere.
  const resync = () =>
    readSettings()
      .then((settings) => syncWebmailScripts(settings.webmailOrigins))
      .catch((error: unknown) => console.warn('[peerpost] could not register the webmail script', error));
  browser.runtime.onInstalled.addListener(resync);
  browser.permissions.onRemoved.addListener(resync);
});
