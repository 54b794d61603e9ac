"""What an uploaded file is, decided from its bytes alone, and images made safe to show.

Everything here is CPU work on bytes in memory: the service runs it in a worker thread
(`asyncio.to_thread`), never on the event loop. The name and the client's Content-Type are
never consulted: SVG, HTML and everything else outside the allowlist are refused whatever they
are called.
"""

from __future__ import annotations

import hashlib
import io
import warnings
import zipfile
from dataclasses import dataclass
from typing import Any

import filetype
from PIL import Image, ImageOps, UnidentifiedImageError

from app import errors

# Pillow's decompression-bomb guard at 40 MP (a 8000x5000 photo): above it opening an image
# warns (made an error here) and above twice it raises.
MAX_PIXELS = 40_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
warnings.simplefilter("error", Image.DecompressionBombWarning)
MAX_FRAMES = 300
THUMBNAIL_SIDE = 400

# The four image formats opened at all (no other Pillow plugin ever sees the bytes).
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
IMAGE_TYPES = frozenset(IMAGE_FORMATS.values())

PDF = "application/pdf"
ZIP = "application/zip"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
# Office documents recognised by signature (OLE compound files, OpenDocument).
SIGNATURE_TYPES = frozenset(
    {
        PDF,
        "application/msword",
        "application/vnd.ms-excel",
        "application/vnd.ms-powerpoint",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
    }
)
_OOXML_PARTS = (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX))
# Text that opens like markup (HTML, SVG, XML) is never taken for plain text.
_MARKUP = (b"<!doctype", b"<html", b"<svg", b"<?xml", b"<script", b"<head", b"<body", b"<iframe")


@dataclass(frozen=True, slots=True)
class Processed:
    """What is stored and served: the bytes (an image re-encoded), its type and size in pixels,
    and an image's thumbnail."""

    data: bytes
    content_type: str
    kind: str
    sha256: str = ""
    width: int | None = None
    height: int | None = None
    thumbnail: bytes | None = None
    thumbnail_type: str | None = None


def process(data: bytes) -> Processed:
    """Classify the bytes against the allowlist (415 otherwise); re-encode images."""
    if not data:
        raise errors.BadRequest("the file is empty")
    image = _open_image(data)
    if image is not None:
        return _process_image(image)
    return Processed(data, _file_type(data), "file", hashlib.sha256(data).hexdigest())


def _open_image(data: bytes) -> Image.Image | None:
    """The image, if the bytes are one of the four formats; None if they are no image at all.
    A broken or oversized image of those formats is refused here."""
    try:
        with Image.open(io.BytesIO(data), formats=list(IMAGE_FORMATS)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data), formats=list(IMAGE_FORMATS))
        image.load()
        return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise errors.BadRequest(f"the image has too many pixels (at most {MAX_PIXELS:,})") from None
    except UnidentifiedImageError:
        return None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise errors.BadRequest(f"the image could not be read: {exc}") from None


def _process_image(image: Image.Image) -> Processed:
    """Orientation applied, then re-encoded in its own format with no EXIF, GPS, XMP or ICC
    data (nothing of the original's metadata is passed to save), and a thumbnail."""
    fmt = image.format or "PNG"
    frames = getattr(image, "n_frames", 1)
    if frames > MAX_FRAMES or frames * image.width * image.height > 4 * MAX_PIXELS:
        raise errors.BadRequest("the animation has too many frames")
    out = io.BytesIO()
    if frames > 1:
        # GIF and WebP animations have no EXIF orientation to apply; each frame is re-encoded.
        image.info = _kept(image.info)
        image.save(out, format=fmt, save_all=True, loop=image.info.get("loop", 0))
        still = image.copy()
    else:
        still = ImageOps.exif_transpose(image)
        # Some encoders copy metadata they find in `info` (PNG its ICC profile and EXIF):
        # only what draws the pixels is kept.
        still.info = _kept(still.info)
        _save(still, out, fmt)
    thumb = still.copy()
    if thumb.mode not in ("RGB", "RGBA", "L", "LA"):
        thumb = thumb.convert("RGBA" if _has_alpha(thumb) else "RGB")
    thumb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    thumb_out = io.BytesIO()
    if fmt == "JPEG":
        thumb.convert("RGB").save(thumb_out, format="JPEG", quality=85)
        thumb_type = "image/jpeg"
    else:
        thumb.save(thumb_out, format="PNG", optimize=True)
        thumb_type = "image/png"
    stored = out.getvalue()
    return Processed(
        stored,
        IMAGE_FORMATS[fmt],
        "image",
        hashlib.sha256(stored).hexdigest(),
        still.width,
        still.height,
        thumb_out.getvalue(),
        thumb_type,
    )


_DRAWING_INFO = ("transparency", "duration", "loop", "background")


def _kept(info: dict[Any, Any]) -> dict[Any, Any]:
    return {key: info[key] for key in _DRAWING_INFO if key in info}


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _save(image: Image.Image, out: io.BytesIO, fmt: str) -> None:
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        image.save(out, format="JPEG", quality=90)
    elif fmt == "GIF":
        image.save(out, format="GIF")
    elif fmt == "WEBP":
        image.save(out, format="WEBP", quality=90)
    else:
        image.save(out, format="PNG")


def _file_type(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_type(data)
    kind = filetype.guess(data[:8192])
    if kind is not None:
        if kind.mime in SIGNATURE_TYPES:
            return str(kind.mime)
        raise errors.UnsupportedMediaType(f"files of type {kind.mime} are not accepted")
    return _text_type(data)


def _zip_type(data: bytes) -> str:
    """A ZIP archive, or an Office Open XML document (which is one: told by its parts)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise errors.UnsupportedMediaType(
            "the file looks like a ZIP archive but is not a readable one"
        ) from None
    if "[Content_Types].xml" in names:
        for prefix, mime in _OOXML_PARTS:
            if any(n.startswith(prefix) for n in names):
                return mime
    kind = filetype.guess(data[:8192])
    if kind is not None and kind.mime in SIGNATURE_TYPES:
        return str(kind.mime)  # OpenDocument
    return ZIP


def _text_type(data: bytes) -> str:
    """Plain text or CSV: valid UTF-8 without NULs or other control characters, and not markup."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise errors.UnsupportedMediaType(
            "only images (JPEG, PNG, GIF, WebP), PDF, office documents, ZIP, plain text and CSV "
            "are accepted"
        ) from None
    if any(ch < " " and ch not in "\t\n\r\f" for ch in text[:65536]) or "\x00" in text:
        raise errors.UnsupportedMediaType("binary data is not accepted as text")
    head = text[:2048].lstrip("\ufeff \t\r\n").encode().lower()
    if head.startswith(b"<") or any(tag in head for tag in _MARKUP):
        raise errors.UnsupportedMediaType("HTML, SVG and XML are not accepted")
    return "text/csv" if _looks_like_csv(text) else "text/plain"


def _looks_like_csv(text: str) -> bool:
    """At least two lines, each of the first ten with the same number (one or more) of one
    delimiter."""
    lines = [line for line in text[:16384].splitlines()[:10] if line.strip()]
    if len(lines) < 2:
        return False
    for delimiter in (",", ";", "\t"):
        counts = {line.count(delimiter) for line in lines}
        if len(counts) == 1 and counts.pop() > 0:
            return True
    return False
