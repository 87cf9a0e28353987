"""The organisations listened for, read from a JSON file or from the stored organisations.

[{"slug": "alpenbahn", "name": "Alpenbahn", "aliases": ["Alpen-Bahn"],
  "handles": ["@alpenbahn", "alpenbahn.bsky.social"], "domains": ["alpenbahn.ch"],
  "products": ["Sparbillett"]}, ...]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from brandwache.organisations.models import Organisation as OrganisationModel

LIST_FIELDS = ("aliases", "handles", "domains", "products")
SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")


class OrganisationsError(ValueError):
    """An organisations file that cannot be used; the message says which entry and why."""


@dataclass(frozen=True)
class Organisation:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()  # "@name", "@name@server" or a Bluesky "name.bsky.social"
    domains: tuple[str, ...] = ()
    products: tuple[str, ...] = ()


def load_organisations(path: Path | str) -> list[Organisation]:
    """The organisations in `path`, in file order; OrganisationsError names what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise OrganisationsError(f"Cannot read {path}: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise OrganisationsError(f"{path} is not valid JSON: {error}") from None
    return parse_organisations(data, source=str(path))


def parse_organisations(data: object, *, source: str = "organisations") -> list[Organisation]:
    if not isinstance(data, list):
        raise OrganisationsError(f"{source}: expected a list of organisations")
    organisations: list[Organisation] = []
    seen: set[str] = set()
    for index, entry in enumerate(data, start=1):
        where = f"{source}, organisation {index}"
        if not isinstance(entry, dict):
            raise OrganisationsError(f"{where}: expected an object")
        unknown = set(entry) - {"slug", "name", *LIST_FIELDS}
        if unknown:
            raise OrganisationsError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        slug, name = entry.get("slug"), entry.get("name")
        if not isinstance(slug, str) or not SLUG.fullmatch(slug):
            raise OrganisationsError(f"{where}: 'slug' must be lower-case letters, digits, - or _")
        if slug in seen:
            raise OrganisationsError(f"{where}: slug {slug!r} appears twice")
        if not isinstance(name, str) or not name.strip():
            raise OrganisationsError(f"{where} ({slug}): 'name' must be a non-empty string")
        lists: dict[str, tuple[str, ...]] = {}
        for field in LIST_FIELDS:
            values = entry.get(field, [])
            if not isinstance(values, list) or not all(
                isinstance(value, str) and value.strip() for value in values
            ):
                raise OrganisationsError(
                    f"{where} ({slug}): {field!r} must be a list of non-empty strings"
                )
            lists[field] = tuple(value.strip() for value in values)
        seen.add(slug)
        organisations.append(Organisation(slug=slug, name=name.strip(), **lists))
    return organisations


def from_model(organisation: OrganisationModel) -> Organisation:
    """The matching profile of a stored organisation (blank names dropped)."""

    def names(values: object) -> tuple[str, ...]:
        items = values if isinstance(values, list) else []
        return tuple(str(value).strip() for value in items if str(value).strip())

    return Organisation(
        slug=organisation.slug,
        name=organisation.name,
        aliases=names(organisation.aliases),
        handles=names(organisation.handles),
        domains=names(organisation.domains),
        products=names(organisation.products),
    )
