import { mountSettingsPage } from '../../settings/mount-settings-page';

mountSettingsPage(document.getElementById('root')!);
