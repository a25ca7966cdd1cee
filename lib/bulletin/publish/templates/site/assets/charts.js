// Draw every chart with the vendored vega-embed; the static SVG stays if anything fails.
(function () {
  "use strict";
  var charts = document.querySelectorAll(".vega-chart[data-spec]");
  charts.forEach(function (el) {
    var source = document.getElementById(el.getAttribute("data-spec"));
    if (!source || typeof window.vegaEmbed !== "function") { return; }
    var fallback = el.innerHTML;
    var spec = JSON.parse(source.textContent);
    el.innerHTML = "";
    window.vegaEmbed(el, spec, { renderer: "svg", actions: false, tooltip: true })
      .then(function () { el.classList.add("drawn"); })
      .catch(function (error) {
        el.innerHTML = fallback;
        el.classList.add("fallback");
        console.warn("图表改用静态图：", error);
      });
  });
})();
