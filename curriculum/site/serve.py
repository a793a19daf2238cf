"""`curriculum serve`: live preview of the facilitator website.

MkDocs' development server with the `curriculum` plugin. It rebuilds and
reloads the browser when anything under sessions/, handouts/,
facilitator_notes/, overrides/, programme.yml or mkdocs.yml changes.

While serving:

- validation errors do not stop the preview: every page shows them in a
  banner (and they are logged), so an author sees the problem and its fix;
- PDFs never hold up a reload: they are brought up to date in the background
  (preview.py); pages link those ready so far, at first the last
  `curriculum build`'s in build/site/.

mkdocs.yml is checked as `curriculum build` checks it (no hooks, no !ENV).
"""

from __future__ import annotations

from pathlib import Path


def serve(root: Path, dev_addr: str = "127.0.0.1:8000") -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    from ..build import BuildError
    from .build import CONFIG_FILE, read_config
    from .plugin import WATCHED

    root = Path(root).resolve()
    try:
        read_config(root)
    except BuildError as error:
        import click

        raise click.ClickException(str(error)) from None
    _show_mkdocs_log()
    watch = [str(root / name) for name in WATCHED if (root / name).exists()]
    # The plugin learns it is serving from MkDocs' on_startup(command="serve")
    # (the server rebuilds in another thread, so no context can be passed).
    previous = _stop_on_sigterm()
    try:
        mkdocs_serve(config_file=str(root / CONFIG_FILE), dev_addr=dev_addr, livereload=True, watch=watch)
    finally:
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous)


def _stop_on_sigterm():
    """SIGTERM stops the server as Ctrl-C does, so its temporary folders go too."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, stop)


def _show_mkdocs_log() -> None:
    """Print MkDocs' messages (the address, rebuilds, findings) as `mkdocs serve` does."""
    import logging

    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "_curriculum", False) for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._curriculum = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.INFO)
