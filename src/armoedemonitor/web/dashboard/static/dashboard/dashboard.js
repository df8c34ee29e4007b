// Choosing another figure goes straight to its page; without JavaScript the form still works
// for year and area level, and every figure is linked from the home page.
document.querySelectorAll("select[data-navigate]").forEach(function (select) {
  select.form.addEventListener("submit", function (event) {
    var target = select.value;
    if (target && target !== window.location.pathname) {
      event.preventDefault();
      var params = new URLSearchParams(new FormData(select.form));
      params.delete(select.name);
      window.location.href = target + "?" + params.toString();
    }
  });
});

// The map's tooltip for keyboard and touch too: the area under the pointer or with focus
// is named, with its figure, in a line under the map (also read out by screen readers).
document.querySelectorAll("svg.map").forEach(function (map) {
  var info = document.getElementById("kaart-info");
  if (!info) { return; }
  function show(event) {
    var link = event.target.closest("a");
    if (link) { info.textContent = link.getAttribute("aria-label"); }
  }
  map.addEventListener("focusin", show);
  map.addEventListener("mouseover", show);
});
