// htx: a small enhancement only; every page works without it.
// Search as you type: the catalog list is asked for its JSON and the table body redrawn.
(function () {
  "use strict";
  var input = document.querySelector("input[data-live]");
  var body = document.querySelector("#results tbody");
  var count = document.getElementById("count");
  if (!input || !body || !window.fetch) { return; }
  var timer = null;
  var lang = new URLSearchParams(location.search).get("lang") === "en" ? "&lang=en" : "";
  function cell(text) { var td = document.createElement("td"); td.textContent = text == null ? "" : String(text); return td; }
  function draw(rows) {
    body.textContent = "";
    rows.forEach(function (row) {
      var tr = document.createElement("tr");
      tr.appendChild(cell(row.id));
      var name = document.createElement("td");
      var a = document.createElement("a");
      a.href = "/coops/" + encodeURIComponent(row.id) + (lang ? "?lang=en" : "");
      a.textContent = row.name;
      name.appendChild(a);
      tr.appendChild(name);
      tr.appendChild(cell(row.taxCode));
      tr.appendChild(cell(row.district));
      tr.appendChild(cell(row.sector));
      tr.appendChild(cell(row.grade));
      body.appendChild(tr);
    });
    if (count) { count.textContent = rows.length + (lang ? " found" : " kết quả"); }
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      var url = q ? "/coops?format=json&q=" + encodeURIComponent(q) : "/coops?format=json";
      fetch(url, { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) { draw(Array.isArray(data) ? data.slice(0, 50) : data.results); } });
    }, 200);
  });
})();
