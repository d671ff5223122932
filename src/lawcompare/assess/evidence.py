"""Running the detector over record provisions and mapping matches back to parts and points."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lawcompare.assess.models import EvidenceItem
from lawcompare.detect.engine import DetectionResult, detect
from lawcompare.records.corpus import ProvisionInForce, cite
from lawcompare.records.models import Provision, StatuteVersion


@dataclass
class ArticleText:
    """An article laid out as one text (heading, then one line per node), with node offsets."""

    text: str
    nodes: list[tuple[str, int, int]] = field(default_factory=list)  # (provision id, start, end)

    def node_at(self, pos: int) -> str | None:
        for pid, s, e in self.nodes:
            if s <= pos < e:
                return pid
        return None


def _prefix(node: Provision) -> str:
    last = node.id.rsplit(".", 1)[-1]
    if node.kind.value == "part" and re.fullmatch(r"\d+(?:-\d+)?", last):
        return f"{last}. "
    if node.kind.value == "point":
        return f"{last}) "
    if node.kind.value == "note":
        return "Note. "
    return ""


def layout(article: Provision) -> ArticleText:
    lines: list[str] = []
    nodes: list[tuple[str, int, int]] = []
    pos = 0
    if article.heading:
        head = f"{article.label or 'Article'}. {article.heading}"
        lines.append(head)
        nodes.append((article.id, 0, len(head)))
        pos = len(head) + 1
    for node in article.walk():
        if not node.text:
            continue
        prefix = _prefix(node)
        line = prefix + " ".join(node.text.split())
        lines.append(line)
        nodes.append((node.id, pos + len(prefix), pos + len(line)))
        pos += len(line) + 1
    return ArticleText("\n".join(lines), nodes)


@dataclass
class ArticleDetection:
    pif: ProvisionInForce
    layout: ArticleText
    result: DetectionResult

    def items(self, criterion: str, only_nodes: set[str] | None = None) -> list[EvidenceItem]:
        out = []
        rec = self.pif.record
        for ev in self.result.evidence:
            if ev.criterion != criterion:
                continue
            pid = self.layout.node_at(ev.start) or self.pif.provision.id
            if only_nodes is not None and pid not in only_nodes:
                continue
            node = rec.provision(pid) or self.pif.provision
            # offsets relative to the node's own text, so reports can highlight inside it
            start = end = None
            for nid, s, _e in self.layout.nodes:
                if nid == pid:
                    start, end = ev.start - s, ev.end - s
            out.append(evidence_item(rec, node, ev.text, start, end, "detector", ev.pattern, ev.fuzzy,
                                     self.pif.sources))
        return out


def evidence_item(rec: StatuteVersion, node: Provision, text: str, start: int | None, end: int | None,
                  source: str, pattern: str | None = None, fuzzy: bool = False,
                  sources: list[str] | None = None) -> EvidenceItem:
    return EvidenceItem(
        instrument=rec.instrument.id, instrument_title=rec.instrument.title_en,
        version_from=rec.version.in_force_from, provision=node.id, citation=cite(rec, node),
        start=start, end=end, text=text, source=source, pattern=pattern, fuzzy=fuzzy, sources=sources or [],
    )


@lru_cache(maxsize=4096)
def _detect_cached(text: str, rubric: str, lang: str = "en") -> DetectionResult:
    return detect(text, lang=lang, rubric=rubric)


def clear_detection_cache() -> None:
    """Forget cached detections (the batch runner calls this after each state to keep memory flat)."""
    _detect_cached.cache_clear()


def detect_article(pif: ProvisionInForce, rubric: str = "palermo") -> ArticleDetection:
    lay = layout(pif.provision)
    lang = pif.record.translation.language
    return ArticleDetection(pif, lay, _detect_cached(lay.text, rubric, lang if lang in ("en", "ru") else "en"))
