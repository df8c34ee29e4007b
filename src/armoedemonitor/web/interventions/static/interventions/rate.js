// After sending a form with errors, focus moves to the summary, so keyboard and screen
// reader users hear what is missing; each line links to its question.
var summary = document.querySelector("[data-focus]");
if (summary) { summary.focus(); }
document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
  link.addEventListener("click", function (event) {
    var target = document.querySelector(link.getAttribute("href"));
    if (target) {
      event.preventDefault();
      target.scrollIntoView();
      (target.querySelector("input") || target).focus();
    }
  });
});
