/* Starts GOV.UK Frontend's components (header menu, skip link, details, buttons). */
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
