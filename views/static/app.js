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

  // Copy buttons: <button data-copy="#input-id">, or <button data-copy-url="/path"> for a value
  // asked for on click (a POST with the CSRF token; the API key is not kept in the page). The
  // Clipboard API needs a secure context (https or localhost); on plain http in the LAN fall back
  // to selecting a field and copying.
  const copyText = async (text, field) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      const input = field ?? Object.assign(document.createElement('input'), { value: text, readOnly: true, className: 'visually-hidden' });
      if (!field) document.body.append(input);
      input.select();
      const copied = document.execCommand('copy');
      if (!field) input.remove();
      return copied;
    }
  };
  document.addEventListener('click', async (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-copy], [data-copy-url]') : null;
    if (!button) return;
    let copied = false;
    if (button.hasAttribute('data-copy-url')) {
      const res = await fetch(button.getAttribute('data-copy-url'), { method: 'POST', headers: { 'X-CSRF-Token': csrfToken() }, credentials: 'same-origin' }).catch(() => null);
      copied = res?.ok ? await copyText(await res.text()) : false;
    } else {
      const source = document.querySelector(button.getAttribute('data-copy'));
      if (!(source instanceof HTMLInputElement)) return;
      copied = await copyText(source.value, source);
    }
    const label = button.textContent;
    button.textContent = copied ? 'Copied' : 'Select and copy';
    button.classList.toggle('copied', copied);
    setTimeout(() => {
      button.textContent = label;
      button.classList.remove('copied');
    }, 2000);
  });

  // Times: the server writes <time datetime="…Z"> with a relative text ("in 4 minutes"). Here the
  // tooltip becomes the date and time in the browser's own time zone, and the relative text is
  // kept current (same wording as views/format.ts relativeTime).
  const phrase = (s) =>
    s < 45 ? 'a few seconds' : s < 90 ? 'a minute' : s < 3600 ? `${Math.round(s / 60)} minutes` : s < 5400 ? 'an hour' : s < 86400 ? `${Math.round(s / 3600)} hours` : s < 172800 ? 'a day' : `${Math.round(s / 86400)} days`;
  // (dateStyle/timeStyle cannot be combined with timeZoneName: Chromium throws "Invalid option".)
  const localFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
  const localiseTimes = () => {
    const now = Date.now();
    for (const el of document.querySelectorAll('time[datetime]')) {
      const at = Date.parse(el.getAttribute('datetime'));
      if (Number.isNaN(at)) continue;
      const seconds = Math.round((now - at) / 1000);
      el.textContent = seconds < 0 ? `in ${phrase(-seconds)}` : `${phrase(seconds)} ago`;
      el.title = localFormat.format(at);
      el.setAttribute('data-local', '');
    }
  };
  document.addEventListener('DOMContentLoaded', localiseTimes);
  document.addEventListener('htmx:after:swap', localiseTimes);
  setInterval(localiseTimes, 30000);

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
