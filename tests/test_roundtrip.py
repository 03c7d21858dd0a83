"""Damage clean text the way real pages are damaged, repair it, and compare with the original.

Lossless kinds must come back exactly.  UTF-8 read by a GBK console loses a byte wherever an odd byte meets
ASCII: those characters must come back marked U+FFFD, never as a wrong character.  (Next to a lost
character, traditional → simplified may pick another variant, since the phrase it needed is gone: 答覆 with
答 lost stays 覆.  A difference is allowed only where it touches a marked loss.)
"""

from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from suqian_report.read.load import load_text
from suqian_report.repair import repair

from . import damage
from .conftest import CER, FIXTURES

CLEAN = sorted((FIXTURES / "clean").glob("*.txt"))
PARAGRAPHS = [p for f in CLEAN for p in f.read_text(encoding="utf-8").split("\n\n") if len(p) >= 30]
TEXT_LEVEL = ["drop_date_chars", "full_width", "traditional", "pinyin_mirror", "entities"]
BYTE_LEVEL = ["utf8_read_as_latin1", "gbk_read_as_latin1", "utf8_read_as_gbk", "utf8_read_as_gb18030"]
LOSSY = {"utf8_read_as_gbk", "utf8_read_as_gb18030"}


def repaired(text: str) -> str:
    return repair(load_text(text)).text


def baseline(text: str) -> str:
    return load_text(text).text  # the loader's line normalisation is the only documented change


def check(original: str, got: str, kinds: tuple[str, ...]) -> None:
    expected = baseline(original)
    CER.setdefault(" + ".join(kinds), []).append(damage.char_error_rate(expected, got))
    if not LOSSY & set(kinds):
        assert got == expected
        return
    assert_only_marked_losses(expected, got)


def assert_only_marked_losses(expected: str, got: str) -> None:
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, expected, got, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        changed = got[j1:j2]
        assert "\ufffd" in got[max(0, j1 - 1) : j2 + 1], f"guessed {changed!r} for {expected[i1:i2]!r}"
        assert len(changed.replace("\ufffd", "")) <= 1, f"guessed {changed!r} for {expected[i1:i2]!r}"


ORDER = TEXT_LEVEL + BYTE_LEVEL  # the order damage happens in: text first, bytes last


def damaged(text: str, kinds: tuple[str, ...]) -> str:
    for kind in sorted(kinds, key=ORDER.index):
        text = damage.KINDS[kind](text)
    return text


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
@pytest.mark.parametrize("kind", TEXT_LEVEL + BYTE_LEVEL)
def test_whole_pages_round_trip(path: Path, kind: str):
    text = path.read_text(encoding="utf-8")
    check(text, repaired(damaged(text, (kind,))), (kind,))


# Pairs that happen to real pages.  Left out: traditional + pinyin_mirror (the mirror already converts),
# entities + a byte-level confusion (entities are ASCII: nothing to confuse), and pinyin_mirror + utf8_read_as_gbk:
# the annotations put ASCII between every two characters, so each mis-decoded run is one or two characters
# long, too little evidence for the fixer, which then leaves the run as it is rather than guess.
PAIRS = [
    (a, b) for i, a in enumerate(TEXT_LEVEL) for b in TEXT_LEVEL[i + 1 :] if {a, b} != {"traditional", "pinyin_mirror"}
] + [
    (a, b)
    for a in TEXT_LEVEL
    for b in BYTE_LEVEL
    if a != "entities"
    and (a, b) not in (("pinyin_mirror", "utf8_read_as_gbk"), ("pinyin_mirror", "utf8_read_as_gb18030"))
]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(paragraph=st.sampled_from(PARAGRAPHS), pair=st.sampled_from(PAIRS))
def test_paragraphs_with_two_damages_round_trip(paragraph: str, pair: tuple[str, str]):
    check(paragraph, repaired(damaged(paragraph, pair)), pair)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(paragraph=st.sampled_from(PARAGRAPHS), kind=st.sampled_from(TEXT_LEVEL + BYTE_LEVEL))
def test_damaged_paragraph_inside_a_clean_page(paragraph: str, kind: str):
    """Partial damage: one paragraph damaged, the rest of the page clean."""
    page = CLEAN[0].read_text(encoding="utf-8")
    text = page + "\n\n" + damaged(paragraph, (kind,)) + "\n\n" + page
    got = repaired(text)
    expected = baseline(page + "\n\n" + paragraph + "\n\n" + page)
    CER.setdefault(f"{kind} (one paragraph of a clean page)", []).append(damage.char_error_rate(expected, got))
    if kind in LOSSY:
        assert_only_marked_losses(expected, got)
    else:
        assert got == expected


def _oracle(text: str) -> str:
    """What a reader who knew exactly which bytes GB18030 lost could recover: every character that held a lost
    byte lost, the rest intact."""
    import codecs

    lost: set[int] = set()

    def track(err: UnicodeDecodeError):
        lost.update(range(err.start, err.end))
        return ("\ufffd", err.end)

    codecs.register_error("track_lost", track)
    text.encode("utf-8").decode("gb18030", errors="track_lost")
    out, pos = [], 0
    for ch in text:
        n = len(ch.encode("utf-8"))
        out.append("\ufffd" if lost & set(range(pos, pos + n)) else ch)
        pos += n
    return "".join(out)


def test_utf8_read_as_gb18030_loses_only_the_characters_that_held_a_lost_byte():
    """Python's own lossy reading (errors="replace"): each U+FFFD stands for one lost byte.  Only the characters
    that held one are lost, and a U+FFFD before a byte GB18030 could have paired can only have been 0x80, so
    even those come back: no page loses more than the byte-placeholder oracle, and whole pages lose ≤ 5%."""
    rates = []
    for path in CLEAN:
        text = path.read_text(encoding="utf-8")
        expected = baseline(text)
        got = repaired(damage.utf8_read_as_gb18030(text))
        assert_only_marked_losses(expected, got)
        cer = damage.char_error_rate(expected, got)
        assert cer <= damage.char_error_rate(expected, _oracle(expected)), path.name
        rates.append(cer)
    assert sum(rates) / len(rates) <= 0.05


def _page_text(data: bytes) -> str:
    from suqian_report.read.load import load_bytes

    return repair(load_bytes(data)).text


LAYERS = [("gbk", "latin-1"), ("gbk", "cp1252"), ("big5", "latin-1"), ("big5", "cp1252")]


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
@pytest.mark.parametrize("codec,reader", LAYERS, ids=lambda x: x)
def test_layered_mojibake_pages_come_back_whole(path: Path, codec: str, reader: str):
    """A GBK (or Big5) page a tool read as Latin-1 (or cp1252) and saved as UTF-8: the file is valid UTF-8, read
    as UTF-8, then the Latin layer is undone and the bytes decoded as what they were."""
    text = path.read_text(encoding="utf-8")
    undamaged = damage.traditional_tw(text) if codec == "big5" else text
    expected = _page_text(undamaged.encode(codec))  # what the undamaged page gives
    data = damage.layered(text, codec, reader)
    from suqian_report.read.decode import decode

    assert decode(data).encoding == "utf-8"
    got = _page_text(data)
    cer = damage.char_error_rate(expected, got)
    CER.setdefault(f"layered {codec} read as {reader}, saved as UTF-8", []).append(cer)
    assert cer < 0.005


def test_each_layer_is_logged():
    from suqian_report.read.load import load_bytes

    text = CLEAN[0].read_text(encoding="utf-8")
    # UTF-8 read as GBK and saved as UTF-8, then that read as Latin-1 and saved as UTF-8 again: two layers.
    data = damage.utf8_read_as_gbk(text).encode("utf-8").decode("latin-1").encode("utf-8")
    r = repair(load_bytes(data))
    assert damage.char_error_rate(baseline(text), r.text) < 0.05
    kinds = list(r.counts)
    assert kinds.index("mojibake_latin1") < kinds.index("mojibake_gbk")


# The one documented normalisation repair makes to good text: no-break and ideographic spaces become spaces.
ODD_SPACES = str.maketrans({"\u00a0": " ", "\u3000": " "})


@pytest.mark.parametrize("path", CLEAN + sorted((FIXTURES / "clean").glob("*.html")), ids=lambda p: p.name)
def test_never_break_good_text(path: Path):
    """A clean simplified page goes through repair unchanged, byte for byte, apart from odd spaces."""
    doc = load_text(path.read_text(encoding="utf-8"))
    r = repair(doc)
    assert r.text == doc.text.translate(ODD_SPACES)
    assert all(e.kind == "width" and e.before in ("\u00a0", "\u3000") for e in r.events)
