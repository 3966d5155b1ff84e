"""`python -m hatchery.cli`: what the service files and the tests run."""

from . import main

main()
