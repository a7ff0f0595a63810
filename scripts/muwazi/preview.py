"""The picture link previews show for a page (og:image): its Arabic and English titles, set offline.

Arabic must be shaped (letters joined, right to left) or it is unreadable, so the picture is made
only when Pillow has libraqm (its wheels bundle it and load the system's FriBiDi); without it the
page simply has no preview image rather than a broken one.

The picture holds five colours and the blends of each ink into the background, so it is drawn as
one byte of ink coverage per pixel and saved with a palette: a third of the pixels' bytes to
compress, against a full-colour picture that looks the same.
"""

from __future__ import annotations

import io
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont, features

from .files import write_atomically

SIZE = (1200, 630)
MARGIN = 72
FONT = files("muwazi") / "fonts" / "NotoNaskhArabic-Bold.ttf"  # Arabic and Latin; fonts/README.md says how it was made
BACKGROUND, INK, MUTED, RULE, SEPARATOR = "#fbfaf7", "#1b2427", "#4f5b60", "#1f4e5a", "#d9dee0"
HEADER = 100  # the band of the top rule and the site's name; the titles start below it
LEVELS = 64  # steps of each ink's blend into the background: more than an eye tells apart
BANDS = (RULE, INK, MUTED)  # the header's ink, the Arabic title's, the English title's, top to bottom
SEPARATOR_INDEX = len(BANDS) * LEVELS  # the palette's last colour; the line is drawn without blending


def can_shape_arabic() -> bool:
    return bool(features.check("raqm"))


@lru_cache(maxsize=None)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size, layout_engine=ImageFont.Layout.RAQM)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, direction: str, language: str) -> list[str]:
    """Greedy line breaking at spaces, measuring each line as it will be shaped."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate, direction=direction, language=language) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _fitted(text: str, sizes: tuple[int, ...], width: int, max_lines: int, direction: str, language: str):
    """The largest size at which the text fits in max_lines lines (the smallest size otherwise, cut with …)."""
    for size in sizes:
        font = _font(size)
        lines = _wrap(text, font, width, direction, language)
        if len(lines) <= max_lines:
            return font, lines
    last = lines[max_lines - 1]
    while " " in last and font.getlength(f"{last} …", direction=direction, language=language) > width:
        last = last.rpartition(" ")[0]  # the ellipsis must fit in the line it ends
    return font, lines[: max_lines - 1] + [f"{last} …"]


def _palette() -> list[int]:
    """Each band's ink blended into the background in LEVELS steps, then the separator's colour."""
    background = ImageColor.getrgb(BACKGROUND)
    palette: list[int] = []
    for ink in map(ImageColor.getrgb, BANDS):
        for level in range(LEVELS):
            palette += [round(b + (i - b) * level / (LEVELS - 1)) for b, i in zip(background, ink, strict=True)]
    return palette + list(ImageColor.getrgb(SEPARATOR))


class Painter:
    """Draws a site's previews; the parts every picture shares (the top rule and the site's name)
    are laid out once, when it is made, and copied into each picture."""

    def __init__(self, site_name: str) -> None:
        self.header = Image.new("L", SIZE, 0)  # ink coverage: 0 is the background, 255 full ink
        draw = ImageDraw.Draw(self.header)
        draw.rectangle((0, 0, SIZE[0], 14), fill=255)
        draw.text(
            (SIZE[0] - MARGIN, 44), site_name, font=_font(34), fill=255, anchor="ra", direction="rtl", language="ar"
        )
        self.palette = _palette()
        self.to_band = [
            [band * LEVELS + round(c * (LEVELS - 1) / 255) for c in range(256)] for band in range(len(BANDS))
        ]

    def png(self, title_ar: str, title_en: str) -> bytes:
        """A 1200×630 PNG: the site's name, then the Arabic title set right to left over the English
        title, the two centred in the space left below the name."""
        image = self.header.copy()
        draw = ImageDraw.Draw(image)
        width, right = SIZE[0] - 2 * MARGIN, SIZE[0] - MARGIN
        arabic_font, arabic = _fitted(title_ar, (64, 56, 48, 42), width, 3, "rtl", "ar")
        arabic_step = round(arabic_font.size * 1.55)
        english_font, english = _fitted(title_en, (40, 34, 30), width, 3, "ltr", "en") if title_en else (None, [])
        english_step = round(english_font.size * 1.45) if english_font else 0
        height = len(arabic) * arabic_step + (44 + len(english) * english_step if english else 0)
        y = max(HEADER + 10, HEADER + (SIZE[1] - HEADER - height) // 2)
        for line in arabic:
            draw.text((right, y), line, font=arabic_font, fill=255, anchor="ra", direction="rtl", language="ar")
            y += arabic_step
        separator = y + 16 if english else SIZE[1]
        y = separator + 28
        for line in english:
            draw.text((MARGIN, y), line, font=english_font, fill=255, anchor="la", direction="ltr", language="en")
            y += english_step
        # coverage becomes a palette index: each band's coverage picks a step of that band's ink
        for band, (top, bottom) in enumerate(((0, HEADER), (HEADER, separator), (separator, SIZE[1]))):
            if bottom > top:
                box = (0, top, SIZE[0], bottom)
                image.paste(image.crop(box).point(self.to_band[band]), box)
        if english:
            draw.line((MARGIN, separator, SIZE[0] - MARGIN, separator), fill=SEPARATOR_INDEX, width=2)
        image.putpalette(self.palette)
        out = io.BytesIO()
        # zlib's quickest level: a slightly larger picture costs a reader little, while compressing
        # harder costs every build that draws the pictures.
        image.save(out, format="PNG", compress_level=1)
        return out.getvalue()


def draw_into_cache(painter: Painter, batch: list[tuple[Path, tuple[str, str]]]) -> None:
    """Draw each (cache file, titles) of the batch; a worker process's share of a build's pictures."""
    for path, titles in batch:
        write_atomically(path, painter.png(*titles), durable=False)


def icon_png(size: int) -> bytes:
    """The app's square icon: the site's initial, «م», in the page's colour on the header's. The
    letter stands inside the middle four-fifths, which a launcher keeps when it masks the icon
    to a circle; a lone letter needs no shaping, so Pillow's own layout sets it."""
    image = Image.new("RGB", (size, size), RULE)
    font = ImageFont.truetype(str(FONT), round(size * 0.62), layout_engine=ImageFont.Layout.BASIC)
    ImageDraw.Draw(image).text((size / 2, size * 0.45), "م", font=font, fill=BACKGROUND, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
