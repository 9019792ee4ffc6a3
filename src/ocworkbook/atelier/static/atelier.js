/* Participant page of the ocworkbook live workshop. No library; the page also works without it.
   - forms marked data-ajax are sent with fetch (no reload) and the answer is confirmed in #etat;
   - /api/etat is polled; when the facilitator opens, closes or reveals, #activite is refreshed. */
(function () {
  "use strict";
  var main = document.getElementById("activite");
  var status = document.getElementById("etat");
  if (!main) { return; }
  var version = main.getAttribute("data-version");
  var delay = parseInt(document.body.getAttribute("data-delai"), 10) || 2000;

  var clearing = null;
  function say(text, ok) {
    status.textContent = text;
    status.className = ok ? "enregistre" : "erreur";
    if (clearing) { window.clearTimeout(clearing); }
    clearing = ok ? window.setTimeout(function () { status.textContent = ""; }, 6000) : null;
  }

  function typing() {
    var el = document.activeElement;
    return el && main.contains(el) && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type === "text")) &&
      el.value !== "";
  }

  function refresh(force) {
    if (!force && typing()) { return Promise.resolve(); }
    return fetch("/fragment", { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) {
        if (!r.ok) { return null; }
        version = r.headers.get("X-Version") || version;
        return r.text();
      })
      .then(function (html) { if (html !== null) { main.innerHTML = html; bind(); } })
      .catch(function () { /* offline for a moment: the next poll tries again */ });
  }

  function send(event) {
    event.preventDefault();
    var form = event.target;
    var data = new URLSearchParams(new FormData(form));
    if (event.submitter && event.submitter.name) { data.set(event.submitter.name, event.submitter.value); }
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (b) { b.disabled = true; });
    fetch(form.getAttribute("action"), {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (reply) {
      say(reply.ok ? reply.body.message : reply.body.erreur, reply.ok);
      buttons.forEach(function (b) { b.disabled = false; });
      if (reply.ok) {
        var input = form.querySelector("input[type=text], textarea");
        if (input && form.getAttribute("action") !== "/repondre") { input.value = ""; }
        refresh(true);
      }
    }).catch(function () {
      buttons.forEach(function (b) { b.disabled = false; });
      say(document.documentElement.lang === "en" ? "Not sent: check the Wi-Fi and try again." :
        "Non envoyé : vérifiez le réseau Wi-Fi et réessayez.", false);
    });
  }

  function bind() {
    main.querySelectorAll("form[data-ajax]").forEach(function (form) { form.addEventListener("submit", send); });
  }

  function poll() {
    fetch("/api/etat", { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) {
        if (state && String(state.version) !== String(version)) { return refresh(false); }
      })
      .catch(function () { /* try again later */ })
      .then(function () { window.setTimeout(poll, delay); });
  }

  bind();
  window.setTimeout(poll, delay);
})();
