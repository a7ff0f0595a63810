"""The picture link previews show for a page (og:image): its Arabic and English titles, set offline.

Arabic must be shaped (letters joined, right to left) or it is unreadable, so the picture is made
only when Pillow has libraqm (its wheels bundle it and load the system's FriBiDi); without it the
page simply has no preview image rather than a broken one.
"""

from __future__ import annotations

import io
from functools import lru_cache
from importlib.resources import files

from PIL import Image, ImageDraw, ImageFont, features

SIZE = (1200, 630)
MARGIN = 72
FONT = files("muwazi") / "fonts" / "NotoNaskhArabic-Bold.ttf"  # full Google Fonts build: Arabic and Latin
BACKGROUND, INK, MUTED, RULE = "#fbfaf7", "#1b2427", "#4f5b60", "#1f4e5a"


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
    return font, lines[: max_lines - 1] + [lines[max_lines - 1] + " …"]


def preview_png(title_ar: str, title_en: str, site_name: str) -> bytes:
    """A 1200×630 PNG: the site's name, then the Arabic title set right to left over the English
    title, the two centred in the space left below the name."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    width, right = SIZE[0] - 2 * MARGIN, SIZE[0] - MARGIN
    draw.rectangle((0, 0, SIZE[0], 14), fill=RULE)
    draw.text((right, 44), site_name, font=_font(34), fill=RULE, anchor="ra", direction="rtl", language="ar")
    arabic_font, arabic = _fitted(title_ar, (64, 56, 48, 42), width, 3, "rtl", "ar")
    arabic_step = round(arabic_font.size * 1.55)
    english_font, english = _fitted(title_en, (40, 34, 30), width, 3, "ltr", "en") if title_en else (None, [])
    english_step = round(english_font.size * 1.45) if english_font else 0
    height = len(arabic) * arabic_step + (44 + len(english) * english_step if english else 0)
    y = max(110, 100 + (SIZE[1] - 100 - height) // 2)
    for line in arabic:
        draw.text((right, y), line, font=arabic_font, fill=INK, anchor="ra", direction="rtl", language="ar")
        y += arabic_step
    if english:
        y += 16
        draw.line((MARGIN, y, SIZE[0] - MARGIN, y), fill="#d9dee0", width=2)
        y += 28
        for line in english:
            draw.text((MARGIN, y), line, font=english_font, fill=MUTED, anchor="la", direction="ltr", language="en")
            y += english_step
    out = io.BytesIO()
    # zlib's quickest level: a slightly larger picture costs a reader little, while compressing
    # harder costs every build that draws the pictures.
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


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
