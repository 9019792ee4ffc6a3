"""HTML pages of the participant server: join, activity (phone), projector, error.

Every page is built from escaped text (:mod:`.markup`); scripts and styles are files served by the
same server (``static/``), so the Content-Security-Policy can forbid inline code and every resource
from another machine. The phone page works without JavaScript (plain forms); the script only avoids
reloading the page and polls for the next question.
"""

from __future__ import annotations

from ..i18n import t
from .markup import block, esc, inline
from .question_kinds import View, kind_of

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY", "Cache-Control": "no-store"}


def page(title: str, body: str, lang: str = "fr", script: str | None = "atelier.js", css: str = "atelier.css",
         data: dict | None = None) -> str:
    attributes = "".join(f' data-{esc(k)}="{esc(v)}"' for k, v in (data or {}).items())
    scripts = f'<script src="/static/{script}" defer></script>' if script else ""
    return (f'<!doctype html><html lang="{esc(lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{esc(title)}</title><link rel="stylesheet" href="/static/{css}">{scripts}</head>'
            f"<body{attributes}>{body}</body></html>")


def _language_link(lang: str, back: str = "/") -> str:
    other, label = ("en", "English") if lang == "fr" else ("fr", "Français")
    return f'<a class="langue" href="/langue?l={other}&amp;retour={esc(back)}" lang="{other}">{label}</a>'


def join_page(session_title: str, code: str = "", lang: str = "fr", error: str = "") -> str:
    problem = f'<p class="erreur" role="alert">{esc(error)}</p>' if error else ""
    body = (f'<header>{_language_link(lang, "/")}<p class="atelier">{esc(session_title)}</p></header><main>'
            f'<h1>{esc(t("atelier.join.title", lang=lang))}</h1>{problem}'
            f'<form method="post" action="/rejoindre" class="rejoindre">'
            f'<input type="hidden" name="langue" value="{esc(lang)}">'
            f'<label for="code">{esc(t("atelier.join.code", lang=lang))}</label>'
            f'<input id="code" name="code" value="{esc(code)}" autocomplete="off" autocapitalize="characters" '
            f'spellcheck="false" maxlength="12" required>'
            f'<label for="pseudo">{esc(t("atelier.join.pseudonym", lang=lang))}</label>'
            f'<input id="pseudo" name="pseudo" maxlength="40" autocomplete="off">'
            f'<p class="aide">{esc(t("atelier.join.pseudonym_help", lang=lang))}</p>'
            f'<button type="submit" class="primaire">{esc(t("atelier.join.button", lang=lang))}</button></form>'
            f'<p class="aide">{esc(t("atelier.join.privacy", lang=lang))}</p></main>')
    return page(t("atelier.join.title", lang=lang), body, lang, script=None)


def activity_fragment(view: View | None, pseudonym: str, lang: str) -> str:
    """The part of the phone page that changes when the facilitator opens or closes something."""
    if view is None:
        who = f' {esc(t("atelier.phone.as", lang=lang, name=pseudonym))}' if pseudonym else ""
        return (f'<h1>{esc(t("atelier.phone.waiting_title", lang=lang))}</h1>'
                f'<p>{esc(t("atelier.phone.waiting", lang=lang))}{who}</p>')
    spec = view.spec
    state = "atelier.phone.open" if view.open else "atelier.phone.closed"
    content = ' lang="fr"' if lang != "fr" else ""  # the exercises themselves are written in French
    return (f'<h1{content}>{inline(spec["title"])}</h1><div class="enonce"{content}>{block(spec["prompt"])}</div>'
            f'<p class="etat-question {"ouverte" if view.open else "fermee"}">{esc(t(state, lang=lang))}</p>'
            + kind_of(spec).body(view))


def activity_page(session_title: str, fragment: str, version: int, lang: str, message: str = "") -> str:
    note = f'<p class="enregistre">{esc(message)}</p>' if message else ""
    body = (f'<header>{_language_link(lang, "/")}<p class="atelier">{esc(session_title)}</p></header>'
            f'<main id="activite" data-version="{version}">{fragment}</main>'
            f'<p id="etat" role="status" aria-live="polite">{note}</p>')
    return page(session_title, body, lang, data={"delai": 2000})


def projector_page(session_title: str) -> str:
    body = (f'<main id="projecteur"><header><h1 id="titre">{esc(session_title)}</h1>'
            f'<div id="rejoindre"><img id="qr" alt="{esc(t("atelier.projector.qr_alt"))}">'
            f'<p><span class="grand" id="adresse"></span><br>{esc(t("atelier.projector.code"))} '
            f'<strong class="code" id="code"></strong></p><p id="participants"></p></div></header>'
            f'<section id="activite" aria-live="polite"></section><section id="carte" hidden></section>'
            f'<p id="probleme" role="alert" hidden></p></main>')
    return page(t("atelier.projector.title"), body, "fr", script="projecteur.js", css="projecteur.css",
                data={"delai": 1000, "sans-cle": t("atelier.projector.no_key"),
                      "attente": t("atelier.projector.waiting"), "personnes": t("atelier.projector.people_label"),
                      "reponses": t("atelier.projector.answers_label"), "bonne": t("atelier.projector.expected"),
                      "groupes": t("atelier.projector.groups_label"), "stabilite": t("atelier.projector.stability"),
                      "ferme": t("atelier.phone.closed"), "ouvert": t("atelier.phone.open"),
                      "graphique": t("atelier.projector.chart_alt"), "carte": t("atelier.projector.map_alt"),
                      "consensus": t("atelier.projector.consensus"), "groupe": t("atelier.projector.group")})


def error_page(message: str, lang: str = "fr", status_title: str | None = None) -> str:
    body = (f'<main><h1>{esc(status_title or t("atelier.error.title", lang=lang))}</h1>'
            f'<p class="erreur" role="alert">{esc(message)}</p>'
            f'<p><a href="/">{esc(t("atelier.error.back", lang=lang))}</a></p></main>')
    return page(t("atelier.error.title", lang=lang), body, lang, script=None)
