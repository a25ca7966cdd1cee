// Draw every chart with the vendored vega-embed; the static SVG stays if anything fails.
// A narrow page (a phone) draws the chart's phone layout instead (its "-phone" spec: a list
// of single charts at the container's real width, no text under 12 px), never the desk's
// chart scaled down; turning the phone or resizing the window past the width draws again.
(function () {
  "use strict";
  var PHONE = window.matchMedia("(max-width: 600px)");
  var charts = document.querySelectorAll(".vega-chart[data-spec]");
  var fallbacks = [];

  // A phone view whose data is {"name": "desk"} draws the desk spec's rows (site.phone):
  // the page carries them once.
  function specs(el) {
    var id = el.getAttribute("data-spec");
    var desk = document.getElementById(id);
    var phone = PHONE.matches && document.getElementById(id + "-phone");
    if (!phone) { return desk ? [JSON.parse(desk.textContent)] : null; }
    var views = JSON.parse(phone.textContent);
    var rows = null;
    views.forEach(function (view) {
      if (view.data && view.data.name === "desk" && desk) {
        rows = rows || JSON.parse(desk.textContent).data;
        view.data = rows;
      }
    });
    return views;
  }

  function draw(el, i) {
    var list = specs(el);
    if (!list || typeof window.vegaEmbed !== "function") { return; }
    el.innerHTML = "";
    el.classList.remove("drawn", "fallback");
    var single = list.length === 1 && !PHONE.matches;
    var drawing = list.map(function (spec) {
      var target = el;
      if (!single) {
        target = document.createElement("div");
        target.className = "vega-part";
        el.appendChild(target);
      }
      return window.vegaEmbed(target, spec, { renderer: "svg", actions: false, tooltip: true });
    });
    Promise.all(drawing)
      .then(function () { el.classList.add("drawn", "vega-embed"); })
      .catch(function (error) {
        el.innerHTML = fallbacks[i];
        el.classList.add("fallback");
        console.warn("图表改用静态图：", error);
      });
  }

  charts.forEach(function (el, i) { fallbacks[i] = el.innerHTML; draw(el, i); });
  var redraw = function () { charts.forEach(draw); };
  if (PHONE.addEventListener) { PHONE.addEventListener("change", redraw); }
  else if (PHONE.addListener) { PHONE.addListener(redraw); }
})();
