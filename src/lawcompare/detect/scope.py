"""Where a match counts: the legal-context rules of detection.

A raw match is kept only where its criterion's scope allows it (see
:class:`lawcompare.rubric.models.Detection`): trafficking elements inside an article that concerns
trafficking and outside victim-protection and exemption clauses (or, for ``trafficking_article``,
anywhere in such an article); aggravations in a part after the basic offence or after an
aggravation marker, in an article with a sanction; non-punishment in a clause that exempts a
trafficking victim, or a victim for acts the crime against them caused, and is not an offender's
exemption; sanctions outside exemption clauses. The
``unless_near`` / ``unless_before`` words of a criterion then veto a match next to them.

The context words (trafficking anchors, exemption markers, ...) arrive as the character offsets
where they were found; clauses are the sentences of :class:`lawcompare.detect.text.Layout`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from lawcompare.detect.text import Document, Layout, Segment

# a definition whose items follow a dash: "exploitation of a person — a) ...", "эксплуатация — а) ..."
_DASH_LIST = re.compile(r"[—–-]\s*(?:[a-zа-я]|\d{1,2})\)")
# or follow the defined word's dash on its line: "exploitation of a person - forced labour; slavery; ..."
_DEFINING_DASH = re.compile(r"[^\n]{0,40}?\s[—–-]\s")

Raw = tuple[str, int, int, str, bool, bool]  # (criterion, start token, end token, pattern, fuzzy, unless applies)
Kept = tuple[str, int, int, str, bool]  # (criterion, start, end in the original text, pattern, fuzzy)


@dataclass(frozen=True)
class CriterionRule:
    """What the scope filter needs to know about one criterion."""

    scope: str = "trafficking"
    computed: bool = False  # assessed from structured data: text matches never count
    fuzzy_ok: bool = True  # a match on a misspelt word may count
    is_act: bool = False
    is_means: bool = False
    is_purpose: bool = False
    needs_purpose_marker: bool = False  # a purpose that licenses acts only after "for the purpose of"
    unless_near: tuple[set[int], int] | None = None  # (lemma hashes, window in tokens)
    # (lemma hashes, words to skip over, and their hashes): the NORM of a token is its lemma's hash
    unless_before: tuple[set[int], set[str], set[int]] | None = None


_DEFAULT = CriterionRule()


def keep_in_scope(raw: list[Raw], rules: dict[str, CriterionRule], rank: dict[str, int], doc,  # type: ignore[no-untyped-def]
                  norms: list[int], idxs: list[int], lengths: list[int], ndoc: Document, layout: Layout,
                  ctx: dict[str, list[int]], defined: frozenset[str] = frozenset()) -> list[Kept]:
    """The matches of ``raw`` that their scope allows, as spans of the original text, without spans
    nested in a longer span of the same criterion, in rubric order.

    ``norms`` / ``idxs`` / ``lengths``: each token's lemma hash, offset in the normalised text and
    length; ``ctx``: context list name -> offsets of its words. Matches and context words start
    with a word (lemmas are never white space), as :class:`Layout` needs. ``defined``: the context
    lists the rubric defines for the language; a rule that needs a list the rubric lacks is skipped
    (an aggravation then counts without a sanction in its part).
    """
    starts = [idxs[r[1]] for r in raw]
    sent_of = layout.sentence_of(starts)
    art_of = layout.article_of(starts)
    # the sentences that hold a word of each context list that works by sentence
    exploitation, exemption, protection, victim, offender, victim_word, compulsion, consent = (
        set(layout.sentence_of(ctx[name])) if name in ctx else set()
        for name in ("exploitation_anchor", "exemption_marker", "protection_marker", "trafficking_victim",
                     "offender_exemption", "victim_word", "compulsion_marker", "consent_marker"))
    # a victim's exemption: a trafficking victim, or a victim exempted for acts the crime caused
    victim_exempt = victim | (victim_word & compulsion)
    # a later part is an aggravation only with a sanction of its own (not a special law's "child
    # victims", nor a part that only dispenses with the means for children)
    sanction_words = sorted(ctx.get("sanction_marker", [])) if "sanction_marker" in defined else None

    # an article is a trafficking one if it names trafficking, or if an act in it is licensed by an
    # exploitation anchor or a purpose in the act's sentence. A name in a subsidiarity clause ("where
    # the act does not contain the elements of trafficking") shows the article is another offence; a
    # sale of a person ("purchase and sale of a child") is trafficking only with an exploitative
    # purpose in the article (not a sale for adoption); a purpose whose words can be the acts' object
    # (organs: "transportation of organs for transplantation") licenses the acts only where all its
    # words follow a purpose marker ("recruitment of a person for the purpose of removing his organs").
    # A name inside an exemption clause does not make the article one on trafficking either: a note
    # exempting trafficked persons in an administrative prostitution article leaves that article's
    # "prostitution" the offence, not an exploitative purpose.
    rule_of = [rules.get(r[0], _DEFAULT) for r in raw]
    subsidiary = set(layout.sentence_of(ctx["subsidiarity_marker"])) if "subsidiarity_marker" in ctx else set()
    not_naming = subsidiary | exemption

    def naming(name: str) -> set[int]:
        offsets = ctx.get(name, [])
        if not_naming and offsets:
            offsets = [o for o, sent in zip(offsets, layout.sentence_of(offsets), strict=True)
                       if sent not in not_naming]
        return set(layout.article_of(offsets))

    licensed = naming("trafficking_anchor")
    purpose_sents = {sent_of[k] for k, rule in enumerate(rule_of) if rule.is_purpose and not rule.needs_purpose_marker}
    first_object: dict[int, int] = {}  # sentence -> where the first word of such a purpose is
    for k, rule in enumerate(rule_of):
        if rule.needs_purpose_marker:
            first_object[sent_of[k]] = min(starts[k], first_object.get(sent_of[k], starts[k]))
    if first_object:
        markers = ctx.get("purpose_marker", [])
        first_marker: dict[int, int] = {}
        for sent, m in zip(layout.sentence_of(markers), markers, strict=True):
            first_marker.setdefault(sent, m)
        # licensed only where all those words follow the marker: otherwise the organs are the object
        purpose_sents |= {sent for sent, pos in first_object.items() if first_marker.get(sent, pos) < pos}
    # an act its own unless words veto ("receiving income from the prostitution of another") is no
    # act of trafficking, so it licenses nothing
    for k, rule in enumerate(rule_of):
        if rule.is_act and (sent_of[k] in exploitation or sent_of[k] in purpose_sents) and not (
                raw[k][5] and _vetoed(raw[k], rule, norms, doc)):
            licensed.add(art_of[k])
    if "sale_anchor" in ctx:
        exploitative = set(layout.article_of(ctx.get("exploitation_anchor", []))) | {
            art_of[k] for k, rule in enumerate(rule_of) if rule.is_purpose and sent_of[k] in purpose_sents}
        licensed |= naming("sale_anchor") & exploitative
    # a clause read without its article (no "Article N" heading) is judged by itself
    headless = {a for a in set(art_of) if not layout.headed(a)} if "trafficking_article" in {
        rule.scope for rule in rule_of} else set()

    heading_lemmas: dict[int, set[int]] = {}

    def heading_words(article: int) -> set[int]:
        """The lemmas of the article's heading line (none for an article without a heading)."""
        found = heading_lemmas.get(article)
        if found is None:
            lo = bisect_left(idxs, layout.articles[article].start)
            found = heading_lemmas[article] = set(norms[lo:bisect_left(idxs, layout.heading_end(article))])
        return found

    identity = isinstance(ndoc.offsets, range)  # normalising changed no offsets
    found: list[tuple[int, str, int, int, int, str, bool]] = []  # (rank, criterion, start, -length, end, ...)
    means: list[tuple[int, tuple[int, str, int, int, int, str, bool]]] = []  # decided once the acts are known
    acts: list[int] = []  # the kept acts (indices into raw)
    seen_spans: set[tuple[str, int, int]] = set()
    for k, (crit, s, e, pat, fz, uses_unless) in enumerate(raw):
        rule = rule_of[k]
        if rule.computed or (fz and not rule.fuzzy_ok):
            continue
        sent = sent_of[k]
        scope = rule.scope
        exempt_clause = sent in exemption
        if scope == "trafficking_article":
            # a note or clause of a trafficking article may not name the offence: one that speaks of
            # exploitation or of a trafficked person is on trafficking too
            ok = art_of[k] in licensed or sent in exploitation or sent in victim or art_of[k] in headless
        elif scope in ("trafficking", "purpose"):
            ok = ((art_of[k] in licensed or (scope == "purpose" and (
                      sent in exploitation or _listed_under(starts[k], ctx.get("exploitation_anchor"), layout,
                                                            art_of[k]))))
                  and not exempt_clause and not (sent in protection and sent not in exploitation))
        elif scope == "aggravation":
            pos = starts[k]
            part = layout.part_at(art_of[k], pos)
            # after "the same acts committed ..." in its part; or in a later numbered part that has a
            # sanction of its own (a part that only drops the means for children is no aggravation).
            # Words the article's heading already has describe the basic offence: in "Trafficking in
            # minors" a later part's "minor" is no aggravation (a part on young children still is)
            marked = any(part.start <= p < pos for p in ctx.get("aggravation_marker", ()))
            later_part = part.label not in ("", "1") and (sanction_words is None or _inside(sanction_words, part))
            ok = ((marked or later_part)
                  and not exempt_clause
                  and pos < layout.notes_start(art_of[k])  # a note aggravates nothing
                  and not heading_words(art_of[k]).issuperset(norms[s:e]))
        elif scope == "exemption":
            # (a consent clause says the offender stays liable: "consent ... shall not relieve the
            # traffickers of responsibility")
            ok = exempt_clause and sent in victim_exempt and sent not in offender and sent not in consent
        elif scope == "sanction":
            ok = not exempt_clause
        else:
            ok = True
        if ok and uses_unless:
            ok = not _vetoed(raw[k], rule, norms, doc)
        if not ok:
            continue
        end = idxs[e - 1] + lengths[e - 1]
        o_start, o_end = (starts[k], end) if identity else ndoc.to_original(starts[k], end)
        key = (crit, o_start, o_end)
        if key in seen_spans:
            continue
        seen_spans.add(key)
        item = (rank.get(crit, 999), crit, o_start, o_start - o_end, o_end, pat, fz)
        if rule.is_means:
            means.append((k, item))
            continue
        if rule.is_act:
            acts.append(k)
        found.append(item)
    if means:
        # a means is the way an act is done: it counts in a sentence that has an act or names the
        # offence ("trafficking in adults or children committed by violence"; the trafficking_victim
        # list has the bare word), in a part that has an act, or in a
        # part that aggravates the offence ("the same acts committed: 1) by violence;"), not in the
        # definition of another term ("person in a vulnerable situation")
        act_sents = {sent_of[k] for k in acts} | victim | set(layout.sentence_of(ctx.get("trafficking_anchor", [])))
        aggravating = sorted(ctx.get("aggravation_marker", []))
        named = sorted(ctx.get("trafficking_anchor", []))  # the offence named as the subject of a later part
        for k, item in means:
            if sent_of[k] in act_sents:
                found.append(item)
                continue
            if starts[k] >= layout.notes_start(art_of[k]):
                continue  # a note's words ("exploitation means compulsion to work") are not an act's means
            part = layout.part_at(art_of[k], starts[k])
            if _inside(aggravating, part) or any(part.start <= starts[a] < part.end for a in acts) or (
                    part.label not in ("", "1") and _inside(named, part)):
                found.append(item)
    return drop_nested(found)


def _vetoed(match: Raw, rule: CriterionRule, norms: list[int], doc) -> bool:  # type: ignore[no-untyped-def]
    """Whether the criterion's ``unless_near`` / ``unless_before`` words veto ``match``."""
    s, e = match[1], match[2]
    if rule.unless_near is not None:
        words, window = rule.unless_near  # none of the words within the window around the match
        if not (words.isdisjoint(norms[max(0, s - window):s]) and words.isdisjoint(norms[e:e + window])):
            return True
    if rule.unless_before is not None:
        # the word before the match, skipping over the skip words, must not be one of the lemmas
        lemmas, skip, skip_ids = rule.unless_before
        i = s - 1
        while i >= 0 and (norms[i] in skip_ids or doc[i].lower_ in skip):
            i -= 1
        if i >= 0 and norms[i] in lemmas:
            return True
    return False


def _listed_under(pos: int, anchors: list[int] | None, layout: Layout, article: int) -> bool:
    """Whether ``pos`` is an item of a list that a sentence on exploitation opens ("exploitation
    includes:" followed by "a) the use of the prostitution of others; b) forced labour ...", or
    "exploitation of a person — a) subjection to slavery; ..."): an exploitation word earlier in the
    same part, and between it and ``pos`` a colon, or a dash followed by the first item's letter, or
    (items on the same line) the dash that follows the defined word ("exploitation of a person -
    forced labour; slavery; ...")."""
    if not anchors:
        return False
    part = layout.part_at(article, pos)
    text = layout.text
    return any(part.start <= a < pos and (":" in text[a:pos] or _DASH_LIST.search(text, a, pos) is not None or (
        _DEFINING_DASH.match(text, a, pos) is not None and "\n" not in text[a:pos])) for a in anchors)


def _inside(offsets: list[int], seg: Segment) -> bool:
    """Whether one of the sorted ``offsets`` lies in ``seg``."""
    i = bisect_left(offsets, seg.start)
    return i < len(offsets) and offsets[i] < seg.end


def drop_nested(found: list[tuple[int, str, int, int, int, str, bool]]) -> list[Kept]:
    """Within one criterion, drop spans contained in a longer span; order the rest by criterion
    (by rank, the rubric's order) and start. ``found``: (rank, criterion, start, -length, end,
    pattern, fuzzy), no two with the same criterion, start and end.

    Sorting puts a criterion's spans together, each after those that start before it or contain it.
    """
    found.sort()
    out: list[Kept] = []
    crit, last_end = None, -1
    for _rank, c, start, _neg, end, pat, fz in found:
        if c != crit:
            crit, last_end = c, -1
        elif end <= last_end:
            continue
        out.append((c, start, end, pat, fz))
        last_end = max(last_end, end)
    return out


