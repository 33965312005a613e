// Previewarr's only script besides htmx. No inline scripts anywhere (the CSP forbids them), so
// everything the pages need from JavaScript is here.
(() => {
  'use strict';

  const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

  // Every htmx request carries the session's CSRF token; the server refuses changes without it.
  document.addEventListener('htmx:config:request', (event) => {
    const token = csrfToken();
    if (token) event.detail.ctx.request.headers['X-CSRF-Token'] = token;
  });

  // Copy buttons: <button data-copy="#input-id">. The Clipboard API needs a secure context
  // (https or localhost); on plain http in the LAN fall back to selecting and copying.
  document.addEventListener('click', async (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-copy]') : null;
    if (!button) return;
    const source = document.querySelector(button.getAttribute('data-copy'));
    if (!(source instanceof HTMLInputElement)) return;
    let copied = false;
    try {
      await navigator.clipboard.writeText(source.value);
      copied = true;
    } catch {
      source.select();
      copied = document.execCommand('copy');
    }
    const label = button.textContent;
    button.textContent = copied ? 'Copied' : 'Select and copy';
    button.classList.toggle('copied', copied);
    setTimeout(() => {
      button.textContent = label;
      button.classList.remove('copied');
    }, 2000);
  });

  // Toasts fade out on their own after a few seconds; errors stay a little longer.
  const scheduleToastRemoval = (root) => {
    for (const toast of root.querySelectorAll?.('.toast:not([data-timed])') ?? []) {
      toast.setAttribute('data-timed', '');
      const ms = toast.classList.contains('toast-error') ? 8000 : 4000;
      setTimeout(() => {
        toast.classList.add('leaving');
        setTimeout(() => toast.remove(), 400);
      }, ms);
    }
  };
  document.addEventListener('htmx:after:swap', () => scheduleToastRemoval(document));

  // Network failures (server restarting, connection lost) get a toast instead of silence.
  document.addEventListener('htmx:error', (event) => {
    if (event.detail?.ctx?.response) return; // an HTTP error answer is swapped in by the server's own markup
    const area = document.getElementById('toast');
    if (!area) return;
    area.innerHTML = '';
    const toast = document.createElement('div');
    toast.className = 'toast toast-error';
    toast.setAttribute('role', 'alert');
    toast.textContent = 'Previewarr did not answer. Is it running? Try again in a moment.';
    area.append(toast);
    scheduleToastRemoval(area);
  });
})();
