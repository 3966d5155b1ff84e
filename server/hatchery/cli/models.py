"""`hatchery models`: the model servers answering on this machine's usual
ports, and their models, so `--llm-url` and `--llm-model` can be copied
from it (or `--llm auto` left to pick)."""

from __future__ import annotations

import json

import click

from .llm import USUAL_PORTS


@click.command("models")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list of {kind, url, models} instead.")
def models(as_json: bool) -> None:
    """List the model servers on the usual loopback ports and their models."""
    from ..hatch.llm import discover

    servers = discover.discover(servers=discover.KNOWN_SERVERS)
    if as_json:
        click.echo(json.dumps([server.to_dict() for server in servers], indent=2))
        return
    if not servers:
        click.echo(f"No model server answers on the usual ports ({USUAL_PORTS}). Start one "
                   "(e.g. `ollama serve`, then `ollama pull qwen2.5:3b`), or give any other "
                   "endpoint to `hatchery serve --llm-url URL --llm-model NAME`.")
        return
    for server in servers:
        names = ", ".join(server.models) if server.models else "no models loaded"
        click.echo(f"{server.kind} at {server.url}: {names}")
    click.echo("Hatch with one: `hatchery serve --llm-url URL --llm-model NAME`, or "
               "`hatchery serve --llm auto` for the first.", err=True)
