"""Pages that are pictures (a scanned PDF, the images of a Word file, a PNG or JPEG) read by OCR into the same
characters-with-boxes the PDF reader takes from a text layer, and the ruling lines of their tables, so that the one
table reader (:mod:`.pdf`, through pdfplumber's grid of cells) serves them.

The engine is RapidOCR (the extra ``[ocr]``: PP-OCR's detection and recognition models ship inside its wheel and run
on onnxruntime on the CPU; nothing is downloaded).  A page is read in its red channel (a red seal stamped over the
text fades out of it) and straightened first (its skew measured by how well its rows of ink line up); each
character keeps its box, mapped back to the page as it was, and the confidence the engine gave its line.  A table
cell the page's reading left empty is read again alone.  Ruling lines are found in the image by morphology: long thin runs of dark pixels, horizontal and vertical.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..core import logs
from ..core.errors import InputError
from ..rules.lazy import lazy
from ..rules.ocr import GUESSED, LOOKALIKES

DPI = 300  # a scanned page is rendered (or its image taken) at this resolution for OCR
EXTRA = "pip install 'suqian-report[ocr]'"
THREADS: int | None = None  # threads the engine runs on (None: as many as cores; a worker of --jobs N gets its share)


def available() -> bool:
    from importlib.util import find_spec

    return find_spec("rapidocr_onnxruntime") is not None and find_spec("cv2") is not None


@lru_cache(maxsize=1)
def _engine() -> Any:
    """One engine per process (its models load once)."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except (ImportError, OSError) as e:  # installed, but a library it loads is missing (OpenCV's libGL.so.1)
        why = " ".join(str(e).split())[:120]
        raise InputError(
            f"the page is an image and the OCR engine cannot load ({why}); on Debian, libGL comes with "
            "'apt install libgl1'",
            None,
            kind="needs_ocr",
        ) from None

    engine = RapidOCR(**({"intra_op_num_threads": THREADS} if THREADS else {}))
    logs.libraries_loaded(own=("RapidOCR", "OrtInferSession"))  # (loggers that print by themselves)
    return engine


@dataclass
class OcrPage:
    """One page read by OCR, in PDF points from the page's top left: its characters (pdfplumber's shape, with a
    ``confidence``), its ruling lines, and the angle it was straightened by."""

    chars: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)  # {"x0", "x1", "top", "bottom", "object_type": "line"}
    angle: float = 0.0  # degrees the image was turned to straighten it
    seconds: float = 0.0
    image: Any = None  # the straightened page (an RGB array), to read a cell again
    scale: float = 1.0  # pixels per point
    back: Any = None  # the turn from the straightened page back to the page as it was

    def read_cell(self, box: tuple[float, float, float, float]) -> list[dict]:
        """A table cell the page-wide reading left empty (or read as a dash), read again alone: a lone digit, 0 and
        1 above all, is what text detection misses on a whole page.  First its glyphs alone (:func:`_glyphs`:
        the marks of a character's size with a dark core, clear of the cell's borders, a seal's faint arc or the
        grain), recognised as one line; failing that, the cell set on a white margin, where the detector finds a
        lone character far better than on the page.  Its characters, when what it holds reads as a value."""
        import cv2

        x0, top, x1, bottom = (round(v * self.scale) for v in box)
        pad = 4
        crop = self.image[top + pad : bottom - pad, x0 + pad : x1 - pad]
        if crop.size == 0:
            return []
        t0 = time.perf_counter()
        try:
            read, score = "", 0.0
            found = _glyphs(crop[:, :, 0], self.glyph_height())
            if found is not None:
                ink, (left, up, right, down) = found
                line = cv2.copyMakeBorder(ink, 10, 10, 16, 16, cv2.BORDER_CONSTANT, value=255)
                result, _elapsed = _engine()(cv2.cvtColor(line, cv2.COLOR_GRAY2RGB), use_det=False, use_cls=False)
                if result:
                    read, score = str(result[0][0]).strip(), float(result[0][1])
            if not _VALUE.fullmatch(as_value(read)):
                margin = 24
                framed = cv2.copyMakeBorder(crop, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=(255,) * 3)
                lines, _elapsed = _engine()(framed, use_cls=False)
                if not lines:
                    return []
                lines = sorted(lines, key=lambda r: min(p[0] for p in r[0]))
                read, score = "".join(str(r[1]).strip() for r in lines), min(float(r[2]) for r in lines)
                left, up, right, down = (round(v) - margin for v in _rect([p for r in lines for p in r[0]]))
        finally:
            self.seconds += time.perf_counter() - t0
        text = as_value(read)
        if text != read:
            score = min(score, GUESSED)
        if not _VALUE.fullmatch(text):
            return []
        box_px = (x0 + pad + left, top + pad + up, x0 + pad + right, top + pad + down)
        return _characters(text, score, [], self.scale, self.back, box_px)

    def glyph_height(self) -> float:
        """The height of a digit on this page, in pixels (the median of those read), or a 10-point one."""
        heights = sorted((c["bottom"] - c["top"]) * self.scale for c in self.chars if c["text"].isdigit())
        return heights[len(heights) // 2] if heights else 10 * self.scale * 0.7


def _glyphs(gray, height: float) -> tuple[Any, tuple[int, int, int, int]] | None:
    """The marks of ``gray`` (a cell's crop, one channel) that are characters: darker than the paper by a clear
    margin, with a dark core, no taller or wider than a character, not touching the crop's edges (the cell's
    borders, turned a little).  Black on white, cut to their box, and the box; None when there are none."""
    import cv2
    import numpy as np

    paper = float(np.median(gray))
    mask = (gray < paper - 40).astype(np.uint8)
    n, labels, stats, _centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    h, w = gray.shape
    keep = []
    for k in range(1, n):
        x, y, cw, ch, area = (int(v) for v in stats[k])
        if x == 0 or y == 0 or x + cw >= w or y + ch >= h:
            continue
        if ch > 1.5 * height or cw > 1.5 * height or area < 0.02 * height * height:
            continue
        if gray[labels == k].min() > paper - 80:  # faint all through: a seal's arc, a smudge
            continue
        keep.append(k)
    if not keep:
        return None
    x0 = min(int(stats[k, 0]) for k in keep)
    y0 = min(int(stats[k, 1]) for k in keep)
    x1 = max(int(stats[k, 0] + stats[k, 2]) for k in keep)
    y1 = max(int(stats[k, 1] + stats[k, 3]) for k in keep)
    ink = np.where(np.isin(labels, keep), 0, 255).astype(np.uint8)[y0:y1, x0:x1]
    return ink, (x0, y0, x1, y1)


# What a table cell read alone may hold: a number, a sign, a not-applicable mark.
_VALUE = lazy(r"[-+－—–/／减增]?\d[\d,，.．]*[%％]?|[-－—–/／]{1,2}")


def as_value(text: str) -> str:
    """A table cell's reading as a value: a lone letter the recogniser reads for a digit is the digit
    (:data:`~suqian_report.rules.ocr.LOOKALIKES`; the caller caps its confidence at ``GUESSED``)."""
    return LOOKALIKES.get(text, text)


def read_image(image: Any, scale: float) -> OcrPage:
    """``image``: a PIL image of the page; ``scale``: its pixels per PDF point.  Characters and lines come in the
    straightened frame (where rows are level, as the table reader needs), each character also with ``box``, its
    box on the page as it was."""
    engine = _engine()  # (first: a clear error when it cannot load)
    import cv2
    import numpy as np

    t0 = time.perf_counter()
    # The red channel: black print stays dark in it, a red seal (公章) over the text all but vanishes.
    red = np.array(image.convert("RGB"))[:, :, 0]
    rgb = np.ascontiguousarray(np.repeat(red[:, :, None], 3, axis=2))
    gray = red
    angle = _skew(gray)
    turn = None
    if abs(angle) > 0.05:
        h, w = gray.shape
        turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        rgb = cv2.warpAffine(rgb, turn, (w, h), borderValue=(255, 255, 255), flags=cv2.INTER_LINEAR)
        gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    back = cv2.invertAffineTransform(turn) if turn is not None else None
    result, _elapsed = engine(rgb, use_cls=False, return_word_box=True)  # (upright: a lone 9 turned is a 6)
    chars: list[dict] = []
    for line in result or []:
        _box, text, score = line[0], line[1], float(line[2])
        words = line[3] if len(line) > 3 and line[3] else []
        chars += _characters(text, score, words, scale, back)
    return OcrPage(chars, _ruling_lines(gray, scale), angle, time.perf_counter() - t0, rgb, scale, back)


def _characters(text: str, score: float, words: list, scale: float, back, whole=None) -> list[dict]:
    """The characters of one recognised line, each with its box (in points) and the line's confidence.  The engine
    gives a box per character of Chinese text and per run of Latin letters or digits; a run's box is shared out
    among its characters by their widths (a full-width character counts two half-width ones)."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return []
    if words and not isinstance(words[0][0], (list, tuple)):
        words = [words]  # (one box, not a list of them)
    boxes: list[tuple[float, float, float, float]] = []
    if len(words) == len(chars):
        boxes = [_rect(w) for w in words]
    else:  # runs: share each box out, or the line's whole width when the counts do not meet
        runs = _runs(chars, len(words)) if words else None
        if runs is None:
            boxes = _share(chars, whole or (_rect([p for w in words for p in w]) if words else (0, 0, 0, 0)))
        else:
            for run, w in zip(runs, words):
                boxes += _share(run, _rect(w))
    out = []
    for ch, (x0, top, x1, bottom) in zip(chars, boxes):
        item = {
            "text": ch,
            "x0": x0 / scale,
            "x1": x1 / scale,
            "top": top / scale,
            "bottom": bottom / scale,
            "confidence": round(score, 4),
        }
        if back is not None:
            item["box"] = _turned_back((x0, top, x1, bottom), back, scale)
        out.append(item)
    return out


def _rect(points) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys))


def _wide(ch: str) -> bool:
    return ord(ch) > 0x2E7F


def _runs(chars: list[str], n: int) -> list[list[str]] | None:
    """The characters grouped as the engine boxes them: each wide character alone, each run of narrow ones
    together; None when that does not give ``n`` groups."""
    runs: list[list[str]] = []
    for ch in chars:
        if runs and not _wide(ch) and not _wide(runs[-1][-1]):
            runs[-1].append(ch)
        else:
            runs.append([ch])
    return runs if len(runs) == n else None


def _share(chars: list[str], box: tuple[float, float, float, float]) -> list[tuple[float, float, float, float]]:
    x0, top, x1, bottom = box
    units = [2 if _wide(c) else 1 for c in chars]
    step = (x1 - x0) / max(1, sum(units))
    out, x = [], x0
    for u in units:
        out.append((x, top, x + u * step, bottom))
        x += u * step
    return out


def _turned_back(box: tuple[float, float, float, float], back, scale: float) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = box
    corners = [(x0, top), (x1, top), (x0, bottom), (x1, bottom)]
    pts = [
        (back[0][0] * x + back[0][1] * y + back[0][2], back[1][0] * x + back[1][1] * y + back[1][2]) for x, y in corners
    ]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs) / scale, min(ys) / scale, max(xs) / scale, max(ys) / scale)


def _skew(gray) -> float:
    """The angle (degrees) that levels the page: the one, within ±3° in steps of 0.05°, at which the rows of
    ink line up best (the variance of the ink per row is largest), measured on the page scaled to 1000 pixels
    wide.  Text rows and ruling lines both count, so a page with no table is straightened too."""
    import cv2
    import numpy as np

    h, w = gray.shape
    k = 1000 / w
    small = cv2.resize(gray, (1000, max(1, int(h * k))), interpolation=cv2.INTER_AREA)
    ink = (small < 160).astype(np.float32)
    if ink.mean() < 0.001:
        return 0.0
    center = (small.shape[1] / 2, small.shape[0] / 2)

    def score(angle: float) -> float:
        turn = cv2.getRotationMatrix2D(center, angle, 1.0)
        rows = cv2.warpAffine(ink, turn, (small.shape[1], small.shape[0])).sum(axis=1)
        return float(np.var(rows))

    coarse = max((a / 4 for a in range(-12, 13)), key=score)  # 0.25° steps
    fine = max((coarse + a / 20 for a in range(-5, 6)), key=score)  # then 0.05°
    return round(fine, 2)


def _ruling_lines(gray, scale: float) -> list[dict]:
    """Long thin runs of dark pixels, horizontal and vertical, as line objects in points."""
    import cv2

    h, w = gray.shape
    ink = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    out: list[dict] = []
    for horizontal in (True, False):
        length = max(25, (w if horizontal else h) // 40)
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
        runs = cv2.dilate(cv2.erode(ink, kernel), kernel)
        runs = cv2.dilate(runs, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))  # bridge small breaks
        contours, _ = cv2.findContours(runs, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for c in contours:
            x, y, cw, ch = cv2.boundingRect(c)
            if horizontal and cw >= length and ch <= 12:
                mid = (y + ch / 2) / scale
                out.append(_line(x / scale, (x + cw) / scale, mid, mid))
            elif not horizontal and ch >= length and cw <= 12:
                mid = (x + cw / 2) / scale
                out.append(_line(mid, mid, y / scale, (y + ch) / scale))
    return out


def _line(x0: float, x1: float, top: float, bottom: float) -> dict:
    """A line as pdfplumber gives a drawn one."""
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "object_type": "line",
    }
