"""`muwazi`: generate the pages, build or serve the site.

Refused input prints one line (file:line: what is wrong and what to do) and exits with code 2.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import shutil
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from . import machine
from .arabic import folded
from .build import Project, find_candidates, generate
from .engines import ENGINES, Policy
from .errors import MuwaziError, display

REFUSED = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="muwazi", description="Arabic articles as bilingual reading pages.")
    parser.add_argument(
        "-f", "--config-file", default="mkdocs.yml", help="the MkDocs configuration (default: mkdocs.yml)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    pending = argparse.ArgumentParser(add_help=False)
    pending.add_argument(
        "--allow-pending",
        action="store_true",
        help="render segments the memory lacks with a 'translation pending' mark",
    )
    commands.add_parser("generate", parents=[pending], help="write the generated pages into docs/ (no MkDocs build)")
    build = commands.add_parser("build", parents=[pending], help="generate the pages and build site/ (strict)")
    build.add_argument("-d", "--site-dir", help="where to build (default: site/)")
    serve = commands.add_parser(
        "serve", parents=[pending], help="build and serve with live reload of content/ and docs/"
    )
    serve.add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)"
    )
    actors = commands.add_parser("actors", help="work on the gazetteer (content/actors.yml)")
    actors_commands = actors.add_subparsers(dest="actors_command", required=True)
    check = actors_commands.add_parser(
        "check", help="list candidate actors: names after titles and cue words that actors.yml does not know"
    )
    check.add_argument("--strict", action="store_true", help="exit with code 1 when there is any candidate (for CI)")
    _add_translate(commands)
    return parser


def _check_actors(project: Project, strict: bool) -> int:
    """Print each candidate as `file:line: #anchor: name  ← context`; 1 under --strict when any is found."""
    candidates, known = find_candidates(project)
    for found in candidates:
        where = f"{display(found.path)}:{found.segment.line}: #{found.segment.anchor or 'top'}"
        print(f"{where}: {found.name}  ← {found.context}")
    names = len({folded(found.name) for found in candidates})
    if candidates:
        print(
            f"{len(candidates)} candidate mentions of {names} names unknown to {display(project.gazetteer)} "
            f"({known} actors): add those that are actors, with their spellings"
        )
    else:
        print(f"no candidate actors: every name after a title or cue word is in {display(project.gazetteer)}")
    return 1 if strict and candidates else 0


def _add_translate(commands) -> None:
    """`muwazi translate`: machine translation into the memory (keys come from the environment only)."""
    translate = commands.add_parser("translate", help="fill the translation memory with machine translation (online)")
    translate.add_argument(
        "articles", nargs="*", metavar="ARTICLE", help="file names in content/articles/ (default: all)"
    )
    translate.add_argument("--engine", default="google", choices=sorted(ENGINES), help="the engine (default: google)")
    translate.add_argument("--url", help="the LibreTranslate server, e.g. http://127.0.0.1:5000/")
    translate.add_argument("--dry-run", action="store_true", help="list what would be sent and its size; send nothing")
    translate.add_argument("--retranslate-fuzzy", action="store_true", help="also redo unreviewed (fuzzy) entries")
    defaults = Policy()
    translate.add_argument(
        "--timeout",
        type=float,
        default=defaults.read_timeout,
        metavar="SECONDS",
        help=f"give up waiting for an answer after this long (default {defaults.read_timeout:g}; connecting: at most {defaults.connect_timeout:g})",
    )
    translate.add_argument(
        "--retries",
        type=int,
        default=defaults.retries,
        metavar="N",
        help=f"tries after the first on rate limits, server errors and timeouts (default {defaults.retries})",
    )
    translate.add_argument(
        "--delay", type=float, metavar="SECONDS", help="least time between two requests (default: the engine's)"
    )


class _TerminalHandler(logging.StreamHandler):
    """Log lines to whatever sys.stderr is at the moment (tests swap it), in MkDocs' own format."""

    def __init__(self):
        super().__init__()
        self.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass


def _log_to_terminal() -> None:
    for name in ("mkdocs", "muwazi"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, _TerminalHandler) for h in logger.handlers):
            logger.addHandler(_TerminalHandler())
        logger.setLevel(logging.INFO)
        logger.propagate = False


def _project(config_file: Path) -> Project:
    config = load_config(str(config_file))
    return config.plugins["muwazi"].project(config)


def build_site(config) -> None:
    """Build into a fresh folder beside site/ and put it in place only once the build succeeded,
    so a failed build (a strict-mode warning, say) leaves the previous site/ whole."""
    site = Path(config.site_dir)
    staging, previous = site.with_name(f".{site.name}.building"), site.with_name(f".{site.name}.previous")
    for leftover in (staging, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    config.site_dir = str(staging)
    from mkdocs.commands.build import build as mkdocs_build  # here, not above: `generate` never needs it

    try:
        mkdocs_build(config)
        if site.exists():
            site.rename(previous)
        staging.rename(site)
    finally:
        config.site_dir = str(site)
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(previous, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _log_to_terminal()
    config_file = Path(args.config_file).resolve()
    if getattr(args, "allow_pending", False):
        os.environ["MUWAZI_ALLOW_PENDING"] = "true"
    try:
        if not config_file.is_file():
            raise MuwaziError(
                "no MkDocs configuration here: run muwazi from the project folder or pass -f", config_file
            )
        if args.command == "generate":
            generate(_project(config_file), allow_pending=args.allow_pending)
        elif args.command == "build":
            overrides = {"site_dir": str(Path(args.site_dir).resolve())} if args.site_dir else {}
            config = load_config(str(config_file), strict=True, **overrides)
            plugin = config.plugins["muwazi"]
            generate(plugin.project(config), allow_pending=args.allow_pending)  # refused input exits 2 here
            plugin.pages_are_fresh = True
            build_site(config)
        elif args.command == "serve":
            generate(_project(config_file), allow_pending=args.allow_pending)  # refuse bad input before serving
            from mkdocs.commands.serve import serve as mkdocs_serve

            mkdocs_serve(str(config_file), dev_addr=args.dev_addr, strict=True)
        elif args.command == "actors":
            return _check_actors(_project(config_file), args.strict)
        elif args.command == "translate":
            if args.timeout <= 0 or args.retries < 0 or (args.delay or 0) < 0:
                raise MuwaziError("--timeout must be above 0, --retries and --delay 0 or more")
            policy = Policy(
                connect_timeout=min(Policy.connect_timeout, args.timeout),
                read_timeout=args.timeout,
                retries=args.retries,
                delay=args.delay,
            )
            return machine.run(
                _project(config_file),
                args.articles,
                args.engine,
                args.url,
                args.dry_run,
                args.retranslate_fuzzy,
                policy,
            )
    except MuwaziError as error:
        print(f"muwazi: error: {error}", file=sys.stderr)
        return REFUSED
    except (Abort, ConfigurationError, PluginError) as error:
        print(f"muwazi: error: {error}", file=sys.stderr)
        return 1
    return 0


def run() -> None:
    """The `muwazi` command. The process ends right after main(): gc.freeze() spares it a last
    collection of every object the build made (a few tenths of a second for a large site)."""
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
