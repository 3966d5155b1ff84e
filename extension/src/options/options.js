import { wireConnectForm } from './connect-form.js';

wireConnectForm(document).then(() => {
  // Everything is shown: the browser tests wait for this.
  document.body.dataset.ready = 'true';
});
