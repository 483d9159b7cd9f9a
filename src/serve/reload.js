// warta serve: reloads the page after every rebuild, and shows the build's errors over it
// while the sources do not build. Added to pages only by `warta serve`, never to a build.
(function () {
  "use strict";
  var script = document.currentScript;
  var generation = script ? script.getAttribute("data-generation") : null;
  var source = new EventSource("/__warta/events");
  // The first event of every connection: a build finished while this page was on its way (or
  // the server restarted), so this page is stale.
  source.addEventListener("hello", function (e) {
    if (generation !== null && e.data !== generation) {
      location.reload();
    }
  });
  source.addEventListener("reload", function () {
    location.reload();
  });
  source.addEventListener("build-error", function (e) {
    generation = e.lastEventId;
    var old = document.getElementById("warta-overlay");
    if (old) {
      old.remove();
    }
    // The overlay is built by warta, every error text in it HTML-escaped.
    var holder = document.createElement("div");
    holder.innerHTML = e.data;
    if (holder.firstElementChild) {
      document.body.appendChild(holder.firstElementChild);
    }
  });
})();
