/*
 * briefing: Material's search box, answered by Pagefind.
 *
 * Pagefind's index (pagefind/ at the site root) is split into small chunks: a
 * query downloads only the chunks for its words, so the first search stays
 * small at 10,000 stories. Everything is local; nothing comes from a CDN.
 * Results use Material's own markup and classes so they look native, in two
 * labelled groups: stories first, then entity pages (each indexed page has a
 * "kind" filter, and each group is its own search), ten at a time with a
 * button for the next ten. Filters (topic, entity, publisher, year) are loaded
 * only when the reader opens them. Opened from disk (file://), the browser
 * refuses to load the index: the box says so and what to do instead.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-briefing-search]");
  if (!root) return;
  var toggle = document.getElementById("__search");
  var input = root.querySelector(".md-search__input");
  var form = root.querySelector(".md-search__form");
  var meta = root.querySelector(".md-search-result__meta");
  var filters = root.querySelector(".briefing-search__filters");
  var selects = root.querySelector(".briefing-search__selects");
  // Resolved once: with instant navigation the page URL changes but this script stays.
  var base = new URL(root.getAttribute("data-base").replace(/\/?$/, "/"), location.href);
  var FILTERS = [["topic", "Topic"], ["entity", "Entity"], ["publisher", "Publisher"], ["year", "Year"]];
  // kind (the pages' "kind" filter) -> what one and several of them are called.
  var NOUNS = { story: ["story", "stories"], entity: ["entity page", "entity pages"] };
  var GROUPS = Array.prototype.map.call(root.querySelectorAll(".briefing-search__group"), function (section) {
    return {
      kind: section.getAttribute("data-kind"),
      section: section,
      list: section.querySelector(".md-search-result__list"),
      more: section.querySelector(".briefing-search__more"),
      results: [],
      shown: 0
    };
  });
  var PAGE = 10;
  var DEBOUNCE_MS = 100;
  var FROM_DISK = "Search needs the site served over HTTP: run make serve (or python3 -m http.server --directory site) "
    + "and open http://localhost:8000/. Opened from disk, pages and links work but search cannot.";
  var pagefind = null;
  var generation = 0;

  function load() {
    // From disk the browser refuses the index's module and fetches: do not ask (each refusal is a console error).
    if (location.protocol === "file:") return Promise.reject(new Error(FROM_DISK));
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

  function plural(n, kind) {
    return n + " " + NOUNS[kind][n === 1 ? 0 : 1];
  }

  function clear() {
    GROUPS.forEach(function (group) {
      group.results = [];
      group.shown = 0;
      group.list.replaceChildren();
      group.section.hidden = true;
      group.more.hidden = true;
    });
  }

  function search() {
    var query = input.value.trim();
    var chosen = chosenFilters();
    var mine = ++generation;
    if (!query && !Object.keys(chosen).length) {
      meta.textContent = "Type to start searching";
      clear();
      return;
    }
    meta.textContent = "Searching…";
    function within(kind) {
      return { filters: Object.assign({}, chosen, { kind: kind }) };
    }
    load().then(function (pf) {
      // Debounced: "M", "Me", "Mer"... would each fetch the chunks of every word with that prefix.
      // The first group's search waits out the typing; the others follow once it is settled.
      return pf.debouncedSearch(query || null, within(GROUPS[0].kind), DEBOUNCE_MS).then(function (first) {
        if (!first || mine !== generation) return null;
        return Promise.all(GROUPS.slice(1).map(function (group) {
          return pf.search(query || null, within(group.kind));
        })).then(function (rest) { return [first].concat(rest); });
      });
    }).then(function (found) {
      if (!found || mine !== generation) return null;
      clear();
      GROUPS.forEach(function (group, i) { group.results = found[i].results; });
      // The count is said once the first results are on the page, so that it never describes an empty list.
      return Promise.all(GROUPS.map(function (group) { return showMore(group, mine); })).then(function () {
        if (mine === generation) meta.textContent = summary();
      });
    }).catch(function (error) {
      if (mine !== generation) return;
      clear();
      meta.textContent = location.protocol === "file:" ? FROM_DISK
        : "No search index: the site has no stories yet (" + error.message + ").";
    });
  }

  // "5 stories and 9 entity pages match": what each group counts, said apart.
  function summary() {
    var counts = GROUPS.filter(function (group) { return group.results.length; }).map(function (group) {
      return plural(group.results.length, group.kind);
    });
    if (!counts.length) return "No matching stories or entity pages";
    var total = GROUPS.reduce(function (sum, group) { return sum + group.results.length; }, 0);
    return counts.join(" and ") + (total === 1 ? " matches" : " match");
  }

  // The group's next PAGE results, appended; the button offers what is left.
  function showMore(group, mine) {
    var next = group.results.slice(group.shown, group.shown + PAGE);
    group.shown += next.length;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
      if (mine !== generation) return;
      group.list.append.apply(group.list, pages.map(item));
      group.section.hidden = !group.results.length;
      var left = group.results.length - group.shown;
      group.more.hidden = left === 0;
      group.more.textContent = left > PAGE ? "Show " + PAGE + " more " + NOUNS[group.kind][1] + " (" + left + " not shown yet)"
        : left === 1 ? "Show the last " + NOUNS[group.kind][0]
        : "Show the last " + plural(left, group.kind);
    });
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
    }).catch(function (error) {
      meta.textContent = error.message;
    });
  }

  function open() {
    if (!toggle.checked) toggle.click();
  }

  function close() {
    if (toggle.checked) toggle.click();
    input.blur();
  }

  input.addEventListener("focus", function () { open(); load().catch(function () {}); });
  input.addEventListener("input", search);
  filters.addEventListener("toggle", function () { if (filters.open) loadFilters(); });
  form.addEventListener("reset", function () { setTimeout(search, 0); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = root.querySelector(".md-search-result__list a");
    if (first) first.click();
  });
  toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  GROUPS.forEach(function (group) {
    group.list.addEventListener("click", function (event) {
      if (event.target.closest("a")) close();
    });
    group.more.addEventListener("click", function () {
      var at = group.shown;
      showMore(group, generation).then(function () {
        var first = group.list.querySelectorAll("a")[at];  // the reader goes on from the first new result
        if (first) first.focus();
      });
    });
  });
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === "Escape" && toggle.checked) { close(); event.preventDefault(); }
    else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && toggle.checked) {
      // As in Material: the arrows walk from the box through the results and back.
      var stops = [input].concat(Array.prototype.slice.call(root.querySelectorAll(".md-search-result__list a, .briefing-search__more:not([hidden])")));
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
