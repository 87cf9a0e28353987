"""Urgency signals by rule: cancellation, legal threats, safety, public reach, words of a storm.

Rules rather than a model, because each signal must point at the words that raised it and
an agent must be able to see why. Lexicons cover German (CH/DE/AT spellings) and English;
stems match inflections and compounds ("Kündigungsfrist", "gekündigt"). A negation just
before the match ("nicht kündigen", "no injuries") cancels it; that is cheap and catches
the common case, not every one.

Matching runs on a folded copy of the text of the same length (lower case, umlauts and ß as
plain letters), so the evidence is cut from the original text at the same offsets.

A triage model may carry learnt signals (`urgency_model`): they decide cancellation, legal,
safety and public, because people say these in far more ways than a lexicon holds; the rules
then only supply the evidence where they agree. Storm stays with the rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .text import replace_letters
from .values import UrgencySignal

if TYPE_CHECKING:
    from .counting import RowBatch
    from .urgency_model import UrgencyModel

KINDS = ("cancellation", "legal", "safety", "public", "storm")

# Written with umlauts for readability; `_compile` accepts "ü", "u" and "ue" for each "ü".
LEXICON: dict[str, list[str]] = {
    # The writer cancels, threatens to, or leaves; not a question about notice periods.
    "cancellation": [
        r"kündige|kündigt ihr mir",
        r"(?:werde|werden|will|möchte)\b[^.!?\n]{0,40}\bkündigen",
        r"wie (?:kann ich|kündige)[^.!?\n]{0,40}\bkündig\w*",
        r"(?:ist|sind|habe euch|hab euch)(?: \w+){0,4} gekündigt|gekündigt ist",
        r"kündigung(?:sschreiben)? (?:ist raus|folgt|abgeschickt)",
        r"wechsle|wechsel ich|wechseln wir|schon gewechselt",
        r"(?:zur|bei der) konkurrenz|andere[nr]? (?:anbieter\w*|versicherung|bank)",
        r"steig\w* (?:\w+ )?aufs auto um|fahre wieder auto",
        r"bin ich weg|ist schluss|kein abo mehr|(?:abo|vertrag) endet",
        r"portierung|saldieren|konto (?:wird )?aufgelöst|beende mein\w*",
        r"zahle (?:ich )?nicht (?:weiter|länger)",
        r"i'?m cancel+ing|i am cancel+ing|i(?:'ll| will) cancel|i'?ve cancel+ed|how do i cancel",
        r"give notice|terminating my|cancellation letter|not renewing",
        r"(?<!since )switching (?:supplier|provider|to)|moving (?:to an?|all)\b|elsewhere",
        r"i'?m leaving(?! a)|i'?m gone|other providers|another (?:provider|network)",
        r"closing my account|subscription ends",
    ],
    "legal": [
        r"\w*anw(?:a|ä)lt\w*|rechtsschutz\w*",
        r"verklag\w*|einklag\w*|sammelklage\w*|ich klage|klage (?:ein|erheben|einreichen)\w*",
        r"vor (?:das |ein )?gericht|gerichtlich\w*",
        r"(?:amts|bezirks|land|zivil|friedens|handels|verwaltungs)gericht\w*|friedensrichter\w*",
        r"rechtlich\w* schritte|rechtsweg|juristisch\w*|strafanzeige|rechtsvorschlag",
        r"anzeige (?:erstatten|gegen|bei der polizei)",
        r"betreibung\w*",
        r"konsumentenschutz\w*|verbraucherzentrale\w*|verbraucherschutz\w*",
        r"ombuds\w*|schlichtung\w*|söp|agentur für passagier\w*",
        r"datenschutz(?:beauftragt|behörde|aufsicht)\w*|bundesnetzagentur",
        r"schadenersatz\w*|schadensersatz\w*",
        r"lawyer\w*|attorney\w*|solicitor\w*|legal expenses",
        r"sue|suing|lawsuit\w*|class action|legal (?:action|steps|proceedings)",
        r"small claims|court|ombudsman|trading standards|consumer protection",
        r"citizens advice|the ico|claims company|the caa",
        r"avvocat\w*|avocat\w*|mediazione|médiateur",
    ],
    # Body and health: injuries, fire, sparks, electricity, gas, food.
    "safety": [
        r"verletz(?:t|te|ten|ter|ung|ungen)",
        r"stromschlag\w*|explodi\w*|explosion\w*|funken\w*|durchgeschmort|geschmolzen",
        r"brennt|brannte|brennen|verbrennt|in brand|brand\w*gefahr|brandlöcher|\w*kabelbrand",
        r"einem brand|angezündet|feuer(?! und flamme)|rauch(?:t|te|entwicklung)?",
        r"gasgeruch|nach gas|gasleck|kurzschluss|überhitz\w*",
        r"lebensgefahr|lebensgefährlich|gefährlich\w*|pericolos\w*",
        r"allergisch\w*|allergie\w*|\w*vergiftung|vergiftet|brechdurchfall|bauchweh",
        r"notaufnahme|notarzt|rettungswagen|sanitäter|notruf|kollabiert|ohnmächtig",
        r"glassplitter\w*|stück glas|verschluckt|erstick\w*|verbrüh\w*|verbrannt\w*",
        r"geschnitten|aufgeschnitten|genäht|gestürzt|gestolpert|geprellt|prellung|beule",
        r"schürfwunde\w*|blaue flecken|angefahren|atemprobleme",
        r"injur\w*|hurt|wounded|bruise\w*|cut (?:his|her|my)|fell|nearly hit",
        # "fire the manager" dismisses someone; "on fire" is praise.
        r"(?<!on )fire(?! (?:the|him|her|them|someone|somebody|whoever|your)\b)",
        r"smoke|burn(?:s|ed|t|ing)?|spark(?:s|ed|ing)|melted",
        r"electric shock|explod\w*|gas leak|smell of gas|stomach ache",
        r"danger\w*|hazard\w*|unsafe|allergic|poison\w*|emergency room|choking",
        r"overheat\w*|short circuit|piece of (?:glass|metal)",
        r"incendi\w*|scintill\w*",
    ],
    # The writer goes or threatens to go public.
    "public": [
        r"presse|zeitung(?!s?abo|s?vertrag)\w*|lokalzeitung|journalist\w*|reporter\w*",
        r"redaktion|chefredakt\w*|leserbrief|regionaljournal|lokalsender",
        r"(?:die|den) medien|kassensturz|beobachter|\"espresso\"|fernsehen|podcast",
        r"öffentlich machen|an die öffentlichkeit|publik machen",
        r"twitter|facebook|instagram|insta|tiktok|youtube|linkedin|reddit",
        r"\w*bewertung\w*|rezension\w*|trustpilot|tripadvisor",
        r"follower\w*|viral|blog\w*|reiseblog|das video|aufrufe|petition",
        r"streame|livestream\w*|posten|teile das überall",
        r"press|newspaper(?! (?:subscription|contract))\w*|journalists?|the media|go public",
        r"local (?:paper|news)|the video|uploaded",
        r"the paper(?!\s+\w)|my mp|one star|1 star|followers|watchdog",
        r"views overnight|posted the whole",
        r"journal local|giornal\w*",
    ],
    # The vocabulary of an outrage storm (several "!" and shouting are counted apart).
    "storm": [
        r"shitstorm\w*|boykott\w*|boycott\w*",
        r"skandal\w*|scandal\w*|scandaleu\w*",
        r"#\w*fail\w*",
        r"teilt (?:das|dies|bitte)|weitersagen|rt wenn|share this|spread the word",
        r"frechheit|unverschämt\w*|sauerei|schande|unfassbar|vergogna",
        r"abzock\w*|abgezockt|betrug|betrüger\w*|verarsch\w*",
        r"saftladen|sauladen|drecksladen|drecksverein|nie wieder|never(?:,)? (?:ever )?again",
        r"outrage\w*|disgrace\w*|disgusting|rip-?off|scam|fraud|shame on you|unbelievable",
        r"joke of a company|worst company",
    ],
}

# Several exclamation marks in a row, or two shouted words, are storm signals too.
SHOUTING = re.compile(r"[!?]*![!?]*!|\b[^\W\d_a-zäöü]{4,}\b(?:\W+\w+){0,6}?\W+[^\W\d_a-zäöü]{4,}\b")
NEGATION = re.compile(
    r"(?:\b(?:nicht|kein|keine|keinen|keinem|keiner|nie|niemals|not|no|never|without|ohne)\b"
    r"|n't)\W+(?:\w+\W+){0,2}$"
)
FOLD = {"ä": "a", "ö": "o", "ü": "u", "ß": "s"}
SPELLING = {"ä": "(?:a|ae)", "ö": "(?:o|oe)", "ü": "(?:u|ue)", "ß": "(?:ss?)"}


def _compile(patterns: list[str]) -> re.Pattern[str]:
    body = "|".join(f"(?:{p})" for p in patterns)
    for letter, alternatives in SPELLING.items():
        body = body.replace(letter, alternatives)
    return re.compile(rf"(?<![\w#])(?:{body})(?!\w)")


RULES = {kind: _compile(patterns) for kind, patterns in LEXICON.items()}


def fold(text: str) -> str:
    """Lower case with umlauts and ß as plain letters, as long as the text (offsets stay)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # rare letters that grow when lowered ("İ")
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return replace_letters(lowered, FOLD)


NEGATOR = re.compile(r"\b(?:nicht|kein\w*|not|no|never)\b")


SENTENCE_END = re.compile(r"[.!?\n]")


def _negated(folded: str, start: int, end: int, kind: str = "") -> bool:
    """A negation just before the phrase in the same sentence, inside it ("will nicht kündigen")
    or right after. Storm phrases carry their own ("nie wieder", "never again")."""
    before = max(0, start - 40)
    for boundary in SENTENCE_END.finditer(folded, before, start):
        before = boundary.end()
    return (
        NEGATION.search(folded, before, start) is not None
        or (kind != "storm" and NEGATOR.search(folded, start, end) is not None)
        or NEGATOR.match(folded, end + 1, end + 8) is not None
    )


def rule_evidence(text: str, kind: str, folded: str | None = None) -> list[str]:
    """Up to three phrases of the text that the rules of one signal match, negated ones left out."""
    folded = fold(text) if folded is None else folded
    evidence: list[str] = []
    for match in RULES[kind].finditer(folded):
        phrase = text[match.start() : match.end()]
        if not _negated(folded, match.start(), match.end(), kind) and phrase not in evidence:
            evidence.append(phrase)
            if len(evidence) == 3:
                break
    if kind == "storm" and len(evidence) < 3:
        shouting = SHOUTING.search(text)
        if shouting:
            evidence.append(shouting.group())
    return evidence


def find_urgency(text: str, model: UrgencyModel | None = None) -> tuple[UrgencySignal, ...]:
    """One signal per kind found, in the order of `KINDS`, with up to three phrases as evidence.

    With a model, it decides the signals it learnt and the rules decide the others; where a
    rule matches a learnt signal, the model's probability need only reach
    `urgency_model.RULE_FLOOR`. A learnt signal shows the rules' phrases where they match, else
    the words the model weighed most.
    """
    return find_urgency_many([text], model)[0]


def find_urgency_many(
    texts: Sequence[str], model: UrgencyModel | None = None, rows: RowBatch | None = None
) -> list[tuple[UrgencySignal, ...]]:
    """`find_urgency` for each text, the model's part for all at once; `rows`: the texts'
    rows in the model's feature space, when already counted."""
    rules = []
    for text in texts:
        folded = fold(text)
        rules.append({kind: rule_evidence(text, kind, folded) for kind in KINDS})
    decided_by_model = set(model.signals) if model is not None else set()
    learnt: list[dict[str, str]] = [{} for _text in texts]
    if model is not None:
        backed = [
            frozenset(kind for kind, phrases in by_kind.items() if phrases) for by_kind in rules
        ]
        learnt = model.find_many(texts, backed, rows)
    results = []
    for found, raised in zip(rules, learnt, strict=True):
        signals = []
        for kind in KINDS:
            if kind in decided_by_model and kind not in raised:
                continue
            # No telling word (all common or weighing against): no evidence rather than a guess.
            evidence = found[kind] or [raised.get(kind, "")]
            if kind in raised or found[kind]:
                signals.append(UrgencySignal(kind, ", ".join(evidence)))
        results.append(tuple(signals))
    return results
