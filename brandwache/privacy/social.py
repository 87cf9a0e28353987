"""E-mail addresses, social-media handles and profile links of persons.

Organisations' own addresses, handles and pages are not personal data and stay visible: a
company mailbox by its local part (info@, support@, ...), a handle or page by its name
(see `organisations.is_organisation_name`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .organisations import is_organisation_name
from .places import words
from .spans import Kind, Span

# --- e-mail --------------------------------------------------------------------------

_OBFUSCATED_AT = r"\s?[(\[{<]\s?(?:at|ät|@)\s?[)\]}>]\s?"
_OBFUSCATED_DOT = r"\s?[(\[{<]\s?(?:dot|punkt|pkt)\s?[)\]}>]\s?|\s(?:dot|punkt)\s"
_DOT = rf"(?:\.|{_OBFUSCATED_DOT})"
EMAIL = re.compile(
    # Not inside a longer local part, not the second half of a Mastodon handle "@a@b.social".
    # Each part is read possessively: no separator starts with a letter, so nothing is lost.
    r"(?<![\w%+@.-])[\w%+-]{1,64}+(?:" + _DOT + r"[\w%+-]{1,64}+){0,6}"
    rf"(?:@|{_OBFUSCATED_AT}|\s(?:at|ät)\s(?=[\w-]+{_DOT}))"
    rf"[\w-]{{1,63}}+(?:{_DOT}[\w-]{{1,63}}+){{0,4}}{_DOT}[A-Za-z]{{2,24}}(?![\w-])",
    re.IGNORECASE,
)
# A bare " at " needs a spelled-out dot ("max at gmx dot de"), or "meet at home.de" counts.
_BARE_AT = re.compile(r"\s(?:at|ät)\s", re.IGNORECASE)
_EMAIL_HINT = re.compile(r"@|\W(?:at|ät)\W", re.IGNORECASE)

# Shared mailboxes of an organisation, by local part.
COMPANY_MAILBOXES = frozenset(
    words("""
    info kundendienst kundenservice kundencenter service support help hilfe helpdesk hello
    hallo noreply no-reply donotreply do-not-reply kontakt contact office buero büro mail post
    admin sales verkauf billing rechnung rechnungen buchhaltung accounting accounts hr jobs
    karriere careers presse press media datenschutz privacy dpo legal compliance team
    customerservice customercare care feedback orders bestellung bestellungen reservation
    reservations booking bookings abuse webmaster postmaster marketing empfang reception
    enquiries inquiries newsletter shop store beschwerde beschwerden complaints claims schaden
    kunden customers customer service-desk servicedesk zentrale inkasso mahnwesen assistance
    desk relations refunds refund returns retouren bookings kundenbetreuung ch de at uk us ie
    mitglieder members membership anmeldung registration hotline helpline
    """)
)


def _is_personal_email(value: str) -> bool:
    bare = _BARE_AT.search(value)
    # "booked direct at skyarc.com" is a website: a bare "at" needs a spelled-out dot.
    if (
        bare
        and "@" not in value
        and not re.search(_OBFUSCATED_DOT, value[bare.end() :], re.IGNORECASE)
    ):
        return False
    local = re.split(rf"@|{_OBFUSCATED_AT}|\s(?:at|ät)\s", value, maxsplit=1)[0].casefold()
    # "customer.care@", "kundenservice-ch@": every part a mailbox word.
    parts = [p for p in re.split(r"[._+-]", local) if p and not p.isdigit()]
    return not parts or not all(p in COMPANY_MAILBOXES for p in parts)


_SPELLED_AT = ("(at)", "[at]", "{at}", "<at>", "( at )", "[ at ]", "(ät)", "[ät]", "(@)")


def _at_signs(text: str) -> list[int]:
    """Where an address's "@" (or its spelled-out form) stands."""
    signs = []
    at = text.find("@")
    while at >= 0:
        signs.append(at)
        at = text.find("@", at + 1)
    lowered = text.lower()
    spelled = any(map(lowered.__contains__, _SPELLED_AT)) or (
        (" at " in lowered or " ät " in lowered) and ("dot" in lowered or "punkt" in lowered)
    )
    if spelled:
        signs += [m.start() for m in _EMAIL_HINT.finditer(text) if text[m.start()] != "@"]
    return sorted(signs)


def find_emails(text: str) -> Iterator[Span]:
    found: set[int] = set()
    for sign in _at_signs(text):
        # The local part ends at the "@" or "(at)": walk back to where it starts.
        start = sign + (text[sign] != "@")
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._%+-"):
            start -= 1
        while start < sign and text[start] in ".":
            start += 1
        for lo in (start, max(0, sign - 80)):
            # Spelled-out dots in the local part ("max punkt muster at ...") need a search.
            m = EMAIL.match(text, lo) if lo == start else EMAIL.search(text, lo, sign + 265)
            if m and m.start() <= sign < m.end():
                break
        else:
            continue
        if m.start() not in found:
            found.add(m.start())
            if _is_personal_email(m.group()):
                yield Span(m.start(), m.end(), Kind.EMAIL, m.group())


# --- handles -------------------------------------------------------------------------

# Each starts with its one fixed character and checks the boundary after it, so sre can
# jump from one "@" to the next.
AT_HANDLE = re.compile(
    # @name, Mastodon @name@server.social, Bluesky @name.bsky.social or @name.example.ch
    r"@(?<![\w@/.+-]@)(?P<name>\w(?:[\w.-]{0,60}\w)?)"
    r"(?:@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})?(?![\w@/-])(?!\.\w)"
)
BLUESKY = re.compile(
    r"(?<![\w@/.+-])[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]+)*\.bsky\.social(?![\w@/-])(?!\.\w)"
)
REDDIT = re.compile(r"u(?<![\w@.+-]u)(?<![\w@.+-]/u)/[A-Za-z0-9_-]{3,20}(?![\w@/-])(?!\.\w)")
_VALUE = r"(?P<quote>[\"'„“‚‘»«]?)(?P<value>\w[\w.-]{1,30}\w)(?![\w@])"
# A user name introduced as such: "Benutzername: fritz_1977", "user kaeptn_blaubaer wrote".
USER_NAME = re.compile(
    r"(?<![\w-])(?i:Benutzer-?name|Benutzer|Nutzer-?name|Nutzer|User-?name|User name|user|"
    r"Login(?:-?name)?|Anmelde-?name|Nick-?name|Nick|Profil-?name|Account-?name|Konto-?name|"
    r"Spieler-?name|Gamer-?tag|Pseudonym|Verkäufer(?:in)?|seller|Anbieter(?:in)?|Käufer(?:in)?|"
    r"buyer|Mitglied|member|handle|screen name|display name|Anzeigename|Kontoname)"
    r"(?P<sep>\s*(?:[:=]|\s(?:ist|is|lautet|heisst|heißt|called|named))?\s*)" + _VALUE
)
# Forum quotes: "Zitat von fritz_1977:", "kaeptn_blaubaer schrieb:", "Originally posted by x".
QUOTED = (
    re.compile(
        r"(?<![\w-])(?i:Zitat von|Quote from|quoting|(?:Originally )?posted by|Antwort an|"
        r"Antwort auf|Ergänzung zu|reply to|replying to|in reply to)[ \t]+@?" + _VALUE + r"[ \t]*:"
    ),
    re.compile(
        r"(?m:^)[ \t]*" + _VALUE + r"[ \t]+(?i:schrieb|wrote|hat geschrieben|writes|said|says)"
        r"[ \t]*:"
    ),
)
# A bare user name: "corkgirl_sarah", "dublinbiker77" (letters with an underscore or digits).
BARE_USER_NAME = re.compile(
    r"[a-zäöü](?<![\w@/.:#+-].)(?:[a-zäöü]*_[\wäöü]+|[a-zäöü]{4,}\d{2,4})(?![\w@/-])(?!\.\w)"
)
# Where a bare user name can be: an underscore, or a digit right after a lower-case letter.
_BARE_ANCHOR = re.compile(r"[_\d](?<=[a-zäöü_][_\d])")
# Digits after a word that is no user name: "covid19", "windows10".
_NOT_USER_NAMES = ("covid", "windows", "iphone", "galaxy", "pixel", "office", "android", "ipad")
_USER_NAME_HINTS = (
    "nutzer", "user", "login", "anmelde", "nick", "profilname", "account-name", "accountname",
    "account name", "kontoname", "konto-name", "spieler", "gamer", "pseudonym", "verkäufer",
    "seller", "anbieter", "käufer", "buyer", "mitglied", "member", "handle", "screen name",
    "display name", "anzeigename",
)  # fmt: skip
_QUOTE_HINTS = (
    "zitat", "quot", "posted", "antwort", "ergänzung", "reply", "schrieb", "wrote",
    "geschrieben", "writes", "said", "says",
)  # fmt: skip
# What each of the QUOTED patterns needs in the case-folded text: the first one only runs
# where one of its phrases stands ("Antworten" alone is no "Antwort an").
_QUOTE_PHRASES = (
    ("zitat von", "quote from", "quoting", "posted by", "antwort an", "antwort auf",
     "ergänzung zu", "reply to", "replying to"),
    ("schrieb", "wrote", "writes", "said", "says"),
)  # fmt: skip
# Words that follow "@" without being a handle ("@home", "@all").
NOT_HANDLES = frozenset(words("home work all here everyone channel team"))
_COMMON_WORDS = frozenset(
    words("""
    hat ist war wird wurde und oder der die das den dem des ein eine einen kann konnte
    has had was is are were and or the a an who which that can could will would with from
    ID Nummer number Name name wrote schrieb schreibt writes says sagt meint von im in
    """)
)


def _username_like(value: str) -> bool:
    return any(ch.isdigit() or ch in "_." for ch in value) or (
        value[0].islower() and any(ch.isupper() for ch in value[1:])
    )


def _at_handles(text: str) -> Iterator[Span]:
    for m in AT_HANDLE.finditer(text) if "@" in text else ():
        name = m.group("name")
        if (
            name.casefold() in NOT_HANDLES
            or name.isdigit()
            or (not name.endswith(".bsky.social") and is_organisation_name(name))
        ):
            continue
        yield Span(m.start(), m.end(), Kind.HANDLE, m.group())
    for m in BLUESKY.finditer(text) if ".bsky.social" in text else ():
        yield Span(m.start(), m.end(), Kind.HANDLE, m.group())
    for m in REDDIT.finditer(text) if "u/" in text else ():
        start = m.start() - (text[m.start() - 1 : m.start()] == "/")
        yield Span(start, m.end(), Kind.HANDLE, text[start : m.end()])


def _introduced_handles(text: str) -> Iterator[Span]:
    folded = text.casefold()
    labelled = any(map(folded.__contains__, _USER_NAME_HINTS))
    for m in USER_NAME.finditer(text) if labelled else ():
        value = m.group("value")
        introduced = bool(m.group("quote") or m.group("sep").strip())
        if value in _COMMON_WORDS or value.isdigit():
            continue
        if not (introduced or _username_like(value)):
            continue
        # "Nutzer: wie lange hat ..." is a chat line, not a user name.
        if not _username_like(value) and re.match(r" [a-zäöü]", text[m.end("value") :]):
            continue
        if m.group("quote") and text[m.end("value") : m.end("value") + 1] not in "\"'“”‘’»«":
            continue
        yield Span(m.start("value"), m.end("value"), Kind.HANDLE, value)
    quoted = any(map(folded.__contains__, _QUOTE_HINTS))
    odd_i = "\u0130" in text or "\u0131" in text  # "İ", "ı" match "i" but fold otherwise
    for pattern, phrases in zip(QUOTED, _QUOTE_PHRASES, strict=True) if quoted else ():
        if not (odd_i or any(map(folded.__contains__, phrases))):
            continue
        for m in pattern.finditer(text):
            value = m.group("value")
            if value not in _COMMON_WORDS and not value.isdigit():
                yield Span(m.start("value"), m.end("value"), Kind.HANDLE, value)
    seen = -1
    for anchor in _BARE_ANCHOR.finditer(text):
        start = anchor.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
        if start <= seen:
            continue
        seen = anchor.start()
        m = BARE_USER_NAME.match(text, start)
        if m and not m.group().startswith(_NOT_USER_NAMES):
            seen = m.end()
            yield Span(m.start(), m.end(), Kind.HANDLE, m.group())


def find_handles(text: str) -> Iterator[Span]:
    yield from _at_handles(text)
    yield from _introduced_handles(text)


# --- profile links -------------------------------------------------------------------

_MARKETPLACES = (
    r"ricardo\.ch|tutti\.ch|anibis\.ch|willhaben\.at|kleinanzeigen\.de|ebay-kleinanzeigen\.de|"
    r"ebay\.(?:de|ch|at|com|co\.uk|ie)|etsy\.com|vinted\.(?:de|at|co\.uk|com)|"
    r"craigslist\.org|gumtree\.com|donedeal\.ie"
)
_HOST = r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}"
_PATH = r"[\w%~+-]+(?:[./][\w%~+-]+)*"
# Path parts that lead to a user's page on any site: forums, marketplaces, communities.
_USER_PATHS = (
    r"usr|u|people|[\w-]*(?:user|profil|seller|verkaeufer|verkäufer|mitglied|member|benutzer)"
    r"[\w-]*"
)
PROFILE = re.compile(
    r"(?<![\w@/.-])(?:https?://)?(?:www\.|m\.|mobile\.|[a-z]{2}(?:-[a-z]{2})?\.)?(?:"
    r"(?:facebook|fb)\.com/(?!(?:pages|groups|events|watch|share|sharer|help|policies|"
    r"hashtag|marketplace/item|photo|permalink|story|login|legal|business)\b)"
    r"(?P<facebook>profile\.php\?id=\d+|people/[\w.%-]+/\d+|[\w.-]+)"
    r"|instagram\.com/(?!(?:p|reel|reels|explore|stories|tv)/)(?P<instagram>[\w.]+)"
    r"|linkedin\.com/in/(?P<linkedin>[\w%-]+)"
    r"|(?:x|twitter)\.com/(?!(?:i|home|search|hashtag|intent|share|explore|settings)\b)"
    r"(?P<twitter>\w{1,15})"
    r"|tiktok\.com/@(?P<tiktok>[\w.]+)"
    r"|bsky\.app/profile/(?P<bluesky>[\w.-]+)"
    r"|(?:old\.)?reddit\.com/(?:user|u)/(?P<reddit>[\w-]+)"
    r"|youtube\.com/(?:@|user/|c/)(?P<youtube>[\w.-]+)"
    r"|threads\.(?:net|com)/@(?P<threads>[\w.]+)"
    r"|xing\.com/profile/(?P<xing>[\w-]+)"
    r"|github\.com/(?P<github>[\w-]+)(?=[\s,;)]|$)"
    r"|depop\.com/(?P<depop>[\w.-]+)"
    rf"|(?:{_MARKETPLACES})/(?:{_PATH}/)??(?:shop|pro|s-bestandsliste\.html\?userId)[/=]"
    r"(?P<shop>[\w.%-]+)"
    rf"|{_HOST}/(?:{_PATH}/)??(?:{_USER_PATHS})/(?P<seller>[\w.%-]+)"
    r"|(?:pixelfed|mastodon|misskey|friendica)\.[a-z.]{2,20}/@?(?P<fediverse>[\w.]+)"
    rf"|{_HOST}/[\w./-]*\?(?:user_?id|userId|uid|seller|member)=(?P<user_id>[\w-]+)"
    rf"|{_HOST}/@(?P<mastodon>\w+)"
    r")(?:[/?][\w./?=&%#~+-]*)?",
    re.IGNORECASE,
)
_PROFILE_HINTS = (
    "facebook", "fb.com", "instagram", "linkedin", "twitter", "x.com", "tiktok", "bsky",
    "reddit", "youtube", "threads.", "xing", "github", "/@", "ricardo", "tutti", "anibis",
    "willhaben", "kleinanzeigen", "ebay", "etsy", "vinted", "depop", "craigslist", "gumtree",
    "donedeal", "/u/", "/usr/", "/user", "/profil", "/seller", "/member", "/mitglied",
    "/benutzer", "/people/", "userid=", "user_id=", "uid=", "userprofil", "pixelfed",
    "mastodon.", "misskey", "friendica",
)  # fmt: skip
# Accounts judged by name; seller pages and numeric ids are a person's whatever they say.
_NAMED_ACCOUNTS = ("facebook", "instagram", "twitter", "tiktok", "bluesky", "youtube", "threads")


def find_profiles(text: str) -> Iterator[Span]:
    folded = text.casefold()
    if not any(map(folded.__contains__, _PROFILE_HINTS)):
        return
    for m in PROFILE.finditer(text):
        named = next((m.group(key) for key in _NAMED_ACCOUNTS if m.group(key)), None)
        if named and is_organisation_name(named):
            continue
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)'\"":
            end -= 1
        yield Span(m.start(), end, Kind.PROFILE, text[m.start() : end])
