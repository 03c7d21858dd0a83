"""Pictures of pages (a PNG, JPEG or TIFF given directly, the page images of a Word file) as a PDF of image pages:
the PDF reader then reads them by OCR as it reads a scanned PDF, and the evidence view draws them as it draws any
PDF's pages.  One path for every picture of a page.

Pillow (which pdfplumber already needs) writes the PDF.  A picture's resolution is rarely recorded, and a phone
photo's never usefully: each page is given the width of an A4 sheet, whatever its pixels, so that the OCR reader
renders it at its usual resolution.
"""

from __future__ import annotations

import io

from ..core.errors import InputError

# Magic numbers of the picture formats a page comes as.
PICTURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
)
A4_INCHES = 8.27  # the width every page is given
MAX_PIXELS = 60_000_000  # a picture larger than this (a 7,700 × 7,700 scan) is not a page


def picture_format(data: bytes) -> str | None:
    """The picture format of ``data`` (PNG, JPEG, TIFF, BMP), or None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return next((name for magic, name in PICTURES if data.startswith(magic)), None)


def as_pdf(pictures: list[bytes], path: str | None = None) -> bytes:
    """The pictures (each a file's bytes; a multi-page TIFF gives each of its pages) as one PDF, a page each."""
    import warnings

    from PIL import Image, ImageSequence

    pages = []
    for data in pictures:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # (the size is checked below)
                picture = Image.open(io.BytesIO(data))
            with picture:
                if picture.width * picture.height > MAX_PIXELS:
                    raise InputError(
                        f"a picture of {picture.width} × {picture.height} pixels: too large for a page",
                        path,
                        kind="too_large",
                    )
                for frame in ImageSequence.Iterator(picture):
                    pages.append(_on_white(frame))
        except InputError:
            raise
        except Image.DecompressionBombError:
            raise InputError("a picture too large for a page", path, kind="too_large") from None
        except Exception as e:  # Pillow raises its own errors, and OSError, for a damaged file
            what = picture_format(data) or "unknown"
            raise InputError(f"a damaged {what} picture ({type(e).__name__})", path) from None
    if not pages:
        raise InputError("no picture to read", path, kind="empty")
    out = io.BytesIO()
    widest = max(p.width for p in pages)
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=widest / A4_INCHES)
    return out.getvalue()


def _on_white(frame):
    """An RGB copy of a picture's frame, transparency laid on white paper."""
    from PIL import Image

    frame = frame.convert("RGBA") if frame.mode in ("P", "LA", "PA") else frame
    if frame.mode == "RGBA":
        paper = Image.new("RGB", frame.size, (255, 255, 255))
        paper.paste(frame, mask=frame.getchannel("A"))
        return paper
    return frame.convert("RGB")


def pdf_of(data: bytes) -> bytes | None:
    """The PDF a report's page boxes point into: a PDF's own bytes; for pictures of pages (a picture file, a Word
    document of pictures), the PDF they were read through; None for anything else."""
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return data
    if picture_format(data):
        return as_pdf([data])
    if data.startswith(b"PK\x03\x04"):
        from .word import read_docx

        _text, _lines, pictures = read_docx(data)
        return as_pdf(pictures) if pictures else None
    return None
