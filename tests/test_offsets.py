import pytest
from hypothesis import given
from hypothesis import strategies as st

from suqian_report.core.offsets import Alignment, ByteOffsets, Chain, Edit


def test_from_edits_maps_copies_and_replacements():
    src = "報(bào)告114057條"
    out, al = Alignment.from_edits(src, [Edit(0, 1, "报"), Edit(1, 6, ""), Edit(13, 14, "条")])
    assert out == "报告114057条"
    # the number is copied: maps character for character
    a, b = al.to_src(2, 8)
    assert src[a:b] == "114057"
    # a span over a replaced character maps to the whole replaced source
    assert al.to_src(0, 1) == (0, 1)
    # a span across the deleted annotation covers it
    a, b = al.to_src(0, 2)
    assert src[a:b] == "報(bào)告"
    assert al.is_copy(2, 8) and not al.is_copy(0, 2)


def test_insertion_maps_to_its_point():
    src = "201311日"
    out, al = Alignment.from_edits(src, [Edit(0, 6, "2013年1月1")])
    assert out == "2013年1月1日"
    assert al.to_src(0, len(out)) == (0, len(src))


def test_from_pieces_joins_lines():
    src = "nav\nbody one\nspam\nbody two"
    out, al = Alignment.from_pieces([(4, 12), (18, 26)], src)
    assert out == "body one\nbody two"
    a, b = al.to_src(9, 17)
    assert src[a:b] == "body two"


def test_chain_composes_newest_first():
    s0 = "ａ１２"
    s1, m1 = Alignment.from_edits(s0, [Edit(1, 3, "12")])
    s2, m2 = Alignment.from_edits(s1, [Edit(0, 1, "A")])
    chain = Chain([m1, m2])
    assert s2 == "A12"
    assert chain.to_src(1, 3) == (1, 3)
    assert not chain.is_copy(0, 3) and not chain.is_copy(1, 3)


@st.composite
def edited(draw):
    src = draw(st.text(alphabet="ab報告12\n", min_size=0, max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(src)), max_size=8)))
    edits, pos = [], 0
    for i in range(0, len(cuts) - 1, 2):
        a, b = max(cuts[i], pos), cuts[i + 1]
        if a > b:
            continue
        edits.append(Edit(a, b, draw(st.text(alphabet="xy", max_size=3))))
        pos = b + 1
    return src, edits


@given(edited())
def test_untouched_text_maps_back_exactly(case):
    src, edits = case
    out, al = Alignment.from_edits(src, edits)
    # every character outside the edits is found at its source position
    touched = set()
    for e in edits:
        touched.update(range(e.start, e.end))
    for i in range(len(out)):
        a, b = al.to_src(i, i + 1)
        if al.is_copy(i, i + 1):
            assert b - a == 1 and src[a] == out[i] and a not in touched


def _one_segment_per_edit(source: str, edits: list[Edit]) -> Alignment:
    """The map as built edit by edit, one replace segment each (what from_edits gives, runs of one-character
    substitutions aside, which it folds into one segment)."""
    segs, pos, dpos = [], 0, 0
    for e in edits:
        if e.start > pos:
            segs.append((dpos, dpos + e.start - pos, pos, e.start, True))
            dpos += e.start - pos
        segs.append((dpos, dpos + len(e.text), e.start, e.end, False))
        dpos += len(e.text)
        pos = e.end
    if pos < len(source) or not segs:
        segs.append((dpos, dpos + len(source) - pos, pos, len(source), True))
        dpos += len(source) - pos
    return Alignment(segs, dpos, len(source))


@given(st.text(alphabet="報告條123abc", min_size=1, max_size=30), st.data())
def test_folded_substitutions_map_as_one_segment_per_edit(source, data):
    points = sorted(set(data.draw(st.lists(st.integers(0, len(source) - 1), max_size=12))))
    edits = []
    for p in points:
        kind = data.draw(st.sampled_from(["sub", "del", "ins", "wide"]))
        end = {"sub": p + 1, "del": p + 1, "ins": p, "wide": min(p + 2, len(source))}[kind]
        if edits and p < edits[-1].end:
            continue  # edits do not overlap
        text = {"sub": "x", "del": "", "ins": "年", "wide": "yz"}[kind]
        edits.append(Edit(p, end, text))
    out, folded = Alignment.from_edits(source, edits)
    reference = _one_segment_per_edit(source, edits)
    for a in range(len(out) + 1):
        for b in range(a, len(out) + 1):
            assert folded.to_src(a, b) == reference.to_src(a, b), (a, b)


@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 10)).map(lambda t: (t[0], t[0] + t[1])), max_size=8),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6)).map(lambda t: (t[0], t[0] + t[1])), max_size=8),
)
def test_a_span_within_one_of_many_is_found_by_bisection(outer, spans):
    from suqian_report.extractors import _within

    assert _within(outer, spans) == [any(a <= s and e <= b for a, b in outer) for s, e in spans]


def _one_segment_per_piece(pieces: list[tuple[int, int]], source: str, sep: str = "\n") -> Alignment:
    """The map of joined pieces as a segment for each piece and each separator, none merged."""
    segs, dpos = [], 0
    for i, (a, b) in enumerate(pieces):
        if i:
            prev = pieces[i - 1][1]
            copy = source[prev : prev + len(sep)] == sep and prev + len(sep) <= a
            segs.append((dpos, dpos + len(sep), prev, prev + len(sep) if copy else prev, copy))
            dpos += len(sep)
        segs.append((dpos, dpos + b - a, a, b, True))
        dpos += b - a
    return Alignment(segs or [(0, 0, 0, 0, False)], dpos, len(source))


@st.composite
def kept_lines(draw):
    """A text of lines and the lines kept (some dropped, some cut short, some whole: pieces that follow one
    another in the source, as a page with nothing cut gives)."""
    lines = draw(st.lists(st.text(alphabet="ab報1 ", max_size=6), min_size=1, max_size=8))
    source = "\n".join(lines)
    pieces, pos = [], 0
    for line in lines:
        how = draw(st.sampled_from(["whole", "whole", "drop", "cut"]))
        if how == "whole":
            pieces.append((pos, pos + len(line)))
        elif how == "cut" and line:
            pieces.append((pos + 1, pos + len(line)))
        pos += len(line) + 1
    return source, pieces


@given(kept_lines())
def test_pieces_that_follow_one_another_are_one_segment_mapping_the_same(case):
    source, pieces = case
    out, merged = Alignment.from_pieces(pieces, source)
    reference = _one_segment_per_piece(pieces, source)
    for a in range(len(out) + 1):
        for b in range(a, len(out) + 1):
            assert merged.to_src(a, b) == reference.to_src(a, b), (a, b)


def test_a_text_kept_whole_is_an_identity_the_chain_passes_over():
    source = "第一行\n第二行\n第三行"
    out, kept = Alignment.from_pieces([(0, 3), (4, 7), (8, 11)], source)
    assert out == source and kept.is_identity
    _out, cut = Alignment.from_pieces([(0, 3), (8, 11)], source)
    assert not cut.is_identity
    edited = Alignment.from_edits(source, [Edit(0, 1, "首")])[1]
    assert Chain([edited, kept]).maps == [edited]
    assert Chain([kept]).to_src(4, 7) == (4, 7)
    assert Chain([kept]).to_src(7, 4) == kept.to_src(7, 4) == (7, 7)  # (alone, it is kept: it maps as before)


@given(st.lists(edited(), min_size=1, max_size=3), st.data())
def test_a_chain_shifts_a_span_inside_a_copied_stretch_as_it_maps_it(steps, data):
    # a chain of maps, each of the text the one before made (edits drawn for the first text are cut to fit)
    maps, text = [], steps[0][0]
    for _src, edits in steps:
        fitting = [e for e in edits if e.end <= len(text)]
        text, al = Alignment.from_edits(text, fitting)
        maps.append(al)
    chain = Chain(maps)
    for start in range(len(text)):
        got = chain.shift_at(start)
        if got is None:
            continue
        lo, hi, shift = got
        assert lo <= start < hi
        end = data.draw(st.integers(start, hi))
        assert chain.to_src(start, end) == (start + shift, end + shift)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "big5", "utf-16", "ascii"])
@given(st.text(alphabet="ab 1|\t报告條𠀋é\u00a0", max_size=300), st.data())
def test_a_rows_byte_spans_are_each_cells_own(encoding, text, data):
    # a row's cells, some empty, some next to each other, in ASCII runs and among other characters
    # (big5 has no 𠀋 or é: each is counted as the one byte "?" a replaced character is)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=16)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2])]
    if data.draw(st.booleans()):  # (in any order: cells a layout moved, glued cells that share one span)
        spans = data.draw(st.permutations(spans + spans[:1]))
    offsets = ByteOffsets(text, encoding, bom_length=data.draw(st.sampled_from([0, 3])), step=16)
    assert offsets.spans(spans) == [offsets.span(a, b) for a, b in spans]
    for a, b in spans:
        assert offsets.span(a, b)[1] - offsets.span(a, b)[0] == len(text[a:b].encode(offsets.encoding, "replace"))
