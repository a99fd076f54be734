/*
 * briefing: the site opened from disk (file://).
 *
 * Built with use_directory_urls (the default), pages link to folders
 * ("stories/", "../huawei/"): a web server answers those with the folder's
 * index.html, the file system with a folder listing. Opened from disk, each
 * link to a folder of this site is pointed at its index.html instead, so
 * every page and link works without a server. Search cannot (the browser
 * refuses to load its index from disk); the search box says so. Over HTTP
 * this script does nothing.
 */
(function () {
  "use strict";

  if (location.protocol !== "file:") return;
  var XLINK = "http://www.w3.org/1999/xlink";

  function pointed(href) {
    if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) && !/^file:/i.test(href)) return null;  // mailto:, https:, ...
    var url = new URL(href, location.href);
    if (url.protocol !== "file:" || !url.pathname.endsWith("/")) return null;
    url.pathname += "index.html";
    return url.href;
  }

  document.querySelectorAll("a[href]").forEach(function (a) {
    var target = pointed(a.getAttribute("href"));
    if (target) a.setAttribute("href", target);
  });
  // The actor pictures are inline SVG, whose links are xlink:href.
  document.querySelectorAll("svg a").forEach(function (a) {
    var target = pointed(a.getAttributeNS(XLINK, "href"));
    if (target) a.setAttributeNS(XLINK, "href", target);
  });
})();
