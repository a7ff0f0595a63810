"""Link-preview pictures: drawn only for the pages a share links to, once per content, and legible
(Arabic shaped and right to left, every title inside the picture)."""

from __future__ import annotations

import html
import io
import re
import shutil
from pathlib import Path

import polib
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from helpers import OUTPUT, ROOT, muwazi_in, synthetic_articles, synthetic_project
from muwazi.preview import BACKGROUND, FONT, HEADER, MARGIN, SIZE, Painter, can_shape_arabic
from muwazi.previews import BATCH, CACHE, shows_preview
from muwazi.render.pages import ACTOR_ARTICLES_PER_PAGE

SITE_NAME = re.search(r"^site_name: (.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[1]
ARTICLE_COUNT = (
    2 * ACTOR_ARTICLES_PER_PAGE + 2
)  # actors get a second page (see mention_blocks); enough pictures for the worker processes

pytestmark = pytest.mark.skipif(not can_shape_arabic(), reason="Pillow lacks libraqm: no previews are made")


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("index.md", True),
        ("articles/2018-06-01-moscow-putin-kim-summit.md", True),
        ("glossary/vladimir-putin.md", True),
        ("glossary/vladimir-putin--2.md", False),
        ("glossary/index.md", False),
        ("search.md", False),
        ("archive/index.md", False),
        ("archive/2018/06/index.md", False),
        ("about.md", False),
    ],
)
def test_only_shared_pages_show_a_picture(page, shown):
    assert shows_preview(page) is shown


# --- the real build --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = synthetic_project(tmp_path_factory.mktemp("previews") / "project", synthetic_articles(ARTICLE_COUNT))
    assert muwazi_in(project, ["build"]) == 0
    return project


def pictures_in(site: Path) -> set[str]:
    return {path.parent.relative_to(site).as_posix() for path in site.rglob("preview.png")}


def og_image_pages(site: Path) -> set[str]:
    return {
        path.parent.relative_to(site).as_posix()
        for path in site.rglob("index.html")
        if 'property="og:image"' in path.read_text(encoding="utf-8")
    }


@pytest.mark.slow
def test_the_build_draws_articles_actors_first_pages_and_home_only(built):
    site = built / "site"
    articles = {f"articles/{path.stem}" for path in (built / "content" / "articles").glob("*.txt")}
    actors = {path.parent.relative_to(site).as_posix() for path in (site / "glossary").glob("*/index.html")}
    first_pages = {actor for actor in actors if "--" not in actor}
    assert len(articles) == ARTICLE_COUNT and first_pages and first_pages != actors  # some actors have a page 2
    assert pictures_in(site) == articles | first_pages | {"."}
    assert og_image_pages(site) == pictures_in(site)  # every picture is announced, and only those
    assert (site / "archive").is_dir() and (site / "search").is_dir()
    with Image.open(site / "articles" / sorted(articles)[0].partition("/")[2] / "preview.png") as picture:
        assert picture.size == SIZE and picture.mode == "P"


def drawn_in(log: str) -> tuple[int, int]:
    found = re.search(r"link previews ready in [\d.]+ s \((\d+) drawn, (\d+) from the cache\)", log)
    assert found, log
    return int(found[1]), int(found[2])


@pytest.mark.slow
def test_a_rebuild_draws_only_the_picture_whose_title_changed(built, tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    cache = project / CACHE
    pictures = len(pictures_in(project / "site"))
    assert len(list(cache.glob("*.png"))) == pictures and pictures > BATCH  # drawn by worker processes
    before = {path: path.read_bytes() for path in (project / "site").rglob("preview.png")}

    capsys.readouterr()
    assert muwazi_in(project, ["build"]) == 0
    assert drawn_in(capsys.readouterr().err) == (0, pictures)
    assert {path: path.read_bytes() for path in (project / "site").rglob("preview.png")} == before

    target = retitled(project, "Moscow answers Washington with a summit")
    assert muwazi_in(project, ["build"]) == 0
    assert drawn_in(capsys.readouterr().err) == (1, pictures - 1)
    assert [path for path, data in before.items() if path.read_bytes() != data] == [target]
    assert titles_of(target.parent)[1] == "\u2068Moscow answers Washington with a summit\u2069"
    assert target.read_bytes() == Painter(SITE_NAME).png(*titles_of(target.parent))


def retitled(project: Path, english: str) -> Path:
    """Give the oldest article a new English title; the picture it should now show."""
    po_path = sorted((project / "content" / "translations").glob("*.po"))[0]
    po = polib.pofile(str(po_path))
    title = next(entry for entry in po if entry.msgid.startswith("موسكو"))
    title.msgstr = english
    po.save(str(po_path))
    return project / "site" / "articles" / po_path.stem / "preview.png"


@pytest.mark.slow
def test_an_incremental_build_draws_the_changed_page_only_and_leaves_the_others(built, tmp_path, capsys):
    """MkDocs' dirty build renders only the pages whose Markdown changed: only those are offered,
    the new title is drawn, and every other picture stays as the full build left it."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in (project / "site").rglob("preview.png")}
    target = retitled(project, "Moscow answers Washington with a summit")
    capsys.readouterr()
    config = load_config(
        str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=False
    )  # MkDocs warns of dirty builds
    mkdocs_build(config, dirty=True)
    log = capsys.readouterr().err
    offered = int(re.search(r"link previews for (\d+) pages", log)[1])
    assert drawn_in(log) == (1, offered - 1) and offered < len(before)
    after = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in (project / "site").rglob("preview.png")}
    assert after.keys() == before.keys()
    assert [path for path in before if after[path][0] != before[path][0]] == [target]
    assert target.read_bytes() == Painter(SITE_NAME).png(*titles_of(target.parent))
    untouched = [path for path in before if after[path][1] == before[path][1]]
    assert len(untouched) >= len(before) - offered  # pages MkDocs did not render kept their pictures as they were


def titles_of(folder: Path) -> tuple[str, str]:
    """The titles a built page shows in its h1."""
    page = (folder / "index.html").read_text(encoding="utf-8")
    found = re.search(r'data-title-ar="([^"]*)" data-title-en="([^"]*)"', page)
    return html.unescape(found[1]), html.unescape(found[2])


# --- the picture -----------------------------------------------------------------------------

SEED_AR = 'موسكو تسعى للرد على واشنطن عبر قمة بين "بوتين وكيم".. فهل تنجح روسيا؟'
SEED_EN = 'Moscow seeks to respond to Washington through a "Putin and Kim" summit: will Russia succeed?'
TITLES = {
    "short": ("روسيا", "Russia"),
    "seed": (SEED_AR, SEED_EN),
    "latin-inside-arabic": ("قمة G20 في أوساكا: بوتين يلتقي ترامب على هامش القمة", "G20 in Osaka: Putin meets Trump"),
    "no-english": (SEED_AR, ""),
    "long": (" ".join([SEED_AR] * 4), " ".join([SEED_EN] * 4)),
}


def ink_box(picture: Image.Image) -> tuple[int, int, int, int] | None:
    """Where the picture differs from the background, below the header."""
    grey = picture.convert("L")
    background = Image.new("L", grey.size, Image.new("RGB", (1, 1), BACKGROUND).convert("L").getpixel((0, 0)))
    box = (
        ImageChops.difference(grey, background).point(lambda v: 255 if v > 24 else 0).crop((0, HEADER, *SIZE)).getbbox()
    )
    return box and (box[0], box[1] + HEADER, box[2], box[3] + HEADER)


@pytest.mark.parametrize("case", TITLES)
def test_every_title_stays_inside_the_picture(case):
    data = Painter(SITE_NAME).png(*TITLES[case])
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / f"preview-{case}.png").write_bytes(data)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.size == SIZE and picture.mode == "P"
        left, top, right, bottom = ink_box(picture)
        assert MARGIN - 4 <= left and right <= SIZE[0] - MARGIN + 4 and HEADER < top and bottom < SIZE[1] - 20
        rtl_line_ends_right = SIZE[0] - MARGIN - 4 <= right  # the Arabic sets flush right
        assert rtl_line_ends_right
        separator = Image.new("RGB", (1, 1), "#d9dee0").getpixel((0, 0))
        assert (separator in {colour for _, colour in picture.convert("RGB").getcolors(4096)}) == bool(TITLES[case][1])


def drawn_alone(text: str, engine, **options) -> Image.Image:
    """The text alone in the picture's ink, cut to its ink."""
    font = ImageFont.truetype(str(FONT), 64, layout_engine=engine)
    image = Image.new("RGB", (SIZE[0], 200), BACKGROUND)
    ImageDraw.Draw(image).text((SIZE[0] - MARGIN, 20), text, font=font, fill="#1b2427", anchor="ra", **options)
    return image.crop(ink_box_of(image))


def ink_box_of(image: Image.Image) -> tuple[int, int, int, int]:
    background = Image.new("RGB", image.size, BACKGROUND)
    return ImageChops.difference(image, background).convert("L").point(lambda v: 255 if v > 24 else 0).getbbox()


def ink_apart(one: Image.Image, other: Image.Image) -> float:
    one, other = one.convert("L"), other.convert("L").resize(one.size)
    return sum(ImageChops.difference(one, other).histogram()[i] * i for i in range(256)) / 255


def test_the_pictures_arabic_is_shaped_and_right_to_left():
    """The title in the picture is the one raqm shapes (joined, right to left), not its letters
    reversed and set apart (what a picture without shaping would show)."""
    title = "موسكو"
    with Image.open(io.BytesIO(Painter(SITE_NAME).png(title, ""))) as picture:
        in_picture = picture.convert("RGB").crop(ink_box(picture))
    shaped = drawn_alone(title, ImageFont.Layout.RAQM, direction="rtl", language="ar")
    unjoined = drawn_alone(title[::-1], ImageFont.Layout.BASIC)
    assert in_picture.size == shaped.size
    assert ink_apart(in_picture, shaped) < 0.1 * ink_apart(in_picture, unjoined)
    assert ink_apart(in_picture, unjoined) > 500


def test_the_palette_picture_looks_like_a_full_colour_one():
    """The palette's blends are the inks' own: no pixel is further than a few levels from the
    same text drawn in full colour with the same fonts."""
    painter = Painter(SITE_NAME)
    with Image.open(io.BytesIO(painter.png("روسيا", ""))) as picture:
        palette = picture.convert("RGB")
    full = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(full)
    draw.rectangle((0, 0, SIZE[0], 14), fill="#1f4e5a")
    font = ImageFont.truetype(str(FONT), 34, layout_engine=ImageFont.Layout.RAQM)
    draw.text((SIZE[0] - MARGIN, 44), SITE_NAME, font=font, fill="#1f4e5a", anchor="ra", direction="rtl", language="ar")
    full.paste(palette.crop((0, HEADER, *SIZE)), (0, HEADER))  # the header alone is compared
    assert max(ImageChops.difference(palette, full).convert("L").getextrema()) <= 4


def _flagged_as_overlapping(glyph) -> bool:
    if glyph.isComposite():
        return any(part.flags & 0x0400 for part in glyph.components)  # OVERLAP_COMPOUND
    return glyph.numberOfContours > 0 and bool(glyph.flags[0] & 0x40)  # OVERLAP_SIMPLE


def test_the_font_has_no_glyph_flagged_as_overlapping():
    """FreeType oversamples every glyph flagged as overlapping, which multiplied the drawing's cost;
    a font put in its place must go through the command in scripts/muwazi/fonts/README.md."""
    from fontTools.ttLib import TTFont

    glyphs = TTFont(str(FONT))["glyf"]
    flagged = [name for name in glyphs.keys() if _flagged_as_overlapping(glyphs[name])]
    assert len(glyphs.keys()) > 1000 and flagged == []
