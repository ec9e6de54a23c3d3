// htmx keeps earlier states as snapshots of the page's HTML. What a person typed or
// picked in the filter form lives in properties, not in the HTML, so write it into the
// attributes before each snapshot: going back then shows the filters of that state.
document.addEventListener("htmx:beforeHistorySave", function () {
  document.querySelectorAll("#filters input, #filters select").forEach(function (field) {
    if (field.tagName === "SELECT") {
      Array.from(field.options).forEach(function (option) {
        option.toggleAttribute("selected", option.selected);
      });
    } else if (field.type !== "submit") {
      field.setAttribute("value", field.value);
    }
  });
});

// Leave empty filters out of the URL: "?actor=russia", not "?q=&actor=russia&kind=...".
document.addEventListener("htmx:configRequest", function (event) {
  if (event.detail.elt.id !== "filters") return;
  var parameters = event.detail.parameters;
  Object.keys(parameters).forEach(function (name) {
    if (parameters[name] === "") delete parameters[name];
  });
});
