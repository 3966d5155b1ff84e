import { wireConnectForm } from '../options/connect-form.js';

wireConnectForm(document, (connected) => {
  document.getElementById('step-connect').classList.toggle('done', connected);
}).then(() => {
  document.body.dataset.ready = 'true';
});
