// Photo story slideshow: a <dialog> whose track of photos swipes by CSS
// scroll-snap. Keys: ← → (and Home/End) change photo, Esc closes (the dialog's
// own behaviour), focus goes to the slideshow and back to the photo opened.
// Without JavaScript each photo links to its large rendition.
(function () {
  "use strict";

  function setUp(story) {
    var dialog = story.querySelector("dialog.lightbox");
    var track = dialog.querySelector(".lightbox__track");
    var slides = Array.prototype.slice.call(track.querySelectorAll(".lightbox__slide"));
    var current = dialog.querySelector("[data-lightbox-current]");
    var previous = dialog.querySelector("[data-lightbox-step='-1']");
    var next = dialog.querySelector("[data-lightbox-step='1']");
    var index = 0;
    var opener = null;
    var pending = false;
    var target = null; // a photo asked for by key or button, until the track gets there

    function show(number) {
      index = Math.max(0, Math.min(slides.length - 1, number));
      current.textContent = String(index + 1);
      previous.disabled = index === 0;
      next.disabled = index === slides.length - 1;
    }

    function shown() {
      return track.clientWidth ? Math.round(track.scrollLeft / track.clientWidth) : 0;
    }

    function go(number) {
      show(number);
      target = shown() === index ? null : index;
      track.scrollTo({ left: index * track.clientWidth });
    }

    function open(number, link) {
      opener = link;
      dialog.showModal();
      target = null;
      track.scrollTo({ left: number * track.clientWidth, behavior: "instant" });
      show(number);
      track.focus();
    }

    story.querySelectorAll("a.photo-story__open").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey) { return; }
        event.preventDefault();
        open(Number(link.dataset.index), link);
      });
    });

    previous.addEventListener("click", function () { go(index - 1); });
    next.addEventListener("click", function () { go(index + 1); });
    dialog.querySelector("[data-lightbox-close]").addEventListener("click", function () {
      dialog.close();
    });

    dialog.addEventListener("keydown", function (event) {
      var keys = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: slides.length - 1 };
      if (Object.prototype.hasOwnProperty.call(keys, event.key)) {
        event.preventDefault();
        go(keys[event.key]);
      }
    });

    // A swipe (or a trackpad) scrolls the track itself: follow it.
    track.addEventListener("scroll", function () {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        var seen = shown();
        if (target !== null) {
          if (seen === target) { target = null; }
          return;
        }
        show(seen);
      });
    });

    dialog.addEventListener("close", function () {
      if (opener) { opener.focus(); }
    });
  }

  document.querySelectorAll("[data-photo-story]").forEach(setUp);
})();
