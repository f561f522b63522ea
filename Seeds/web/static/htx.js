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

// Reordering a day: each change of an order field is evaluated at once (`…/check?format=json`) and the broken
// constraints, or that the order fits, are read out beside the form. Nothing is saved.
(function () {
  "use strict";
  var form = document.querySelector("form[data-check]");
  var output = document.getElementById("check-result");
  if (!form || !output || !window.fetch) { return; }
  var timer = null;
  var en = new URLSearchParams(location.search).get("lang") === "en";
  function evaluate() {
    var params = new URLSearchParams(new FormData(form));
    params.set("format", "json");
    fetch(form.getAttribute("action") + "?" + params.toString(), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .catch(function () { return { error: en ? "Could not evaluate this order." : "Không đánh giá được thứ tự này." }; })
      .then(function (data) {
        output.textContent = "";
        var list = data.violations || (data.error ? [data.error] : []);
        var p = document.createElement("p");
        p.className = list.length ? "error" : "ok";
        p.textContent = list.length
          ? (en ? "This order breaks: " : "Thứ tự này vi phạm: ") + list.join("; ")
          : (en ? "This order meets every constraint; travel " : "Thứ tự này thoả mọi ràng buộc; di chuyển ")
            + data.report.totalTravelMinutes + (en ? " min." : " phút.");
        output.appendChild(p);
      });
  }
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(evaluate, 300); });
})();

// Upload progress: the form is sent by the script so the page can show how much has gone; the server's answer then
// replaces the page as a normal submission would. Without the script the form posts as usual.
(function () {
  "use strict";
  var form = document.querySelector("form[data-progress]");
  var bar = document.getElementById("upload-progress");
  if (!form || !bar || !window.XMLHttpRequest || !window.FormData) { return; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    var button = form.querySelector("button[type=submit]");
    xhr.open("POST", form.getAttribute("action"));
    bar.hidden = false;
    if (button) { button.disabled = true; }
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); }
    });
    xhr.addEventListener("load", function () {
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener("error", function () {
      bar.hidden = true;
      if (button) { button.disabled = false; }
    });
    xhr.send(new FormData(form));
  });
})();
