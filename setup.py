"""Only one thing setuptools cannot say in pyproject.toml: the browser
extension (the repository's `extension/` folder) goes into the wheel as
package data, at `hatchery/extension/`, so an installed Hatchery can say
where to load it from (`hatchery extension`)."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SKIPPED = shutil.ignore_patterns("README.md", ".*", "__pycache__", "*.pyc")


class BuildWithExtension(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "hatchery" / "extension"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(ROOT / "extension", target, ignore=SKIPPED)


setup(cmdclass={"build_py": BuildWithExtension})
