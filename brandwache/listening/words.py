"""Words of a post: folding and tokens, shared by listening queries and classification.

    post = Post("Alpenbahn: Zug wieder verspätet 😡 https://www.alpenbahn.ch/fahrplan")
    post.tokens  # ['alpenbahn', 'zug', 'wieder', 'verspatet', 'www.alpenbahn.ch']

Query terms and posts go through the same `fold` and `tokens`, so a term and a post spelled
alike always agree on what a word is; `classify` matches names in `fold`ed text too. The
rules are documented in this app's README ("What counts as a word").
"""

from __future__ import annotations

import re
import unicodedata

# Accents left over after NFKD ("é" is "e" + U+0301); dropped, so "ä" becomes "a".
ACCENTS = re.compile(r"[\u0300-\u036f]")
# Umlauts typed as two letters fold to the plain vowel, so "Zürich", "Zuerich" and "Zurich"
# are one word. `answers.text.fold` keeps "ae" apart from "a", which would miss "Zurich".
SPELLED_UMLAUTS = (("ae", "a"), ("oe", "o"), ("ue", "u"))

# A link stands for its host: words of a path are not something a post says.
URL = re.compile(r"\bhttps?://([^\s/?#:]+)\S*|\b(www\.[^\s/?#:]+)\S*")
_DOMAIN = r"\w+(?:[.-]\w+)*\.[^\W\d_]{2,}\b"
TOKEN = re.compile(
    rf"(?<![\w@])@(?:{_DOMAIN}|\w+)(?:@{_DOMAIN})?"  # @name, @name.bsky.social, @name@server
    r"|(?<![\w#])#\w+"  # hashtag
    rf"|{_DOMAIN}"  # alpenbahn.ch, www.northline-rail.co.uk
    r"|\w+"  # a word; punctuation and emoji are not words
)
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Case-folded (ß → ss), accents dropped, "ae"/"oe"/"ue" read as "a"/"o"/"u"."""
    text = text.casefold()
    if not text.isascii():
        text = ACCENTS.sub("", unicodedata.normalize("NFKD", text))
    for spelled, plain in SPELLED_UMLAUTS:
        text = text.replace(spelled, plain)
    return text


def tokens(folded: str) -> list[str]:
    """The tokens of a folded text: words, handles, hashtags and hosts, in order."""
    if "://" in folded or "www." in folded:
        folded = URL.sub(lambda match: f" {match.group(1) or match.group(2)} ", folded)
    return TOKEN.findall(folded)


class Post:
    """A post cut into tokens once, to be tested by any number of queries.

    Each token takes one position. A handle, hashtag or host is found under its own form and
    under each word in it ("@alpenbahn" also under "alpenbahn"), at the same position.
    Positions are only looked up for phrases and NEAR, so only the set of keys is built here.
    """

    __slots__ = ("aliases", "hosts", "keys", "tokens")

    def __init__(self, text: str) -> None:
        self.tokens = tokens(fold(text))
        self.keys = set(self.tokens)
        self.aliases: dict[str, set[str]] = {}  # a word → the handles etc. that contain it
        self.hosts: list[tuple[str, str]] = []  # (token, its host) for hosts and handles
        for token in [key for key in self.keys if not key.isalnum()]:
            words = WORD.findall(token)
            if token[0] == "@" and token.count("@") == 2:  # @name@server is also @name
                words.append(token.rsplit("@", 1)[0])
            for word in words:
                if word != token:
                    self.aliases.setdefault(word, set()).add(token)
            if "." in token and token[0] != "#":
                self.hosts.append((token, token.rsplit("@", 1)[-1]))
        self.keys.update(self.aliases)

    def forms(self, key: str) -> set[str]:
        """The tokens a key stands for: itself and the tokens it is a word of."""
        return {key, *self.aliases.get(key, ())}

    def positions(self, forms: set[str]) -> list[int]:
        return [position for position, token in enumerate(self.tokens) if token in forms]
