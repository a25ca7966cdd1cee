// The annex tables of a month page: sort by a column, filter by unit, and a table that fits
// its sheet gives up its scroll box (so that its header row can stay in sight down the
// page). Plain JS, nothing loaded, works from file://. Without it the tables read as built.
//
// The page marks what this needs (publish/site/tables.py): th[data-col] is the header cell
// at the bottom of column N, [data-key] the cells of the key column (unit, indicator …).
// A group label (seed 003's 镇（街道）) is one cell spanning its group's rows: a row's cells
// are read by column with it (row.annexCells); a table holding one is not sorted, and while
// a filter is typed in, each of its rows shows the label in a cell of its own.
(function () {
  "use strict";
  // Rows that stay where they are: totals and subtotals, whatever the order.
  var FIXED = /^(合计|总计|小计|全市|全区|全县|市级部门合计|县（市、区）合计)/;
  var RANK = /序号|排名|名次/;
  var MIN_ROWS_FOR_FILTER = 8;

  function text(cell) {
    return cell ? cell.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // "1129", "100.00%", "+17.20 个百分点", "70%以上", "↑2", "↓1", "−0.5" → a number;
  // "—", "-", "" and words → null (sorted last either way).
  function number(value) {
    var t = value.replace(/[,，\s]/g, "").replace(/^↑/, "+").replace(/^↓/, "-").replace(/^−/, "-");
    var m = /^[+-]?\d+(\.\d+)?/.exec(t);
    return m ? parseFloat(m[0]) : null;
  }

  // Each row's cells by column (row.annexCells), a cell spanning rows in each row it spans;
  // returns the spanning cells as {cell, column, rows}.
  function readGrid(rows, width) {
    var above = [], spanning = [];
    rows.forEach(function (row) {
      var cells = [], own = 0;
      for (var j = 0; j < width; j++) {
        if (above[j] && above[j].left > 0) {
          above[j].left -= 1;
          above[j].group.rows.push(row);
          cells.push(above[j].group.cell);
          continue;
        }
        var cell = row.cells[own++];
        cells.push(cell);
        if (cell && cell.rowSpan > 1) {
          var group = { cell: cell, column: j, rows: [row], copies: [] };
          above[j] = { left: cell.rowSpan - 1, group: group };
          spanning.push(group);
        }
      }
      row.annexCells = own === row.cells.length ? cells : null;  // null: not of the grid
    });
    return spanning;
  }

  // While a filter is typed in, each row of a group shows its label in a cell of its own
  // (a hidden first row would take the merged cell with it); merged again when cleared.
  function splitGroups(spanning, split) {
    spanning.forEach(function (g) {
      if (split === (g.copies.length > 0)) { return; }
      if (split) {
        g.rows.slice(1).forEach(function (row) {
          var copy = g.cell.cloneNode(true);
          copy.rowSpan = 1;
          var next = null;  // the row's own cell after the label's column
          for (var j = g.column + 1; j < row.annexCells.length && !next; j++) {
            if (row.annexCells[j] && row.annexCells[j].parentNode === row) {
              next = row.annexCells[j];
            }
          }
          row.insertBefore(copy, next);
          g.copies.push(copy);
        });
        g.cell.rowSpan = 1;
      } else {
        g.copies.forEach(function (copy) { copy.parentNode.removeChild(copy); });
        g.copies = [];
        g.cell.rowSpan = g.rows.length;
      }
    });
  }

  function isFixed(row, width, keyIndex) {
    if (!row.annexCells) { return true; }
    var key = keyIndex === null ? "" : text(row.annexCells[keyIndex]);
    if (FIXED.test(key)) { return true; }
    return Array.prototype.every.call(row.cells, function (c) {
      return c.style.fontWeight === "bold" || c.style.fontWeight === "700";
    });
  }

  function setup(region) {
    var table = region.querySelector("table.gt_table");
    var body = table && table.tBodies[0];
    if (!body) { return; }
    var heads = Array.prototype.slice.call(table.querySelectorAll("thead th[data-col]"));
    var width = heads.length;
    var keyHead = table.querySelector("thead th[data-key]");
    var keyIndex = keyHead ? parseInt(keyHead.getAttribute("data-col"), 10) : null;
    var rows = Array.prototype.slice.call(body.rows);
    var spanning = readGrid(rows, width);
    rows.forEach(function (row, i) {
      row.annexOrder = i;
      row.annexFixed = isFixed(row, width, keyIndex);
    });
    var moving = rows.filter(function (r) { return !r.annexFixed; });
    var hasKeys = keyIndex !== null &&
      moving.some(function (r) { return text(r.annexCells[keyIndex]); });
    if (!hasKeys) { return; }  // an empty form (办件情况反馈表): nothing to sort or filter
    // Totals only at the top or the bottom: otherwise the rows come in groups (a town's
    // centres above its 小计), whose order sorting would break.
    var first = rows.indexOf(moving[0]);
    var grouped = moving.length !== rows.length &&
      rows.slice(first, first + moving.length).some(function (r) { return r.annexFixed; });
    if (!grouped && !spanning.length) {
      heads.forEach(function (th) { sortButton(th, table, body, rows, heads); });
    }
    if (moving.length >= MIN_ROWS_FOR_FILTER) {
      filterBox(region, keyHead, keyIndex, moving, spanning);
    }
  }

  function sortButton(th, table, body, rows, heads) {
    var index = parseInt(th.getAttribute("data-col"), 10);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.title = "按此列排序";
    while (th.firstChild) { button.appendChild(th.firstChild); }
    var mark = document.createElement("span");
    mark.className = "sort-mark";
    mark.setAttribute("aria-hidden", "true");
    button.appendChild(mark);  // ▲ / ▼ on the sorted column only: marks on all would widen them
    th.appendChild(button);
    button.addEventListener("click", function () {
      var current = th.getAttribute("aria-sort");
      var numeric = columnIsNumeric(rows, index);
      var ascending = current ? current === "descending"
        : !numeric || RANK.test(text(button));
      heads.forEach(function (other) {
        other.removeAttribute("aria-sort");
        var m = other.querySelector(".sort-mark");
        if (m) { m.textContent = ""; }
      });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      mark.textContent = ascending ? "▲" : "▼";
      sortRows(body, rows, index, numeric, ascending);
    });
  }

  function columnIsNumeric(rows, index) {
    var values = rows.filter(function (r) { return !r.annexFixed; })
      .map(function (r) { return text(r.annexCells[index]); })
      .filter(function (t) { return t && !/^[—–-]$/.test(t); });
    var numbers = values.filter(function (t) { return number(t) !== null; });
    return values.length > 0 && numbers.length * 2 >= values.length;
  }

  function compare(a, b, index, numeric, ascending) {
    var ta = text(a.annexCells[index]), tb = text(b.annexCells[index]);
    var va = numeric ? number(ta) : (ta || null), vb = numeric ? number(tb) : (tb || null);
    if (va === null || vb === null) {  // blanks last, in either direction
      return (va === null) - (vb === null) || a.annexOrder - b.annexOrder;
    }
    var order = numeric ? va - vb : va.localeCompare(vb, "zh");
    return (ascending ? order : -order) || a.annexOrder - b.annexOrder;
  }

  // Each run of rows between fixed rows is sorted on its own; fixed rows keep their place.
  function sortRows(body, rows, index, numeric, ascending) {
    var out = [], run = [];
    function flush() {
      run.sort(function (a, b) { return compare(a, b, index, numeric, ascending); });
      out = out.concat(run);
      run = [];
    }
    rows.forEach(function (row) {
      if (row.annexFixed) { flush(); out.push(row); } else { run.push(row); }
    });
    flush();
    out.forEach(function (row) { body.appendChild(row); });
  }

  function filterBox(region, keyHead, keyIndex, moving, spanning) {
    var tools = document.createElement("div");
    tools.className = "annex-tools";
    var label = document.createElement("label");
    var name = text(keyHead).replace(/[▲▼]/g, "").trim() || "单位";
    label.appendChild(document.createTextNode("筛选" + name + "："));
    var input = document.createElement("input");
    input.type = "search";
    input.setAttribute("data-annex-filter", "");
    input.placeholder = "输入名称中的字";
    label.appendChild(input);
    var count = document.createElement("span");
    count.className = "annex-count";
    count.setAttribute("aria-live", "polite");
    tools.appendChild(label);
    tools.appendChild(count);
    region.parentNode.insertBefore(tools, region);
    input.addEventListener("input", function () {
      var query = input.value.replace(/\s+/g, "").toLowerCase();
      var shown = 0;
      splitGroups(spanning, !!query);
      moving.forEach(function (row) {
        var hit = !query || text(row.annexCells[keyIndex]).toLowerCase().indexOf(query) >= 0;
        row.hidden = !hit;
        shown += hit ? 1 : 0;
      });
      count.textContent = query ? "显示 " + shown + " / " + moving.length + " 行" : "";
      fit(region);
    });
  }

  // A table that fits needs no scroll box (and no tab stop); one that does not keeps both,
  // with the key column's width kept clear when a cell is scrolled into view.
  function fit(region) {
    region.classList.remove("fits");
    var fits = region.scrollWidth <= region.clientWidth + 1;
    region.classList.toggle("fits", fits);
    if (fits) {
      region.removeAttribute("tabindex");
    } else {
      region.setAttribute("tabindex", "0");
      var key = region.querySelector("thead th[data-key]");
      region.style.scrollPaddingLeft = key ? key.offsetWidth + "px" : "";
    }
  }

  var regions = Array.prototype.slice.call(document.querySelectorAll(".annex-scroll"));
  regions.forEach(function (region) { setup(region); fit(region); });
  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; regions.forEach(fit); });
  });
})();
