// Hatchery library: pick pages and hatch them. Everything else is plain
// forms. Text from the server is set with textContent, never innerHTML.

/**
 * The session's CSRF token, which /api/* wants in X-Hatchery-CSRF.
 * @returns {string}
 */
function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : '';
}

/**
 * Enable the Hatch button once a page is picked, and say how many are.
 * @param {HTMLFormElement} form
 */
function updatePickCount(form) {
  const picked = form.querySelectorAll('input[name="page_ids"]:checked').length;
  const button = form.querySelector('#hatch-button');
  button.disabled = picked === 0;
  button.textContent =
    picked === 0
      ? 'Hatch selected pages'
      : `Hatch ${picked} page${picked === 1 ? '' : 's'}`;
}

/**
 * POST the picked pages to /api/hatches and open the new hatch.
 * @param {HTMLFormElement} form
 */
async function hatchPicked(form) {
  const status = form.querySelector('#hatch-status');
  const button = form.querySelector('#hatch-button');
  const pageIds = [...form.querySelectorAll('input[name="page_ids"]:checked')].map(
    (box) => Number(box.value),
  );
  const length = form.querySelector('select[name="length"]').value;
  status.classList.remove('error');
  status.textContent = 'Hatching…';
  button.disabled = true;
  try {
    const response = await fetch(form.dataset.api, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        'X-Hatchery-CSRF': csrfToken(),
      },
      body: JSON.stringify({ page_ids: pageIds, length }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(
        (body.error && body.error.message) || `The server answered ${response.status}.`,
      );
    }
    window.location.assign(`/hatches/${body.hatch.id}`);
  } catch (error) {
    status.classList.add('error');
    status.textContent = `Could not hatch: ${error.message}`;
    updatePickCount(form);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const form = document.querySelector('#hatch-form');
  if (form) {
    form.addEventListener('change', () => updatePickCount(form));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      hatchPicked(form);
    });
    updatePickCount(form);
  }
});
