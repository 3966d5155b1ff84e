"""The `hatchery` command: serve, pair, token, status, open, service,
extension, models, export, import, hatch.

Every failure is one line that says what to do, never a traceback
(HATCHERY_DEBUG=1 shows the traceback of an unexpected one).
"""

from __future__ import annotations

import os

import click

from ..config import PRIVATE_UMASK
from . import extension, library, models, pairing, serve, service, transfer


class FriendlyGroup(click.Group):
    """A group whose unexpected errors become one line, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.Abort, click.ClickException, SystemExit,
                KeyboardInterrupt):
            raise
        except Exception as error:  # noqa: BLE001 - the last line of defence
            if os.environ.get("HATCHERY_DEBUG"):
                raise
            raise click.ClickException(
                f"{error} ({type(error).__name__}). If that does not say what to do, run "
                "again with HATCHERY_DEBUG=1 and report what it prints.") from None


@click.group(cls=FriendlyGroup)
@click.version_option(package_name="hatchery")
def main() -> None:
    """Hatchery: your highlights, on your machine."""
    # Everything a command writes (database, token, exports) is the person's alone.
    os.umask(PRIVATE_UMASK)


for command in (serve.serve, pairing.pair, pairing.token, library.status, library.open_library,
                service.service, extension.extension, models.models, transfer.export_command,
                transfer.import_command, transfer.hatch_command):
    main.add_command(command)
