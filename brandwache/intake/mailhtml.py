"""HTML mail: sanitised for display with a strict allow-list, and turned into readable text.

What survives sanitising is plain document structure. Scripts, styles, event
handlers, frames and forms go; remote images (tracking pixels) go, only images
carried in the mail itself (`cid:` or `data:`) stay; links get
rel="noopener noreferrer nofollow".
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
}  # fmt: skip
# Removed together with everything inside them.
REMOVED_WITH_CONTENT = {
    "script", "style", "head", "title", "template", "noscript", "iframe", "frame",
    "frameset", "object", "embed", "applet", "svg", "math", "form", "button", "select",
    "textarea",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
LINK_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_INLINE_IMAGE = re.compile(r"^(cid:|data:image/(png|gif|jpeg|jpg|webp);base64,)", re.IGNORECASE)
# An image whose source was removed shows nothing; the sanitiser's output is regular enough
# to find it with a pattern.
_IMAGE_WITHOUT_SOURCE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        # Remote images tell the sender when and where the mail was read.
        return value if _INLINE_IMAGE.match(value.strip()) else None
    if tag == "a" and attribute == "href":
        return value if value.strip().lower().startswith(LINK_SCHEMES) else None
    return value


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes={"http", "https", "mailto", "tel", "cid", "data"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def sanitise_html(html: str) -> str:
    return _IMAGE_WITHOUT_SOURCE.sub("", _cleaner().clean(html)).strip()


_BLANK_BEFORE = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "pre", "dl"}
_NEWLINE_BEFORE = {"div", "tr", "li", "dt", "dd", "caption", "thead", "tbody", "tfoot"}
_SPACES = re.compile(r"[ \t\r\n\f\xa0\u200b]+")


class _TextWriter(HTMLParser):
    """Walks sanitised HTML and writes lines; blockquotes become `>` quotes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.depth = 0
        self.pre = 0
        self.lists: list[list[int]] = []  # [numbered (0/1), counter]
        self.links: list[tuple[str, int]] = []
        self.first_cell = True

    def _prefix(self) -> str:
        return ">" * self.depth + " " if self.depth else ""

    def _flush(self) -> None:
        text = "".join(self.parts)
        self.parts = []
        if self.pre:
            for line in text.split("\n"):
                self.lines.append(self._prefix() + line.rstrip())
            return
        text = _SPACES.sub(" ", text).strip()
        if text:
            self.lines.append(self._prefix() + text)

    def _blank(self) -> None:
        self._flush()
        if self.lines and self.lines[-1].strip("> ") != "":
            self.lines.append(self._prefix().rstrip())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            if self.parts:
                self._flush()
            else:
                self.lines.append(self._prefix().rstrip())
        elif tag == "blockquote":
            self._blank()
            self.depth += 1
        elif tag in _BLANK_BEFORE:
            self._blank()
            if tag == "pre":
                self.pre += 1
            elif tag in {"ul", "ol"}:
                start = dict(attrs).get("start") or "1"
                self.lists.append([int(tag == "ol"), int(start) if start.isdigit() else 1])
        elif tag in _NEWLINE_BEFORE:
            self._flush()
            if tag == "tr":
                self.first_cell = True
            elif tag == "li":
                self.parts.append(self._bullet())
        elif tag in {"td", "th"}:
            if not self.first_cell:
                self.parts.append("  ")
            self.first_cell = False
        elif tag == "hr":
            self._flush()
            self.lines.append(self._prefix() + "-" * 20)
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))

    def _bullet(self) -> str:
        if not self.lists or not self.lists[-1][0]:
            return "- "
        number = self.lists[-1][1]
        self.lists[-1][1] += 1
        return f"{number}. "

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote":
            self._flush()
            self.depth = max(0, self.depth - 1)
            self._blank()
        elif tag in _BLANK_BEFORE:
            if tag == "pre":
                self._flush()
                self.pre = max(0, self.pre - 1)
            elif tag in {"ul", "ol"} and self.lists:
                self.lists.pop()
            self._blank()
        elif tag in _NEWLINE_BEFORE:
            self._flush()
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = _SPACES.sub(" ", "".join(self.parts[start:])).strip()
            target = href.removeprefix("mailto:").removeprefix("tel:")
            if href and target not in label and href.lower().startswith(LINK_SCHEMES):
                self.parts.append(f" ({target})" if label else target)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def text(self) -> str:
        self._flush()
        lines: list[str] = []
        for line in self.lines:
            line = line.rstrip()
            if not line.strip("> ") and (not lines or not lines[-1].strip("> ")):
                continue  # one blank line is enough, and none at the start
            lines.append(line)
        while lines and not lines[-1].strip("> "):
            lines.pop()
        return "\n".join(lines)


def html_to_text(html: str, *, sanitised: bool = False) -> str:
    """Readable plain text of an HTML mail body: paragraphs, lists, links and quotes kept."""
    writer = _TextWriter()
    writer.feed(html if sanitised else sanitise_html(html))
    writer.close()
    return writer.text()
