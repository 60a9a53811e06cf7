/* GOV.UK Frontend's styles for when JavaScript runs, set before the page is drawn (so nothing
   jumps). Loaded from here, not inline: the Content Security Policy allows no inline script. */
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
