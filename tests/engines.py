"""The site built by each supported engine, compared page by page: ``python -m tests.engines``.

MkDocs 1.6.1 and ProperDocs 1.6.7 (MkDocs 1.x continued) both read ``mkdocs.yml``
and run the same hooks and theme; the pages they write differ only in the
``generator`` meta tag, which names the engine. CI builds the project with both
(``.ci/run``) and fails on any other difference.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ENGINES = ("mkdocs", "properdocs")
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def build(project: Path, engine: str, site_dir: Path) -> subprocess.CompletedProcess:
    """``<engine> build --strict`` of ``project`` into ``site_dir``, with this checkout's package."""
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    command = [str(Path(sys.executable).with_name(engine)), "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=1200)


def differences(one: Path, other: Path) -> list[str]:
    """Files only in one site, and files whose bytes differ once the generator meta tag is set aside."""
    ours = {p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file()}
    theirs = {p.relative_to(other).as_posix() for p in other.rglob("*") if p.is_file()}
    found = [f"only in {one}: {name}" for name in sorted(ours - theirs)] + [f"only in {other}: {name}" for name in sorted(theirs - ours)]
    for name in sorted(ours & theirs):
        a, b = (one / name).read_bytes(), (other / name).read_bytes()
        if a != b and GENERATOR.sub(b"", a) != GENERATOR.sub(b"", b):
            found.append(f"differs: {name}")
    return found


def main() -> int:
    project = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    out = project / "site-engines"
    shutil.rmtree(out, ignore_errors=True)
    for engine in ENGINES:
        result = build(project, engine, out / engine)
        if result.returncode != 0:
            print(f"engines: {engine} build failed:\n{result.stderr}", file=sys.stderr)
            return 1
    found = differences(out / ENGINES[0], out / ENGINES[1])
    pages = sum(1 for _ in (out / ENGINES[0]).rglob("*.html"))
    if found:
        print("engines: the sites differ:\n" + "\n".join(found[:50]), file=sys.stderr)
        return 1
    print(f"engines: {' and '.join(ENGINES)} built the same {pages} pages (the generator meta tag apart)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
