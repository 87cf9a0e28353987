"""Which organisation a post is about, and whether it complains to it or about it.

    classify_posts(posts, organisations) -> list[Classified]

Labels: `explicit_complaint` (a complaint addressed to the organisation: its handle in the
text, a reply to its own account, or posted on its own domain or review page),
`implicit_complaint` (a complaint that names it without addressing it), `other_about_org`
(anything else about it, its own posts included) and `unrelated` (no organisation).

The organisation comes from names, aliases, products, handles and domains in the text or
URL, matched as whole words after folding case and umlauts; a reply without one inherits
its parent's. Whether a post complains comes from the triage model (sentiment and kind,
one batched call) weighed with tone cues of its own and the thread it sits in; a post
addressed to the organisation also counts when it reports a failure in a neutral tone.
That rule's verdict, the model's labels and the cue groups are weighed last by a small
logistic regression fitted on labelled posts (`complaint_model.py`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict
from urllib.parse import urlsplit

from brandwache.listening import complaint_model
from brandwache.listening.organisations import Organisation
from brandwache.listening.words import fold
from brandwache.triage.analysis import Analysis, analyse_many

Label = Literal["explicit_complaint", "implicit_complaint", "other_about_org", "unrelated"]
LABELS: tuple[Label, ...] = (
    "explicit_complaint",
    "implicit_complaint",
    "other_about_org",
    "unrelated",
)


class Classified(TypedDict):
    id: Any
    organisation: str | None
    label: Label


# Parts of an account name that mark the organisation's own staff ("kaufhafen_team").
STAFF_WORDS = frozenset(
    ("team", "support", "mod", "moderator", "reply", "care", "help", "hilft", "service")
    + ("official", "offiziell")
)
# Words around a name that make it a title, a hobby or fiction rather than the organisation.
FICTION = re.compile(
    r"\b(?:roman|krimi|buch|novel|book|film|serie|modell\w*|quiz|team name|poster|"
    r"heldin|held|kapitel|chapter|"
    # poems and readings, model railways, clubs and leagues, rivers, sailing, surfing
    r"gedicht\w*|lyrik|lesung|poem|poetry|buchclub|book club|"
    r"spur h0|h0|oo gauge|gauge|massstab|diorama|"
    r"verein|fc|liga|league|spieltag|derby|"
    r"fluss|river|ufer|hafenmeister|segler|liegeplatz|yacht|surf\w*)\b"
)
# Retweet prefix: the content after it is what counts.
REPOST = re.compile(r"^\s*rt\s+@[\w.@-]+:\s*", re.IGNORECASE)
# Tone cues the triage model misses in short replies (folded text).
COMPLAINT_CUES = re.compile(
    r"nie wieder|never again|abzocke|frechheit|schon wieder|wieder mal|zum (?:zweiten|dritten|"
    r"vierten) mal|keine antwort|no reply|no answer|nichts passiert|nach wie vor|immer noch|"
    r"still (?:no|not|waiting)|geht (?:immer )?(?:noch )?nicht|funktioniert nicht|kaputt|"
    r"doesn'?t work|not working|broken|cancelled|again\b|seit \d+ (?:tagen|wochen|monaten)|"
    r"ich bin bedient|reicht'?s|danke fur nix|toll\.|super\.|"
    r"brilliant\.|great\.|nightmare|joke|witz|schlecht|worst|useless|rip-?off|"
    r"\U0001f644|\U0001f624|\U0001f621|\U0001f620|\U0001f975|\U0001f612"
)
PRAISE_CUES = re.compile(
    r"\b(?:danke|thank|thanks|super|toll|top|prima|bequem|lohnt|nice|great|love|"
    r"problemlos|funktioniert (?:gut|super|wieder)|works (?:fine|great)|geht wieder|"
    r"recommend|empfehl\w*|respekt|worth|helped|faszinierend|pays off)\b|"
    r"\U0001f44d|\U0001f642|\U0001f60a|\u2764"
)
# What turns thanks into sarcasm: a "but" of fact (a negation, "leider", "statt", "only")
# or an eye-rolling emoji next to praise.
CONTRAST = re.compile(
    r"\b(?:nicht|nie|kein\w*|leider|statt|nur noch|not|never|no|instead|only|"
    r"unfortunately|sadly)\b|"
    r"\U0001f643|\U0001f60d|\U0001f970|\U0001f44f|\U0001f975|\U0001f921|\U0001f480"
)
QUESTION = re.compile(r"\?\s*$|^(?:hat jemand|weiss jemand|does anyone|anyone know|kann man)")
WORD_BREAK = r"[\s\-]+"
SERVER = r"[\w-]+(?:\.[\w-]+)+"  # a Mastodon server's host name

# Said to the organisation, a complaint often reads as a plain question or statement; these
# cues (folded text: "ue" is "u", so "issue" is "issu") find what the tone misses.
# A failure that lasts or comes back, or a question that asks why it still is so.
LASTING = re.compile(
    r"\b(?:seit|immer noch|noch immer|nach wie vor|schon wieder|wieder mal|trotzdem|endlich|"
    r"jedes (?:einzelne )?mal|zum \d+\.? mal|still|yet again|every (?:single )?time|"
    r"(?:each|every) (?:day|week|morning)|anyway|for (?:days|weeks|months)|"
    r"\d+(?:st|nd|rd|th) time)\b"
)
FAILURE_QUESTION = re.compile(
    r"\b(?:are you aware|is(?:t)? (?:euch|ihnen) (?:das )?(?:bewusst|klar)|wisst ihr|"
    r"why|how (?:is|come|many times)|who'?s (?:accountable|responsible)|"
    r"could you at least|wieso|warum|weshalb|wozu|wann (?:\w+ )?(?:genau|endlich|gedenkt)|"
    r"konnt ihr (?:das |es )?(?:nicht|endlich)|wer ist (?:verantwortlich|zustandig))\b"
)
# A service that does not do what it should: a negation, then within three words the thing.
NEGATED_SERVICE = re.compile(
    r"\b(?:kein\w*|nicht|nirgends|nie|never|no|not|nothing|nix|only|nur|"
    r"(?:do|dos|did|wo|ca|is|are|was|has|have)n['\u2019]?t|cannot)\b(?:\W+\w+){0,3}?\W+"
    r"(?:zahl\w*|bezahl\w*|funktionier\w*|geht|kommt|an(?:ge)?komm\w*|geliefert|zugestellt|"
    r"erreich\w*|verfugbar|antwort\w*|empfang|netz|internet|strom|bestellt|erhalten|"
    r"bekommen|ubernommen|bearbeitet|work\w*|arriv\w*|deliver\w*|respond\w*|answer\w*|"
    r"reply|load\w*|connect\w*|accept\w*|take cash|signal|service|refund\w*|"
    r"compensation|update\w*)\b"
)
PROBLEM_NOUNS = re.compile(
    r"\b(?:storung\w*|ausfall\w*|ausgefallen|verspat\w*|kaputt\w*|defekt\w*|offline|"
    r"outage\w*|broken|down|delay\w*|cancel\w*|refund\w*|charged twice|doppelt \w+|"
    r"falsch\w*|geschatzt|abgelaufen|absturz|sturzt ab|crash\w*|gestrichen|reject\w*|"
    r"abgelehnt|kundigung|gekundigt|fehler\w*|problem\w*|issus?|fault\w*|error\w*|"
    r"missing|lost|verloren|fehlt|tot|blinkt|warteschlange|queu?|stehplatz)\b"
)
# Each cue and a question mark count 0.5, the model's lean (`_lean`) is added: two cues
# make a complaint on a neutral reading, one cue needs a question or a negative reading.
ADDRESSED_THRESHOLD = 1.0


@dataclass(frozen=True)
class _Matcher:
    """One regex over the folded text for every name of every organisation."""

    pattern: re.Pattern[str]
    owners: dict[str, tuple[str, bool]]  # folded term → (slug, addresses it)

    @classmethod
    def of(cls, organisations: Sequence[Organisation]) -> _Matcher:
        owners: dict[str, tuple[str, bool]] = {}
        for organisation in organisations:
            for term in (organisation.name, *organisation.aliases, *organisation.products):
                owners.setdefault(_key(fold(term)), (organisation.slug, False))
            for handle in organisation.handles:
                folded = fold(handle)
                # "@x" and a Bluesky "x.bsky.social" address it; the bare "x" only names it.
                owners[_key(folded if "." in folded else "@" + folded.lstrip("@"))] = (
                    organisation.slug,
                    True,
                )
                if "." in folded:
                    owners[_key("@" + folded.lstrip("@"))] = (organisation.slug, True)
                local = folded.lstrip("@").split("@")[0]
                if "." not in local:
                    # The same account name written the federated way ("@x@server", any
                    # server, see `find`) or as its Bluesky handle addresses it too.
                    owners.setdefault(_key(f"@{local}"), (organisation.slug, True))
                    owners.setdefault(_key(f"@{local}.bsky.social"), (organisation.slug, True))
                owners.setdefault(_key(local), (organisation.slug, False))
            for domain in organisation.domains:
                owners.setdefault(_key(fold(domain)), (organisation.slug, False))
        terms = sorted(owners, key=len, reverse=True)

        def either(group: list[str]) -> str:
            words = (WORD_BREAK.join(re.escape(word) for word in term.split(" ")) for term in group)
            return "|".join(words) or "(?!)"

        handles = either([term for term in terms if term.startswith("@")])
        names = either([term for term in terms if not term.startswith("@")])
        # A handle may carry its server: "@x@social.example" (any server; `find` looks it
        # up as "@x"), a name may not ("x@mail.example" is someone's address).
        pattern = re.compile(rf"(?<![\w@.])(?:(?:{handles})(?:@{SERVER})?|{names})(?![\w@]|\.\w)")
        return cls(pattern, owners)

    def find(self, folded: str) -> list[tuple[str, bool]]:
        found = []
        for match in self.pattern.finditer(folded):
            key = _key(match.group())
            if key not in self.owners:  # "@x@server": the account name "@x"
                key = _key("@" + match.group().lstrip("@").split("@")[0])
            found.append(self.owners[key])
        return found


@functools.lru_cache(maxsize=64)
def _matcher(organisations: tuple[Organisation, ...]) -> _Matcher:
    """Compiled once per set of organisations, not once per batch."""
    return _Matcher.of(organisations)


def classified_text(text: str) -> str:
    """The text the triage model is asked about: without a retweet prefix."""
    return REPOST.sub("", text)


def _key(term: str) -> str:
    return " ".join(re.split(WORD_BREAK, term.strip()))


@dataclass(frozen=True)
class Candidate:
    """A post about an organisation other than its own: what decides if it complains."""

    slug: str
    addressed: bool
    features: tuple[float, ...]  # `complaint_model.FEATURES`, in that order


def classify_posts(
    posts: Sequence[Mapping[str, Any]],
    organisations: Sequence[Organisation],
    analyses: Sequence[Analysis] | None = None,
    read: Sequence[ReadPost] | None = None,
) -> list[Classified]:
    """One result per post, in order. Replies may point at any other post in `posts`.
    `analyses` (of `classified_text` of each post) and `read` (`read_posts`) spare the
    triage call and the folding when the caller already made them, e.g. once for a batch
    classified against each organisation alone."""
    results: list[Classified] = []
    for post, (slug, candidate) in zip(
        posts, complaint_candidates(posts, organisations, analyses, read), strict=True
    ):
        label: Label = "unrelated" if slug is None else "other_about_org"
        if candidate is not None and complaint_model.complains(candidate.features):
            label = "explicit_complaint" if candidate.addressed else "implicit_complaint"
        results.append({"id": post.get("id"), "organisation": slug, "label": label})
    return results


def complaint_candidates(
    posts: Sequence[Mapping[str, Any]],
    organisations: Sequence[Organisation],
    analyses: Sequence[Analysis] | None = None,
    read: Sequence[ReadPost] | None = None,
) -> list[tuple[str | None, Candidate | None]]:
    """Per post its organisation, and unless it is none or the post is the organisation's
    own, the evidence on whether it complains (also what the complaint model is fitted on)."""
    matcher = _matcher(tuple(organisations))
    read = read if read is not None else read_posts(posts)
    prepared = [_prepare(post, matcher, organisations) for post in read]
    by_id = {post.id: post for post in prepared if post.id is not None}
    position = {id(post): index for index, post in enumerate(prepared)}
    slugs = _resolve_organisations(prepared, by_id)
    if analyses is None:
        analyses = analyse_many([post.text for post in prepared])
    complaints: dict[int, bool] = {}
    found: list[tuple[str | None, Candidate | None]] = []
    for index, post in enumerate(prepared):
        slug = slugs[index]
        if slug is None or post.own == slug:
            found.append((slug, None))
            continue
        parent = by_id.get(post.parent)
        # Below the organisation's answer, the thread's complaint is the one answered.
        asked = by_id.get(parent.parent) if parent is not None and parent.own else parent
        parent_complains = asked is not None and _complains_cached(
            position[id(asked)], prepared, analyses, by_id, complaints
        )
        addressed = (
            (slug, True) in post.mentions
            or post.on_page == slug
            or (parent is not None and parent.own == slug)
        )
        rule = _complains(post, analyses[index], parent_complains) or (
            addressed and _complains_to_it(post, analyses[index])
        )
        features = _features(post, analyses[index], rule=rule, parent_complains=parent_complains)
        found.append((slug, Candidate(slug, addressed, features)))
    return found


def _features(
    post: _Post, analysis: Analysis, *, rule: bool, parent_complains: bool
) -> tuple[float, ...]:
    folded = post.folded
    values = [
        analysis.sentiment.confidence * (analysis.sentiment.value == value)
        for value in ("negative", "neutral", "positive")
    ]
    values += [
        analysis.kind.confidence * (analysis.kind.value == value)
        for value in ("complaint", "question", "praise", "other")
    ]
    values += [
        analysis.relevance.confidence * (analysis.relevance.value == value)
        for value in ("relevant", "irrelevant")
    ]
    cues = (COMPLAINT_CUES, PRAISE_CUES, LASTING, FAILURE_QUESTION, NEGATED_SERVICE, PROBLEM_NOUNS)
    found = [bool(pattern.search(folded)) for pattern in cues]
    # Thanks without a complaint's tone; with it, the thanks are usually sarcasm.
    values += [*found, found[1] and not found[0], found[1] and bool(CONTRAST.search(folded))]
    values += [
        bool(QUESTION.search(folded.strip())),
        "?" in post.text,
        post.parent is not None,
        rule,
        parent_complains,
    ]
    return tuple(float(value) for value in values)


@dataclass
class ReadPost:
    """A post's fields as every organisation's classification reads them (folded once)."""

    id: Any
    parent: Any
    text: str
    folded: str
    host: str
    path: str
    author: str


@dataclass
class _Post(ReadPost):
    """A post as one set of organisations sees it."""

    mentions: list[tuple[str, bool]] = field(default_factory=list)
    own: str | None = None  # slug of the organisation that posted it
    on_page: str | None = None  # slug whose domain or review page it was posted on


def read_posts(posts: Sequence[Mapping[str, Any]]) -> list[ReadPost]:
    """Read once when the same posts are classified for several organisations."""
    read = []
    for post in posts:
        text = classified_text(str(post.get("text") or ""))
        url = urlsplit(str(post.get("url") or ""))
        read.append(
            ReadPost(
                id=post.get("id"),
                parent=post.get("in_reply_to"),
                text=text,
                folded=fold(text),
                host=fold(url.hostname or ""),
                path=fold(url.path),
                author=fold(str(post.get("author") or "")).lstrip("@"),
            )
        )
    return read


def _prepare(post: ReadPost, matcher: _Matcher, organisations: Sequence[Organisation]) -> _Post:
    host, path, author = post.host, post.path, post.author
    prepared = _Post(**vars(post), mentions=matcher.find(post.folded))
    for organisation in organisations:
        if _on_page(organisation, host, path):
            prepared.on_page = organisation.slug
        if _is_own_account(organisation, author, on_page=prepared.on_page == organisation.slug):
            prepared.own = organisation.slug
    if prepared.mentions and not _addressed(prepared) and FICTION.search(post.folded):
        prepared.mentions = []  # a shop in a novel, a model railway, a team name
    return prepared


def _addressed(post: _Post) -> bool:
    return any(addresses for _, addresses in post.mentions)


def _on_page(organisation: Organisation, host: str, path: str) -> bool:
    """Posted on its own domain ("community.kaufhafen.de") or on a page about that domain
    on a review site ("/review/kaufhafen.de/...")."""
    for domain in organisation.domains:
        domain = fold(domain)
        if host == domain or host.endswith("." + domain):
            return True
        if f"/{domain}/" in path + "/":
            return True
    return False


def _is_own_account(organisation: Organisation, author: str, *, on_page: bool) -> bool:
    """One of its handles, or a staff account named after it ("paketblitz_team", a
    moderator on its own forum)."""
    handles, local_parts, stems = _account_names(organisation)
    if author in handles or author.split("@")[0] in local_parts:
        return True
    parts = set(re.split(r"[_.@\-]", author))
    return bool(parts & stems) and (on_page or bool(parts & STAFF_WORDS))


@functools.lru_cache(maxsize=256)
def _account_names(
    organisation: Organisation,
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Its handles, their parts before "@", and the stems of its name, aliases and handles
    (folded once per organisation, not once per post)."""
    handles = frozenset(fold(handle).lstrip("@") for handle in organisation.handles)
    stems = {fold(organisation.name).replace(" ", "").replace("-", "")}
    stems.update(fold(alias).replace(" ", "").replace("-", "") for alias in organisation.aliases)
    stems.update(re.split(r"[_.@]", handle)[0] for handle in handles)
    return handles, frozenset(h.split("@")[0] for h in handles), frozenset(stems)


def _resolve_organisations(prepared: list[_Post], by_id: dict[Any, _Post]) -> list[str | None]:
    """The post's own evidence first (its account, its page, the names in it), else the
    organisation of the post it replies to, followed up the thread."""

    def own_evidence(post: _Post) -> str | None:
        if post.own:
            return post.own
        addressed = [slug for slug, addresses in post.mentions if addresses]
        if addressed:
            return addressed[0]
        if post.on_page:
            return post.on_page
        if post.mentions:
            return max(
                (slug for slug, _ in post.mentions),
                key=lambda slug: sum(s == slug for s, _ in post.mentions),
            )
        return None

    results: list[str | None] = []
    for post in prepared:
        slug, current, seen = None, post, set()
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            slug = own_evidence(current)
            if slug is not None:
                break
            current = by_id.get(current.parent)
        results.append(slug)
    return results


def _complains_cached(
    index: int,
    prepared: list[_Post],
    analyses: list[Analysis],
    by_id: dict[Any, _Post],
    cache: dict[int, bool],
) -> bool:
    """Whether the post at `index` complains, ignoring its own parent (one level of thread)."""
    if index not in cache:
        cache[index] = prepared[index].own is None and _complains(
            prepared[index], analyses[index], parent_complains=False
        )
    return cache[index]


def _complains(post: _Post, analysis: Analysis, parent_complains: bool) -> bool:
    sentiment, kind = analysis.sentiment.value, analysis.kind.value
    cue = bool(COMPLAINT_CUES.search(post.folded))
    praise = bool(PRAISE_CUES.search(post.folded))
    question = bool(QUESTION.search(post.folded.strip()))
    if kind == "complaint" and sentiment == "negative":
        return not (praise and not cue)
    if sentiment == "positive" and not cue:
        return False
    if cue and not (praise and sentiment == "positive"):
        return True
    if kind == "complaint" or sentiment == "negative":
        # A question put to the organisation in a negative tone is a complaint too.
        return not question or parent_complains or _addressed(post)
    return parent_complains and not question and not praise


def _complains_to_it(post: _Post, analysis: Analysis) -> bool:
    """A post addressed to the organisation that reports a failure without the tone of
    a complaint: cues of lasting failure, a why-question, a service that does not work
    or a problem noun, asked or stated, weighed with the triage model's confidence."""
    folded = post.folded
    cues = sum(
        bool(pattern.search(folded))
        for pattern in (LASTING, FAILURE_QUESTION, NEGATED_SERVICE, PROBLEM_NOUNS)
    )
    if not cues:
        return False
    # Asked, a failure is a complaint put as a question ("are you aware …?").
    score = 0.5 * cues + 0.5 * ("?" in post.text) + _lean(analysis)
    if PRAISE_CUES.search(folded) and not COMPLAINT_CUES.search(folded):
        score -= 0.5
    return score >= ADDRESSED_THRESHOLD


def _lean(analysis: Analysis) -> float:
    """Between -2 and 2: the model's confidence that the post is negative and a complaint,
    minus its confidence that it is positive or praise."""
    sentiment, kind = analysis.sentiment, analysis.kind
    lean = {"negative": 1.0, "positive": -1.0}.get(sentiment.value, 0.0) * sentiment.confidence
    lean += {"complaint": 1.0, "question": 0.25, "praise": -1.0}.get(kind.value, 0.0) * (
        kind.confidence
    )
    return lean


def labels_of(results: Iterable[Classified]) -> list[Label]:
    return [result["label"] for result in results]
