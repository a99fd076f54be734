/*
 * briefing: Material's search box, answered by Pagefind.
 *
 * Pagefind's index (pagefind/ at the site root) is split into small chunks: a
 * query downloads only the chunks for its words, so the first search stays
 * small at 10,000 stories. Everything is local; nothing comes from a CDN.
 * Results use Material's own markup and classes so they look native. Filters
 * (topic, entity, publisher, year) are loaded only when the reader opens them.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-briefing-search]");
  if (!root) return;
  var toggle = document.getElementById("__search");
  var input = root.querySelector(".md-search__input");
  var form = root.querySelector(".md-search__form");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var filters = root.querySelector(".briefing-search__filters");
  var selects = root.querySelector(".briefing-search__selects");
  // Resolved once: with instant navigation the page URL changes but this script stays.
  var base = new URL(root.getAttribute("data-base").replace(/\/?$/, "/"), location.href);
  var FILTERS = [["topic", "Topic"], ["entity", "Entity"], ["publisher", "Publisher"], ["year", "Year"]];
  var MAX_RESULTS = 10;
  var DEBOUNCE_MS = 100;
  var pagefind = null;
  var generation = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        return module.options({ baseUrl: base.pathname, excerptLength: 24 }).then(function () {
          module.init();
          return mergeShards(module);
        }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  // A large site's index comes in shards (see briefing/search.py); shards.json lists all but the first.
  function mergeShards(module) {
    return fetch(new URL("pagefind/shards.json", base)).then(function (response) {
      return response.ok ? response.json() : [];
    }).then(function (shards) {
      return Promise.all(shards.map(function (shard) {
        return module.mergeIndex(new URL(shard, base).href, { baseUrl: base.pathname });
      }));
    });
  }

  function chosenFilters() {
    var chosen = {};
    selects.querySelectorAll("select").forEach(function (select) {
      if (select.value) chosen[select.name] = select.value;
    });
    return chosen;
  }

  function search() {
    var query = input.value.trim();
    var chosen = chosenFilters();
    var mine = ++generation;
    if (!query && !Object.keys(chosen).length) {
      meta.textContent = "Type to start searching";
      list.replaceChildren();
      return;
    }
    load().then(function (pf) {
      // Debounced: "M", "Me", "Mer"... would each fetch the chunks of every word with that prefix.
      return pf.debouncedSearch(query || null, { filters: chosen }, DEBOUNCE_MS);
    }).then(function (found) {
      if (mine !== generation || !found) return null;
      return Promise.all(found.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }))
        .then(function (pages) { if (mine === generation) show(found.results.length, pages); });
    }).catch(function (error) {
      meta.textContent = location.protocol === "file:"
        ? "Search needs the site served over HTTP (make serve, or any web server)."
        : "No search index: the site has no stories yet (" + error.message + ").";
    });
  }

  function show(total, pages) {
    meta.textContent = total === 0 ? "No matching stories"
      : total === 1 ? "1 matching story"
      : total + " matching stories" + (total > pages.length ? ", showing the first " + pages.length : "");
    list.replaceChildren.apply(list, pages.map(item));
  }

  function item(page) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = page.url;
    a.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("h1");
    title.textContent = page.meta.title || page.url;
    var teaser = document.createElement("p");
    teaser.className = "md-search-result__teaser";
    var source = [page.meta.publisher, page.meta.date].filter(Boolean).join(" · ");
    if (source) {
      var line = document.createElement("span");
      line.className = "briefing-search__source";
      line.textContent = source;
      teaser.append(line);
    }
    teaser.append(excerpt(page.excerpt));
    article.append(icon, title, teaser);
    a.append(article);
    li.append(a);
    return li;
  }

  // Pagefind's excerpt is text with <mark> around the matches; keep only those marks.
  function excerpt(html) {
    var fragment = document.createDocumentFragment();
    var decoder = document.createElement("textarea");  // decodes entities, keeps spaces, runs nothing
    html.split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
      var match = /^<mark>(.*)<\/mark>$/.exec(part);
      decoder.innerHTML = match ? match[1] : part;
      if (match) {
        var mark = document.createElement("mark");
        mark.textContent = decoder.value;
        fragment.append(mark);
      } else {
        fragment.append(document.createTextNode(decoder.value));
      }
    });
    return fragment;
  }

  function loadFilters() {
    if (selects.childElementCount) return;
    load().then(function (pf) { return pf.filters(); }).then(function (available) {
      FILTERS.forEach(function (pair) {
        var values = Object.keys(available[pair[0]] || {}).sort(function (x, y) {
          return pair[0] === "year" ? y.localeCompare(x) : x.localeCompare(y);
        });
        var label = document.createElement("label");
        label.append(pair[1]);
        var select = document.createElement("select");
        select.name = pair[0];
        select.append(new Option("Any", ""));
        values.forEach(function (value) {
          select.append(new Option(value + " (" + available[pair[0]][value] + ")", value));
        });
        select.addEventListener("change", search);
        label.append(select);
        selects.append(label);
      });
    });
  }

  function open() {
    if (!toggle.checked) toggle.click();
  }

  function close() {
    if (toggle.checked) toggle.click();
    input.blur();
  }

  input.addEventListener("focus", function () { open(); load(); });
  input.addEventListener("input", search);
  filters.addEventListener("toggle", function () { if (filters.open) loadFilters(); });
  form.addEventListener("reset", function () { setTimeout(search, 0); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) first.click();
  });
  toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) close();
  });
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === "Escape" && toggle.checked) { close(); event.preventDefault(); }
    else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && toggle.checked) {
      // As in Material: the arrows walk from the box through the results and back.
      var stops = [input].concat(Array.prototype.slice.call(list.querySelectorAll("a")));
      var at = stops.indexOf(document.activeElement);
      if (at < 0) return;
      stops[(at + (event.key === "ArrowDown" ? 1 : stops.length - 1)) % stops.length].focus();
      event.preventDefault();
    }
    else if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
      input.focus();
      input.select();
      event.preventDefault();
    }
  });
})();
