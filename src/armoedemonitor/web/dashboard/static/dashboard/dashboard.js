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
