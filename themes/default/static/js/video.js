/* warta: a video link of a release becomes the player only when the reader clicks it, so the
   page loads nothing from the video site before that. Players come only from the privacy-
   friendly addresses warta writes (youtube-nocookie.com, Vimeo with dnt=1). */
(function () {
  "use strict";
  var allowed = /^https:\/\/(www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)/;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.video-link[data-embed]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    var src = link.getAttribute("data-embed");
    if (!allowed.test(src)) return;
    event.preventDefault();
    var player = document.createElement("iframe");
    player.src = src + (src.indexOf("?") < 0 ? "?" : "&") + "autoplay=1";
    // The frame's name for a screen reader: the link's words, or, where the link is the
    // video's bare address, "Video YouTube".
    var words = link.textContent.trim();
    player.title = /^https?:\/\//.test(words) || !words
      ? "Video " + (link.getAttribute("data-provider") || "")
      : words;
    player.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    player.allowFullscreen = true;
    player.referrerPolicy = "strict-origin-when-cross-origin";
    player.className = "video-player";
    link.parentNode.replaceChild(player, link);
    // The link had the focus (a keyboard's Enter): the player takes it, not the page's top.
    player.focus();
  });
})();
