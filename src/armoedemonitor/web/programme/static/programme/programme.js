// A form that takes long (building the yearly report) says so while it works, and cannot
// be sent twice.
document.querySelectorAll("form[data-busy]").forEach(function (form) {
  form.addEventListener("submit", function () {
    var status = form.querySelector(".busy");
    if (status) { status.textContent = form.dataset.busy; }
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.disabled = true;
      button.setAttribute("aria-disabled", "true");
    });
  });
});
