/* rasid's page: map, timeline, filters, event list, evidence and review, over the JSON API.
 *
 * Article text is untrusted (scraped). Every string from the API goes into the page through
 * textContent or a checked attribute (el() below); no string is ever parsed as HTML, and the
 * server's Content-Security-Policy refuses inline scripts anyway. Links to articles are kept only
 * when they are http(s) URLs, so a "javascript:" URL cannot become a link.
 */
(function () {
  "use strict";

  var TYPE_COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d"
  };
  var OTHER_COLOUR = "#34495e";
  var MAP_LIMIT = 10000;  // newest first; the summary says when more match than the map shows
  var LIST_LIMIT = 200;
  // spans drawn over the evidence sentence, strongest first (the first one names the mark's kind)
  var SPAN_PRIORITY = ["trigger", "quantity", "date", "place", "participant", "source"];

  var state = { config: null, map: null, cluster: null, fitted: false, current: null, selected: null, seq: 0 };

  // ---------- small DOM helpers (textContent only)
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") node.textContent = String(v);
        else if (k === "className") node.className = v;
        else if (k === "href") { var u = safeUrl(v); if (u) node.setAttribute("href", u); }
        else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function safeUrl(u) {
    if (typeof u !== "string") return null;
    if (u.charAt(0) === "/" && u.charAt(1) !== "/") return u;  // our own routes
    try {
      var p = new URL(u);
      return (p.protocol === "http:" || p.protocol === "https:") ? p.href : null;
    } catch (e) { return null; }
  }
  function colour(t) { return TYPE_COLOURS[t] || OTHER_COLOUR; }
  function $(sel) { return document.querySelector(sel); }

  // ---------- token: from the URL fragment `rasid serve` prints, kept for this tab only
  function initToken() {
    var m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (m) {
      sessionStorage.setItem("rasid-token", decodeURIComponent(m[1]));
      history.replaceState(null, "", location.pathname + location.search);
    }
    var input = $("#token");
    input.value = sessionStorage.getItem("rasid-token") || "";
    input.addEventListener("change", function () { sessionStorage.setItem("rasid-token", input.value.trim()); });
  }
  function token() { return ($("#token").value || "").trim(); }

  // ---------- API
  function api(path, opts) {
    opts = opts || {};
    var headers = { "Accept": "application/json" };
    if (opts.body !== undefined) headers["Content-Type"] = "application/json";
    if (opts.write) headers["Authorization"] = "Bearer " + token();
    return fetch(path, { method: opts.method || "GET", headers: headers,
                         body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (data) {
          if (!r.ok) {
            var err = new Error((data.what || r.statusText) + (data.hint ? " — " + data.hint : ""));
            err.status = r.status;
            throw err;
          }
          return data;
        });
      });
  }

  function filterParams(withDates) {
    var f = new FormData($("#filter-form"));
    var p = new URLSearchParams();
    ["q", "acled_type", "actor", "admin1", "certainty"].forEach(function (k) {
      var v = (f.get(k) || "").trim();
      if (v) p.set(k, v);
    });
    var st = f.get("status");
    if (st === "verified-only") p.set("verified", "true");
    else if (st) p.set("status", st);
    if (withDates) {
      if (f.get("date_from")) p.set("date_from", f.get("date_from"));
      if (f.get("date_to")) p.set("date_to", f.get("date_to"));
    }
    if (f.get("inview") && state.map) {
      var b = state.map.getBounds();
      var box = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (x, i) {
        var lim = i % 2 ? 90 : 180;
        return Math.max(-lim, Math.min(lim, x)).toFixed(4);
      });
      p.set("bbox", box.join(","));
    }
    return p;
  }

  // ---------- map
  function initMap() {
    var map = L.map("map", { zoomControl: true, worldCopyJump: false, minZoom: 2, maxZoom: 16 }).setView([34.8, 38.5], 6);
    state.map = map;
    map.createPane("basemap").style.zIndex = 200;
    map.createPane("admin").style.zIndex = 250;  // governorates above the country fills, whichever loads first
    var base = L.layerGroup().addTo(map);
    var layers = { "offline basemap": base };
    fetch("/static/basemap/countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
      var geo = unwrapAntimeridian(topojson.feature(topo, topo.objects.countries));
      L.geoJSON(geo, { pane: "basemap", interactive: false,
                       style: { color: "#9aa5b1", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(base);
    });
    fetch("/static/basemap/syria_admin1.geojson").then(function (r) { return r.json(); }).then(function (geo) {
      L.geoJSON(geo, { pane: "admin", style: { color: "#a0743b", weight: 1.2, dashArray: "4 3", fill: false },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(f.properties.NAME_EN + " · " + f.properties.NAME_ARA, { sticky: true });
        } }).addTo(base);
    });
    var tiles = state.config && state.config.tiles;
    if (tiles) {
      layers["online tiles"] = L.tileLayer(tiles, { maxZoom: 18, attribution: "tiles: configured by RASID_TILES" });
    }
    L.control.layers(layers, null, { collapsed: true }).addTo(map);
    state.cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false,
                                           maxClusterRadius: 40 });
    map.addLayer(state.cluster);
    map.on("moveend", function () {
      if ($("#filter-form").elements.inview.checked) refresh();
    });
  }

  // the bounds of the middle 80% of points on each axis: one mis-geocoded event abroad must not zoom the map out
  function robustBounds(lls) {
    function q(xs, f) { xs = xs.slice().sort(function (a, b) { return a - b; }); return xs[Math.floor(f * (xs.length - 1))]; }
    var lats = lls.map(function (l) { return l.lat; }), lons = lls.map(function (l) { return l.lng; });
    var lo = lls.length >= 10 ? 0.1 : 0, hi = lls.length >= 10 ? 0.9 : 1;
    return L.latLngBounds([q(lats, lo), q(lons, lo)], [q(lats, hi), q(lons, hi)]);
  }

  // rings that cross the antimeridian (Russia, Fiji…) would be drawn as lines across the whole map
  function unwrapAntimeridian(geo) {
    function ring(r) {
      var xs = r.map(function (p) { return p[0]; });
      if (Math.max.apply(null, xs) - Math.min.apply(null, xs) <= 180) return r;
      return r.map(function (p) { return [p[0] < 0 ? p[0] + 360 : p[0], p[1]]; });
    }
    geo.features.forEach(function (f) {
      var g = f.geometry;
      if (!g) return;
      if (g.type === "Polygon") g.coordinates = g.coordinates.map(ring);
      else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map(function (p) { return p.map(ring); });
    });
    return geo;
  }

  function drawMarkers(events) {
    state.cluster.clearLayers();
    var markers = [];
    events.forEach(function (ev) {
      if (ev.lat === null || ev.lon === null || ev.lat === undefined) return;
      var m = L.circleMarker([ev.lat, ev.lon], { radius: 7, weight: 1, color: "#222",
                                                  fillColor: colour(ev.acled_event_type), fillOpacity: 0.85 });
      m.bindTooltip((ev.date_start || "") + " · " + (ev.acled_event_type || "") + (ev.place ? " · " + ev.place : ""));
      m.on("click", function () { openEvent(ev.id, true); });
      markers.push(m);
    });
    state.cluster.addLayers(markers);
    if (markers.length && !state.fitted) {  // first view: frame the events (later refreshes keep the analyst's view)
      state.fitted = true;
      state.map.fitBounds(robustBounds(markers.map(function (m) { return m.getLatLng(); })).pad(0.2), { maxZoom: 9 });
    }
    return markers.length;
  }

  // ---------- timeline with a brush
  function dayIndex(days, d) {
    var t = Date.parse(d + "T00:00:00Z");
    return Math.round((t - Date.parse(days[0] + "T00:00:00Z")) / 86400000);
  }
  function addDays(d, n) {
    var t = new Date(Date.parse(d + "T00:00:00Z") + n * 86400000);
    return t.toISOString().slice(0, 10);
  }

  function drawTimeline(byDay) {
    var box = clear($("#timeline"));
    var days = byDay.filter(function (x) { return /^\d{4}-\d{2}-\d{2}/.test(x.day); });
    if (!days.length) { box.appendChild(el("p", { className: "hint", text: "no dated events" })); return; }
    var first = days[0].day.slice(0, 10), last = days[days.length - 1].day.slice(0, 10);
    var span = [first, last];
    var n = dayIndex(span, last) + 1;
    var counts = new Array(n).fill(0);
    days.forEach(function (x) { counts[dayIndex(span, x.day.slice(0, 10))] += x.count; });
    var max = Math.max.apply(null, counts);
    var W = Math.max(box.clientWidth, 300), H = 90, pad = 18;
    var NS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("width", W); svg.setAttribute("height", H); svg.setAttribute("id", "timeline-svg");
    var bw = (W - 2 * pad) / n;
    var from = $("#filter-form").elements.date_from.value, to = $("#filter-form").elements.date_to.value;
    counts.forEach(function (c, i) {
      if (!c) return;
      var d = addDays(first, i);
      var h = Math.max(1, (H - pad - 4) * c / max);
      var r = document.createElementNS(NS, "rect");
      r.setAttribute("x", pad + i * bw); r.setAttribute("y", H - pad - h);
      r.setAttribute("width", Math.max(1, bw - 1)); r.setAttribute("height", h);
      var inside = (!from || d >= from) && (!to || d <= to);
      r.setAttribute("class", inside ? "bar" : "bar out");
      var t = document.createElementNS(NS, "title"); t.textContent = d + ": " + c; r.appendChild(t);
      svg.appendChild(r);
    });
    [[first, "start"], [last, "end"]].forEach(function (lab, j) {
      var t = document.createElementNS(NS, "text");
      t.setAttribute("x", j ? W - pad : pad); t.setAttribute("y", H - 4);
      t.setAttribute("text-anchor", lab[1]); t.textContent = lab[0]; svg.appendChild(t);
    });
    var brush = document.createElementNS(NS, "rect");
    brush.setAttribute("class", "brush"); brush.setAttribute("y", 0); brush.setAttribute("height", H - pad);
    brush.setAttribute("width", 0);
    svg.appendChild(brush);
    box.appendChild(svg);

    function dayAt(x) {
      var i = Math.floor((x - pad) / bw);
      return addDays(first, Math.max(0, Math.min(n - 1, i)));
    }
    var x0 = null;
    svg.addEventListener("pointerdown", function (e) {
      x0 = e.offsetX; svg.setPointerCapture(e.pointerId);
      brush.setAttribute("x", x0); brush.setAttribute("width", 0);
    });
    svg.addEventListener("pointermove", function (e) {
      if (x0 === null) return;
      brush.setAttribute("x", Math.min(x0, e.offsetX)); brush.setAttribute("width", Math.abs(e.offsetX - x0));
    });
    svg.addEventListener("pointerup", function (e) {
      if (x0 === null) return;
      var a = Math.min(x0, e.offsetX), b = Math.max(x0, e.offsetX);
      x0 = null;
      var form = $("#filter-form").elements;
      if (b - a < 3) { form.date_from.value = ""; form.date_to.value = ""; }  // a click clears the brush
      else { form.date_from.value = dayAt(a); form.date_to.value = dayAt(b); }
      refresh();
    });
  }

  // ---------- list
  function drawList(events, total) {
    var list = clear($("#event-list"));
    events.forEach(function (ev) {
      var place = ev.place ? (ev.place.name || ev.place.text) : null;
      var li = el("li", { className: "event-item", "data-id": ev.id, tabindex: 0,
                          onclick: function () { openEvent(ev.id, true); },
                          onkeydown: function (e) { if (e.key === "Enter") openEvent(ev.id, true); } },
        el("span", { className: "swatch", style: "background:" + colour(ev.acled_event_type) }),
        el("span", { className: "date", text: ev.date_start || "undated" }),
        el("span", { className: "type", text: ev.acled_event_type }),
        place ? el("span", { className: "place", text: place }) : null,
        el("span", { className: "badge cert-" + ev.certainty, text: ev.certainty }),
        ev.status !== "unreviewed" ? el("span", { className: "badge status-" + ev.status, text: ev.status }) : null,
        el("div", { className: "note", text: ev.notes_en || ev.trigger }));
      list.appendChild(li);
    });
    if (total > events.length) {
      list.appendChild(el("li", { className: "hint", text: "showing " + events.length + " of " + total +
                                  " — narrow the filters to see the rest" }));
    }
  }

  // ---------- refresh everything that depends on the filters
  function refresh() {
    var seq = ++state.seq;
    var p = filterParams(true), pNoDates = filterParams(false);
    var exportParams = new URLSearchParams(p); exportParams.set("format", $("#export-format").value || "jsonl");
    $("#export-link").setAttribute("href", "/api/export?" + exportParams.toString());
    var mapP = new URLSearchParams(p); mapP.set("compact", "true"); mapP.set("limit", MAP_LIMIT);
    var listP = new URLSearchParams(p); listP.set("limit", LIST_LIMIT);
    return Promise.all([api("/api/events?" + mapP), api("/api/events?" + listP), api("/api/stats?" + pNoDates)])
      .then(function (res) {
        if (seq !== state.seq) return;  // a newer refresh started meanwhile
        var shown = drawMarkers(res[0].events);
        drawList(res[1].events, res[1].total);
        drawTimeline(res[2].by_day || []);
        $("#summary").textContent = res[1].total + " events · " + shown + " on the map" +
          (res[0].total > res[0].events.length ? " (newest " + res[0].events.length + ")" : "");
        document.body.setAttribute("data-ready", String(seq));
      }).catch(showError);
  }

  function showError(err) {
    if (window.console) console.error(err);
    $("#summary").textContent = "error: " + (err && err.message ? err.message : String(err));
  }

  // ---------- filter options
  function fillOptions() {
    var form = $("#filter-form").elements;
    (state.config.certainties || []).forEach(function (c) { form.certainty.appendChild(el("option", { value: c, text: c })); });
    var fmt = $("#export-format");
    (state.config.export_formats || ["jsonl"]).forEach(function (f) {
      fmt.appendChild(el("option", { value: f, text: f, selected: f === "acled-csv" ? "selected" : null }));
    });
    fmt.addEventListener("change", refresh);
    return Promise.all([api("/api/stats"), api("/api/places?limit=2000"), api("/api/actors?limit=500")]).then(function (r) {
      Object.keys(TYPE_COLOURS).concat((r[0].by_type || []).map(function (t) { return t.type; }))
        .filter(function (t, i, a) { return t && a.indexOf(t) === i; })
        .forEach(function (t) { form.acled_type.appendChild(el("option", { value: t, text: t })); });
      var admin1 = {};
      (r[1].places || []).forEach(function (p) { if (p.admin1) admin1[p.admin1] = true; });
      Object.keys(admin1).sort().forEach(function (a) { form.admin1.appendChild(el("option", { value: a, text: a })); });
      var dl = $("#actor-list");
      (r[2].actors || []).forEach(function (a) { dl.appendChild(el("option", { value: a.name })); });
      var legend = $("#legend");
      Object.keys(TYPE_COLOURS).forEach(function (t) {
        legend.appendChild(el("div", null, el("span", { className: "swatch", style: "background:" + TYPE_COLOURS[t] }), t));
      });
    });
  }

  // ---------- evidence: the Arabic sentence with its spans marked
  function evidenceNode(ev) {
    var evd = ev.evidence;
    var p = el("p", { className: "evidence", dir: "rtl", lang: "ar" });
    if (!evd || typeof evd.text !== "string") return p;
    // offsets count code points (Python); JS strings count UTF-16 units, so slice an array of code points
    var chars = Array.from(evd.text);
    var s0 = evd.start, s1 = evd.start + chars.length;
    var spans = (ev.spans || []).filter(function (s) {
      return s.kind !== "evidence" && SPAN_PRIORITY.indexOf(s.kind) >= 0 && s.end > s0 && s.start < s1;
    });
    var cuts = [s0, s1];
    spans.forEach(function (s) { cuts.push(Math.max(s0, s.start), Math.min(s1, s.end)); });
    cuts = cuts.filter(function (x, i, a) { return a.indexOf(x) === i; }).sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var text = chars.slice(a - s0, b - s0).join("");
      var covering = spans.filter(function (s) { return s.start <= a && s.end >= b; });
      if (!covering.length) { p.appendChild(document.createTextNode(text)); continue; }
      covering.sort(function (x, y) { return SPAN_PRIORITY.indexOf(x.kind) - SPAN_PRIORITY.indexOf(y.kind); });
      var kinds = covering.map(function (s) { return s.kind + (s.label ? " (" + s.label + ")" : ""); });
      p.appendChild(el("mark", { className: "span-" + covering[0].kind, "data-kind": covering[0].kind,
                                 title: kinds.join(", "), text: text }));
    }
    return p;
  }

  function field(label, value) {
    if (value === null || value === undefined || value === "") return null;
    return el("div", { className: "field" }, el("span", { className: "label", text: label }),
              typeof value === "object" ? value : el("span", { text: String(value) }));
  }

  function placeText(pl) {
    if (!pl) return null;
    var parts = [pl.name || pl.text, pl.admin1, pl.country].filter(Boolean);
    if (pl.lat !== null && pl.lat !== undefined) parts.push(Number(pl.lat).toFixed(3) + ", " + Number(pl.lon).toFixed(3));
    return parts.join(" · ");
  }

  function renderEvent(ev) {
    state.current = ev;
    var box = clear($("#detail"));
    var art = ev.article || {};
    box.appendChild(el("h2", { text: [ev.acled_event_type, ev.acled_sub_event_type].filter(Boolean).join(" — ") }));
    box.appendChild(el("div", { className: "badges" },
      el("span", { className: "badge cert-" + ev.certainty, id: "certainty-badge", text: ev.certainty }),
      el("span", { className: "badge status-" + ev.status, id: "status-badge", text: ev.status }),
      ev.negated ? el("span", { className: "badge warn", text: "negated" }) : null,
      ev.hypothetical ? el("span", { className: "badge warn", text: "hypothetical" }) : null));
    box.appendChild(evidenceNode(ev));
    box.appendChild(el("p", { className: "note-en", dir: "ltr", lang: "en", text: ev.notes_en }));
    var participants = el("ul", { className: "participants" });
    (ev.participants || []).forEach(function (pt) {
      participants.appendChild(el("li", null, el("span", { className: "label", text: pt.role }), " ",
        el("bdi", { text: pt.text }), pt.canonical && pt.canonical !== pt.text ? " → " + pt.canonical : null));
    });
    var quantities = (ev.quantities || []).map(function (q) {
      return q.kind + " " + (q.low === q.high || q.high === null ? q.low : q.low + "–" + q.high);
    }).join(", ");
    box.appendChild(el("div", { className: "fields" },
      field("type", ev.type),
      field("date", (ev.date_start || "?") + (ev.date_end && ev.date_end !== ev.date_start ? " … " + ev.date_end : "") +
            (ev.date_text ? " («" + ev.date_text + "»)" : "")),
      field("place", placeText(ev.place)),
      (ev.participants || []).length ? field("participants", participants) : null,
      field("fatalities", ev.fatalities),
      field("quantities", quantities),
      field("according to", ev.source_text ? ev.source_text + (ev.source_type ? " (" + ev.source_type + ")" : "") : ev.source_type),
      field("outlet", art.source || ev.article_source),
      field("published", art.published || ev.published)));
    var url = safeUrl(art.url || ev.article_url);
    box.appendChild(el("p", { className: "links" },
      url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", id: "article-link",
                      text: "original article ↗" }) : null,
      " ",
      el("a", { href: "/articles/" + encodeURIComponent(ev.article_id), text: "article text",
                onclick: function (e) { e.preventDefault(); openArticle(ev.article_id, true); } })));
    box.appendChild(reviewPanel(ev));
    if (ev.incident) box.appendChild(incidentPanel(ev));
    if ((ev.reviews || []).length) {
      var trail = el("ol", { className: "reviews" });
      ev.reviews.forEach(function (r) {
        trail.appendChild(el("li", { text: r.at + " · " + r.user + " · " + r.action +
          (r.value ? " " + JSON.stringify(r.value) : "") + (r.note ? " — " + r.note : "") }));
      });
      box.appendChild(el("h3", { text: "review history" }));
      box.appendChild(trail);
    }
    document.querySelectorAll(".event-item.selected").forEach(function (n) { n.classList.remove("selected"); });
    document.querySelectorAll(".event-item").forEach(function (n) {
      if (n.getAttribute("data-id") === ev.id) n.classList.add("selected");
    });
  }

  function reviewPanel(ev) {
    var msg = el("p", { className: "review-msg", id: "review-msg", "aria-live": "polite" });
    function act(action, value) {
      msg.textContent = "saving…";
      return api("/api/events/" + encodeURIComponent(ev.id) + "/review",
                 { method: "POST", write: true, body: { action: action, value: value || null } })
        .then(function () { return openEvent(ev.id, false); })
        .then(function () { $("#review-msg").textContent = action + ": saved"; refresh(); })
        .catch(function (e) { msg.textContent = e.message; });
    }
    var typeSel = el("select", { name: "acled" });
    Object.keys(TYPE_COLOURS).forEach(function (t) {
      var o = el("option", { value: t, text: t }); if (t === ev.acled_event_type) o.selected = true; typeSel.appendChild(o);
    });
    var nativeType = el("input", { name: "type", value: ev.type, size: 18 });
    var subType = el("input", { name: "sub", value: ev.acled_sub_event_type, size: 18 });
    var pl = ev.place || {};
    var pName = el("input", { name: "place", value: pl.name || "", size: 14, dir: "auto" });
    var pAdmin = el("input", { name: "admin1", value: pl.admin1 || "", size: 10 });
    var pLat = el("input", { name: "lat", value: pl.lat === null || pl.lat === undefined ? "" : pl.lat, size: 7 });
    var pLon = el("input", { name: "lon", value: pl.lon === null || pl.lon === undefined ? "" : pl.lon, size: 7 });
    var dStart = el("input", { type: "date", name: "date_start", value: (ev.date_start || "").slice(0, 10) });
    var dEnd = el("input", { type: "date", name: "date_end", value: (ev.date_end || ev.date_start || "").slice(0, 10) });
    return el("div", { className: "review" },
      el("h3", { text: "review" }),
      el("div", { className: "buttons" },
        el("button", { id: "verify-btn", text: "verify", onclick: function () { act("verify"); } }),
        el("button", { id: "reject-btn", text: "reject", onclick: function () { act("reject"); } }),
        el("button", { text: "reset", onclick: function () { act("reset"); } })),
      el("details", null, el("summary", { text: "correct type, place or date" }),
        el("div", { className: "row" }, typeSel, subType, nativeType,
          el("button", { text: "set type", onclick: function () {
            act("correct_type", { type: nativeType.value.trim(), acled_event_type: typeSel.value,
                                  acled_sub_event_type: subType.value.trim() }); } })),
        el("div", { className: "row" }, pName, pAdmin, pLat, pLon,
          el("button", { text: "set place", onclick: function () {
            var lat = parseFloat(pLat.value), lon = parseFloat(pLon.value);
            act("correct_place", { name: pName.value.trim() || null, admin1: pAdmin.value.trim() || null,
                                   lat: isNaN(lat) ? null : lat, lon: isNaN(lon) ? null : lon }); } })),
        el("div", { className: "row" }, dStart, dEnd,
          el("button", { text: "set date", onclick: function () {
            act("correct_date", { date_start: dStart.value, date_end: dEnd.value || dStart.value,
                                  date_precision: 1 }); } }))),
      msg);
  }

  function incidentPanel(ev) {
    var inc = ev.incident;
    var msg = el("p", { className: "review-msg" });
    var box = el("div", { className: "incident" },
      el("h3", null, el("a", { href: "/incidents/" + encodeURIComponent(inc.id), text: "incident " + inc.id,
        onclick: function (e) { e.preventDefault(); openIncident(inc.id, true); } })),
      el("p", { text: inc.n_events + " reports in " + inc.n_articles + " articles · " + inc.reason +
                (inc.manual ? " · shaped by a reviewer" : "") }));
    var members = el("ul", { className: "members" });
    box.appendChild(members);
    api("/api/incidents/" + encodeURIComponent(inc.id)).then(function (d) {
      (d.events || []).forEach(function (m) {
        members.appendChild(el("li", null, el("a", { href: "/events/" + encodeURIComponent(m.id),
          text: (m.date_start || "") + " " + (m.article_source || m.article_title || m.article_id),
          onclick: function (e) { e.preventDefault(); openEvent(m.id, true); } })));
      });
    }).catch(function () {});
    var other = el("input", { placeholder: "incident id to merge in", size: 22 });
    function write(path, body) {
      return api(path, { method: "POST", write: true, body: body })
        .then(function () { return openEvent(ev.id, false); })
        .catch(function (e) { msg.textContent = e.message; });
    }
    box.appendChild(el("div", { className: "row" }, other,
      el("button", { text: "merge", onclick: function () {
        if (other.value.trim()) write("/api/incidents/merge", { incident_ids: [inc.id, other.value.trim()] });
      } }),
      inc.n_events > 1 ? el("button", { text: "split this report out", onclick: function () {
        write("/api/incidents/" + encodeURIComponent(inc.id) + "/split", { event_ids: [ev.id] });
      } }) : null));
    box.appendChild(msg);
    return box;
  }

  function openEvent(id, push) {
    if (push) history.pushState({ event: id }, "", "/events/" + encodeURIComponent(id));
    return api("/api/events/" + encodeURIComponent(id)).then(function (ev) {
      renderEvent(ev);
      var pl = ev.place;
      if (state.selected) { state.map.removeLayer(state.selected); state.selected = null; }
      if (pl && pl.lat !== null && pl.lat !== undefined && state.map) {
        // a ring outside the clusters marks where the open event is
        state.selected = L.circleMarker([pl.lat, pl.lon], { radius: 14, weight: 3, color: "#f1c40f", fill: false,
                                                            interactive: false }).addTo(state.map);
      }
      if (push && pl && pl.lat !== null && pl.lat !== undefined && state.map) {
        state.map.setView([pl.lat, pl.lon], Math.max(state.map.getZoom(), 7));  // close enough to see the place
      }
    }).catch(function (e) { clear($("#detail")).appendChild(el("p", { className: "error", text: e.message })); });
  }

  function openArticle(id, push) {
    if (push) history.pushState({ article: id }, "", "/articles/" + encodeURIComponent(id));
    return api("/api/articles/" + encodeURIComponent(id)).then(function (a) {
      var box = clear($("#detail"));
      box.appendChild(el("h2", { dir: "auto", text: a.title || a.id }));
      box.appendChild(el("p", { className: "meta", text: [a.source, a.published].filter(Boolean).join(" · ") }));
      var url = safeUrl(a.url);
      if (url) box.appendChild(el("p", null, el("a", { href: url, target: "_blank", rel: "noopener noreferrer",
                                                      text: "original article ↗" })));
      var evs = el("ul", { className: "members" });
      (a.events || []).forEach(function (m) {
        evs.appendChild(el("li", null, el("a", { href: "/events/" + encodeURIComponent(m.id),
          text: m.acled_event_type + " · " + (m.date_start || "undated"),
          onclick: function (e) { e.preventDefault(); openEvent(m.id, true); } })));
      });
      box.appendChild(evs);
      box.appendChild(el("div", { className: "article-text", dir: "rtl", lang: "ar", text: a.text || "" }));
    }).catch(function (e) { clear($("#detail")).appendChild(el("p", { className: "error", text: e.message })); });
  }

  function openIncident(id, push) {
    if (push) history.pushState({ incident: id }, "", "/incidents/" + encodeURIComponent(id));
    return api("/api/incidents/" + encodeURIComponent(id)).then(function (inc) {
      var box = clear($("#detail"));
      box.appendChild(el("h2", { text: "incident " + inc.id }));
      box.appendChild(el("p", { text: [inc.acled_event_type, inc.date_start, placeText(inc.place)].filter(Boolean).join(" · ") }));
      box.appendChild(el("p", { text: inc.n_events + " reports in " + inc.n_articles + " articles · " + inc.reason +
        (inc.fatalities_best !== null && inc.fatalities_best !== undefined ? " · fatalities " + inc.fatalities_low +
          "–" + inc.fatalities_high + " (best " + inc.fatalities_best + ")" : "") + (inc.manual ? " · shaped by a reviewer" : "") }));
      var evs = el("ul", { className: "members" });
      (inc.events || []).forEach(function (m) {
        evs.appendChild(el("li", null, el("a", { href: "/events/" + encodeURIComponent(m.id),
          text: (m.date_start || "undated") + " · " + (m.article_source || "") + " · " + (m.notes_en || m.trigger),
          onclick: function (e) { e.preventDefault(); openEvent(m.id, true); } })));
      });
      box.appendChild(evs);
    }).catch(function (e) { clear($("#detail")).appendChild(el("p", { className: "error", text: e.message })); });
  }

  function route() {
    var m = /^\/(events|articles|incidents)\/(.+)$/.exec(location.pathname);
    if (!m) return;
    var id = decodeURIComponent(m[2]);
    if (m[1] === "events") openEvent(id, false);
    else if (m[1] === "articles") openArticle(id, false);
    else openIncident(id, false);
  }

  function init() {
    initToken();
    var form = $("#filter-form");
    form.addEventListener("submit", function (e) { e.preventDefault(); refresh(); });
    form.addEventListener("reset", function () { setTimeout(refresh, 0); });
    ["acled_type", "admin1", "certainty", "status", "date_from", "date_to", "inview"].forEach(function (k) {
      form.elements[k].addEventListener("change", refresh);
    });
    window.addEventListener("popstate", route);
    api("/api/config").then(function (cfg) {
      state.config = cfg;
      if (!cfg.writable) $("#token").disabled = true;
      initMap();
      return fillOptions();
    }).then(refresh).then(route).catch(showError);
  }

  document.addEventListener("DOMContentLoaded", init);
})();
