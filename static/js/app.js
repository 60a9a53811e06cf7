/* Keeps the addresses htmx pushes short: a filter left empty is not sent (the server treats a
   missing parameter and an empty one alike), so the URL is the same permalink a person would write. */
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    var data = event.detail.formData;
    if (!data || event.detail.verb !== "get") {
      return;
    }
    var names = [];
    data.forEach(function (value, name) {
      if (value === "" && names.indexOf(name) === -1) {
        names.push(name);
      }
    });
    names.forEach(function (name) {
      var kept = data.getAll(name).filter(function (value) { return value !== ""; });
      data.delete(name);
      kept.forEach(function (value) { data.append(name, value); });
    });
  });
})();
