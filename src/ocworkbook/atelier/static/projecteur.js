/* Projector page of the ocworkbook live workshop. The facilitator key comes after "#" in the address
   (never sent over the network); it is kept in sessionStorage and removed from the address bar so the
   room does not see it. Every text is set with textContent; charts are SVG images drawn by the server. */
(function () {
  "use strict";
  var body = document.body;
  var words = function (name) { return body.getAttribute("data-" + name) || ""; };
  var match = /[#&]k=([^&]+)/.exec(window.location.hash);
  if (match) {
    window.sessionStorage.setItem("atelier-cle", decodeURIComponent(match[1]));
    window.history.replaceState(null, "", window.location.pathname);
  }
  var key = window.sessionStorage.getItem("atelier-cle");
  var problem = document.getElementById("probleme");
  var section = document.getElementById("activite");
  var mapSection = document.getElementById("carte");
  var delay = parseInt(body.getAttribute("data-delai"), 10) || 1000;
  var shownChart = null;
  var shownMap = null;

  function show(text) { problem.hidden = !text; problem.textContent = text || ""; }
  if (!key) { show(words("sans-cle")); return; }

  function get(path) {
    return fetch(path, { headers: { "X-Animation": key, "Accept": "application/json" }, cache: "no-store" });
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }

  function image(path, alt, previous) {
    var img = el("img");
    img.alt = alt;
    get(path).then(function (r) { return r.ok ? r.blob() : null; }).then(function (blob) {
      if (blob) { img.src = URL.createObjectURL(blob); if (previous) { URL.revokeObjectURL(previous); } }
    });
    return img;
  }

  function number(value) { return String(value).replace(".", ","); }

  function table(activity) {
    var columns = activity.colonnes;  /* [row field, heading], chosen by the question's kind */
    var t = el("table");
    var head = el("tr");
    columns.forEach(function (c) { head.appendChild(el("th", c[1])); });
    t.appendChild(head);
    activity.lignes.forEach(function (row) {
      var tr = el("tr", null, row.correct === true ? "correct" : "");
      columns.forEach(function (c) {
        var value = row[c[0]];
        var text = value === null || value === undefined ? "" : (typeof value === "number" ? number(value) : value);
        if (c[0] === "libelle" && row.correct === true) { text = "✓ " + text; }
        tr.appendChild(el("td", text, typeof value === "number" ? "nombre" : ""));
      });
      t.appendChild(tr);
    });
    return t;
  }

  function drawMap(activity) {
    var map = activity.carte;
    mapSection.hidden = false;
    mapSection.replaceChildren(el("h2", words("groupes")));
    if (!map.ok) { mapSection.appendChild(el("p", map.message)); return; }
    (map.avertissements || []).forEach(function (w) { mapSection.appendChild(el("p", "⚠ " + w, "avertissement")); });
    if (map.stabilite !== null && map.stabilite !== undefined) {
      mapSection.appendChild(el("p", words("stabilite") + " : " + number(map.stabilite.toFixed(2))));
    }
    var key2 = activity.id + ":" + JSON.stringify(map.groupes);
    if (shownMap === null || shownMap.key !== key2) {
      shownMap = { key: key2, img: image("/api/projecteur/carte.svg?activite=" + encodeURIComponent(activity.id),
        words("carte"), shownMap && shownMap.img.src) };
    }
    mapSection.appendChild(shownMap.img);
    map.groupes.forEach(function (g) {
      var box = el("div", null, "groupe");
      box.appendChild(el("h3", words("groupe") + " " + g.groupe + " (" + g.personnes + ")"));
      var list = el("ul");
      g.enonces.forEach(function (s) {
        list.appendChild(el("li", s.sens + " " + Math.round(100 * (s.part || 0)) + " % — " + s.texte));
      });
      box.appendChild(list);
      mapSection.appendChild(box);
    });
    if (map.consensus && map.consensus.length) {
      mapSection.appendChild(el("h3", words("consensus")));
      var list = el("ul");
      map.consensus.forEach(function (s) { list.appendChild(el("li", s)); });
      mapSection.appendChild(list);
    }
  }

  function draw(state) {
    document.getElementById("titre").textContent = state.titre;
    document.getElementById("adresse").textContent = state.adresse;
    document.getElementById("code").textContent = state.code;
    document.getElementById("participants").textContent = state.participants + " " + words("personnes");
    var activity = state.activite;
    if (!activity) {
      section.replaceChildren(el("p", words("attente"), "attente"));
      mapSection.hidden = true;
      return;
    }
    var parts = [el("h2", activity.titre), el("p", activity.enonce, "enonce"),
      el("p", activity.etat === "ouverte" ? words("ouvert") : words("ferme"), "etat " + activity.etat),
      el("p", activity.personnes + " " + words("reponses"), "compte")];
    if (activity.message) { parts.push(el("p", activity.message, "message")); }
    if (!activity.masque && activity.lignes.length) {
      var chartKey = activity.id + ":" + state.version + ":" + activity.revele;
      if (shownChart === null || shownChart.key !== chartKey) {
        shownChart = { key: chartKey, img: image("/api/projecteur/graphique.svg?activite=" +
          encodeURIComponent(activity.id), words("graphique"), shownChart && shownChart.img.src) };
      }
      var figure = el("div", null, "resultats");
      figure.appendChild(shownChart.img);
      figure.appendChild(table(activity));
      parts.push(figure);
    }
    if (activity.resume) { parts.push(el("p", activity.resume, "resume")); }
    if (activity.revele) {
      var box = el("div", null, "revele");
      if (activity.solution) { box.appendChild(el("p", words("bonne") + " " + activity.solution, "solution")); }
      if (activity.explication) { box.appendChild(el("p", activity.explication)); }
      if (box.childNodes.length) { parts.push(box); }
    }
    section.replaceChildren.apply(section, parts);
    if (activity.carte) { drawMap(activity); } else { mapSection.hidden = true; }
  }

  var qrShown = false;
  function poll() {
    get("/api/projecteur").then(function (r) {
      return r.json().then(function (data) { return { ok: r.ok, data: data }; });
    }).then(function (reply) {
      if (!reply.ok) { show(reply.data.erreur); return; }
      show("");
      if (!qrShown) { qrShown = true; loadQr(); }
      draw(reply.data);
    }).catch(function () { /* the server may be restarting: try again */ })
      .then(function () { window.setTimeout(poll, delay); });
  }

  function loadQr() {
    get("/api/qr.svg").then(function (r) { return r.ok ? r.blob() : null; }).then(function (blob) {
      if (blob) { document.getElementById("qr").src = URL.createObjectURL(blob); }
    });
  }

  poll();
})();
