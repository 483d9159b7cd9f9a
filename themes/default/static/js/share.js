/* warta: the "Salin teks" button of each channel's caption copies it. Without JavaScript the
   buttons stay hidden and the captions are still there to select, inside <details>. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button.copy[data-copy]");
  Array.prototype.forEach.call(buttons, function (button) {
    var text = document.getElementById(button.getAttribute("data-copy"));
    if (!text) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () {
        button.textContent = button.getAttribute("data-done") || label;
        setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text.value).then(done, function () { select(text); });
      } else {
        select(text);
        try { if (document.execCommand("copy")) done(); } catch (e) { /* the text stays selected */ }
      }
    });
  });
  function select(field) {
    field.focus();
    field.select();
  }
})();
