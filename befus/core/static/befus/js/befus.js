/* The platform's few behaviours, without inline script (the Content-Security-Policy forbids it).
 *
 * - A form, or the button that submits it, with data-confirm="Question?" asks the question first
 *   and submits only on OK.
 * - A button with data-print prints the page.
 * - After htmx replaces a list, the count it shows ([data-live-count]) is said to screen readers
 *   through the page's one status region; the list itself is not read out.
 * - On a phone, the menu button folds the header's menus away and opens them (the page's <html>
 *   gets the class "js", which the stylesheet needs to fold them).
 *
 * Everything works without this file: the forms then submit without asking.
 */
"use strict";

document.addEventListener("submit", (event) => {
  const form = event.target;
  const button = event.submitter;
  const question = (button && button.dataset.confirm) || form.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});

document.documentElement.classList.add("js");

document.addEventListener("click", (event) => {
  const button = event.target.closest(".menu-toggle");
  if (button) {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    button.closest(".site-header").classList.toggle("menu-open", open);
  }
});

document.addEventListener("htmx:afterSettle", () => {
  const count = document.querySelector("[data-live-count]");
  const status = document.getElementById("live-status");
  if (count && status) {
    status.textContent = count.textContent.replace(/\s+/g, " ").trim();
  }
});
