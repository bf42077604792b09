// Click-to-load for YouTube/Facebook videos: until the reader clicks, the page makes
// no request to the provider. The click swaps the link for a frame of the site's own
// player page (multimedia/views.py `embed`), the only page whose CSP allows the
// provider's frame. Without JavaScript the link opens that page.
document.querySelectorAll("[data-video-facade]").forEach((facade) => {
  const link = facade.querySelector("[data-video-embed]");
  link.addEventListener("click", (event) => {
    event.preventDefault();
    const frame = document.createElement("iframe");
    frame.className = "video-facade__frame";
    frame.src = link.dataset.videoEmbed;
    frame.title = link.dataset.videoTitle;
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    link.replaceWith(frame);
    frame.focus();
  });
});
