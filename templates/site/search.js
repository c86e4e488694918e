// The search page: Pagefind's interface over the index of every language the site
// holds (Pagefind keeps one index per language; the page's own is searched first).
(function () {
  var box = document.getElementById("search");
  var bundle = box.dataset.bundle;
  var own = document.documentElement.lang;
  var others = box.dataset.languages.split(" ").filter(function (lang) { return lang && lang !== own; });
  new PagefindUI({
    element: "#search",
    bundlePath: bundle,
    showImages: false,
    resetStyles: false,
    translations: { placeholder: box.dataset.label },
    mergeIndex: others.map(function (lang) { return { bundlePath: bundle, language: lang }; })
  });
})();
