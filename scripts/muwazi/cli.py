"""`muwazi`: generate the pages, build or serve the site.

An error prints one line (for refused input: file:line: what is wrong and what to do) and the
command ends with one of the exit codes in errors.py; --verbose adds the traceback.
"""

from __future__ import annotations

import errno
import glob
import logging
import os
import shutil
import sys
import tempfile
import traceback
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import click
from mkdocs.exceptions import MkDocsException

from . import align, machine
from .actors import KINDS, add_draft, draft_id
from .arabic import folded
from .build import (
    FoundCandidate,
    alignment_notes,
    check_translations,
    docs_held,
    find_candidates,
    generate,
    generate_under_lock,
    log,
)
from .checks import WARNING
from .config import load, plugin_in, plugin_overrides, project_of
from .engines import ENGINES, Policy
from .errors import FAILED, INTERRUPTED, REFUSED, SUCCESS, SYSTEM, USAGE, MuwaziError, display
from .files import held, meant_for
from .incremental import Built, fingerprint, read_record, spare_of, write_record


@dataclass(frozen=True)
class Options:
    """The options every command shares."""

    config_file: Path

    def checked_config_file(self) -> Path:
        if not self.config_file.is_file():
            raise MuwaziError(
                "no MkDocs configuration here: run muwazi from the project folder or pass -f", self.config_file
            )
        return self.config_file


class _Muwazi(click.Group):
    """The command group, turning what a command raises into one line and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except MuwaziError as error:
            return _failed(ctx, error, REFUSED)
        except MkDocsException as error:  # MkDocs' own errors: its build failed
            return _failed(ctx, error, FAILED)
        except click.ClickException:
            raise  # a usage error of a command: click shows it
        except KeyboardInterrupt:
            _said_in_verbose(ctx)
            print(
                "muwazi: interrupted; no file was left half-written (docs/ and site/ hold whole pages)",
                file=sys.stderr,
            )
            return INTERRUPTED
        except Exception as error:
            said = system_failure(error)  # a disk full, a folder not writable, a worker killed
            if said is not None:
                _said_in_verbose(ctx)
                print(f"muwazi: error: {said}", file=sys.stderr)
                return SYSTEM
            return _failed(ctx, error, FAILED, f"{type(error).__name__}: ")


_DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}
_NOTHING_HALF_WRITTEN = "no file was left half-written"


def system_failure(error: BaseException) -> str | None:
    """What the CLI says, in one line, when the machine rather than the input stopped a command
    (exit code SYSTEM); None for any other error."""
    if isinstance(error, BrokenProcessPool):
        return (
            "a worker process ended before its work was done (killed, or out of memory): "
            f"nothing was changed and {_NOTHING_HALF_WRITTEN}; run the command again"
        )
    if not isinstance(error, OSError) or error.errno not in _DISK_FULL | _NOT_WRITABLE:
        return None
    where = error.filename2 or error.filename  # a rename's target, else the file written
    at = f"{display(_as_the_user_knows(Path(where)))}: " if where else ""
    if error.errno in _DISK_FULL:
        return f"{at}no space left on the disk: free some space and run the command again; {_NOTHING_HALF_WRITTEN}"
    what = "the file system is read-only" if error.errno == errno.EROFS else "this user may not write there"
    return f"{at}{what}: make the folder writable and run the command again; {_NOTHING_HALF_WRITTEN}"


def _as_the_user_knows(path: Path) -> Path:
    """The path with each staged file or staging folder in it named as what it was to become
    (site/ for a build's staging folder), so the message names what the user knows."""
    return Path(*(meant.name if (meant := meant_for(Path(part))) else part for part in path.parts))


def _said_in_verbose(ctx: click.Context) -> None:
    if ctx.params.get("verbose"):
        traceback.print_exc()


def _failed(ctx: click.Context, error: Exception, code: int, kind: str = "") -> int:
    _said_in_verbose(ctx)
    print(f"muwazi: error: {kind}{error}", file=sys.stderr)
    return code


@click.group(cls=_Muwazi, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-f",
    "--config-file",
    default="mkdocs.yml",
    type=click.Path(path_type=Path),
    help="the MkDocs configuration (default: mkdocs.yml)",
)
@click.option("-v", "--verbose", is_flag=True, help="log debug messages, and print the traceback of an error")
@click.pass_context
def cli(ctx: click.Context, config_file: Path, verbose: bool) -> None:
    """Arabic articles as bilingual reading pages."""
    _log_to_terminal(logging.DEBUG if verbose else logging.INFO)
    ctx.obj = Options(config_file.resolve())


allow_pending_option = click.option(
    "--allow-pending", is_flag=True, help="render segments the memory lacks with a 'translation pending' mark"
)


no_wait_option = click.option(
    "--no-wait", is_flag=True, help="exit at once with an error while another muwazi run writes the same folder"
)


@cli.command("generate")
@allow_pending_option
@no_wait_option
@click.pass_obj
def generate_command(options: Options, allow_pending: bool, no_wait: bool) -> int:
    """write the generated pages into docs/ (no MkDocs build)"""
    config = load(options.checked_config_file(), allow_pending)
    generate(project_of(config), plugin_in(config).config.allow_pending, wait=not no_wait)
    return SUCCESS


@cli.command("build")
@allow_pending_option
@click.option("-d", "--site-dir", type=click.Path(path_type=Path), help="where to build (default: site/)")
@click.option("--clean", is_flag=True, help="build every page again (default: only the pages that changed)")
@no_wait_option
@click.pass_obj
def build_command(options: Options, allow_pending: bool, site_dir: Path | None, clean: bool, no_wait: bool) -> int:
    """generate the pages and build site/ (strict), incrementally when it can"""
    overrides = {"site_dir": str(site_dir.resolve())} if site_dir else {}
    config = load(options.checked_config_file(), allow_pending, strict=True, **overrides)
    plugin = plugin_in(config)
    project, site = project_of(config), Path(config.site_dir)
    # One build at a time on site/, and no other run changing docs/ while MkDocs reads it.
    with (
        held(site, f"another muwazi build is running on {display(site)}/", not no_wait),
        docs_held(project, not no_wait),
    ):
        generate_under_lock(project, plugin.config.allow_pending)  # refused input ends here, site/ untouched
        plugin.pages_are_fresh = True
        try:
            build_site(config, clean)
        finally:
            plugin.pages_are_fresh = False  # MkDocs keeps the plugin for the next build in this process
    return SUCCESS


@cli.command("serve")
@allow_pending_option
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
@click.pass_obj
def serve_command(options: Options, allow_pending: bool, dev_addr: str) -> int:
    """build and serve with live reload of content/, docs/, overrides/"""
    config_file = options.checked_config_file()
    config = load(config_file, allow_pending)
    generate(project_of(config), plugin_in(config).config.allow_pending)  # refuse bad input before serving
    from mkdocs.commands.serve import serve as mkdocs_serve  # here, not above: only serving needs it

    # MkDocs loads the configuration again at each rebuild, with these overrides each time; it
    # rebuilds only the pages that changed (its dirty build: the plugin starts the folder again
    # when what every page depends on changed, see incremental.restart_if_changed).
    mkdocs_serve(
        str(config_file),
        build_type="dirty",
        dev_addr=dev_addr,
        strict=True,
        watch_theme=True,
        **plugin_overrides(config_file, allow_pending),
    )
    return SUCCESS


PROGRESS_FROM = 50  # articles; a shorter run needs no progress report


@cli.command("check")
@click.option("--strict", is_flag=True, help="exit with code 1 when anything is found (for CI)")
@click.pass_obj
def translations_check_command(options: Options, strict: bool) -> int:
    """check every translation against its Arabic, and list candidate actors (see `actors check`)"""
    project = project_of(load(options.checked_config_file()))

    def progress(done: int, total: int) -> None:
        if total >= PROGRESS_FROM and (done % PROGRESS_FROM == 0 or done == total):
            print(f"muwazi: checked {done} of {total} articles", file=sys.stderr)

    findings, notes = check_translations(project, progress)
    for finding in findings:
        warning = "warning: " if finding.severity == WARNING else ""
        print(f"{display(finding.path)}:{finding.line}: {finding.check}: {warning}{finding.message}")
    for note in notes:  # for an editor to look at, not failures: --strict passes them
        print(f"{display(note.path)}:{note.line}: {note.kind}: {note.message}")
    found_all, known = find_candidates(project)
    for found in found_all:
        print(_actors_line(found, "actors"))
    candidates = sum(not found.doubt for found in found_all)
    doubts = len(found_all) - candidates
    articles = len({finding.path for finding in findings})
    warnings = sum(finding.severity == WARNING for finding in findings)
    print(
        f"{len(findings)} finding{'s' * (len(findings) != 1)} in {articles} article{'s' * (articles != 1)}"
        f" ({warnings} warning{'s' * (warnings != 1)}); {candidates} candidate actor"
        f"{'s' * (candidates != 1)} unknown to {display(project.gazetteer)} ({known} actors)"
        + (f"; {doubts} name{'s' * (doubts != 1)} left unlinked" if doubts else "")
        + f"; {len(notes)} paragraph{'s' * (len(notes) != 1)} with a pinned or unsure alignment"
        + ("" if findings or found_all or notes else ": nothing to look at")
    )
    return FAILED if strict and (findings or found_all) else SUCCESS


def _actors_line(found: FoundCandidate, label: str) -> str:
    """One candidate actor, or one name left unlinked, at its file and line, under a label."""
    where = f"{display(found.path)}:{found.segment.line}: {label}"
    if found.doubt:
        return f"{where}: «{found.name}» {found.doubt}  ↔ {found.context}"
    return f"{where}: {found.name}  ← {found.context}" + (f"  = {found.english}" if found.english else "")


@cli.group("actors")
def actors_group() -> None:
    """work on the gazetteer (content/actors.yml)"""


@actors_group.command("check")
@click.option("--strict", is_flag=True, help="exit with code 1 when there is any candidate (for CI)")
@click.pass_obj
def check_command(options: Options, strict: bool) -> int:
    """list candidate actors: names after titles and cue words that actors.yml does not know"""
    project = project_of(load(options.checked_config_file()))
    found_all, known = find_candidates(project)
    for found in found_all:
        print(_actors_line(found, f"#{found.segment.anchor or 'top'}"))
    candidates = [found for found in found_all if not found.doubt]
    names = len({folded(found.name) for found in candidates})
    doubts = len(found_all) - len(candidates)
    if candidates:
        print(
            f"{len(candidates)} candidate mentions of {names} names unknown to {display(project.gazetteer)} "
            f"({known} actors): add those that are actors, with their spellings"
            + (f"; {doubts} names left unlinked" if doubts else "")
        )
    elif doubts:
        print(f"no candidate actors; {doubts} names left unlinked: add the spelling or the namesake they are")
    else:
        print(f"no candidate actors: every name after a title or cue word is in {display(project.gazetteer)}")
    return FAILED if strict and found_all else SUCCESS


@actors_group.command("add")
@click.argument("name")
@click.option("--english", help="the English name (default: as the translation writes it)")
@click.option("--kind", type=click.Choice(KINDS), help="person, state or organisation (default: a guess)")
@click.option("--id", "actor_id", help="the actor's id (default: made from the English name)")
@click.pass_obj
def add_command(options: Options, name: str, english: str | None, kind: str | None, actor_id: str | None) -> int:
    """add a candidate that `muwazi actors check` lists to actors.yml, as a draft without description"""
    project = project_of(load(options.checked_config_file()))
    found = next((c for c in find_candidates(project)[0] if not c.doubt and folded(c.name) == folded(name)), None)
    english = english or (found.english if found else None)
    if not english:
        where = "no translation names it" if found else "it is no candidate of `muwazi actors check`"
        raise MuwaziError(f"no English name for «{name}» ({where}): give it with --english", project.gazetteer)
    kind = kind or (found.kind if found else "person")
    actor_id = actor_id or draft_id(english)
    add_draft(project.gazetteer, actor_id, kind, found.name if found else name, english)
    print(
        f"added {actor_id} ({kind}) to {display(project.gazetteer)} as a draft: "
        "add its spellings, and a description (until then its page shows none)"
    )
    return SUCCESS


@cli.group("align")
def align_group() -> None:
    """the units each paragraph is aligned in (see README: Sentence alignment)"""


@align_group.command("fit")
@click.pass_obj
def align_fit_command(options: Options) -> int:
    """fit the length model on the translation memory and write content/alignment.json"""
    project = project_of(load(options.checked_config_file()))
    model = align.fit(project.translations)
    path = align.write_model(model, project.content)
    print(f"{display(path)}: {align.describe(model)}")
    return SUCCESS


@align_group.command("check")
@click.pass_obj
def align_check_command(options: Options) -> int:
    """list the paragraphs whose alignment is pinned in the memory, or left whole as unsure"""
    project = project_of(load(options.checked_config_file()))
    notes = alignment_notes(project)
    for note in notes:
        print(f"{display(note.path)}:{note.line}: {note.kind}: {note.message}")
    print(f"{len(notes)} paragraphs to look at" if notes else "every paragraph's alignment is sure, none is pinned")
    return SUCCESS


_DEFAULTS = Policy()


@cli.command("translate")
@click.argument("articles", nargs=-1, metavar="[ARTICLE]...")
@click.option("--engine", default="google", type=click.Choice(sorted(ENGINES)), help="the engine (default: google)")
@click.option("--url", help="the LibreTranslate server, e.g. http://127.0.0.1:5000/")
@click.option("--dry-run", is_flag=True, help="list what would be sent and its size; send nothing")
@click.option("--retranslate-fuzzy", is_flag=True, help="also redo unreviewed (fuzzy) entries")
@click.option(
    "--timeout",
    type=float,
    default=_DEFAULTS.read_timeout,
    metavar="SECONDS",
    help=f"give up waiting for an answer after this long (default {_DEFAULTS.read_timeout:g}; connecting: at most {_DEFAULTS.connect_timeout:g})",
)
@click.option(
    "--retries",
    type=int,
    default=_DEFAULTS.retries,
    metavar="N",
    help=f"tries after the first on rate limits, server errors and timeouts (default {_DEFAULTS.retries})",
)
@click.option("--delay", type=float, metavar="SECONDS", help="least time between two requests (default: the engine's)")
@click.pass_obj
def translate_command(
    options: Options,
    articles: tuple[str, ...],
    engine: str,
    url: str | None,
    dry_run: bool,
    retranslate_fuzzy: bool,
    timeout: float,
    retries: int,
    delay: float | None,
) -> int:
    """fill the translation memory with machine translation (online)

    ARTICLE: file names in content/articles/ (default: all). Keys come from the environment only.
    """
    if timeout <= 0 or retries < 0 or (delay or 0) < 0:
        raise MuwaziError("--timeout must be above 0, --retries and --delay 0 or more")
    policy = Policy(
        connect_timeout=min(Policy.connect_timeout, timeout), read_timeout=timeout, retries=retries, delay=delay
    )
    project = project_of(load(options.checked_config_file()))
    return machine.run(project, list(articles), engine, url, dry_run, retranslate_fuzzy, policy)


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


def _log_to_terminal(level: int) -> None:
    for name in ("mkdocs", "muwazi"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, _TerminalHandler) for h in logger.handlers):
            logger.addHandler(_TerminalHandler())
        logger.setLevel(level)
        logger.propagate = False


def build_site(config, clean: bool = False) -> None:
    """Build into a folder beside site/ and put it in place only once the build succeeded, so a
    failed build (a strict-mode warning, say) leaves site/ whole; the site/ it replaces is kept as
    the spare the next build builds into with MkDocs' dirty build, when the spare can be trusted
    (see incremental.py; never when `clean`). Otherwise the build is clean, into a fresh folder.
    The caller holds site/'s lock, so the staging folders beside site/ are a killed run's: removed
    first, and the spare too unless it is trusted."""
    site = Path(config.site_dir)
    spare = spare_of(site)
    inputs = fingerprint(config, site)
    built = read_record(site)
    dirty = not clean and built.spare == inputs and spare.is_dir()
    write_record(site, Built(site=built.site))  # the spare changes from here on
    for leftover in site.parent.glob(f".{glob.escape(site.name)}.*"):
        if leftover.is_dir() and meant_for(leftover) == site and not (dirty and leftover == spare):
            log.info("muwazi: removing %s, which this build cannot build on …", leftover.name)  # may take a while
            shutil.rmtree(leftover, ignore_errors=True)
    if dirty:
        staging = spare
    else:
        staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.building.", dir=site.parent))
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # as MkDocs would make site/, not mkdtemp's owner-only
    log.info("muwazi: %s build", "incremental (dirty)" if dirty else "clean")
    previous = site.with_name(f".{site.name}.previous.{os.urandom(4).hex()}")  # unique, in meant_for's pattern
    config.site_dir = str(staging)
    from mkdocs.commands.build import build as mkdocs_build  # here, not above: `generate` never needs it

    # As MkDocs' own build command does: a plugin instance outlives its configuration within one
    # process (MkDocs keeps those with on_startup), and must hear that this run builds, not serves.
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        mkdocs_build(config, dirty=dirty)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # half-built and unvouched for: of no use to the next build
        raise
    finally:
        config.plugins.on_shutdown()
        config.site_dir = str(site)
    write_record(site, Built())  # site/ and the spare change places
    try:
        if site.exists():
            site.rename(previous)
        staging.rename(site)
        if previous.exists():
            previous.rename(spare)
    except BaseException:
        if previous.exists() and not site.exists():
            previous.rename(site)  # the old site/ back in place
        raise
    write_record(site, Built(site=inputs, spare=built.site if spare.exists() else None))


def main(argv: list[str] | None = None) -> int:
    """Run one command line (sys.argv's when None) and return its exit code."""
    try:
        code = cli.main(argv, prog_name="muwazi", standalone_mode=False)  # --help returns 0
    except click.ClickException as error:
        error.show()
        return USAGE if isinstance(error, click.UsageError) else FAILED
    except click.exceptions.Abort:  # Ctrl-C while click itself was reading the command line
        print("muwazi: interrupted; nothing was written", file=sys.stderr)
        return INTERRUPTED
    return SUCCESS if code is None else code


def run() -> None:
    """The `muwazi` command."""
    sys.exit(main())


if __name__ == "__main__":
    run()
