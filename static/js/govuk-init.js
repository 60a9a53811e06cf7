/* Starts GOV.UK Frontend's components (header menu, skip link, details, buttons), and those in
   what htmx swaps in later (the page's own are started once, here). */
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();

document.addEventListener("htmx:load", function (event) {
  if (event.detail.elt !== document.body) {
    initAll({ scope: event.detail.elt });
  }
});
