"""Vocabulary of page furniture, in several languages, grouped by the reason we give.

The cleaner never names a publisher: it recognises the furniture every news
site shares (share buttons, subscribe prompts, cookie banners, comment
threads ...) by the words it is made of. Each group maps a human reason (what
the cleaning report shows) to phrases; a phrase matches on word boundaries,
case-insensitively. English, German, French, Spanish, Italian, Portuguese and
Dutch are covered because scrapes of those sites look alike.
"""

from __future__ import annotations

import functools
import itertools
import re

import ahocorasick

SHARE = "share buttons"
SUBSCRIBE = "subscribe or newsletter prompt"
COOKIES = "cookie or consent notice"
COMMENTS = "reader comments"
RELATED = "related stories"
NAVIGATION = "navigation and menus"
SETTINGS = "settings menu"
ADVERT = "advertisement"
MEDIA = "media player"
LEGAL = "copyright and legal notice"
TIMESTAMP = "timestamp noise"

VOCABULARY: dict[str, tuple[str, ...]] = {
    SHARE: (
        "share", "shares", "share this", "share this article", "share this story", "share on",
        "share button", "share via", "copy link", "copy article link", "link copied", "link is copied",
        "tweet", "facebook", "twitter", "whatsapp", "linkedin", "pinterest", "reddit", "telegram",
        "flipboard", "messenger", "email", "e-mail", "print", "tumblr", "bluesky", "threads",
        "teilen", "partager", "compartir", "condividi", "compartilhar", "delen",
        "sharing options", "send this page", "copy url", "save article", "save", "saved",
    ),
    SUBSCRIBE: (
        "subscribe", "subscribed", "subscription", "subscriber", "subscribers", "newsletter",
        "newsletters", "sign up", "signup", "sign in", "log in", "login", "log out", "register",
        "create an account", "create a free account", "my account", "already a subscriber",
        "premium", "e-paper", "digital edition", "download the app", "read in app", "get the app",
        "inbox", "alerts", "abonnieren", "anmelden", "abonnez-vous", "s'abonner", "se connecter",
        "suscríbete", "suscribirse", "iniciar sesión", "abbonati", "accedi", "assine", "entrar",
        "aanmelden", "abonneren", "inloggen", "unlock", "paywall", "become a member", "donate", "donation", "support us",
    ),
    COOKIES: (
        "cookie", "cookies", "consent", "privacy policy", "privacy settings", "gdpr",
        "accept all", "reject all", "allow all", "manage preferences", "opt-out", "opt out",
        "we use cookies", "datenschutz", "einwilligung", "confidentialité", "consentement",
        "política de privacidad", "consentimiento", "privacidade", "toestemming", "vendors",
        "legitimate interest", "personal data", "personal information",
    ),
    COMMENTS: (
        "comments", "comment", "leave a comment", "post a comment", "join the conversation",
        "join the discussion", "reply", "replies", "load more", "show more comments",
        "view comments", "most liked", "newest first", "oldest first", "report abuse",
        "kommentare", "kommentar", "commentaires", "commentaire", "comentarios", "comentários",
        "commenti", "reacties", "upvote", "downvote",
    ),
    RELATED: (
        "related", "related topics", "related articles", "related stories", "see also",
        "read more", "read next", "more from", "more stories", "recommended", "recommended for you",
        "you may also like", "you might also like", "most read", "most popular", "trending",
        "top stories", "top 10 stories", "popular", "latest news", "up next", "more on this story",
        "mehr zum thema", "lesen sie auch", "à lire aussi", "lire aussi", "sur le même sujet",
        "te puede interesar", "leer más", "leggi anche", "leia também", "lees ook", "watch more",
        "editor's picks", "don't miss", "around the network", "also read",
    ),
    NAVIGATION: (
        "home", "menu", "main menu", "primary menu", "skip to main content", "skip to content",
        "search", "search for", "go top", "back to top", "top of page", "close", "open", "next",
        "previous", "view", "view all", "show more", "see more", "breadcrumb", "sections", "more", "all sections", "site index", "sitemap",
        "about us", "contact us", "follow us", "preferred source", "preferred on google", "add us", "startseite", "accueil", "inicio", "portada",
        "página inicial", "zurück", "retour", "volver", "expand", "collapse", "toggle",
    ),
    SETTINGS: (
        "settings", "font size", "font-size", "text size", "increase font size",
        "decrease font size", "dark mode", "listen to this article", "audio", "reading mode",
        "schriftgröße", "taille du texte", "tamaño de letra",
    ),
    ADVERT: (
        "advertisement", "advertisements", "advertising", "advertise", "sponsored",
        "sponsored content", "ad", "ads", "skip ad", "scroll to continue", "anzeige", "werbung",
        "publicité", "publicidad", "pubblicità", "publicidade", "advertentie", "partner content",
    ),
    MEDIA: (
        "play", "pause", "mute", "unmute", "video", "watch", "watch live", "live", "fullscreen",
        "view image in fullscreen", "view gallery", "gallery", "image", "images", "photo", "photos",
        "enable javascript", "javascript", "html5 video", "autoplay", "loaded",
    ),
    LEGAL: (
        "all rights reserved", "copyright", "terms of use", "terms of service", "terms and conditions",
        "terms & conditions", "cookie policy", "accessibility", "imprint", "impressum",
        "mentions légales", "aviso legal", "alle rechte vorbehalten", "tous droits réservés",
        "todos los derechos reservados", "tutti i diritti riservati", "careers", "contact",
    ),
}

# Phrases so telling that a whole long line containing one is furniture.
STRONG: dict[str, tuple[str, ...]] = {
    COOKIES: ("we use cookies", "uses cookies", "our use of cookies", "cookie policy", "cookies are",
              "these cookies", "cookie settings", "manage consent", "opt-out of the sale"),
    SUBSCRIBE: ("sign up to", "sign up for", "subscribe to", "subscribe now", "to continue reading",
                "already a subscriber", "already subscribed", "newsletter", "sent straight to your inbox",
                "become an insider", "create a free account", "start your free trial", "unlimited access",
                "subscribers only", "exclusively to subscribers", "or sign in", "or sign-in", "register to unlock",
                "by registering", "registering for free", "online access", "create an account", "sign in to continue",
                "support local journalism", "support our journalism", "email updates", "additional articles per month", "with one account", "access articles",
                "free to read", "save this article", "bookmark this article", "already have an account",
                "please refresh", "refresh your browser", "refresh the page", "get the latest updates", "get the latest news",
                "delivered to your inbox", "delivered to your phone", "download our app", "download the app", "get our app"),
    ADVERT: ("advertisement has not loaded", "story continues below", "article continues below",
             "may earn an affiliate commission", "earn us a commission", "we may earn a commission",
             "independently select", "affiliate links", "sponsored by", "paid partnership"),
    MEDIA: ("enable javascript", "html5 video", "supports html5", "video has failed to load", "failed to load",
            "try refreshing your browser", "to see other videos", "your browser does not support"),
    LEGAL: ("all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
            "todos los derechos reservados"),
    NAVIGATION: ("send tips", "send us tips", "send us a tip"),
    COMMENTS: ("comments are closed", "join the conversation", "community guidelines",
               "log in to comment", "leave a comment"),
    RELATED: ("click here", "read more:", "see also:", "related:", "related reading", "for more stories like this",
              "got a story", "get in touch with our news team"),
}

AUTHOR_LABELS = frozenset(("about the author", "about the authors", "author", "authors", "written by", "by",
                 "author of the article", "authors of the article", "story by", "words by",
                 "über den autor", "à propos de l'auteur", "sobre el autor", "sobre o autor",
                 "l'autore", "over de auteur", "contributor", "reporter", "staff writer"))


WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+")
LETTERS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


class _Phrases:
    """All phrases of one table in an Aho-Corasick automaton: one pass over a line finds them all.

    Matches must sit on word boundaries; overlapping matches are resolved
    longest first, as a reader would read "share this article" rather than
    "share" and "article".
    """

    def __init__(self, groups: dict[str, tuple[str, ...]]) -> None:
        self.automaton = ahocorasick.Automaton()
        for reason, phrases in groups.items():
            for phrase in phrases:
                folded = phrase.casefold()
                if folded not in self.automaton:
                    self.automaton.add_word(folded, (len(folded), reason, len(LETTERS.findall(folded))))
        self.automaton.make_automaton()

    def matches(self, line: str) -> list[tuple[int, int, str, int]]:
        """Non-overlapping matches as (start, end, reason, letter words), longest first."""
        folded = line.casefold()
        if len(folded) != len(line):
            folded = line.lower()  # keep offsets aligned (casefold can lengthen "ß")
        found = []
        for end, (size, reason, count) in self.automaton.iter(folded):
            start = end - size + 1
            before = folded[start - 1] if start else " "
            after = folded[end + 1] if end + 1 < len(folded) else " "
            if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
                found.append((start, end, reason, count))
        return _longest_first(found) if len(found) > 1 else found


def _longest_first(found: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str, int]]:
    """Of overlapping matches, the longest (then the leftmost) wins."""
    found.sort(key=lambda m: (m[0] - m[1], m[0]))
    taken: list[tuple[int, int, str, int]] = []
    for match in found:
        if all(match[1] < t[0] or match[0] > t[1] for t in taken):
            taken.append(match)
    return taken


VOCABULARY_PHRASES = _Phrases(VOCABULARY)
STRONG_PHRASES = _Phrases(STRONG)


@functools.lru_cache(maxsize=4096)
def furniture_reason(line: str) -> str:
    """The reason a short line is page furniture, or "" when it is not.

    A short line is furniture when at least half of its words are vocabulary
    of one group (``Share this article``, ``Sign up``, ``Load More``).
    """
    total = sum(1 for _ in itertools.islice(LETTERS.finditer(line), 13))  # a long line is passed over at its 13th word
    if not total or total > 12:
        return ""
    covered: dict[str, int] = {}
    for _, _, reason, count in VOCABULARY_PHRASES.matches(line):
        covered[reason] = covered.get(reason, 0) + count
    if not covered:
        return ""
    reason = max(sorted(covered), key=covered.__getitem__)
    return reason if covered[reason] * 2 >= total else ""


@functools.lru_cache(maxsize=4096)
def strong_reason(line: str) -> str:
    """The reason a line of any length is furniture because of a telling phrase, or ""."""
    found = STRONG_PHRASES.matches(line)
    return min(found)[2] if found else ""


@functools.lru_cache(maxsize=4096)
def vocabulary_hits(line: str) -> int:
    """How many furniture words a line holds, over all groups."""
    return len(VOCABULARY_PHRASES.matches(line))
